"""Helpers for the tests that run ``kg build`` as a real process and stop it: start it in a session of
its own, find every process of that session (the build and its workers) in /proc, and wait for
them to be gone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# every file a build writes into --out (the optional Parquet table too, when pyarrow is installed)
from kg.build import EXPORTS as _ALWAYS  # noqa: E402
from kg.build import OPTIONAL_EXPORTS as _OPTIONAL  # noqa: E402

try:
    import pyarrow  # noqa: F401

    EXPORTS = (*_ALWAYS, *_OPTIONAL)
except ImportError:
    EXPORTS = _ALWAYS
HAVE_PROC = sys.platform.startswith("linux") and Path("/proc/self/stat").exists()


def kg(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *(str(a) for a in args)]


def start(args: list[str]) -> subprocess.Popen[bytes]:
    """``args`` in a new session (its id is the process's pid), stderr captured."""
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def session(sid: int) -> list[tuple[int, int]]:
    """(pid, parent pid) of the live processes (zombies excluded) of session ``sid``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # state ppid pgrp session ...
        if int(fields[3]) == sid and fields[0] not in ("Z", "X"):
            found.append((int(entry), int(fields[1])))
    return found


def children(pid: int) -> list[int]:
    return [p for p, parent in session(pid) if parent == pid]


def gone(sid: int, within: float = 5.0) -> list[tuple[int, int]]:
    """Wait until session ``sid`` has no live process (at most ``within`` seconds); what is left."""
    deadline = time.monotonic() + within
    left = session(sid)
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = session(sid)
    return left


def reap(sid: int) -> None:
    """Kill whatever a failed test left in session ``sid``."""
    import signal

    for pid, _ in session(sid):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def exports(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in EXPORTS if (folder / name).exists()}


def seed(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


ARTICLES = ROOT / "examples" / "articles"
INPUTS = (ARTICLES, ROOT / "examples" / "general")  # 36 articles: chunks of 16, 16 and 4


def quiet(s: object) -> None:
    pass


def store_files(store: Path) -> dict[str, bytes]:
    """Every file of a store but the Oxigraph database (compared through its quads)."""
    return {str(p.relative_to(store)): p.read_bytes() for p in sorted(store.rglob("*"))
            if p.is_file() and "oxigraph" not in p.relative_to(store).parts}


def quads(store: Path) -> list[bytes]:
    """The store's quads as sorted N-Quads lines (the database opened read-only)."""
    import pyoxigraph as ox

    from kg.export.rdf import nquads_lines

    rdf = ox.Store.read_only(str(store / "oxigraph"))
    try:
        return nquads_lines(rdf)
    finally:
        del rdf
