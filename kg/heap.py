"""The cyclic garbage collector and a big graph: off while the graph is built and written.

A build makes millions of small containers (node and edge dicts, lists of docs, years and
evidence) that all live until the graph is written, and the extraction and the writers make
millions more that live a moment. CPython's collector walks the young ones every few hundred
allocations and every long-lived one at each full collection, which happens each time the
long-lived objects grow by a quarter: on the 159-report archive that was ~5 s of a 47 s build,
then ~4 s more (of a 40 s build) in young and full passes over what the extraction and the
writers were making (a third of the page's data time). Yet a build makes almost no garbage
cycles: what it drops is freed by reference counting. So:

* :func:`long_lived` is a context: inside, the collector runs only when asked. :func:`keep`
  (the build calls it after merging each document) freezes what is alive (``gc.freeze()``: a
  generation the collector never walks). Before freezing it may collect the young objects (what
  that document made and left alive or in cycles) — but only while looking pays: a collection
  walks every young object (~4 ms a report, 1 % of a build), and after the first document
  (whose warm-up drops the compiled tables' scaffolding) a report's extraction drops no cycles
  at all on the archive. So once a look finds nothing, the gap to the next look doubles
  (documents 1, 2, 4, 8, 16… of the archive; 1, 3, 7, 15… when the first finds nothing); a look
  that finds cycles looks again at the next document. Cycles a document between looks dropped stay frozen until the context ends, where
  everything is given back to the collector. At exit automatic collection is switched back on
  (if it was on), so a library user's dropped graph is still freed.
* :func:`spare_at_exit` (``kg build``) freezes everything when the interpreter exits, so the
  process ends without a last full collection and without freeing the graph object by object
  (the operating system takes the memory back at once).

Nothing here changes what is built or written, only when the collector looks.
"""
from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["keep", "long_lived", "spare_at_exit"]


def keep() -> None:
    """Keep every object alive now out of the collector's passes (until :func:`long_lived` ends), after
    freeing the young garbage cycles when a look is due (see the module doc: looks space out while they
    find nothing)."""
    global _until_look, _look_gap  # noqa: PLW0603 - one process-wide schedule, as the collector is process-wide
    _until_look -= 1
    if _until_look <= 0:
        _look_gap = 1 if gc.collect(0) else _look_gap * 2
        _until_look = _look_gap
    gc.freeze()


_until_look = 0  # documents until the next look for garbage cycles (0: at the next keep)
_look_gap = 1  # documents between looks: doubles while looks find nothing


@contextmanager
def long_lived() -> Iterator[None]:
    """No automatic collection inside; freeze what is alive on entry and on each :func:`keep`; give it all
    back to the collector on exit (and switch automatic collection back on if it was on).

    Nested contexts give everything back when the outermost one ends; objects someone froze
    before the outermost one began stay frozen (the collector cannot tell them apart, so then
    nothing is given back).
    """
    global _depth  # noqa: PLW0603 - one process-wide count, as the collector itself is process-wide
    outer = _depth == 0 and gc.get_freeze_count() > 0
    automatic = gc.isenabled()
    if _depth == 0:
        _restart_looks()
    _depth += 1
    gc.disable()
    gc.freeze()
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0 and not outer:
            gc.unfreeze()
        if automatic:
            gc.enable()


_depth = 0


def _restart_looks() -> None:
    """A new build looks for cycles at its first document again (its warm-up may drop some)."""
    global _until_look, _look_gap  # noqa: PLW0603
    _until_look, _look_gap = 0, 1


def spare_at_exit() -> None:
    """Freeze every object when the interpreter exits (once registered, for the whole process)."""
    global _at_exit  # noqa: PLW0603
    if not _at_exit:
        atexit.register(gc.freeze)
        _at_exit = True


_at_exit = False
