"""Typed, frozen records that flow between the stages.

ingest -> :class:`Article`; extract -> :class:`RawMention` (inside an article, names as written);
resolve -> :class:`Mention` (canonical actors, place, time); merge -> :class:`Event` (one per
occurrence across articles, with one :class:`Mention` per report).  Nothing here knows spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("meeting", "visit", "summit", "talks", "phone_call", "video_call")
STATUSES = ("occurred", "planned", "cancelled", "denied", "hypothetical")
ACTOR_TYPES = ("person", "country", "organisation", "group")
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class Article:
    """One input article after ingest (text normalised)."""

    id: str
    text: str
    source: str  # where it came from: a path, or path:line for JSONL
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    published_source: str | None = None  # field | url | text
    fingerprint: str | None = None  # MinHash of the text (kg.resolve.copies), kept when the text is dropped


@dataclass(frozen=True)
class Span:
    """A piece of article text: its characters and offsets into ``Article.text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class RawParticipant:
    """A participant as the sentence names it, before resolution."""

    text: str
    label: str  # spaCy entity label (PERSON, GPE, NORP, ORG) or ROLE for a description
    role: str | None = None  # e.g. "Russian President"
    side: str | None = None  # "visitor", "host" or None


@dataclass(frozen=True)
class RawMention:
    """A contact event as one sentence of one article reports it."""

    article_id: str
    kind: str
    status: str
    trigger: str
    participants: tuple[RawParticipant, ...]
    place_text: str | None
    time_text: str | None
    tense: str  # past | present | future | none
    evidence: Span
    is_caption: bool = False
    confidence: float = 0.5


@dataclass(frozen=True)
class Actor:
    key: str  # stable slug, used in the IRI
    name: str
    type: str  # one of ACTOR_TYPES
    country: str | None = None
    roles: tuple[str, ...] = ()
    alt_names: tuple[str, ...] = ()
    wikidata: str | None = None  # Wikidata id ("Q7747") when the knowledge base knows the actor


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    country: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    venue: str | None = None  # "Kremlin" when the text names a venue in the city


@dataclass(frozen=True)
class TimeValue:
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day | month | year
    text: str | None = None
    inferred: bool = False  # True when not stated by the text (e.g. taken from the publication date)


@dataclass(frozen=True)
class Mention:
    """A resolved report of an event in one article."""

    article_id: str
    kind: str
    status: str
    actors: tuple[Actor, ...]
    place: Place | None
    begin: TimeValue | None
    end: TimeValue | None
    evidence: Span
    trigger: str
    confidence: float
    is_caption: bool = False
    visitors: tuple[str, ...] = ()  # actor keys, for visits
    hosts: tuple[str, ...] = ()
    pending: bool = False  # diplomatic only if another article of the build gives one of its people an office


@dataclass(frozen=True)
class Event:
    """One occurrence, merged over all the articles that report it."""

    key: str
    kind: str
    actors: tuple[Actor, ...]
    place: Place | None
    begin: TimeValue | None
    end: TimeValue | None
    mentions: tuple[Mention, ...] = field(default_factory=tuple)
    confidence: float = 0.5

    @property
    def status(self) -> str:
        """The most advanced status any report gives (occurred wins over planned)."""
        order = {s: i for i, s in enumerate(STATUSES)}
        return min((m.status for m in self.mentions), key=lambda s: order[s], default="occurred")


@dataclass(frozen=True)
class NameInfo:
    """A person named in an article, with what the text says of them (for resolving references)."""

    name: str  # the fullest form seen, titles removed
    role: str | None = None  # "Foreign Minister"
    country: str | None = None  # canonical country from a modifier ("Russian President ...")
    first_offset: int = 0


@dataclass(frozen=True)
class ArticleExtraction:
    article_id: str
    mentions: tuple[RawMention, ...]
    names: tuple[NameInfo, ...]
    sentences: int = 0
    parsed_sentences: int = 0
