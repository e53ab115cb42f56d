"""Extraction: an article's prose -> contact events as its sentences report them.

Only blocks that the trigger lexicon says can hold a contact get the dependency parser; the rest get
the named-entity recogniser only, so that names introduced there ("Russian President Vladimir
Putin") resolve later mentions ("Putin", "the Russian leader").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Article, ArticleExtraction, RawMention, RawParticipant, Span
from .arguments import Names, fix_person_entities, harvest_names, participants, place_of, time_of
from .boilerplate import Block, prose_blocks
from .modality import classify
from .triggers import find_triggers, may_hold_contact

__all__ = ["extract_article", "extract_articles"]

HOST_VERBS = {"hosted", "hosts", "hosting", "host", "welcomed", "welcomes", "welcoming", "received",
              "receives", "receiving"}


def _sides(kind: str, trigger: Any, parts: list[tuple[int, RawParticipant]]) -> list[RawParticipant]:
    if kind != "visit":
        return [p for _, p in parts]
    passive = any(c.dep_ in ("auxpass", "agent") for c in trigger.children)
    hosting = trigger.lower_ in HOST_VERBS and not passive
    out = []
    for i, p in parts:
        if p.side:
            out.append(p)
            continue
        before = i < trigger.i
        side = ("host" if before else "visitor") if hosting else ("visitor" if before else "host")
        out.append(RawParticipant(p.text, p.label, p.role, side))
    return out


def _split_pairs(trigger: Any, parts: list[tuple[int, RawParticipant]]) -> list[list[RawParticipant]]:
    """"X met A and B" is two meetings (X-A, X-B); a joint meeting says "met together" or is a summit."""
    if "separately" in trigger.sent.text.lower() and len(parts) >= 3:
        first, *rest = [p for _, p in parts]
        return [[first, p] for p in rest]
    if trigger.lower_ not in ("met", "meets", "meet") or trigger.pos_ != "VERB":
        return [[p for _, p in parts]]
    before = [p for i, p in parts if i < trigger.i]
    after = [p for i, p in parts if i > trigger.i and p.label == "PERSON"]
    if len(before) == 1 and len(after) >= 2 and "together" not in trigger.sent.text.lower():
        return [[before[0], p] for p in after]
    return [[p for _, p in parts]]


FRAME_PREPS = {"during", "at", "amid", "of", "on"}  # scene-setting; "after/following talks" are events of their own


def _is_frame(tok: Any) -> bool:
    """A trigger noun that only sets the scene of another one ("met during his visit", "talks at the
    G20 summit") is not an event of its own in that sentence."""
    if tok.lower_.startswith("summit"):
        return False  # a named summit is an event of its own (participants: the body and leaders)
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ in FRAME_PREPS


_YEARISH = re.compile(r"\b(19|20)\d\d\b")


def _enumerated(sent: Any, trigger: Any) -> list[tuple[str, str]]:
    """"met four times: in Singapore in November 2018, in Osaka in June 2019, ..." -> one
    (place, date) per listed occurrence, when the sentence lists at least two."""
    if trigger.pos_ != "VERB":
        return []
    ents = list(sent.ents)
    pairs = []
    for k, ent in enumerate(ents):
        if ent.label_ != "GPE" or ent.start < trigger.i:
            continue
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        if nxt is not None and nxt.label_ == "DATE" and nxt.start - ent.end <= 3 and _YEARISH.search(nxt.text):
            pairs.append((ent.text, nxt.text))
    return pairs if len(pairs) >= 2 else []


def _mentions_in(doc: Any, block: Block, article: Article, names: Names,
                 state: dict[str, tuple[RawParticipant, ...]]) -> Iterator[RawMention]:
    for sent in doc.sents:
        if not may_hold_contact(sent.text):
            continue
        triggers = find_triggers(sent)
        previous = state.get("previous", ())  # the last event of an earlier sentence
        for trig in triggers:
            tok = doc[trig.i]
            if len(triggers) > 1 and _is_frame(tok):
                continue
            others = tuple(doc[t.i] for t in triggers if t.i != trig.i and not _is_frame(doc[t.i]))
            parts = participants(sent, tok, names, previous, others)
            if not parts:
                continue
            status, tense, conf = classify(tok, block.is_caption)
            place = place_of(sent, tok)
            when = time_of(sent, tok)
            start = block.start + sent.start_char
            evidence = Span(article.text[start: block.start + sent.end_char], start, block.start + sent.end_char)
            occurrences = _enumerated(sent, tok) if status == "occurred" else []
            if occurrences:
                for where, when_ in occurrences:
                    yield RawMention(
                        article_id=article.id, kind=trig.kind, status=status, trigger=trig.text,
                        participants=tuple(p for _, p in parts if p.label != "ORG"), place_text=where,
                        time_text=when_, tense=tense, evidence=Span(article.text[start: block.start + sent.end_char],
                                                                     start, block.start + sent.end_char),
                        is_caption=block.is_caption, confidence=conf)
                continue
            groups = _split_pairs(tok, parts)
            kind = trig.kind
            if kind == "visit" and tok.lower_ in HOST_VERBS and sum(1 for _, p in parts if p.label == "PERSON") >= 4:
                kind = "summit"  # "X is hosting A, B and C": a multilateral gathering, not a state visit
            for group in groups:
                sided = _sides(kind, tok, [(i, p) for i, p in parts if p in group])
                if len({p.text for p in sided}) < 2 and not (
                        kind == "visit" and sided or kind == "summit" and any(p.label == "ORG" for p in sided)):
                    continue
                state["previous"] = tuple(sided)
                yield RawMention(
                    article_id=article.id, kind=kind, status=status, trigger=trig.text,
                    participants=tuple(sided), place_text=place, time_text=when, tense=tense,
                    evidence=evidence, is_caption=block.is_caption, confidence=conf,
                )


def extract_article(article: Article, nlp: Any) -> ArticleExtraction:
    blocks = prose_blocks(article.text)
    flags = [may_hold_contact(b.text) for b in blocks]
    names = Names()
    docs: list[Any] = [None] * len(blocks)
    full_idx = [i for i, f in enumerate(flags) if f]
    ner_idx = [i for i, f in enumerate(flags) if not f]
    for i, doc in zip(full_idx, nlp.pipe(blocks[i].text for i in full_idx), strict=False):
        docs[i] = doc
    with nlp.select_pipes(disable=[p for p in ("parser", "tagger") if p in nlp.pipe_names]):
        for i, doc in zip(ner_idx, nlp.pipe(blocks[i].text for i in ner_idx), strict=False):
            docs[i] = doc
    for doc in docs:
        fix_person_entities(doc)
        harvest_names(doc, names)
    mentions: list[RawMention] = []
    state: dict[str, tuple[RawParticipant, ...]] = {}
    sentences = 0
    for block, doc, flag in zip(blocks, docs, flags, strict=False):
        if not flag:
            sentences += 1
            continue
        sentences += sum(1 for _ in doc.sents)
        mentions.extend(_mentions_in(doc, block, article, names, state))
    from ..model import NameInfo

    infos = tuple(NameInfo(n, names.role.get(n), names.country.get(n)) for n in names.order)
    return ArticleExtraction(article.id, tuple(mentions), infos, sentences=sentences,
                             parsed_sentences=sum(flags))


def extract_articles(articles: Iterable[Article], nlp: Any) -> Iterator[ArticleExtraction]:
    for article in articles:
        yield extract_article(article, nlp)
