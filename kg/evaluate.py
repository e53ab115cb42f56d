"""Score an exported graph against gold annotations (the corpus gold format).

The figures are those of the shared evaluation script (``eval/score.py``): the graph is queried
with the public contract query (:file:`kg/queries/events.rq`), so what is scored is what a SPARQL
user of the export sees, and the matching rules are the same:

* names are compared leniently: exact or alias (``"US"`` = ``"United States"``), same surname
  once titles are dropped (``"President Putin"`` = ``"Vladimir Putin"``), or one name contained
  in the other;
* a predicted event matches a gold event of the same article when its actors match at least
  ``min(2, len(participants))`` gold participants; pairs are taken one to one, best first
  (same status, then more participants, then more agreeing attributes, then file order);
* gold events marked ``optional`` are neither missed when absent nor false when found.

Figures: ``occurred`` P/R/F1 (who met whom, status occurred on both sides), ``contact`` (status
ignored), ``status`` (status must agree), ``false_occurred`` (a non-occurred gold event exported
as occurred) and kind/date/place accuracy over the status-agnostic matches.
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import KGError
from .query import union_reader

QUERY_PATH = Path(__file__).resolve().parent / "queries" / "events.rq"
DKG = "https://w3id.org/diplomatic-kg/ontology#"

KIND_OF_CLASS = {"Meeting": "meeting", "Visit": "visit", "Summit": "summit", "Talks": "talks",
                 "PhoneCall": "phone_call", "VideoCall": "video_call"}
STATUS_OF_INDIVIDUAL = {"Occurred": "occurred", "Planned": "planned", "Cancelled": "cancelled",
                        "Denied": "denied", "Hypothetical": "hypothetical"}
# An event reported with several statuses (one per mention) takes the first in this order.
STATUS_ORDER = ("occurred", "planned", "cancelled", "denied", "hypothetical")
KINDS = tuple(KIND_OF_CLASS.values())
# Kinds scored as one class.
KIND_CLASS = {"talks": "meeting"}

# Words dropped before comparing names by their last word or a contained run of words.
TITLES = frozenset("""
    president vice prime minister foreign secretary of state chancellor premier king queen crown
    prince princess sheikh emir sultan chairman general mr mrs ms dr sir his her majesty
    highness excellency leader supreme pope ambassador envoy special senator governor deputy
    defence defense spokesman spokeswoman spokesperson the us un
""".split())

# Country and organisation names that stand for the same side (normalised forms).
ALIASES: dict[str, frozenset[str]] = {
    "united states": frozenset({"us", "u s", "usa", "u s a", "america", "united states of america",
                                "washington", "american", "americans", "the united states"}),
    "united kingdom": frozenset({"uk", "u k", "britain", "great britain", "british", "london"}),
    "russia": frozenset({"russian federation", "russian", "russians", "moscow", "kremlin"}),
    "china": frozenset({"prc", "people s republic of china", "chinese", "beijing"}),
    "european union": frozenset({"eu", "e u", "european"}),
    "north korea": frozenset({"dprk", "pyongyang", "north korean"}),
    "south korea": frozenset({"republic of korea", "rok", "seoul", "south korean"}),
    "united nations": frozenset({"un", "u n"}),
    "north atlantic treaty organization": frozenset({"nato"}),
    "iran": frozenset({"iranian", "tehran"}),
    "india": frozenset({"indian", "new delhi"}),
    "pakistan": frozenset({"pakistani", "islamabad"}),
    "japan": frozenset({"japanese", "tokyo"}),
    "turkey": frozenset({"turkish", "turkiye", "ankara"}),
    "ukraine": frozenset({"ukrainian", "kyiv", "kiev"}),
    "israel": frozenset({"israeli"}),
    "saudi arabia": frozenset({"saudi", "riyadh"}),
    "france": frozenset({"french", "paris"}),
    "germany": frozenset({"german", "berlin"}),
    "venezuela": frozenset({"venezuelan", "caracas"}),
    "colombia": frozenset({"colombian", "bogota"}),
    "brazil": frozenset({"brazilian"}),
}
_CANONICAL = {name: canon for canon, names in ALIASES.items() for name in names | {canon}}

_DATE_RE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_GRAPH_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
                  ".nt": ox.RdfFormat.N_TRIPLES}


# --------------------------------------------------------------------------- the two sides

@dataclass(frozen=True)
class GoldEvent:
    """One annotated event (the fields the scoring reads)."""

    participants: tuple[str, ...]
    status: str
    kind: str
    kind_alt: tuple[str, ...] = ()
    place: str | None = None
    date: str | None = None
    date_end: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldArticle:
    """One gold line: an article id and its events."""

    id: str
    events: tuple[GoldEvent, ...]


@dataclass
class PredictedEvent:
    """One exported event as one article reports it, gathered from the contract query rows."""

    iri: str
    kind: str | None
    statuses: set[str] = field(default_factory=set)
    actors: dict[str, set[str]] = field(default_factory=dict)  # actor IRI -> its labels
    places: set[str] = field(default_factory=set)
    begin: str | None = None

    @property
    def status(self) -> str | None:
        return next((s for s in STATUS_ORDER if s in self.statuses), None)

    def labels(self) -> Iterable[str]:
        for names in self.actors.values():
            yield from names


# --------------------------------------------------------------------------- lenient comparison

def normalize(text: str) -> str:
    """Casefolded words without accents, possessive 's or punctuation, single-spaced."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[’'`]s\b", "", text)
    return " ".join(re.sub(r"\W+", " ", text).split())


def _name_words(text: str) -> list[str]:
    return [w for w in normalize(text).split() if w not in TITLES]


def _contains_run(long: list[str], short: list[str]) -> bool:
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def names_match(gold: str, pred: str) -> bool:
    """Whether two names denote the same actor (or place) under the lenient rules."""
    g, p = normalize(gold), normalize(pred)
    if not g or not p:
        return False
    if g == p or _CANONICAL.get(g, g) == _CANONICAL.get(p, p):
        return True
    gw, pw = _name_words(gold), _name_words(pred)
    if not gw or not pw:
        return False
    if gw[-1] == pw[-1] and len(gw[-1]) >= 3:  # same surname (or last word)
        return True
    short, long = (gw, pw) if len(gw) <= len(pw) else (pw, gw)
    return _contains_run(long, short) and len(" ".join(short)) >= 3


def place_match(gold: str, labels: Iterable[str]) -> bool:
    """Whether any comma-separated part of a gold place ("venue, city") names a predicted place."""
    parts = [part.strip() for part in gold.split(",") if part.strip()]
    labels = list(labels)
    return any(names_match(part, label) for part in parts for label in labels)


def date_span(value: str) -> tuple[str, str]:
    """First and last day (ISO strings) covered by YYYY, YYYY-MM or YYYY-MM-DD."""
    value = value.strip()[:10]
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", f"{value}-12-31"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = (int(x) for x in value.split("-"))
        return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return value, value


def date_ok(gold: GoldEvent, begin: str | None) -> bool:
    """Whether the predicted begin lies wholly within the gold date (or date..date_end span)."""
    if not begin or not gold.date:
        return False
    low, high = date_span(gold.date)
    if gold.date_end:
        high = date_span(gold.date_end)[1]
    pred_low, pred_high = date_span(begin)
    return low <= pred_low and pred_high <= high


def kind_ok(gold: GoldEvent, kind: str | None) -> bool:
    """Whether a predicted kind is the gold kind or an accepted alternative (talks = meeting)."""
    wanted = {KIND_CLASS.get(k, k) for k in (gold.kind, *gold.kind_alt)}
    kind = kind or ""
    return KIND_CLASS.get(kind, kind) in wanted


# --------------------------------------------------------------------------- reading the inputs

def _text_field(event: dict, key: str, where: str) -> str | None:
    value = event.get(key)
    if value is not None and not isinstance(value, str):
        raise KGError(f"{where}: '{key}' must be a string or null")
    return value


def _gold_event(raw: Any, where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise KGError(f"{where}: an event must be a JSON object")
    participants = raw.get("participants")
    if not isinstance(participants, list) or not all(isinstance(p, str) for p in participants):
        raise KGError(f"{where}: 'participants' must be a list of names")
    status, kind = raw.get("status"), raw.get("kind")
    if status not in STATUS_ORDER:
        raise KGError(f"{where}: 'status' must be one of {', '.join(STATUS_ORDER)} (got {status!r})")
    kind_alt = raw.get("kind_alt") or []
    if not isinstance(kind_alt, list):
        raise KGError(f"{where}: 'kind_alt' must be a list of kinds")
    for value in (kind, *kind_alt):
        if value not in KINDS:
            raise KGError(f"{where}: unknown kind {value!r} (use one of {', '.join(KINDS)})")
    dates = {key: _text_field(raw, key, where) for key in ("date", "date_end")}
    for key, value in dates.items():
        if value and not _DATE_RE.fullmatch(value.strip()):
            raise KGError(f"{where}: '{key}' must be YYYY, YYYY-MM or YYYY-MM-DD (got {value!r})")
    return GoldEvent(participants=tuple(participants), status=str(status), kind=str(kind),
                     kind_alt=tuple(kind_alt), place=_text_field(raw, "place", where),
                     date=dates["date"], date_end=dates["date_end"],
                     optional=bool(raw.get("optional")))


def _gold_article(line: str, where: str) -> GoldArticle:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise KGError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(raw, dict):
        raise KGError(f"{where}: expected a JSON object with 'id' and 'events'")
    if not isinstance(raw.get("id"), str) or not isinstance(raw.get("events"), list):
        raise KGError(f"{where}: expected 'id' (a string) and 'events' (a list)")
    events = tuple(_gold_event(ev, f"{where}, event {i}") for i, ev in enumerate(raw["events"], 1))
    return GoldArticle(raw["id"], events)


def read_gold(path: Path) -> list[GoldArticle]:
    """The gold articles of a JSONL file, one object per non-blank line (see the corpus README)."""
    path = Path(path)
    if not path.is_file():
        raise KGError(f"{path}: no such gold file")
    try:
        with path.open(encoding="utf-8-sig") as fh:
            return [_gold_article(line, f"{path}, line {n}")
                    for n, line in enumerate(fh, 1) if line.strip()]
    except UnicodeDecodeError as exc:
        raise KGError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise KGError(f"{path}: cannot read the gold file ({exc.strerror})") from exc


def load_graph(path: Path) -> ox.Store:
    """An in-memory store of the graph file; of a dataset (N-Quads, TriG), the union of its graphs,
    each triple once, in the default graph (see :func:`kg.query.load_store`)."""
    path = Path(path)
    if not path.is_file():
        raise KGError(f"{path}: no such graph file (build it first with 'kg build ... --out DIR')")
    fmt = _GRAPH_FORMATS.get(path.suffix.lower(), ox.RdfFormat.TURTLE)
    store = ox.Store()
    try:
        with path.open("rb") as fh:
            if fmt.supports_datasets:
                store.bulk_load(union_reader(fh, fmt), format=ox.RdfFormat.N_TRIPLES)
            else:
                store.bulk_load(fh, format=fmt)
    except SyntaxError as exc:
        raise KGError(f"{path}: not valid {fmt.name}: {' '.join(str(exc).split())}") from exc
    except OSError as exc:
        raise KGError(f"{path}: cannot read the graph ({exc.strerror or exc})") from exc
    return store


def contract_query() -> str:
    """The public contract query (one row per event, article report and actor label)."""
    return QUERY_PATH.read_text(encoding="utf-8")


def _local(term: Any) -> str:
    return str(term.value).removeprefix(DKG)


def read_predictions(path: Path) -> dict[str, list[PredictedEvent]]:
    """Exported events per article id, in the order the contract query first reports them."""
    store = load_graph(path)
    try:
        rows = store.query(contract_query())
        assert isinstance(rows, ox.QuerySolutions)  # a SELECT query
        events: dict[tuple[str, str], PredictedEvent] = {}
        for row in rows:
            key = (str(row["articleId"].value), str(row["event"].value))
            event = events.get(key)
            if event is None:
                event = events[key] = PredictedEvent(key[1], KIND_OF_CLASS.get(_local(row["kind"])))
            status = STATUS_OF_INDIVIDUAL.get(_local(row["status"]))
            if status:
                event.statuses.add(status)
            event.actors.setdefault(str(row["actor"].value), set()).add(str(row["actorLabel"].value))
            if row["placeLabel"] is not None:
                event.places.add(str(row["placeLabel"].value))
            begin = row["begin"]
            if begin is not None and begin.value and (event.begin is None or begin.value < event.begin):
                event.begin = str(begin.value)
    except (SyntaxError, OSError) as exc:
        raise KGError(f"{path}: the contract query failed: {' '.join(str(exc).split())}") from exc
    by_article: dict[str, list[PredictedEvent]] = defaultdict(list)
    for (article, _), event in events.items():
        by_article[article].append(event)
    return dict(by_article)


# --------------------------------------------------------------------------- matching

Pair = tuple[int, int]  # (gold index, predicted index)


def _overlap(gold: GoldEvent, pred: PredictedEvent) -> int:
    """How many gold participants some actor label of the prediction names."""
    labels = list(pred.labels())
    return sum(any(names_match(name, label) for label in labels) for name in gold.participants)


def _agreement(gold: GoldEvent, pred: PredictedEvent) -> int:
    """Attributes the pair agrees on (exact kind, accepted kind, place, date): a tie-breaker."""
    return ((gold.kind == pred.kind) + kind_ok(gold, pred.kind)
            + bool(gold.place and place_match(gold.place, pred.places))
            + bool(gold.date and date_ok(gold, pred.begin)))


def match_events(golds: list[GoldEvent], preds: list[PredictedEvent], need_status: bool) -> list[Pair]:
    """One-to-one pairs of gold and predicted events of an article, best candidates first."""
    candidates = []
    for gi, gold in enumerate(golds):
        need = min(2, len(gold.participants))
        for pi, pred in enumerate(preds):
            if need_status and gold.status != pred.status:
                continue
            shared = _overlap(gold, pred)
            if shared >= need and len(pred.actors) >= need:
                rank = (gold.status == pred.status, shared, _agreement(gold, pred))
                candidates.append((rank, -gi, -pi))
    candidates.sort(reverse=True)  # best rank first; ties to the earliest gold, then prediction
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, neg_gi, neg_pi in candidates:
        gi, pi = -neg_gi, -neg_pi
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def _counts(golds: list[GoldEvent], preds: list[Any], pairs: list[Pair]) -> tuple[int, int, int]:
    """(tp, fp, fn): matches to optional gold events count neither way."""
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    tp = sum(1 for gi, _ in pairs if not golds[gi].optional)
    fp = len(preds) - len(matched_pred)
    fn = sum(1 for gi, g in enumerate(golds) if gi not in matched_gold and not g.optional)
    return tp, fp, fn


def _occurred_counts(golds: list[GoldEvent], preds: list[PredictedEvent]) -> tuple[int, int, int]:
    """(tp, fp, fn) of the who-met-whom graph: occurred events on both sides.

    An occurred prediction left unmatched there but matching an optional gold event of another
    status is not a false positive.
    """
    gold_occ = [g for g in golds if g.status == "occurred"]
    pred_occ = [p for p in preds if p.status == "occurred"]
    pairs = match_events(gold_occ, pred_occ, need_status=False)
    tp, fp, fn = _counts(gold_occ, pred_occ, pairs)
    matched = {pi for _, pi in pairs}
    unmatched = [p for pi, p in enumerate(pred_occ) if pi not in matched]
    optional_other = [g for g in golds if g.status != "occurred" and g.optional]
    return tp, fp - len(match_events(optional_other, unmatched, need_status=False)), fn


# --------------------------------------------------------------------------- figures

def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Counts with precision, recall and F1 rounded to three decimals."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(f1, 3)}


def _is_mismatch(gold: GoldEvent, pred: PredictedEvent) -> bool:
    return (gold.status != pred.status or not kind_ok(gold, pred.kind)
            or bool(gold.date and not date_ok(gold, pred.begin))
            or bool(gold.place and not place_match(gold.place, pred.places)))


def _article_details(article: str, golds: list[GoldEvent], preds: list[PredictedEvent],
                     pairs: list[Pair]) -> dict[str, Any]:
    """Missed, spurious and mismatched events of one article (the ``--details`` lines)."""
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    return {
        "article": article,
        "missed": [{"participants": list(g.participants), "status": g.status, "kind": g.kind}
                   for gi, g in enumerate(golds) if gi not in matched_gold and not g.optional],
        "spurious": [{"actors": sorted({min(labels) for labels in p.actors.values()}),
                      "status": p.status, "kind": p.kind}
                     for pi, p in enumerate(preds) if pi not in matched_pred],
        "mismatched": [{"participants": list(golds[gi].participants),
                        "gold": {"status": golds[gi].status, "kind": golds[gi].kind,
                                 "date": golds[gi].date, "place": golds[gi].place},
                        "pred": {"status": preds[pi].status, "kind": preds[pi].kind,
                                 "date": preds[pi].begin, "places": sorted(preds[pi].places)}}
                       for gi, pi in pairs if _is_mismatch(golds[gi], preds[pi])],
    }


class _Tally:
    """Running totals over the articles."""

    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {name: [0, 0, 0] for name in ("occurred", "contact", "status")}
        self.false_occurred = 0
        self.accuracy: dict[str, list[int]] = {name: [0, 0] for name in ("kind", "date", "place")}

    def add_counts(self, name: str, counts: tuple[int, int, int]) -> None:
        self.counts[name] = [a + b for a, b in zip(self.counts[name], counts, strict=True)]

    def add_attribute(self, name: str, ok: bool) -> None:
        self.accuracy[name][0] += ok
        self.accuracy[name][1] += 1

    def add_pair(self, gold: GoldEvent, pred: PredictedEvent) -> None:
        if pred.status == "occurred" and gold.status != "occurred" and not gold.optional:
            self.false_occurred += 1
        self.add_attribute("kind", kind_ok(gold, pred.kind))
        if gold.date:
            self.add_attribute("date", date_ok(gold, pred.begin))
        if gold.place:
            self.add_attribute("place", place_match(gold.place, pred.places))

    def result(self) -> dict[str, Any]:
        result: dict[str, Any] = {name: prf(*counts) for name, counts in self.counts.items()}
        result["false_occurred"] = self.false_occurred
        for name, (ok, scored) in self.accuracy.items():
            result[f"{name}_accuracy"] = round(ok / scored, 3) if scored else None
            result[f"{name}_scored"] = scored
        return result


def score(gold_path: Path, graph_path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Figures of a graph file (.ttl, or .nq: union of graphs) against a gold JSONL file.

    Returns the result dict (keys as the shared ``score.py --json``) and, per gold article, its
    missed, spurious and mismatched events. Raises :class:`KGError` on unreadable inputs.
    """
    articles = read_gold(Path(gold_path))
    predictions = read_predictions(Path(graph_path))
    tally = _Tally()
    details = []
    for article in articles:
        golds, preds = list(article.events), predictions.get(article.id, [])
        tally.add_counts("contact", _counts(golds, preds, match_events(golds, preds, need_status=False)))
        tally.add_counts("status", _counts(golds, preds, match_events(golds, preds, need_status=True)))
        tally.add_counts("occurred", _occurred_counts(golds, preds))
        pairs = match_events(golds, preds, need_status=False)
        for gi, pi in pairs:
            tally.add_pair(golds[gi], preds[pi])
        details.append(_article_details(article.id, golds, preds, pairs))
    result = tally.result()
    result["articles"] = len(articles)
    result["predicted_events"] = sum(len(events) for events in predictions.values())
    return result, details


def format_report(result: dict[str, Any]) -> str:
    """The figures as the lines ``score.py`` prints."""
    lines = []
    for name in ("occurred", "contact", "status"):
        r = result[name]
        lines.append(f"{name:9} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"
                     f"   (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
    lines.append(f"false_occurred {result['false_occurred']}")
    for name in ("kind", "date", "place"):
        lines.append(f"{name}_accuracy {result[f'{name}_accuracy']} over {result[f'{name}_scored']}")
    return "\n".join(lines)
