"""SPARQL over an exported graph (Turtle, N-Quads, or an Oxigraph store folder) with pyoxigraph."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import KGError
from .vocab import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")
_SUFFIX = {".ttl": ox.RdfFormat.TURTLE, ".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES,
           ".trig": ox.RdfFormat.TRIG}


def load_store(path: Path) -> ox.Store:
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
            store.bulk_load(fh, format=fmt)
    except SyntaxError as exc:
        raise KGError(f"{path}: not valid {fmt}: {exc}") from exc
    return store


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
        return store.query(full, use_default_graph_as_union=True)
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
