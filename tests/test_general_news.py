"""Ordinary news (examples/general, written for the project): boards that met, contract talks, a
striker who arrived, chief executives who shook hands are no diplomatic contacts. The folder holds
exactly two genuine ones (examples/general/EXPECTED.md)."""

from __future__ import annotations

from pathlib import Path

from kg.build import build

ROOT = Path(__file__).resolve().parents[1]


def test_general_news_yields_only_its_two_contacts(nlp, tmp_path: Path) -> None:
    result = build([ROOT / "examples" / "general"], tmp_path, nlp=nlp, on_skip=lambda s: None)
    assert result.articles == 24
    found = sorted(sorted(a.name for a in e.actors) for e in result.events)
    # labels are the knowledge base's (Wikidata's) spelling
    assert found == [["Anthony Albanese", "Christopher Luxon"], ["Olaf Scholz", "Phạm Minh Chính"]]
    assert all(e.kind == "meeting" for e in result.events)
