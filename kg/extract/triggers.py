"""The trigger lexicon: words that signal a contact event, and the kind each signals.

The lexicon is used twice: as a cheap regular expression that decides which sentences need the
parser at all, and over parsed tokens to find the trigger and its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..kb import lookup_body
from ..lexicon import triggers as _lexicon


def _is_phrase(form: str) -> bool:
    """Several tokens to the tokenizer: words with spaces or hyphens ("courtesy call", "tete-a-tete")."""
    return " " in form or "-" in form


# the trigger lexicon (kg/lexicon/triggers.jsonl): single words and multi-word phrases -> kind
WORDS: dict[str, str] = {f: e.signals for e in _lexicon() for f in e.forms if not _is_phrase(f)}
PHRASES: dict[str, str] = {f: e.signals for e in _lexicon() for f in e.forms if _is_phrase(f)}
# words that count only governing a preposition ("conferred with", "negotiate with")
NEEDS: dict[str, str] = {f: e.needs for e in _lexicon() for f in e.forms if e.needs}
# ... and a particle ("sat down with")
NEEDS_PARTICLE: dict[str, str] = {f: e.particle for e in _lexicon() for f in e.forms if e.particle}
# what one receives when receiving a visitor: people, offices, groups (and a welcome, below)
_RECEIVED_PEOPLE = {"delegation", "delegations", "minister", "ministers", "president", "envoy", "envoys", "ambassador",
                    "ambassadors", "counterpart", "leader", "leaders", "king", "queen", "prince", "premier",
                    "chancellor", "secretary", "officials", "visitor", "visitors", "guest", "guests", "head", "heads",
                    "emir", "sheikh", "sultan", "pope", "welcome", "reception", "diplomat", "diplomats", "counterparts",
                    "representative", "representatives", "delegates", "foreign"}
# bodies whose own meetings are internal business, not a contact between sides
_INTERNAL = {"cabinet", "board", "committee", "party", "parliamentary", "shareholders", "staff", "caucus", "club",
             "union", "executive", "backbench", "backbenchers", "mps"}


def _internal(tok: Any) -> bool:
    words = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")}
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            words |= {obj.lower_} | {g.lower_ for g in obj.children if g.dep_ in ("compound", "amod", "nmod")}
    return bool(words & _INTERNAL)


_MEET_VERBS = {"meet", "meets", "met", "meeting"}
# people one meets ("met his counterpart", "meets the delegation"); anything else met is a demand, a target ...
_PEOPLE_NOUNS = {"counterpart", "counterparts", "leader", "leaders", "minister", "ministers", "president", "presidents",
                 "officials", "official", "delegation", "delegations", "envoy", "envoys", "ambassador", "ambassadors",
                 "premier", "chancellor", "king", "queen", "prince", "emir", "sheikh", "sultan", "pope", "mediators",
                 "negotiators", "representatives", "head", "heads", "chief", "secretary", "governor", "diplomats",
                 "diplomat", "foreign", "rebels", "commander", "commanders", "side", "sides", "team", "mission"}
_MET_OBJECTS = _PEOPLE_NOUNS | _RECEIVED_PEOPLE | set(WORDS)  # "met the delegation", "met for talks"


def _members_of_people(tok: Any) -> bool:
    """"met members of the delegation": people, unlike "met members of the public" (no one's side)."""
    return tok.lower_ in ("members", "member") and any(
        g.dep_ == "pobj" and g.lower_ in _PEOPLE_NOUNS for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children)


_HEAD_LAST = {"talks", "negotiations", "consultations", "meeting", "summit", "call", "visit"}
ARRIVALS = {"arrived", "arrives", "landed", "flew", "travelled", "traveled", "toured", "travel", "travels", "travelling",
            "traveling"}
PRIORITY = {"video_call": 0, "phone_call": 1, "summit": 2, "visit": 3, "talks": 4, "meeting": 5}

PREFILTER = re.compile(
    r"\b(" + "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True)) + r")\b"
    r"|video|virtual|" + "|".join(re.escape(p) for p in PHRASES), re.IGNORECASE)

# weak words need corroboration in the sentence to count
_PHONE_CONTEXT = re.compile(r"\b(phoned|telephoned|phone|telephone|call|spoke (to|with)|speak (to|with)|spoken (to|with))\b",
                            re.IGNORECASE)
_PHONE_WORDS = re.compile(r"\b(phone|telephone|call|phoned|telephoned)\b", re.IGNORECASE)
_NOT_EVENT_NOUN = re.compile(
    r"\b(press|news|media)\s+(conference|briefing|call)|conference call with reporters|"
    r"\bcalls? to (?!(the|a|an|his|her|their|its|president|prime|minister|king|queen)\b)[a-z]+\b|"  # "a call to act"
    r"\bcall(s|ed)? (up)?on (?!(monday|tuesday|wednesday|thursday|friday|saturday|sunday|the phone|january|february|"
    r"march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|"
    r"dec)\b|\d)\w+|"  # "calls on Ghana to act"; "calls on 19 May", "calls on Monday" are dated calls
    r"\bcalls? for\b|so.called|called (him|her|it|them|the)|wake-up call",
    re.IGNORECASE)


_WORD_SET = frozenset(WORDS)
_TOKENS = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_SUBSTRINGS = ("video", "virtual", *PHRASES)


def may_hold_contact(text: str) -> bool:
    """Cheap test: can this text hold a contact event at all?  (What :data:`PREFILTER` finds: a
    trigger word as a whole word, or a phrase, "video" or "virtual" anywhere; by set look-ups; a word
    that needs a preposition counts only in a text that has it.)"""
    low = text.lower()
    if any(p in low for p in _SUBSTRINGS):
        return True
    tokens = _TOKENS.findall(low)
    needing = False
    for k, tok in enumerate(tokens):
        if tok in _WORD_SET or "-" in tok and any(part in _WORD_SET for part in tok.split("-")):
            if tok in _WEAK and not _WEAK[tok](text, tokens, k):
                continue  # "receive a pension", "travel costs": what the word needs is not near it
            if tok not in NEEDS:
                return True
            needing = True
    # only words that need a preposition ("talked with"): the sentence must have it somewhere
    return needing and any(NEEDS[t] in tokens for t in tokens if t in NEEDS)


def _someone_after(text: str, tokens: list[str], k: int) -> bool:
    """"received the visiting minister", "receives President X": a person, an office or a name within the
    next four words (the parse decides; this only spares the parser "received a letter")."""
    words = text.split()
    near = tokens[k + 1: k + 5]
    if any(w in _RECEIVED_PEOPLE or w in _PEOPLE_NOUNS for w in near):
        return True
    form = tokens[k]
    for i, w in enumerate(words):  # the same word in the original case: a capitalised word after it
        if w.lower().strip(".,;:'\"()") == form:
            return any(x[:1].isupper() for x in words[i + 1: i + 5])
    return False


def _place_after(text: str, tokens: list[str], k: int) -> bool:
    """"will travel to Lima", "travelled on Monday to Accra": a journey somewhere, not "travel costs"."""
    return "to" in tokens[k + 1: k + 4]


# trigger words that are common in other senses: worth parsing only with what they need nearby
_WEAK = {**{f: _someone_after for f in ("receive", "receives", "received", "receiving")},
         **{f: _place_after for f in ("travel", "travels", "travelling", "traveling", "travelled", "traveled")}}


@dataclass(frozen=True)
class Trigger:
    i: int  # token index in the doc of the head word
    kind: str
    text: str


SPANS_KEY = "kg_triggers"  # where the pipeline's trigger ruler (see :func:`add_trigger_ruler`) puts its spans


def trigger_patterns() -> list[dict[str, Any]]:
    """The trigger lexicon as ``span_ruler`` patterns: one token for a word, a phrase for the rest."""
    out: list[dict[str, Any]] = []
    for entry in _lexicon():
        for form in entry.forms:
            pattern: Any = form if _is_phrase(form) else [{"LOWER": form}]
            out.append({"label": entry.signals, "pattern": pattern, "id": form})
    return out


def add_trigger_ruler(nlp: Any) -> None:
    """Add spaCy's ``span_ruler`` with the trigger lexicon after the parser: each doc then carries the
    lexicon's matches in ``doc.spans["kg_triggers"]`` (label: the kind; id: the form)."""
    if SPANS_KEY in nlp.pipe_names:
        return
    ruler = nlp.add_pipe("span_ruler", name=SPANS_KEY, last=True,
                         config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER", "overwrite": True})
    ruler.add_patterns([q for q in (_as_phrase(p, nlp) for p in trigger_patterns()) if q is not None])


def _as_phrase(pattern: dict[str, Any], nlp: Any) -> dict[str, Any] | None:
    """A one-word pattern as a phrase when the tokenizer keeps the word one token: the same spans, found
    by the phrase matcher's look-ups instead of the token matcher's pass over every token (~100x less).
    None for a word the tokenizer splits ("video-conference": its hyphen is an infix), which no token
    is, so that its pattern matches nothing: then the token matcher has no pattern and no pass to make."""
    tokens = pattern["pattern"]
    if isinstance(tokens, list) and len(tokens) == 1 and list(tokens[0]) == ["LOWER"]:
        word = tokens[0]["LOWER"]
        doc = nlp.make_doc(word)
        if len(doc) == 1 and doc[0].lower_ == word:
            return {**pattern, "pattern": word}
        if len(doc) > 1:
            return None
    return pattern


def _phrase_spans(sent: Any) -> tuple[dict[str, Any], set[int] | None]:
    """The lexicon's phrases found in the sentence (first occurrence of each) and the tokens that are
    trigger words: from the ruler's spans when the doc has them, else by searching the text."""
    doc = sent.doc
    if SPANS_KEY in doc.spans:
        phrases: dict[str, Any] = {}
        words: set[int] = set()
        for span in doc.spans[SPANS_KEY]:
            if span.start < sent.start or span.end > sent.end:
                continue
            if _is_phrase(span.id_):
                phrases.setdefault(span.id_, span)
            else:
                words.add(span.start)
        return phrases, words
    text = sent.text.lower()
    found = {}
    for phrase in PHRASES:
        pos = text.find(phrase)
        if pos >= 0:
            tok = sent.char_span(pos, pos + len(phrase), alignment_mode="expand")
            if tok is not None:
                found[phrase] = tok
    return found, None


PHONE_HEADS = {"call", "calls", "conversation", "conversations", "by", "talks", "discussion", "discussions",
               "consultations", "contact"}


def find_triggers(sent: Any) -> list[Trigger]:
    """Trigger tokens in a parsed sentence (spaCy Span), one per kind at most, best first."""
    text = sent.text.lower()
    found: dict[str, Trigger] = {}
    phrase_spans, word_tokens = _phrase_spans(sent)
    for phrase, kind in PHRASES.items():
        tok = phrase_spans.get(phrase)
        if tok is not None:
            head = tok.root
            if kind == "summit" or tok[-1].lower_ in _HEAD_LAST:
                head = tok[-1]
            found.setdefault(kind, Trigger(head.i, kind, tok.text))
    for tok in sent:
        if word_tokens is not None and tok.i not in word_tokens:
            continue
        word_kind = WORDS.get(tok.lower_)
        if word_kind is None or word_kind in found:
            continue
        kind = word_kind
        if kind == "phone_call":
            if tok.lower_ in ("call", "calls", "called", "calling") and tok.pos_ == "VERB":
                # "Trump called Xi on Friday" is a call; "called for talks", "called off", "called him a liar" not
                obj = [c for c in tok.children if c.dep_ == "dobj"]
                if not (obj and (obj[0].ent_type_ == "PERSON" or obj[0].pos_ == "PROPN" and obj[0].ent_type_ == "ORG")) or any(
                        c.dep_ in ("prt", "oprd", "xcomp", "ccomp") or (
                            c.dep_ == "prep" and c.lower_ in ("for", "on", "upon")
                            and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children))
                        for c in tok.children):
                    continue
            if tok.lower_.startswith("spo") or tok.lower_.startswith("speak"):
                # "spoke separately on Monday with X": adverbs and times may come before the listener
                after = [t for t in sent.doc[tok.i + 1: min(sent.end, tok.i + 9)]
                         if not (t.pos_ == "ADV" or t.ent_type_ in ("DATE", "TIME") or t.lower_ == "on"
                                 and t.i + 1 < sent.end and sent.doc[t.i + 1].ent_type_ in ("DATE", "TIME"))]
                nxt = " ".join(t.lower_ for t in after[:3])
                if not re.match(r"(by|on the|over the) (phone|telephone)|(to|with) ", nxt):
                    continue
                if re.match(r"(to|with) (reporters|journalists|the media|the press|media|press)", nxt):
                    continue
                listener = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "with")
                                 for g in c.children if g.dep_ == "pobj"), None)
                if listener is not None and any(t.ent_type_ in ("ORG", "WORK_OF_ART") and not lookup_body(t.text)
                                                for t in listener.subtree):
                    continue  # "speaking to the Daily Courier", "spoke to a radio station": an interview
            elif tok.lower_ in ("phone", "telephone") and tok.head.lower_ not in PHONE_HEADS:
                continue
            elif not _PHONE_CONTEXT.search(text) and not (tok.lower_.startswith("call") and tok.pos_ == "VERB"):
                continue
            window = sent.doc[max(sent.start, tok.i - 2): min(sent.end, tok.i + 4)].text
            if _NOT_EVENT_NOUN.search(window):
                continue
        if tok.i > sent.start and sent.doc[tok.i - 1].lower_ in ("under", "for") and tok.lower_ in (
                "discussion", "discussions", "negotiation", "consultation", "consideration"):
            continue  # "the plan is under discussion", "up for negotiation": a state of a topic, no event
        if tok.lower_ in ("gathered", "attended", "attending", "attend", "attends") and not re.search(
                r"\b(leaders|heads of state|heads of government|summit)\b", text):
            continue  # attending a ceremony or a match is not a summit
        if tok.lower_ == "talks" and tok.pos_ == "VERB":
            kind = "meeting"
        if tok.lower_ in ("host", "hosts", "hosted", "hosting", "welcomed", "welcomes", "welcoming") and (
                tok.pos_ not in ("VERB", "AUX") or any(
                c.dep_ == "dobj" and c.ent_type_ not in ("PERSON", "NORP", "GPE", "ORG") and c.pos_ != "PROPN"
                and c.lower_ not in ("delegation", "delegations", "leaders", "counterpart", "president", "king")
                for c in tok.children)):
            continue  # "hosting joint efforts", "hosted a dinner": not a visit
        if tok.lower_ in _MEET_VERBS and tok.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.ent_type_ not in ("PERSON", "NORP", "GPE", "ORG") and c.pos_ not in ("PROPN", "PRON")
                and c.lower_ not in _MET_OBJECTS and not _members_of_people(c) for c in tok.children):
            continue  # "meet demand", "met its targets", "meet the deadline": to satisfy, not to meet someone
        if tok.lower_ in ("receive", "received", "receives", "receiving") and (tok.pos_ != "VERB" or any(
                c.dep_ == "dobj" and c.ent_type_ not in ("PERSON", "NORP", "GPE", "ORG") and c.pos_ != "PROPN"
                and c.lower_ not in _RECEIVED_PEOPLE for c in tok.children)):
            continue  # "received a letter", "received an award": not a meeting
        if tok.lower_ in ("receive", "received", "receives", "receiving") and any(
                c.dep_ == "dobj" and c.lower_ in ("welcome", "reception") for c in tok.children):
            kind = "visit"  # "received a formal welcome from the King"
        if tok.lower_ in ARRIVALS and (len([t for t in sent if WORDS.get(t.lower_) and t.lower_ not in ARRIVALS]) > 0
                                       or not any(c.dep_ in ("nsubj",) and c.ent_type_ == "PERSON" for c in tok.children)
                                       or not any(c.dep_ == "prep" and c.lower_ in ("in", "to", "at") and any(
                                           g.ent_type_ in ("GPE", "LOC", "FAC") for g in c.children)
                                           or c.dep_ == "dobj" and c.ent_type_ == "GPE" and tok.lower_.startswith("tour")
                                           for c in tok.children)):
            continue  # "Erdogan arrived in Cairo": a visit only when nothing else in the sentence says so
        if tok.lower_ in NEEDS and not any(c.dep_ == "prep" and c.lower_ == NEEDS[tok.lower_] for c in tok.children):
            continue  # "negotiated a contract", "talked about the economy": no one on the other side
        if tok.lower_ in NEEDS_PARTICLE and not any(c.dep_ == "prt" and c.lower_ == NEEDS_PARTICLE[tok.lower_]
                                               for c in tok.children):
            continue  # one sits down with someone; a plan "sits uneasily with" voters
        if tok.lower_ == "meeting" and re.search(r"\b(press|news) ", sent.doc[max(sent.start, tok.i - 2): tok.i].text.lower()):
            continue
        if tok.lower_ in ("meeting", "meetings") and _internal(tok):
            continue  # "a cabinet meeting", "a meeting of the parliamentary party": a body meeting in itself
        found.setdefault(kind, Trigger(tok.i, kind, tok.text))
    # a summit noun qualified by "virtual" or a meeting inside a "video conference" keeps one kind
    if "video_call" in found and "meeting" in found:
        del found["meeting"]
    if "video_call" in found and "talks" in found and abs(found["talks"].i - found["video_call"].i) <= 3:
        del found["talks"]  # "video-conference negotiations" is one video call
    if "phone_call" in found and "talks" in found and (found["talks"].text.lower() != "talks" or sent.doc[
            found["phone_call"].i].head.i == found["talks"].i):
        del found["talks"]  # "phone talks", "telephone consultations": one call
    call = found.get("phone_call")
    if call and call.text.lower().startswith(("spo", "speak")) and not _PHONE_WORDS.search(text) \
            and len(found) > 1:
        tok = sent.doc[call.i]
        scene = any(sent.doc[t.i].dep_ == "pobj" and sent.doc[t.i].head.lower_ in ("during", "at")
                    for k, t in found.items() if k != "phone_call")
        if scene or tok.tag_ in ("VBZ", "VBP", "VBG"):
            del found["phone_call"]  # "X speaks with Y during their meeting": not a call
    return sorted(found.values(), key=lambda t: PRIORITY[t.kind])
