"""Incremental builds with --store: same graph as a one-shot build; re-reading changes nothing; a
changed article replaces its own graph; exports from the store alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.build import EXPORTS, build
from kg.export.rdf import nquads_lines
from kg.graph import article_iri
from kg.model import Mention
from kg.store import from_json, to_json

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "examples" / "articles"
CHANGED = "04_scholz_xi_phone"


def quiet(s: object) -> None:
    pass


def stored(store: Path, *, default: bool = False) -> list[bytes]:
    """The quads of the store's named graphs (or the triples of its default graph), as sorted lines."""
    rdf = ox.Store.read_only(str(store / "oxigraph"))
    try:
        return nquads_lines(q for q in rdf if isinstance(q.graph_name, ox.DefaultGraph) == default)
    finally:
        del rdf


def loaded(path: Path) -> list[bytes]:
    """The quads of an N-Quads (or Turtle) file as an Oxigraph store holds them (it stores numbers
    by value: an xsd:nonNegativeInteger comes back as an xsd:integer), to compare with a store."""
    rdf = ox.Store()
    rdf.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TURTLE)
    return nquads_lines(rdf)


@pytest.fixture(scope="module")
def reference(nlp, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reference")
    build([ARTICLES], out, nlp=nlp, on_skip=quiet)
    return out


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    for path in sorted(ARTICLES.iterdir()):
        if not path.name.endswith(".md"):
            shutil.copy(path, folder / path.name)
    return folder


def test_store_in_two_steps_equals_one_build(reference: Path, inputs: Path, nlp, tmp_path: Path) -> None:
    store = tmp_path / "store"
    half = sorted(inputs.iterdir())[:6]
    first = build(half, None, nlp=nlp, on_skip=quiet, store=store)
    assert first.articles == 6 and first.stored == 6 and first.graphs_written == 7  # and the pair table
    second = build([inputs], None, nlp=nlp, on_skip=quiet, store=store)
    assert second.articles == 6 and second.unchanged == 6 and second.stored == 12
    # exports from the store alone: the one-shot build's files, byte for byte
    export = build([], tmp_path / "out", nlp=nlp, on_skip=quiet, store=store)
    assert export.articles == 0 and export.stored == 12 and export.graphs_written == 0
    for name in EXPORTS:
        assert (tmp_path / "out" / name).read_bytes() == (reference / name).read_bytes(), name
    # and the Oxigraph store holds exactly those quads
    assert stored(store) == loaded(reference / "graph.nq")
    # and, in its default graph, their union: graph.ttl's triples
    assert stored(store, default=True) == loaded(reference / "graph.ttl")


def test_same_article_again_changes_nothing(inputs: Path, nlp, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build([inputs], None, nlp=nlp, on_skip=quiet, store=store)
    before = stored(store), stored(store, default=True)
    again = build([inputs / f"{CHANGED}.txt"], None, nlp=nlp, on_skip=quiet, store=store)
    assert again.articles == 0 and again.unchanged == 1 and again.graphs_written == 0
    assert (stored(store), stored(store, default=True)) == before  # same quads: same triple count, same IRIs
    # even when the article is extracted again (its digest spoiled in the index), nothing changes
    index = json.loads((store / "index.json").read_text())
    index["articles"][CHANGED] = "0" * 40
    (store / "index.json").write_text(json.dumps(index))
    redo = build([inputs / f"{CHANGED}.txt"], None, nlp=nlp, on_skip=quiet, store=store)
    assert redo.articles == 1 and redo.graphs_written == 0
    assert (stored(store), stored(store, default=True)) == before


def test_changed_article_replaces_its_graph(inputs: Path, nlp, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build([inputs], None, nlp=nlp, on_skip=quiet, store=store)
    graph = f"<{article_iri(CHANGED)}>".encode()
    before = [line for line in stored(store) if line.endswith(graph + b" .")]
    changed = tmp_path / "changed"
    shutil.copytree(inputs, changed)
    text = (changed / f"{CHANGED}.txt").read_text(encoding="utf-8")
    (changed / f"{CHANGED}.txt").write_text(text.split("\n\n")[0] + "\n", encoding="utf-8")  # first paragraph only
    result = build([changed / f"{CHANGED}.txt"], tmp_path / "out", nlp=nlp, on_skip=quiet, store=store)
    assert result.articles == 1 and result.graphs_written >= 1
    after = [line for line in stored(store) if line.endswith(graph + b" .")]
    assert after != before
    # the store is now what a one-shot build of the changed inputs gives
    fresh = build([changed], tmp_path / "fresh", nlp=nlp, on_skip=quiet)
    assert stored(store) == loaded(tmp_path / "fresh" / "graph.nq")
    assert stored(store, default=True) == loaded(tmp_path / "fresh" / "graph.ttl")
    assert fresh.triples == result.triples
    for name in EXPORTS:
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name


def test_mentions_round_trip_through_json(reference: Path, nlp) -> None:
    from kg.ingest import Article, read_inputs
    from kg.parallel import process_chunk

    arts = [a for a in read_inputs([ARTICLES]) if isinstance(a, Article)][:4]
    mentions = [m for o in process_chunk(arts, nlp) for m in o.mentions]
    assert mentions
    assert [from_json(Mention, to_json(m)) for m in mentions] == mentions
    assert from_json(Article, to_json(arts[0])) == arts[0]


def test_cli_store_then_export(inputs: Path, reference: Path, tmp_path: Path) -> None:
    from kg.cli import main

    runner = CliRunner()
    store, out = tmp_path / "store", tmp_path / "out"
    result = runner.invoke(main, ["build", str(inputs), "--store", str(store), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "named graphs written: 13" in result.output  # 12 articles and the pair table
    result = runner.invoke(main, ["build", "--store", str(store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "graph.nq").read_bytes() == (reference / "graph.nq").read_bytes()
    result = runner.invoke(main, ["build", "--workers", "1"])
    assert result.exit_code == 2 and "give INPUT" in result.output
