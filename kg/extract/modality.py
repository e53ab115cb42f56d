"""Status of one reported event: occurred, planned, cancelled, denied or hypothetical.

Cues are read along the dependency path from the trigger up to the sentence root, together with
the modifiers (auxiliaries, negation, adjectives, adverbs, markers) of each token on the path.
Cancellation and denial reach the trigger through any clause ("dismissed reports that they would
meet"); future and possibility stop at relative clauses and at temporal adjuncts ("agreed in a
call", "after the meeting"), so a past call in which a future meeting was agreed stays a held call.
"""

from __future__ import annotations

import re
from typing import Any

from ..lexicon import cues, words_of

CANCEL = {"postponed", "postpone", "postpones", "postponing", "postponement", "cancelled", "canceled",
          "cancel", "cancels", "cancelling", "canceling", "cancellation", "suspended", "suspend",
          "suspends", "scrapped", "scraps", "scrap", "drops", "dropped", "delayed", "delay",
          "shelved", "aborted", "called", "calls", "call", "put", "replaced", "axed"}
CANCEL_NEEDS_OFF = {"called", "calls", "call", "put"}
DENY = {"denied", "denies", "deny", "denying", "dismissed", "dismisses", "dismiss", "rejected", "rejects",
        "reject", "refused", "refuses", "refuse", "declined", "declines", "false", "untrue", "fake",
        "insisted", "ruled"}
# the one-word cancellation and denial cues of the lexicon (kg/lexicon/cues.jsonl: "rescheduled",
# "baseless"); phrases are matched by the lexicon's own matcher
CANCEL |= {f for f in words_of(cues(), "cancelled") if " " not in f}
DENY |= {f for f in words_of(cues(), "denied") if " " not in f}
# the lexicon's phrasal cues of a verb and its particle ("ruled out", "turned down", "pushed back"): the verb
# on the trigger's path, the particle after it
PHRASAL: dict[tuple[str, str], str] = {
    (f.split()[0], f.split()[1]): e.signals for e in cues() if e.signals in ("cancelled", "denied", "hypothetical")
    for f in e.forms if len(f.split()) == 2 and f.split()[1] in ("off", "down", "out", "back", "away", "forward")}
NEG = {"not", "n't", "never", "no"}
HYPO = {"unlikely", "could", "may", "might", "possible", "possibly", "possibility", "proposed", "propose", "proposes",
        "proposal", "potential", "ready", "willing", "would", "if", "hope", "hopes", "hoped", "hoping",
        "want", "wants", "wanted", "wish", "wishes", "try", "tries", "explore", "consider", "considering",
        "suggested", "suggests", "offered", "offer", "interest", "interested", "idea", "seek", "seeks",
        "sought", "asked", "requested", "request", "unless", "whether", "prospect", "eager", "signalled", "signaled"}
PLANNED_STRONG = {"preparations", "prepare", "preparing", "scheduled", "schedule", "slated", "due", "likely",
                  "arranged", "arranging"}
PLANNED = {"promised", "promises", "pledged",
           "will", "'ll", "shall", "expected", "expects", "expect", "plan", "plans", "planned", "planning",
           "set", "upcoming", "next", "agreed", "agree", "agrees", "invited", "invites", "invitation",
           "tomorrow", "later", "forthcoming", "pending", "coming", "to", "arrange"}
# the one-word hoped-for, offered and conditional cues of the lexicon ("urged them to return to talks",
# "seeking a meeting"), except those the rules read as plans ("likely")
HYPO |= {f for f in words_of(cues(), "hypothetical") if " " not in f} - PLANNED_STRONG - PLANNED
MOTION = {"visited", "travelled", "traveled", "went", "came", "flew", "arrived", "returned", "headed", "met",
          "gathered", "sat", "used", "stopped", "paused", "left", "drove", "sailed", "journeyed"}
CANCELLED_LATER = re.compile(r"\b((which|that|it|but it) (was|were|has been|had been|have been|is being) "
                             r"|, an? (visit|trip|meeting|summit|talks|call) (that was |which was )?"
                             r"(later |ultimately |eventually |subsequently |then )?)"
                             r"(cancel|postpon|called off|suspend|scrap|shelv|put off|delay)")
MOTION_AHEAD = {"travel", "travels", "traveling", "travelling", "fly", "flies", "flying", "go", "goes", "going",
                "head", "heads", "heading", "leave", "leaves", "leaving", "come", "comes", "coming", "arrive",
                "arrives", "arriving", "return", "returns", "returning"}
FUTURE_TIME = {"tomorrow", "next", "upcoming", "later", "coming"}
LIGHT_VERBS = {"conduct", "conducting", "conducted", "holding", "having", "engaged", "engaging", "hold", "held", "holds",
               "have", "had", "has", "take", "took", "taken", "is", "was", "were", "be",
               "been", "are", "make", "made", "plan", "planned", "seek", "sought", "schedule", "scheduled"}
BE = {"is", "was", "were", "be", "been", "are"}
_MOD_DEPS = {"aux", "auxpass", "neg", "advmod", "amod", "mark", "prt", "det", "acomp", "npadvmod", "dobj"}
_TEMPORAL_PREPS = {"after", "following", "since", "before", "amid", "despite"}
_BLOCK_PREPS = {"during", "after", "following", "since", "amid", "despite", "before", "in"}
# "settled the venue and the timing of the next summit": what is settled about an event ahead
SETTINGS = {"date", "dates", "timing", "time", "venue", "location", "agenda", "details", "modalities", "schedule",
            "format", "preparations", "preparation"}
CONDITIONS = {"if", "unless", "provided", "whether", "should", "once", "when"}
_DAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|next week|"
                  r"\d{1,2}(st|nd|rd|th)?\s+[a-z]{3,}|[a-z]{3,}\.?\s+\d{1,2})\b", re.I)


def _names_a_day(sent: Any) -> bool:
    """The sentence dates something to a day ("on Tuesday", "on 4 May", "tomorrow")."""
    return any(e.label_ in ("DATE", "TIME") and _DAY.search(e.text) for e in sent.ents)


MODALS = {"will", "'ll", "shall", "would", "could", "may", "might", "should", "must"}


DEPARTURES = {"left", "leaves", "leaving", "departed", "departs", "departing", "embarked", "embarks", "embarking",
              "headed", "heads", "heading", "set", "sets", "setting"}
AGENDA = {"agenda", "schedule", "itinerary", "programme", "program", "cards"}
CALLS_FOR = {"called", "calls", "call", "calling", "appealed", "appeals", "pressed", "presses", "pressing", "pushed",
             "pushes", "pushing", "urged", "urges", "urging"}
_HAPPEN = {("take", "place"), ("took", "place"), ("taking", "place"), ("go", "ahead"), ("going", "ahead"),
           ("happen", None), ("happened", None), ("materialise", None), ("materialize", None)}


def _will_not_happen(trigger: Any) -> bool:
    """The contact is the subject of a negated "take place", "go ahead" or "happen"."""
    if trigger.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = trigger.head
    if not any(c.dep_ == "neg" for c in verb.children):
        return False
    objs = {c.lower_ for c in verb.children if c.dep_ in ("dobj", "advmod", "prt")}
    return any(verb.lower_ == v and (o is None or o in objs) for v, o in _HAPPEN)
INTENTIONS = {"plan", "plans", "intention", "intentions", "intent"}


# "is not planning a visit", "does not intend to meet": a denial, not a plan (the pipeline has no lemmas)
PLAN_VERBS = {"plan", "plans", "planning", "planned", "intend", "intends", "intending", "intended"}


def _no_plans(head: Any) -> set[str]:
    """"has no plans to meet", "had no intention of visiting", "is not planning a meeting", "does not intend to
    visit": a denial."""
    if head.lower_ in INTENTIONS and any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return {"denied"}
    if head.lower_ in PLAN_VERBS and head.pos_ == "VERB" and any(c.dep_ == "neg" for c in head.children):
        return {"denied"}
    return {"denied"} if any(c.dep_ == "dobj" and c.lower_ in INTENTIONS and any(
        g.dep_ == "det" and g.lower_ == "no" for g in c.children) for c in head.children) else set()


def _on_agenda(head: Any) -> set[str]:
    """"Talks with X are on his agenda", "a meeting is on the schedule": planned."""
    return {"scheduled"} if any(c.dep_ == "prep" and c.lower_ == "on" and any(
        g.dep_ == "pobj" and g.lower_ in AGENDA for g in c.children) for c in head.children) else set()


def _verdict(head: Any) -> set[str]:
    """What a verb of judging says of its object: "termed the reports baseless", "described them as
    false" (the object's complement, with or without "as")."""
    out = {c.lower_ for c in head.children if c.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "advcl") and c.pos_ == "ADJ"}
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            out |= {g.lower_ for g in c.children if g.dep_ in ("pobj", "amod", "acomp") and g.pos_ == "ADJ"}
    return out & DENY


def _mods(tok: Any) -> set[str]:
    # objects count only as the planning nouns of light verbs ("make preparations for", "accept an invitation")
    return {c.lower_ for c in tok.children if c.dep_ in _MOD_DEPS
            and (c.dep_ != "dobj" or c.lower_ in PLANNED_STRONG | {"invitation", "proposal", "offer"})}


HEADLINE_FUTURE = re.compile(r"\b(to|will|set to|due to) (visit|meet|discuss|hold|attend|travel|host|talk|call|sit "
                             r"down|head|fly|receive|welcome)\b", re.IGNORECASE)


def classify(trigger: Any, is_caption: bool = False, is_title: bool = False) -> tuple[str, str, float]:
    """(status, tense, confidence) for a trigger token of a parsed sentence."""
    ahead = trigger.dep_ == "pobj" and (trigger.head.lower_ in ("before", "prior") or (
        trigger.head.lower_ in ("of", "to") and trigger.head.head.lower_ in ("ahead", "prior")))
    if ahead:
        # "welcomed ... prior to their meeting": later than the scene; still ahead when told in the present
        main = trigger.head.head if trigger.head.lower_ not in ("of", "to") else trigger.head.head.head
        if is_caption or main.tag_ in ("VBZ", "VBP", "VBG", "MD") or any(
                c.lower_ in ("is", "are", "will") for c in main.children):
            return "planned", "future", 0.6
    if is_caption:
        return "occurred", "present", 0.7
    if is_title and not trigger.sent.text.rstrip().endswith((".", "!", "?", '"')) \
            and HEADLINE_FUTURE.search(trigger.sent.text) and not CANCEL & {t.lower_ for t in trigger.sent}:
        return "planned", "future", 0.6  # headlinese: "Erdogan to discuss Gaza with Sissi in Egypt visit"
    near: set[str] = {trigger.lower_} | _mods(trigger) | _verdict(trigger)  # cues in the trigger's own clause
    if trigger.pos_ == "NOUN":  # "the upcoming ECOWAS and AU summits": whatever token the parser hung it on
        near |= {t.lower_ for t in trigger.doc[trigger.left_edge.i: trigger.i] if t.pos_ in ("ADJ", "VERB")}
    far: set[str] = set()  # cues that reach it only for cancel/deny
    scoped = True
    prev = trigger
    steps = 0
    tok = trigger
    own_neg = any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in trigger.children)
    while tok.head.i != tok.i and steps < 12:
        steps += 1
        head = tok.head
        if tok.dep_ == "relcl":
            break
        if tok.dep_ == "pobj" and head.lower_ in _BLOCK_PREPS:
            scoped = False
            if head.lower_ in _TEMPORAL_PREPS:
                break  # "the visit was called off after talks": nothing above says anything of the talks
        if tok.i == trigger.i and tok.dep_ == "pobj" and head.lower_ in ("on", "about", "over", "of", "from") \
                and any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "any", "no") for c in tok.children) \
                and not (head.lower_ == "of" and head.head.lower_ in SETTINGS):
            scoped = False  # "an upbeat reading of the negotiations": the talks are a known event
        if tok.i == trigger.i and tok.dep_ == "nsubj" and any(c.dep_ in ("dobj", "attr", "acomp") for c in head.children) \
                and head.lower_ not in LIGHT_VERBS:
            scoped = False  # "the meeting could start a thaw": a predicate about the event, not its modality
        if tok.dep_ in ("advcl", "conj") and prev.i != trigger.i:
            scoped = False
        words = {head.lower_} | _mods(head) | _verdict(head) | _on_agenda(head) | _no_plans(head)
        if tok.dep_ == "conj":
            # a coordinated clause shares its head's auxiliaries ("will arrive and meet"), not its verb:
            # "declined to give details but said talks were under way" denies nothing of the talks
            words = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass", "neg")}
        if scoped:
            near |= words
            # "did not hold talks", "there was no meeting": a negated light verb over the trigger;
            # "the meeting has not produced results" negates something else
            if tok.i == trigger.i and tok.dep_ in ("dobj", "attr", "nsubj") and head.lower_ in LIGHT_VERBS \
                    and any(c.dep_ == "neg" for c in head.children) and not (tok.dep_ == "nsubj"
                                                                               and head.lower_ not in BE):
                own_neg = True
        else:
            far |= words
            if not (tok.i == trigger.i and tok.dep_ == "nsubj"):
                # tense and modal auxiliaries still reach through a preposition ("will raise it in talks")
                near |= {c.lower_ for c in head.children if c.dep_ == "aux" and c.lower_ in MODALS}
        if head.lower_ in ("said", "says", "told", "added", "stated", "according"):
            scoped = False
        prev, tok = tok, head
    sent_words = {t.lower_ for t in trigger.sent}
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "for" and trigger.head.head.lower_ in CALLS_FOR:
        return "hypothetical", "future", 0.6  # "called for talks", "pressed for a meeting"
    if trigger.dep_ == "pobj" and trigger.head.lower_ in ("for", "on") and trigger.head.head.lower_ in DEPARTURES:
        return "planned", "future", 0.6  # "left for a trip to Qatar", "embarked on a tour": the stops lie ahead
    if _will_not_happen(trigger):
        return "cancelled", "future", 0.7  # "the planned meeting will not take place"
    after = trigger.doc[trigger.i + 1: trigger.sent.end].text.lower()
    if CANCELLED_LATER.search(after):
        return "cancelled", "future", 0.7  # "was to travel to Chile in May, which was then cancelled"
    allw = near | far
    cancel = {w for w in allw & CANCEL if w not in CANCEL_NEEDS_OFF}
    if allw & CANCEL_NEEDS_OFF and ("off" in sent_words or {"on", "hold"} <= sent_words or {"on", "ice"} <= sent_words):
        cancel.add("called off")  # "called off", "put off", "put on hold", "put on ice"
    low = trigger.sent.text.lower()
    phrasal = {st for (verb, prt), st in PHRASAL.items()
               if verb in allw and re.search(rf"\b{verb}\s+{prt}\b", low)}
    if cancel or "cancelled" in phrasal:
        return "cancelled", "future", 0.8  # its date is the one it was planned for
    if "denied" in phrasal:
        return "denied", "future" if near & {"would", "will", "'ll", "planned", "plan"} else "past", 0.75
    if "hypothetical" in phrasal and not allw & (DENY - {"insisted", "ruled"}) and not _names_a_day(trigger.sent):
        return "hypothetical", "future", 0.6  # "looked forward to meeting in person" (a day named: the rules below)
    if allw & (DENY - {"insisted", "ruled"}) or (own_neg and trigger.pos_ in ("VERB", "NOUN", "PROPN")):
        # "dismissed reports that they would meet in May": the denied meeting lay ahead
        return "denied", "future" if near & {"would", "will", "'ll", "planned", "plan"} else "past", 0.75
    if {"insisted", "ruled"} & allw and own_neg:
        return "denied", "past", 0.75
    if {"to", "have"} <= near and (near & {"was", "were", "would"}):
        return "cancelled", "past", 0.6  # "was to have included talks": it did not happen
    if near & PLANNED_STRONG:
        return "planned", "future", 0.7
    if near & HYPO:
        if "would" in near and "have" in near:
            return "cancelled", "past", 0.5
        if near & HYPO == {"would"} and not sent_words & CONDITIONS and _names_a_day(trigger.sent):
            # "said the minister would hold talks on Tuesday": reported future with a date is a plan
            return "planned", "future", 0.6
        return "hypothetical", "future", 0.6
    planned = near & PLANNED
    if "to" in planned:
        # "is to visit", "was to meet", "agreed to meet": an infinitive under a modal-like head
        planned.discard("to")
        if trigger.dep_ == "xcomp" or any(c.lower_ == "to" and c.dep_ == "aux" for c in trigger.children):
            head = trigger.head.lower_
            if head in ("is", "are", "was", "were", "be", "agreed", "plans", "planned", "expected",
                        "set", "due", "scheduled", "going", "invited"):
                planned.add(head)
    if planned:
        return "planned", "future", 0.65
    if near & FUTURE_TIME and trigger.tag_ not in ("VBD", "VBN"):
        return "planned", "future", 0.5
    if trigger.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in trigger.children):
        head = trigger.head
        if head.lower_ in MOTION_AHEAD and head.tag_ not in ("VBD", "VBN"):
            # "is travelling to Lima on Tuesday to meet ...", "will fly to Accra to meet ...": the purpose of a
            # journey under way or ahead
            return "planned", "future", 0.6
        if not (head.tag_ in ("VBD", "VBN") and head.lower_ in MOTION):
            # "an occasion for them to meet": an infinitive not under a past journey is not a held meeting
            return "hypothetical", "future", 0.5
    tense = "present" if trigger.tag_ in ("VBG", "VBZ", "VBP") else "past"
    return "occurred", tense, 0.7
