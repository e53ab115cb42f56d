"""The `kg` command: a thin layer over :mod:`kg.build`, :mod:`kg.query` and :mod:`kg.evaluate`.

Exit codes: 0 success; 1 a build that read no article at all; 2 usage or input error (one line).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import KGError


def _fail(message: str) -> None:
    click.echo(f"kg: error: {message}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="diplomatic-kg")
def main() -> None:
    """diplomatic-kg: news articles -> a knowledge graph of diplomatic contacts."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for graph.ttl, graph.nq, graph.graphml and graph.gexf.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def build(inputs: tuple[Path, ...], out: Path, quiet: bool) -> None:
    """Build the graph from INPUTS (.txt, .html, .jsonl files or folders) into --out."""
    from .build import build as run_build

    bar = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True)

    def progress(article: object) -> None:
        if bar is not None:
            bar.update(1)

    def skipped(item: object) -> None:
        msg = f"kg: {item}"
        if bar is not None:
            bar.write(msg, file=sys.stderr)
        else:
            click.echo(msg, err=True)

    try:
        result = run_build(list(inputs), out, on_skip=skipped, progress=progress)
    except KGError as exc:
        _fail(str(exc))
        return
    finally:
        if bar is not None:
            bar.close()
    if not quiet:
        click.echo(result.summary(), err=True)
        click.echo(f"wrote {', '.join(str(p) for p in result.outputs)}", err=True)
    if result.articles == 0:
        click.echo("kg: no article could be read", err=True)
        sys.exit(1)


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Read the query from this file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
def query(graph: Path, sparql: str | None, query_file: Path | None, fmt: str) -> None:
    """Run a SPARQL query on GRAPH (graph.ttl, graph.nq or a store folder)."""
    from .query import format_results, load_store, run_query

    if (sparql is None) == (query_file is None):
        _fail("give the query as an argument or with -f FILE (one of the two)")
    try:
        text = query_file.read_text(encoding="utf-8") if query_file else str(sparql)
    except OSError as exc:
        _fail(f"{query_file}: cannot read the query ({exc.strerror})")
        return
    try:
        store = load_store(graph)
        click.echo(format_results(run_query(store, text), fmt))
    except KGError as exc:
        _fail(str(exc))


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
        store = load_store(graph)
        server = make_server(store, host, port, timeout, max_rows, workers=workers, source=graph, log=not quiet)
    except KGError as exc:
        _fail(str(exc))
        return
    except OSError as exc:
        _fail(f"cannot listen on {host}:{port} ({exc.strerror or exc})")
        return
    del store  # the worker processes hold their own copies
    click.echo(describe(server), err=True)
    click.echo(f"{server.url}sparql")
    run(server, echo=lambda msg: click.echo(msg, err=True))


if __name__ == "__main__":  # pragma: no cover
    main()
