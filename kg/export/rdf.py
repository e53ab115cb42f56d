"""Turtle (the merged default graph) and N-Quads (one named graph per article): linear in the number
of triples, whatever the number of namespaces.

A build's quads come as N-Quads text from :func:`kg.graph.graph_text`, in a canonical order (the
lines sorted as bytes, each once) whatever order the records were made in, so the same input
always gives byte-identical files, whether it was built in one process, in several, on a Dask
cluster or from an incremental store.  graph.nq is that text, written as it is; graph.ttl is the
union of the quads (the sorted triples, each once), streamed through Oxigraph's N-Triples parser
into its Turtle serializer (which groups each subject's triples), never held in memory whole.

Quads given as pyoxigraph objects (an Oxigraph store, :func:`kg.graph.build_quads`) are serialized
by Oxigraph as N-Quads lines, sorted and deduplicated as bytes (:func:`nquads_lines`) to the same
canonical order.  Their union is then taken from the sorted lines themselves (:func:`union_lines`):
a line is ``S P O G .``, so dropping its last term gives the triple, and lines sorted by ``S P O G``
stay sorted by ``S P O``, so equal triples are adjacent.  Every quad of this project is in a named
graph (an article's), which is what this relies on.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..graph import GraphText, graph_text
from ..model import Article, Event
from ..vocab import BASE, PREFIXES
from .atomic import atomic_write

TURTLE_PREFIXES = {**PREFIXES, "event": BASE + "event/", "actor": BASE + "actor/",
                   "place": BASE + "place/", "article": BASE + "article/"}
CHUNK_QUADS = 50_000  # quads turned into N-Quads bytes at a time (bounds the Python objects alive)
WRITE_LINES = 20_000


def _serialize_into(quads: list[ox.Quad], lines: list[bytes]) -> None:
    if not quads:
        return
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert data is not None
    chunk = data.split(b"\n")
    chunk.pop()  # after the last line feed
    lines.extend(chunk)


def _sorted_unique(lines: list[bytes]) -> list[bytes]:
    lines.sort()
    if not lines:
        return lines
    out = [lines[0]]
    last = lines[0]
    for line in lines:
        if line != last:
            out.append(line)
            last = line
    return out


def nquads_lines(quads: Iterable[ox.Quad]) -> list[bytes]:
    """The N-Quads lines (no line feed) of ``quads``: sorted as bytes, duplicates removed."""
    lines: list[bytes] = []
    buf: list[ox.Quad] = []
    for q in quads:
        buf.append(q)
        if len(buf) >= CHUNK_QUADS:
            _serialize_into(buf, lines)
            buf = []
    _serialize_into(buf, lines)
    return _sorted_unique(lines)


def graph_lines(articles: Iterable[Article], events: Sequence[Event]) -> list[bytes]:
    """The sorted N-Quads lines of a build (what :func:`kg.graph.build_quads` holds, as bytes);
    :func:`kg.graph.graph_text` gives them without making each line an object."""
    return graph_text(articles, events).lines()


def graph_of(line: bytes) -> bytes:
    """The graph term (``<iri>``) of an N-Quads line in a named graph."""
    return line[:-2].rsplit(b" ", 1)[1]


def union_lines(lines: Iterable[bytes]) -> Iterator[bytes]:
    """The union's N-Triples lines (no `` .``), in order, each once, from sorted N-Quads lines.

    A line is ``T G .`` with ``T = S P O``; if ``T1 > T2`` then ``L1 > L2``: where the two ``T``
    differ the lines differ the same way, and if ``T2`` is a prefix of ``T1`` the byte after it is
    a space in ``L2`` but, in ``L1``, one that continues a term (``-`` of a language tag, a digit of
    a blank node label...), which sorts after a space.  So equal triples are adjacent and the
    triples come out sorted, without another sort."""
    last = None
    for line in lines:
        triple = line[:-2].rsplit(b" ", 1)[0]
        if triple != last:
            yield triple
            last = triple


def triple_lines(lines: Sequence[bytes]) -> list[bytes]:
    """:func:`union_lines` as a list."""
    return list(union_lines(lines))


def ntriples_chunks(triples: Iterable[bytes], size: int = WRITE_LINES) -> Iterator[bytes]:
    buf: list[bytes] = []
    for triple in triples:
        buf.append(triple)
        if len(buf) >= size:
            yield b" .\n".join(buf) + b" .\n"
            buf = []
    if buf:
        yield b" .\n".join(buf) + b" .\n"


def nquads_chunks(lines: Sequence[bytes], size: int = WRITE_LINES) -> Iterator[bytes]:
    for i in range(0, len(lines), size):
        yield b"\n".join(lines[i:i + size]) + b"\n"


class _ChunkReader(io.RawIOBase):
    """A binary file reading the concatenation of byte chunks made on demand, so that Oxigraph
    parses a large document without it ever being in memory whole."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._buf = b""
        self._pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while self._pos >= len(self._buf):
            nxt = next(self._chunks, None)
            if nxt is None:
                return 0
            self._buf, self._pos = nxt, 0
        n = min(len(b), len(self._buf) - self._pos)
        b[:n] = self._buf[self._pos:self._pos + n]
        self._pos += n
        return n


def chunk_reader(chunks: Iterable[bytes]) -> io.BufferedReader:
    return io.BufferedReader(_ChunkReader(chunks), buffer_size=1 << 20)


def write_nquads_text(graph: GraphText, path: Path) -> int:
    """graph.nq from :func:`kg.graph.graph_text`; returns the number of quads."""
    with atomic_write(path, "wb") as fh:
        for chunk in graph.nquads(WRITE_LINES):
            fh.write(chunk)
    return len(graph)


def write_nquads_lines(lines: Sequence[bytes], path: Path) -> int:
    with atomic_write(path, "wb") as fh:
        for chunk in nquads_chunks(lines):
            fh.write(chunk)
    return len(lines)


def write_turtle_lines(lines: Sequence[bytes], path: Path) -> int:
    """Turtle of the union of the quads ``lines`` (sorted N-Quads lines); returns the triple count."""
    return write_turtle_triples(union_lines(lines), path)


def write_turtle_triples(triples: Iterable[bytes], path: Path) -> int:
    """Turtle of ``triples`` (sorted N-Triples lines without the final `` .``, each once, as
    :func:`union_lines` gives them); returns the triple count.  They are streamed to Oxigraph's
    parser and Turtle serializer (which groups each subject's triples): never in memory whole.
    The parser is lenient (no IRI validation): the lines were written by Oxigraph or by
    :mod:`kg.graph`, whose IRIs are valid by construction, and validating them again was a
    third of the time."""
    count = 0

    def counted() -> Iterator[bytes]:
        nonlocal count
        for triple in triples:
            count += 1
            yield triple

    with atomic_write(path, "wb") as fh:
        ox.serialize(ox.parse(chunk_reader(ntriples_chunks(counted())), format=ox.RdfFormat.N_TRIPLES, lenient=True),
                     fh, format=ox.RdfFormat.TURTLE, prefixes=dict(TURTLE_PREFIXES))
    return count


def union_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The distinct triples of ``quads`` in the export order."""
    data = b" .\n".join(triple_lines(nquads_lines(quads)))
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data + b" .\n", format=ox.RdfFormat.N_TRIPLES)] \
        if data else []


def write_turtle(quads: Iterable[ox.Quad], path: Path) -> int:
    return write_turtle_lines(nquads_lines(quads), path)


def write_nquads(quads: Iterable[ox.Quad], path: Path) -> int:
    return write_nquads_lines(nquads_lines(quads), path)
