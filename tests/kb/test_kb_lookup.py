"""The actor knowledge base: people by any spelling at a date, bodies by acronym or full name, countries."""

from __future__ import annotations

import pytest

from kg.kb import lookup_body, lookup_country, lookup_person, people
from kg.resolve.actors import clean_person_name, not_a_person
from kg.resolve.keys import actor_key, country_key, match_key, place_key


def qid(name: str, when: str | None = None, before: str | None = None) -> str | None:
    found = lookup_person(name, when, before)
    return found.qid if found else None


def test_the_base_holds_the_seed_and_the_additions() -> None:
    base = people()
    assert len(base) > 700
    assert base["Q58217"].name == "Sergey Lavrov" and base["Q58217"].country == "RU"
    assert base["Q9682"].country == "GB"  # the first row of the hand-made file says which realm is home
    assert all(p.offices for p in base.values())


@pytest.mark.parametrize("name", ["Sergey Lavrov", "Sergei Lavrov", "Sergei Viktorovich Lavrov"])
def test_transliterations_are_one_person(name: str) -> None:
    assert qid(name, "2023-05-04") == "Q58217"


def test_a_middle_initial_the_base_lists_is_the_same_person() -> None:
    assert qid("Donald J. Trump", "2019-06") == qid("Donald Trump", "2019-06") == "Q22686"


def test_people_sharing_a_name_stay_apart() -> None:
    assert qid("George W. Bush") == "Q207"
    assert qid("George H. W. Bush") == "Q23505"
    assert qid("George Bush", "2005") is None  # could be either: linked to neither
    assert qid("Shehbaz Sharif", "2023-01") == "Q2096387"
    nawaz = lookup_person("Nawaz Sharif", "2017")  # a person of the history file, no Wikidata id there
    assert nawaz is not None and nawaz.key == "hand:nawaz-sharif" and nawaz.qid is None


def test_a_surname_alone_needs_someone_in_office_then() -> None:
    assert qid("Sharif", "2023-02-01") == "Q2096387"
    assert qid("Sharif", "2015-02-01") != "Q2096387"  # Shehbaz Sharif took office in 2022 (Nawaz then)
    assert qid("Sharif", before="2015-02-01") is None  # several Sharifs had begun an office by then
    assert qid("Albanese", "2024-05-01") == "Q335697"


def test_a_misspelt_name_or_the_other_name_order_is_found() -> None:
    assert qid("Vladimiar Putin", "2022-01") == "Q7747"
    assert qid("Olaf Sholz", "2022-06") == qid("Olaf Scholz", "2022-06") is not None
    assert qid("Michelle Obama") is None  # same surname, another first name


def test_offices_by_date() -> None:
    truman = lookup_person("Harry S. Truman")
    assert truman is not None
    assert truman.holds_office("1945-07-17") and truman.holds_office("1950")
    assert not truman.holds_office("2024-03-05")
    assert truman.holds_office(None, before="2024-03-05")  # a past contact may date from his term
    assert not truman.holds_office(None, before="1930")
    assert lookup_person("Truman", before="2024-03-05") is truman
    assert lookup_person("Truman", "2024-03-05") is None


def test_bodies_by_acronym_and_full_name() -> None:
    ecowas = lookup_body("ECOWAS")
    assert ecowas is not None and ecowas.name == "Economic Community of West African States"
    assert lookup_body("the Economic Community of West African States") == ecowas and ecowas.short == "ECOWAS"
    g20 = lookup_body("Group of 20")
    assert g20 is not None and g20 == lookup_body("G20") == lookup_body("G-20") and g20.qid == "Q19771"
    sco = lookup_body("SCO")
    assert sco is not None and sco.name == "Shanghai Cooperation Organisation" and sco.key == "sco"
    assert lookup_body("the Rotary Club") is None


def test_countries_have_one_key_and_their_wikidata_id() -> None:
    curacao = lookup_country("Curaçao")
    assert curacao is not None and curacao.key == "curacao" and curacao.qid == "Q25279"
    assert country_key("Curaçao") == place_key("Curaçao") == "curacao"
    russia = lookup_country("Russian")
    assert russia is not None and russia.name == "Russia" and russia.qid == "Q159"
    assert lookup_country("Kazakhstani") is not None


def test_keys_are_readable_and_names_compared_loosely() -> None:
    assert actor_key("Penny Wong") == "penny-wong" and actor_key("Wang Yi") == "wang-yi"
    assert actor_key("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert match_key("Sergei Lavrov") == match_key("Sergey Lavrov")
    assert match_key("Volodymyr Zelenskyy") == match_key("Volodymyr Zelenskiy") == match_key("Volodymyr Zelensky")
    assert match_key("George Bush") != match_key("George W. Bush")


@pytest.mark.parametrize("written,name", [
    ("Kazakhstan Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev"),
    ("Solomon Islands PM Manasseh Sogavare", "Manasseh Sogavare"),
    ("EAM S Jaishankar", "S Jaishankar"),
    ("Gen. Musharraf", "Musharraf"),
    ("Captain Ibrahim Traore", "Ibrahim Traore"),
    ("President of the General Assembly Dennis Francis", "Dennis Francis"),
    ("H. E. Obiang Nguema Mbasogo", "Obiang Nguema Mbasogo"),
    ("Narendra Modi - File Photo", "Narendra Modi"),
    ("Datuk Seri Anwar Ibrahim", "Anwar Ibrahim"),
    ("King Charles", "King Charles"),  # a sovereign named by title and name keeps the title
    ("Jordan Peterson", "Jordan Peterson"),  # a first name that is a country stays
])
def test_titles_never_stay_in_a_name(written: str, name: str) -> None:
    assert clean_person_name(written) == name


def test_what_is_not_a_person() -> None:
    assert clean_person_name("Lough Erne") is None
    assert clean_person_name("Councilor") is None
    assert not_a_person("Sri Lankan") == "country"
    assert not_a_person("Mercosur") == "organisation"
    assert not_a_person("Buenos Aires") == "place"
    assert not_a_person("Anna Lindqvist") is None


def test_armed_groups_by_name_or_acronym() -> None:
    from kg.kb import lookup_group

    eln = lookup_group("the ELN")
    assert eln is not None and eln.name == "National Liberation Army" and eln.country == "CO"
    assert lookup_group("Houthi rebels") is not None and lookup_group("Houthi rebels").name == "Houthis"  # type: ignore[union-attr]
    assert lookup_group("Chile") is None and lookup_group("the government") is None


def test_demonyms_from_the_country_table() -> None:
    from kg.resolve.countries import demonym

    assert [demonym(c) for c in ("Colombia", "Afghanistan", "United Kingdom")] == ["Colombian", "Afghan", "British"]
