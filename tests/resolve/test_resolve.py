from __future__ import annotations

import pytest

from kg.resolve.actors import person_key
from kg.resolve.countries import canonical_country
from kg.resolve.dates import resolve_time
from kg.resolve.places import resolve_place


def test_countries_by_one_name() -> None:
    assert canonical_country("U.S.") == canonical_country("American") == "United States"
    assert canonical_country("Russian") == canonical_country("Russia") == "Russia"
    assert canonical_country("Saudi") == "Saudi Arabia"
    assert canonical_country("Brussels") is None


def test_spelling_variants_share_a_key() -> None:
    assert person_key("Sergei Lavrov") == person_key("Sergey Lavrov")
    assert person_key("Abdel Fattah el-Sissi") == person_key("Abdel Fattah Al-Sisi")
    assert person_key("Recep Tayyip Erdoğan") == person_key("Recep Tayyip Erdogan")


def test_dates_follow_tense_and_publication() -> None:
    b, _ = resolve_time("Tuesday", "2024-03-14", "past")  # a Thursday
    assert b is not None and b.value == "2024-03-12" and b.precision == "day"
    b, _ = resolve_time("Tuesday", "2024-03-14", "future")
    assert b is not None and b.value == "2024-03-19"
    b, _ = resolve_time("in July", "2024-03-14", "future")
    assert b is not None and (b.value, b.precision) == ("2024-07", "month")
    b, _ = resolve_time("in July", "2024-03-14", "past")
    assert b is not None and b.value == "2023-07"
    b, _ = resolve_time("last month", "2024-03-14", "past")
    assert b is not None and b.value == "2024-02"
    b, e = resolve_time("this week", "2024-03-14", "past")
    assert b is not None and e is not None and (b.value, e.value) == ("2024-03-11", "2024-03-17")
    b, _ = resolve_time("July 7, 2017", None, "past")
    assert b is not None and b.value == "2017-07-07"
    assert resolve_time("Feb. 28", None, "past") == (None, None)  # no year anywhere: unresolved


def test_places_venue_city_country() -> None:
    p = resolve_place("the Kremlin")
    assert p is not None and (p.name, p.country, p.venue) == ("Moscow", "Russia", "Kremlin")
    assert p.geonames_id is not None and p.lat is not None
    idaho = resolve_place("Moscow", ("United States",))
    assert idaho is not None and idaho.country == "United States"
    riyadh = resolve_place("Riyadh")
    assert riyadh is not None and riyadh.country == "Saudi Arabia"


def test_text_anchor_is_the_latest_full_date() -> None:
    from kg.resolve.dates import text_anchor

    text = "Caption: the two leaders in Nairobi, Feb. 14, 2024.\nThey first met on July 7, 2017."
    assert text_anchor(text) == "2024-02-14"
    assert text_anchor("No date here, only Feb. 28.") is None


def test_undated_held_event_gets_the_publication_day_marked_inferred(nlp) -> None:
    from kg.extract import extract_article
    from kg.ingest import make_article
    from kg.resolve.merge import resolve_article

    art = make_article("t", "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha.",
                       "test", published="2024-03-14")
    ms = resolve_article(art, extract_article(art, nlp))
    assert ms and ms[0].begin is not None and (ms[0].begin.value, ms[0].begin.inferred) == ("2024-03-14", True)
    art = make_article("t", "Kenyan President William Ruto said he could meet Samia Suluhu Hassan.", "test",
                       published="2024-03-14")
    ms = resolve_article(art, extract_article(art, nlp))
    # a hoped-for meeting is one of that time: the publication month, marked inferred
    assert ms and ms[0].begin is not None and (ms[0].begin.value, ms[0].begin.inferred) == ("2024-03", True)


def test_relative_day_resolves_against_a_caption_date_without_publication(nlp) -> None:
    from kg.extract import extract_article
    from kg.ingest import make_article
    from kg.resolve.merge import resolve_article

    text = ("William Ruto, left, meets Samia Suluhu Hassan in Nairobi, Feb. 14, 2024.\n"
            "A Kenyan delegation was in Kampala on Tuesday for talks involving Uganda and Rwanda.")
    art = make_article("t", text, "test")
    ms = [m for m in resolve_article(art, extract_article(art, nlp)) if m.kind == "talks"]
    assert ms and ms[0].begin is not None and ms[0].begin.value == "2024-02-13"


def test_country_place_refined_to_the_articles_one_city_there(nlp) -> None:
    from kg.extract import extract_article
    from kg.ingest import make_article
    from kg.resolve.merge import resolve_article

    text = ("French President Emmanuel Macron, left, and German Chancellor Olaf Scholz during the G7 summit in "
            "Hiroshima, May 20, 2023.\n"
            "The decision came after talks between Macron and Scholz at the G7 summit in Japan.")
    art = make_article("t", text, "test", published="2023-05-22")
    ms = [m for m in resolve_article(art, extract_article(art, nlp)) if m.kind == "talks"]
    assert ms and ms[0].place is not None and ms[0].place.name == "Hiroshima"


def test_month_with_relative_year_and_last_month_name() -> None:
    b, _ = resolve_time("April last year", "2018-03-23", "past")
    assert b is not None and b.value == "2017-04"
    b, _ = resolve_time("last November", "2018-03-23", "past")
    assert b is not None and b.value == "2017-11"
    b, _ = resolve_time("next March", "2018-03-23", "future")
    assert b is not None and b.value == "2019-03"


def test_hyphenated_venue_resolves_to_its_city() -> None:
    p = resolve_place("Al-Yamamah Palace")
    assert p is not None and p.name == "Riyadh" and p.venue is not None


def test_a_city_spelt_with_an_apostrophe_is_the_gazetteers_city() -> None:
    assert resolve_place("Sana'a").name == "Sanaa"  # type: ignore[union-attr]
    assert resolve_place("Sana’a").geonames_id is not None  # type: ignore[union-attr]


def test_an_undated_held_contact_takes_the_publication_day_marked_inferred(nlp) -> None:
    from kg.extract import extract_article
    from kg.model import Article
    from kg.resolve.merge import resolve_article

    art = Article(id="d", text="President Ana Ruiz held talks with Prime Minister Kofi Mensah in Lima.", source="t",
                  published="2024-03-15")
    (m,) = resolve_article(art, extract_article(art, nlp))
    assert (m.begin.value, m.begin.precision, m.begin.inferred) == ("2024-03-15", "day", True)
    art = Article(id="d", text="President Ana Ruiz will hold talks with Prime Minister Kofi Mensah in Lima.",
                  source="t", published="2024-03-15")
    (m,) = resolve_article(art, extract_article(art, nlp))
    assert (m.begin.value, m.begin.precision, m.begin.inferred) == ("2024-03", "month", True)


@pytest.mark.parametrize("text,published,tense,begin,end", [
    ("October 19 to 20, 2021", None, "past", "2021-10-19", "2021-10-20"),
    ("July 13 and 14", "2021-07-14", "past", "2021-07-13", "2021-07-14"),
    ("Nov. 24-25", "2020-11-20", "future", "2020-11-24", "2020-11-25"),
    ("24-25 November 2019", None, "past", "2019-11-24", "2019-11-25"),
    ("1990-92", None, "past", None, None),  # years, not days
])
def test_spans_of_days(text, published, tense, begin, end) -> None:
    b, e = resolve_time(text, published, tense)
    assert (b.value if b else None, e.value if e else None) == (begin, end)


def test_a_contact_dated_after_publication_has_not_happened(nlp) -> None:
    from kg.extract import extract_article
    from kg.model import Article
    from kg.resolve.merge import resolve_article

    text = ("The visit of Ghanaian President Kofi Mensah to Lome on 26 March 2021 will deepen ties "
            "with Togolese President Faure Gnassingbe.")
    art = Article(id="a", text=text, source="t", published="2020-12-17")
    ms = resolve_article(art, extract_article(art, nlp))
    assert ms and all(m.status == "planned" for m in ms), ms


@pytest.mark.parametrize("text,published,tense,value", [
    ("Tuesday next week", "2018-08-31", "future", "2018-09-04"),  # published on a Friday
    ("next week on Tuesday", "2018-08-31", "future", "2018-09-04"),
    ("Tuesday, January 16", "2025-04-16", "past", "2024-01-16"),  # the year in which it was a Tuesday
    ("Thursday, April 11", "2024-04-14", "past", "2024-04-11"),
])
def test_weekday_with_week_or_date(text, published, tense, value) -> None:
    b, _ = resolve_time(text, published, tense)
    assert b is not None and b.value == value


def test_a_countries_headline_and_its_leaders_meeting_are_one_report(nlp) -> None:
    from kg.extract import extract_article
    from kg.model import Article
    from kg.resolve.merge import resolve_article

    text = ("Ghana-Togo summit held in Accra\n\nGhanaian President Kofi Mensah and Togolese President Faure "
            "Gnassingbe held a summit in Accra on Monday.")
    art = Article(id="a", text=text, source="t", published="2024-03-14")
    ms = resolve_article(art, extract_article(art, nlp))
    assert [sorted(a.name for a in m.actors) for m in ms] == [["Faure Gnassingbe", "Kofi Mensah"]]


def test_a_headline_verb_ends_a_name() -> None:
    from kg.resolve.actors import clean_person_name

    assert clean_person_name("Khalilzad Returns") == "Khalilzad"
    assert clean_person_name("Kofi Mensah Hosts") == "Kofi Mensah"


@pytest.mark.parametrize("raw,name", [
    ("Kim Without Preconditions", "Kim"),  # a title-case headline's link word ends a name
    ("(Hon", None),  # a bracketed aside is no name
    ("President of the General Assembly Dennis Francis", "Dennis Francis"),
])
def test_headline_words_and_asides_in_names(raw: str, name: str | None) -> None:
    from kg.resolve.actors import clean_person_name

    assert clean_person_name(raw) == name


@pytest.mark.parametrize("text", [
    # the host named, and the place in the host's country
    "Chilean Foreign Minister Rosa Pardo visited Lima on Monday, where she met Peruvian President Mario Quispe.",
    # the host named with his country, no place
    "Chilean Foreign Minister Rosa Pardo paid a visit on Monday to Peruvian President Mario Quispe.",
])
def test_a_visit_abroad_has_the_host_state_among_its_sides(nlp, text) -> None:
    """A visit goes to a state: the host country is a side beside the host (a report that names only the
    country, or only the person who received the visitor, is the same visit)."""
    from kg.extract import extract_article
    from kg.model import Article
    from kg.resolve.merge import resolve_article

    art = Article(id="a", text=text, source="t", published="2024-05-15")
    visits = [m for m in resolve_article(art, extract_article(art, nlp)) if m.kind == "visit"]
    assert visits and all("Peru" in {a.name for a in m.actors} for m in visits), visits
    assert all("Chile" not in {a.name for a in m.actors} for m in visits)


def test_a_visit_at_home_gains_no_host_state(nlp) -> None:
    from kg.extract import extract_article
    from kg.model import Article
    from kg.resolve.merge import resolve_article

    text = "Peruvian President Mario Quispe visited Cusco on Monday with Peruvian Interior Minister Ana Rojas."
    art = Article(id="a", text=text, source="t", published="2024-05-15")
    ms = resolve_article(art, extract_article(art, nlp))
    assert all("Peru" not in {a.name for a in m.actors} for m in ms), ms


@pytest.mark.parametrize("text,country", [
    ("US", "United States"), ("U.S.", "United States"), ("the UK's", "United Kingdom"), ("UAE", "United Arab Emirates"),
    ("PNG", "Papua New Guinea"), ("Lao", "Laos"),
    # words that are also ISO codes: not countries unless written in capitals
    ("my", None), ("My", None), ("At", None), ("in", None), ("us", None), ("Us", None), ("And", None),
    ("Can", None), ("Per", None), ("Li", None), ("Ki", None), ("uk", None),
])
def test_codes_count_only_in_capitals(text, country) -> None:
    assert canonical_country(text) == country


def test_a_quoted_first_person_is_no_country(nlp) -> None:
    from kg.extract import extract_article
    from kg.model import Article
    from kg.resolve.merge import resolve_article

    text = 'Chilean President Ana Ruiz said: "At this summit I had a bilateral meeting with my Peruvian counterpart."'
    art = Article(id="a", text=text, source="t", published="2024-05-15")
    ms = resolve_article(art, extract_article(art, nlp))
    assert all(a.name in ("Ana Ruiz", "Peru") for m in ms for a in m.actors), ms
