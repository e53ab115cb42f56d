"""graph.geojson: one Point feature per place, valid GeoJSON (RFC 7946) by the geojson package's validator."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kg.export.geojson import geojson_document
from kg.model import Actor, Event, Mention, Place, Span, TimeValue

geojson = pytest.importorskip("geojson")


def _event(key: str, place: Place | None, status: str, date: str | None) -> Event:
    actors = (Actor("a", "Ann", "person"), Actor("b", "Bob", "person"))
    m = Mention(article_id=f"art-{key}", kind="meeting", status=status, actors=actors, place=place, begin=None, end=None,
                evidence=Span("Ann met Bob.", 0, 12), trigger="met", confidence=0.7)
    begin = TimeValue(date, "day") if date else None
    return Event(key, "meeting", actors, place, begin, None, (m,), 0.7)


def test_one_feature_per_place_lon_lat_order() -> None:
    paris = Place("paris", "Paris", "France", 1, lat=48.85, lon=2.35)
    nowhere = Place("atlantis", "Atlantis")
    doc = geojson_document([_event("1", paris, "occurred", "2024-01-02"), _event("2", paris, "cancelled", None),
                            _event("3", nowhere, "occurred", None), _event("4", None, "occurred", None)])
    assert len(doc["features"]) == 1 and doc["places_without_coordinates"] == 1
    feature = doc["features"][0]
    assert feature["geometry"]["coordinates"] == [2.35, 48.85]  # longitude first
    props = feature["properties"]
    assert (props["events"], props["occurred"], props["cancelled"]) == (2, 1, 1)
    assert [e["status"] for e in props["event_list"]] == ["occurred", "cancelled"]  # dated first
    assert props["summary"].splitlines()[1] == "undated meeting cancelled: Ann, Bob"
    assert geojson.loads(json.dumps(doc)).is_valid


def test_sample_geojson_validates(sample_build: Any) -> None:
    out, result = sample_build
    text = (out / "graph.geojson").read_text(encoding="utf-8")
    obj = geojson.loads(text)
    assert isinstance(obj, geojson.FeatureCollection)
    assert obj.is_valid, obj.errors()
    for feature in obj["features"]:
        assert feature.is_valid and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    placed = {e.place.key for e in result.events if e.place and e.place.lat is not None}
    assert len(obj["features"]) == len(placed) > 3
    assert sum(f["properties"]["events"] for f in obj["features"]) == sum(
        1 for e in result.events if e.place and e.place.lat is not None)
