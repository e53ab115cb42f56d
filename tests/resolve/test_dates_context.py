"""Dates a report takes from the rest of its article, on sentences written for these tests."""

from __future__ import annotations


def _resolve(nlp, text: str, published: str):
    from kg.extract import extract_article
    from kg.model import Article
    from kg.resolve.merge import resolve_article

    art = Article(id="a", text=text, source="t", published=published)
    return resolve_article(art, extract_article(art, nlp))


def test_a_contact_at_the_summit_takes_the_summits_date(nlp) -> None:
    text = ("The two-day African Union summit will open in Lusaka on Friday.\n"
            "Foreign Minister Lena Varga said that President Tomas Halder and Prime Minister Ivo Brandt could meet "
            "at the African Union summit.")
    ms = [m for m in _resolve(nlp, text, "2024-03-11") if m.kind == "meeting"]
    assert ms and ms[0].begin is not None and (ms[0].begin.value, ms[0].begin.inferred) == ("2024-03-15", True)


def test_a_contact_ahead_of_the_summit_keeps_its_own_date(nlp) -> None:
    text = ("The two-day African Union summit will open in Lusaka on Friday.\n"
            "President Tomas Halder and Prime Minister Ivo Brandt could meet ahead of the African Union summit.")
    ms = [m for m in _resolve(nlp, text, "2024-03-11") if m.kind == "meeting"]
    assert ms and ms[0].begin is not None and ms[0].begin.value == "2024-03"


def test_reports_of_one_contact_keep_the_narrower_stated_day(nlp) -> None:
    text = ("Peruvian Foreign Minister Ana Ruiz will visit Santiago next week, the ministry said on Friday.\n"
            "Ruiz will visit Chilean President Ivo Marek on Tuesday.")
    ms = _resolve(nlp, text, "2020-11-20")
    assert len(ms) == 1 and ms[0].begin is not None and ms[0].begin.value == "2020-11-24" and ms[0].end is None
