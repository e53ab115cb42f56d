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


def test_an_unreachable_scheduler_fails_fast_in_one_line(tmp_path: Path) -> None:
    import socket
    import time

    from click.testing import CliRunner

    from kg.cli import main

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    result = CliRunner().invoke(main, ["build", str(ARTICLES / "04_scholz_xi_phone.txt"), "--out", str(tmp_path),
                                       "--dask", f"tcp://127.0.0.1:{port}", "--dask-timeout", "1"])
    took = time.monotonic() - started
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kg: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port} "
                                                   "within 1 s (")
    assert lines[0].endswith("is it running? (--dask-timeout sets the wait)")
    assert took < 8, took  # 20 s before the option
    assert list(tmp_path.iterdir()) == []


def test_the_default_timeout_is_a_few_seconds() -> None:
    from click.testing import CliRunner

    from kg.cli import main

    help_text = CliRunner().invoke(main, ["build", "--help"]).output
    assert "--dask-timeout SECONDS" in help_text and "[default: 5.0;" in help_text
