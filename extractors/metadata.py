"""Year and issuer of a report, read from its own text (used by ``extractors.structure``).

Year: the year the report was delivered, from the title (2019年政府工作报告), the date line
(——2024年1月…在…会议上), a plan chapter (2019年工作安排 → 2019) or a review chapter
(2018年工作回顾 → 2019), else a four-digit year in the file name.

Issuer: the 区/县/市/省 the report is about. When the opening names it (我代表江西省人民政府,
在海拉尔区第十五届人民代表大会) that name wins. Otherwise reports name themselves indirectly
(我区, 全区, 幸福荷塘…): the level comes from the opening (我代表区人民政府) or from 我区/全市
counts, and the issuer is the most frequent specific place name with that suffix: a name
scores twice its own occurrences and those of its stem before a zone word (天门经开区), plus
once each time its stem ends a quotation (“幸福荷塘”). Generic words (全区, 园区, 城市…) come from
``patterns/place_stopwords.txt``, the other rules from ``patterns/place_rules.json``.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from extractors.records import Section

__all__ = ["find_year", "find_issuer", "place_stopwords"]

_PATTERNS = Path(__file__).parent / "patterns"
_HEAD_LINES = 8
_YEAR = r"((?:19|20)\d{2})"
_TITLE_YEAR = re.compile(_YEAR + r"年[^\n]{0,12}政府工作报告")
_DATE_LINE = re.compile(r"^[\s\u3000—－\-–―]*" + _YEAR + r"\s*年\s*\d{1,2}\s*月")
_HEADING_YEAR = re.compile(_YEAR + r"年")
_FILE_YEAR = re.compile(r"(?<!\d)" + _YEAR + r"(?!\d)")
_NAME_WEIGHT = 2  # a written-out name (荷塘区) counts twice a quoted stem (“幸福荷塘”)
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# "我代表(江西)省人民政府" / "在(海拉尔)区第十五届人民代表大会": the report's own level, maybe its name.
_SELF_CUE = re.compile(r"(?:代表|在)([\u4e00-\u9fff]{0,6}?)([区县市省])(?:人民政府|第[^\n]{1,5}届人民代表大会)")
_SELF_WORDS = re.compile(r"(?:我|全|本)([区县市省])")


def find_year(text: str, sections: Sequence[Section], name: str = "") -> int | None:
    """The year the report was delivered, or None if neither the text nor ``name`` says."""
    head = [line for line in text.split("\n") if line.strip()][:_HEAD_LINES]
    for line in head:
        found = _TITLE_YEAR.search(line) or _DATE_LINE.search(line)
        if found:
            return int(found.group(1))
    for role, shift in (("plan", 0), ("review", 1)):
        for section in sections:
            if section.level == 1 and section.role == role:
                years = [int(y) for y in _HEADING_YEAR.findall(section.title)]
                if years:
                    return max(years) + shift
    found = _FILE_YEAR.search(name)
    return int(found.group(1)) if found else None


@lru_cache(maxsize=1)
def place_stopwords() -> frozenset[str]:
    """Generic words ending in 区/县/市/省 that never name the issuer (patterns/place_stopwords.txt)."""
    with open(_PATTERNS / "place_stopwords.txt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and not line.lstrip().startswith("#"))


@lru_cache(maxsize=1)
def _rules() -> dict:
    with open(_PATTERNS / "place_rules.json", encoding="utf-8") as handle:
        return json.load(handle)


def _level(text: str) -> str | None:
    """The report's own level suffix: from its opening cue, else from 我区/全市-style self-references."""
    cue = _SELF_CUE.search(text)
    if cue:
        return cue.group(2)
    counts = Counter(_SELF_WORDS.findall(text))
    return counts.most_common(1)[0][0] if counts else None


def _names(text: str, level: str) -> Counter[str]:
    """Specific place names ending in ``level``: the longest stable left extension of X区 strings."""
    rules, stopwords = _rules(), place_stopwords()
    counts: Counter[str] = Counter()
    for found in re.finditer(f"{level}(?![{rules['not_followed_by']}])", text):
        end = found.end()
        for length in range(2, 7):
            start = end - length
            if start < 0 or not _HAN.fullmatch(text[start:end]):
                break
            counts[text[start:end]] += 1
    longest: Counter[str] = Counter()  # count of the most frequent one-character left extension
    for name, count in counts.items():
        if len(name) > 2:
            longest[name[1:]] = max(longest[name[1:]], count)
    names: Counter[str] = Counter()
    for name, count in counts.items():
        if len(name) < 3 or name[0] in rules["not_first"] or any(name.endswith(w) for w in stopwords):
            continue
        if longest[name] * 4 < count * 3:  # stable: no extension covers most of its occurrences
            names[name] = count
    return names


def _zone_stems(text: str) -> Counter[str]:
    """Two-character stems right before a zone word (天门 in 天门经开区)."""
    rules = _rules()
    stems: Counter[str] = Counter()
    for zone in rules["zones"]:
        for found in re.finditer(rf"(?=([\u4e00-\u9fff]{{2}}){re.escape(zone)})", text):
            stem = found.group(1)
            if stem[0] not in rules["not_first"] and stem[-1] not in rules["not_first"]:
                stems[stem] += 1
    return stems


def find_issuer(text: str) -> str | None:
    """The place the report is about (荷塘区, 江西省…), or None if the text gives no candidate."""
    cue = _SELF_CUE.search(text)
    if cue and len(cue.group(1)) >= 2 and cue.group(1)[0] not in _rules()["not_first"]:
        return cue.group(1) + cue.group(2)
    level = _level(text)
    if level is None:
        return None
    scores = _names(text, level)
    for stem, count in _zone_stems(text).items():
        scores[stem + level] += count
    for name in scores:
        scores[name] *= _NAME_WEIGHT
    if not scores:
        return None
    ends = re.compile(f"[{re.escape(_rules()['name_end'])}]")
    for name in list(scores):
        stem = name[:-1]
        scores[name] += sum(1 for m in re.finditer(re.escape(stem), text) if ends.match(text, m.end()))
    return max(scores, key=lambda name: (scores[name], len(name), name))
