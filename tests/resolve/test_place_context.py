"""Places from the rest of the article: dateline, the summit a meeting was held at, the visit it was
part of (articles written for this project)."""

from __future__ import annotations

from kg.model import Article
from kg.resolve.context import dateline_place


def _places(nlp, text: str, published: str = "2024-03-15") -> list[tuple[str, str | None]]:
    from kg.extract import extract_article
    from kg.resolve.merge import resolve_article

    art = Article(id="c", text=text, source="t", published=published)
    return sorted(((m.kind, m.place.name if m.place else None) for m in resolve_article(art, extract_article(art, nlp))),
                  key=lambda kp: (kp[0], kp[1] or ""))


def test_dateline_forms() -> None:
    assert dateline_place(" date 2024-01-02 \nHANOI, March 3 (Reuters) - The ministers met.").name == "Hanoi"
    assert dateline_place("NEW DELHI: Talks were held on Monday.").name == "New Delhi"
    assert dateline_place("PORT MORESBY, Papua New Guinea — The leaders met.").name == "Port Moresby"
    assert dateline_place("UPDATE - the talks went on.") is None
    assert dateline_place("Hanoi is where the talks were held.") is None
    assert dateline_place("Kumasi, March 3 - The ministers met.").name == "Kumasi"
    assert dateline_place("African Union/Addis Ababa, June 9\n\nThe ministers met.").name == "Addis Ababa"
    assert dateline_place("Lima (Andina) - The ministers met.").name == "Lima"
    assert dateline_place("Lima, the capital, is where the talks were held.") is None


def test_dateline_places_a_held_contact_but_not_a_call(nlp) -> None:
    text = ("HANOI, March 14 (Reuters) - President Ana Ruiz held talks with Prime Minister Kofi Mensah on Thursday. "
            "Later, President Ana Ruiz telephoned President Tomas Alvarez.")
    assert _places(nlp, text) == [("phone_call", None), ("talks", "Hanoi")]


def test_a_dateline_does_not_place_a_planned_meeting(nlp) -> None:
    text = "HANOI, March 14 (Reuters) - President Ana Ruiz will meet Prime Minister Kofi Mensah in May."
    assert _places(nlp, text) == [("meeting", None)]


def test_a_meeting_on_the_sidelines_takes_the_summit_city(nlp) -> None:
    text = ("Leaders of the African Union held their annual summit in Accra on Thursday. "
            "On the sidelines, President Ana Ruiz met Prime Minister Kofi Mensah.")
    assert ("meeting", "Accra") in _places(nlp, text)


def test_a_visitors_meeting_takes_the_visit_city(nlp) -> None:
    text = ("President Ana Ruiz arrived in Accra on Thursday for a state visit. "
            "President Ana Ruiz then held talks with President Kofi Mensah.")
    assert ("talks", "Accra") in _places(nlp, text)


def _dates(nlp, text: str, published: str = "2024-03-15") -> list[tuple[str, str | None, bool]]:
    from kg.extract import extract_article
    from kg.resolve.merge import resolve_article

    art = Article(id="c", text=text, source="t", published=published)
    return sorted((" ".join(sorted(a.name for a in m.actors)), m.begin.value if m.begin else None,
                   bool(m.begin and m.begin.inferred)) for m in resolve_article(art, extract_article(art, nlp)))


def test_an_also_met_takes_the_day_of_the_contact_told_before_it(nlp) -> None:
    text = ("Foreign Minister Ana Ruiz met President Kofi Mensah on Tuesday in Accra. "
            "Ruiz also met Togolese President Faure Gnassingbe.")
    assert ("Ana Ruiz Faure Gnassingbe", "2024-03-12", True) in _dates(nlp, text)


def test_a_contact_with_other_people_keeps_the_publication_day(nlp) -> None:
    text = ("Foreign Minister Ana Ruiz met President Kofi Mensah on Tuesday in Accra. "
            "Separately, President Tomas Alvarez met Togolese President Faure Gnassingbe.")
    assert ("Faure Gnassingbe Tomas Alvarez", "2024-03-15", True) in _dates(nlp, text)


def test_a_planned_meeting_during_a_visit_under_way_is_where_the_visit_is(nlp) -> None:
    text = ("President Ana Ruiz arrived in Accra on Monday for a three-day state visit to Ghana. "
            "Ruiz is scheduled to meet President Kofi Mensah during the visit.")
    assert ("meeting", "Accra") in _places(nlp, text)


def test_nothing_is_part_of_a_called_off_summit(nlp) -> None:
    text = ("The summit of African Union leaders in Accra was called off. "
            "President Ana Ruiz met President Kofi Mensah on the sidelines.")
    assert ("meeting", "Accra") not in _places(nlp, text)


def test_a_visit_to_a_country_is_in_the_one_city_of_it_the_article_names(nlp) -> None:
    text = ("President Ana Ruiz paid a state visit to Ghana on Monday. In Kumasi she opened a school.")
    assert ("visit", "Kumasi") in _places(nlp, text)
    assert ("visit", "Ghana") in _places(nlp, "President Ana Ruiz paid a state visit to Ghana on Monday.")


def test_a_meeting_takes_the_one_city_the_articles_contacts_are_in(nlp) -> None:
    text = ("President Ana Ruiz held talks with President Kofi Mensah in Accra on Monday. "
            "Ruiz also met Togolese President Faure Gnassingbe. Earlier, Ruiz telephoned President Tomas Alvarez.")
    places = _places(nlp, text)
    assert ("meeting", "Accra") in places and ("phone_call", None) in places


def test_two_cities_leave_a_meeting_unplaced(nlp) -> None:
    text = ("President Ana Ruiz held talks with President Kofi Mensah in Accra on Monday. "
            "President Tomas Alvarez met Togolese President Faure Gnassingbe in Lome on Tuesday. "
            "Ruiz also met Prime Minister Ama Owusu.")
    assert ("meeting", None) in _places(nlp, text)


def test_each_leg_of_a_trip_is_in_its_country_or_the_city_of_it_the_article_names(nlp) -> None:
    text = ("Envoy Ana Ruiz left on Monday for a ten-day trip to Ghana, Togo, Benin and Nigeria. "
            "In Accra, she will meet the president.")
    places = _places(nlp, text)
    assert ("visit", "Accra") in places and ("visit", "Togo") in places


def test_of_several_summits_an_undated_meeting_is_at_the_one_of_the_articles_time(nlp) -> None:
    text = ("President Ana Ruiz will travel to Ghana today for the two-day African Union summit, which is being "
            "held in Accra. Ruiz is set to meet President Kofi Mensah on the sidelines of the summit. "
            "The last African Union summit was held in Lome in June 2019.")
    assert ("meeting", "Accra") in _places(nlp, text)


def test_a_meeting_is_in_the_one_city_the_article_says_its_people_are_in(nlp) -> None:
    text = ("President Ana Ruiz is in Lima to attend the regional trade forum. "
            "She has held talks with President Luis Alva so far.")
    assert _places(nlp, text) == [("talks", "Lima")]
    text = ("The prime minister arrived in Lima on Monday for a two-day official visit. "
            "Prime Minister Ana Ruiz is scheduled to hold bilateral meetings with President Luis Alva.")
    assert ("meeting", "Lima") in _places(nlp, text)
    text = ("President Ana Ruiz was in Lima last week and is in Quito now. "
            "She has held talks with President Luis Alva so far.")
    assert _places(nlp, text) == [("talks", None)]


def test_a_city_named_with_the_word_city_is_that_city() -> None:
    from kg.resolve.places import resolve_place

    for text in ("Kigali city", "the city of Kigali"):
        place = resolve_place(text)
        assert place is not None and place.name == "Kigali" and place.geonames_id is not None


def test_presence_in_a_capital_described_or_reached_by_travel(nlp) -> None:
    text = ("Minister Ana Ruiz is in the Ghanaian capital Accra this week. "
            "Minister Ana Ruiz held talks with President Kofi Mensah on Monday.")
    assert ("talks", "Accra") in _places(nlp, text)
    text = ("The envoys had travelled to Kumasi in good faith. "
            "President Ana Ruiz refused to meet Envoy Luis Alva.")
    assert ("meeting", "Kumasi") in _places(nlp, text)


def test_a_gathering_is_where_its_sentences_other_reports_of_that_status_are(nlp) -> None:
    text = ("Talks between Prime Minister Jan Novak of Czechia and President Omar Diallo of Senegal in Lisbon ended on "
            "Sunday, with European Commission President Anna Weber meeting the two leaders separately during the "
            "summit. Her office said another meeting between Novak and Diallo will take place on June 1 in Vienna.")
    places = _places(nlp, text, "2024-03-11")
    assert ("summit", "Lisbon") in places and ("meeting", "Vienna") in places
    assert all(p is not None for _, p in places)


def test_of_several_cities_of_a_country_the_one_a_gathering_is_held_in(nlp) -> None:
    text = ("The regional forum is taking place in Kumasi, Ghana this week. Foreign Minister Lena Berg paid a visit "
            "to Ghana, where she met President Kofi Mensah. Officials in Accra welcomed the forum.")
    places = _places(nlp, text, "2024-03-11")
    assert places and all(p == "Kumasi" for _, p in places), places
