"""Atomic file writes: readers see the old file or the complete new one, never a partial one.

The data go to a temporary file in the target's own directory (so that the final rename stays on
one file system), are flushed and fsync'ed, and the temporary file is then renamed onto the target
with :func:`os.replace` (atomic on POSIX and on Windows).  If the body of the ``with`` block
raises, the temporary file is deleted and the target is left exactly as it was.

:func:`atomic_group` extends this to a set of files (a build's four exports): inside it, each
:func:`atomic_write` leaves its complete temporary file in place, and the renames happen together
when the group ends, in a section SIGINT and SIGTERM do not cut (:func:`kg.interrupt.deferred`);
if the group fails or is interrupted before that, every temporary file is deleted and every
target is left as it was.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Any, BinaryIO, Literal, TextIO, overload

from ..interrupt import deferred

__all__ = ["atomic_group", "atomic_write"]

# the renames an open atomic_group will make: (temporary file, target)
_GROUP: ContextVar[list[tuple[Path, Path]] | None] = ContextVar("atomic_group", default=None)


@overload
def atomic_write(path: Path | str, mode: Literal["w"] = "w") -> AbstractContextManager[TextIO]: ...


@overload
def atomic_write(path: Path | str, mode: Literal["wb"]) -> AbstractContextManager[BinaryIO]: ...


def atomic_write(path: Path | str, mode: str = "w") -> AbstractContextManager[IO[Any]]:
    """Open ``path`` for writing, atomically.

    ``mode`` is ``"w"`` (text: UTF-8, ``"\\n"`` line ends on every platform) or ``"wb"``.
    Usage::

        with atomic_write(path, "wb") as fh:
            fh.write(data)

    The new file gets the permission bits of the file it replaces, or, for a new file, the usual
    ``0o666`` minus the process umask (not the ``0o600`` of :mod:`tempfile`).  A symbolic link at
    ``path`` is replaced by a regular file.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write: mode must be 'w' or 'wb', not {mode!r}")
    return _atomic_write(Path(path), mode)


@contextmanager
def _atomic_write(target: Path, mode: str) -> Iterator[IO[Any]]:
    directory = target.parent
    text = mode == "w"
    tmp = None
    try:  # from the moment the temporary file exists: a Ctrl-C at any point deletes it
        tmp = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept on success
            mode=mode,
            dir=directory,
            delete=False,
            prefix=f".{target.name}.",
            suffix=".tmp",
            encoding="utf-8" if text else None,
            newline="\n" if text else None,
        )
        tmp_path = Path(tmp.name)
        with tmp:
            yield tmp
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_path, _permissions_for(target))
        group = _GROUP.get()
        if group is not None:
            group.append((tmp_path, target))
            return
        os.replace(tmp_path, target)
    except BaseException:
        if tmp is not None:
            with suppress(OSError):
                os.unlink(tmp.name)
        raise
    _fsync_directory(directory)


@contextmanager
def atomic_group(done: str | None = None) -> Iterator[None]:
    """The files written with :func:`atomic_write` in this block replace their targets together at
    its end (all of them, in a section signals do not cut), or none of them if the block fails.
    ``done``: what the renames complete (for the message of a signal held until they end)."""
    if _GROUP.get() is not None:  # nested: the outer group renames
        yield
        return
    staged: list[tuple[Path, Path]] = []
    token = _GROUP.set(staged)
    try:
        try:
            yield
        finally:
            _GROUP.reset(token)
        with deferred(done):
            for tmp_path, target in staged:
                os.replace(tmp_path, target)
            for directory in dict.fromkeys(target.parent for _, target in staged):
                _fsync_directory(directory)
    except BaseException:  # failed or interrupted before the renames, or a rename failed
        for tmp_path, _ in staged:
            with suppress(OSError):
                tmp_path.unlink()  # those not renamed yet (the others are gone already)
        raise


def _permissions_for(target: Path) -> int:
    """Permission bits for the new file: the old file's, or 0o666 minus the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        pass
    # os.umask can only be read by setting it; set it straight back.
    current = os.umask(0o022)
    os.umask(current)
    return 0o666 & ~current


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
