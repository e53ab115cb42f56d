"""Lexicons as data: the words and phrases news uses for contacts and for their status.

Each lexicon is a JSON Lines file in this package, one entry a line, loaded and validated once.  An
entry has an ``id``, what it signals (``status`` for cues, ``kind`` for triggers), the ``forms`` it
is written in, and ``examples`` and ``counter`` sentences written for this project: every example
must show the entry and no counter-example may (``tests/lexicon``).  A trigger entry may add ``needs``,
a preposition its word must govern ("conferred with", "negotiate with"), and ``particle``, a particle
it must have too ("sat down with").  Adding a cue or a trigger is one
line here and nothing else.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import KGError

CUE_CLASSES = ("occurred", "planned", "cancelled", "denied", "hypothetical", "negation", "report", "frame",
               "nondiplomatic")
TRIGGER_KINDS = ("meeting", "visit", "summit", "talks", "phone_call", "video_call")
ROLE_CLASSES = ("title", "office", "reporting", "non_participant", "not_name")


@dataclass(frozen=True)
class Entry:
    id: str
    signals: str  # a cue class or a contact kind
    forms: tuple[str, ...]
    examples: tuple[str, ...]
    counter: tuple[str, ...] = ()
    exact_case: bool = False  # "may" the modal, not "May" the month
    needs: str | None = None  # a trigger word that counts only governing this preposition ("conferred with")
    particle: str | None = None  # ... and this particle ("sat down with")


_WORDS = re.compile(r"[^\W_]+")


def _pattern(form: str) -> str:
    body = re.escape(form).replace(r"\ ", r"\s+")
    left = r"(?<![\w'])" if form[0].isalnum() and not form.startswith("n'") else ""
    right = r"(?![\w])" if form[-1].isalnum() else ""
    return left + body + right


def _needed(form: str) -> frozenset[str] | None:
    """The words (lower case, whole) a text must have wherever ``form``'s pattern matches it: every
    word of the form, but a first one its pattern leaves unbounded on the left (``n't`` matches inside
    "don't"); None for a form not in ASCII (Unicode case folding is not ``str.lower``)."""
    if not form.isascii():
        return None
    bounded_left = _pattern(form).startswith("(?<!")
    return frozenset(m.group() for m in _WORDS.finditer(form) if m.start() > 0 or bounded_left)


def _entry(raw: object, where: str, field: str, allowed: tuple[str, ...]) -> Entry:
    if not isinstance(raw, dict):
        raise KGError(f"{where}: an entry must be a JSON object")
    missing = [k for k in ("id", field, "forms", "examples") if k not in raw]
    if missing:
        raise KGError(f"{where}: entry lacks {', '.join(missing)}")
    if raw[field] not in allowed:
        raise KGError(f"{where}: {field} {raw[field]!r} is not one of {', '.join(allowed)}")
    forms = tuple(str(f).lower() for f in raw["forms"])
    if not forms or not raw["examples"]:
        raise KGError(f"{where}: entry {raw['id']} needs at least one form and one example")
    needs = raw.get("needs")
    if needs is not None and (not isinstance(needs, str) or " " in needs):
        raise KGError(f"{where}: 'needs' of {raw['id']} must be one preposition, such as \"with\"")
    particle = raw.get("particle")
    if particle is not None and (not isinstance(particle, str) or " " in particle):
        raise KGError(f"{where}: 'particle' of {raw['id']} must be one word, such as \"down\"")
    return Entry(id=str(raw["id"]), signals=str(raw[field]), forms=forms, examples=tuple(raw["examples"]),
                 counter=tuple(raw.get("counter", ())), exact_case=raw.get("case") == "exact",
                 needs=needs.lower() if needs else None, particle=particle.lower() if particle else None)


def read_lexicon(name: str, field: str, allowed: tuple[str, ...]) -> tuple[Entry, ...]:
    """Read and validate ``name`` (a file of this package): unique ids, known classes, examples."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    entries: list[Entry] = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise KGError(f"{name} line {n}: not JSON ({exc.msg})") from exc
            entries.append(_entry(raw, f"{name} line {n}", field, allowed))
    ids = [e.id for e in entries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise KGError(f"{name}: repeated ids {', '.join(dupes)}")
    return tuple(entries)


class Matcher:
    """Finds which entries of a lexicon a text shows (word-bounded, any spacing, case-insensitive
    unless the entry says otherwise)."""

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        self.entries = entries
        self._folded = [(e.id, re.compile("|".join(_pattern(f) for f in e.forms), 0 if e.exact_case else re.I),
                         frozenset(_WORDS.findall(" ".join(e.forms).lower())))
                        for e in entries]
        # per entry, the words each of its forms needs (None: a form not checked this way)
        self._needed = [tuple(_needed(f) for f in e.forms) for e in entries]

    def _candidates(self, text: str) -> list[tuple[str, re.Pattern[str]]]:
        """The entries one of whose words the text has (a set look-up before any expression runs) and,
        in an ASCII text, one of whose forms has all the words it needs there (else it cannot match)."""
        words = set(_WORDS.findall(text.lower()))
        found = [(k, i, rx) for k, (i, rx, needs) in enumerate(self._folded) if needs & words]
        if text.isascii():
            found = [(k, i, rx) for k, i, rx in found
                     if any(n is None or n <= words for n in self._needed[k])]
        return [(i, rx) for _, i, rx in found]

    def ids_in(self, text: str) -> set[str]:
        return {i for i, rx in self._candidates(text) if rx.search(text)}

    def positions(self, text: str) -> list[tuple[int, str]]:
        """(character offset, entry id) of every match, in order."""
        return sorted((m.start(), i) for i, rx in self._candidates(text) for m in rx.finditer(text))


@lru_cache(maxsize=1)
def cues() -> tuple[Entry, ...]:
    return read_lexicon("cues.jsonl", "status", CUE_CLASSES)


@lru_cache(maxsize=1)
def cue_matcher() -> Matcher:
    return Matcher(cues())


@lru_cache(maxsize=1)
def triggers() -> tuple[Entry, ...]:
    return read_lexicon("triggers.jsonl", "kind", TRIGGER_KINDS)


@lru_cache(maxsize=1)
def roles() -> tuple[Entry, ...]:
    return read_lexicon("roles.jsonl", "class", ROLE_CLASSES)


def words_of(entries: tuple[Entry, ...], signals: str) -> frozenset[str]:
    """Every form of the entries that signal ``signals``."""
    return frozenset(f for e in entries if e.signals == signals for f in e.forms)
