"""Worker processes of a build: what each one does with one file, and how they start and stop.

* A worker turns every failure on one file into a plain string (a problem line naming the
  file), never an exception object: some (lxml's) cannot be pickled back to the parent, and
  one bad file must not stop a folder build.
* Workers ignore Ctrl-C (SIGINT): the parent alone handles it, stops them and prints one line,
  so no worker prints a traceback.
* On Linux a worker asks the kernel to end it when its parent dies (``PR_SET_PDEATHSIG``), so
  a killed build takes its workers with it.
"""
from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TypeVar

from extractors.errors import KGError
from extractors.pipeline import Extraction, extract_file, warm_up
from extractors.walk import InputFile

__all__ = ["extract_or_problem", "worker_init", "in_processes"]

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")
_PR_SET_PDEATHSIG = 1


def extract_or_problem(item: InputFile | str | Path, max_bytes: int | None = None) -> Extraction | str:
    """The extraction of one file, or one line saying why it could not be used (never an exception)."""
    path, doc_id = (item.path, item.doc_id) if isinstance(item, InputFile) else (Path(item), None)
    try:
        return extract_file(path, max_bytes=max_bytes, doc_id=doc_id)
    except KGError as error:
        return str(error)
    except OSError as error:
        return f"cannot read {path}: {error.strerror or error}; check the file and its permissions"
    except MemoryError:
        return f"{path} is too large to extract in memory; split it into smaller files"
    except RecursionError:
        return f"{path} is nested too deeply to read (an HTML or Word file with thousands of levels); save it as .txt"
    except Exception as error:  # noqa: BLE001 - one odd file must not stop a folder build
        return f"{path} could not be processed ({type(error).__name__}: {error}); the other files were built"


def _die_with_parent(parent: int) -> None:
    """Ask Linux to send SIGTERM to this process when its parent dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # noqa: PLC0415 - in workers only
    import ctypes.util  # noqa: PLC0415

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def worker_init(parent: int | None = None, warm: bool = True) -> None:
    """Start a worker: ignore Ctrl-C, die with the parent, load the dictionaries and rules once
    (not with ``warm=False``: workers that merge and write, never extract)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent if parent is not None else os.getppid())
    if warm:
        warm_up()


def in_processes(func: Callable[[_Item], _Result], items: Sequence[_Item], jobs: int | None,
                 window: int | None = None, *, warm: bool = True) -> Iterator[_Result]:
    """``func`` over ``items`` in order: in this process for one job, else in ``jobs`` worker processes.

    Results are yielded as they arrive; with ``window``, at most that many items are submitted
    and not yet yielded, so a slow reader never holds more results than that (streaming builds);
    ``warm=False`` starts workers without the extraction's dictionaries and rules (merge tasks).
    When the caller stops early — Ctrl-C, an error, or simply not reading on — the workers are
    terminated at once instead of finishing the queue.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(items) <= 1:
        yield from map(func, items)
        return
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - multiprocessing only when it is used

    workers = min(jobs, len(items))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_init,
                               initargs=(os.getpid(), warm))
    finished = False
    try:
        ahead = len(items) if window is None else max(1, window)
        futures = deque(pool.submit(func, item) for item in items[:ahead])  # not pool.map: it cancels on exit
        following = iter(items[ahead:])
        while futures:
            result = futures.popleft().result()
            for item in islice(following, 1):
                futures.append(pool.submit(func, item))
            yield result
        finished = True
    finally:
        if finished:
            pool.shutdown()
        else:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()
            # no future is cancelled: Python 3.11's pool thread trips over cancelled futures of dead workers
            # and prints a traceback; left alone they simply fail, and nobody reads them
            pool.shutdown(wait=False)
