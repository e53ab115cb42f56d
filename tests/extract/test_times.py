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
])
def test_time_of_the_trigger(nlp, text: str, trigger: str, expr: str) -> None:
    assert _time(nlp, text, trigger) == expr


def test_later_in_the_day_resolves_to_the_publication_day() -> None:
    from kg.resolve.dates import resolve_time

    begin, _ = resolve_time("Later in the day", "2024-05-16", "future")
    assert begin is not None and begin.value == "2024-05-16"
    begin, _ = resolve_time("earlier in the day", "2024-05-16", "past")
    assert begin is not None and begin.value == "2024-05-16"
