"""The cyclic garbage collector and a big graph: what lives to the end is kept out of its full passes.

A build makes millions of small containers (node and edge dicts, lists of docs, years and
evidence) that all live until the graph is written. CPython's collector walks every one of
them at each full collection, and one happens each time the long-lived objects grow by a
quarter: on the 159-report archive that was ~5 s of a 47 s build, most of it during
extraction, plus a last walk and freeing object by object when the process ends.
``gc.freeze()`` moves every object alive at that moment to a generation the collector never
walks; ``gc.unfreeze()`` gives them back, so nothing is lost:

* :func:`long_lived` is a context: inside, :func:`keep` freezes what is alive now (the build
  calls it after merging each document, when the graph is what is alive); at exit everything
  frozen is given back to the collector, so a library user's dropped graph is still freed.
* :func:`spare_at_exit` (``kg build``) freezes everything when the interpreter exits, so the
  process ends without a last full collection and without freeing the graph object by object
  (the operating system takes the memory back at once).
* The per-document extraction makes no reference cycles (it is freed by reference counting
  as soon as it is merged), so freezing after each document keeps no garbage alive; a cycle
  frozen by chance lives until the context ends, not longer.

Nothing here changes what is built or written, only when the collector looks.
"""
from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["keep", "long_lived", "spare_at_exit"]


def keep() -> None:
    """Keep every object alive now out of the collector's passes (until :func:`long_lived` ends)."""
    gc.freeze()


@contextmanager
def long_lived() -> Iterator[None]:
    """Freeze what is alive on entry and on each :func:`keep`; give it all back to the collector on exit.

    Nested contexts give everything back when the outermost one ends; objects someone froze
    before the outermost one began stay frozen (the collector cannot tell them apart, so then
    nothing is given back).
    """
    global _depth  # noqa: PLW0603 - one process-wide count, as the collector itself is process-wide
    outer = _depth == 0 and gc.get_freeze_count() > 0
    _depth += 1
    gc.freeze()
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0 and not outer:
            gc.unfreeze()


_depth = 0


def spare_at_exit() -> None:
    """Freeze every object when the interpreter exits (once registered, for the whole process)."""
    global _at_exit  # noqa: PLW0603
    if not _at_exit:
        atexit.register(gc.freeze)
        _at_exit = True


_at_exit = False
