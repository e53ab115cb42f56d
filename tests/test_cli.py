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
    elif fmt == "csv":  # SPARQL 1.1 CSV: CRLF line ends, no blank line at the end
        raw = result.stdout_bytes.decode("utf-8")  # (click's result.output reads CRLF as LF)
        assert raw.endswith("\r\n") and not raw.endswith("\r\n\r\n")
        lines = raw.split("\r\n")
        assert len(lines) == 5 and lines[0] == "a,id" and lines[1].startswith("https://") and lines[-1] == ""
    elif fmt == "tsv":  # SPARQL 1.1 TSV: ?var headers, terms in Turtle syntax
        lines = result.output.split("\n")
        assert len(lines) == 5 and lines[0] == "?a\t?id" and lines[-1] == ""
        assert lines[1].startswith("<https://") and lines[1].split("\t")[1].startswith('"')
    else:
        assert "(3 rows)" in result.output and not result.output.endswith("\n\n")


def test_query_json_is_typed_and_table_cuts_are_marked(built: Path) -> None:
    import json

    q = ("SELECT ?e ?c ?caption ?text (COUNT(*) AS ?n) ?missing WHERE { ?e dkg:confidence ?c ; gaf:denotedBy ?m . "
         "?m dkg:isCaption ?caption ; nif:anchorOf ?text } GROUP BY ?e ?c ?caption ?text ?missing "
         "ORDER BY DESC(STRLEN(?text)) LIMIT 2")
    rows = json.loads(CliRunner().invoke(main, ["query", str(built / "graph.ttl"), q, "--format", "json"]).output)
    assert isinstance(rows[0]["n"], int) and isinstance(rows[0]["c"], float) and 0 <= rows[0]["c"] <= 1
    assert isinstance(rows[0]["caption"], bool) and rows[0]["missing"] is None and isinstance(rows[0]["text"], str)
    table = CliRunner().invoke(main, ["query", str(built / "graph.ttl"), q]).output
    longest = rows[0]["text"]
    assert len(longest) > 60
    assert " ".join(longest.split())[:59] + "\u2026" in table  # cut at 60 characters, marked


def _count(graph: Path, where: str) -> int:
    result = CliRunner().invoke(main, ["query", str(graph), f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}",
                                       "--format", "csv"])
    assert result.exit_code == 0, result.output
    return int(result.output.splitlines()[1])


def test_query_on_nquads_counts_each_triple_once(built: Path) -> None:
    import pyoxigraph as ox

    quads = list(ox.parse(path=str(built / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    graphs: dict[tuple[object, object, object], set[object]] = {}
    for q in quads:
        graphs.setdefault((q.subject, q.predicate, q.object), set()).add(q.graph_name)
    shared = [t for t, gs in graphs.items() if len(gs) > 1]
    assert shared, "some triples are in two article graphs"
    # as many answers as on graph.ttl, the union: each triple once, not once per graph holding it
    assert _count(built / "graph.nq", "?s ?p ?o") == _count(built / "graph.ttl", "?s ?p ?o") == len(graphs)
    s, p, o = shared[0]
    assert _count(built / "graph.nq", f"{s} {p} {o}") == 1
    assert _count(built / "graph.nq", f"{s} ?p ?o") == _count(built / "graph.ttl", f"{s} ?p ?o")
    # the named graphs are still there, for the queries that read them
    assert _count(built / "graph.nq", "GRAPH ?g { ?s ?p ?o }") == len(quads)
    assert _count(built / "graph.nq", f"GRAPH ?g {{ {s} {p} {o} }}") == len(graphs[shared[0]])
    g = next(iter(graphs[shared[0]]))
    in_g = sum(1 for q in quads if q.graph_name == g)
    assert _count(built / "graph.nq", f"GRAPH {g} {{ ?s ?p ?o }}") == in_g
    result = CliRunner().invoke(main, ["query", str(built / "graph.nq"),
                                       f"SELECT (COUNT(*) AS ?n) FROM {g} WHERE {{ ?s ?p ?o }}", "--format", "csv"])
    assert result.exit_code == 0 and int(result.output.splitlines()[1]) == in_g
    # and a documented query gives the same table on both files
    rq = str(ROOT / "docs" / "queries" / "who-met-whom.rq")
    answers = [CliRunner().invoke(main, ["query", str(built / name), "-f", rq, "--format", "csv"]).output
               for name in ("graph.ttl", "graph.nq")]
    assert answers[0] == answers[1] and len(answers[0].splitlines()) > 5


@pytest.mark.parametrize("query, named", [
    ("SELECT * WHERE { ?s ?p ?o }", False),
    ("SELECT ?x WHERE { ?x dkg:met ?y } ORDER BY ?x", False),
    ("SELECT * WHERE { graph ?g { ?s ?p ?o } }", True),
    ("SELECT * FROM <https://w3id.org/diplomatic-kg/article/a> WHERE { ?s ?p ?o }", True),
    ("SELECT * FROM NAMED <https://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", True),
    ("SELECT * WHERE { \\u0047RAPH ?g { ?s ?p ?o } }", True),
    ("SELECT*FROM<https://example.org/g>WHERE{?s ?p ?o}", True),
    ("SELECT * WHERE { ?s rdfs:label 'graph theory', \"from \\\" graph\" } # from graph.nq", False),
    ("PREFIX graph: <https://example.org/graph#>\nSELECT ?graph WHERE { ?graph a graph:From }", False),
])
def test_named_graphs_are_loaded_for_the_queries_that_can_read_them(query: str, named: bool) -> None:
    from kg.query import needs_named_graphs

    assert needs_named_graphs(query) is named


def test_documented_queries_read_the_default_graph_only() -> None:
    from kg.query import needs_named_graphs

    queries = sorted((ROOT / "docs" / "queries").glob("*.rq"))
    assert queries and not any(needs_named_graphs(q.read_text(encoding="utf-8")) for q in queries)


def test_query_and_serve_accept_a_store_folder(tmp_path: Path) -> None:
    import json
    import threading
    import urllib.parse
    import urllib.request

    from kg.query import load_store
    from kg.serve import make_server

    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", str(ROOT / "examples" / "articles" / "04_scholz_xi_phone.txt"),
                                       "--store", str(store), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    expected = _count(tmp_path / "out" / "graph.ttl", "?s ?p ?o")
    assert expected > 10
    assert _count(store, "?s ?p ?o") == expected  # the --store folder, as --help says
    assert _count(store / "oxigraph", "?s ?p ?o") == expected  # and the Oxigraph store inside it
    bad = CliRunner().invoke(main, ["query", str(tmp_path / "out"), "SELECT * WHERE { ?s ?p ?o }"])
    assert bad.exit_code == 2 and "not an Oxigraph store nor a 'kg build --store' folder" in bad.output
    server = make_server(load_store(store), "127.0.0.1", 0, workers=1, source=store)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = server.url + "sparql?" + urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        with urllib.request.urlopen(url, timeout=30) as resp:
            body = json.loads(resp.read())
        assert int(body["results"]["bindings"][0]["n"]["value"]) == expected
    finally:
        server.shutdown()
        server.server_close()


def test_exit_codes_and_guarantees_are_documented() -> None:
    """`kg build --help` and the README state every exit code and what a build never loses."""
    import re

    help_text = " ".join(CliRunner().invoke(main, ["build", "--help"]).output.split())
    for code, words in [("0", "the graph was built"), ("1", "no article could be read"), ("2", "usage or output error"),
                        ("3", "internal error"), ("130", "interrupted by Ctrl-C (SIGINT)"), ("143", "interrupted by SIGTERM")]:
        assert f"{code} {words}" in help_text, code
    for guarantee in ("writes nothing", "replaced together", "worker processes end with the build",
                      "extracts only the others", "retracts stored articles"):
        assert guarantee in help_text, guarantee
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    codes = dict(re.findall(r"^\| (\d+) \| (.+) \|$", readme, re.M))
    assert sorted(codes, key=int) == ["0", "1", "2", "3", "130", "143"]
    assert "nothing was written" in codes["1"] and "SIGINT" in codes["130"] and "SIGTERM" in codes["143"]
    for topic in ("Empty builds write nothing", "Worker processes never outlive the build",
                  "Interrupted store builds resume", "Retracting articles", "--dask-timeout"):
        assert topic in readme, topic
