"""Exports are never half-written: a real ``kg build`` process killed with SIGKILL at several moments
(while starting, while extracting, while writing each export) leaves each of the four exports either
as the previous complete file or as the new complete file, both readable, and any temporary file it
leaves behind is hidden and named so that nothing takes it for an export."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree

from kg.build import EXPORTS as BUILD_EXPORTS
from kg.build import OPTIONAL_EXPORTS

EXPORTS = ("graph.ttl", "graph.nq", "graph.graphml", "graph.gexf")
ALL_EXPORTS = (*BUILD_EXPORTS, *OPTIONAL_EXPORTS)  # the events table, the map, ... are written too
EXPORT_SUFFIXES = (".ttl", ".nq", ".graphml", ".gexf")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or not hasattr(os, "killpg"), reason="POSIX only")

FIRST = ["William", "Samia", "Olaf", "Emmanuel", "Narendra", "Anthony", "Sergei", "Pedro", "Giorgia", "Justin",
         "Fumio", "Recep", "Luiz", "Cyril", "Abiy", "Jacinda", "Mark", "Ursula", "Charles", "Keir"]
LAST = ["Ruto", "Hassan", "Scholz", "Macron", "Modi", "Blinken", "Lavrov", "Sanchez", "Meloni", "Trudeau",
        "Kishida", "Erdogan", "Ramaphosa", "Ahmed", "Ardern", "Rutte", "Leyen", "Michel", "Albanese", "Starmer"]
CITIES = ["Nairobi", "Berlin", "Paris", "New Delhi", "Washington", "Moscow", "Beijing", "Madrid", "Rome", "Ottawa"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def generate(path: Path, n: int, seed: int) -> Path:
    """``n`` short articles with a held meeting and a planned visit each, between varied people."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            a = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            b = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            text = (f"President {a} met Prime Minister {b} in {rng.choice(CITIES)} on {rng.randint(1, 28)} "
                    f"{rng.choice(MONTHS)} {rng.randint(2015, 2024)}. The two leaders discussed trade, officials said.\n"
                    f"{a} will visit {rng.choice(CITIES)} next month for talks with {b}, the ministry said.\n")
            fh.write(json.dumps({"id": f"s{seed}-{i}", "text": text, "published": f"{rng.randint(2015, 2024)}-05-1{i % 10}"})
                     + "\n")
    return path


def _command(source: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "kg.cli", "build", str(source), "--out", str(out), "--workers", "1", "-q"]


@dataclass
class Run:
    """One ``kg build`` process and the moment to kill it: after ``after`` seconds, or as soon as the
    temporary file of the export ``during`` appears."""

    out: Path
    after: float | None = None
    during: str | None = None
    proc: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    killed_at: float | None = None
    saw_temp: bool = False
    log: list[str] = field(default_factory=list)

    def start(self, source: Path) -> None:
        self.started = time.monotonic()
        # a session of its own: SIGKILL reaches the build and any process it started, nothing else
        self.proc = subprocess.Popen(_command(source, self.out), cwd=ROOT, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)

    def poll(self) -> bool:
        """Kill when the moment has come; True while the run is still going."""
        assert self.proc is not None
        if self.proc.poll() is not None:
            return False
        due = False
        if self.after is not None and time.monotonic() - self.started >= self.after:
            due = True
        if self.during is not None:
            temps = [n for n in os.listdir(self.out) if n.startswith(f".{self.during}.") and n.endswith(".tmp")]
            if temps:
                self.saw_temp = due = True
        if due:
            self.killed_at = time.monotonic() - self.started
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            return False
        return True


def _run_all(runs: list[Run], source: Path, timeout: float = 120.0) -> None:
    for run in runs:
        run.start(source)
    deadline = time.monotonic() + timeout
    active = list(runs)
    try:
        while active:
            active = [r for r in active if r.poll()]
            assert time.monotonic() < deadline, "kg build took too long"
            time.sleep(0.0005)
    finally:
        for run in runs:
            if run.proc is not None and run.proc.poll() is None:
                os.killpg(run.proc.pid, signal.SIGKILL)
                run.proc.wait()


def _readable(path: Path) -> None:
    name = path.name
    if name == "graph.ttl":
        list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    elif name == "graph.nq":
        list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    elif name == "graph.graphml":
        nx.read_graphml(path)
    else:
        etree.parse(str(path))
        nx.read_gexf(path)


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """The new input, the previous complete exports (of another input) and the new complete exports
    (an uninterrupted ``kg build`` process)."""
    from kg.build import build

    base = tmp_path_factory.mktemp("kill")
    old = generate(base / "old.jsonl", 30, seed=1)
    new = generate(base / "new.jsonl", 150, seed=2)
    build([old], base / "previous", nlp=nlp, on_skip=lambda s: None)
    previous = {name: (base / "previous" / name).read_bytes() for name in EXPORTS}
    subprocess.run(_command(new, base / "reference"), cwd=ROOT, check=True, timeout=300,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reference = {name: (base / "reference" / name).read_bytes() for name in EXPORTS}
    for name in EXPORTS:
        assert previous[name] != reference[name]
        _readable(base / "reference" / name)
    return new, previous, reference


def test_sigkill_never_leaves_a_half_written_export(tmp_path: Path, exports: tuple[Path, dict[str, bytes], dict[str, bytes]],
                                                    nlp: object) -> None:
    from kg.build import build

    source, previous, reference = exports
    runs = [Run(tmp_path / "at-0.5s", after=0.5), Run(tmp_path / "at-1.5s", after=1.5)]
    runs += [Run(tmp_path / f"during-{name}", during=name) for name in EXPORTS]
    for run in runs:
        run.out.mkdir()
        for name in EXPORTS:
            (run.out / name).write_bytes(previous[name])
    _run_all(runs[:2], source)  # while starting and loading the model, while extracting
    _run_all(runs[2:4], source)  # two at a time: while writing each export
    _run_all(runs[4:], source)

    outcomes = {}
    for run in runs:
        state = []
        for name in EXPORTS:
            data = (run.out / name).read_bytes()
            assert data in (previous[name], reference[name]), f"{run.out.name}: {name} is neither the old nor the new file"
            _readable(run.out / name)
            state.append("new" if data == reference[name] else "old")
        strays = sorted(set(os.listdir(run.out)) - set(ALL_EXPORTS))
        for stray in strays:  # what a kill can leave: a hidden temporary file, never named like an export
            assert stray.startswith(".") and stray.endswith(".tmp"), stray
            assert not stray.endswith(EXPORT_SUFFIXES)
        outcomes[run.out.name] = (run.killed_at, state, strays)

    # the kills did land where they were meant to
    assert outcomes["at-0.5s"][1] == ["old"] * 4 and outcomes["at-1.5s"][1] == ["old"] * 4
    during = [r for r in runs if r.during]
    assert sum(r.saw_temp and r.killed_at is not None for r in during) >= 2, outcomes
    assert any(strays for _, _, strays in outcomes.values()), "no kill landed while an export was being written"
    for run in runs:
        _, state, strays = outcomes[run.out.name]
        for name, version in zip(EXPORTS, state, strict=True):
            if any(stray.startswith(f".{name}.") for stray in strays):
                assert version == "old", (run.out.name, name)  # killed before its rename: the old file stays

    # a complete build into a folder a killed one left behind gives the new exports, byte for byte
    killed = runs[-1].out
    build([source], killed, nlp=nlp, on_skip=lambda s: None)
    for name in EXPORTS:
        assert (killed / name).read_bytes() == reference[name], name
    print({k: (round(v[0], 2) if v[0] else None, v[1], len(v[2])) for k, v in outcomes.items()})


def test_stray_temporary_files_are_not_read_as_inputs_or_exports(tmp_path: Path) -> None:
    """A folder holding a killed build's leftovers can be given to ``kg build`` again: hidden files are
    not inputs."""
    from kg.ingest import iter_paths

    (tmp_path / ".graph.ttl.abc123.tmp").write_text("@prefix broken")
    (tmp_path / "a.txt").write_text("Leaders met in Oslo.")
    assert [p.name for p in iter_paths([tmp_path])] == ["a.txt"]  # type: ignore[union-attr]
