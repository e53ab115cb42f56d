"""Incremental builds: a persistent Oxigraph store, and the records it was built from.

``kg build INPUT... --store DIR`` keeps, in ``DIR``::

    DIR/oxigraph/               the RDF store: one named graph per article, and in the default graph
                                their union (graph.ttl's triples, each once)
    DIR/articles/xx/<sha1>.json  per article: its metadata, a digest of its content, and its
                                 resolved mentions (what merging and graph building need; no text)
    DIR/index.json              article id -> content digest; named graph -> digest of its quads
    DIR/journal.jsonl           while a build runs: the articles extracted (and removed) since the
                                index was last written, one JSON line each (see below)

A build reads its inputs and extracts only the articles that are new or whose content (text,
title, url, date) changed; an article read again unchanged is not extracted at all.  Events are
then merged again over the mentions of *every* stored article (an added article may report an
event already in the store, and event IRIs and actor labels depend on all reports), the quads of
the whole graph are made again, and the store is updated graph by graph: only the named graphs
whose quads changed (by digest) are replaced, so building the same article twice changes nothing
and a changed article replaces its own graph (and those of the articles whose shared events it
changes).  The result is the graph a one-shot build of all the stored articles gives, quad for
quad, so exports written from the store (``kg build --store DIR --out OUT`` with no inputs) are
byte-identical to that build's.

Cost: a store build is linear in the size of the whole store (loading mentions, merging, making
quads), not just in the new articles; extraction, by far the slowest step, only runs on new ones.

The default graph holds the union so that queries can run on it as it is: Oxigraph's "union
default graph" option (``use_default_graph_as_union``) yields a triple once per named graph
holding it (measured with 0.5.13), and here event and actor triples are
repeated in every article graph reporting them, so joins multiply (the who-met-whom query took
141 s on a 37k-triple graph that way, 0.04 s on the union).  Query the store's default graph
without that option, e.g. ``oxigraph query --location DIR/oxigraph`` or ``kg query DIR/oxigraph``
(which sets it only for a store whose default graph is empty, see :func:`kg.query.reads_union`).

Interrupted builds lose no finished work.  A build appends each chunk of extracted articles
(their records: metadata, digest, mentions) to ``journal.jsonl`` as soon as the chunk is done, and
the articles removed (``--remove``) before it reads anything; the index is only written at the
end, and the journal is deleted after it.  Opening a store replays its journal (a line cut short
by a kill, and anything after it, is dropped): the articles it holds count as extracted, so the
next build extracts only the others, and then brings the Oxigraph store and the index up to date
(a journal left behind always makes the next build commit, even with nothing new).  Before the
Oxigraph store is changed, the index lists the named graphs about to be replaced as ``dirty``: a
build killed in the middle of those changes leaves them marked, and the next one removes and
writes them again whatever their digests say.  So after any kill the store is what the index and
the journal describe, and the next build completes it.  The store is locked while a build has it
open.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import KGError
from .export.atomic import atomic_write
from .export.rdf import chunk_reader, graph_of, nquads_chunks, ntriples_chunks, union_lines
from .interrupt import deferred
from .model import Article, Mention

FORMAT = 1
UNION = ""  # the index's key for the default graph, which holds the union (graph.ttl's triples)
LOAD_IN_TRANSACTION = 200_000  # fewer changed quads than this: one transaction; more: bulk load


# --- records <-> JSON ------------------------------------------------------------------------

def to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    return value


def _decode(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        return tuple(_decode(args[0], v) for v in value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_json(tp, value)
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def from_json(cls: type, data: dict[str, Any]) -> Any:
    """A record of dataclass ``cls`` from :func:`to_json`'s output (nested records, tuples, None)."""
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: _decode(hints[k], v) for k, v in data.items() if k in names})


def article_digest(article: Article) -> str:
    """What decides whether an article changed: its id, text and metadata."""
    basis = json.dumps([article.id, article.text, article.url, article.title, article.published,
                        article.published_source], ensure_ascii=False)
    return hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()


def _file_name(article_id: str) -> str:
    h = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{h[:2]}/{h}.json"


# --- the store -------------------------------------------------------------------------------

@dataclasses.dataclass
class StoreUpdate:
    graphs_written: int = 0
    graphs_removed: int = 0
    quads: int = 0


class ArticleStore:
    """An open ``--store`` folder (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        try:
            (self.root / "articles").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KGError(f"cannot create store folder {self.root}: {exc.strerror}") from exc
        index = self._read_index()
        self.articles: dict[str, str] = index.get("articles", {})  # id -> content digest
        self.graphs: dict[str, str] = index.get("graphs", {})  # graph term -> digest of its quads
        self.dirty: set[str] = set(index.get("dirty", ()))  # graphs a killed commit may have half-changed
        self.new: dict[str, tuple[Article, str, tuple[Mention, ...]]] = {}
        self.removed: set[str] = set()  # ids in the index that this build (or its journal) removes
        self._unjournaled: list[str] = []  # ids put since the last checkpoint
        self.journaled = 0  # articles the journal holds (kept if the build is interrupted)
        try:
            self.rdf = ox.Store(str(self.root / "oxigraph"))
        except OSError as exc:
            raise KGError(f"cannot open the Oxigraph store in {self.root} ({exc}); is another build using it?") from exc
        self._replay()  # after the lock is taken: no other build is writing the journal
        self._sweep()

    def _sweep(self) -> None:
        """Delete the hidden temporary files a killed build left (the store is locked: none is being
        written now)."""
        for pattern in (".index.json.*.tmp", "articles/*/.*.tmp"):
            for stray in self.root.glob(pattern):
                stray.unlink(missing_ok=True)

    def _read_index(self) -> dict[str, Any]:
        path = self.root / "index.json"
        if not path.exists():
            return {}
        try:
            index = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KGError(f"{path}: unreadable store index ({exc})") from exc
        if index.get("format") != FORMAT:
            raise KGError(f"{path}: store format {index.get('format')} is not {FORMAT}; rebuild into a new folder")
        return index

    # --- the journal: finished work a kill must not lose --------------------------------------

    @property
    def journal(self) -> Path:
        return self.root / "journal.jsonl"

    def _replay(self) -> None:
        """Apply the journal a killed or interrupted build left (its complete lines, in order), and
        cut off a last line a kill left half-written, so that appends follow whole lines."""
        try:
            data = self.journal.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise KGError(f"{self.journal}: unreadable store journal ({exc.strerror})") from exc
        good = 0
        for line in data.splitlines(keepends=True):
            if not line.endswith(b"\n"):
                break
            try:
                entry = json.loads(line)
                if "removed" in entry:
                    self._remove(str(entry["removed"]))
                else:
                    art = from_json(Article, entry["article"])
                    mentions = tuple(from_json(Mention, m) for m in entry["mentions"])
                    self.new[art.id] = (art, str(entry["digest"]), mentions)
                    self.removed.discard(art.id)
                    self.journaled += 1
            except (ValueError, KeyError, TypeError):
                break
            good += len(line)
        if good < len(data):
            with open(self.journal, "r+b") as fh:
                fh.truncate(good)

    def _append(self, entries: Iterable[dict[str, Any]]) -> None:
        lines = b"".join(json.dumps(e, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n" for e in entries)
        if not lines:
            return
        with deferred(), open(self.journal, "ab") as fh:
            fh.write(lines)
            fh.flush()
            os.fsync(fh.fileno())

    def checkpoint(self) -> int:
        """Journal the articles put since the last checkpoint: a kill from now on does not lose them.
        Returns how many were journaled."""
        ids = [i for i in self._unjournaled if i in self.new]
        with deferred():  # the lines and the count together
            self._append({"article": to_json(self.new[i][0]), "digest": self.new[i][1],
                          "mentions": to_json(self.new[i][2])} for i in ids)
            self._unjournaled = []
            self.journaled += len(ids)
        return len(ids)

    @property
    def pending(self) -> bool:
        """Whether the index lags behind (articles put or removed, or a commit cut short)."""
        return bool(self.new or self.removed or self.dirty)

    # --- articles -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len((self.articles.keys() - self.removed) | self.new.keys())

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.new or (article_id in self.articles and article_id not in self.removed)

    def unchanged(self, article: Article, digest: str) -> bool:
        if article.id in self.new:
            return self.new[article.id][1] == digest
        return self.articles.get(article.id) == digest and article.id not in self.removed

    def put(self, article: Article, digest: str, mentions: Sequence[Mention]) -> None:
        """A new or changed article (``article`` without its text): journaled at the next
        :meth:`checkpoint`, recorded at :meth:`commit`."""
        self.new[article.id] = (article, digest, tuple(mentions))
        self.removed.discard(article.id)
        self._unjournaled.append(article.id)

    def remove(self, ids: Iterable[str]) -> list[str]:
        """Retract articles (journaled at once; the graph and the index follow at :meth:`commit`).
        Raises :class:`KGError`, changing nothing, if one of them is not in the store."""
        ids = list(dict.fromkeys(ids))
        missing = [i for i in ids if i not in self]
        if missing:
            raise KGError(f"no article {', '.join(repr(i) for i in missing)} in the store {self.root} "
                          "(kg store list shows its ids)")
        self._append({"removed": i} for i in ids)
        for i in ids:
            self._remove(i)
        return ids

    def _remove(self, article_id: str) -> None:
        self.new.pop(article_id, None)
        if article_id in self.articles:
            self.removed.add(article_id)

    def ids(self) -> list[str]:
        """The ids of the articles in the store (after this build's changes), sorted."""
        return sorted((self.articles.keys() - self.removed) | self.new.keys())

    def records(self) -> Iterator[tuple[Article, tuple[Mention, ...]]]:
        """Every article of the store after this build, sorted by id, with its mentions."""
        for article_id in self.ids():
            if article_id in self.new:
                art, _, mentions = self.new[article_id]
                yield art, mentions
            else:
                yield self._load(article_id)

    def _load(self, article_id: str) -> tuple[Article, tuple[Mention, ...]]:
        path = self.root / "articles" / _file_name(article_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KGError(f"{path}: unreadable stored article '{article_id}' ({exc})") from exc
        return from_json(Article, data["article"]), tuple(from_json(Mention, m) for m in data["mentions"])

    def commit(self, lines: Sequence[bytes], triples: Sequence[bytes] | None = None) -> StoreUpdate:
        """Write the new articles' records, then make the Oxigraph store hold exactly ``lines`` (the
        sorted N-Quads lines of the whole graph; ``triples``: their union, when known), replacing
        only the named graphs that changed; then the index, and the journal is deleted."""
        self.checkpoint()
        for article_id, (art, digest, mentions) in sorted(self.new.items()):
            path = self.root / "articles" / _file_name(article_id)
            path.parent.mkdir(exist_ok=True)
            with atomic_write(path, "w") as fh:
                json.dump({"article": to_json(art), "digest": digest, "mentions": to_json(mentions)}, fh,
                          ensure_ascii=False)
        groups: dict[bytes, list[bytes]] = {}
        for line in lines:
            groups.setdefault(graph_of(line), []).append(line)
        digests = {g.decode("utf-8"): hashlib.sha1(b"\n".join(ls)).hexdigest() for g, ls in groups.items()}
        union = hashlib.sha1()
        for triple in union_lines(lines) if triples is None else triples:
            union.update(triple + b"\n")
        digests[UNION] = union.hexdigest()
        try:
            old = self._graphs_in_store()
            for g in self.dirty:  # half-changed by a killed commit: written again, whatever the digests say
                old[g] = ""
            changed = sorted(g for g, d in digests.items() if old.get(g) != d and g != UNION)
            removed = sorted(g for g in old if g not in digests and g != UNION)
            union_changed = old.get(UNION) != digests[UNION]
            update = StoreUpdate(graphs_written=len(changed), graphs_removed=len(removed))
            touched = changed + removed + ([UNION] if union_changed else [])
            if touched:  # marked before they are touched: a kill from here leaves them to the next build
                self.dirty.update(touched)
                self._write_index(old)
            for g in changed + removed:
                if g in old:
                    self.rdf.remove_graph(ox.NamedNode(g[1:-1]))
            if union_changed:
                self.rdf.clear_graph(ox.DefaultGraph())
                union_triples = union_lines(lines) if triples is None else triples
                self.rdf.bulk_load(chunk_reader(ntriples_chunks(union_triples)), format=ox.RdfFormat.N_TRIPLES)
            data = [line for g in changed for line in groups[g.encode("utf-8")]]
            update.quads = len(data)
            if len(data) < LOAD_IN_TRANSACTION:
                if data:
                    self.rdf.load(b"\n".join(data) + b"\n", format=ox.RdfFormat.N_QUADS)
            else:
                self.rdf.bulk_load(chunk_reader(nquads_chunks(data)), format=ox.RdfFormat.N_QUADS)
            del data
            self.rdf.flush()
        except OSError as exc:
            raise KGError(f"cannot update the Oxigraph store in {self.root} ({exc})") from exc
        for article_id in self.removed:
            del self.articles[article_id]
        self.articles.update({k: d for k, (_, d, _) in self.new.items()})
        gone = sorted(self.removed)
        self.graphs = digests
        self.dirty.clear()
        with deferred():  # the index, then the journal it now includes
            self._write_index(self.graphs)
            self.journal.unlink(missing_ok=True)
        for article_id in gone:  # records of retracted articles: nothing reads them any more
            (self.root / "articles" / _file_name(article_id)).unlink(missing_ok=True)
        self.new.clear()
        self.removed.clear()
        return update

    def _write_index(self, graphs: dict[str, str]) -> None:
        index: dict[str, Any] = {"format": FORMAT, "articles": dict(sorted(self.articles.items())),
                                 "graphs": dict(sorted(graphs.items()))}
        if self.dirty:
            index["dirty"] = sorted(self.dirty)
        with atomic_write(self.root / "index.json", "w") as fh:
            json.dump(index, fh, ensure_ascii=False, indent=0)

    def _graphs_in_store(self) -> dict[str, str]:
        """The index's graph digests, when they describe the Oxigraph store.  If the store was
        deleted (empty, but the index lists graphs), or the index was (a store with graphs, but
        none listed), the store is emptied and every graph is written again."""
        has_graphs = next(iter(self.rdf.named_graphs()), None) is not None
        if self.graphs and has_graphs:
            return dict(self.graphs)
        if has_graphs:
            self.rdf.clear()
        return {}

    def close(self) -> None:
        self.rdf.flush()
        del self.rdf

    def __enter__(self) -> ArticleStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(root: Path | str | os.PathLike[str]) -> ArticleStore:
    return ArticleStore(Path(root))


def stored_lines(store: ox.Store) -> list[bytes]:
    """The sorted N-Quads lines of an Oxigraph store (to check it against a build's)."""
    from .export.rdf import nquads_lines

    return nquads_lines(store)


def all_mentions(records: Iterable[tuple[Article, tuple[Mention, ...]]]) -> tuple[list[Article], list[Mention]]:
    arts: list[Article] = []
    mentions: list[Mention] = []
    for art, ms in records:
        arts.append(art)
        mentions.extend(ms)
    return arts, mentions
