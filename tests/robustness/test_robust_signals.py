"""Ctrl-C and SIGTERM on a real ``kg build``: one line, exit 130 (143), no process left, exports as
they were (or, for a signal during the final renames, all four new); an interrupted ``--store``
build is resumed where it stopped and ends byte-identical to a build never interrupted."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from kgproc import ARTICLES, EXPORTS, HAVE_PROC, INPUTS, children, exports, gone, kg, quads, quiet, reap, seed, start, store_files

pytestmark = pytest.mark.skipif(not HAVE_PROC, reason="needs Linux /proc")


def _wait(proc, until, timeout: float = 90.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not until():
        assert proc.poll() is None, "the build ended before the signal"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.002)


def _lines(proc) -> list[str]:  # type: ignore[no-untyped-def]
    return [ln for ln in proc.stderr.read().decode().splitlines() if ln.strip()]


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_ctrl_c_or_sigterm_while_extracting(tmp_path: Path, previous: dict[str, bytes], how: str) -> None:
    out = tmp_path / "out"
    seed(out, previous)
    proc = start(kg("build", *INPUTS, "--out", out, "--workers", "2"))
    try:
        _wait(proc, lambda: len(children(proc.pid)) == 2)
        time.sleep(1.0)  # the workers are loading the model or extracting
        if how == "ctrl-c":
            os.killpg(proc.pid, signal.SIGINT)  # a terminal sends it to the whole process group
        else:
            os.kill(proc.pid, signal.SIGTERM)  # `kill PID`: the build alone
        code = proc.wait(30)
        assert gone(proc.pid) == []
    finally:
        reap(proc.pid)
        proc.wait()
    name = "SIGINT" if how == "ctrl-c" else "SIGTERM"
    assert code == (130 if how == "ctrl-c" else 143)
    assert _lines(proc) == [f"kg: interrupted by {name}; the exports in {out} were left as they were"]
    assert exports(out) == previous and sorted(os.listdir(out)) == list(sorted(EXPORTS))


def test_ctrl_c_while_the_exports_are_written(tmp_path: Path, previous: dict[str, bytes], nlp) -> None:
    """The four exports are replaced together: a Ctrl-C while they are written leaves all four as they
    were (or, if it lands during the final renames, all four new), never a mix, never a temporary file."""
    from kg.build import build

    build([ARTICLES], tmp_path / "new", nlp=nlp, on_skip=quiet)
    new = exports(tmp_path / "new")
    outcomes = []
    for attempt in range(3):
        out = tmp_path / f"out{attempt}"
        seed(out, previous)
        proc = start(kg("build", ARTICLES, "--out", out, "--workers", "1"))
        try:
            # graph.graphml is the third export written: graph.nq and graph.ttl are complete by then
            _wait(proc, lambda out=out: any(n.startswith(".graph.graphml.") for n in os.listdir(out)))
            os.kill(proc.pid, signal.SIGINT)
            code = proc.wait(30)
        except AssertionError:
            code = proc.wait(30)  # it ended before the signal: a try that tells nothing
        finally:
            reap(proc.pid)
            proc.wait()
        lines = _lines(proc)
        state = exports(out)
        assert sorted(os.listdir(out)) == sorted(EXPORTS)  # no temporary file left
        if code == 0:
            assert state == new
            continue
        assert code == 130 and len(lines) == 1
        if "were all replaced" in lines[0]:
            assert state == new
        else:
            assert lines[0] == f"kg: interrupted by SIGINT; the exports in {out} were left as they were"
            assert state == previous
        outcomes.append(lines[0])
        break
    assert outcomes, "no Ctrl-C landed while the exports were written"


def test_interrupted_store_build_resumes_where_it_stopped(tmp_path: Path, previous: dict[str, bytes],
                                                          reference: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "out"
    seed(out, previous)
    proc = start(kg("build", *INPUTS, "--store", store, "--out", out, "--workers", "1"))
    journal = store / "journal.jsonl"
    try:
        _wait(proc, lambda: journal.exists() and journal.read_bytes().count(b"\n") >= 16)
        os.kill(proc.pid, signal.SIGINT)
        code = proc.wait(30)
    finally:
        reap(proc.pid)
        proc.wait()
    lines = _lines(proc)
    assert code == 130 and len(lines) == 1, lines
    kept = journal.read_bytes().count(b"\n")
    assert kept in (16, 32)  # whole chunks
    assert lines[0] == (f"kg: interrupted by SIGINT; the exports in {out} were left as they were; the store keeps "
                        f"the {kept} articles extracted so far; the next build extracts only the others")
    assert exports(out) == previous
    assert not (store / "index.json").exists()  # nothing committed: the journal holds the work

    # the next build extracts only the others, and ends as the uninterrupted build did, byte for byte
    again = start(kg("build", *INPUTS, "--store", store, "--out", out, "--workers", "2"))
    assert again.wait(120) == 0
    summary = "\n".join(_lines(again))
    assert f"articles read: {36 - kept}; skipped: 0" in summary and f"({kept} read again unchanged)" in summary
    assert exports(out) == exports(reference / "out")
    assert store_files(store) == store_files(reference / "store")  # index, records; no journal left
    assert quads(store) == quads(reference / "store")
    shutil.rmtree(tmp_path)

