"""``kg kb rebuild``: the office holders from a Wikidata SPARQL answer (a saved one here: no network)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.kb.data import read_tsv
from kg.kb.rebuild import QUERY, rows_from_results

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "wikidata-office-holders.json"


def test_the_query_asks_for_offices_with_their_dates() -> None:
    for term in ("p:P39", "ps:P39", "pq:P580", "pq:P582", "wdt:P297", "wd:Q48352", "skos:altLabel"):
        assert term in QUERY


def test_rows_from_a_saved_answer() -> None:
    rows = rows_from_results(json.loads(FIXTURE.read_text(encoding="utf-8")))
    assert [(r["name"], r["country"], r["office"], r["start"], r["end"], r["source_id"]) for r in rows] == [
        ("Sergey Lavrov", "RU", "foreign_minister", "2004-03-09", "", "wikidata:Q58217"),
        ("Harry S. Truman", "US", "head_of_state", "1945-04-12", "1953-01-20", "wikidata:Q11613"),
    ]  # a person with no English label (the label is the id) and a blank node are left out
    assert rows[0]["alt_names"] == "Sergei Lavrov|Sergei Viktorovich Lavrov"


def test_kg_kb_rebuild_writes_the_base_file(tmp_path: Path) -> None:
    out = tmp_path / "office-holders.tsv"
    result = CliRunner().invoke(main, ["kb", "rebuild", "--from-json", str(FIXTURE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 office holders" in result.output
    rows = read_tsv(out)
    assert list(rows[0]) == ["name", "alt_names", "country", "office", "start", "end", "source_id"]
    assert rows[1]["name"] == "Harry S. Truman" and rows[1]["end"] == "1953-01-20"


def test_a_bad_answer_is_one_line_and_leaves_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "answer.json"
    bad.write_text('{"head": {}}', encoding="utf-8")
    out = tmp_path / "office-holders.tsv"
    out.write_text("kept\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["kb", "rebuild", "--from-json", str(bad), "--out", str(out)])
    assert result.exit_code == 2
    assert result.output.strip().startswith("kg: error:") and len(result.output.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "kept\n"


def test_no_network_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["kb", "rebuild", "--endpoint", "http://127.0.0.1:9/sparql",
                                       "--out", str(tmp_path / "x.tsv")])
    assert result.exit_code == 2 and "--from-json" in result.output
