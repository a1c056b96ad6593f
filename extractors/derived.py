"""Tables derived from a :class:`~extractors.rules.RuleBook`, built once per book on first use.

Rule code often needs a form of the book's data other than the one stored (the list heads as a
set of prefixes, one compiled pattern of every works head): building it inside the function that
uses it repeats the work for every call, and find_mentions runs per document and once more for
every short name the relation rules read alone (tens of thousands of calls on an archive).
:func:`derived` keeps each table on the book itself, keyed by the function that builds it, so the
table lives exactly as long as the book and a book loaded from other files gets tables of its own.
A book's fields are never changed after loading, which is what makes the memory safe.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["derived"]

T = TypeVar("T")
_SLOT = "_derived_tables"


def derived(rules: Any, build: Callable[[Any], T]) -> T:
    """``build(rules)``, computed once per rule book and remembered on it."""
    tables = rules.__dict__.get(_SLOT)
    if tables is None:
        tables = rules.__dict__[_SLOT] = {}
    try:
        return tables[build]
    except KeyError:
        table = tables[build] = build(rules)
        return table
