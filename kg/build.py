"""The build: inputs -> articles -> mentions -> events -> quads -> exports (the library API).

Articles are streamed: read as extraction asks for them, a chunk at a time (:mod:`kg.parallel`:
here, in worker processes, or on a Dask cluster), and dropped after extraction.  What the build
keeps of an article is its metadata (id, url, title, date; no text) and its resolved mentions:
what merging across articles and graph building need.  Every engine and ``--store`` give the same
graph, byte for byte (exports are written in a canonical order, see :mod:`kg.export.rdf`).

What a user had is never lost: a build whose inputs yield no article writes nothing (the exports
and the store stay as they were, ``BuildResult.nothing_read``); the four exports are replaced
together at the end (:func:`kg.export.atomic.atomic_group`), so a failed or interrupted build
leaves them as they were; a ``--store`` build journals each chunk it extracted
(:meth:`kg.store.ArticleStore.checkpoint`), so an interrupted one is resumed where it stopped.
"""

from __future__ import annotations

import gc
import os
import stat
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KGError
from .ingest import Skipped, read_inputs
from .interrupt import Interrupted
from .language import language_warning
from .model import Article, Event, Mention
from .parallel import BATCH_ARTICLES, DASK_TIMEOUT, Outcome, chunked, default_workers, process_chunk, run_chunks

if TYPE_CHECKING:
    from .graph import GraphText

__all__ = ["EXPORTS", "BuildResult", "build", "default_workers", "estimate_articles", "extract_mentions",
           "write_exports"]

EXPORTS = ("graph.ttl", "graph.nq", "graph.graphml", "graph.gexf", "graph.events.csv", "graph.geojson",
           "graph.skipped.csv")
OPTIONAL_EXPORTS = ("graph.events.parquet",)  # when pyarrow is installed (the "parquet" extra)


@dataclass
class BuildResult:
    articles: int = 0  # articles extracted by this build
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)  # articles read, with a warning (not English)
    events: list[Event] = field(default_factory=list)
    words: int = 0
    triples: int = 0
    quads: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    unchanged: int = 0  # --store: articles read again with the same content (not extracted again)
    stored: int = 0  # --store: articles in the store after the build
    graphs_written: int = 0  # --store: named graphs (articles) written or replaced
    removed: int = 0  # --store: articles retracted by this build
    journaled: int = 0  # --store: articles in the store's journal (kept even if the build is interrupted)
    nothing_read: bool = False  # no article from the inputs (or none in the store): nothing was written
    engine: str = "1 process"
    started: float = field(default_factory=time.perf_counter, repr=False)

    @property
    def by_status(self) -> Counter[str]:
        return Counter(e.status for e in self.events)

    @property
    def actors(self) -> int:
        return len({a.key for e in self.events for a in e.actors})

    @property
    def places(self) -> int:
        return len({e.place.key for e in self.events if e.place})

    @property
    def skipped_count(self) -> int:
        return len(self.skipped) + len(self.failed)

    def rates(self) -> tuple[float, float]:
        """Articles per second and words per second so far (extracted articles only)."""
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        return self.articles / elapsed, self.words / elapsed

    def summary(self) -> str:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(self.by_status.items())) or "none"
        lines = [
            f"articles read: {self.articles}; skipped: {self.skipped_count}",
            f"events: {len(self.events)} ({statuses})",
            f"actors: {self.actors}; places: {self.places}; triples: {self.triples}",
            f"time: {self.seconds:.1f} s ({self.words / max(self.seconds, 1e-9):.0f} words/s, {self.engine})"
            if self.articles else f"time: {self.seconds:.1f} s",
        ]
        if self.stored or self.removed:
            lines.insert(-1, f"store: {self.stored} articles ({self.unchanged} read again unchanged"
                             + (f", {self.removed} removed" if self.removed else "")
                             + f"); named graphs written: {self.graphs_written}")
        reasons = Counter(s.reason.split(" (")[0] for s in self.skipped + self.failed)
        if reasons:
            lines.insert(1, "skipped: " + "; ".join(f"{n} x {r}" for r, n in reasons.most_common()))
        if self.warnings:
            lines.insert(1, f"not English (read, nothing extracted): {len(self.warnings)}")
        return "\n".join(lines)


def extract_mentions(articles: Iterable[Article], nlp: Any, result: BuildResult,
                     on_skip: Callable[[Skipped], None], progress: Callable[[Article], None],
                     batch: int = BATCH_ARTICLES) -> tuple[list[Article], list[Mention]]:
    """Extract and resolve in one process (kept for library callers; :func:`build` streams through
    :func:`kg.parallel.run_chunks`).  Returns the kept articles (without text) and their mentions."""
    kept: list[Article] = []
    mentions: list[Mention] = []
    for chunk in chunked(articles, batch):
        for outcome in process_chunk(chunk, nlp):
            if _record(outcome, result, on_skip):
                kept.append(outcome.article)
                mentions.extend(outcome.mentions)
                progress(outcome.article)
    return kept, mentions


def _record(outcome: Outcome, result: BuildResult, on_skip: Callable[[Skipped], None]) -> bool:
    if outcome.error is not None:
        skip = Skipped(outcome.article.source, outcome.error)
        result.failed.append(skip)
        on_skip(skip)
        return False
    result.articles += 1
    result.words += outcome.words
    return True


def estimate_articles(inputs: Sequence[str | Path]) -> int:
    """About how many articles ``inputs`` hold (a file each; a line each in JSONL files), for the
    progress bar's ETA: one quick pass over the file names and the JSONL bytes."""
    from .ingest import SUFFIXES, iter_paths

    total = 0
    for path in iter_paths(inputs):
        if isinstance(path, Skipped):
            continue
        kind = SUFFIXES.get(path.suffix.lower())
        if kind != "jsonl":
            total += kind is not None
            continue
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                continue
            with open(path, "rb") as fh:
                last = b"\n"
                for block in iter(lambda: fh.read(1 << 20), b""):
                    total += block.count(b"\n")
                    last = block[-1:]
                total += last != b"\n"
        except OSError:
            continue
    return total


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Merging, graph making and exports make millions of small objects, few of them garbage and
    none in reference cycles: the records made so far are frozen out of the cyclic collector's
    scans, and the collector is paused meanwhile (at 1M triples, freezing saved a fifth of the
    export time, pausing about a tenth more); reference counting still frees what is dropped."""
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()


def write_exports(out: Path, graph: GraphText | list[bytes], events: Sequence[Event], *,
                  articles: Iterable[Article] = (), skipped: Sequence[tuple[str, Skipped]] = ()) -> tuple[int, list[Path]]:
    """graph.nq and graph.ttl from the graph's text (:func:`kg.graph.graph_text`, or its sorted
    N-Quads lines), graph.graphml and graph.gexf from the events (one actor network, written twice),
    the events table (graph.events.csv, and .parquet with pyarrow; ``articles``: metadata for the
    URLs), the map (graph.geojson) and graph.skipped.csv (``skipped``: (outcome, input) pairs);
    returns the number of triples and the files written.  ``graph`` is emptied once the RDF files
    are written (the largest thing a build holds; the other exports do not need it)."""
    from .export.atomic import atomic_group
    from .export.events import event_rows, parquet_available, write_events_csv, write_events_parquet
    from .export.geojson import write_geojson
    from .export.gexf import write_gexf
    from .export.graphml import build_actor_network, write_graphml
    from .export.rdf import write_nquads_lines, write_nquads_text, write_turtle_lines, write_turtle_triples
    from .graph import GraphText

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KGError(f"cannot create output folder {out}: {exc.strerror}") from exc
    with atomic_group(f"the exports in {out} were all replaced"):  # every file together, or none
        if isinstance(graph, GraphText):
            write_nquads_text(graph, out / "graph.nq")
            triples = write_turtle_triples(graph.triples, out / "graph.ttl")
        else:
            write_nquads_lines(graph, out / "graph.nq")
            triples = write_turtle_lines(graph, out / "graph.ttl")
        graph.clear()
        # Gephi drops zero-weight edges with a warning: its files carry the pairs with a held contact
        network = build_actor_network(events, include_unheld=False)
        write_graphml(events, out / "graph.graphml", include_unheld=False, network=network)
        write_gexf(events, out / "graph.gexf", include_unheld=False, network=network)
        del network
        rows = event_rows(events, articles)
        write_events_csv(rows, out / "graph.events.csv")
        outputs = [out / name for name in EXPORTS]
        if parquet_available():
            write_events_parquet(rows, out / "graph.events.parquet")
            outputs.append(out / "graph.events.parquet")
        del rows
        write_geojson(events, out / "graph.geojson")
        write_skipped(skipped, out / "graph.skipped.csv")
    return triples, outputs


def write_skipped(skipped: Sequence[tuple[str, Skipped]], path: Path) -> None:
    """graph.skipped.csv: one row per input skipped (``skipped``), failed in extraction (``failed``)
    or read with a warning (``warning``), with the reason; in the order they were met."""
    import csv
    import io

    from .export.atomic import atomic_write

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(("input", "outcome", "reason"))
    writer.writerows((item.source, outcome, item.reason) for outcome, item in skipped)
    with atomic_write(path, "wb") as fh:
        fh.write(buf.getvalue().encode("utf-8"))


def build(inputs: Sequence[str | Path], out: str | Path | None, *, nlp: Any = None,
          on_skip: Callable[[Skipped], None] | None = None,
          progress: Callable[[BuildResult], None] | None = None,
          workers: int = 1, store: Path | None = None, dask: Any = None,
          batch: int = BATCH_ARTICLES, on_warning: Callable[[Skipped], None] | None = None,
          decider: Any = None, remove: Sequence[str] = (),
          dask_timeout: float = DASK_TIMEOUT) -> BuildResult:
    """Build the graph from ``inputs`` and write the exports into ``out`` (when given).

    ``workers``: extraction processes (1: this one).  ``dask``: a Dask scheduler address (or a
    ``distributed.Client``) to extract on instead, reached within ``dask_timeout`` seconds.
    ``store``: a folder kept from build to build (:mod:`kg.store`): only new or changed articles
    are extracted, the graph covers every article stored, and ``inputs`` may be empty (exports of
    the store as it is); ``remove``: ids of stored articles to retract first.  ``progress`` is
    called with the live result after each article read, skipped or found unchanged.  ``on_warning``
    is called for each article that does not look English (:mod:`kg.language`; default: a line on
    stderr).  ``decider``: which candidates are events and with which status (:mod:`kg.decide`;
    default the shipped model).

    If the inputs yield no article (or, with a store and no inputs, the store holds none), nothing
    is written: ``out`` keeps its exports, and the result says ``nothing_read``.  If the build is
    interrupted (:class:`kg.interrupt.Interrupted`), the exception carries the partial result.
    """
    result = BuildResult()
    out = Path(out) if out is not None else None  # a str works too
    try:
        return _build(result, inputs, out, nlp=nlp, on_skip=on_skip, progress=progress, workers=workers,
                      store=store, dask=dask, batch=batch, remove=remove, dask_timeout=dask_timeout,
                      on_warning=on_warning, decider=decider)
    except Interrupted as exc:
        exc.result = result
        raise


def _build(result: BuildResult, inputs: Sequence[str | Path], out: Path | None, *, nlp: Any,
           on_skip: Callable[[Skipped], None] | None, progress: Callable[[BuildResult], None] | None,
           workers: int, store: Path | None, dask: Any, batch: int, remove: Sequence[str],
           dask_timeout: float, on_warning: Callable[[Skipped], None] | None, decider: Any) -> BuildResult:
    from .graph import graph_text
    from .resolve.merge import merge_events
    from .store import all_mentions, article_digest, open_store

    report = on_skip or (lambda s: print(str(s), file=sys.stderr))
    warn = on_warning or (lambda s: print(f"kg: warning: {s.source}: {s.reason}", file=sys.stderr))
    outcomes_seen: list[tuple[str, Skipped]] = []
    tick = progress or (lambda r: None)
    if dask is not None:
        result.engine = f"Dask {dask}" if isinstance(dask, str) else "Dask"
    elif workers > 1:
        result.engine = f"{workers} worker processes"
    state = open_store(store) if store is not None else None
    try:
        if remove:
            if state is None:
                raise KGError("removing articles needs a store (--store DIR)")
            result.removed = len(state.remove(remove))
        digests: dict[str, str] = {}

        def articles() -> Iterator[Article]:
            for item in read_inputs(inputs):
                if isinstance(item, Skipped):
                    result.skipped.append(item)
                    outcomes_seen.append(("skipped", item))
                    report(item)
                    tick(result)
                    continue
                if state is not None:
                    digest = article_digest(item)
                    if state.unchanged(item, digest):
                        result.unchanged += 1
                        tick(result)
                        continue
                    digests[item.id] = digest
                note = language_warning(item.text)
                if note is not None:
                    warning = Skipped(item.source, note)
                    result.warnings.append(warning)
                    outcomes_seen.append(("warning", warning))
                    warn(warning)
                yield item

        metas: list[Article] = []
        mentions: list[Mention] = []
        chunks = run_chunks(chunked(articles(), batch), workers=workers, dask=dask, nlp=nlp, dask_timeout=dask_timeout)
        with closing(chunks):  # however the loop ends, the workers are ended with it
            for outcomes in chunks:
                for outcome in outcomes:
                    if _record(outcome, result, report):
                        if state is not None:
                            state.put(outcome.article, digests.pop(outcome.article.id), outcome.mentions)
                        else:
                            metas.append(outcome.article)
                            mentions.extend(outcome.mentions)
                    tick(result)
                if state is not None:
                    state.checkpoint()  # this chunk survives an interruption
        if dask is None and result.articles + len(result.failed) <= batch:
            result.engine = "1 process"  # one chunk: no pool was started (kg.parallel.run_chunks)
        if state is not None:
            result.stored = len(state)
            if inputs and not result.removed:
                result.nothing_read = result.articles + result.unchanged == 0
            else:  # the exports of the store (after the removals)
                result.nothing_read = result.stored == 0
            if result.nothing_read and not state.removed and not state.dirty:
                return _done(result)  # the store and the exports as they were (a journal stays journaled)
            metas, mentions = all_mentions(state.records())
        elif result.articles == 0:
            result.nothing_read = True
            return _done(result)  # the exports as they were
        from .decide import apply, load_decider

        mentions = apply(decider or load_decider(), metas, mentions)
        with cyclic_gc_paused():
            result.events = merge_events(mentions, metas)
            del mentions
            if out is None and state is not None and not state.pending and state.graphs:
                pass  # nothing new, nothing to write: the store is left as it is
            else:
                text = graph_text(metas, result.events)
                result.quads = len(text)
                if state is not None:
                    result.graphs_written = state.commit(text.lines(), text.triples).graphs_written
                if out is not None and not result.nothing_read:
                    outcomes_seen += [("failed", f) for f in result.failed]
                    result.triples, result.outputs = write_exports(out, text, result.events, articles=metas,
                                                                   skipped=outcomes_seen)
                del text
    finally:
        if state is not None:
            result.journaled = state.journaled
            state.close()
    return _done(result)


def _done(result: BuildResult) -> BuildResult:
    result.seconds = time.perf_counter() - result.started
    return result
