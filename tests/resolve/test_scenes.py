"""Teams and prizes are not diplomacy: countries as sides in a sports sentence, awards received
(sentences written for this project)."""

from __future__ import annotations

import pytest

from kg.model import Article


def _events(nlp, text: str):
    from kg.extract import extract_article
    from kg.resolve.merge import resolve_article

    art = Article(id="s", text=text, source="t", published="2024-03-15")
    return [(m.kind, sorted(a.name for a in m.actors)) for m in resolve_article(art, extract_article(art, nlp))]


@pytest.mark.parametrize("text", [
    "Italy's coach wants his team to beat Wales when they meet on Saturday at the stadium.",
    "Peru and Chile meet in the World Cup qualifier in Lima on Tuesday.",
    "The composer received an award at the film festival in Berlin.",
])
def test_not_diplomacy(nlp, text) -> None:
    assert _events(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Foreign Minister Ana Ruiz met her Ghanaian counterpart before the World Cup final in Accra.",
    "Chile and Peru held talks on the border on Monday.",
])
def test_still_diplomacy(nlp, text) -> None:
    assert _events(nlp, text)


def test_party_roles_are_not_state_roles() -> None:
    from kg.resolve.actors import party_role

    assert party_role("Lib Dem leader") and party_role("opposition leader") and party_role("union leader")
    assert not party_role("Labour Prime Minister") and not party_role("Russian leader")
    assert not party_role("Foreign Minister")


def test_a_party_leaders_tour_is_no_visit(nlp) -> None:
    assert _events(nlp, "Opposition leader Tomas Alvarez visits Valparaiso, Temuco and Arica this week.") == []


@pytest.mark.parametrize("text", [
    "England meet Italy at Twickenham on Saturday.",
    "The two brothers cut off talks with the investor over the sale of their stake.",
    "The first mobile phone call in Britain was made by a comedian on New Year's Day.",
])
def test_teams_deals_and_gadgets(nlp, text) -> None:
    assert _events(nlp, text) == []
