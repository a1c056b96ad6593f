"""Quantitative indicators: 地区生产总值219.4亿元，增长8% → one :class:`Indicator` record.

Which names count as indicators (with aliases and the measure each is counted in) is data,
``patterns/indicators.jsonl``; unit factors are ``patterns/units.json``; growth verbs,
qualifiers, bases and the outcome/target cues are ``patterns/indicator_words.json``.

The rule, per sentence: an indicator name (or a run of names joined by 、/和, as in
``规上工业增加值、固定资产投资分别增长7.5%、7.0%``) owns the text up to the next name or the
end of the sentence; in its first three comma clauses the first growth expression gives the
growth and the first amount in the indicator's measure gives the value. The kind comes from
the section role (review → outcome, plan → target), else from cue words. Values are in base
units (元, 人, 亩, 平方米, 米 …); percentages become fractions with unit ``ratio``.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Iterator

from extractors.indicator_lexicon import (
    NUM,
    IndicatorLexicon,
    IndicatorName,
    PatternFileError,
    load_lexicon,
    parse_amount,
    scaled,
    to_decimal,
)
from extractors.records import Document, Evidence, Sentence

__all__ = ["Indicator", "IndicatorLexicon", "PatternFileError", "extract_indicators", "load_lexicon", "parse_amount"]

_CLAUSE = re.compile(r"[^，,：:]+[，,：:]?")
_HARD_STOP = re.compile(r"[。；;！？!?\n]")
_YEAR = re.compile(r"(?<![\d])((?:19|20)\d{2})年")
_YEAR_SKIP_BEFORE = ("比", "较", "由", "从", "自", "与", "同")
# "十二五" names the five-year plan 2011–2015, whose average growth is measured from the level of 2010
_FIVE_YEAR_PLAN = re.compile(r"“?十([一二三四五六七八九])五”?")
_PLAN_NUMBERS = {"一": 11, "二": 12, "三": 13, "四": 14, "五": 15, "六": 16, "七": 17, "八": 18, "九": 19}


@dataclass(frozen=True)
class Indicator:
    """One quantitative statement: a named indicator's value and/or growth, outcome or target."""

    name: str
    value: float | int | None
    unit: str
    growth: float | None
    kind: str  # "outcome" | "target"
    year: int | None
    qualifier: str | None
    basis: str | None
    evidence: Evidence
    period_start: int | None = None  # 年均 growth: the base year of the period that ends in ``year``

    def to_dict(self) -> dict:
        """A JSON-ready dict (evidence as a nested dict)."""
        return asdict(self)


@dataclass
class _Reading:
    values: list[tuple[float | int, str]]
    growths: list[float]
    qualifier: str | None
    basis: str | None
    first: int | None  # local offset of the first number used (for the year)
    end: int


def _qualifier_after(text: str, pos: int, words: dict) -> str | None:
    rest = text[pos:pos + 3]
    return next((q for q in words["qualifiers_after"] if rest.startswith(q)), None)


def _qualifier_before(text: str, pos: int, words: dict) -> str | None:
    head = text[max(0, pos - 4):pos]
    for word in sorted(words["qualifiers_before"], key=len, reverse=True):
        if head.endswith(word):
            return words["qualifiers_before"][word]
    return None


def _growth_in(text: str, lo: int, hi: int, lex: IndicatorLexicon) -> tuple[list[float], str | None, tuple[int, int]] | None:
    match = lex.growth_re.search(text, lo, hi)
    if match is None:
        return None
    sign = lex.words["growth_verbs"][match["verb"]]
    qualifier = _qualifier_after(text, match.end(), lex.words)
    end = match.end() + len(qualifier or "")
    if match["lo"]:
        numbers = [to_decimal(match["lo"])]
        qualifier = f"{match['lo']}%-{match['hi']}%"
    else:
        numbers = [to_decimal(n) for n in re.findall(NUM, match["list"])]
    return [float(sign * n / 100) for n in numbers], qualifier, (match.start(), end)


def _values_in(text: str, lo: int, hi: int, measures: set[str], lex: IndicatorLexicon, masked: list[tuple[int, int]]):
    """The first run of amounts (``35512元、25689元``) in the indicator's measure, skipping changes."""
    words = lex.words
    for match in lex.amount_re.finditer(text, lo, hi):
        if any(s <= match.start() < e for s, e in masked):
            continue
        base, _ = lex.units[match["unit"]]
        if base not in measures:
            continue
        before = text[lo:match.start()].rstrip()
        if any(before.endswith(v) for v in words["growth_verbs"]):
            continue  # 增加13480元: a change, not a level
        after = text[match.end():hi]
        if any(after.startswith(w) for w in words["change_to"]):
            continue  # 由162.4亿元增加到…: the starting level
        run = [match]
        while True:
            follow = re.match(r"\s*[、和与及]\s*", text[run[-1].end():hi])
            nxt = follow and lex.amount_re.match(text, run[-1].end() + follow.end(), hi)
            if not nxt:
                break
            run.append(nxt)
        values = [(scaled(to_decimal(m["num"]), lex.units[m["unit"]][1]), lex.units[m["unit"]][0]) for m in run]
        after_q = _qualifier_after(text, run[-1].end(), words)
        qualifier = after_q or _qualifier_before(text, match.start(), words)
        return values, qualifier, (match.start(), run[-1].end() + len(after_q or ""))
    return None


def _read_scope(text: str, lo: int, hi: int, measures: set[str], lex: IndicatorLexicon, skip: list[tuple[int, int]]) -> _Reading | None:
    growths: list[float] = []
    values: list = []
    qualifier = basis = None
    first = None
    end = lo
    masked: list[tuple[int, int]] = []
    verbs = tuple(lex.words["growth_verbs"])
    for count, clause in enumerate(_CLAUSE.finditer(text, lo, hi)):
        if count >= 3 or (growths and values):
            break
        c_lo, c_hi = clause.span()
        if count and any(c_lo <= s < c_hi for s, _ in skip):
            continue  # 占一般公共预算支出的69.3%: a share of another indicator
        had = (len(growths), len(values))
        if not growths and (found := _growth_in(text, c_lo, c_hi, lex)):
            growths, g_qual, span = found
            masked.append(span)
            qualifier = qualifier or g_qual
            first = span[0] if first is None else first
            end = max(end, span[1])
        if not values and (found := _values_in(text, c_lo, c_hi, measures, lex, masked)):
            values, v_qual, span = found
            qualifier = v_qual or qualifier
            first = span[0] if first is None or span[0] < first else first
            end = max(end, span[1])
        if not (growths or values):
            return None  # the name's own clause states no number: 连跨3个千亿级台阶，…
        if count and had == (len(growths), len(values)) and not any(v in text[c_lo:c_hi] for v in verbs):
            break  # a later clause with nothing for this name ends it (…，培育形成3个…)
        if basis is None:
            basis = next((b for k, b in lex.words["bases"].items() if k in text[lo:c_hi]), None)
    if not growths and not values:
        return None
    return _Reading(values, growths, qualifier, basis, first, end)


def _role(doc: Document, offset: int) -> str | None:
    section = doc.section_at(offset)
    by_index = {s.index: s for s in doc.sections}
    while section is not None:
        if section.role in ("review", "plan"):
            return section.role
        section = by_index.get(section.parent) if section.parent is not None else None
    return None


def _kind(doc: Document, sentence: Sentence, words: dict) -> str:
    role = _role(doc, sentence.start)
    if role == "review":
        return "outcome"
    if role == "plan":
        return "target"
    return "target" if any(cue in sentence.text for cue in words["target_cues"]) else "outcome"


def _named_year(text: str, before: int) -> int | None:
    year = None
    for match in _YEAR.finditer(text, 0, before):
        if not text[:match.start()].endswith(_YEAR_SKIP_BEFORE):
            year = int(match.group(1))
    return year


def _period_start(text: str, lo: int, hi: int, end_year: int | None) -> int | None:
    """The base year of an average (年均) growth written in the name's scope (由/比/从 2010年), else None.
    ``end_year`` is the period's last year.

    >>> _period_start("由2010年的162.4亿元增加到2015年的287.9亿元，年均增长12.1%", 0, 40, 2015)
    2010
    """
    for match in _YEAR.finditer(text, lo, hi):
        year = int(match.group(1))
        if text[:match.start()].endswith(_YEAR_SKIP_BEFORE) and (end_year is None or year < end_year):
            return year
    return None


def _plan_period(texts: list[str]) -> tuple[int, int] | None:
    """(base year, last year) of the first five-year plan named in ``texts`` (十四五 → (2020, 2025)).

    >>> _plan_period(["“十二五”期间年均增长10%"]), _plan_period(["2025年工作回顾"])
    ((2010, 2015), None)
    """
    for text in texts:
        plan = _FIVE_YEAR_PLAN.search(text)
        if plan and plan.group(1) in _PLAN_NUMBERS:
            base = 1950 + 5 * _PLAN_NUMBERS[plan.group(1)]
            return base, base + 5
    return None


def _titles(doc: Document, offset: int) -> list[str]:
    """The titles of the section holding ``offset`` and of its parents, innermost first."""
    by_index = {s.index: s for s in doc.sections}
    section, titles = doc.section_at(offset), []
    while section is not None:
        titles.append(section.title)
        section = by_index.get(section.parent) if section.parent is not None else None
    return titles


def _sentences(doc: Document) -> list[Sentence]:
    if doc.sentences:
        return doc.sentences
    found = []
    for match in re.finditer(r"[^。！？；\n]+[。！？；]?", doc.text):
        found.append(Sentence(match.start(), match.end(), match.group(), -1, -1))
    return found


def _groups(text: str, lex: IndicatorLexicon) -> tuple[list[list[re.Match]], list[tuple[int, int]]]:
    """Runs of names joined only by 、/和/及, and the spans of names used as a share (占…比重)."""
    words = lex.words
    groups: list[list[re.Match]] = []
    skipped: list[tuple[int, int]] = []
    for match in lex.name_re.finditer(text):
        before, after = text[:match.start()], text[match.end():]
        if before.endswith(tuple(words["skip_before"])) or after.startswith(tuple(words["skip_after"])):
            skipped.append(match.span())
            continue
        if groups and re.fullmatch(r"\s*[、和及与]\s*", text[groups[-1][-1].end():match.start()]):
            groups[-1].append(match)
        else:
            groups.append([match])
    return groups, skipped


def _members(group: list[re.Match], lex: IndicatorLexicon, count: int) -> list[IndicatorName]:
    members = [lex.names[m.group()] for m in group]
    if len(members) == 1 and members[0].split and count > 1:
        return [IndicatorName(n, members[0].measure) for n in members[0].split]
    return members


def _pick(items: list, index: int, size: int):
    if len(items) == size:
        return items[index]
    return items[0] if len(items) == 1 else None


def _from_sentence(doc: Document, sentence: Sentence, lex: IndicatorLexicon) -> Iterator[Indicator]:
    text = sentence.text
    groups, skipped = _groups(text, lex)
    if not groups:
        return  # no indicator named (most sentences): its kind and section are not looked up
    kind = _kind(doc, sentence, lex.words)
    section = doc.section_at(sentence.start)
    for number, group in enumerate(groups):
        lo = group[-1].end()
        hi = groups[number + 1][0].start() if number + 1 < len(groups) else len(text)
        stop = _HARD_STOP.search(text, lo, hi)
        hi = stop.start() if stop else hi
        names = [lex.names[m.group()] for m in group]
        measures = {n.measure for n in names} | ({"美元"} if any(n.measure == "元" for n in names) else set())
        reading = _read_scope(text, lo, hi, measures, lex, skipped)
        if reading is None:
            continue
        members = _members(group, lex, max(len(reading.values), len(reading.growths), 2 if "分别" in text[lo:hi] else 1))
        named = _named_year(text, reading.first if reading.first is not None else lo)
        default = doc.year if kind == "target" else (doc.year - 1 if doc.year else None)
        qualifier = reading.qualifier or next((q for q in lex.words["sentence_qualifiers"] if q in text[:group[0].start()]), None)
        evidence = Evidence(doc.id, sentence.start + group[0].start(), sentence.start + reading.end, text,
                            section.title if section else None)
        year = named or default
        since = _period_start(text, lo, reading.end, year) if reading.basis == "年均" else None
        if reading.basis == "年均" and since is None and (plan := _plan_period([text[:reading.end],
                                                                                *_titles(doc, sentence.start)])):
            if named is None and kind == "target" and year is not None and plan[1] > year:
                year = plan[1]  # “十五五”时期…年均增长5%左右: a target for the plan's last year, not this year's
            since = plan[0] if year == plan[1] else None
        for index, member in enumerate(members):
            value = _pick(reading.values, index, len(members))
            growth = _pick(reading.growths, index, len(members))
            if value is None and growth is None:
                continue
            yield Indicator(member.id, value[0] if value else None, value[1] if value else member.measure, growth,
                            kind, year, qualifier, reading.basis, evidence, since)


def extract_indicators(doc: Document, *, lexicon: IndicatorLexicon | None = None) -> list[Indicator]:
    """Every quantitative statement of an annotated Document, in text order.

    Run :func:`extractors.structure.annotate` first: section roles decide outcome vs target
    (without sections, cue words decide). An outcome's year is the year the sentence names,
    else ``doc.year - 1``; a target's is the named year, else ``doc.year``. An average growth
    (年均) whose sentence names no base year takes the base year of the 年均 before it in the
    same paragraph and year.
    """
    lex = lexicon or load_lexicon()
    found: list[Indicator] = []
    seen: set[tuple] = set()
    period: tuple[int, int | None, int] | None = None  # (paragraph, year, base year) of the last 年均 with a period
    for sentence in _sentences(doc):
        for indicator in _from_sentence(doc, sentence, lex):
            if indicator.basis == "年均" and sentence.paragraph >= 0:
                if indicator.period_start is not None:
                    period = (sentence.paragraph, indicator.year, indicator.period_start)
                elif period is not None and period[:2] == (sentence.paragraph, indicator.year):
                    # …由2010年的…增加到2015年的…，年均增长12.1%；公共预算支出由…增加到…，年均增长20.26%
                    indicator = replace(indicator, period_start=period[2])
            key = (indicator.name, indicator.kind, indicator.year, indicator.value, indicator.growth, indicator.evidence.start)
            if key not in seen:
                seen.add(key)
                found.append(indicator)
    return found
