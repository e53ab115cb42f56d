"""Features of a candidate event: what a decider reads to say whether a report is an event and with
which status.  Features are strings (present or not); they come from the extractor's own verdicts
(kind, status, trigger, caption), from the resolved sides, place and date, and from the cue lexicon
(:mod:`kg.lexicon`) over the evidence sentence, with the cue's side of the trigger."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..lexicon import cue_matcher
from ..model import Article, Mention

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _trigger_lemma(trigger: str) -> str:
    word = trigger.lower().split()[-1] if trigger.strip() else ""
    for suffix, repl in (("ting", "t"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + repl
    return word


_PARTICLES = {"bin", "ibn", "al", "el", "de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van",
              "von", "der", "den", "ter", "y", "e", "abu", "bint", "ben", "mac", "st"}


def _odd_name(name: str) -> bool:
    """A name the recogniser probably cut or glued: lower-case words, digits, very long."""
    words = name.replace("-", " ").split()
    return (len(words) > 4 or any(ch.isdigit() for ch in name)
            or any(w[:1].islower() and w.lower() not in _PARTICLES for w in words))


def _date_relation(m: Mention, published: str | None) -> str:
    if m.begin is None:
        return "none"
    if m.begin.inferred:
        return "inferred"
    if not published:
        return "nopub"
    b, p = m.begin.value, published[: len(m.begin.value)]
    return "after" if b > p else "before" if b < p else "same"


def rule_status(features: Sequence[str]) -> str | None:
    """The status the extractor's rules read, as the features carry it."""
    return next((f[5:] for f in features if f.startswith("rule=")), None)


def candidate_features(m: Mention, article: Article | None, siblings: Sequence[Mention]) -> list[str]:
    """The features of ``m``, one of the reports ``siblings`` of its article."""
    f = [f"kind={m.kind}", f"rule={m.status}", f"kind*rule={m.kind}*{m.status}",
         f"trig={_trigger_lemma(m.trigger)}", f"conf={round(m.confidence, 1)}"]
    if m.is_caption:
        f.append("caption")
    types = Counter(a.type for a in m.actors)
    f.append(f"n_actors={min(len(m.actors), 4)}")
    f.extend(f"has_{t}" for t in sorted(types))
    f.append("types=" + "+".join(sorted(types)))
    roles = sum(1 for a in m.actors if a.type == "person" and a.roles)
    f.append(f"roled_people={min(roles, 2)}")
    people = [a for a in m.actors if a.type == "person"]
    if any(len(a.name.split()) == 1 for a in people):
        f.append("person_one_word")
    if any(_odd_name(a.name) for a in people):
        f.append("person_odd_name")
    if any(not a.roles and not a.country for a in people):
        f.append("person_unknown")
    countries = {a.country for a in people if a.country} | {a.name for a in m.actors if a.type == "country"}
    if len(people) >= 2 and len(countries) == 1 and not any(a.type == "country" for a in m.actors):
        f.append("one_country_only")  # every side from one country: domestic politics
    f.append(f"countries={min(len(countries), 3)}")
    if m.visitors:
        f.append("has_visitor")
    if m.place is not None:
        f.append("place" + ("_venue" if m.place.venue else "") + ("_geo" if m.place.geonames_id else ""))
    f.append(f"date={_date_relation(m, article.published if article else None)}")
    if m.begin is not None and not m.begin.inferred:
        f.append(f"precision={m.begin.precision}")
    # where the report sits
    f.append("lede" if m.evidence.start < 400 else "body")
    text = m.evidence.text
    words = len(_WORD.findall(text))
    f.append(f"len={'short' if words < 12 else 'mid' if words < 35 else 'long'}")
    if not text.rstrip().endswith((".", "!", "?", '"', "\u201d")):
        f.append("no_final_stop")  # a headline or a caption line
    if '"' in text or "\u201c" in text:
        f.append("quote")
    if "?" in text:
        f.append("question")
    # cues: which, and on which side of the trigger
    at = text.lower().find(m.trigger.lower()) if m.trigger else -1
    for pos, cue in cue_matcher().positions(text):
        f.append(f"cue={cue}")
        if at >= 0:
            side = "before" if pos < at else "after"
            near = abs(pos - at) < 40
            f.append(f"cue_{side}={cue}")
            if near:
                f.append(f"cue_near={cue}")
                f.append(f"cue_near*rule={cue}*{m.status}")
    # the article around it: how often these sides come back, how many reports there are
    keys = frozenset(a.key for a in m.actors)
    same = sum(1 for s in siblings if s is not m and keys & {a.key for a in s.actors})
    f.append(f"repeats={min(same, 3)}")
    f.append(f"reports={'1' if len(siblings) == 1 else 'few' if len(siblings) <= 4 else 'many'}")
    return sorted(set(f))
