"""The pipeline's trigger ruler (kg.extract.triggers.add_trigger_ruler) finds the spans the lexicon's
patterns find: one-word forms as phrases give the same spans as one-token patterns, and a one-word
form the tokenizer splits is no token, wherever it is written."""

from __future__ import annotations

from pathlib import Path

from kg.extract.triggers import SPANS_KEY, trigger_patterns
from kg.lexicon import triggers

ROOT = Path(__file__).resolve().parents[2]


def _spans(ruler, doc) -> list[tuple[int, int, str, str]]:
    return [(s.start, s.end, s.label_, s.id_) for s in ruler.match(doc)]


def test_ruler_spans_are_the_lexicon_patterns_spans(nlp) -> None:
    shipped = nlp.get_pipe(SPANS_KEY)
    as_tokens = nlp.get_pipe(SPANS_KEY).__class__(nlp, "as_tokens", spans_key="as_tokens", phrase_matcher_attr="LOWER",
                                                   overwrite=True)
    as_tokens.add_patterns(trigger_patterns())
    assert sum(isinstance(p["pattern"], str) for p in shipped.patterns) > sum(
        isinstance(p["pattern"], str) for p in as_tokens.patterns)  # the one-word forms became phrases
    texts = [e for entry in triggers() for e in (*entry.examples, *entry.counter)]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "articles").glob("*.txt"))]
    texts += ["They MET, Met and met. A video-conference; a videoconference. Meet-and-greet, re-visited, "
              "talks-about-talks. Summits' hosts phoned."]
    split = [p["pattern"][0]["LOWER"] for p in as_tokens.patterns
             if not isinstance(p["pattern"], str) and len(nlp.make_doc(p["pattern"][0]["LOWER"])) > 1]
    assert not any(isinstance(p["pattern"], list) for p in shipped.patterns)  # no token matcher pass at all
    for word in split:  # written any way, such a word is never one token
        texts += [f"{w}{word}{e}" for w in ("", "(", '"', "a ", "'") for e in ("", ")", ".", ",", "'s", ":", '"')]
        texts += [word.upper(), word.title(), f"{word}-call", f"pre-{word}"]
    found = 0
    for text in texts:
        doc = nlp.make_doc(text)
        assert _spans(shipped, doc) == _spans(as_tokens, doc), text
        found += len(_spans(shipped, doc))
    assert found > 50


def test_common_words_are_parsed_only_with_what_they_need_nearby() -> None:
    """"receive" and "travel" have everyday senses: the parser sees their sentences only with a person, an
    office or a name after "receive", a destination after "travel" (a cheap test; the parse decides)."""
    from kg.extract.triggers import may_hold_contact

    assert may_hold_contact("The king received the visiting Peruvian foreign minister at the palace.")
    assert may_hold_contact("The king will receive President Ana Ruiz on Friday.")
    assert may_hold_contact("President Ana Ruiz will travel on Monday to Lima.")
    assert not may_hold_contact("Pensioners will receive a higher allowance next year.")
    assert not may_hold_contact("Travel costs rose sharply in the spring.")
