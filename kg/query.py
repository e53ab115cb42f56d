"""SPARQL over an exported graph (Turtle, N-Quads, or an Oxigraph store folder) with pyoxigraph."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from .errors import KGError
from .export.rdf import chunk_reader
from .vocab import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")
_SUFFIX = {".ttl": ox.RdfFormat.TURTLE, ".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES,
           ".trig": ox.RdfFormat.TRIG}


def load_store(path: Path, *, named_graphs: bool = True) -> ox.Store:
    """An Oxigraph store of the graph file (in memory) or store folder (read-only) at ``path``,
    whose default graph is what queries read (:func:`run_query`).

    From an N-Quads (or TriG) file the union of its graphs goes into the default graph, each
    triple once; its named graphs are kept too when ``named_graphs`` (for ``GRAPH ?g { ... }``
    patterns and ``FROM`` clauses, see :func:`needs_named_graphs`).  Oxigraph's own
    union-default-graph option is not used: pyoxigraph 0.5 yields a triple there once per named
    graph holding it, and in this project's graphs event and actor
    triples are repeated in every article graph reporting them, so answers that are not DISTINCT
    were counted several times and joins multiplied.  Without the named graphs, queries of the
    default graph run as fast as on graph.ttl: Oxigraph's in-memory store looks a term's triples
    up among all its quads, and an actor's are repeated in hundreds of article graphs (the
    who-met-whom query on a 1M-triple graph.nq: 3.6 s without them, 65 s with them)."""
    if path.is_dir():
        try:
            return ox.Store.read_only(str(path))
        except OSError as exc:
            raise KGError(f"{path}: not an Oxigraph store ({exc})") from exc
    fmt = _SUFFIX.get(path.suffix.lower())
    if fmt is None:
        raise KGError(f"{path}: unknown graph format '{path.suffix}' (use one of {', '.join(_SUFFIX)})")
    if not path.exists():
        raise KGError(f"{path}: no such file (build it first with 'kg build ... --out DIR')")
    store = ox.Store()
    try:
        with path.open("rb") as fh:
            if fmt.supports_datasets and not named_graphs:
                store.bulk_load(union_reader(fh, fmt), format=ox.RdfFormat.N_TRIPLES)
            else:
                store.bulk_load(fh, format=fmt)
    except SyntaxError as exc:
        raise KGError(f"{path}: not valid {fmt}: {exc}") from exc
    if fmt.supports_datasets and named_graphs:
        union_into_default_graph(store)
    return store


def union_reader(data: IO[bytes], fmt: ox.RdfFormat, chunk: int = 100_000) -> IO[bytes]:
    """The triples of every quad of ``data`` (a dataset in ``fmt``) as N-Triples, read as they are
    parsed (an Oxigraph store keeps each once)."""
    triples = (q.triple for q in ox.parse(data, format=fmt))

    def chunks() -> Iterator[bytes]:
        while piece := ox.serialize(islice(triples, chunk), format=ox.RdfFormat.N_TRIPLES):
            yield piece

    return chunk_reader(chunks())


def union_into_default_graph(store: ox.Store) -> None:
    """Add every triple of the store's named graphs to its default graph (a set: each once)."""
    store.update("INSERT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")


def reads_union(store: ox.Store) -> bool:
    """Whether queries must read the union of the named graphs as their default graph: only when
    the default graph is empty (a store folder made elsewhere, with named graphs only).  Files
    loaded by :func:`load_store` and ``kg build --store`` folders hold the union in their default
    graph already."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None


# A query reads named graphs only through a GRAPH pattern or a FROM (NAMED) clause: without either
# keyword (outside IRIs, strings and comments), it is answered from the default graph alone.
_NOT_KEYWORDS = re.compile(r"""<[^<>"{}|^`\\\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*""")
_NAMED_GRAPH_KEYWORDS = re.compile(r"(?<![\w?$:-])(?:graph|from)(?![\w:-])", re.IGNORECASE)


def needs_named_graphs(query: str) -> bool:
    """Whether ``query`` may read named graphs (erring on yes: a query using \\u escapes may spell the
    keywords with them)."""
    return "\\u" in query.lower() or _NAMED_GRAPH_KEYWORDS.search(_NOT_KEYWORDS.sub(" ", query)) is not None


def with_prefixes(query: str) -> str:
    """Declare the project's usual prefixes unless the query declares them itself."""
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()
                   if f"prefix {p}:" not in query.lower())
    return head + query


def syntax_message(exc: Exception, added_lines: int) -> str:
    """The parser's message, one line, its position counted in the user's own query text."""
    msg = " ".join(str(exc).split())

    def shift(m: re.Match[str]) -> str:
        return f"error at line {max(1, int(m[1]) - added_lines)}, column {m[2]}"

    msg = re.sub(r"error at (\d+):(\d+)", shift, msg, count=1)
    msg = re.sub(r"(expected one of .{0,120}?),? \[.*$", r"\1 ...", msg)
    return msg[:300]


def run_query(store: ox.Store, query: str) -> Any:
    full = with_prefixes(query)
    added = full.count("\n") - query.count("\n")
    try:
        return store.query(full, use_default_graph_as_union=reads_union(store))
    except SyntaxError as exc:
        raise KGError(f"malformed SPARQL query: {syntax_message(exc, added)}") from exc
    except OSError as exc:
        raise KGError(f"query failed: {exc}") from exc


def _term(t: Any) -> str:
    if t is None:
        return ""
    return str(t.value)


def format_results(results: Any, fmt: str) -> str:
    if fmt not in FORMATS:
        raise KGError(f"unknown format '{fmt}' (use one of {', '.join(FORMATS)})")
    if isinstance(results, bool):
        return json.dumps({"boolean": results}) if fmt == "json" else str(results).lower()
    if not hasattr(results, "variables"):  # CONSTRUCT / DESCRIBE
        return ox.serialize(results, format=ox.RdfFormat.TURTLE).decode()  # type: ignore[union-attr]
    names = [v.value for v in results.variables]
    rows = [[_term(sol[v]) for v in results.variables] for sol in results]
    if fmt == "json":
        return json.dumps([dict(zip(names, r, strict=False)) for r in rows], ensure_ascii=False, indent=1)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return buf.getvalue()
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]
    def line(cells: list[str]) -> str:
        return " | ".join(c[:w].ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()
    out = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
