"""The map: ``graph.geojson``, one GeoJSON Point feature per place with coordinates (RFC 7946).

A FeatureCollection in WGS 84 (longitude, latitude: RFC 7946 §3.1.1; no ``crs`` member), for QGIS,
kepler.gl or geojson.io.  Each feature's ``id`` is the place's IRI (as in graph.ttl); its
``properties`` are flat values a GIS shows as columns (``name``, ``country``, ``geonames_id``,
``events``, one count per status, ``kinds``, ``first_date``, ``last_date``, ``summary``: one line per
event, ``date kind status: participants``) and ``event_list``, the same events as objects (IRI,
kind, status, date, participants, reports).  Places without coordinates are left out (a feature
needs a position to be drawn); their count is the collection's foreign member
``places_without_coordinates``.  Features are sorted by place key; the file is UTF-8 JSON, written
atomically; the same events give the same bytes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.export.atomic import atomic_write
from kg.export.graphml import clean_xml_text
from kg.model import STATUSES, Event, Place

__all__ = ["geojson_document", "write_geojson"]


def _date_key(value: str | None) -> tuple[bool, str]:
    return (value is None, value or "")


def geojson_document(events: Sequence[Event]) -> dict[str, Any]:
    """The FeatureCollection of ``events`` as a JSON-ready dict."""
    from kg.graph import ActorTable, event_iri, place_iri

    table = ActorTable(events)
    by_place: dict[str, list[Event]] = {}
    places: dict[str, Place] = {}
    seen: set[str] = set()
    for event in events:
        if event.key in seen or event.place is None:
            continue
        seen.add(event.key)
        by_place.setdefault(event.place.key, []).append(event)
        places.setdefault(event.place.key, event.place)
    features: list[dict[str, Any]] = []
    missing = 0
    for key in sorted(by_place):
        place = places[key]
        if place.lat is None or place.lon is None or not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
            missing += 1
            continue
        items: list[dict[str, Any]] = []
        for event in by_place[key]:
            labels = sorted(clean_xml_text(table.label.get(a.key, a.name)) for a in {a.key: a for a in event.actors}.values())
            items.append({
                "event": event_iri(event.key),
                "kind": event.kind,
                "status": event.status,
                "date": event.begin.value if event.begin else None,
                "participants": labels,
                "reports": len({m.article_id for m in event.mentions}),
            })
        items.sort(key=lambda i: (_date_key(i["date"]), i["event"]))
        statuses = Counter(i["status"] for i in items)
        dates = sorted(i["date"] for i in items if i["date"])
        properties: dict[str, Any] = {
            "name": clean_xml_text(place.name),
            "country": clean_xml_text(place.country) if place.country else None,
            "geonames_id": place.geonames_id,
            "venues": ";".join(sorted({clean_xml_text(e.place.venue) for e in by_place[key] if e.place and e.place.venue}))
            or None,
            "events": len(items),
            **{status: statuses[status] for status in STATUSES},
            "kinds": ";".join(sorted({i["kind"] for i in items})),
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
            "summary": "\n".join(f"{i['date'] or 'undated'} {i['kind']} {i['status']}: {', '.join(i['participants'])}"
                                 for i in items),
            "event_list": items,
        }
        features.append({
            "type": "Feature",
            "id": place_iri(key),
            "geometry": {"type": "Point", "coordinates": [round(float(place.lon), 6), round(float(place.lat), 6)]},
            "properties": properties,
        })
    return {"type": "FeatureCollection", "features": features, "places_without_coordinates": missing}


def geojson_bytes(events: Sequence[Event]) -> bytes:
    return (json.dumps(geojson_document(events), ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode("utf-8")


def write_geojson(events: Sequence[Event], path: Path) -> None:
    """Write ``graph.geojson`` (see the module docstring), atomically."""
    data = geojson_bytes(events)
    with atomic_write(Path(path), "wb") as fh:
        fh.write(data)
