"""The ordered parallel map: documents in, results out in input order, memory bounded.

:func:`ordered_map` cuts a stream of items into chunks and runs a task over each chunk's
payloads with a resolver. With one worker (or an input that fits in one chunk) it runs in this
process, with no pool. Otherwise a pool of worker processes is started whose initializer loads
the resolver once per worker, from the same gazetteer paths and options (:class:`ResolverSpec`);
with the ``fork`` start method a worker inherits the resolver the parent already loaded (the
parent always loads it first, to report gazetteer errors before any work starts).

At most ``in_flight`` chunks (default: 4 per worker) are submitted and not yet consumed, so an
input larger than memory streams through: the next chunk is read only when the oldest result
has been taken. Results are yielded in input order, each beside its item.

The pool is a :class:`concurrent.futures.ProcessPoolExecutor` — a multiprocessing pool with an
initializer, like :class:`multiprocessing.pool.Pool` — because when a worker dies (killed by the
out-of-memory killer, say) it raises ``BrokenProcessPool`` instead of waiting forever for the
lost chunk, as ``Pool.imap`` does; and because ``Pool.imap``'s feeder thread would read the whole
input ahead of the workers, which is what bounding the chunks in flight is for.

An exception raised by the task for one payload does not stop the batch: that payload's result
is a :class:`Failed` carrying the message, and the caller rejects the record.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from bnentity.matching.resolver import Resolver

__all__ = ["Failed", "ResolverSpec", "default_workers", "get_resolver", "ordered_map"]

T = TypeVar("T")
P = TypeVar("P")
R = TypeVar("R")

#: Chunks submitted but not yet consumed, per worker.
IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True, slots=True)
class Failed:
    """The task raised for one payload; ``message`` is ``"ExceptionType: message"``."""

    message: str


@dataclass(frozen=True, slots=True)
class ResolverSpec:
    """What to load: gazetteer paths, whether the bundled set is included, match options.

    With no path the bundled gazetteers are loaded; with paths, exactly those, plus the
    bundled set first when ``bundled`` is true. ``options`` are :class:`MatchConfig`
    overrides as ``(name, value)`` pairs. A spec is small and picklable: it is what a worker
    receives to load its own resolver.
    """

    paths: tuple[str, ...] = ()
    bundled: bool = False
    options: tuple[tuple[str, Any], ...] = ()

    def all_paths(self) -> tuple[str, ...]:
        from bnentity.gazetteer.bundled import bundled_path

        if self.bundled or not self.paths:
            return (str(bundled_path()), *self.paths)
        return self.paths

    def fingerprint(self) -> tuple[object, ...]:
        """The spec plus size and modification time of every file it loads, so a cached
        resolver is reloaded when a gazetteer file changes between two calls of ``main``."""
        from bnentity.gazetteer.load import iter_gazetteer_files

        stats: list[tuple[str, int, int]] = []
        for p in self.all_paths():
            for f in iter_gazetteer_files(p):
                try:
                    st = f.stat()
                except OSError:
                    stats.append((str(f), -1, -1))
                else:
                    stats.append((str(f), st.st_size, st.st_mtime_ns))
        return (self.all_paths(), self.options, tuple(stats))

    def load(self) -> Resolver:
        import bnentity

        return bnentity.load(*(Path(p) for p in self.all_paths()), **dict(self.options))


_cached: tuple[tuple[object, ...], Resolver] | None = None


def get_resolver(spec: ResolverSpec) -> Resolver:
    """The resolver of ``spec``, loaded once per process (and again if a file changed).

    Raises :class:`bnentity.GazetteerError` like :func:`bnentity.load`.
    """
    global _cached
    key = spec.fingerprint()
    if _cached is None or _cached[0] != key:
        _cached = (key, spec.load())
    return _cached[1]


def default_workers() -> int:
    """The CPUs this process may run on (its affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


# -- worker side ----------------------------------------------------------------------------

_worker_resolver: Resolver | None = None


def _init_worker(spec: ResolverSpec) -> None:
    """Pool initializer: ignore Ctrl-C (the parent handles it) and load the resolver."""
    global _worker_resolver
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_resolver = get_resolver(spec)


def _apply(task: Callable[[Resolver, P], R], resolver: Resolver, payload: P | None,
           ) -> R | Failed | None:
    if payload is None:
        return None
    try:
        return task(resolver, payload)
    except Exception as e:  # one bad document must not stop the batch
        return Failed(f"{type(e).__name__}: {e}")


def _run_chunk(task: Callable[[Resolver, P], R], payloads: list[P | None],
               ) -> list[R | Failed | None]:
    resolver = _worker_resolver
    if resolver is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker started without its resolver")
    return [_apply(task, resolver, p) for p in payloads]


# -- parent side ----------------------------------------------------------------------------

def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def ordered_map(task: Callable[[Resolver, P], R], items: Iterable[T],
                payload: Callable[[T], P | None], spec: ResolverSpec, *, workers: int,
                chunk_size: int, in_flight: int | None = None,
                ) -> Iterator[tuple[T, R | Failed | None]]:
    """``(item, task(resolver, payload(item)))`` for every item, in input order.

    ``task`` must be a module-level function (it is pickled to the workers) and so must every
    payload. An item whose payload is ``None`` is not sent anywhere; its result is ``None``
    (that is how rejected records keep their place in the output). ``items`` is read lazily.
    Raises ``concurrent.futures.process.BrokenProcessPool`` if a worker process dies.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    chunks = _chunks(items, chunk_size)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None) if workers > 1 else None
    if second is None:
        resolver = get_resolver(spec)
        for chunk in chain([first], chunks):
            for item in chunk:
                yield item, _apply(task, resolver, payload(item))
        return
    get_resolver(spec)  # loaded before the fork: workers inherit it under the fork method
    # A forked worker flushes the sys.stdout/sys.stderr it inherited when it exits: anything
    # still buffered here would be written twice.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    limit = in_flight if in_flight is not None else IN_FLIGHT_PER_WORKER * workers
    pending: deque[tuple[list[T], Future[list[R | Failed | None]] | list[None]]] = deque()
    executor = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                   initargs=(spec,))

    def submit(chunk: list[T]) -> None:
        payloads = [payload(item) for item in chunk]
        if all(p is None for p in payloads):
            pending.append((chunk, [None] * len(chunk)))
        else:
            pending.append((chunk, executor.submit(_run_chunk, task, payloads)))

    try:
        submit(first)
        submit(second)
        for chunk in chunks:
            while len(pending) >= limit:
                yield from _take(pending)
            submit(chunk)
        while pending:
            yield from _take(pending)
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


def _take(pending: deque[tuple[list[T], Future[list[R | Failed | None]] | list[None]]],
          ) -> Iterator[tuple[T, R | Failed | None]]:
    chunk, fut = pending.popleft()
    results: list[R | Failed | None] | list[None] = fut if isinstance(fut, list) else fut.result()
    yield from zip(chunk, results, strict=True)
