"""A loop that kills a real multi-process ``kg build --store --workers 2`` with SIGKILL at random moments
(a bounded number of kills in a bounded time), resuming on the same store each time, and checks
after every kill: no process of the build is left, each export is whole (the previous file or the
new one), the store opens and is consistent (every article the index lists has its record, the
journal replays); and at the end, that the resumed store gives exactly the uninterrupted build."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import time
from pathlib import Path

import pytest
from kgproc import EXPORTS, HAVE_PROC, INPUTS, children, exports, gone, kg, quads, reap, seed, start, store_files

pytestmark = pytest.mark.skipif(not HAVE_PROC, reason="needs Linux /proc")

MAX_KILLS = 8
BUDGET_SECONDS = 25.0  # the loop stops at MAX_KILLS or after this long, whichever comes first
LONGEST_RUN = 12.0  # a build not killed at its moment by then is killed then
SEED = 20261201


def _check_store(store: Path) -> int:
    """The store a kill left opens (its lock was released), its index lists only articles whose
    record is there, its journal replays; returns how many articles it holds."""
    from kg.store import _file_name, open_store

    if not store.exists():
        return 0
    index = json.loads((store / "index.json").read_text()) if (store / "index.json").exists() else {}
    for article_id in index.get("articles", {}):
        assert (store / "articles" / _file_name(article_id)).exists(), article_id
    with open_store(store) as state:
        held = len(state)
        assert held >= len(index.get("articles", {}))
    journal = store / "journal.jsonl"
    if journal.exists():  # replayed and cut to whole lines
        data = journal.read_bytes()
        assert not data or data.endswith(b"\n")
        for line in data.splitlines():
            json.loads(line)
    return held


def _moment(rng: random.Random, store: Path, out: Path):  # type: ignore[no-untyped-def]
    """When to kill: after a random time, or at a random step (a chunk journaled, the index or an
    export being written), so that kills land in every phase."""
    kind = rng.choice(["time", "time", "journal", "commit", "exports"])
    if kind == "time":
        after = rng.uniform(0.2, 5.0)
        return f"after {after:.1f} s", lambda elapsed: elapsed >= after
    if kind == "journal":
        lines = rng.choice([1, 16, 32])
        journal = store / "journal.jsonl"
        return f"journal >= {lines}", lambda elapsed: journal.exists() and journal.read_bytes().count(b"\n") >= lines
    if kind == "commit":
        return "index being written", lambda elapsed: store.exists() and any(
            n.startswith(".index.json.") for n in os.listdir(store))
    name = rng.choice(EXPORTS)
    return f"{name} being written", lambda elapsed: any(n.startswith(f".{name}.") for n in os.listdir(out))


def test_random_kills_of_a_store_build(tmp_path: Path, previous: dict[str, bytes], reference: Path) -> None:
    rng = random.Random(SEED)
    new = exports(reference / "out")
    rounds = 0
    store, out = tmp_path / "store0", tmp_path / "out0"
    seed(out, previous)
    kills: list[tuple[int, str, float, int]] = []  # round, moment, seconds, workers alive at the kill
    completed = 0
    started = time.monotonic()
    while len(kills) < MAX_KILLS and time.monotonic() - started < BUDGET_SECONDS:
        held = _check_store(store)
        what, due = _moment(rng, store, out)
        proc = start(kg("build", *INPUTS, "--store", store, "--out", out, "--workers", "2"))
        t0 = time.monotonic()
        try:
            while proc.poll() is None and not due(time.monotonic() - t0):
                if time.monotonic() - t0 > LONGEST_RUN:  # a busy machine: kill now, the checks are the same
                    what += f", or at {LONGEST_RUN:.0f} s"
                    break
                time.sleep(0.002)
            if proc.poll() is None:
                workers = len(children(proc.pid))
                os.kill(proc.pid, signal.SIGKILL)  # the build alone, as the OOM killer does
                proc.wait()
                assert gone(proc.pid) == [], f"processes left after a kill {what}"
                kills.append((rounds, what, round(time.monotonic() - t0, 2), workers))
            else:
                code = proc.wait()
                summary = proc.stderr.read().decode() if proc.stderr else ""
                assert code == 0, summary
                # it resumed: only the articles not yet in the store were extracted
                assert f"articles read: {36 - held}; skipped: 0" in summary, (held, summary)
                assert exports(out) == new
                completed += 1
                rounds += 1  # start again from scratch, so that kills keep landing in extraction
                store, out = tmp_path / f"store{rounds}", tmp_path / f"out{rounds}"
                seed(out, previous)
                continue
        finally:
            reap(proc.pid)
            proc.wait()
        # after every kill: each export whole, the old one or the new one; nothing else but hidden temp files
        for name, data in exports(out).items():
            assert data in (previous[name], new[name]), (kills[-1], name)
        assert set(exports(out)) == set(EXPORTS)
        for stray in set(os.listdir(out)) - set(EXPORTS):
            assert stray.startswith(".") and stray.endswith(".tmp"), stray

    # the last store, resumed to the end, is the uninterrupted build's, byte for byte
    held = _check_store(store)
    proc = start(kg("build", *INPUTS, "--store", store, "--out", out, "--workers", "2"))
    code = proc.wait(120)
    summary = proc.stderr.read().decode() if proc.stderr else ""
    reap(proc.pid)
    assert code == 0, summary
    assert re.search(rf"articles read: {36 - held}; skipped: 0", summary), (held, summary)
    assert exports(out) == new
    mine, theirs = store_files(store), store_files(reference / "store")
    differing = sorted(k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k))
    assert differing == [], f"the resumed store differs from the uninterrupted one: {differing} (kills: {kills})"
    assert quads(store) == quads(reference / "store")
    print(f"\nkills survived: {len(kills)} (builds that ended before their kill: {completed}; "
          f"{time.monotonic() - started:.1f} s)")
    for number, what, seconds, workers in kills:
        print(f"  round {number}, kill {what} at {seconds:.2f} s, {workers} workers alive")
    assert len(kills) >= 3
