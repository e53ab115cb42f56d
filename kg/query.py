"""SPARQL over an exported graph (Turtle, N-Quads, or an Oxigraph store folder) with pyoxigraph."""

from __future__ import annotations

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
        folder = store_folder(path)
        try:
            return ox.Store.read_only(str(folder))
        except OSError as exc:
            raise KGError(f"{path}: not an Oxigraph store nor a 'kg build --store' folder ({' '.join(str(exc).split())})"
                          ) from exc
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


def store_folder(path: Path) -> Path:
    """The Oxigraph store of a folder: the folder itself, or the ``oxigraph/`` inside a
    ``kg build --store`` folder."""
    inner = path / "oxigraph"
    if inner.is_dir() and (path / "index.json").exists():
        return inner
    return path


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


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{_XSD}{n}" for n in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
                                    "unsignedShort", "unsignedByte")}
_FLOATS = {f"{_XSD}{n}" for n in ("decimal", "double", "float")}
CELL_WIDTH = 60  # table format: longer cells are cut, and end with CUT_MARK
CUT_MARK = "\u2026"


def json_value(t: Any) -> Any:
    """A term as a typed JSON value: numbers (xsd integer types -> int, decimal/double/float -> float),
    booleans, None for an unbound variable, the lexical form (or IRI) as a string otherwise."""
    if t is None:
        return None
    if isinstance(t, ox.Literal):
        datatype = t.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(t.value)
            if datatype in _FLOATS:
                number = float(t.value)
                return number if number == number and abs(number) != float("inf") else t.value
        except ValueError:
            return t.value  # an ill-typed literal stays as written
        if datatype == f"{_XSD}boolean":
            return t.value in ("true", "1")
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return str(t.value)


def cut_cell(text: str, width: int = CELL_WIDTH) -> str:
    """``text`` on one line, at most ``width`` characters; a cut one ends with ``\u2026``."""
    text = " ".join(text.split()) if ("\n" in text or "\t" in text or "\r" in text) else text
    return text if len(text) <= width else text[: width - 1] + CUT_MARK


def format_results(results: Any, fmt: str) -> str:
    """The answer as ``kg query`` prints it, ending with one line feed (CSV: with CRLF line ends).

    ``csv`` and ``tsv`` are the SPARQL 1.1 Query Results CSV and TSV formats (written by
    pyoxigraph: CSV with plain values and CRLF line ends, TSV with ``?var`` headers and terms in
    Turtle syntax); ``json`` is a list of one object per row, with typed values
    (:func:`json_value`); ``table`` is for reading, each cell cut at :data:`CELL_WIDTH`
    characters with ``\u2026`` marking the cut."""
    if fmt not in FORMATS:
        raise KGError(f"unknown format '{fmt}' (use one of {', '.join(FORMATS)})")
    if isinstance(results, ox.QueryBoolean) or isinstance(results, bool):
        value = bool(results)
        if fmt in ("csv", "tsv"):
            if isinstance(results, ox.QueryBoolean):
                return (results.serialize(format=getattr(ox.QueryResultsFormat, fmt.upper())) or b"").decode()
            return f"{str(value).lower()}\n"
        return json.dumps({"boolean": value}) + "\n" if fmt == "json" else f"{str(value).lower()}\n"
    if not hasattr(results, "variables"):  # CONSTRUCT / DESCRIBE
        return ox.serialize(results, format=ox.RdfFormat.TURTLE).decode()  # type: ignore[union-attr]
    if fmt in ("csv", "tsv"):
        return results.serialize(format=getattr(ox.QueryResultsFormat, fmt.upper())).decode("utf-8")
    names = [v.value for v in results.variables]
    if fmt == "json":
        rows = [dict(zip(names, (json_value(sol[v]) for v in results.variables), strict=True)) for sol in results]
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    cells = [[cut_cell(_term(sol[v])) for v in results.variables] for sol in results]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]

    def line(row: list[str]) -> str:
        return " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip()
    out = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"
