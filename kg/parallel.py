"""Extraction engines: one process, a pool of worker processes, or a Dask distributed cluster.

Every engine runs the same unit of work, :func:`process_chunk`: a chunk of articles in,
one :class:`Outcome` per article out (its metadata without the text, its resolved mentions, its
word count, or why it failed).  Chunks come back in the order they went out and extraction does
not depend on which chunk or process an article lands in, so every engine gives the same build.

Only a bounded number of chunks is in flight at any time: inputs are read as the workers ask for
more, never all at once.

Worker processes load the spaCy pipeline once each (:func:`kg.extract.nlp.load_nlp` is cached
per process); on Linux they are forked, and inherit a pipeline the parent has already loaded.
Dask workers load it on their first task, or at start-up with ``dask worker ... --preload
kg.parallel`` (see :func:`dask_setup`).

Worker processes never outlive the build.  Each one asks the kernel to kill it when its parent
dies, however it dies (Linux ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: a ``kill -9`` or the OOM
killer), and checks its parent besides (a watch thread, and before each chunk: for the moment
between its start and that request, and for systems without it).  Workers ignore SIGINT (Ctrl-C
reaches the whole process group: the parent decides) and die on SIGTERM.  The parent ends its
workers on every way out of the pool: when it fails or is interrupted they are terminated at
once, not waited for.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Any

from .errors import KGError
from .model import Article, Mention

__all__ = ["Outcome", "chunked", "default_workers", "process_chunk", "run_chunks", "dask_setup"]

BATCH_ARTICLES = 16  # articles per chunk: small enough to balance two workers on a few hundred articles

# One extraction at a time per process: spaCy's ``select_pipes`` (used by the extractor) changes the
# pipeline in place, so threads sharing a pipeline (Dask workers with several threads, or a
# LocalCluster with processes=False) must take turns.
_LOCK = threading.Lock()
_NLP: Any = None  # the pipeline handed to the pool (inherited by forked workers)
_PARENT: int | None = None  # in a worker process: the pid of the build that started it
PARENT_CHECK_SECONDS = 0.2  # how often a worker's watch thread looks at its parent
DASK_TIMEOUT = 5.0  # seconds to reach a Dask scheduler
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


@dataclass(frozen=True)
class Outcome:
    """What became of one article: kept (``error`` is None) with its resolved mentions, or failed."""

    article: Article  # metadata only: the text is dropped after extraction
    mentions: tuple[Mention, ...] = ()
    words: int = 0
    error: str | None = None


def default_workers() -> int:
    """Worker processes used by ``kg build`` when ``--workers`` is not given: the CPUs, at most 2."""
    return max(1, min(2, os.cpu_count() or 1))


def without_text(article: Article) -> Article:
    """The article's metadata, and the fingerprint of its text (to tell copies of one story apart)."""
    from .resolve.copies import fingerprint

    return replace(article, text="", fingerprint=article.fingerprint or fingerprint(article.text))


def _pipeline(nlp: Any = None) -> Any:
    if nlp is not None:
        return nlp
    if _NLP is not None:
        return _NLP
    from .extract.nlp import load_nlp

    return load_nlp()


def process_chunk(chunk: list[Article], nlp: Any = None) -> list[Outcome]:
    """Extract and resolve a chunk of articles in one batch; if the batch fails, it is redone one
    article at a time, so that one bad article is reported with its reason and the rest are kept."""
    from .extract import extract_batch
    from .model import ArticleExtraction
    from .resolve.merge import resolve_article

    _check_parent()
    with _LOCK:
        pipeline = _pipeline(nlp)
        try:
            extractions: list[ArticleExtraction | None] = list(extract_batch(chunk, pipeline))
        except Exception:  # noqa: BLE001 - isolate the article that broke the batch
            extractions = [None] * len(chunk)
        out: list[Outcome] = []
        for art, extraction in zip(chunk, extractions, strict=True):
            try:
                extraction = extraction or extract_batch([art], pipeline)[0]
                mentions = tuple(resolve_article(art, extraction, keep_pending=True))
            except Exception as exc:  # noqa: BLE001 - one bad article never stops a build
                out.append(Outcome(without_text(art), error=f"extraction failed ({type(exc).__name__}: {exc})"))
                continue
            out.append(Outcome(without_text(art), mentions, len(art.text.split())))
    return out


def chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_chunks(chunks: Iterable[list[Article]], *, workers: int = 1, dask: Any = None, nlp: Any = None,
               dask_timeout: float = DASK_TIMEOUT) -> Generator[list[Outcome], None, None]:
    """The outcomes of each chunk, in order: here (``workers == 1``), in ``workers`` processes, or on
    the Dask cluster ``dask`` (a scheduler address, reached within ``dask_timeout`` seconds, or a
    ``distributed.Client``)."""
    if dask is not None:
        yield from _run_dask(chunks, dask, dask_timeout)
        return
    it = iter(chunks)
    first = next(it, None)
    if first is None:
        return
    second = next(it, None)
    if workers <= 1 or second is None:  # one chunk: a pool would only add its start-up
        yield process_chunk(first, nlp)
        if second is not None:
            yield process_chunk(second, nlp)
        for chunk in it:
            yield process_chunk(chunk, nlp)
        return
    yield from _run_pool(_chain(first, second, it), workers, nlp)


def _chain(first: list[Article], second: list[Article], rest: Iterator[list[Article]]) -> Iterator[list[Article]]:
    yield first
    yield second
    yield from rest


def _die_with_parent(parent: int) -> None:
    """Make this worker process end when ``parent`` does (see the module docstring)."""
    global _PARENT
    _PARENT = parent
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the watch thread still ends the worker
            pass
    _check_parent()  # the parent may have died before the request was made
    threading.Thread(target=_watch_parent, name="kg-watch-parent", daemon=True).start()


def _check_parent() -> None:
    if _PARENT is not None and os.getppid() != _PARENT:
        os._exit(1)  # orphaned: nobody will read this worker's results


def _watch_parent() -> None:
    while True:
        time.sleep(PARENT_CHECK_SECONDS)
        _check_parent()


def _init_worker(parent: int) -> None:
    """Pool initializer: die with the parent, leave Ctrl-C to it, then load the pipeline once per
    worker (a no-op if inherited from the parent)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the parent's handler
    _die_with_parent(parent)
    try:
        _pipeline()
    except Exception:  # noqa: BLE001 - reported by the first task, with its message
        pass


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's worker processes now (SIGTERM, then SIGKILL after a second), rather than
    wait for the chunks they are on."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    for proc in procs:
        proc.join(1.0)
        if proc.is_alive():
            proc.kill()
            proc.join()


def _run_pool(chunks: Iterator[list[Article]], workers: int, nlp: Any) -> Iterator[list[Outcome]]:
    global _NLP
    methods = mp.get_all_start_methods()
    # fork: workers start at once and share the loaded pipeline's memory (copy on write)
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    _NLP = nlp
    pending: deque[Future[list[Outcome]]] = deque()
    window = 2 * workers
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(os.getpid(),))
    try:
        for chunk in chunks:
            pending.append(pool.submit(process_chunk, chunk))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool as exc:
        _end_workers(pool)
        raise KGError(f"an extraction worker process died ({exc}); retry with --workers 1") from exc
    except BaseException:  # an error, Ctrl-C, SIGTERM, or the consumer closed this generator
        _end_workers(pool)
        raise
    finally:
        _NLP = None
        try:
            pool.shutdown(wait=True, cancel_futures=True)
        except BaseException:  # e.g. Ctrl-C while the workers were being joined
            _end_workers(pool)
            raise


def _client(dask: Any, timeout: float = DASK_TIMEOUT) -> tuple[Any, bool]:
    if not isinstance(dask, str):
        return dask, False
    try:
        from distributed import Client
    except ImportError as exc:
        raise KGError("--dask needs Dask: pip install 'diplomatic-kg[dask]'") from exc
    try:
        return Client(dask, timeout=f"{timeout}s", set_as_default=False), True
    except (OSError, TimeoutError, ValueError) as exc:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise KGError(f"cannot reach the Dask scheduler at {dask} within {timeout:g} s ({reason}); "
                      "is it running? (--dask-timeout sets the wait)") from exc


def _run_dask(chunks: Iterable[list[Article]], dask: Any, timeout: float = DASK_TIMEOUT) -> Iterator[list[Outcome]]:
    client, own = _client(dask, timeout)
    try:
        threads = sum(client.nthreads().values()) or 1
        window = 2 * threads
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(client.submit(process_chunk, chunk, pure=False))
            if len(pending) >= window:
                yield _dask_result(pending.popleft())
        while pending:
            yield _dask_result(pending.popleft())
    finally:
        if own:
            client.close()


def _dask_result(future: Any) -> list[Outcome]:
    try:
        return future.result()
    except KGError:
        raise
    except Exception as exc:  # e.g. the model is missing on a worker, or the worker died
        raise KGError(f"a Dask task failed ({type(exc).__name__}: {exc})") from exc


def dask_setup(worker: Any = None) -> None:
    """``dask worker ADDRESS --preload kg.parallel``: load the spaCy pipeline when the worker starts."""
    from .extract.nlp import load_nlp

    load_nlp()
