"""The time expression of a trigger: the DATE or TIME entity of its sentence that dates that contact.

A time adjunct dates the event of the clause it hangs from: "met on Monday" (the trigger's own), "arrived on
Monday evening and will meet X" (a verb the trigger depends on); not the saying ("the Kremlin said today"),
nor another clause's or another event's ("since the conflict began in 2022", "the Oct. 23 visit").
"""

from __future__ import annotations

import re
from typing import Any

from ..lexicon import roles, words_of
from ..resolve.dates import resolve_time
from .triggers import WORDS as TRIGGER_WORDS

REPORTING = words_of(roles(), "reporting")
# calling off or denying a contact happens on its own day, not the contact's: "the visit was cancelled today",
# "the ministry denied on Monday that he would visit" (a contact called off keeps the date it was planned for)
_CALLING_OFF = re.compile(r"(cancel|postpone|scrap|suspend|delay|defer|deny|denie|refute|dismiss|reject)"
                         r"(s|es|d|ed|led|ped|red|ing|ling|ping|ring)?", re.I)
_CALLING_OFF_PHRASAL = re.compile(r"(call|put|rule)(s|ed|led|ing|ling)?", re.I)


def _calls_off(verb: Any) -> bool:
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    word = verb.lower_
    return bool(_CALLING_OFF.fullmatch(word)) or bool(_CALLING_OFF_PHRASAL.fullmatch(word)) and any(
        c.dep_ == "prt" and c.lower_ in ("off", "out") for c in verb.children)


_DURATION = re.compile(r"\b(\d+|one|two|three|four|five|six|several|many)[- ](day|days|hour|hours|"
                       r"minute|minutes|year|years|month|months|week|weeks|decades?)\b|"
                       r"^(years?|decades?|months?)$|\bage\b|old$|times?$|annual|daily|weekly", re.I)


def _expressions(sent: Any) -> list[tuple[Any, str]]:
    """The sentence's time expressions, (span, label): a DATE and the TIME written next to it are one
    ("Tuesday evening", "evening" alone dates nothing); "later in the day", "earlier in the day" keep
    their "later in" (the day of the report)."""
    doc = sent.doc
    out: list[tuple[Any, str]] = []
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if out and out[-1][0].end == ent.start and not _DURATION.search(out[-1][0].text) \
                and not _DURATION.search(ent.text):
            prev, label = out.pop()
            out.append((doc[prev.start: ent.end], "DATE" if "DATE" in (label, ent.label_) else "TIME"))
            continue
        span = ent
        if ent.text.lower() == "the day" and ent.start - 2 >= sent.start and doc[ent.start - 1].lower_ == "in" \
                and doc[ent.start - 2].lower_ in ("later", "earlier"):
            span = doc[ent.start - 2: ent.end]
        out.append((span, ent.label_))
    return out


def _in_relative_clause(verb: Any, trigger: Any) -> bool:
    """Is ``verb`` (another verb below the trigger) in a relative clause about one of its arguments, not
    about the contact ("talk to a man who in 2019 became leader"; but "a visit that will take place on 3 May",
    and the subject's "X, who arrived yesterday, met Y")?"""
    if verb.pos_ not in ("VERB", "AUX") or verb.i == trigger.i:
        return False
    tok = verb
    for _ in range(12):
        if tok.i == trigger.i or tok.head.i == tok.i:
            return False
        if tok.dep_ in ("relcl", "acl") and tok.head.i != trigger.i and tok.head.lower_ not in TRIGGER_WORDS \
                and tok.head.dep_ not in ("nsubj", "nsubjpass"):  # "X, who arrived yesterday, met Y": the scene
            return trigger.i in {a.i for a in tok.ancestors}
        tok = tok.head
    return False


def time_of(sent: Any, trigger: Any) -> str | None:
    """The time expression nearest the trigger (DATE or TIME entities that name a day or period)."""
    best: tuple[int, str] | None = None
    for ent, label in _expressions(sent):
        text = ent.text
        if _DURATION.search(text):
            continue
        if label == "TIME" and not re.search(r"day|night|morning|evening|afternoon", text, re.I):
            continue
        if resolve_time(text, "2001-01-15", "past")[0] is None and resolve_time(text, "2001-01-15", "future")[0] is None:
            continue  # a name the tagger took for a date ("the two-plus-two dialogue") dates nothing
        dist = abs(ent.start - trigger.i)
        head = ent.root.head
        for _ in range(4):  # "on Wednesday evening": up to what the phrase hangs from
            if head.dep_ in ("compound", "pobj", "prep", "npadvmod", "amod", "nummod") and head.head.i != head.i \
                    and head.i != trigger.i:
                head = head.head
            else:
                break
        if head.lower_ in ("on", "in", "at", "since", "by") and head.head.i != head.i:
            head = head.head
        if head.lower_ in REPORTING and head.i != trigger.i and any(c.dep_ in ("ccomp", "parataxis") for c in head.children) \
                or head.lower_ in ("said", "says", "told", "tells", "added", "stated") and head.i != trigger.i:
            continue  # "the Kremlin said today": the time of the saying
        path = []  # from the expression up to the verb it hangs on
        for a in ent.root.ancestors:
            path.append(a)
            if a.pos_ in ("VERB", "AUX"):
                break
        verb = path[-1] if path and path[-1].pos_ in ("VERB", "AUX") else None
        if verb is not None and verb.i != trigger.i and _calls_off(verb) and trigger not in path and not any(
                verb.i < x.i < ent.start for x in [trigger] + [c for c in verb.children if c.dep_ == "dobj"
                                                               and c.lower_ in TRIGGER_WORDS]):
            continue  # "the visit was cancelled today": the day of the cancelling ("cancelled the talks this
            # afternoon" may be the talks' own)
        anc = {a.i for a in trigger.ancestors}
        below = {t.i for t in trigger.subtree}
        owner = ent.root.head
        if ent.root.dep_ in ("compound", "amod", "nmod", "poss", "nummod") and owner.i != trigger.i \
                and owner.lower_ in TRIGGER_WORDS and owner.i not in anc | below:
            continue  # "the first since the March visit": that visit's date, not this contact's
        if _in_relative_clause(head, trigger):
            continue  # "talk to Ruiz, who in 2019 became leader": what a participant did then
        related = head.i == trigger.i or head.i in anc or trigger.i in {a.i for a in ent.root.ancestors} \
            or ent.root.i in below
        if not related and (head.pos_ in ("VERB", "AUX") or head.lower_ in TRIGGER_WORDS):
            continue  # another clause's ("since the conflict began in 2022") or another event's ("the Oct. 23 visit")
        if not related:
            dist += 6
        if best is None or dist < best[0]:
            best = (dist, text)
    return best[1] if best else None
