"""Extraction on a Dask cluster (a LocalCluster of two in-process workers) gives the local graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build import EXPORTS, build

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "examples" / "articles"


def test_dask_build_is_the_local_build(nlp, tmp_path: Path) -> None:
    local = build([ARTICLES], tmp_path / "local", nlp=nlp, on_skip=lambda s: None)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        remote = build([ARTICLES], tmp_path / "dask", on_skip=lambda s: None, dask=cluster.scheduler_address, batch=2)
    assert remote.articles == local.articles == 12 and remote.engine.startswith("Dask")
    assert isomorphic(Graph().parse(tmp_path / "dask" / "graph.ttl"), Graph().parse(tmp_path / "local" / "graph.ttl"))
    for name in EXPORTS:  # and, exports being canonical, byte for byte
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
