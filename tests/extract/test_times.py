"""The time expression of a trigger (kg.extract.times) and how it resolves, on sentences written for these tests."""

from __future__ import annotations

import pytest


def _time(nlp, text: str, trigger: str) -> str | None:
    from kg.extract.times import time_of

    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return time_of(next(doc.sents), tok)


@pytest.mark.parametrize("text,trigger,expr", [
    # a weekday and the part of the day written after it are one expression
    ("Danish Prime Minister Ola Berg arrived in Santiago on Tuesday evening and will meet President Ana Ruiz.",
     "meet", "Tuesday evening"),
    # "later in the day" is the day of the report, not any day
    ("Later in the day, Danish Prime Minister Ola Berg will receive the Chilean foreign minister.",
     "receive", "Later in the day"),
    # another event's date: a noun of contact the time modifies, outside this contact's phrase
    ("Officials said a meeting is being planned for Berg to meet with Ruiz during his trip, the first by a "
     "Danish premier since the March visit by the Danish king.", "meet", None),
    ("Berg met Ruiz during the March visit.", "met", "March"),
    # what a participant did: a relative clause about the other side; the subject's scene stays
    ("Berg said he would never talk to a man like Ruiz, who in 2019 became leader of the largest party.",
     "talk", None),
    ("Berg, who began his tour of the region yesterday, met his counterpart Ana Ruiz.", "met", "yesterday"),
    ("Berg will pay a visit to Chile that will take place on 3 May.", "visit", "3 May"),
    # calling off or denying a contact is dated on its own day, not the contact's
    ("The visit was cancelled today by the Chilean side.", "visit", None),
    ("The Chilean Foreign Ministry denied on Monday reports that President Ivo Marek would visit Lima.", "visit", None),
    # but what follows the contact called off may be its own time; the contact's own modifier is
    ("President Ivo Marek cancelled a planned meeting of the Andean leaders this afternoon.", "meeting",
     "this afternoon"),
    ("The decision to call off the May 3 visit was announced by the palace.", "visit", "May 3"),
    ("The spokesman denied reports of a secret meeting between Marek and Ruiz in Lima in 2019.", "meeting", "2019"),
    # a name the tagger takes for a date dates nothing
    ("The two-plus-two dialogue between Peru and Chile opened in Lima on Monday.", "dialogue", "Monday"),
])
def test_time_of_the_trigger(nlp, text: str, trigger: str, expr: str | None) -> None:
    assert _time(nlp, text, trigger) == expr


def test_later_in_the_day_resolves_to_the_publication_day() -> None:
    from kg.resolve.dates import resolve_time

    begin, _ = resolve_time("Later in the day", "2024-05-16", "future")
    assert begin is not None and begin.value == "2024-05-16"
    begin, _ = resolve_time("earlier in the day", "2024-05-16", "past")
    assert begin is not None and begin.value == "2024-05-16"
