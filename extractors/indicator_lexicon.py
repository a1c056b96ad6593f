"""The indicator extractor's data, compiled: names (``patterns/indicators.jsonl``), unit factors
(``patterns/units.json``) and the words read around numbers (``patterns/indicator_words.json``).

Kept apart from :mod:`extractors.indicators` so the rules there read as rules, and so a
test or a notebook can load another folder of patterns with :func:`load_lexicon`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from extractors.errors import KGError
from extractors.vocabulary import VocabularyError, alternation, load_rows, load_table

__all__ = ["NUM", "PatternFileError", "IndicatorName", "IndicatorLexicon", "load_lexicon", "parse_amount", "to_decimal", "scaled"]

_PATTERNS = Path(__file__).parent / "patterns"
NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_PCT = "[%％]"


class PatternFileError(KGError):
    """An indicator pattern file in extractors/patterns is missing a field or is not valid JSON."""


@dataclass(frozen=True)
class IndicatorName:
    """One name pattern's meaning: canonical id, the base unit it is counted in, its parts if composite."""

    id: str
    measure: str
    split: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndicatorLexicon:
    """The compiled data: name patterns, units and the words read around numbers."""

    names: dict[str, IndicatorName]
    name_re: re.Pattern[str]
    units: dict[str, tuple[str, float]]
    amount_re: re.Pattern[str]
    growth_re: re.Pattern[str]
    words: dict


def _strict(load, *args, **kwargs):
    """Run one of the strict loaders, reporting its error (file and line) as a PatternFileError."""
    try:
        return load(*args, **kwargs)
    except VocabularyError as error:
        raise PatternFileError(str(error)) from None


# the exact keys of indicator_words.json (objects map a word to its sign, basis or qualifier)
_WORD_FIELDS = {"growth_verbs": dict, "bases": dict, "qualifiers_after": list, "qualifiers_before": dict,
                "sentence_qualifiers": list, "change_to": list, "from_markers": list, "target_cues": list,
                "outcome_cues": list, "skip_before": list, "skip_after": list}


@lru_cache(maxsize=4)
def load_lexicon(patterns_dir: str | None = None) -> IndicatorLexicon:
    """Read and compile the indicator data files (cached); ``patterns_dir`` overrides the packaged ones."""
    folder = Path(patterns_dir) if patterns_dir else _PATTERNS
    rows = _strict(load_rows, [folder / "indicators.jsonl"], ("label", "id", "pattern", "measure"), {"split": []},
                   labels=("Indicator",))
    names = {row["pattern"]: IndicatorName(row["id"], row["measure"], tuple(row["split"])) for row in rows}
    units = {unit: (base, float(factor))
             for unit, (base, factor) in _strict(load_table, folder / "units.json", {"units": dict})["units"].items()}
    words = _strict(load_table, folder / "indicator_words.json", _WORD_FIELDS)
    amount_re = re.compile(rf"(?P<num>{NUM})\s*(?P<unit>{alternation(units)})")
    verbs = alternation(words["growth_verbs"])
    growth_re = re.compile(
        rf"(?P<verb>{verbs})(?:了|为|达)?\s*(?:(?P<lo>{NUM})\s*{_PCT}?\s*[-—–~～]\s*(?P<hi>{NUM})\s*{_PCT}"
        rf"|(?P<list>{NUM}\s*{_PCT}(?:\s*[、和与及]\s*{NUM}\s*{_PCT})*))"
    )
    return IndicatorLexicon(names, re.compile(alternation(names)), units, amount_re, growth_re, words)


def to_decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def scaled(number: Decimal, factor: float) -> float | int:
    value = number * Decimal(str(factor))
    return int(value) if value == value.to_integral_value() and factor >= 1 else float(value)


def parse_amount(text: str, lexicon: IndicatorLexicon | None = None) -> tuple[float | int, str] | None:
    """``'219.4亿元'`` → ``(21940000000, '元')``: a number with its unit in base units, or None."""
    lexicon = lexicon or load_lexicon()
    match = lexicon.amount_re.fullmatch(text.strip())
    if match is None:
        return None
    base, factor = lexicon.units[match["unit"]]
    return scaled(to_decimal(match["num"]), factor), base


