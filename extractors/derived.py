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
from functools import wraps
from typing import Any, TypeVar

__all__ = ["derived", "per_vocabulary", "suffix_rule", "longest_first", "place_suffixes"]

T = TypeVar("T")
_SLOT = "_derived_tables"

#: Tables remembered per vocabulary function before its memory is emptied (objects made per call would pile up).
_PER_VOCABULARY_LIMIT = 256


def per_vocabulary(build: Callable[[Any], T]) -> Callable[[Any], T]:
    """``build(words)`` remembered per vocabulary object, by its identity: a rule book's vocabularies (tuples,
    sets, lists) are loaded once per process and never changed, so the table is built once per object and found
    again without hashing the words on every call. (The object is kept with its table, so an id is never reused
    while remembered.)"""
    remembered: dict[int, tuple[Any, T]] = {}

    @wraps(build)
    def table_of(words: Any) -> T:
        found = remembered.get(id(words))
        if found is None or found[0] is not words:
            if len(remembered) >= _PER_VOCABULARY_LIMIT:
                remembered.clear()
            found = remembered[id(words)] = (words, build(words))
        return found[1]

    return table_of


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


def _suffix_rules_by_id(rules: Any) -> dict[str, Any]:
    by_id: dict[str, Any] = {}
    for found in rules.suffixes.values():
        for rule in found:
            by_id.setdefault(rule.id, rule)
    return by_id


def suffix_rule(rules: Any, rule_id: str) -> Any:
    """The first suffix rule of the book with id ``rule_id`` (in the order of the data), or None: one look-up
    in a table built once per book, not a scan of every suffix rule per mention."""
    return derived(rules, _suffix_rules_by_id).get(rule_id)


@per_vocabulary
def longest_first(words: Any) -> tuple[str, ...]:
    """``sorted(words, key=len, reverse=True)`` of a vocabulary object of a rule book, sorted once."""
    return tuple(sorted(words, key=len, reverse=True))


def _place_suffix_words(rules: Any) -> tuple[str, ...]:
    return tuple(s for s, found in rules.suffixes.items() if len(s) >= 2 and found[0].label == "Place")


def place_suffixes(rules: Any) -> tuple[str, ...]:
    """The place suffixes of two characters or more (开发区, 经开区, 沙地, 草原, 街道), in the order of the data,
    built once per book (words before one name a place, not a firm or a body)."""
    return derived(rules, _place_suffix_words)
