"""The events table: one row per event, for pandas, R or a spreadsheet (``graph.events.csv``, and
``graph.events.parquet`` when :mod:`pyarrow` is installed).

Built from the same :class:`kg.model.Event` records as the RDF and the network exports, with the
RDF's actor labels (:class:`kg.graph.ActorTable`) and IRIs, so a row joins with the answers of
``kg query``.  :data:`COLUMNS` names each column, its type and what it holds (the README's table is
this list).  Lists (participants, reports) are ``;``-joined, in a fixed order: participants by
label, reports by article id; a ``;`` inside a value becomes ``,``.  Absent values (no date, no
place, no coordinates, no URL) are empty cells (Parquet: nulls).

CSV: RFC 4180 (comma, double quotes where needed, CRLF line ends), UTF-8 without BOM; the strings
are cleaned like the other exports (the characters XML 1.0 forbids are dropped).  Rows are sorted
by date (undated last), then event IRI: the same events give the same bytes.  Files are replaced
atomically.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.export.atomic import atomic_write
from kg.export.graphml import clean_xml_text
from kg.model import STATUSES, Article, Event, Mention

__all__ = ["COLUMNS", "DTYPES", "PANDAS_DTYPES", "best_mention", "event_rows", "events_csv", "parquet_available",
           "write_events_csv", "write_events_parquet"]

LIST_SEPARATOR = ";"

# (name, type, what it holds).  ``pandas.read_csv`` gives bool, float64 and int64 columns as typed here and
# the "string" columns as text (``str`` in pandas 3, ``object`` before), except a text column empty in
# every row (e.g. end_date), read as float64 NaN unless asked for: ``dtype=PANDAS_DTYPES``.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("event", "string", "the event's IRI (as in graph.ttl)"),
    ("kind", "string", "meeting, visit, summit, talks, phone_call or video_call"),
    ("status", "string", "the event's status: the most advanced any report gives (occurred > planned > cancelled > denied"
                         " > hypothetical)"),
    ("report_statuses", "string", "each report's own status, in the order of article_ids"),
    ("held", "bool", "true when at least one report says the contact took place (status occurred)"),
    ("date", "string", "begin date at its own precision: YYYY-MM-DD, YYYY-MM or YYYY; empty when undated"),
    ("date_precision", "string", "day, month or year; empty when undated"),
    ("date_inferred", "bool", "true when the date is not stated but taken from the publication month"),
    ("end_date", "string", "end date, when the text gives one"),
    ("place", "string", "place name (city or country)"),
    ("venue", "string", "venue within the place (e.g. a palace), when named"),
    ("country", "string", "country of the place"),
    ("lat", "float64", "latitude of the place (WGS 84)"),
    ("lon", "float64", "longitude of the place (WGS 84)"),
    ("participants", "string", "participant labels, ;-joined, sorted"),
    ("participant_ids", "string", "participant IRIs, in the order of participants"),
    ("participant_types", "string", "person, country, organisation or group, in the order of participants"),
    ("visitors", "string", "labels of the visitors (visits), ;-joined"),
    ("hosts", "string", "labels of the hosts (visits), ;-joined"),
    ("confidence", "float64", "the event's confidence, 0 to 1"),
    ("reports", "int64", "number of articles reporting the event"),
    ("article_ids", "string", "ids of the reporting articles, ;-joined, sorted"),
    ("article_urls", "string", "their URLs, in the order of article_ids (empty where unknown)"),
    ("evidence", "string", "the evidence sentence of the best report (highest confidence, held first, body before caption)"),
    ("evidence_article", "string", "the id of the article that sentence is from"),
)
DTYPES: dict[str, str] = {name: dtype for name, dtype, _ in COLUMNS}
PANDAS_DTYPES: dict[str, str] = {name: ("boolean" if dtype == "bool" else "Int64" if dtype == "int64" else dtype)
                                 for name, dtype in DTYPES.items()}
NAMES: tuple[str, ...] = tuple(name for name, _, _ in COLUMNS)
_STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}


def _text(value: str | None) -> str:
    return clean_xml_text(value) if value else ""


def _item(value: str) -> str:
    return clean_xml_text(value).replace(LIST_SEPARATOR, ",")


def _join(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(_item(v) for v in values)


def best_mention(event: Event) -> Mention | None:
    """The report whose sentence best shows the event: held before the other statuses, then the
    highest confidence, a body sentence before a caption, then the smallest article id."""
    if not event.mentions:
        return None
    return min(event.mentions, key=lambda m: (_STATUS_RANK.get(m.status, 9), -m.confidence, m.is_caption,
                                              m.article_id, m.evidence.start))


def event_rows(events: Sequence[Event], articles: Iterable[Article] = ()) -> list[dict[str, Any]]:
    """One dict per event (keys :data:`NAMES`, Python values: ``str``, ``bool``, ``float``, ``int`` or
    ``None``), sorted by date (undated last) then IRI.  ``articles``: the build's article metadata,
    for the URLs."""
    from kg.graph import ActorTable, actor_iri, event_iri

    urls = {a.id: a.url for a in articles if a.url}
    table = ActorTable(events)
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    for event in events:
        if event.key in seen:
            continue
        seen.add(event.key)
        actors = sorted({a.key: a for a in event.actors}.values(),
                        key=lambda a: (table.label.get(a.key, a.name), a.key))
        labels = [table.label.get(a.key, a.name) for a in actors]
        reports = sorted(event.mentions, key=lambda m: (m.article_id, m.evidence.start))
        article_ids: list[str] = []
        statuses: list[str] = []
        for m in reports:
            if m.article_id not in article_ids:
                article_ids.append(m.article_id)
                statuses.append(m.status)
        visitors = sorted({k for m in reports for k in m.visitors})
        hosts = sorted({k for m in reports for k in m.hosts})
        best = best_mention(event)
        place = event.place
        rows.append({
            "event": event_iri(event.key),
            "kind": event.kind,
            "status": event.status,
            "report_statuses": _join(statuses),
            "held": event.status == "occurred",
            "date": event.begin.value if event.begin else None,
            "date_precision": event.begin.precision if event.begin else None,
            "date_inferred": bool(event.begin and event.begin.inferred),
            "end_date": event.end.value if event.end else None,
            "place": _text(place.name) if place else None,
            "venue": _text(place.venue) if place and place.venue else None,
            "country": _text(place.country) if place and place.country else None,
            "lat": float(place.lat) if place and place.lat is not None and place.lon is not None else None,
            "lon": float(place.lon) if place and place.lat is not None and place.lon is not None else None,
            "participants": _join(labels),
            "participant_ids": _join(actor_iri(a.key) for a in actors),
            "participant_types": _join(a.type for a in actors),
            "visitors": _join(sorted(table.label.get(k, k) for k in visitors)) or None,
            "hosts": _join(sorted(table.label.get(k, k) for k in hosts)) or None,
            "confidence": float(event.confidence),
            "reports": len(article_ids),
            "article_ids": _join(article_ids),
            "article_urls": _join(urls.get(i, "") for i in article_ids) if any(i in urls for i in article_ids) else None,
            "evidence": _text(best.evidence.text) if best else None,
            "evidence_article": _text(best.article_id) if best else None,
        })
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["event"]))
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def events_csv(rows: Sequence[dict[str, Any]]) -> bytes:
    """The CSV document of ``rows`` (see the module docstring)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(NAMES)
    for row in rows:
        writer.writerow([_cell(row[name]) for name in NAMES])
    return buf.getvalue().encode("utf-8")


def write_events_csv(rows: Sequence[dict[str, Any]], path: Path) -> None:
    with atomic_write(Path(path), "wb") as fh:
        fh.write(events_csv(rows))


def parquet_available() -> bool:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def write_events_parquet(rows: Sequence[dict[str, Any]], path: Path) -> None:
    """``rows`` as Parquet (needs pyarrow: ``pip install 'diplomatic-kg[parquet]'``): strings, booleans,
    doubles and a 64-bit integer, nulls where the CSV has empty cells."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {"string": pa.string(), "bool": pa.bool_(), "float64": pa.float64(), "int64": pa.int64()}
    schema = pa.schema([(name, kinds[dtype]) for name, dtype, _ in COLUMNS])
    table = pa.Table.from_pylist(list(rows), schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    with atomic_write(Path(path), "wb") as fh:
        fh.write(sink.getvalue().to_pybytes())
