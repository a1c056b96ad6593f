"""Tables derived once per rule book, and the indexes built on them give what a scan gives."""
from __future__ import annotations

from dataclasses import replace

import pytest

from extractors.derived import derived
from extractors.lists import _head_table
from extractors.records import Entity
from extractors.relation_ends import place_forms_in
from extractors.rules import load_rules


def test_derived_is_built_once_per_book():
    calls = []

    def build(rules):
        calls.append(rules)
        return len(rules.list_heads)

    book = load_rules()
    other = replace(book)  # another book with the same data
    assert derived(book, build) == derived(book, build) == len(book.list_heads)
    assert derived(other, build) == len(other.list_heads)
    assert len(calls) == 2 and calls[0] is book and calls[1] is other  # a book of its own gets a table of its own


@pytest.mark.parametrize("piece", ["重点项目", "项目", "企业", "龙头企业", "水电站", "高速公路", "区域", "村", "", "目"])
def test_list_head_index_matches_a_scan(piece):
    rules = load_rules()
    heads = _head_table(rules)
    scanned = None
    for head in rules.list_heads:  # the last head of the data that the piece ends with
        if piece.endswith(head):
            scanned = head
    ending = [heads.order[piece[-k:]] for k in heads.lengths if len(piece) >= k and piece[-k:] in heads.order]
    assert (heads.words[max(ending)] if ending else None) == scanned
    assert (piece in heads.prefixes) == any(head.startswith(piece) for head in rules.list_heads if piece)


def test_place_forms_in_leaves_out_the_holder_by_identity():
    city, county, holder = Entity("株洲市", "Place"), Entity("荷塘区", "Place"), Entity("株洲", "Place")
    forms = [("株洲市", city), ("荷塘区", county), ("株洲", holder), ("株洲", city)]
    name = "株洲荷塘区产业园"
    assert place_forms_in(name, forms, exclude=holder) == \
        place_forms_in(name, [(f, p) for f, p in forms if p is not holder]) == [(0, "株洲", city), (2, "荷塘区", county)]
    assert place_forms_in(name, forms) == [(0, "株洲", holder), (2, "荷塘区", county)]


def test_per_vocabulary_builds_once_per_object():
    """A table is built once per vocabulary object and found again by identity; an equal but other object gets
    its own build (two rule books may hold equal lists), and the memory empties past its limit."""
    from extractors.derived import _PER_VOCABULARY_LIMIT, per_vocabulary  # noqa: PLC0415

    calls = []

    @per_vocabulary
    def joined(words):
        calls.append(words)
        return "|".join(words)

    first = ("甲", "乙")
    assert joined(first) == "甲|乙" and joined(first) == "甲|乙"
    assert len(calls) == 1
    kept = [tuple([str(i)]) for i in range(_PER_VOCABULARY_LIMIT + 1)]
    for words in kept:
        joined(words)
    assert joined(first) == "甲|乙" and len(calls) == 1 + len(kept) + 1  # emptied once, built again
    other = list(first)  # equal words, another object
    assert joined(other) == "甲|乙" and len(calls) == len(kept) + 3
