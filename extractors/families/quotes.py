"""The quote rules' words (``patterns/quotes.json``): when a quoted string (“…”) names a programme.

The rule code is :mod:`extractors.quotes`. The vocabulary stays a dict (the rule code reads
``rules.quote["tails"]``) but its keys are exact: :data:`QUOTE_FIELDS` is the schema, nested
cues included, checked by the one loader.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from extractors.vocabulary import VocabularyError, load_table

__all__ = ["DATA_FILE", "QUOTE_FIELDS", "load_quote_vocabulary"]

DATA_FILE = "quotes.json"

#: every key of quotes.json and its kind (list: a list of strings; a mapping: a nested object)
QUOTE_FIELDS: dict[str, Any] = {
    "title_triggers": list,  # a quote after one of these is a title won (被评为“…”)
    "title_gap_pattern": str,  # levels and ordinals between a title trigger and its quote (荣获|自治区第十二届|“…”)
    "metaphor_followers": list,  # a quote before one of these is a metaphor (“…”精神)
    "numeric_followers": list,  # a quoted number before one of these names a plan (“十四五”规划)
    "skip_patterns": list,  # regular expressions of quotes that are never names
    "clause_pattern": str,  # a quote with this (a comma) is a saying unless a programme word follows it
    "tails": list,  # programme words after a quote that belong to the name (“…”行动)
    "max_tail_chars": int,
    "max_chars": int,
    "common_tags": list,  # tags of common words (a quote of only such words is a phrase)
    "series_words": list,  # 系列, 主题, 专项 between a quote and its programme word
    "label_cue": {"max_chars": int, "before_tags": list, "after_chars": str, "after_tags": list},
    "vision_cue": {"followers": list, "verbs": list, "after_chars": str},
    "problem_followers": list,  # a quote before one of these is the problem fought (“…”治理)
    "quality_cue": {"verbs": list, "follower": str},
    "count_cue": {"pattern": str, "window": int, "after_chars": str},
    "conversion_pattern": str,  # a switch from one thing to another (“公转水”, “索改桥”) is a policy
    "natural_set_chars": str,  # rivers, lakes, mountains counted (“两江一河”) name an area, a Place
    "slogan_verbs": str,  # motion verbs opening each half of a short quote make a slogan (“退城入园”)
    "facility_class_ends": list,  # a quoted kind of facility (“口袋公园”) with no proper element names a class
}


def load_quote_vocabulary(base: Path) -> tuple[dict[str, Any], tuple[re.Pattern[str], ...]]:
    """``base / quotes.json`` as a dict (top-level lists as tuples) and its skip patterns compiled."""
    path = base / DATA_FILE
    data = load_table(path, QUOTE_FIELDS)
    try:
        skips = tuple(re.compile(pattern) for pattern in data["skip_patterns"])
        re.compile(data["count_cue"]["pattern"])
        re.compile(data["clause_pattern"])
        re.compile(data["title_gap_pattern"])
        re.compile(data["conversion_pattern"])
    except re.error as error:
        raise VocabularyError(f"{path}: invalid regular expression ({error}); fix the pattern") from None
    return {key: tuple(value) if isinstance(value, list) else value for key, value in data.items()}, skips
