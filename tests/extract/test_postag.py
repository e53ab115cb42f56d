"""The attribute ruler's POS rules, compiled (kg.extract.postag), tag exactly as the ruler does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from kg.extract.nlp import MODEL_NAMES
from kg.extract.postag import FACTORY, PosFromTag, use_pos_from_tag

ROOT = Path(__file__).resolve().parents[2]


def _load() -> spacy.Language:
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=["lemmatizer"])
        except OSError:
            continue
    pytest.skip("no English pipeline installed")


def _texts(shared: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "articles").glob("*.txt"))]
    for split in ("seeds", "dev"):
        with (shared / "corpus" / split / "input.jsonl").open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    texts.append("That is not what I'd said: we'll go, but he won't. Something's there; once, it was well done.")
    return texts


def test_same_pos_as_the_attribute_ruler(shared: Path) -> None:
    ruler_nlp, fast_nlp = _load(), _load()
    assert use_pos_from_tag(fast_nlp)
    assert FACTORY in fast_nlp.pipe_names and "attribute_ruler" not in fast_nlp.pipe_names
    assert fast_nlp.pipe_names.index(FACTORY) == ruler_nlp.pipe_names.index("attribute_ruler")
    tokens = 0
    for slow, fast in zip(ruler_nlp.pipe(_texts(shared)), fast_nlp.pipe(_texts(shared)), strict=True):
        assert [t.tag_ for t in slow] == [t.tag_ for t in fast]
        mismatched = [(t.text, t.tag_, t.pos_, f.pos_) for t, f in zip(slow, fast, strict=True) if t.pos_ != f.pos_]
        assert not mismatched
        tokens += len(slow)
    assert tokens > 8_000


def test_later_rules_win_and_multi_token_rules_apply() -> None:
    nlp = spacy.blank("en")
    comp = PosFromTag(nlp)
    comp.compile([
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": "NN", "LOWER": "nothing"}]], "attrs": {"POS": "PRON"}},
        {"patterns": [[{"LOWER": "of"}, {"LOWER": "course"}]], "attrs": {"POS": "ADV"}, "index": 1},
        {"patterns": [[{"TAG": "NN", "LOWER": {"NOT_IN": ["nothing", "course"]}}]], "attrs": {"MORPH": "x"}},
        {"patterns": [[{"TAG": {"IN": ["VB", "VBD"]}}]], "attrs": {"POS": "VERB"}},
    ])
    doc = nlp.make_doc("nothing of course cat ran")
    for tok, tag in zip(doc, ["NN", "IN", "NN", "NN", "VBD"], strict=True):
        tok.tag_ = tag
    comp(doc)
    assert [t.pos_ for t in doc] == ["PRON", "", "ADV", "NOUN", "VERB"]


def test_unknown_predicates_keep_the_ruler() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": {"REGEX": "^N"}}]], {"POS": "NOUN"})
    assert not use_pos_from_tag(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
