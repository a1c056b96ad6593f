"""kg.heap: the collector stays off while a graph is built, and looks for garbage cycles only while it finds some."""
from __future__ import annotations

import gc
import weakref

from kg import heap


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_keep_frees_a_cycle_dropped_before_the_first_look():
    with heap.long_lived():
        cycle = _Node()
        gone = weakref.ref(cycle)
        del cycle
        assert gone() is not None  # automatic collection is off inside
        heap.keep()  # the first document of a build is always looked at
        assert gone() is None


def test_looks_space_out_while_they_find_nothing(monkeypatch):
    looks: list[int] = []
    collect = gc.collect

    def counting(generation: int = 2) -> int:
        looks.append(len(looks))
        return collect(generation)

    with heap.long_lived():
        collect(0)  # nothing young left to find
        monkeypatch.setattr(gc, "collect", counting)
        calls = []
        for document in range(1, 17):
            before = len(looks)
            heap.keep()
            if len(looks) > before:
                calls.append(document)
    assert calls == [1, 3, 7, 15]  # each gap twice the one before


def test_a_look_that_finds_cycles_looks_again_at_the_next_document():
    def dropped_cycle() -> weakref.ref:
        cycle = _Node()
        return weakref.ref(cycle)  # (the cycle is garbage once this returns)

    gc.collect()
    with heap.long_lived():
        first = dropped_cycle()
        heap.keep()  # document 1: a look, which finds the cycle
        assert first() is None
        heap.keep()  # document 2: looked at again, finds nothing: the next look two documents later
        skipped = dropped_cycle()
        heap.keep()  # document 3: no look, the cycle is frozen with the rest
        assert skipped() is not None
        fourth = dropped_cycle()
        heap.keep()  # document 4: a look
        assert fourth() is None
        fifth = dropped_cycle()
        heap.keep()  # document 5: looked at again, as the last look found a cycle
        assert fifth() is None
    gc.collect()
    assert skipped() is None  # given back to the collector when the build ends


def test_collection_is_switched_back_on_after_the_build():
    assert gc.isenabled()
    with heap.long_lived():
        assert not gc.isenabled()
    assert gc.isenabled()
