"""Across the articles of a build: one node per real actor, one event per real occurrence."""

from __future__ import annotations

import pytest

from kg.graph import ActorTable
from kg.model import Actor, Article, Mention, Span, TimeValue
from kg.resolve.actors import body_actor, country_actor, person_actor
from kg.resolve.copies import copy_groups, fingerprint
from kg.resolve.merge import merge_events


def report(article: str, *actors: Actor | None, kind: str = "meeting", status: str = "occurred",
           begin: TimeValue | None = None, start: int = 0, pending: bool = False) -> Mention:
    assert all(a is not None for a in actors)
    return Mention(article_id=article, kind=kind, status=status, actors=tuple(a for a in actors if a), place=None,
                   begin=begin, end=None, evidence=Span("They met.", start, start + 9), trigger="met",
                   confidence=0.7, pending=pending)


def day(value: str) -> TimeValue:
    return TimeValue(value, "day")


def month_of(value: str) -> TimeValue:
    return TimeValue(value[:7], "month", inferred=True)


def people_of(events) -> dict[str, Actor]:
    return {a.key: a for e in events for m in e.mentions for a in m.actors if a.type == "person"}


def test_spelling_variants_across_articles_are_one_node() -> None:
    kyiv = country_actor("Ukraine")
    events = merge_events([
        report("a1", person_actor("Sergei Lavrov", when="2023-05-04"), kyiv, begin=day("2023-05-04")),
        report("a2", person_actor("Sergey Lavrov", when="2023-05-20"), kyiv, begin=day("2023-05-20")),
        report("a3", person_actor("Donald J. Trump", when="2019-06-01"), kyiv, begin=day("2019-06-01")),
        report("a4", person_actor("Donald Trump", when="2019-09-01"), kyiv, begin=day("2019-09-01")),
    ])
    people = people_of(events)
    assert set(people) == {"sergey-lavrov", "donald-trump"}
    assert people["sergey-lavrov"].name == "Sergey Lavrov" and people["sergey-lavrov"].wikidata == "Q58217"
    table = ActorTable(events)
    assert table.label["sergey-lavrov"] == "Sergey Lavrov" and table.alt["sergey-lavrov"] == ["Sergei Lavrov"]
    assert table.alt["donald-trump"] == ["Donald J. Trump"] and table.wikidata["donald-trump"] == "Q22686"


def test_a_surname_alone_is_the_one_full_name_of_the_build() -> None:
    """Neither of these invented people is in the knowledge base: the build alone tells."""
    oslo = country_actor("Norway")
    events = merge_events([
        report("a1", person_actor("Marta Kowalczyk", ("Foreign Minister",)), oslo, begin=day("2024-01-09")),
        report("a2", person_actor("Kowalczyk"), oslo, begin=day("2024-02-11")),
    ])
    assert set(people_of(events)) == {"marta-kowalczyk"}
    assert ActorTable(events).alt["marta-kowalczyk"] == ["Kowalczyk"]


def test_different_people_with_one_surname_stay_apart() -> None:
    us, pk = country_actor("United States"), country_actor("Pakistan")
    events = merge_events([
        report("a1", person_actor("George Bush", when="1990-05-01"), pk, begin=day("1990-05-01")),
        report("a2", person_actor("George W. Bush", when="2005-05-01"), pk, begin=day("2005-05-01")),
        report("a3", person_actor("Nawaz Sharif", when="2016-03-01"), us, begin=day("2016-03-01")),
        report("a4", person_actor("Shehbaz Sharif", when="2023-03-01"), us, begin=day("2023-03-01")),
    ])
    assert set(people_of(events)) == {"george-bush", "george-w-bush", "nawaz-sharif", "shehbaz-sharif"}
    # a lone "Sharif" with two Sharifs in the build is neither
    events = merge_events([
        report("a1", person_actor("Nawaz Sharif"), us, begin=day("2016-03-01")),
        report("a2", person_actor("Shehbaz Sharif"), us, begin=day("2023-03-01")),
        report("a3", person_actor("Sharif"), us, begin=day("2016-04-01")),
    ])
    assert set(people_of(events)) == {"nawaz-sharif", "shehbaz-sharif", "sharif"}


def test_bodies_are_labelled_by_their_full_name_and_keep_their_acronym() -> None:
    events = merge_events([report("a1", body_actor("ECOWAS"), country_actor("Nigeria"), kind="summit")])
    table = ActorTable(events)
    assert table.label["ecowas"] == "Economic Community of West African States"
    assert table.alt["ecowas"] == ["ECOWAS"]
    assert table.label["nigeria"] == "Nigeria" and table.wikidata["nigeria"] == "Q1033"


def test_an_office_given_by_another_article_makes_a_pending_contact() -> None:
    miller, hansen = person_actor("John Miller"), person_actor("Peter Hansen")
    pending = report("b", miller, hansen, begin=day("2024-03-05"), pending=True)
    assert merge_events([pending]) == []  # nothing in the build says they hold an office
    titled = report("a", person_actor("John Miller", ("Foreign Minister",)), country_actor("Denmark"),
                    begin=day("2024-03-01"))
    events = merge_events([pending, titled])
    assert len(events) == 2 and all(not m.pending for e in events for m in e.mentions)
    chairman = report("a", person_actor("John Miller", ("chairman",)), country_actor("Denmark"), begin=day("2024-03-01"))
    assert len(merge_events([pending, chairman])) == 1  # a chairman holds no state office


def test_undated_reports_of_articles_published_days_apart_are_one_occurrence() -> None:
    ruto, samia = person_actor("William Ruto", ("President",)), person_actor("Samia Suluhu Hassan", ("President",))
    arts = [Article("a1", "", "x", published="2024-03-04"), Article("a2", "", "x", published="2024-03-06"),
            Article("a3", "", "x", published="2024-03-25")]
    reports = [report(a.id, ruto, samia, begin=month_of(a.published or "")) for a in arts]
    events = merge_events(reports, arts)
    assert sorted(len(e.mentions) for e in events) == [1, 2]  # the 25th is three weeks later: another one
    assert len(merge_events(reports)) == 3  # without the articles' dates, undated reports never merge
    # another status is another event
    planned = report("a2", ruto, samia, status="planned", begin=month_of("2024-03-06"), start=50)
    assert len(merge_events(reports[:1] + [planned], arts)) == 2


STORY = ("Kenyan President William Ruto held talks with Tanzanian President Samia Suluhu Hassan in Arusha. "
         "The two leaders discussed a new railway line, customs posts along their shared border and the price of "
         "electricity from a dam on the Rufiji river, officials from both governments told reporters afterwards.")


def test_copies_of_a_story_are_found_whatever_their_boilerplate() -> None:
    arts = [Article("wire-1", STORY + "\nSubscribe to our newsletter for daily updates.", "x"),
            Article("copy-b", "Home | World | Africa\n" + STORY + "\nRead more: markets close higher.", "x"),
            Article("copy-c", STORY, "x"),
            Article("other", "Finance ministers of the euro area met in Brussels to discuss the budget rules "
                             "for next year, and agreed on little beyond a new timetable for the talks.", "x")]
    arts = [Article(a.id, "", a.source, fingerprint=fingerprint(a.text)) for a in arts]
    groups = copy_groups(arts)
    assert groups == {"copy-b": "copy-b", "copy-c": "copy-b", "wire-1": "copy-b"}
    assert copy_groups(list(reversed(arts))) == groups


def test_reports_of_copies_are_one_report_each() -> None:
    ruto, samia = person_actor("William Ruto", ("President",)), person_actor("Samia Suluhu Hassan", ("President",))
    fp = fingerprint(STORY)
    arts = [Article(f"copy-{i}", "", "x", published=f"2024-0{i}-10", fingerprint=fp) for i in (1, 2, 3)]
    # copies published months apart: their undated reports still merge, and so do dated ones
    reports = [report(a.id, ruto, samia, begin=month_of(a.published or "")) for a in arts]
    reports += [report(a.id, ruto, samia, kind="phone_call", begin=day("2024-01-03"), start=99) for a in arts]
    events = merge_events(reports, arts)
    assert sorted((e.kind, len(e.mentions)) for e in events) == [("meeting", 3), ("phone_call", 3)]


def test_a_given_name_alone_is_the_articles_one_person_with_it() -> None:
    """The article's registry kept the honorific in the full name, so "Anwar" was left on its own."""
    from kg.model import NameInfo, RawParticipant
    from kg.resolve.actors import actor_for

    names = {"Datuk Seri Anwar Ibrahim": NameInfo("Datuk Seri Anwar Ibrahim", "Prime Minister", "Malaysia"),
             "Anwar": NameInfo("Anwar"), "Rajnath Singh": NameInfo("Rajnath Singh", "Defence Minister", "India")}
    actor = actor_for(RawParticipant("Anwar", "PERSON"), names)
    assert actor is not None and actor.name == "Anwar Ibrahim" and actor.roles == ("Prime Minister",)
    assert actor_for(RawParticipant("Singh", "PERSON"), names) is not None
    names["Anwar Hussain"] = NameInfo("Anwar Hussain")
    other = actor_for(RawParticipant("Anwar", "PERSON"), names)
    assert other is not None and other.name == "Anwar"  # two people of the article with it: neither


def test_a_lone_word_nobody_bears_is_not_a_person() -> None:
    """News names people in full first: a lone word with no full name, title or country in the article,
    and no office holder's surname, is an outlet, a venue or a fragment, not a side."""
    from kg.model import NameInfo, RawParticipant
    from kg.resolve.actors import actor_for

    names = {"Kofi Mensah": NameInfo("Kofi Mensah", "President", "Ghana")}
    assert actor_for(RawParticipant("Radiowave", "PERSON"), names) is None
    assert actor_for(RawParticipant("Mensah", "PERSON"), names) is not None  # the article's own person
    assert actor_for(RawParticipant("Putin", "PERSON"), names, when="2020-05-01") is not None  # the base's
    assert actor_for(RawParticipant("Radiowave", "PERSON", "Foreign Minister"), names) is not None  # titled


@pytest.mark.parametrize("name,person", [
    ("Function Room", False), ("Harbour Holdings Limited", False), ("Coastal Daily Herald", False),
    ("Kofi Mensah - File Photo", True),  # the caption's tail goes, the name stays
    ("Park Geun-hye", True), ("Tony Hall", True),
])
def test_words_no_name_has(name: str, person: bool) -> None:
    from kg.model import RawParticipant
    from kg.resolve.actors import actor_for

    assert (actor_for(RawParticipant(name, "PERSON", "President"), {}) is not None) == person


def test_saints_schools_and_streets_are_no_ones_name() -> None:
    from kg.resolve.actors import not_a_person

    assert not_a_person("St Brigid") == "place"  # a school, a church, a street named after a saint
    assert not_a_person("Hillside Academy") == "place"
    assert not_a_person("Kofi Mensah") is None
