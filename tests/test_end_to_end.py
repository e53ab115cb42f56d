"""Build the shared seeds + dev corpus and score it with the shared scorer (skipped without ../shared)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.build import build


def test_corpus_build_and_score(shared: Path, tmp_path: Path) -> None:
    corpus = shared / "corpus"
    sets = [s for s in ("seeds", "dev", "train") if (corpus / s / "input.jsonl").is_file()]
    inputs = [corpus / s / "input.jsonl" for s in sets]
    result = build(inputs, tmp_path, on_skip=lambda s: None, workers=2)
    assert result.articles >= 199 and not result.skipped
    ttl = tmp_path / "graph.ttl"
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join((corpus / s / "gold.jsonl").read_text() for s in sets))
    out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "--gold", str(gold), "--graph", str(ttl),
                          "--json"], capture_output=True, text=True, check=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    print(figures)
    # A regression floor, pinned a little under the figures when written (occurred F1 0.641, status F1
    # 0.590, false_occurred 9, date 0.792, place 0.851, kind 0.933 on seeds + dev + train). The shipped
    # decider was trained on these pages: these are not out-of-fold figures (`kg crossval` gives those).
    assert figures["occurred"]["f1"] >= 0.625
    assert figures["status"]["f1"] >= 0.57
    assert figures["false_occurred"] <= 12
    assert figures["date_accuracy"] >= 0.77 and figures["place_accuracy"] >= 0.83 and figures["kind_accuracy"] >= 0.91
    store = ox.Store()
    store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(Graph().parse(ttl))


def test_corpus_exports_open_in_graph_tools(shared: Path, tmp_path: Path) -> None:
    import igraph
    import networkx as nx

    corpus = shared / "corpus"
    build([corpus / "seeds" / "input.jsonl", corpus / "dev" / "input.jsonl"], tmp_path, on_skip=lambda s: None)
    g = nx.read_graphml(tmp_path / "graph.graphml")
    assert g.number_of_nodes() > 20 and g.number_of_edges() > 10
    assert all("label" in d for _, d in g.nodes(data=True))
    assert all(isinstance(d["weight"], float) for _, _, d in g.edges(data=True))
    ig = igraph.Graph.Read_GraphML(str(tmp_path / "graph.graphml"))
    assert ig.vcount() == g.number_of_nodes() and ig.ecount() == g.number_of_edges()
    gx = nx.read_gexf(tmp_path / "graph.gexf")
    assert gx.number_of_nodes() == g.number_of_nodes()


def test_build_takes_a_str_folder(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    result = build([root / "examples" / "articles" / "04_scholz_xi_phone.txt"], str(tmp_path / "out"),
                   on_skip=lambda s: None)
    assert (tmp_path / "out" / "graph.ttl").is_file() and result.outputs
