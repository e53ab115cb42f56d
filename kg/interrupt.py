"""Ctrl-C and SIGTERM: stop at once, keep what was complete, never half of a set of files.

:func:`handled` (the ``kg build`` command runs inside it) turns SIGINT and SIGTERM into
:class:`Interrupted`, a :class:`KeyboardInterrupt` that knows its signal: the build unwinds (worker
processes are ended, temporary files deleted) and the command prints one line and exits with
128 + the signal's number (130 for SIGINT, 143 for SIGTERM), as a shell reports a process a
signal stopped.

:func:`deferred` marks a short section that a signal must not cut in two (the renames that put
four new exports in place, an index and its journal): a signal that arrives meanwhile is held
and acted on at the end of the section, once it is complete.  Outside :func:`handled` (library
callers) it holds the signal the same way and then hands it to the handler that was there
before (by default, SIGINT's :class:`KeyboardInterrupt`, SIGTERM's end of the process).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

__all__ = ["SIGNALS", "Interrupted", "deferred", "handled"]

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """The build was stopped by ``signum``.  ``done``: what was completed before it took effect (a
    signal held by :func:`deferred` is acted on once its section is complete)."""

    def __init__(self, signum: int, done: str | None = None) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.done = done
        self.result: Any = None  # the build's partial result, when the build attached it

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def handled() -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`Interrupted` in this block (main thread only)."""
    if not _main_thread():
        yield
        return
    previous = {s: signal.signal(s, _raise) for s in SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


_held: list[int] = []  # signals received in a deferred section, oldest first
_depth = 0


def _hold(signum: int, frame: FrameType | None) -> None:
    _held.append(signum)


@contextmanager
def deferred(done: str | None = None) -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block is complete (main thread; nested blocks: the
    outermost acts).  ``done`` says what the block completes, for the message."""
    global _depth
    if not _main_thread():
        yield
        return
    if _depth:
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
        return
    previous: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {
        s: signal.signal(s, _hold) for s in SIGNALS}
    _depth = 1
    try:
        yield
    finally:
        _depth = 0
        for s, handler in previous.items():
            signal.signal(s, handler)
        held = _held[:1]
        _held.clear()
        if held:  # acted on even when the block failed: the signal is what the user asked for
            if previous[held[0]] is _raise:
                raise Interrupted(held[0], done)
            signal.raise_signal(held[0])  # the handler that was there before acts on it now
