"""Worker processes never outlive the build: ``kill -9`` of the parent (what the OOM killer sends) at
several moments leaves no worker behind; a worker whose parent is already gone ends at once; and
the parent ends its workers, without waiting for their chunks, on every way out of the pool."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from pathlib import Path

import pytest
from kgproc import HAVE_PROC, ROOT, children, gone, kg, reap, start

pytestmark = pytest.mark.skipif(not HAVE_PROC, reason="needs Linux /proc")

INPUTS = (ROOT / "examples" / "articles", ROOT / "examples" / "general")  # 36 articles: 3 chunks


def _kill_parent_when(tmp_path: Path, moment: str) -> tuple[int, list[tuple[int, int]], float]:
    """Start ``kg build --workers 2``, SIGKILL the parent alone at ``moment``; the workers seen, and
    what is left of its session 5 s later (and how long the last one took to go)."""
    proc = start(kg("build", *INPUTS, "--out", tmp_path / moment, "--workers", "2", "-q"))
    try:
        deadline = time.monotonic() + 90
        seen: set[int] = set()
        extracting_since = None
        while True:
            assert proc.poll() is None, f"the build ended before the kill ({moment})"
            assert time.monotonic() < deadline
            kids = children(proc.pid)
            seen.update(kids)
            if len(kids) == 2 and extracting_since is None:
                extracting_since = time.monotonic()
            if moment == "workers-started" and len(kids) == 2:
                break  # the workers are loading the model
            if moment == "extracting" and extracting_since and time.monotonic() - extracting_since > 2.0:
                break
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)  # the parent only: its workers get no signal from us
        proc.wait()
        started = time.monotonic()
        left = gone(proc.pid, within=5.0)
        return len(seen), left, time.monotonic() - started
    finally:
        reap(proc.pid)
        proc.wait()


@pytest.mark.parametrize("moment", ["workers-started", "extracting"])
def test_kill_9_of_the_build_leaves_no_worker(tmp_path: Path, moment: str) -> None:
    workers, left, took = _kill_parent_when(tmp_path, moment)
    assert workers == 2
    assert left == [], f"processes left after the parent was killed: {left}"
    assert took < 2.0  # PR_SET_PDEATHSIG: at once (the watch thread would take 0.2 s)


def _orphan(parent: int, conn) -> None:  # type: ignore[no-untyped-def]
    from kg.parallel import _die_with_parent

    conn.send("started")
    _die_with_parent(parent)
    conn.send("still running")  # never reached: the parent it was given is not its parent


def test_a_worker_whose_parent_is_gone_ends_at_once() -> None:
    """The check that covers the moment before PR_SET_PDEATHSIG is set (and systems without it)."""
    ctx = mp.get_context("fork")
    reader, writer = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_orphan, args=(os.getpid() + 1_000_000, writer))
    proc.start()
    proc.join(10)
    writer.close()
    assert proc.exitcode == 1
    assert reader.recv() == "started"
    with pytest.raises(EOFError):
        reader.recv()


def _slow_chunk(chunk, nlp=None):  # type: ignore[no-untyped-def]
    """A stand-in for kg.parallel.process_chunk (module level: the pool pickles it by name)."""
    import kg.parallel as parallel

    if chunk[0].id == "slow":
        time.sleep(30)
    return [parallel.Outcome(parallel.without_text(a)) for a in chunk]


def test_the_parent_ends_its_workers_without_waiting_for_their_chunks(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Leaving the pool early (an error, Ctrl-C, SIGTERM in the consumer) terminates the workers at
    once: a chunk that would take 30 s does not hold the build."""
    import kg.parallel as parallel
    from kg.model import Article

    monkeypatch.setattr(parallel, "process_chunk", _slow_chunk)
    chunks = [[Article("fast", "x", "f")], [Article("slow", "x", "s")], [Article("fast2", "x", "f")]]
    results = parallel.run_chunks(iter(chunks), workers=2, nlp=nlp)
    assert [o.article.id for o in next(results)] == ["fast"]
    assert len(mp.active_children()) == 2
    started = time.monotonic()
    results.close()  # as `with closing(...)` in kg.build does when the loop is left by an exception
    assert time.monotonic() - started < 5.0
    assert mp.active_children() == []
