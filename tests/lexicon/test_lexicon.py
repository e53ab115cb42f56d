"""Every lexicon entry shows in its examples and not in its counter-examples (sentences written for
this project), and the files are validated on load."""

from __future__ import annotations

import json
import re

import pytest

from kg.errors import KGError
from kg.lexicon import Matcher, _entry, cue_matcher, cues, read_lexicon, triggers


@pytest.mark.parametrize("entry", cues(), ids=lambda e: e.id)
def test_cue_entry(entry) -> None:
    m = cue_matcher()
    for sentence in entry.examples:
        assert entry.id in m.ids_in(sentence), sentence
    for sentence in entry.counter:
        assert entry.id not in m.ids_in(sentence), sentence


@pytest.fixture(scope="module")
def nlp():
    from kg.extract.nlp import load_nlp

    return load_nlp()


def _kinds(nlp, sentence: str) -> set[str]:
    from kg.extract.triggers import find_triggers

    doc = nlp(sentence)
    return {t.kind for sent in doc.sents for t in find_triggers(sent)}


@pytest.mark.parametrize("entry", triggers(), ids=lambda e: e.id)
def test_trigger_entry(entry, nlp) -> None:
    for sentence in entry.examples:
        assert entry.signals in _kinds(nlp, sentence), sentence
    for sentence in entry.counter:
        assert entry.signals not in _kinds(nlp, sentence), sentence


def test_entries_have_counter_examples() -> None:
    assert all(e.counter for e in (*cues(), *triggers()))


def test_matcher_bounds_words() -> None:
    m = Matcher((_entry({"id": "x", "status": "denied", "forms": ["deny", "no plans"], "examples": ["a"]},
                        "t", "status", ("denied",)),))
    assert m.ids_in("They deny it") == {"x"}
    assert m.ids_in("They denying it") == set()
    assert m.ids_in("There are no\nplans") == {"x"}


def test_modal_may_is_not_the_month() -> None:
    assert "cue.hypo.modal" not in cue_matcher().ids_in("They met in May.")
    assert "cue.hypo.modal" in cue_matcher().ids_in("They may meet again.")


def test_bad_entries_are_one_clear_error(tmp_path, monkeypatch) -> None:
    with pytest.raises(KGError, match="status 'maybe' is not one of"):
        _entry({"id": "x", "status": "maybe", "forms": ["a"], "examples": ["a"]}, "f line 1", "status", ("denied",))
    with pytest.raises(KGError, match="lacks forms"):
        _entry({"id": "x", "status": "denied", "examples": ["a"]}, "f line 1", "status", ("denied",))
    with pytest.raises(KGError, match="repeated ids"):
        import kg.lexicon as lex

        line = json.dumps({"id": "x", "status": "denied", "forms": ["a"], "examples": ["a"]})

        class Fake:
            def joinpath(self, name):
                return self

            def read_text(self, encoding):
                return line + "\n" + line + "\n"

        monkeypatch.setattr(lex.resources, "files", lambda pkg: Fake())
        read_lexicon("x.jsonl", "status", ("denied",))


@pytest.mark.parametrize("entry", [e for e in __import__("kg.lexicon", fromlist=["roles"]).roles()
                                   if e.signals == "title"], ids=lambda e: e.id)
def test_title_entry_is_stripped_from_names(entry, nlp) -> None:
    from kg.extract.arguments import clean_person

    bare = entry.counter[0]
    for example in entry.examples:
        doc = nlp(example)
        assert clean_person(doc[:])[0] == bare, example


@pytest.mark.parametrize("entry", [e for e in __import__("kg.lexicon", fromlist=["roles"]).roles()
                                   if e.signals != "title"], ids=lambda e: e.id)
def test_role_entry_shows_in_examples(entry) -> None:
    m = Matcher((entry,))
    assert all(m.ids_in(s) for s in entry.examples)
    assert not any(m.ids_in(s) for s in entry.counter)


def test_prefilter_by_sets_finds_what_the_regex_finds() -> None:
    from kg.extract.triggers import PREFILTER, may_hold_contact

    sentences = [e for entry in (*triggers(), *cues()) for e in (*entry.examples, *entry.counter)]
    sentences += ["A meet-and-greet was held.", "The videolink failed.", "They MET on Monday.", "Summitry is an art.",
                  "No contact here at all.", "The talks-about-talks went on.", "He re-visited it."]
    sentences += ["The ministers talked about the budget.", "The ministers talked with the envoy.",
                  "They sat in the front row.", "They sat down with the envoy."]
    assert any(may_hold_contact(s) for s in sentences) and not all(may_hold_contact(s) for s in sentences)
    from kg.extract.triggers import _TOKENS, _WEAK, NEEDS, PHRASES

    for s in sentences:
        found = [m.group(0).lower() for m in PREFILTER.finditer(s)]
        words = set(re.findall(r"[^\W_]+", s.lower()))
        tokens = _TOKENS.findall(s.lower())
        # a word that needs a preposition ("talked with") counts only where the sentence has it; a common
        # word ("receive", "travel") only with what it needs right after it
        phrase = any(p in s.lower() for p in ("video", "virtual", *PHRASES))
        expected = phrase or any((w not in NEEDS or NEEDS[w] in words)
                                 and (w not in _WEAK or _WEAK[w](s, tokens, tokens.index(w))) for w in found)
        assert may_hold_contact(s) == expected, s


def test_a_word_that_needs_a_preposition_counts_only_with_it(nlp) -> None:
    from kg.extract.triggers import NEEDS, find_triggers

    assert NEEDS["negotiate"] == "with" and NEEDS["conferred"] == "with"
    with_ = nlp("The government refused to negotiate with the rebel delegation.")
    without = nlp("The government refused to negotiate a new budget.")
    assert [t.kind for t in find_triggers(next(with_.sents))] == ["talks"]
    assert find_triggers(next(without.sents)) == []


def test_needs_must_be_one_preposition() -> None:
    from kg.lexicon import _entry

    with pytest.raises(KGError, match="needs"):
        _entry({"id": "x", "kind": "talks", "forms": ["a"], "examples": ["a"], "needs": "with or to"}, "t",
               "kind", ("talks",))


def test_matcher_prefilter_finds_what_every_expression_finds() -> None:
    """The word-set prefilter (a form's needed words) skips only entries whose expression cannot match."""
    m = cue_matcher()
    sentences = [e for entry in (*cues(), *triggers()) for e in (*entry.examples, *entry.counter)]
    sentences += ["They don't plan to meet.", "We'll see.", "He ISN'T coming; they\tare  holding talks.",
                  "Talks were held after the meeting.", "Ministers are due to meet.", "She said, previously...",
                  "Il n'a pas dit.", "They’ll meet — after the talks in Zürich.", "An upcoming visit."]
    assert len(m._candidates("They don't plan to meet.")) < len(m.entries)

    def brute(text: str) -> list[tuple[int, str]]:
        return sorted((x.start(), i) for i, rx, _ in m._folded for x in rx.finditer(text))

    assert any(brute(s) for s in sentences)
    for s in sentences:
        assert m.positions(s) == brute(s), s
        assert m.ids_in(s) == {i for _, i in brute(s)}, s


def test_a_particle_must_be_one_word() -> None:
    with pytest.raises(KGError, match="particle"):
        _entry({"id": "x", "kind": "meeting", "forms": ["sat"], "examples": ["a"], "particle": "down up"}, "t",
               "kind", ("meeting",))
