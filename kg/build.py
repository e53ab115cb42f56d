"""The build: inputs -> articles -> mentions -> events -> quads -> exports (the library API)."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import KGError
from .graph import build_quads
from .ingest import Skipped, read_inputs
from .model import Article, Event, Mention

EXPORTS = ("graph.ttl", "graph.nq", "graph.graphml", "graph.gexf")


@dataclass
class BuildResult:
    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Skipped] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    words: int = 0
    triples: int = 0
    quads: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)

    @property
    def by_status(self) -> Counter[str]:
        return Counter(e.status for e in self.events)

    @property
    def actors(self) -> int:
        return len({a.key for e in self.events for a in e.actors})

    @property
    def places(self) -> int:
        return len({e.place.key for e in self.events if e.place})

    def summary(self) -> str:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(self.by_status.items())) or "none"
        lines = [
            f"articles read: {self.articles}; skipped: {len(self.skipped) + len(self.failed)}",
            f"events: {len(self.events)} ({statuses})",
            f"actors: {self.actors}; places: {self.places}; triples: {self.triples}",
            f"time: {self.seconds:.1f} s ({self.words / max(self.seconds, 1e-9):.0f} words/s)",
        ]
        reasons = Counter(s.reason.split(" (")[0] for s in self.skipped + self.failed)
        if reasons:
            lines.insert(1, "skipped: " + "; ".join(f"{n} x {r}" for r, n in reasons.most_common()))
        return "\n".join(lines)


def extract_mentions(articles: Iterable[Article], nlp: Any, result: BuildResult,
                     on_skip: Callable[[Skipped], None], progress: Callable[[Article], None],
                     batch: int = 64) -> tuple[list[Article], list[Mention]]:
    """Extract and resolve in batches of articles; a batch that fails is redone one article at a
    time, so one bad article is skipped with its reason and never stops the build."""
    from .extract import extract_batch
    from .model import ArticleExtraction
    from .resolve.merge import resolve_article

    kept: list[Article] = []
    mentions: list[Mention] = []

    def one(art: Article, extraction: ArticleExtraction | None) -> None:
        try:
            extraction = extraction or extract_batch([art], nlp)[0]
            mentions.extend(resolve_article(art, extraction))
        except Exception as exc:  # noqa: BLE001 - one bad article never stops a build
            skip = Skipped(art.source, f"extraction failed ({type(exc).__name__}: {exc})")
            result.failed.append(skip)
            on_skip(skip)
            return
        kept.append(art)
        result.articles += 1
        result.words += len(art.text.split())
        progress(art)

    def run(chunk: list[Article]) -> None:
        try:
            extractions: list[ArticleExtraction | None] = list(extract_batch(chunk, nlp))
        except Exception:  # noqa: BLE001 - isolate the article that broke the batch
            extractions = [None] * len(chunk)
        for art, ex in zip(chunk, extractions, strict=True):
            one(art, ex)

    chunk: list[Article] = []
    for art in articles:
        chunk.append(art)
        if len(chunk) >= batch:
            run(chunk)
            chunk = []
    if chunk:
        run(chunk)
    return kept, mentions


def build(inputs: Sequence[str | Path], out: Path | None, *, nlp: Any = None,
          on_skip: Callable[[Skipped], None] | None = None,
          progress: Callable[[Article], None] | None = None) -> BuildResult:
    """Build the graph from ``inputs`` and write the exports into ``out`` (when given)."""
    from .export.gexf import write_gexf
    from .export.graphml import write_graphml
    from .export.rdf import write_nquads, write_turtle
    from .extract.nlp import load_nlp
    from .resolve.merge import merge_events

    started = time.perf_counter()
    result = BuildResult()
    report = on_skip or (lambda s: print(str(s), file=sys.stderr))
    nlp = nlp or load_nlp()

    def articles() -> Iterable[Article]:
        for item in read_inputs(inputs):
            if isinstance(item, Skipped):
                result.skipped.append(item)
                report(item)
            else:
                yield item

    kept, mentions = extract_mentions(articles(), nlp, result, report, progress or (lambda a: None))
    result.events = merge_events(mentions)
    quads = build_quads(kept, result.events)
    result.quads = len(quads)
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KGError(f"cannot create output folder {out}: {exc.strerror}") from exc
        result.triples = write_turtle(quads, out / "graph.ttl")
        write_nquads(quads, out / "graph.nq")
        # Gephi drops zero-weight edges with a warning: its files carry the pairs with a held contact
        write_graphml(result.events, out / "graph.graphml", include_unheld=False)
        write_gexf(result.events, out / "graph.gexf", include_unheld=False)
        result.outputs = [out / name for name in EXPORTS]
    result.seconds = time.perf_counter() - started
    return result
