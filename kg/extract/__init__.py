"""Extraction: an article's prose -> contact events as its sentences report them.

Only blocks that the trigger lexicon says can hold a contact get the dependency parser; the rest get
the named-entity recogniser only, so that names introduced there ("Russian President Vladimir
Putin") resolve later mentions ("Putin", "the Russian leader").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..model import Article, ArticleExtraction, RawMention, RawParticipant, Span
from ..resolve.countries import canonical_country
from .arguments import OFFICE_WORDS, Names, fix_person_entities, harvest_names, participants
from .boilerplate import Block, prose_blocks
from .modality import classify
from .places import place_of
from .sides import destinations, entity_text
from .times import time_of
from .triggers import WORDS, find_triggers, may_hold_contact

__all__ = ["extract_article", "extract_articles"]

HOST_VERBS = {"hosted", "hosts", "hosting", "host", "welcomed", "welcomes", "welcoming", "received",
              "receives", "receiving"}


def _sides(kind: str, trigger: Any, parts: list[tuple[int, RawParticipant]]) -> list[RawParticipant]:
    if kind != "visit":
        return [p for _, p in parts]
    passive = any(c.dep_ in ("auxpass", "agent") for c in trigger.children)
    hosting = trigger.lower_ in HOST_VERBS and not passive
    # "the visit of X", "a visit by X", "X's visit": the visitor, wherever the name stands
    doc = trigger.doc
    of_visit = {t.i for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("of", "by")
                for g in c.children if g.dep_ == "pobj" for t in g.subtree} if trigger.pos_ == "NOUN" else set()
    # "received the visiting foreign minister": the one "visiting" describes is the visitor, the others host
    visiting = {t.i for t in trigger.head.subtree} if trigger.dep_ == "amod" and trigger.head.pos_ in (
        "NOUN", "PROPN") else set()
    if visiting:
        return [RawParticipant(p.text, p.label, p.role, "visitor" if i in visiting else "host") for i, p in parts]
    out = []
    for i, p in parts:
        if p.side:
            out.append(p)
            continue
        before = i < trigger.i
        side = ("host" if before else "visitor") if hosting else ("visitor" if before else "host")
        if i in of_visit and doc[i].ent_type_ != "GPE" and p.label == "PERSON":
            side = "visitor"
        out.append(RawParticipant(p.text, p.label, p.role, side))
    return out


def _split_pairs(trigger: Any, parts: list[tuple[int, RawParticipant]]) -> list[list[RawParticipant]]:
    """"X met A and B" is two meetings (X-A, X-B); a joint meeting says "met together" or is a summit."""
    if trigger.pos_ == "NOUN" and len(parts) >= 2 and all(i > trigger.i for i, _ in parts):
        # "his negotiations with Kim Jong Un and Vladimir Putin": someone's talks with each, not theirs
        with_ = [c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "with"]
        objects = {t.i for w in with_ for c in w.children if c.dep_ == "pobj" for t in c.subtree}
        if objects and all(i in objects for i, _ in parts):
            return []
    if "separately" in trigger.sent.text.lower() and len(parts) >= 3:
        first, *rest = [p for _, p in parts]
        return [[first, p] for p in rest]
    joint = JOINT.search(trigger.sent.text)
    if trigger.lower_ in ("met", "meets", "meet") and trigger.pos_ == "VERB":
        before = [p for i, p in parts if i < trigger.i]
        after = [p for i, p in parts if i > trigger.i and p.label == "PERSON"]
        if len(before) == 1 and len(after) >= 2 and not joint:
            return [[before[0], p] for p in after]
    elif not joint and trigger.pos_ in ("VERB", "NOUN", "ADP") and len(parts) >= 3:
        # "held talks with A and B", "spoke with A and B": one person's contact with each of them
        noun = trigger.head if trigger.dep_ in ("compound", "amod") else trigger  # "telephone talks"
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ in ("dobj", "prep") else noun
        heads = [noun, *([verb] if verb.i != noun.i else [])]
        # "held calls on 19 May with A and B": a parser may hang the "with" on the date before it
        heads += [g for h in list(heads) for c in h.children if c.dep_ == "prep"
                  for g in c.children if g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME")]
        with_ = [c for h in heads for c in h.children
                 if c.dep_ == "prep" and c.lower_ == "with"]  # "talks with", "held talks with", "by phone with"
        listeners = {t.i for w in with_ for c in w.children if c.dep_ == "pobj" for t in c.subtree}
        after = [p for i, p in parts if i in listeners and p.label == "PERSON"]
        others = [p for i, p in parts if i not in listeners]
        if len(others) == 1 and len(after) >= 2:
            return [[others[0], p] for p in after]
    return [[p for _, p in parts]]


JOINT = re.compile(r"\b(together|jointly|joint|trilateral|three-way|four-way|between)\b", re.I)


TRIGGER_NOUNS = {"meeting", "meetings", "talks", "visit", "trip", "call", "negotiations", "consultations",
                 "discussions", "handshake", "encounter", "conversation"}
FRAME_PREPS = {"during", "at", "amid", "of", "on"}  # scene-setting; "after/following talks" are events of their own


def _is_frame(tok: Any) -> bool:
    """A trigger noun that only sets the scene of another one ("met during his visit", "talks at the
    G20 summit") is not an event of its own in that sentence."""
    if tok.lower_.startswith("summit"):
        # a summit is an event of its own, except as the venue of a bilateral one: "their meeting at the
        # G20 summit", "met on the sidelines of the East Asia Summit"
        prep = tok.head
        return tok.dep_ == "pobj" and (
            prep.lower_ == "at" and prep.head.lower_ in TRIGGER_NOUNS
            or prep.lower_ == "of" and prep.head.lower_ in ("sidelines", "margins", "sideline", "margin", "eve", "run-up",
                                                             "opening", "start", "end", "close"))
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ in FRAME_PREPS


_DURING_JOURNEY = re.compile(r"\b(during|on) (his|her|their|the|this|that) (visit|trip|stay|tour|stopover)\b",
                             re.IGNORECASE)
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


GROUP = {"meeting": "meeting", "talks": "meeting", "visit": "visit", "summit": "summit",
         "phone_call": "call", "video_call": "call"}
DEFINITE = {"the", "this", "that", "its", "their", "his", "her", "these"}


def _aggregate(tok: Any) -> bool:
    """A count of contacts rather than one: "met four times", "held two previous summits", "dozens of
    meetings"."""
    if tok.pos_ == "VERB":
        return any(c.dep_ == "npadvmod" and c.lower_ in ("times", "occasions") and
                   any(g.dep_ == "nummod" or g.lower_ in ("several", "many", "numerous") for g in c.children)
                   or c.dep_ == "advmod" and c.lower_ in ("twice", "thrice", "repeatedly", "regularly", "often",
                                                          "frequently")
                   for c in tok.children)
    if tok.tag_ in ("NNS", "NNPS") and tok.lower_ != "talks":
        return any(c.dep_ == "nummod" or c.lower_ in ("several", "many", "numerous", "previous", "dozens")
                   for c in tok.children)
    return False


def _companions(sent: Any) -> set[int]:
    """Tokens of the people travelling with a visitor: "made the trip with his defence minister X",
    "accompanied by her foreign minister X" (their own side, not hosts)."""
    out: set[int] = set()
    for tok in sent:
        head = None
        if tok.lower_ == "with" and tok.dep_ == "prep":
            head = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if head is None or not any(c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in head.children) \
                    or head.lower_ in ("counterpart", "counterparts", "host", "hosts"):
                head = None
        elif tok.lower_ == "accompanied":
            head = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if head is not None:
            out.update(t.i for t in head.subtree)
    return out


def _serves_visit(tok: Any, triggers: list[Any]) -> bool:
    """A meeting that is the purpose or content of a visit in the same sentence: "visited Moscow to meet
    Lavrov", "is to visit New Delhi for talks with Modi", "the visit was to have included talks"."""
    visits = {t.i for t in triggers if t.kind == "visit"}
    if not visits:
        return False
    if tok.pos_ == "VERB" and tok.dep_ in ("advcl", "xcomp") and any(c.lower_ == "to" for c in tok.children):
        return tok.head.i in visits
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "for":
        return head.head.i in visits
    if tok.dep_ == "dobj" and head.lower_.startswith("includ"):
        verbs = [head, head.head] if head.dep_ == "xcomp" else [head]  # "the visit was to have included talks"
        return any(c.i in visits for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass"))
    return False


def _reference(tok: Any, state: dict[str, Any], kind: str) -> tuple[tuple[RawParticipant, ...], str] | None:
    """"the meeting at the Kremlin", "their two-day summit in Lisbon": a definite description of
    an event the article already reported; its sides and status are that event's."""
    if tok.pos_ != "NOUN" or not any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in tok.children):
        return None
    seen = state.get("by_group", {}).get(GROUP[kind])
    if not seen:
        return None
    # the event the article has talked about most (the latest on a tie)
    counts: dict[frozenset[str], int] = {}
    for parts, _ in seen:
        key = frozenset(p.text for p in parts)
        counts[key] = counts.get(key, 0) + 1
    best = max(range(len(seen)), key=lambda i: (counts[frozenset(p.text for p in seen[i][0])], i))
    return seen[best]


def _subject_person(sent: Any, names: Names) -> str | None:
    """The person a sentence is about: its first named subject."""
    for ent in sent.ents:
        if ent.label_ == "PERSON" and ent.root.dep_ in ("nsubj", "nsubjpass"):
            return names.lookup(ent.text) or (ent.text if len(ent.text.split()) >= 2 else None)
    return None


def _mentions_in(doc: Any, block: Block, article: Article, names: Names,
                 state: dict[str, Any]) -> Iterator[RawMention]:
    for sent in doc.sents:
        subject = _subject_person(sent, names)
        if not may_hold_contact(sent.text):
            if subject:
                state["last_person"] = subject
            continue
        triggers = find_triggers(sent)
        previous = state.get("previous", ())  # the last event of an earlier sentence
        main = [t for t in triggers if not _is_frame(doc[t.i]) and t.kind != "summit"]
        for trig in triggers:
            tok = doc[trig.i]
            if _is_frame(tok) and (main or trig.kind == "summit" and len(triggers) > 1):
                continue  # "met during his visit", "their meeting at the G20 summit": scene-setting only
            if trig.kind in ("meeting", "talks") and _serves_visit(tok, triggers):
                continue  # "visited Moscow to meet Lavrov", "to visit Delhi for talks": what the visit is for
            others = tuple(doc[t.i] for t in triggers if t.i != trig.i and not _is_frame(doc[t.i]))
            parts = participants(sent, tok, names, previous, others, state.get("last_person"))
            status, tense, conf = classify(tok, block.is_caption, block.is_title)
            only_countries = bool(parts) and all(p.label == "COUNTRY" for _, p in parts)
            ref = _reference(tok, state, trig.kind) if (len(parts) < 2 and trig.kind != "visit" or not parts
                                                        or only_countries and tok.dep_ == "pobj") \
                and not any(p.label == "ORG" for _, p in parts) else None
            if ref and only_countries:
                parts = []  # "after the meeting, the two countries ...": the meeting already reported
            if ref:
                known = {p.text for _, p in parts}
                parts = parts + [(tok.i, p) for p in ref[0] if p.text not in known]
                if status not in ("cancelled", "denied"):
                    status = ref[1]
                conf = min(conf, 0.55)
            if not parts:
                continue
            place = place_of(sent, tok)
            if place is None and _DURING_JOURNEY.search(sent.text):
                # "Ruiz, who also met the premier during her trip": where that visit went
                place = next((state["places"][p.text] for _, p in parts if p.text in state.get("places", {})), None)
            when = time_of(sent, tok)
            start = block.start + sent.start_char
            evidence = Span(article.text[start: block.start + sent.end_char], start, block.start + sent.end_char)
            occurrences = _enumerated(sent, tok) if status == "occurred" else []
            if not occurrences and _aggregate(tok):
                continue  # "have met four times", "two previous summits": a count, not an occurrence
            if occurrences:
                for where, when_ in occurrences:
                    yield RawMention(
                        article_id=article.id, kind=trig.kind, status=status, trigger=trig.text,
                        participants=tuple(p for _, p in parts if p.label != "ORG"), place_text=where,
                        time_text=when_, tense=tense, evidence=Span(article.text[start: block.start + sent.end_char],
                                                                     start, block.start + sent.end_char),
                        is_caption=block.is_caption, confidence=conf)
                continue
            kind = trig.kind
            if kind == "visit":
                escort = _companions(sent)
                parts = [(i, p) for i, p in parts if i not in escort] or parts
            groups = _split_pairs(tok, parts)
            if kind == "visit" and tok.lower_ in HOST_VERBS and sum(1 for _, p in parts if p.label == "PERSON") >= 4:
                kind = "summit"  # "X is hosting A, B and C": a multilateral gathering, not a state visit
            legs = _legs(tok, parts) if kind == "visit" else []
            if legs:
                groups = [g for g, _ in legs]
            for n, group in enumerate(groups):
                if legs:
                    place = legs[n][1]
                members = [(i, p) for i, p in parts if p in group]
                members += [(tok.i, p) for p in group if p.side == "host" and all(p != q for _, q in parts)]
                sided = _sides(kind, tok, members)
                if len({p.text for p in sided}) < 2 and not (
                        kind == "visit" and sided or kind == "summit" and any(p.label in ("ORG", "GROUP") for p in sided)):
                    continue
                state["previous"] = tuple(sided)
                if place:
                    state.setdefault("places", {}).update((p.text, place) for p in sided if p.label == "PERSON")
                state.setdefault("by_group", {}).setdefault(GROUP[kind], []).append((tuple(sided), status))
                yield RawMention(
                    article_id=article.id, kind=kind, status=status, trigger=trig.text,
                    participants=tuple(sided), place_text=place, time_text=when, tense=tense,
                    evidence=evidence, is_caption=block.is_caption, confidence=conf,
                )
        if subject:
            state["last_person"] = subject


def _legs(tok: Any, parts: list[tuple[int, RawParticipant]]) -> list[tuple[list[RawParticipant], str | None]]:
    """A trip to several countries or cities is one visit per leg: (its sides, its place)."""
    stops = destinations(tok)
    if len(stops) < 2:
        return []
    from .places import _known_city

    # a stop is a country or a city the gazetteer knows ("the visit of Mr X to A and to B": not X)
    country_of = {name: canonical_country(name) for name in (entity_text(t) for t in stops)
                  if canonical_country(name) or _known_city(name)}
    countries = set(country_of.values()) - {None}
    if len(countries) < 2:
        return []  # a tour of cities is one journey (its cities may be one country's: a tour at home)
    visitors = [p for _, p in parts if p.label != "COUNTRY" or p.text not in countries and p.side != "host"]
    if not visitors:
        return []
    legs: list[tuple[list[RawParticipant], str | None]] = []
    for name, country in country_of.items():
        if country:  # a leg to a country is in that country (its city, if the article names one)
            legs.append((visitors + [RawParticipant(country, "COUNTRY", None, "host")], name))
        else:
            legs.append((list(visitors), name))  # a city: its country becomes the host in resolution
    return legs


@lru_cache(maxsize=1)
def _splitter() -> Any:
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


def sentence_blocks(blocks: list[Block]) -> list[Block]:
    """Blocks cut into sentences by a rule-based splitter (tokenizer speed), so that only sentences
    the trigger lexicon flags go through the parser."""
    out: list[Block] = []
    splitter = _splitter()
    for block in blocks:
        if not may_hold_contact(block.text):
            out.append(block)  # no trigger anywhere: one block for the recogniser
            continue
        doc = splitter(block.text)
        cuts = [sent.start_char for sent in doc.sents][1:]
        for k, cut in enumerate(cuts):
            # 'twice. "I met him,"': the splitter ends a sentence after the next one's opening quote
            piece = block.text[cuts[k - 1] if k else 0: cut].rstrip()
            if piece[-1:] in ('"', "“") and piece[-2:-1].isspace() and piece.count('"') % 2 == 1:
                cuts[k] = (cuts[k - 1] if k else 0) + len(piece) - 1
        for begin, end in zip([0, *cuts], [*cuts, len(block.text)], strict=True):
            raw = block.text[begin:end]
            text = raw.strip()
            if text:
                lead = len(raw) - len(raw.lstrip())
                out.append(Block(text, block.start + begin + lead, block.is_caption, block.is_title))
    return out


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# words that name a person by office: a flagged sentence using one ("his Russian counterpart", "the
# crown prince") or a visit (its host country's leader) may need any titled name of the article
ROLE_WORDS = OFFICE_WORDS | {"leaders", "presidents", "ministers", "monarch", "pope", "emperor"}
TITLES = re.compile(r"\b(President|Minister|Chancellor|Premier|King|Queen|Prince|Princess|Emir|Sheikh|Sultan|"
                    r"Secretary|Ambassador|Pope|Emperor|Governor|Senator|Leader|leader|president|minister|"
                    r"chancellor|premier|king|queen|prince|emir|sheikh|sultan|ambassador|secretary)\b")
_NOT_NAMES = frozenset({"the", "a", "an", "he", "she", "it", "they", "we", "i", "in", "on", "at", "but", "and", "this",
                        "that", "his", "her", "their", "as", "after", "for", "of", "to", "by", "with", "mr", "mrs",
                        "ms", "dr", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                        "january", "february", "march", "april", "may", "june", "july", "august", "september",
                        "october", "november", "december"})


def context_blocks(texts: list[str], flags: list[bool], docs: list[Any]) -> list[int]:
    """Indices of the unflagged blocks that need the recogniser, given the parsed flagged ones: those
    naming someone or something the flagged sentences name (a surname there, the full name here), the
    block just before a flagged one (whom "he" is), and, when a flagged sentence refers to someone by
    office or reports a visit, every block with a title in it."""
    keys: set[str] = set()
    by_office = False
    for doc, flag in zip(docs, flags, strict=True):
        if not flag or doc is None:
            continue
        for tok in doc:
            if tok.pos_ == "PROPN" or tok.ent_type_:
                if tok.text[:1].isupper() and len(tok.text) > 2 and tok.lower_ not in _NOT_NAMES:
                    keys.add(tok.lower_)
            if tok.lower_ in ROLE_WORDS or WORDS.get(tok.lower_) == "visit":
                by_office = True
    out = []
    for i, (text, flag) in enumerate(zip(texts, flags, strict=True)):
        if flag:
            continue
        if i + 1 < len(flags) and flags[i + 1] or by_office and TITLES.search(text) or any(
                w.lower() in keys for w in _WORD.findall(text) if w[:1].isupper()):
            out.append(i)
    return out


NER_ONLY_DISABLED = ("parser", "tagger", "tok2vec", "attribute_ruler", "kg_pos_from_tag", "kg_triggers")
BATCH_ARTICLES = 64


def _analyse(article: Article, blocks: list[Block], flags: list[bool], docs: list[Any]) -> ArticleExtraction:
    from ..model import NameInfo

    names = Names()
    names.when = article.published
    for doc in docs:
        if doc is None:
            continue
        fix_person_entities(doc)
        harvest_names(doc, names)
    mentions: list[RawMention] = []
    state: dict[str, Any] = {}
    sentences = 0
    for block, doc, flag in zip(blocks, docs, flags, strict=True):
        if not flag:
            sentences += 1
            if doc is None:
                continue  # nothing in it about the people of the flagged sentences
            # no parse here: the first person named stands for the subject
            first = next((e for e in doc.ents if e.label_ == "PERSON"), None)
            who = names.lookup(first.text) if first is not None else None
            if who:
                state["last_person"] = who
            continue
        sentences += sum(1 for _ in doc.sents)
        mentions.extend(_mentions_in(doc, block, article, names, state))
    infos = tuple(NameInfo(n, names.role.get(n), names.country.get(n)) for n in names.order)
    return ArticleExtraction(article.id, tuple(mentions), infos, sentences=sentences,
                             parsed_sentences=sum(flags))


def extract_batch(articles: list[Article], nlp: Any, batch_size: int = 128) -> list[ArticleExtraction]:
    """Extract a batch of articles with two ``nlp.pipe`` passes over all their blocks: the full
    pipeline for blocks the trigger lexicon flags, the recogniser alone for the rest."""
    blocks = [sentence_blocks(prose_blocks(a.text)) for a in articles]
    flags = [[may_hold_contact(b.text) for b in bl] for bl in blocks]
    docs: list[list[Any]] = [[None] * len(bl) for bl in blocks]
    full = [(ai, bi) for ai, fl in enumerate(flags) for bi, f in enumerate(fl) if f]
    for (ai, bi), doc in zip(full, nlp.pipe((blocks[ai][bi].text for ai, bi in full), batch_size=batch_size),
                             strict=True):
        docs[ai][bi] = doc
    # the other blocks get the recogniser only where they can tell something about the people of the
    # flagged ones; an article no sentence of which can hold a contact needs no model at all
    rest = [(ai, bi) for ai, fl in enumerate(flags) if any(fl)
            for bi in context_blocks([b.text for b in blocks[ai]], fl, docs[ai])]
    with nlp.select_pipes(disable=[p for p in NER_ONLY_DISABLED if p in nlp.pipe_names]):
        for (ai, bi), doc in zip(rest, nlp.pipe((blocks[ai][bi].text for ai, bi in rest), batch_size=batch_size),
                                 strict=True):
            docs[ai][bi] = doc
    return [_analyse(a, bl, fl, dc) if any(fl) else ArticleExtraction(a.id, (), (), sentences=len(bl), parsed_sentences=0)
            for a, bl, fl, dc in zip(articles, blocks, flags, docs, strict=True)]


def extract_article(article: Article, nlp: Any) -> ArticleExtraction:
    return extract_batch([article], nlp)[0]


def extract_articles(articles: Iterable[Article], nlp: Any, batch: int = BATCH_ARTICLES
                     ) -> Iterator[ArticleExtraction]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= batch:
            yield from extract_batch(chunk, nlp)
            chunk = []
    if chunk:
        yield from extract_batch(chunk, nlp)
