"""Sides that are not named people, and trips with several legs (sentences written for this project)."""

from __future__ import annotations

import pytest

from kg.model import Article


@pytest.fixture(scope="module")
def nlp():
    from kg.extract.nlp import load_nlp

    return load_nlp()


def _events(nlp, text: str, published: str = "2024-03-15"):
    from kg.extract import extract_article
    from kg.resolve.merge import resolve_article

    art = Article(id="t", text=text, source="t", published=published)
    return [(m.kind, m.status, sorted(a.name for a in m.actors)) for m in resolve_article(art, extract_article(art, nlp))]


@pytest.mark.parametrize("text, sides", [
    ("The foreign ministers of Chile and Peru met in Lima on Tuesday.", ["Chile", "Peru"]),
    ("A delegation from Ghana held talks with Nigerian officials in Abuja.", ["Ghana", "Nigeria"]),
    ("Negotiators from Chile and Bolivia met in La Paz to discuss the border.", ["Bolivia", "Chile"]),
    ("Seoul and Hanoi held talks on trade at the weekend.", ["South Korea", "Vietnam"]),
])
def test_countries_as_sides(nlp, text, sides) -> None:
    assert any(s == sides for _, _, s in _events(nlp, text)), _events(nlp, text)


def test_a_capital_as_a_place_is_no_side(nlp) -> None:
    events = _events(nlp, "Foreign Minister Ana Ruiz met Prime Minister Kofi Mensah in Lima on Tuesday.")
    assert events and all("Peru" not in s for _, _, s in events)


def test_one_visit_per_leg(nlp) -> None:
    events = _events(nlp, "Foreign Minister Ana Ruiz visited Ghana, Togo and Benin last week.")
    assert sorted(s for k, _, s in events if k == "visit") == [["Ana Ruiz", "Benin"], ["Ana Ruiz", "Ghana"],
                                                                 ["Ana Ruiz", "Togo"]]


def test_one_destination_is_one_visit(nlp) -> None:
    events = _events(nlp, "Foreign Minister Ana Ruiz visited Ghana last week.")
    assert [s for k, _, s in events if k == "visit"] == [["Ana Ruiz", "Ghana"]]


def test_capital_country() -> None:
    from kg.extract.sides import capital_country

    assert capital_country("Hanoi") == "Vietnam"
    assert capital_country("Lyon") is None


@pytest.mark.parametrize("text, sides", [
    ("Prime Minister Kofi Mensah received the Ghanaian foreign minister in Lima on Monday.", ["Ghana", "Kofi Mensah"]),
    # a visit to a state: its host country is a side beside the host
    ("Prime Minister Kofi Mensah hosted his Peruvian counterpart in Accra on Monday.", ["Ghana", "Kofi Mensah", "Peru"]),
    ("The Chilean foreign minister met the Serbian president in Brussels.", ["Chile", "Serbia"]),
    ("Ghana and Nigeria agreed to hold talks next week.", ["Ghana", "Nigeria"]),
])
def test_an_unnamed_office_holder_is_their_country(nlp, text, sides) -> None:
    assert any(s == sides for _, _, s in _events(nlp, text)), _events(nlp, text)


def test_a_sayer_is_no_side(nlp) -> None:
    events = _events(nlp, "Ghana said Peru and Chile held talks in Lima.")
    assert all("Ghana" not in s for _, _, s in events)


@pytest.mark.parametrize("text, sides", [
    # the sayer is the antecedent of the pronoun that takes part
    ("Chile said it had held talks with Peru about the border.", ["Chile", "Peru"]),
    ("Chile said it was talking with Peru about the border.", ["Chile", "Peru"]),
    ("The Ghanaian government said it had held talks with Peru on Monday.", ["Ghana", "Peru"]),
])
def test_a_sayer_who_is_the_pronoun_is_a_side(nlp, text, sides) -> None:
    assert any(s == sides for _, _, s in _events(nlp, text)), _events(nlp, text)


def test_a_sayer_commenting_on_a_contact_is_no_side(nlp) -> None:
    events = _events(nlp, "France has stated it sees the Ghanaian president's upcoming visit as very important.")
    assert all("France" not in s for _, _, s in events), events


def test_a_country_word_after_a_courtesy_title_is_a_surname(nlp) -> None:
    events = _events(nlp, "Mr Holland met the Chilean foreign minister in Lima on Monday.")
    assert all("Netherlands" not in s for _, _, s in events), events


@pytest.mark.parametrize("text", [
    "An ECOWAS delegation met Ghanaian President Kofi Mensah and army leader Kwame Asante in Accra on Saturday.",
    "A delegation from the African Union met Ghana's ousted president Kofi Mensah and army leader Kwame Asante "
    "in Accra on Saturday.",
])
def test_a_bodys_delegation_meets_each_person(nlp, text) -> None:
    """The body whose people meet is a side: one contact with each person met, not one between them."""
    events = _events(nlp, text)
    assert events and all(len(s) == 2 and any(x.startswith(("Economic Community", "African Union")) for x in s)
                          for _, _, s in events), events


@pytest.mark.parametrize("text, sides", [
    # an armed group of the knowledge base, and the state it fights named as its government
    ("Colombia and the National Liberation Army rebels resumed peace talks in Havana on Monday.",
     ["Colombian government", "National Liberation Army"]),
    ("The Taliban refuses to negotiate with the Afghan government.", ["Afghan government", "Taliban"]),
    # a named force that is no state's, against a state's army as the text names it
    ("In Bamako on Monday the Malian army and the Coastal Defence Forces resumed peace talks.",
     ["Coastal Defence Forces", "Malian army"]),
    ("The Nigerian government held talks with Boko Haram militants in Abuja on Monday.",
     ["Boko Haram", "Nigerian government"]),
])
def test_armed_groups_in_peace_talks(nlp, text, sides) -> None:
    assert any(s == sides for _, _, s in _events(nlp, text)), _events(nlp, text)


def test_a_mediator_state_stays_a_state(nlp) -> None:
    """Only the state a group fights is named as its government: a host or mediator stays a country."""
    events = _events(nlp, "Norway hosted talks between the Colombian government and the ELN in Oslo on Monday.")
    assert any("Norway" in s and "National Liberation Army" in s for _, _, s in events), events


@pytest.mark.parametrize("text, sides", [
    ("The Venezuelan government and the Venezuelan opposition resumed talks in Oslo on Monday.",
     ["Venezuelan government", "Venezuelan opposition"]),
    # "the government" of the one state the group fights; "Sudan's army" as an adjective
    ("The government and the ELN rebels resumed peace talks in Havana on Monday.",
     ["Colombian government", "National Liberation Army"]),
    ("Sudan's army and the Rapid Support Forces held talks in Jeddah.", ["Rapid Support Forces", "Sudanese army"]),
    # the "Army" in a group's own name is not the state's army
    ("Colombia's government and the National Liberation Army resumed peace talks in Caracas on Monday.",
     ["Colombian government", "National Liberation Army"]),
])
def test_a_states_side_in_talks_with_a_movement(nlp, text, sides) -> None:
    assert any(s == sides for _, _, s in _events(nlp, text)), _events(nlp, text)


def test_a_groups_leader_stands_for_the_group(nlp) -> None:
    """"the Tamil Tiger leader": the group is the side (its name cut by the recogniser or not)."""
    events = _events(nlp, "The Norwegian envoy Lars Berg will meet the Tamil Tiger leader in Kilinochchi on Monday.")
    assert [s for _, _, s in events] == [["Lars Berg", "Liberation Tigers of Tamil Eelam"]], events


def test_foreign_relations_is_part_of_the_title(nlp) -> None:
    events = _events(nlp, "Minister of Foreign Relations Miguel Santos Rivera met his Haitian counterpart Jean "
                          "Baptiste in Port-au-Prince on Tuesday.")
    assert any(s == ["Jean Baptiste", "Miguel Santos Rivera"] for _, _, s in events), events


@pytest.mark.parametrize("text, sides", [
    ("Ghanaian President Kofi Mensah will attend the ECOWAS summit in Abuja next week.",
     ["ECOWAS", "Kofi Mensah"]),
    # the office with its body in front: the one person the article gave that office
    ("UN Secretary-General Lee Jae-sung spoke on Friday. The UN secretary-general attended the G20 summit in Rome "
     "on Saturday.", ["G20", "Lee Jae-sung"]),
])
def test_attending_a_bodys_summit(nlp, text, sides) -> None:
    assert any(s == sides for _, _, s in _events(nlp, text)), _events(nlp, text)


@pytest.mark.parametrize("text, sides", [
    ("Ghanaian President Kofi Mensah met members of the Togolese delegation in Accra on Monday.",
     ["Kofi Mensah", "Togo"]),
    # talks a journey is for are with the state it reaches
    ("A Togolese delegation led by Foreign Minister Ama Dogbe arrived in Accra on Monday for talks.", ["Ghana", "Togo"]),
])
def test_delegations_met_or_arriving(nlp, text, sides) -> None:
    assert any(s == sides for _, _, s in _events(nlp, text)), _events(nlp, text)


def test_members_of_the_public_are_no_side(nlp) -> None:
    assert _events(nlp, "Ghanaian President Kofi Mensah met members of the public in Accra on Monday.") == []
