"""``kg report DIR``: one self-contained HTML page about a build, for a reader who opens a file.

Read from the exports in DIR (``graph.events.csv`` and ``graph.skipped.csv``, written by ``kg build``),
nothing else: counts by status and kind, events by month (an SVG bar chart, held contacts and the
others stacked), the most connected actors and pairs (held contacts), a small map of the places (SVG,
longitude/latitude as x/y) with a table of the busiest ones, the events with the lowest confidence
(to review first, with their evidence), and the inputs skipped or warned about, with the reason.

Self-contained: CSS and SVG inline, no script, no image, font or style sheet fetched from anywhere,
so it opens offline and can be mailed as it is.  Every text from the data is HTML-escaped.
"""

from __future__ import annotations

import csv
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from .errors import KGError
from .model import KINDS, STATUSES

__all__ = ["ReportData", "read_report_data", "render_report", "write_report"]

STATUS_COLOURS = {"occurred": "#2b7a3d", "planned": "#2f6db5", "cancelled": "#c0392b", "denied": "#8e44ad",
                  "hypothetical": "#999999"}
TOP = 15
REVIEW = 12


@dataclass
class ReportData:
    source: Path
    events: list[dict[str, str]]
    skipped: list[dict[str, str]]


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except OSError as exc:
        raise KGError(f"{path}: cannot read it ({exc.strerror or exc}); build the exports first with "
                      "'kg build ... --out DIR'") from exc
    except (csv.Error, UnicodeDecodeError) as exc:
        raise KGError(f"{path}: not a CSV file written by 'kg build' ({exc})") from exc


def read_report_data(folder: Path) -> ReportData:
    """The events table and the skipped inputs of the exports in ``folder``."""
    if not folder.is_dir():
        raise KGError(f"{folder}: not a folder (give the --out folder of 'kg build')")
    events = _read_csv(folder / "graph.events.csv")
    if events and "event" not in events[0]:
        raise KGError(f"{folder / 'graph.events.csv'}: not an events table written by 'kg build'")
    skipped_path = folder / "graph.skipped.csv"
    skipped = _read_csv(skipped_path) if skipped_path.exists() else []
    return ReportData(folder, events, skipped)


def _split(value: str) -> list[str]:
    return [v for v in value.split(";") if v] if value else []


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[int] = ()) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(f'<td class="num">{_e(c)}</td>' if i in numeric else f"<td>{_e(c)}</td>"
                        for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    if not body:
        return '<p class="none">none</p>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _bars(counts: Sequence[tuple[str, int]], colours: dict[str, str] | None = None) -> str:
    """A horizontal bar per (label, count), as an inline SVG."""
    if not counts:
        return '<p class="none">none</p>'
    top = max(n for _, n in counts) or 1
    height = 22 * len(counts) + 4
    parts = [f'<svg class="bars" role="img" width="460" height="{height}" viewBox="0 0 460 {height}">']
    for i, (label, n) in enumerate(counts):
        y = 4 + 22 * i
        width = max(1.0, 300 * n / top) if n else 0
        fill = (colours or {}).get(label, "#4a78a8")
        parts.append(f'<text x="110" y="{y + 14}" text-anchor="end">{_e(label)}</text>'
                     f'<rect x="116" y="{y}" width="{width:.1f}" height="16" fill="{fill}"><title>{_e(label)}: {n}</title></rect>'
                     f'<text x="{116 + width + 5:.1f}" y="{y + 14}">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _month_chart(events: Sequence[dict[str, str]]) -> str:
    """Events per month of their date (day or month precision), held stacked under the others."""
    months: dict[str, Counter[str]] = {}
    year_only = 0
    for e in events:
        date = e.get("date") or ""
        if len(date) >= 7:
            months.setdefault(date[:7], Counter())[e["status"]] += 1
        elif date:
            year_only += 1
    undated = sum(1 for e in events if not e.get("date"))
    note = f"<p class=\"note\">{undated} undated events, {year_only} dated to a year only (not shown).</p>"
    if not months:
        return '<p class="none">no event dated to a month or a day</p>' + note
    # every month from the first to the last, so that gaps show
    first, last = min(months), max(months)
    y, m = int(first[:4]), int(first[5:7])
    keys: list[str] = []
    while f"{y:04d}-{m:02d}" <= last and len(keys) < 240:
        keys.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    top = max(sum(c.values()) for c in months.values())
    bar = max(4, min(28, 640 // max(1, len(keys))))
    width, height, base = 60 + bar * len(keys) + 50, 220, 180
    parts = [f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             f'<line x1="55" y1="{base}" x2="{width - 5}" y2="{base}" stroke="#888"/>',
             f'<text x="50" y="{base - 150 + 4}" text-anchor="end">{top}</text>',
             f'<text x="50" y="{base + 4}" text-anchor="end">0</text>']
    step = max(1, len(keys) // 12)
    for i, key in enumerate(keys):
        x = 60 + bar * i
        y0 = float(base)
        for status in STATUSES:
            n = months.get(key, Counter())[status]
            if not n:
                continue
            h = 150 * n / top
            y0 -= h
            parts.append(f'<rect x="{x}" y="{y0:.1f}" width="{bar - 1}" height="{h:.1f}" fill="{STATUS_COLOURS[status]}">'
                         f'<title>{key} {status}: {n}</title></rect>')
        if i % step == 0:
            parts.append(f'<text x="{x}" y="{base + 16}" class="tick">{key}</text>')
    parts.append("</svg>")
    legend = " ".join(f'<span class="key" style="background:{STATUS_COLOURS[s]}"></span>{s}' for s in STATUSES)
    return "".join(parts) + f'<p class="legend">{legend}</p>' + note


def _map(events: Sequence[dict[str, str]]) -> str:
    places: dict[tuple[str, str, str], Counter[str]] = {}
    for e in events:
        if e.get("lat") and e.get("lon"):
            places.setdefault((e.get("place") or "?", e["lat"], e["lon"]), Counter())[e["status"]] += 1
    if not places:
        return '<p class="none">no place with coordinates</p>'
    parts = ['<svg class="map" role="img" width="540" height="270" viewBox="-180 -90 360 180">',
             '<rect x="-180" y="-90" width="360" height="180" fill="#eef4f8"/>']
    for meridian in range(-150, 180, 30):
        parts.append(f'<line x1="{meridian}" y1="-90" x2="{meridian}" y2="90" stroke="#d4dee6" stroke-width="0.4"/>')
    for parallel in range(-60, 90, 30):
        parts.append(f'<line x1="-180" y1="{parallel}" x2="180" y2="{parallel}" stroke="#d4dee6" stroke-width="0.4"/>')
    parts.append('<line x1="-180" y1="0" x2="180" y2="0" stroke="#b8c7d3" stroke-width="0.6"/>')
    for (name, lat, lon), counts in sorted(places.items(), key=lambda kv: -sum(kv[1].values())):
        n = sum(counts.values())
        colour = STATUS_COLOURS["occurred"] if counts["occurred"] else STATUS_COLOURS["planned"]
        r = 1.5 + min(6.0, n ** 0.5 * 1.5)
        detail = ", ".join(f"{s} {counts[s]}" for s in STATUSES if counts[s])
        parts.append(f'<circle cx="{float(lon):.2f}" cy="{-float(lat):.2f}" r="{r:.1f}" fill="{colour}" fill-opacity="0.7"'
                     f' stroke="#fff" stroke-width="0.3"><title>{_e(name)}: {detail}</title></circle>')
    parts.append("</svg>")
    rows = sorted(((name, sum(c.values()), c["occurred"], f"{float(lat):.2f}, {float(lon):.2f}")
                   for (name, lat, lon), c in places.items()), key=lambda r: (-r[1], r[0]))[:TOP]
    return ("".join(parts) + '<p class="note">Circles: places with coordinates (area ~ events; green: at least one held '
            "contact). Open graph.geojson in QGIS, kepler.gl or geojson.io for a real map.</p>"
            + _table(("place", "events", "held", "lat, lon"), rows, numeric=(1, 2)))


def _connections(events: Sequence[dict[str, str]]) -> tuple[str, str]:
    partners: dict[str, set[str]] = {}
    held_events: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    pair_articles: dict[tuple[str, str], set[str]] = {}
    for e in events:
        if e.get("held") != "true":
            continue
        people = sorted(set(_split(e.get("participants", ""))))
        for p in people:
            held_events[p] += 1
            partners.setdefault(p, set()).update(q for q in people if q != p)
        for pair in combinations(people, 2):
            pairs[pair] += 1
            pair_articles.setdefault(pair, set()).update(_split(e.get("article_ids", "")))
    actors = sorted(partners, key=lambda a: (-len(partners[a]), -held_events[a], a))[:TOP]
    actor_table = _table(("actor", "partners", "held contacts"), ((a, len(partners[a]), held_events[a]) for a in actors),
                         numeric=(1, 2))
    top_pairs = sorted(pairs, key=lambda p: (-pairs[p], -len(pair_articles[p]), p))[:TOP]
    pair_table = _table(("actor", "actor", "held contacts", "articles"),
                        ((a, b, pairs[(a, b)], len(pair_articles[(a, b)])) for a, b in top_pairs), numeric=(2, 3))
    return actor_table, pair_table


def _review(events: Sequence[dict[str, str]]) -> str:
    def confidence(e: dict[str, str]) -> float:
        try:
            return float(e.get("confidence") or 0)
        except ValueError:
            return 0.0
    low = sorted(events, key=lambda e: (confidence(e), e.get("event", "")))[:REVIEW]
    return _table(("confidence", "kind", "status", "date", "participants", "evidence", "article"),
                  ((f"{confidence(e):.2f}", e.get("kind", ""), e.get("status", ""), e.get("date", ""),
                    (e.get("participants") or "").replace(";", ", "), e.get("evidence", ""), e.get("evidence_article", ""))
                   for e in low), numeric=(0,))


def _skipped(rows: Sequence[dict[str, str]]) -> str:
    if not rows:
        return '<p class="none">every input was read, none with a warning</p>'
    reasons = Counter((r.get("outcome", ""), (r.get("reason") or "").split(" (")[0]) for r in rows)
    summary = _table(("outcome", "reason", "inputs"), ((o, r, n) for (o, r), n in reasons.most_common()), numeric=(2,))
    detail = _table(("input", "outcome", "reason"), ((r.get("input", ""), r.get("outcome", ""), r.get("reason", ""))
                                                      for r in rows[:200]))
    more = f'<p class="note">{len(rows) - 200} more in graph.skipped.csv</p>' if len(rows) > 200 else ""
    return summary + "<details><summary>each input</summary>" + detail + more + "</details>"


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem auto; max-width: 66rem;
       padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 1.8rem;
     border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
.cards { display: flex; flex-wrap: wrap; gap: .6rem; margin: 1rem 0; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: .5rem .9rem; min-width: 7rem; }
.card b { display: block; font-size: 1.4rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr)); gap: 1rem 2rem; }
table { border-collapse: collapse; font-size: .85rem; margin: .4rem 0; }
th, td { border: 1px solid #ddd; padding: .2rem .45rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
svg text { font-size: 11px; fill: #333; } svg text.tick { font-size: 9px; }
.legend { font-size: .8rem; } .key { display: inline-block; width: .8rem; height: .8rem; margin: 0 .2rem 0 .8rem;
  vertical-align: middle; } .note, .none { color: #666; font-size: .85rem; }
"""


def render_report(data: ReportData, title: str | None = None) -> str:
    """The report page of ``data`` as one HTML string (see the module docstring)."""
    events = data.events
    statuses = Counter(e.get("status", "") for e in events)
    kinds = Counter(e.get("kind", "") for e in events)
    articles = {a for e in events for a in _split(e.get("article_ids", ""))}
    actors = {a for e in events for a in _split(e.get("participants", ""))}
    places = {e.get("place") for e in events if e.get("place")}
    held = sum(1 for e in events if e.get("held") == "true")
    actor_table, pair_table = _connections(events)
    cards = [("events", len(events)), ("held contacts", held), ("articles with events", len(articles)),
             ("actors", len(actors)), ("places", len(places)),
             ("inputs skipped", sum(1 for r in data.skipped if r.get("outcome") != "warning")),
             ("warnings", sum(1 for r in data.skipped if r.get("outcome") == "warning"))]
    name = title or f"diplomatic-kg report: {data.source.resolve().name}"
    body = f"""<h1>{_e(name)}</h1>
<p class="note">From <code>{_e(data.source)}</code> (graph.events.csv, graph.skipped.csv). Held contacts are events at
least one article reports as having taken place (status occurred); the others were planned, cancelled, denied or
hypothetical.</p>
<div class="cards">{''.join(f'<div class="card"><b>{n}</b>{_e(label)}</div>' for label, n in cards)}</div>
<div class="grid">
<section id="status"><h2>Events by status</h2>{_bars([(s, statuses[s]) for s in STATUSES], STATUS_COLOURS)}</section>
<section id="kind"><h2>Events by kind</h2>{_bars([(k, kinds[k]) for k in KINDS])}</section>
</div>
<section id="month"><h2>Events by month</h2>{_month_chart(events)}</section>
<div class="grid">
<section id="actors"><h2>Most connected actors (held contacts)</h2>{actor_table}</section>
<section id="pairs"><h2>Pairs with the most held contacts</h2>{pair_table}</section>
</div>
<section id="places"><h2>Places</h2>{_map(events)}</section>
<section id="review"><h2>Lowest confidence: review these first</h2>{_review(events)}</section>
<section id="skipped"><h2>Skipped inputs and warnings</h2>{_skipped(data.skipped)}</section>
"""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(name)}</title>\n'
            f"<style>{_CSS}</style></head>\n<body>\n{body}</body></html>\n")


def write_report(folder: Path, out: Path | None = None) -> Path:
    """Write the report of the exports in ``folder`` to ``out`` (default ``folder/report.html``)."""
    from .export.atomic import atomic_write

    data = read_report_data(folder)
    target = out or folder / "report.html"
    try:
        with atomic_write(target, "w") as fh:
            fh.write(render_report(data))
    except OSError as exc:
        raise KGError(f"cannot write the report to {target} ({exc.strerror or exc})") from exc
    return target
