"""The events table (graph.events.csv / .parquet): one row per event, documented columns and dtypes."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from kg.export.events import COLUMNS, DTYPES, NAMES, PANDAS_DTYPES, best_mention, event_rows, events_csv
from kg.graph import event_iri
from kg.model import Actor, Article, Event, Mention, Place, Span, TimeValue

ROOT = Path(__file__).resolve().parents[2]
pd = pytest.importorskip("pandas")


def _mention(article: str, status: str, conf: float, text: str, caption: bool = False, **kw: Any) -> Mention:
    a, b = Actor("a-key", "Ann A", "person", "Aland"), Actor("b-key", "Bob; B", "person", "Bland")
    return Mention(article_id=article, kind=kw.get("kind", "visit"), status=status, actors=(a, b), place=None, begin=None,
                   end=None, evidence=Span(text, 0, len(text)), trigger="visited", confidence=conf,
                   is_caption=caption, visitors=("a-key",), hosts=("b-key",))


def _event() -> Event:
    a, b = Actor("a-key", "Ann A", "person", "Aland"), Actor("b-key", "Bob; B", "person", "Bland")
    mentions = (_mention("z-art", "planned", 0.9, "Ann will visit Bob."),
                _mention("a-art", "occurred", 0.6, "Ann visited Bob, \"quietly\".\nThen left."),
                _mention("m-art", "occurred", 0.8, "Caption: Ann and Bob.", caption=True))
    place = Place("paris", "Paris", "France", 2988507, 48.85, 2.35, venue="Elysee")
    return Event("k1", "visit", (b, a), place, TimeValue("2024-05", "month", inferred=True), None, mentions, 0.75)


def test_rows_hold_the_documented_columns() -> None:
    articles = [Article("a-art", "", "x", url="https://example.org/a"), Article("m-art", "", "x")]
    undated = Event("k0", "talks", (Actor("c", "C", "country"), Actor("d", "D", "country")), None, None, None,
                    (_mention("m-art", "hypothetical", 0.4, "C could talk to D.", kind="talks"),), 0.4)
    rows = event_rows([undated, _event(), _event()], articles)  # a repeated event is one row
    assert [r["event"] for r in rows] == [event_iri("k1"), event_iri("k0")]  # dated first
    row = rows[0]
    assert set(row) == set(NAMES)
    assert row["status"] == "occurred" and row["held"] is True
    assert row["report_statuses"] == "occurred;occurred;planned"
    assert row["article_ids"] == "a-art;m-art;z-art" and row["reports"] == 3
    assert row["article_urls"] == "https://example.org/a;;"
    assert row["participants"] == "Ann A;Bob, B"  # sorted labels, ';' inside a label becomes ','
    assert row["participant_ids"].split(";")[0].endswith("/actor/a-key")
    assert (row["visitors"], row["hosts"]) == ("Ann A", "Bob, B")
    assert (row["date"], row["date_precision"], row["date_inferred"]) == ("2024-05", "month", True)
    assert (row["place"], row["venue"], row["country"], row["lat"], row["lon"]) == ("Paris", "Elysee", "France", 48.85, 2.35)
    # best report: held before planned, then the highest confidence (a caption here)
    assert row["evidence"] == "Caption: Ann and Bob." and row["evidence_article"] == "m-art"
    assert best_mention(_event()) is not None
    assert rows[1]["date"] is None and rows[1]["held"] is False and rows[1]["article_urls"] is None


def test_csv_is_rfc4180_and_round_trips(tmp_path: Path) -> None:
    data = events_csv(event_rows([_event()]))
    assert data.endswith(b"\r\n") and not data.endswith(b"\r\n\r\n")
    rows = list(csv.DictReader(data.decode("utf-8").splitlines(keepends=True)))
    assert len(rows) == 1 and rows[0]["evidence"] == "Caption: Ann and Bob."
    path = tmp_path / "e.csv"
    path.write_bytes(events_csv(event_rows([_event()])))
    frame = pd.read_csv(path)
    assert list(frame.columns) == list(NAMES)


def test_sample_build_loads_in_pandas_with_the_documented_dtypes(sample_build: Any) -> None:
    out, result = sample_build
    frame = pd.read_csv(out / "graph.events.csv")
    assert len(frame) == len(result.events) > 20
    assert frame["event"].is_unique
    for name, dtype in DTYPES.items():
        column = frame[name]
        if dtype == "string":
            assert pd.api.types.is_string_dtype(column) or column.isna().all(), (name, column.dtype)
        else:
            assert str(column.dtype) == dtype, (name, column.dtype)
    typed = pd.read_csv(out / "graph.events.csv", dtype=PANDAS_DTYPES)
    assert all(str(typed[n].dtype) == d for n, d in PANDAS_DTYPES.items())
    held = frame[frame["held"]]
    assert (held["status"] == "occurred").all()
    assert (frame["reports"] == frame["article_ids"].str.count(";") + 1).all()
    assert frame["evidence"].notna().all()
    assert frame["lat"].between(-90, 90).all() or frame["lat"].isna().any()
    with_place = frame[frame["lat"].notna()]
    assert len(with_place) > 5 and with_place["place"].notna().all()


def test_parquet_matches_the_csv(sample_build: Any) -> None:
    pytest.importorskip("pyarrow")
    out, _ = sample_build
    pq = pd.read_parquet(out / "graph.events.parquet")
    csv_frame = pd.read_csv(out / "graph.events.csv")
    assert list(pq.columns) == list(NAMES) and len(pq) == len(csv_frame)
    assert pq["held"].dtype == bool and pq["reports"].dtype == "int64" and pq["lat"].dtype == "float64"
    assert list(pq["event"]) == list(csv_frame["event"])


def test_readme_documents_every_column() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, dtype, _ in COLUMNS:
        assert f"| `{name}` | {dtype} |" in readme, name
