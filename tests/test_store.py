"""A store you can correct: ``kg store remove`` / ``kg build --store S --remove ID`` retract articles
(their graphs, their mentions, the events no other article reports) and leave the store and the
exports byte-identical to those of a build that never had them; the journal and the ``dirty``
marks of kg.store make a killed build's store whole again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.build import EXPORTS, build
from kg.cli import main
from kg.export.rdf import nquads_lines
from kg.graph import article_iri
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "articles"
# our own sentences: two reports of one meeting (a1, a2), and another meeting (a3)
EXTRA = [
    {"id": "a1", "published": "2024-03-13",
     "text": "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha on 12 March 2024. "
             "The two leaders discussed trade and the new railway, officials said.\n"},
    {"id": "a2", "published": "2024-03-13",
     "text": "President William Ruto met President Samia Suluhu Hassan in Arusha on Tuesday, the Kenyan "
             "presidency said.\n"},
    {"id": "a3", "published": "2024-02-06",
     "text": "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on 5 February 2024.\n"},
]
REMOVED = ("a1", "04_scholz_xi_phone")  # a1's meeting is still reported by a2; 04's events by nobody else


def quiet(s: object) -> None:
    pass


def _inputs(folder: Path, without: tuple[str, ...] = ()) -> Path:
    folder.mkdir(parents=True)
    for path in sorted(ARTICLES.iterdir()):
        if not path.name.endswith(".md") and path.stem not in without:
            shutil.copy(path, folder / path.name)
    with (folder / "extra.jsonl").open("w", encoding="utf-8") as fh:
        for record in EXTRA:
            if record["id"] not in without:
                fh.write(json.dumps(record) + "\n")
    return folder


def _store_files(store: Path) -> dict[str, object]:
    """The index (bytes) and the records (as JSON, without the input path they were read from)."""
    files: dict[str, object] = {}
    for p in sorted(store.rglob("*")):
        name = str(p.relative_to(store))
        if p.is_file() and "oxigraph" not in p.relative_to(store).parts:
            files[name] = p.read_bytes()
            if name.startswith("articles"):
                record = json.loads(p.read_bytes())
                record["article"].pop("source")
                files[name] = record
    return files


def _quads(store: Path) -> list[bytes]:
    rdf = ox.Store.read_only(str(store / "oxigraph"))
    try:
        return nquads_lines(rdf)
    finally:
        del rdf


def _exports(folder: Path) -> dict[str, bytes]:
    """The graph's exports (graph.skipped.csv lists this build's own inputs, not the graph)."""
    return {name: (folder / name).read_bytes() for name in EXPORTS if name != "graph.skipped.csv"}


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    """A store of the 15 articles (store/), and its exports (out/)."""
    base = tmp_path_factory.mktemp("full")
    result = build([_inputs(base / "in")], base / "out", nlp=nlp, on_skip=quiet, store=base / "store")
    assert result.articles == 15
    shared = [e for e in result.events if {m.article_id for m in e.mentions} == {"a1", "a2"}]
    assert len(shared) == 1  # one meeting, two reports
    return base


@pytest.fixture(scope="module")
def without(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    """What a build that never had the REMOVED articles gives: a store (store/) and exports (out/)."""
    base = tmp_path_factory.mktemp("without")
    build([_inputs(base / "in", REMOVED)], base / "out", nlp=nlp, on_skip=quiet, store=base / "store")
    return base


@pytest.mark.parametrize("how", ["kg store remove", "kg build --remove"])
def test_removing_articles_gives_the_build_that_never_had_them(full: Path, without: Path, tmp_path: Path,
                                                               how: str) -> None:
    store, out = tmp_path / "store", tmp_path / "out"
    shutil.copytree(full / "store", store)
    shutil.copytree(full / "out", out)
    if how == "kg store remove":
        args = ["store", "remove", str(store), *REMOVED, "--out", str(out)]
    else:
        args = ["build", "--store", str(store), "--out", str(out)] + [a for i in REMOVED for a in ("--remove", i)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "store: 13 articles (0 read again unchanged, 2 removed)" in result.output
    assert _exports(out) == _exports(without / "out")  # byte for byte
    assert _exports(out) != _exports(full / "out")
    assert _store_files(store) == _store_files(without / "store")  # index and records; removed records deleted
    assert _quads(store) == _quads(without / "store")
    graphs = {line.rsplit(b" ", 2)[-2] for line in _quads(store)}
    assert f"<{article_iri('a1')}>".encode() not in graphs and f"<{article_iri('a2')}>".encode() in graphs
    # the meeting a2 still reports is there; the phone call only 04 reported is gone
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "Samia Suluhu Hassan" in ttl and "Olaf Scholz" in ttl  # (a3 names Scholz too)
    assert "Xi Jinping" in (full / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_a_removed_article_built_again_is_extracted_again(full: Path, tmp_path: Path, nlp) -> None:
    store = tmp_path / "store"
    shutil.copytree(full / "store", store)
    build([], None, nlp=nlp, on_skip=quiet, store=store, remove=REMOVED)
    again = build([full / "in"], tmp_path / "out", nlp=nlp, on_skip=quiet, store=store)
    assert again.articles == 2 and again.unchanged == 13
    assert _exports(tmp_path / "out") == _exports(full / "out")
    assert _store_files(store) == _store_files(full / "store") and _quads(store) == _quads(full / "store")


def test_removing_an_unknown_id_changes_nothing(full: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(full / "store", store)
    before = _store_files(store)
    result = CliRunner().invoke(main, ["store", "remove", str(store), "a1", "no-such-article"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"kg: error: no article 'no-such-article' in the store {store} (kg store list shows its ids)"]
    assert _store_files(store) == before and _quads(store) == _quads(full / "store")


def test_store_list_and_usage_errors(full: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["store", "list", str(full / "store")])
    assert result.exit_code == 0 and result.output.splitlines() == sorted(json.loads(
        (full / "store" / "index.json").read_text())["articles"])
    result = CliRunner().invoke(main, ["build", str(ARTICLES), "--out", str(tmp_path), "--remove", "a1"])
    assert result.exit_code == 2 and "--remove needs --store" in result.output


def test_removing_every_article_leaves_the_exports_as_they_were(full: Path, tmp_path: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "out"
    shutil.copytree(full / "store", store)
    shutil.copytree(full / "out", out)
    ids = CliRunner().invoke(main, ["store", "list", str(store)]).output.split()
    result = CliRunner().invoke(main, ["store", "remove", str(store), *ids, "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[-1] == (f"kg: the store {store} holds no article; "
                                              f"nothing was written: the exports in {out} are unchanged")
    assert _exports(out) == _exports(full / "out")
    assert _quads(store) == [] and json.loads((store / "index.json").read_text())["articles"] == {}
    assert sorted(p.name for p in (store / "articles").rglob("*.json")) == []


def test_a_half_written_journal_line_is_dropped(full: Path, tmp_path: Path, nlp) -> None:
    """What a kill during a journal append leaves: whole lines, then part of one; the whole lines count,
    the part is cut off, and the next build extracts only the rest."""
    store = tmp_path / "store"
    inputs = full / "in"
    first = build([inputs / "extra.jsonl"], None, nlp=nlp, on_skip=quiet, store=store)
    assert first.stored == 3
    with open_store(store) as state:  # a build that extracted two articles, was killed in the third line
        for art, mentions in list(state.records())[:2]:
            state.put(art, "0" * 40, mentions)  # a digest that will not match: they must be extracted again
        state.checkpoint()
    with open_store(store) as state:  # (and another, unchanged, whose line was cut)
        art, mentions = list(state.records())[2]
        state.put(art, json.loads((store / "index.json").read_text())["articles"][art.id], mentions)
        state.checkpoint()
    journal = store / "journal.jsonl"
    data = journal.read_bytes()
    journal.write_bytes(data[:-25])  # the last line cut short
    with open_store(store) as state:
        assert len(state.new) == 2 and journal.read_bytes().count(b"\n") == 2 and journal.read_bytes().endswith(b"\n")
    again = build([inputs], tmp_path / "out", nlp=nlp, on_skip=quiet, store=store)
    assert again.articles == 14 and again.unchanged == 1  # the journaled digests do not match: a1 and a2 again
    assert not journal.exists()
    assert _exports(tmp_path / "out") == _exports(full / "out")
    assert _store_files(store) == _store_files(full / "store") and _quads(store) == _quads(full / "store")


def test_graphs_a_killed_commit_marked_dirty_are_written_again(full: Path, tmp_path: Path, nlp) -> None:
    store = tmp_path / "store"
    shutil.copytree(full / "store", store)
    graph = ox.NamedNode(article_iri("a1"))
    rdf = ox.Store(str(store / "oxigraph"))
    rdf.remove_graph(graph)  # a commit killed between removing a graph and loading its new quads
    rdf.flush()
    del rdf
    export = build([], tmp_path / "unmarked", nlp=nlp, on_skip=quiet, store=store)
    assert export.graphs_written == 0 and _quads(store) != _quads(full / "store")  # the digests alone miss it
    index = json.loads((store / "index.json").read_text())
    index["dirty"] = [f"<{graph.value}>"]  # what kg.store writes before touching a graph
    (store / "index.json").write_text(json.dumps(index))
    repaired = build([], tmp_path / "out", nlp=nlp, on_skip=quiet, store=store)
    assert repaired.graphs_written == 1
    assert _quads(store) == _quads(full / "store") and "dirty" not in json.loads((store / "index.json").read_text())
    assert _exports(tmp_path / "out") == _exports(full / "out")


def test_removing_with_inputs_that_yield_nothing_still_rewrites_the_exports(full: Path, without: Path,
                                                                            tmp_path: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "out"
    shutil.copytree(full / "store", store)
    shutil.copytree(full / "out", out)
    args = ["build", str(tmp_path / "typo.jsonl"), "--store", str(store), "--out", str(out)]
    result = CliRunner().invoke(main, args + [a for i in REMOVED for a in ("--remove", i)])
    assert result.exit_code == 0, result.output
    assert _exports(out) == _exports(without / "out") and _quads(store) == _quads(without / "store")
