"""Extraction on a Dask cluster: documents go out as paths, extractions come back in order.

``kg build INPUT... --dask tcp://host:8786`` sends each report *path* to an existing
``dask.distributed`` cluster (``--dask local`` starts a :class:`distributed.LocalCluster` on
this machine); every worker reads its own file, runs the whole pipeline and returns the
document's extraction. The client keeps at most ``window`` documents in flight or waiting
to be merged, so its memory does not grow with the number of reports, and it yields the
extractions in input order, so the graph equals the one a local build makes.

Failures stay per document: a report that cannot be read comes back as a problem line
(as in a local build), and a task that raises is reported with its path while the rest go
on. A worker lost mid-run is handled by Dask itself: its tasks are rescheduled on the
workers that remain (``distributed.scheduler.allowed-failures`` times before a task is
declared lost, which is then reported like any other failure).

The workers need this package installed (the same version as the client); they load the
jieba dictionary and compile the rules once, when they first receive work.
"""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from typing import Any, TypeVar

from kg.errors import KGError

__all__ = ["DEFAULT_WINDOW", "LOCAL", "DaskSession", "dask_map"]

log = logging.getLogger(__name__)

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")

#: ``--dask local``: start a LocalCluster here instead of connecting to a scheduler.
LOCAL = "local"
#: Documents in flight or waiting to be merged, per worker thread of the cluster.
DEFAULT_WINDOW = 4


_warm: list[bool] = []  # set once per worker process


def _call_warm(func: Callable[[Any], Any], item: Any) -> Any:
    """Run ``func(item)`` on a worker, paying the per-process start-up (jieba, rules) once."""
    if not _warm:
        from extractors.pipeline import warm_up  # noqa: PLC0415 - imported on the worker

        warm_up()
        _warm.append(True)
    return func(item)


def _client(address: str, workers: int | None) -> tuple[Any, ExitStack]:
    """A connected client (and what closes it): a LocalCluster for ``local``, else the scheduler at ``address``."""
    try:
        from distributed import Client, LocalCluster  # noqa: PLC0415 - only dask builds pay the import
    except ImportError:  # pragma: no cover - a dependency of the package
        raise KGError("--dask needs the dask[distributed] package; install gov-report-kg again") from None
    if not logging.getLogger().isEnabledFor(logging.INFO):  # kg --verbose shows the cluster's own log
        logging.getLogger("distributed").setLevel(logging.WARNING)
    stack = ExitStack()
    try:
        if address == LOCAL:
            cluster = stack.enter_context(LocalCluster(n_workers=workers or None, threads_per_worker=1,
                                                       processes=True, dashboard_address=":0"))
            client = stack.enter_context(Client(cluster))
        else:
            client = stack.enter_context(Client(address, timeout="10s"))
    except (OSError, TimeoutError, ValueError) as error:
        stack.close()
        raise KGError(f"cannot reach the Dask scheduler at {address} ({error}); start one with `dask scheduler` "
                      "and workers with `dask worker ADDRESS`, or use --dask local") from None
    return client, stack


def _threads(client: Any) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # noqa: BLE001 - a cluster still starting has no workers yet
        return 1


class DaskSession:
    """One connection to a Dask cluster (or one LocalCluster) for every stage of a build.

    ``with DaskSession(address) as session: session.map(func, items)`` — a streaming build
    runs its extraction, partition and merge tasks through one session, so ``--dask local``
    starts one cluster, not three.
    """

    def __init__(self, address: str, workers: int | None = None) -> None:
        self.address = address
        self.workers = workers
        self.client: Any = None
        self._stack: ExitStack | None = None

    def __enter__(self) -> DaskSession:
        self.client, self._stack = _client(self.address, self.workers)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stack is not None:
            self._stack.close()
        self.client = self._stack = None

    def sees(self, folder: str) -> bool:
        """Whether every worker of the cluster sees ``folder`` (a file system shared with this machine)."""
        import os  # noqa: PLC0415

        try:
            answers = self.client.run(os.path.isdir, folder)
        except Exception:  # noqa: BLE001 - no worker yet: the tasks will tell
            return True
        return all(answers.values())

    def map(self, func: Callable[[_Item], _Result], items: Sequence[_Item], *, window: int | None = None,
            warm: bool = True, name: str = "kg-extract", strict: bool = False) -> Iterator[_Result | str]:
        """``func`` over ``items`` on the cluster, yielded in input order (see :func:`dask_map`).

        ``warm=False`` skips the extraction's start-up on the workers (tasks that merge and
        write); ``name`` prefixes the task keys; with ``strict`` a failed task raises
        :class:`KGError` instead of yielding a problem line (a stage whose every task counts).
        """
        from distributed import as_completed  # noqa: PLC0415

        client = self.client
        limit = window or DEFAULT_WINDOW * _threads(client)
        tag = uuid.uuid4().hex[:8]
        futures: dict[Any, int] = {}
        done: dict[int, Any] = {}
        queue = as_completed()
        next_submit = next_yield = 0

        def submit() -> None:
            nonlocal next_submit
            while next_submit < len(items) and len(futures) + len(done) < limit:
                item = items[next_submit]
                key = f"{name}-{tag}-{next_submit}"
                future = (client.submit(_call_warm, func, item, key=key, pure=False) if warm
                          else client.submit(func, item, key=key, pure=False))
                futures[future] = next_submit
                queue.add(future)
                next_submit += 1

        submit()
        while next_yield < len(items):
            while next_yield not in done:
                future = next(queue)
                number = futures.pop(future)
                if future.status == "finished":
                    done[number] = future.result()
                else:
                    try:
                        error = future.exception()
                    except BaseException as cancelled:  # noqa: BLE001 - a cancelled or lost task
                        error = cancelled
                    shown = getattr(items[number], "path", items[number])
                    log.warning("%s failed on the cluster: %r", shown, error)
                    if strict:
                        raise KGError(f"a {name} task failed on the cluster ({type(error).__name__}: {error}); "
                                      "nothing was written, run the build again")
                    done[number] = (f"{shown}: extraction failed on the cluster "
                                    f"({type(error).__name__}: {error}); the other documents were built")
                future.release()
            result = done.pop(next_yield)
            next_yield += 1
            submit()
            yield result


def dask_map(func: Callable[[_Item], _Result], items: Sequence[_Item], address: str, *,
             window: int | None = None, workers: int | None = None) -> Iterator[_Result | str]:
    """``func`` over ``items`` on the Dask cluster at ``address`` (or ``"local"``), yielded in input order.

    At most ``window`` items (default :data:`DEFAULT_WINDOW` × the cluster's worker threads) are
    submitted or finished but not yet yielded, so the caller holds a bounded number of results.
    An item whose task raises yields ``"<item>: extraction failed on the cluster (…)"`` instead
    of a result; the others go on. ``func`` must be importable on the workers (a module-level
    function or a ``functools.partial`` of one). ``workers`` sizes a local cluster.
    """
    with DaskSession(address, workers) as session:
        yield from session.map(func, items, window=window)
