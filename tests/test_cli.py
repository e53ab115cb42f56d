from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(main, ["build", str(ROOT / "examples" / "articles"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_build_writes_four_exports_and_summary(built: Path) -> None:
    for name in ("graph.ttl", "graph.nq", "graph.graphml", "graph.gexf"):
        assert (built / name).stat().st_size > 0


def test_query_who_met_whom_csv(built: Path) -> None:
    q = """SELECT DISTINCT ?a ?b WHERE { ?e a sem:Event ; sem:hasActor ?x, ?y ; gaf:denotedBy ?m .
           ?m dkg:status dkg:Occurred . ?x rdfs:label ?a . ?y rdfs:label ?b . FILTER(STR(?a) < STR(?b)) }"""
    result = CliRunner().invoke(main, ["query", str(built / "graph.ttl"), q, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["a", "b"] and len(rows) > 5


def test_malformed_query_is_one_line(built: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(built / "graph.ttl"), "SELECT ?x WHERE { ?x"])
    assert result.exit_code == 2
    assert "malformed SPARQL query" in result.output and "Traceback" not in result.output


def test_bad_input_skipped_build_goes_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\xff" * 50)
    (tmp_path / "in" / "good.txt").write_text(
        "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha on Tuesday.\n")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "bad.txt: binary content" in result.output
    assert "articles read: 1; skipped: 1" in result.output


def test_malformed_query_names_its_position_in_the_users_text(built: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(built / "graph.ttl"), "SELECT ?x\nWHERE { ?x ?y }"])
    assert result.exit_code == 2
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "line 2, column" in lines[0]


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_formats(built: Path, fmt: str) -> None:
    import json

    q = "SELECT ?a ?id WHERE { ?a dcterms:identifier ?id } ORDER BY ?id LIMIT 3"
    result = CliRunner().invoke(main, ["query", str(built / "graph.ttl"), q, "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert len(json.loads(result.output)) == 3
    elif fmt in ("csv", "tsv"):
        lines = result.output.strip().splitlines()
        assert len(lines) == 4 and lines[0] == ("a\tid" if fmt == "tsv" else "a,id")
    else:
        assert "(3 rows)" in result.output
