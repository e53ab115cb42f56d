"""The recogniser runs only on the unflagged blocks that can tell something about the people of the
flagged ones (kg.extract.context_blocks); the extraction is the same as with every block recognised."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.extract as extract
from kg.ingest import Article, make_article, read_inputs

ROOT = Path(__file__).resolve().parents[2]


def _all_unflagged(texts: list[str], flags: list[bool], docs: list[object]) -> list[int]:
    return [i for i, f in enumerate(flags) if not f]


def test_same_extraction_as_recognising_every_block(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = [a for a in read_inputs([ROOT / "examples" / "articles", ROOT / "examples" / "general"])
                if isinstance(a, Article)]
    gated = extract.extract_batch(articles, nlp)
    monkeypatch.setattr(extract, "context_blocks", _all_unflagged)
    everything = extract.extract_batch(articles, nlp)
    assert [g.mentions for g in gated] == [e.mentions for e in everything]
    assert sum(len(g.mentions) for g in gated) > 20


def test_unrelated_paragraphs_are_not_recognised(nlp) -> None:
    text = ("Chilean President Gabriel Boric opened a lithium plant in Antofagasta, his office said.\n\n"
            "The Antofagasta plant will employ 2,000 workers from Calama and Tocopilla.\n\n"
            "Rainfall in the Atacama region was the lowest in a decade, the weather service reported.\n\n"
            "Boric met Peruvian President Dina Boluarte in Lima on Monday.")
    blocks = extract.sentence_blocks(extract.prose_blocks(text))
    flags = [extract.may_hold_contact(b.text) for b in blocks]
    assert flags == [False, False, False, True]
    docs = [nlp(b.text) if f else None for b, f in zip(blocks, flags, strict=True)]
    chosen = extract.context_blocks([b.text for b in blocks], flags, docs)
    seen = [blocks[i].text for i in chosen]
    assert seen == [blocks[0].text, blocks[2].text]  # Boric's introduction; the block before the meeting
    art = make_article("t", text, "test", published="2024-03-14")
    (found,) = extract.extract_article(art, nlp).mentions
    assert {p.text for p in found.participants} == {"Gabriel Boric", "Dina Boluarte"}
