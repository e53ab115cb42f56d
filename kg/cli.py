"""The `kg` command: a thin layer over :mod:`kg.build`, :mod:`kg.query` and :mod:`kg.evaluate`.

Exit codes: 0 success; 1 a build that read no article at all (nothing written); 2 usage or output
error (one line ``kg: error: ...``); 3 internal error (a bug; one line, ``KG_DEBUG=1`` shows the
traceback); 130 interrupted by Ctrl-C (SIGINT), 143 by SIGTERM (one line; exports as they were).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from .errors import KGError
from .interrupt import Interrupted, handled

if TYPE_CHECKING:
    from .build import BuildResult
    from .ingest import Skipped


def _fail(message: str) -> None:
    click.echo(f"kg: error: {message}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="diplomatic-kg")
def main() -> None:
    """diplomatic-kg: news articles -> a knowledge graph of diplomatic contacts."""


BUILD_EPILOG = """\b
Bad inputs never stop a build: each one (an empty, binary or unreadable file, text in an
encoding that cannot be told, a FIFO or device, a symlink loop, a malformed JSONL line or a
record without text, HTML with no article text, a duplicate id) is skipped with one line
naming it (FILE:LINE for JSONL) and the reason, and counted in the summary.  Duplicate ids:
the first article read keeps the id.

\b
What you had is never lost:
  - a build whose INPUTS yield no article (missing, empty, all skipped) writes nothing: the
    exports in --out and the store stay as they were (exit 1);
  - the four exports are replaced together at the end; a build that fails, or is stopped by
    Ctrl-C or SIGTERM, leaves them as they were (a kill -9 leaves each one old or new, whole);
  - worker processes end with the build, however it ends (even kill -9);
  - a --store build keeps each chunk of articles it extracted: after an interruption, the
    next build extracts only the others and gives the same graph;
  - --remove ID (or kg store remove) retracts stored articles: their graphs, their mentions
    and the events no other article reports.

\b
Output (stderr): one line per skipped input, then the summary (-q: skipped inputs only).

\b
Exit codes:
    0  the graph was built (inputs may have been skipped)
    1  no article could be read (every input was skipped): nothing was written
    2  usage or output error (e.g. --out cannot be written), one line "kg: error: ..."
    3  internal error (a bug: please report it; KG_DEBUG=1 shows the traceback)
  130  interrupted by Ctrl-C (SIGINT), one line "kg: interrupted by SIGINT; ..."
  143  interrupted by SIGTERM, one line "kg: interrupted by SIGTERM; ..."
"""


def _prepare_out(out: Path) -> None:
    """Fail early, in one line, when --out is not a folder we can write into (before the work)."""
    try:
        if out.exists() and not out.is_dir():
            _fail(f"--out {out} is not a folder")
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"cannot create the output folder {out} ({exc.strerror or exc})")
    try:
        with tempfile.TemporaryFile(dir=out, prefix=".kg-write-test-"):
            pass
    except OSError as exc:
        _fail(f"cannot write into the output folder {out} ({exc.strerror or exc})")


@contextmanager
def _quiet_libraries() -> Iterator[None]:
    """Library warnings and log records (trafilatura, spaCy, ...) are not for the user of a build:
    the skip lines and the summary say what happened."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        previous = logging.root.manager.disable
        logging.disable(logging.CRITICAL)
        try:
            yield
        finally:
            logging.disable(previous)


@main.command(epilog=BUILD_EPILOG)
@click.argument("inputs", nargs=-1, required=False, type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path),
              help="Folder for graph.ttl, graph.nq, graph.graphml and graph.gexf (optional with --store).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extraction worker processes  [default: the CPUs, at most 2]")
@click.option("--store", "store", type=click.Path(file_okay=False, path_type=Path),
              help="Incremental build: keep the graph (an Oxigraph store) and the extracted records in this "
                   "folder; only new or changed articles are extracted. With no INPUTS: export the store.")
@click.option("--remove", "remove", metavar="ID", multiple=True,
              help="With --store: retract this stored article (repeatable) before INPUTS are read.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Extract on a Dask distributed cluster (scheduler address, e.g. tcp://host:8786).")
@click.option("--decider", type=click.Choice(["learned", "rules"]), default=None,
              help="What decides which candidates are events and their status  [default: learned, the shipped model]")
@click.option("--model", "model", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A decider model trained with `kg train` (instead of the shipped one).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Drop events whose confidence is below this (the decider's threshold at least).")
@click.option("--dask-timeout", type=click.FloatRange(min=0, min_open=True), default=5.0, show_default=True,
              metavar="SECONDS", help="How long to try to reach the Dask scheduler.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def build(inputs: tuple[Path, ...], out: Path | None, workers: int | None, store: Path | None,
          remove: tuple[str, ...], dask_address: str | None, dask_timeout: float, decider: str | None,
          model: Path | None, min_confidence: float | None, quiet: bool) -> None:
    """Build the graph from INPUTS (.txt, .html, .jsonl files or folders) into --out."""
    with handled():
        try:
            _build(inputs, out, workers, store, remove, dask_address, dask_timeout, quiet,
                   decider=decider, model=model, min_confidence=min_confidence)
        except Interrupted as exc:
            _interrupted(exc, out, store)


def _interrupted(exc: Interrupted, out: Path | None, store: Path | None) -> None:
    """One line for a build stopped by a signal, then exit 128 + its number."""
    parts = [f"kg: interrupted by {exc.name}"]
    if exc.done:
        parts.append(exc.done)
    elif out is not None:
        parts.append(f"the exports in {out} were left as they were")
    result = exc.result
    if store is not None and result is not None and not exc.done:
        if result.journaled:
            parts.append(f"the store keeps the {result.journaled} articles extracted so far; "
                         "the next build extracts only the others")
        else:
            parts.append(f"no article was extracted yet: the store {store} is as it was")
    click.echo("; ".join(parts), err=True)
    sys.exit(exc.exit_code)


def _stopped(exc: Interrupted, what: str) -> None:
    """One line for a read-only command stopped by a signal (not click's bare "Aborted!"), then exit
    128 + its number."""
    click.echo(f"kg: interrupted by {exc.name}; {what}", err=True)
    sys.exit(exc.exit_code)


def _build(inputs: tuple[Path, ...], out: Path | None, workers: int | None, store: Path | None,
           remove: tuple[str, ...], dask_address: str | None, dask_timeout: float, quiet: bool, *,
           decider: str | None = None, model: Path | None = None, min_confidence: float | None = None) -> None:
    from .build import build as run_build
    from .build import default_workers, estimate_articles

    if remove and store is None:
        _fail("--remove needs --store DIR (the store to remove the articles from)")
    if not inputs and store is None:
        _fail("give INPUT files or folders (or --store DIR, to export a store)")
    if out is None and store is None:
        _fail("missing option --out DIR")
    if out is not None:
        _prepare_out(out)
    from .decide import load_decider

    try:
        judge = load_decider(decider, model, min_confidence)
    except KGError as exc:
        _fail(str(exc))
        return
    bar = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=estimate_articles(list(inputs)) or None, unit=" articles", file=sys.stderr,
                   dynamic_ncols=True, leave=False)

    def progress(result: BuildResult) -> None:
        if bar is not None:
            done = result.articles + result.unchanged + len(result.failed) + len(result.skipped)
            if done > bar.n:
                bar.set_postfix_str(f"{result.rates()[1]:,.0f} words/s, skipped {result.skipped_count}", refresh=False)
                bar.update(done - bar.n)

    def skipped(item: object) -> None:
        msg = f"kg: {item}"
        if bar is not None:
            bar.write(msg, file=sys.stderr)
        else:
            click.echo(msg, err=True)

    def warned(item: Skipped) -> None:
        skipped(f"warning: {item.source}: {item.reason}")

    try:
        with _quiet_libraries():
            result = run_build(list(inputs), out, on_skip=skipped, progress=progress, store=store,
                               dask=dask_address, workers=workers or default_workers(), on_warning=warned,
                               decider=judge, remove=remove, dask_timeout=dask_timeout)
    except KGError as exc:
        _fail(str(exc))
        return
    except OSError as exc:
        where = exc.filename or out
        _fail(f"cannot write the exports to {where} ({exc.strerror or exc})")
        return
    except Exception as exc:  # noqa: BLE001 - no traceback for users; KG_DEBUG=1 shows it
        _internal(exc)
    finally:
        if bar is not None:
            bar.close()
    if not quiet:
        click.echo(result.summary(), err=True)
        if result.outputs:
            click.echo(f"wrote {', '.join(str(p) for p in result.outputs)}", err=True)
    if result.nothing_read:
        if store is not None and (not inputs or result.removed):
            line = f"kg: the store {store} holds no article"
        else:
            line = "kg: no article could be read"
        kept = [f"the exports in {out}"] if out is not None else []
        if store is not None and inputs and not result.removed:
            kept.insert(0, f"the store {store}")
        if kept:
            line += f"; nothing was written: {' and '.join(kept)} {'are' if out is not None else 'is'} unchanged"
        click.echo(line, err=True)
        sys.exit(1)


def _internal(exc: Exception) -> NoReturn:
    if os.environ.get("KG_DEBUG"):
        raise exc
    click.echo(f"kg: internal error: {type(exc).__name__}: {' '.join(str(exc).split())[:300]} "
               "(a bug: please report it; KG_DEBUG=1 shows the traceback)", err=True)
    sys.exit(3)


@main.group()
def store() -> None:
    """Look into or correct a --store folder."""


@store.command("list")
@click.argument("store_dir", metavar="STORE", type=click.Path(file_okay=False, exists=True, path_type=Path))
def store_list(store_dir: Path) -> None:
    """Print the ids of the articles in STORE, one a line."""
    from .store import open_store

    try:
        with open_store(store_dir) as state:
            ids = state.ids()
    except KGError as exc:
        _fail(str(exc))
        return
    for article_id in ids:
        click.echo(article_id)


@store.command("remove", epilog="\b\nExit codes: 0 removed; 1 the store is left with no article (the exports\n"
                                "are then left as they were); 2 usage error (e.g. an ID not in the store,\n"
                                "nothing removed); 3 internal error; 130/143 interrupted (the next build\n"
                                "of the store completes the removal).")
@click.argument("store_dir", metavar="STORE", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.argument("ids", metavar="ID...", nargs=-1, required=True)
@click.option("--out", "out", type=click.Path(path_type=Path), help="Rewrite the exports in this folder.")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def store_remove(store_dir: Path, ids: tuple[str, ...], out: Path | None, quiet: bool) -> None:
    """Retract the articles ID... from STORE: their named graphs, their mentions, and the events no
    other article reports (the same as kg build --store STORE --remove ID...)."""
    with handled():
        try:
            _build((), out, 1, store_dir, ids, None, 5.0, quiet)
        except Interrupted as exc:
            _interrupted(exc, out, store_dir)


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Read the query from this file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
def query(graph: Path, sparql: str | None, query_file: Path | None, fmt: str) -> None:
    """Run a SPARQL query on GRAPH (graph.ttl, graph.nq, or a folder: a 'kg build --store' folder or an Oxigraph store).

    \b
    Formats: table (cells cut at 60 characters, marked with an ellipsis), csv and tsv (the SPARQL 1.1
    query results CSV and TSV formats), json (one object per row, numbers and booleans typed).
    """
    from .query import format_results, load_store, needs_named_graphs, run_query

    if (sparql is None) == (query_file is None):
        _fail("give the query as an argument or with -f FILE (one of the two)")
    try:
        text = query_file.read_text(encoding="utf-8") if query_file else str(sparql)
    except OSError as exc:
        _fail(f"{query_file}: cannot read the query ({exc.strerror})")
        return
    with handled():
        try:
            store = load_store(graph, named_graphs=needs_named_graphs(text))
            click.echo(format_results(run_query(store, text), fmt), nl=False)
        except KGError as exc:
            _fail(str(exc))
        except Interrupted as exc:
            _stopped(exc, "no result was printed; the graph was only read")


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--graph", "graph", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The graph.ttl to score.")
@click.option("--details", is_flag=True, help="List every miss, spurious event and wrong attribute.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate(gold: Path, graph: Path, details: bool, as_json: bool) -> None:
    """Score GRAPH against GOLD.jsonl (the corpus gold format) with the contract query."""
    import json

    from .evaluate import format_report, score

    try:
        result, rows = score(gold, graph)
    except KGError as exc:
        _fail(str(exc))
        return
    if details:
        for row in rows:
            if row["missed"] or row["spurious"] or row["mismatched"]:
                click.echo(json.dumps(row, ensure_ascii=False))
    click.echo(json.dumps(result) if as_json else format_report(result))


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port (0: any free one).")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds a query may run before it is stopped (503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Rows (or triples) returned at most; more are cut, with X-Result-Truncated: true.")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="Query worker processes, each holding a copy of the graph  [default: min(4, CPUs)]")
@click.option("--quiet", "-q", is_flag=True, help="Do not log each request.")
def serve(graph: Path, host: str, port: int, timeout: float, max_rows: int, workers: int | None, quiet: bool) -> None:
    """Serve GRAPH (graph.ttl, graph.nq or a store folder) as a read-only SPARQL endpoint at /sparql."""
    from .query import load_store
    from .serve import describe, make_server, run

    try:
        with handled():
            store = load_store(graph)
            server = make_server(store, host, port, timeout, max_rows, workers=workers, source=graph,
                                 log=not quiet)
    except KGError as exc:
        _fail(str(exc))
        return
    except OSError as exc:
        _fail(f"cannot listen on {host}:{port} ({exc.strerror or exc})")
        return
    except Interrupted as exc:
        _stopped(exc, "the server was not started; the graph was only read")
        return
    del store  # the worker processes hold their own copies
    click.echo(describe(server), err=True)
    click.echo(f"{server.url}sparql")
    run(server, echo=lambda msg: click.echo(msg, err=True))


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the page  [default: FOLDER/report.html]")
def report(folder: Path, out: Path | None) -> None:
    """Write one self-contained HTML page about the build in FOLDER (the --out folder of kg build).

    \b
    Counts by status, kind and month, the most connected actors and pairs, the places, the events
    with the lowest confidence, and the inputs skipped or warned about. No network is needed to view it.
    """
    from .report import write_report

    try:
        path = write_report(folder, out)
    except KGError as exc:
        _fail(str(exc))
        return
    click.echo(str(path))


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the model (JSON); use it with `kg build --model`.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Extraction processes.")
def train(gold: Path, inputs: tuple[Path, ...], out: Path, workers: int) -> None:
    """Train a decider on GOLD.jsonl (the corpus gold format) and the articles INPUTS it annotates."""
    import json

    from .decide.learned import fit
    from .decide.training import candidates, rows_for

    try:
        with _quiet_libraries():
            metas, found = candidates(list(inputs), workers=workers)
            model = fit(rows_for(gold, metas, found))
    except KGError as exc:
        _fail(str(exc))
        return
    try:
        out.write_text(json.dumps(model, indent=None, separators=(",", ":")) + "\n", encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write the model to {out} ({exc.strerror or exc})")
    n = model["trained_on"]
    click.echo(f"trained on {n['candidates']} candidates of {n['articles']} articles "
               f"(C {model['C']}, threshold {model['threshold']}); wrote {out}", err=True)


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True)
@click.option("--decider", type=click.Choice(["learned", "rules"]), default="learned", show_default=True)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Extraction processes.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def crossval(gold: Path, inputs: tuple[Path, ...], folds: int, decider: str, workers: int, as_json: bool) -> None:
    """Cross-validate by page: train on all folds but one, score the held-out one, for each fold."""
    import json

    from .crossval import crossvalidate, format_crossval

    try:
        with _quiet_libraries():
            result = crossvalidate(gold, list(inputs), folds=folds, decider=decider, workers=workers,
                                   echo=lambda m: click.echo(m, err=True))
    except KGError as exc:
        _fail(str(exc))
        return
    click.echo(json.dumps(result) if as_json else format_crossval(result))


@main.group()
def kb() -> None:
    """The actor knowledge base (people in office, countries, international bodies)."""


@kb.command()
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write  [default: the package's office-holders-wikidata.tsv]")
@click.option("--from-json", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A saved answer of the query (SPARQL JSON results) instead of asking Wikidata.")
@click.option("--endpoint", default=None, help="SPARQL endpoint  [default: the Wikidata Query Service]")
@click.option("--show-query", is_flag=True, help="Print the SPARQL query and exit.")
def rebuild(out: Path | None, source: Path | None, endpoint: str | None, show_query: bool) -> None:
    """Rebuild the office holders from Wikidata (needs a network connection, or --from-json)."""
    from .kb.data import DATA
    from .kb.rebuild import ENDPOINT, QUERY
    from .kb.rebuild import rebuild as run_rebuild

    if show_query:
        click.echo(QUERY)
        return
    target = out or DATA / "office-holders-wikidata.tsv"
    try:
        rows = run_rebuild(target, source, endpoint or ENDPOINT)
    except KGError as exc:
        _fail(str(exc))
        return
    click.echo(f"wrote {target} ({rows} office holders)", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
