"""Surface forms of a glossary term and the items a numeric abbreviation stands for.

A report defines ``制造强市“1093”行动`` in its glossary but its body says
``“1093”行动``; it defines ``市五个一批、五大行动`` but the body says
``五大行动``.  :func:`term_variants` lists the forms under which the body may
use a term, so the term can be linked to the entity it defines.
:func:`definition_parts` lists what an abbreviation such as ``三供一业``
enumerates (供水、供电、供热、物业管理), so the graph can link term parts.
All vocabularies (quotes, level prefixes, separators, particles) are data in
``glossary/variants.json``.

Example:
    >>> term_variants("制造强市“1093”行动")[:4]
    ['制造强市“1093”行动', '制造强市1093行动', '1093', '1093行动']
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from extractors.vocabulary import alternation

__all__ = ["TermLike", "term_variants", "definition_parts", "unquote", "is_numeric_abbreviation"]

_DATA = Path(__file__).with_name("variants.json")
_NOTE = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


class TermLike(Protocol):
    """Anything with a term and a definition (a GlossaryEntry), read-only is enough."""

    @property
    def term(self) -> str: ...

    @property
    def definition(self) -> str: ...


@dataclass(frozen=True)
class _Vocab:
    quotes: frozenset[str]
    open_quotes: str
    close_quotes: str
    level_prefixes: frozenset[str]
    numerals: str
    term_split: re.Pattern[str]
    term_conjunction: re.Pattern[str]
    min_conjunct_chars: int
    min_variant_chars: int
    item_split: re.Pattern[str]
    item_conjunction: re.Pattern[str]
    clause_split: re.Pattern[str]
    lead_ins: tuple[str, ...]
    tail: re.Pattern[str]
    particles: tuple[str, ...]
    prepositions: frozenset[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    with open(_DATA, encoding="utf-8") as handle:
        data = json.load(handle)
    numerals = data["numerals"]
    return _Vocab(
        quotes=frozenset(data["quotes"]),
        open_quotes="".join(data["open_quotes"]),
        close_quotes="".join(data["close_quotes"]),
        level_prefixes=frozenset(data["level_prefixes"]),
        numerals=numerals,
        term_split=re.compile(alternation(data["term_separators"])),
        term_conjunction=re.compile(alternation(data["term_conjunctions"])),
        min_conjunct_chars=int(data["min_conjunct_chars"]),
        min_variant_chars=int(data["min_variant_chars"]),
        item_split=re.compile(alternation(data["item_separators"])),
        item_conjunction=re.compile(alternation(data["item_conjunctions"])),
        clause_split=re.compile("[" + re.escape(data["clause_breaks"]) + "]"),
        lead_ins=tuple(data["lead_ins"]),
        tail=re.compile("(?:" + alternation(data["tail_markers"]) + f")(?=[{re.escape(numerals)}]|$)"),
        particles=tuple(sorted(data["particles"], key=len, reverse=True)),
        prepositions=frozenset(data["prepositions"]),
    )


def unquote(text: str) -> str:
    """``text`` without quotation marks and title marks (“”‘’"「」《》)."""
    quotes = _vocab().quotes
    return "".join(ch for ch in text if ch not in quotes).strip()


def is_numeric_abbreviation(term: str) -> bool:
    """True when the term contains a digit or a Chinese numeral (三供一业, 五个一批, “1093”)."""
    numerals = _vocab().numerals
    return any(ch in numerals for ch in term)


def _strip_level_prefix(text: str) -> str:
    # 省/市/区/县 before a numeral or an opening quote is the issuing level, not part of the name.
    vocab = _vocab()
    if len(text) > 2 and text[0] in vocab.level_prefixes and text[1] in vocab.numerals + vocab.open_quotes:
        return text[1:]
    return text


def _term_items(term: str) -> list[str]:
    """The names a term lists: ``A、B``, ``“A”“B”``, or ``A和B`` when both sides are long enough."""
    vocab = _vocab()
    text = re.sub(f"([{re.escape(vocab.close_quotes)}])(?=[{re.escape(vocab.open_quotes)}])", r"\1、", term)
    items: list[str] = []
    for piece in vocab.term_split.split(text):
        halves = vocab.term_conjunction.split(piece, maxsplit=1)
        if len(halves) == 2 and all(len(unquote(h)) >= vocab.min_conjunct_chars for h in halves):
            items.extend(halves)
        else:
            items.append(piece)
    return [item.strip() for item in items if item.strip()]


def _quoted_cores(text: str) -> list[tuple[str, str]]:
    """``(core, core + rest of the name)`` for each quoted part of ``text``."""
    vocab = _vocab()
    pattern = f"[{re.escape(vocab.open_quotes)}]([^{re.escape(vocab.close_quotes)}]+)[{re.escape(vocab.close_quotes)}]"
    return [(m.group(1), m.group(1) + text[m.end():]) for m in re.finditer(pattern, text)]


def term_variants(term: str) -> list[str]:
    """Surface forms under which body text may use ``term``, the term itself first.

    Adds: quotes removed; the level prefix removed (省五个100 → 五个100); each
    quoted core with and without what follows it (制造强市“1093”行动 → 1093,
    1093行动); each item of a listing term (市五个一批、五大行动 → 五个一批,
    五大行动); a trailing bracketed note removed.  Forms shorter than
    ``min_variant_chars`` are dropped; order is stable, no duplicates.
    """
    vocab = _vocab()
    forms: list[str] = []

    def add(form: str) -> None:
        form = form.strip()
        if len(form) >= vocab.min_variant_chars and form not in forms:
            forms.append(form)

    add(term)
    base = _NOTE.sub("", term) or term
    wholes = [base] + _term_items(base)
    for whole in wholes:
        add(whole)
        add(unquote(whole))
        add(unquote(_strip_level_prefix(whole)))
        for core, with_rest in _quoted_cores(_strip_level_prefix(whole)):
            add(unquote(core))
            add(unquote(with_rest))
    return forms


def _trim(item: str) -> str:
    item = unquote(item).strip(" \t。；，、：")
    for particle in _vocab().particles:
        if item.startswith(particle) and len(item) > len(particle) + 1:
            item = item[len(particle):]
        if item.endswith(particle) and len(item) > len(particle) + 1:
            item = item[: -len(particle)]
    return item.strip()


def _enumeration(definition: str) -> str | None:
    """The clause of ``definition`` that enumerates the items, or None."""
    vocab = _vocab()
    text = definition
    while _BRACKETED.search(text):
        text = _BRACKETED.sub("", text)
    clauses = [c for c in vocab.clause_split.split(text) if c.strip()]
    if not clauses:
        return None
    best = max(clauses, key=lambda c: len(vocab.item_split.findall(c)))
    if vocab.item_split.search(best):
        return best
    if len(clauses) == 1 and vocab.item_conjunction.search(best):
        return best
    return None


def definition_parts(entry: TermLike) -> list[str]:
    """Items that a numeric abbreviation's definition enumerates; [] when unclear.

    三供一业 → ['供水', '供电', '供热', '物业管理']: the clause with the most
    ``、`` is split on ``、`` and on 和/及/与 in its last piece; bracketed notes
    are dropped; the first item loses a lead-in (是指, 包括, or the context
    before a character every middle item starts with); the last item loses a
    tail (…等10大产业, or what follows a character every middle item ends with).
    Terms without a numeral, and terms that list several names, give [].
    """
    vocab = _vocab()
    if not is_numeric_abbreviation(entry.term) or len(_term_items(entry.term)) > 1:
        return []
    clause = _enumeration(entry.definition)
    if clause is None:
        return []
    pieces = vocab.item_split.split(clause)
    last_split = vocab.item_conjunction.split(pieces[-1], maxsplit=1)
    joined_last = len(last_split) == 2
    items = pieces[:-1] + last_split
    first, last = items[0], items[-1]
    for lead in vocab.lead_ins:
        if lead in first:
            first = first[first.rfind(lead) + len(lead):]
            break
    tail = vocab.tail.search(last)
    if tail:
        last = last[: tail.start()]
    middle = [m.strip() for m in items[1:-1] if m.strip()]
    if len(middle) >= 2:
        heads, ends, lengths = {m[0] for m in middle}, {m[-1] for m in middle}, {len(m) for m in middle}
        longest = max(lengths)
        if len(heads) == 1 and len(first) > longest and next(iter(heads)) in first[1:]:
            first = first[first.rfind(next(iter(heads))):]
        elif len(lengths) == 1 and len(first) > next(iter(lengths)):
            first = first[-next(iter(lengths)):]
        if not joined_last and len(ends) == 1 and len(last) > longest and next(iter(ends)) in last[:-1]:
            last = last[: last.rfind(next(iter(ends))) + 1]
        elif not joined_last and len(lengths) == 1 and len(last) >= 3 * next(iter(lengths)):
            last = last[: next(iter(lengths))]
    elif len(middle) == 1:
        # One middle item is weaker evidence: only a leading preposition before an item of its
        # length (对|消防隐患、燃气隐患) and a clause after the character it ends with
        # (电力隐患|开展排查) are cut.
        only = middle[0]
        if first[:1] in vocab.prepositions and len(first) == len(only) + 1:
            first = first[1:]
        if not joined_last and len(last) > len(only) and only[-1] in last[:-1]:
            last = last[: last.rfind(only[-1]) + 1]
    parts: list[str] = []
    for item in [first, *items[1:-1], last]:
        item = _trim(item)
        if item and item not in parts:
            parts.append(item)
    return parts if len(parts) >= 2 else []
