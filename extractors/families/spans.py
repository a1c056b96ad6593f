"""The span checks' words (``patterns/spans.json``): boundary errors no single rule can see.

The rule code is :mod:`extractors.spans` (checks on every mention after the rule
families ran), :mod:`extractors.lists` and :mod:`extractors.names`. The vocabulary stays a
dict (the rule code reads ``rules.spans["zone_heads"]``) with exact keys, :data:`SPAN_FIELDS`,
plus six compiled patterns: ``count``, ``counted_kind``, ``edition``, ``bracket_phase``, ``capacity``
and ``count_before``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from extractors.vocabulary import VocabularyError, load_table

__all__ = ["DATA_FILE", "SPAN_FIELDS", "load_span_vocabulary"]

DATA_FILE = "spans.json"

#: every key of spans.json and its kind (list: a list of strings)
SPAN_FIELDS: dict[str, Any] = {
    "count_pattern": str,  # a count opening a name (3个…) is no part of it
    "counted_kind_pattern": str,  # a count and 大 opening a project name (6大…产业园) names a set
    "edition_pattern": str,  # an edition ordinal opening a project name (首届…) names an event
    "bracket_phase_pattern": str,  # a phase in brackets after a work's name (…厂（二期）) is part of it
    "capacity_pattern": str,  # a capacity inside a name (年产10万吨) makes it a description
    "span_joiners": str,  # 至 / 到 joining two places into a route
    "span_types": list,  # types whose names may be routes
    "formula_joiners": str,  # ＋ joining the parts of a formula (示范区＋大景区): no work's name crosses it
    "zone_heads": list,  # zone words that head a body's or place's name (开发区, 管委会)
    "label_starts": list,  # works words that open a name only as a label's end (重点工程|包银高铁)
    "designation_starts": list,  # a designation opening a project name (国家级, 首批)
    "generic_project_words": list,  # words that alone never name a project (大型, 综合)
    "generic_project_rules": list,  # suffix rules whose names need more than those words
    "works_only": list,  # words of works alone (改扩建, 绿化) that do not name an X工程
    "fragment_keep_chars": str,  # level characters a one-character fragment may keep
    "fragment_tags": list,  # tags of a first token that make a name a fragment
    "list_head_blockers": list,  # words that block a list head (运动项目)
    "quality_ends": list,  # endings of a quality word (性, 化)
    "item_lead_verbs": list,  # verbs that may open an item of a project list (改造, 提升)
}


def _compiled(pattern: str, path: Path, key: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise VocabularyError(f"{path}: key {key!r} is not a valid pattern ({error}); fix the pattern") from None


def load_span_vocabulary(base: Path) -> dict[str, Any]:
    """``base / spans.json`` as a dict, with its six patterns compiled."""
    path = base / DATA_FILE
    data: dict[str, Any] = load_table(path, SPAN_FIELDS)
    data["count"] = _compiled(data["count_pattern"], path, "count_pattern")
    data["counted_kind"] = _compiled(data["counted_kind_pattern"], path, "counted_kind_pattern")
    data["edition"] = _compiled(data["edition_pattern"], path, "edition_pattern")
    data["bracket_phase"] = _compiled(data["bracket_phase_pattern"], path, "bracket_phase_pattern")
    data["capacity"] = _compiled(data["capacity_pattern"], path, "capacity_pattern")
    data["count_before"] = _compiled(data["count_pattern"].lstrip("^") + "$", path, "count_pattern")
    return data
