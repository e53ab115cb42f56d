"""`kg serve`: the read-only SPARQL 1.1 Protocol endpoint, over real HTTP on loopback."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.serve import is_update, make_server, negotiate, uses_service

TTL = """\
@prefix sem:  <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix dkg:  <https://w3id.org/diplomatic-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex:   <https://w3id.org/diplomatic-kg/> .

ex:event\\/e1 a sem:Event, dkg:Meeting ;
    sem:hasActor ex:actor\\/vladimir-putin, ex:actor\\/john-kerry ;
    sem:hasPlace ex:place\\/moscow .
ex:event\\/e2 a sem:Event, dkg:PhoneCall ;
    sem:hasActor ex:actor\\/vladimir-putin, ex:actor\\/angela-merkel .
ex:actor\\/vladimir-putin rdfs:label "Vladimir Putin" .
ex:actor\\/john-kerry     rdfs:label "John Kerry" .
ex:actor\\/angela-merkel  rdfs:label "Angela Merkel" .
ex:place\\/moscow         rdfs:label "Moscow" .
"""
MET = """SELECT ?event ?name WHERE { ?event a sem:Event ; sem:hasActor ?a . ?a rdfs:label ?name }
ORDER BY ?event ?name"""
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
JSON_TYPE = "application/sparql-results+json"


def _store(text: str) -> ox.Store:
    store = ox.Store()
    store.load(text, format=ox.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return _store(TTL)


def _start(store: ox.Store, **kwargs) -> tuple[object, str]:
    server = make_server(store, "127.0.0.1", 0, **kwargs)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.url.rstrip("/")


@pytest.fixture(scope="module")
def base(store: ox.Store) -> Iterator[str]:
    server, url = _start(store, timeout=5, max_rows=5, workers=2)
    yield url
    server.shutdown()
    server.server_close()


def call(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None, timeout: float = 15) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def get(base: str, query: str, accept: str | None = None, **params: str) -> tuple[int, dict[str, str], bytes]:
    qs = urllib.parse.urlencode({"query": query, **params})
    return call(f"{base}/sparql?{qs}", headers={"Accept": accept} if accept else {})


def post_form(base: str, fields: dict[str, str], accept: str | None = None) -> tuple[int, dict[str, str], bytes]:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return call(f"{base}/sparql", urllib.parse.urlencode(fields).encode(), headers)


def post_query(base: str, query: str, accept: str | None = None,
               ctype: str = "application/sparql-query") -> tuple[int, dict[str, str], bytes]:
    headers = {"Content-Type": ctype}
    if accept:
        headers["Accept"] = accept
    return call(f"{base}/sparql", query.encode(), headers)


def names(body: bytes) -> list[str]:
    return [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]


def triple_count(base: str) -> int:
    status, _, body = get(base, COUNT)
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


# ------------------------------------------------------------------ results and negotiation


def test_get_json_is_the_default(base: str) -> None:
    status, headers, body = get(base, MET)
    assert status == 200
    assert headers["Content-Type"].startswith(JSON_TYPE)
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Result-Truncated" not in headers
    data = json.loads(body)
    assert data["head"]["vars"] == ["event", "name"]
    assert names(body) == ["John Kerry", "Vladimir Putin", "Angela Merkel", "Vladimir Putin"]
    assert data["results"]["bindings"][0]["event"] == {"type": "uri", "value": "https://w3id.org/diplomatic-kg/event/e1"}


def test_get_xml(base: str) -> None:
    status, headers, body = get(base, MET, accept="application/sparql-results+xml")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(body)
    literals = [e.text for e in root.findall(".//r:binding[@name='name']/r:literal", ns)]
    assert literals == ["John Kerry", "Vladimir Putin", "Angela Merkel", "Vladimir Putin"]


def test_post_form_csv_and_direct_tsv(base: str) -> None:
    status, headers, body = post_form(base, {"query": MET}, accept="text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["event", "name"] and rows[1][1] == "John Kerry" and len(rows) == 5

    status, headers, body = post_query(base, MET, accept="text/tab-separated-values")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    lines = body.decode().splitlines()
    assert lines[0] == "?event\t?name" and lines[1].endswith('"John Kerry"')


def test_accept_quality_and_format_parameter(base: str) -> None:
    _, headers, _ = get(base, MET, accept="text/csv;q=0.5, application/sparql-results+xml")
    assert headers["Content-Type"].startswith("application/sparql-results+xml")
    _, headers, _ = get(base, MET, accept="text/html,application/xhtml+xml,*/*;q=0.8")  # a browser
    assert headers["Content-Type"].startswith(JSON_TYPE)
    _, headers, _ = get(base, MET, accept="application/sparql-results+xml", format="csv")
    assert headers["Content-Type"].startswith("text/csv")


def test_ask_and_construct(base: str) -> None:
    status, _, body = get(base, "ASK { ?e sem:hasPlace ?p }")
    assert status == 200 and json.loads(body)["boolean"] is True
    construct = "CONSTRUCT { ?a rdfs:label ?n } WHERE { ?a rdfs:label ?n }"
    status, headers, body = get(base, construct)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(list(ox.parse(body, format=ox.RdfFormat.TURTLE))) == 4
    status, headers, body = post_query(base, construct, accept="application/n-triples")
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert len(body.decode().strip().splitlines()) == 4


def test_named_graphs_union_counts_each_triple_once() -> None:
    """A triple stated in two article graphs is one answer over the default graph (the union), as
    in graph.ttl, and stays in both named graphs."""
    nq = "".join(f"<https://example.org/s> <https://example.org/p> \"o\" <https://example.org/g{i}> .\n" for i in (1, 2))
    store = ox.Store()
    store.load(nq + "<https://example.org/s> <https://example.org/q> <https://example.org/o> <https://example.org/g2> .\n",
               format=ox.RdfFormat.N_QUADS)
    server, url = _start(store, workers=1)
    try:
        assert triple_count(url) == 2
        status, _, body = get(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "3"
    finally:
        server.shutdown()
        server.server_close()


def test_row_cap(base: str) -> None:  # the module's server returns at most 5 rows
    status, headers, body = get(base, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and headers.get("X-Result-Truncated") == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 5
    status, headers, body = get(base, "SELECT * WHERE { ?s ?p ?o }", accept="text/csv")
    assert headers.get("X-Result-Truncated") == "true" and len(body.decode().splitlines()) == 6
    status, headers, body = get(base, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    assert status == 200 and "X-Result-Truncated" not in headers


# ------------------------------------------------------------------ refusals and errors


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
    "PREFIX ex: <http://x/>\n# a comment\ndelete where { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/graph.ttl>",
    "CLEAR ALL", "DROP DEFAULT", "CREATE GRAPH <http://x/g>",
])
def test_updates_are_refused(base: str, store: ox.Store, update: str) -> None:
    before = len(store)
    assert triple_count(base) == before
    for status, _, body in (post_query(base, update), post_form(base, {"query": update}), get(base, update),
                            post_form(base, {"update": update}),
                            post_query(base, update, ctype="application/sparql-update")):
        assert status == 403, body
        assert b"read-only" in body
    assert len(store) == before and triple_count(base) == before


def test_malformed_query_gets_the_parser_message(base: str) -> None:
    status, headers, body = get(base, "SELECT ?x WHERE { ?x ?y }")
    assert status == 400
    assert headers["Content-Type"].startswith("text/plain")
    text = body.decode()
    assert text.startswith("malformed SPARQL query:") and "line 1" in text and "expected" in text


def test_service_is_refused_and_nothing_is_contacted(base: str) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.3)
    port = listener.getsockname()[1]
    try:
        for query in (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                      f"select * {{ ?a ?b ?c . service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
                      # '<' read as less-than, the '>' inside a comment: still a SERVICE clause
                      f"SELECT * {{ BIND(<http://127.0.0.1:{port}/> AS ?x) ?s ?p ?o FILTER(?s<?o).SERVICE#>\n"
                      "?x { ?a ?b ?c } }"):
            status, _, body = post_query(base, query)
            assert status == 400 and b"SERVICE" in body, query
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()
    # 'service' as a name, in a string or in a comment is fine
    ok = 'SELECT ?service WHERE { ?s rdfs:label ?service FILTER(?service != "Secret Service") } # SERVICE'
    assert get(base, ok)[0] == 200


def test_query_page_and_other_paths(base: str) -> None:
    status, headers, body = call(f"{base}/")
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<textarea" in page and 'action="sparql"' in page
    assert "src=" not in page and "http://" not in page.split("<script>")[1]  # nothing fetched from elsewhere
    for example in ("Who met whom", "Contacts of person", "By place", "Not held", "docs/queries/by-month.rq"):
        assert example in page
    assert call(f"{base}/nothing")[0] == 404
    assert call(f"{base}/sparql", b"x", method="PUT")[0] == 405
    assert post_query(base, MET, ctype="text/plain")[0] == 415
    assert call(f"{base}/sparql")[0] == 400  # no query


def test_examples_on_the_page_run(base: str) -> None:
    from kg.serve import EXAMPLES

    for name, query in EXAMPLES:
        status, _, body = get(base, query)
        assert status == 200, (name, body)



def test_page_examples_are_the_documented_queries() -> None:
    import html
    from pathlib import Path

    from kg.serve import EXAMPLES, render_page

    docs = Path(__file__).resolve().parents[1] / "docs" / "queries"
    files = sorted(docs.glob("*.rq"))
    assert sorted(q for _, q in EXAMPLES) == sorted(p.read_text(encoding="utf-8") for p in files)
    assert EXAMPLES[0][0] == "Who met whom" and "dkg:Occurred" in EXAMPLES[0][1]  # held only, as the README says
    page = render_page(1, 1.0, 1).decode()
    for _, query in EXAMPLES:
        assert f'data-query="{html.escape(query, quote=True)}"' in page


# ------------------------------------------------------------------ time limit and load


def test_slow_query_is_stopped_with_503() -> None:
    lines = ["@prefix ex: <http://example.org/> ."]
    lines += [f"ex:s{i % 100} ex:p{i % 7} ex:o{i} ." for i in range(3000)]
    big = _store("\n".join(lines))
    assert len(big) == 3000
    server, url = _start(big, timeout=1, workers=1)
    try:
        started = time.monotonic()
        status, _, body = get(url, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        elapsed = time.monotonic() - started
        assert status == 503, body
        assert b"time limit" in body
        assert elapsed < 5
        # the runaway worker was killed and replaced: the server answers again
        deadline = time.monotonic() + 10
        while (status := get(url, COUNT)[0]) != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status == 200 and triple_count(url) == 3000
    finally:
        server.shutdown()
        server.server_close()


def test_load_1000_queries_from_20_threads(base: str, store: ox.Store) -> None:
    before = len(store)
    queries = [(MET, None, "Vladimir Putin"), ("ASK { ?e sem:hasPlace ?p }", None, "true"),
               ("SELECT ?name WHERE { ?a rdfs:label ?name } ORDER BY ?name", "text/csv", "Angela Merkel")]

    def client(n: int) -> tuple[int, float]:
        ok = 0
        worst = 0.0
        for i in range(50):
            query, accept, expected = queries[(n + i) % len(queries)]
            started = time.monotonic()
            status, _, body = (get if i % 2 else post_query)(base, query, accept)
            worst = max(worst, time.monotonic() - started)
            ok += status == 200 and expected in body.decode()
        return ok, worst

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(client, range(20)))
    elapsed = time.monotonic() - started
    total = sum(ok for ok, _ in results)
    print(f"\nload: {total}/1000 queries OK in {elapsed:.2f} s ({1000 / elapsed:.0f} q/s), "
          f"slowest {max(w for _, w in results) * 1000:.0f} ms")
    assert total == 1000
    assert len(store) == before and triple_count(base) == before


# ------------------------------------------------------------------ helpers and CLI


def test_negotiate() -> None:
    offers = {"a/x": "X", "a/y": "Y", "b/z": "Z"}
    assert negotiate(None, offers, "a/x") == "a/x"
    assert negotiate("b/z", offers, "a/x") == "b/z"
    assert negotiate("a/y;q=0.2, b/z;q=0.9", offers, "a/x") == "b/z"
    assert negotiate("b/*", offers, "a/x") == "b/z"
    assert negotiate("c/c", offers, "a/x") == "a/x"
    assert negotiate("b/z;q=0, */*", offers, "a/x") == "a/x"


def test_screening() -> None:
    assert is_update("PREFIX a: <http://a/#> BASE <x> INSERT DATA {}")
    assert is_update("# SELECT\nclear all")
    assert not is_update("SELECT * { ?s ?p ?o } # INSERT")
    assert not is_update('SELECT * { ?s ?p "DELETE" }')
    assert uses_service("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")
    assert uses_service("SELECT * {?s ?p ?o.SERVICE?x{}}")
    assert uses_service("SELECT * { SERVIC\\u0045 <http://x/> {} }")  # \u escapes as the parser may read them
    assert uses_service("SELECT * { ?s ?p ex:a\\#b . SERVICE <http://x/> {} }")  # escaped '#' in a name
    assert uses_service('SELECT * { ?s ?p """a""" . SERVICE <http://x/> {} }')
    assert not uses_service('SELECT * { ?s ex:service ?service ; ex:p """SERVICE <x> {}""" } # SERVICE')
    assert not uses_service("SELECT * { ?s <http://schema.org/Service> ?o }")


def test_cli_help_lists_the_options() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--timeout", "--max-rows", "127.0.0.1"):
        assert option in result.output


def test_cli_refuses_a_missing_graph(tmp_path) -> None:
    result = CliRunner().invoke(main, ["serve", str(tmp_path / "nope.ttl"), "--port", "0"])
    assert result.exit_code == 2 and "no such file" in result.output
