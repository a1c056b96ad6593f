"""Stage 2, structure: the parts of a report (with roles and years), its sections, sentences,
year, issuer and what could not be read (warnings) — in every layout the archive shows.

Heading shapes are data (``patterns/headings.jsonl``): numbered chapters (一、…), subsections
(（一）…), unnumbered part lines (2023年工作回顾, 2024年主要工作, 加强政府自身建设), the same titles
inline in a report written on one line, and 附件 lines; glossary headings come from
``glossary/sections.json``. Roles come from the title's words (``patterns/section_roles.jsonl``),
corrected by the year a title names (2023年主要工作 in a 2024 report reviews; “十五五” plans);
a part whose title names no role takes it from its first sentences; where no heading marks a
part, the sentence where the prose turns opens it (``patterns/part_cues.jsonl``: 2024年是…,
今年政府工作的总体要求是…). A numbered heading is only accepted in sequence (一 then 二 …;
numbering restarts below an unnumbered part line), so a list item that starts with 一、 inside a
paragraph is not a heading. The stage is pure: Document in, the same Document (filled in) out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from extractors.errors import KGError
from extractors.metadata import find_issuer, find_year, fyp_years
from extractors.records import SECTION_ROLES, Document, Section, Sentence
from extractors.vocabulary import load_rows
from glossary.parse import is_glossary_heading

__all__ = ["annotate", "find_sections", "multi_year_spans", "vocabulary_parts", "split_sentences", "section_role", "PREAMBLE_TITLE"]

_PATTERNS = Path(__file__).parent / "patterns"
PREAMBLE_TITLE = "开篇"
_MAX_TITLE = 40  # a heading line longer than this is a heading sentence plus body text
_MAX_PART = 30  # an unnumbered part line (2023年工作回顾) is short
_LONG_LINE = 1500  # a line this long holds several paragraphs: its part titles are inline
_LINE_KINDS = ("chapter", "subsection", "annex")
_LEAD = re.compile(r"^[\s\u3000#>*]*")  # indentation and Markdown markers before a heading
_TRAIL = "。；：:，,!！ \u3000\t*"
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
_TERMINATORS = "。！？；!?;"
_CLOSERS = "”’」』）)】\"'"
_SENTENCE = re.compile(f"[^{_TERMINATORS}\n]*(?:[{_TERMINATORS}]+[{re.escape(_CLOSERS)}]*)?")


@dataclass(frozen=True)
class _HeadingRule:
    kind: str
    level: int
    regex: re.Pattern[str]


_ROW_KEYS = {"headings.jsonl": ("kind", "level", "pattern"), "section_roles.jsonl": ("role", "pattern"),
             "part_cues.jsonl": ("role", "kind", "pattern")}  # the exact keys of each layout rule file


def _read_jsonl(name: str) -> list[dict]:
    """The rows of a layout rule file, through the one strict loader (file and line on a bad row)."""
    return load_rows([_PATTERNS / name], _ROW_KEYS[name])


@lru_cache(maxsize=1)
def _heading_rules() -> tuple[_HeadingRule, ...]:
    return tuple(_HeadingRule(r["kind"], int(r["level"]), re.compile(r["pattern"])) for r in _read_jsonl("headings.jsonl"))


@lru_cache(maxsize=1)
def _role_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rules = []
    for row in _read_jsonl("section_roles.jsonl"):
        if row["role"] not in SECTION_ROLES:
            raise KGError(f"section_roles.jsonl: unknown role {row['role']!r}; use one of {', '.join(SECTION_ROLES)}.")
        rules.append((row["role"], re.compile(row["pattern"])))
    return tuple(rules)


def section_role(title: str) -> str | None:
    """The role of a title: glossary if it is a glossary heading (``glossary/sections.json``), else
    the role whose pattern (section_roles.jsonl, first match wins) matches ``title``, else None."""
    if is_glossary_heading(title):
        return "glossary"
    for role, regex in _role_rules():
        if regex.search(title):
            return role
    return None


def _numeral(text: str) -> int:
    """Value of a Chinese numeral up to 99 (一, 十, 十二, 二十三)."""
    if "十" not in text:
        return _NUMERALS.get(text, 0) if len(text) == 1 else 0
    tens, _, units = text.partition("十")
    return (_NUMERALS.get(tens, 0) if tens else 1) * 10 + (_NUMERALS.get(units, 0) if units else 0)


def _title(raw: str) -> str:
    """A heading's title: the whole line if short, else its first sentence, else its first clause."""
    title = raw.strip().rstrip(_TRAIL)
    if len(title) <= _MAX_TITLE and "。" not in title:
        return title
    first = re.split(r"[。；！？]", title, maxsplit=1)[0]
    if len(first) > _MAX_TITLE:
        first = re.split(r"[，,：:]", first, maxsplit=1)[0]
    return first.rstrip(_TRAIL)


def _lines(text: str):
    """(start, end, line) for every line, end excluding the newline."""
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line), line
        start += len(line) + 1


def _match_heading(line: str):
    body = _LEAD.sub("", line)
    for rule in _heading_rules():
        if rule.kind in _LINE_KINDS:
            found = rule.regex.match(body)
            if found:
                return rule, found
    return None, None


@lru_cache(maxsize=1)
def _rule(kind: str) -> re.Pattern[str]:
    for rule in _heading_rules():
        if rule.kind == kind:
            return rule.regex
    raise KGError(f"headings.jsonl: no rule of kind {kind!r}; restore the file from the repository.")


@lru_cache(maxsize=1)
def _cue_rules() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    rules = []
    for row in _read_jsonl("part_cues.jsonl"):
        if row["role"] not in SECTION_ROLES:
            raise KGError(f"part_cues.jsonl: unknown role {row['role']!r}; use one of {', '.join(SECTION_ROLES)}.")
        rules.append((row["role"], row["kind"], re.compile(row["pattern"])))
    return tuple(rules)


_INK = re.compile(r"[^\s\u3000#>*]")  # the first character of a heading's text after indentation and marks
_SPAN_KINDS = ("years", "year_back")  # part_cues.jsonl rows that mark stretches of several years, not parts


def _span_rule(kind: str) -> re.Pattern[str]:
    return next(regex for _role, k, regex in _cue_rules() if k == kind)


def multi_year_spans(doc: Document) -> list[tuple[int, int]]:
    """Stretches of the review and plan parts that speak of several years, not of the part's one year.

    A five-year look-back or a plan period (``part_cues.jsonl`` rows of kind ``years``: 五年来…, “十四五”时期是…,
    今后五年…) runs from the paragraph that opens it to the paragraph that returns to the part's year (kind
    ``year_back``: 刚刚过去的2025年, 一年来, 2025年是…), the next heading or the end of the part. A part whose
    title names a period and no year (“十五五”时期主要目标任务, 过去五年工作回顾) starts as such a stretch; in a part
    titled by a period and a year (“十四五”时期和2025年工作回顾) a stretch opening its first paragraph runs over the
    part's numbered headings to the paragraph that returns to the year (or, when none does, to its first heading).
    A look-back sentence inside a paragraph of the year (…。五年来，累计建成X) speaks of several years: that sentence only.
    What is said there belongs to no single year (a project 建成 五年来 is no outcome of the year reviewed).
    """
    opens, back = _span_rule("years"), _span_rule("year_back")
    heads = {found.start() for s in doc.sections if (found := _INK.search(doc.text, s.start))}  # heading text starts
    spans: list[tuple[int, int]] = []
    for part in doc.parts:
        if part.role not in ("review", "plan"):
            continue
        period = bool(opens.match(part.title))
        whole = period and _title_year(part.title) is None  # the part's title names a period
        start = part.start if whole else None
        paragraph = None
        first = True  # the part's first paragraph: in a part titled by a period and a year (“十四五”时期和2025年工作回顾)
        spanning = False  # a look-back opening there runs over its headings to the paragraph that returns to the year
        cut = None  # …or, when none does, to its first heading
        for sentence in doc.sentences:
            if not part.start <= sentence.start < part.end:
                continue
            if sentence.paragraph == paragraph:  # a look-back inside a paragraph of the year (…。五年来，累计建成X)
                if start is None and not whole and opens.match(sentence.text):
                    spans.append((sentence.start, sentence.end))  # speaks of several years: that sentence only
                continue
            paragraph = sentence.paragraph  # the first sentence of each paragraph of the part
            if sentence.start in heads:
                if spanning:
                    cut = sentence.start if cut is None else cut
                elif start is not None and not whole:
                    spans.append((start, sentence.start))
                    start = None
                continue
            found = back.match(sentence.text)
            if found and (found.group("year") is None or int(found.group("year")) == part.year):
                if start is not None:
                    spans.append((start, sentence.start))
                start, whole, spanning = None, False, False
            elif start is None and opens.match(sentence.text):
                start, spanning = sentence.start, period and first
            first = False
        if start is not None:
            spans.append((start, cut if spanning and cut is not None else part.end))
    return spans


@dataclass
class _Head:
    start: int
    kind: str  # part | chapter | subsection | glossary | annex | prose
    title: str
    num: int = 0
    level: int = 1
    role: str | None = None


def _compact(line: str) -> str:
    """A short line without the blanks of spaced titles (政 府 工 作 报 告, 名 词 解 释)."""
    body = _LEAD.sub("", line).strip()
    return re.sub(r"[\s\u3000]+", "", body) if len(body) <= _MAX_TITLE else body


def _candidates(text: str) -> list[_Head]:
    """Every heading line of the text (and, in lines that hold a whole report, inline part titles).

    :func:`annotate` asks twice for one text (the parts its year is read from, then the sections): the
    last text's headings are remembered, and each caller gets copies of its own (they are changed later).
    """
    if _LAST_CANDIDATES and _LAST_CANDIDATES[0] is text:
        return [replace(head) for head in _LAST_CANDIDATES[1]]
    heads = _find_candidates(text)
    _LAST_CANDIDATES[:] = [text, [replace(head) for head in heads]]
    return heads


_LAST_CANDIDATES: list = []  # [text, its headings]: the last text _candidates read


def _find_candidates(text: str) -> list[_Head]:
    """:func:`_candidates`, found."""
    heads: list[_Head] = []
    pending_annex: _Head | None = None
    half = len(text) // 2
    for start, _end, line in _lines(text):
        if not line.strip():
            continue
        compact = _compact(line)
        if start >= half and is_glossary_heading(compact):
            if pending_annex is not None:
                heads.remove(pending_annex)
                heads.append(_Head(pending_annex.start, "glossary", f"{pending_annex.title} {compact.rstrip('：:')}"))
            else:
                heads.append(_Head(start, "glossary", compact.rstrip("：:")))
            return heads  # nothing after the glossary heading is a heading of the report
        pending_annex = None
        if len(line) > _LONG_LINE:  # a report (or a large part of one) on one line
            for found in _rule("inline_part").finditer(line):
                heads.append(_Head(start + found.start("title"), "part", found.group("title")))
            continue
        if len(compact) <= _MAX_PART and _rule("part").match(compact):
            heads.append(_Head(start, "part", compact))
            continue
        rule, found = _match_heading(line)
        if rule is None:
            continue
        if rule.kind == "chapter":
            title = _compact(found["title"])
            if len(title) <= _MAX_PART and _rule("part").match(title):
                heads.append(_Head(start, "part", title, _numeral(found["num"])))  # 二、2024年主要工作
                continue
        if rule.kind == "annex" and start >= half:
            pending_annex = _Head(start, "annex", _LEAD.sub("", line).strip().rstrip("：:"))
            heads.append(pending_annex)
        elif rule.kind in ("chapter", "subsection"):
            heads.append(_Head(start, rule.kind, _title(found["title"]), _numeral(found["num"])))
    return heads


def _title_year(title: str) -> int | None:
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", title)]
    return years[0] if years else None


def _title_role(title: str, year: int | None) -> str | None:
    """A part's role from its title: the vocabulary, corrected by the year it names."""
    role = section_role(title)
    if year is None or role in ("self", "glossary"):
        return role
    named = _title_year(title)
    if named is not None:
        if named == year - 1 and role in (None, "plan"):
            return "review"  # 2023年主要工作 in a 2024 report reviews
        if named == year and role is None:
            return "plan"
    period = fyp_years(title)
    if period is not None and role is None:
        return "plan" if period[0] <= year <= period[1] else "review" if period[1] < year else None
    return role


def _sequence(heads: list[_Head]) -> list[_Head]:
    """Keep numbered headings only in sequence; a part line restarts the numbering below it."""
    kept: list[_Head] = []
    chapter = sub = 0
    nested = False  # chapters nest below an unnumbered part line; numbered parts are chapters too
    for head in heads:
        if head.kind == "part":
            chapter, sub, nested = head.num, 0, not head.num
            kept.append(head)
        elif head.kind == "chapter" and head.num == chapter + 1:
            chapter, sub = chapter + 1, 0
            head.level = 2 if nested else 1
            kept.append(head)
        elif head.kind == "subsection" and head.num == sub + 1:
            sub += 1
            parent_level = next((h.level for h in reversed(kept) if h.kind in ("chapter", "part")), 1)
            head.level = parent_level + 1
            kept.append(head)
        elif head.kind in ("glossary", "annex"):
            kept.append(head)
    return kept


def _sentence_starts(text: str, lo: int, hi: int):
    """Offsets where a sentence starts in ``text[lo:hi]`` (after a line break or a terminator)."""
    for found in re.finditer(r"(?:^|(?<=\n)|(?<=[。！？]))[\s\u3000]*(?=\S)", text[lo:hi], re.M):
        yield lo + found.end()


def _prose_cue(text: str, lo: int, hi: int, role: str, year: int | None) -> tuple[int, str] | None:
    """The first sentence in ``text[lo:hi]`` that opens a part of ``role`` (2024年是…, 总体要求是…)."""
    rules = [(kind, regex) for r, kind, regex in _cue_rules() if r == role and kind not in _SPAN_KINDS]
    for at in _sentence_starts(text, lo, hi):
        window = text[at:at + 80]
        for kind, regex in rules:
            found = regex.match(window)
            if not found:
                continue
            named = found.groupdict().get("year")
            if role == "plan" and kind == "year" and year is not None and named and int(named) != year:
                continue  # 2023年是…开局之年 opens the review, not the plan
            if role == "review" and named and year is not None and int(named) != year - 1:
                continue
            if kind == "fyp":  # “十五五”时期是… opens a plan in its first year, a look-back after its last
                period = fyp_years(window)
                if period is None or year is None or not (
                        period[0] <= year <= period[1] if role == "plan" else period[1] < year):
                    continue
            opening = re.sub(r"^各位代表[！!，,]\s*", "", text[at:at + 80])  # the address is no title
            return at, _title(re.split(r"[，,：:]", opening)[0])
    return None


def _opening_end(text: str) -> int:
    """Where the body starts: after the line (or sentence) that says 向大会报告…工作, else 0."""
    found = re.search(r"报告(?:政府)?工作[^\n。]{0,60}[。\n]", text[:3000])
    return found.end() if found else 0


def _add_prose_parts(text: str, heads: list[_Head], year: int | None) -> list[_Head]:
    """Parts that no heading marks: where the prose turns from review to plan (and to self)."""
    parts = [h for h in heads if h.level == 1 and h.kind in ("part", "chapter", "prose")]
    roles = {h.role for h in parts}
    glossary = next((h.start for h in heads if h.kind in ("glossary", "annex")), len(text))
    added: list[_Head] = []
    body = _opening_end(text)
    if "review" not in roles:
        first = parts[0].start if parts else glossary
        cue = _prose_cue(text, body, first, "review", year)
        if cue is not None and (not parts or cue[0] < first):
            added.append(_Head(cue[0], "prose", cue[1], role="review"))
    if "plan" not in roles:
        reviewed = [h.start for h in parts if h.role == "review"] + [h.start for h in added]
        lo = max(reviewed) if reviewed else body
        later = [h.start for h in parts if h.start > lo and h.role is not None]
        cue = _prose_cue(text, lo + 1, min(later + [glossary]), "plan", year)
        if cue is not None:
            added.append(_Head(cue[0], "prose", cue[1], role="plan"))
    if not any(section_role(h.title) == "self" for h in heads) and any(h.role == "plan" for h in parts + added):
        planned = max(h.start for h in parts + added if h.role == "plan")
        cue = _prose_cue(text, planned + 1, glossary, "self", year)
        if cue is not None:
            added.append(_Head(cue[0], "prose", cue[1], role="self"))
    return sorted(heads + added, key=lambda h: h.start) if added else heads


def _content_role(text: str, head: _Head, end: int, year: int | None) -> str | None:
    """A part whose title names no role (一年接着一年干，…) takes the role its first sentences open."""
    lo = text.find("\n", head.start)
    lo = head.start if lo < 0 else lo
    for role in ("review", "plan"):
        cue = _prose_cue(text, lo, min(end, lo + 400), role, year)
        if cue is not None:
            return role
    return None


def find_sections(text: str, year: int | None = None) -> list[Section]:
    """Sections of a report: its parts (level 1), their chapters and subsections, the glossary.

    Parts are found in every layout: numbered chapters (一、2023年工作回顾), unnumbered part lines
    (2023年工作回顾) with 一、… chapters inside, inline titles of reports written on one line, and,
    where no heading marks them, the sentence where the prose turns (2024年是…, 总体要求是…).
    ``year`` (the report's year) settles roles that only a title's year gives; when None it is
    read from the text. Each section runs to the next heading of the same or a higher level; a
    section inherits its parent's role unless its own title names one.
    """
    heads = _sequence(_candidates(text))
    for head in heads:
        if head.kind == "glossary":
            head.role = "glossary"
        elif head.level == 1:
            head.role = section_role(head.title)
    if year is None:
        year = find_year(text, _as_sections(heads))
    for head in heads:
        if head.level == 1 and head.kind not in ("glossary", "annex"):
            head.role = _title_role(head.title, year)
    tops = [h for h in heads if h.level == 1]
    for head, after in zip(tops, tops[1:] + [None]):
        if head.role is None and head.kind in ("part", "chapter"):
            head.role = _content_role(text, head, after.start if after else len(text), year)
    heads = _add_prose_parts(text, heads, year)
    return _build_sections(text, heads, year)


def _as_sections(heads: list[_Head]) -> list[Section]:
    return [Section(i, h.title, h.role or "other", h.level, h.start, h.start) for i, h in enumerate(heads)]


def vocabulary_parts(text: str) -> list[Section]:
    """Level 1 headings with the role their title's words give (no year rule): what the year is read from."""
    heads = _sequence(_candidates(text))
    for head in heads:
        if head.level == 1:
            head.role = "glossary" if head.kind == "glossary" else section_role(head.title)
    return [s for s in _as_sections(heads) if s.level == 1]


def _part_year(title: str, role: str, year: int | None) -> int | None:
    if role not in ("review", "plan"):
        return None
    named = _title_year(title)
    if named is not None and (year is None or named in (year, year - 1)):
        return named
    if year is None:
        return None
    return year - 1 if role == "review" else year


def _build_sections(text: str, heads: list[_Head], year: int | None) -> list[Section]:
    sections: list[Section] = []
    first = heads[0].start if heads else len(text)
    if text[:first].strip():
        sections.append(Section(0, PREAMBLE_TITLE, "preamble", 1, 0, first))
    stack: list[Section] = []
    for i, head in enumerate(heads):
        end = next((h.start for h in heads[i + 1:] if h.level <= head.level), len(text))
        while stack and stack[-1].level >= head.level:
            stack.pop()
        parent = stack[-1] if stack else None
        if head.kind == "glossary":
            role = "glossary"
        elif head.kind == "annex":
            role = "other"
        elif head.level == 1:
            role = head.role or "other"
        else:
            own = section_role(head.title)
            inherited = parent.role if parent else "other"
            role = own if own in ("self", "glossary") or (own and inherited in ("other", "preamble")) else inherited
        part_year = _part_year(head.title, role, year) if head.level == 1 else None
        section = Section(len(sections), head.title, role, head.level, head.start, end,
                          parent.index if parent else None, part_year)
        sections.append(section)
        stack.append(section)
    return sections


def split_sentences(text: str, sections: list[Section]) -> list[Sentence]:
    """Sentences ending at 。！？； or a line break, trimmed of surrounding blanks.

    Closing quotes and brackets right after a terminator stay with the sentence. Each
    sentence records the innermost section it starts in (-1 if none) and its paragraph
    (the index of its non-empty line).
    """
    sentences: list[Sentence] = []
    paragraph = -1
    ordered = sorted(sections, key=lambda s: (s.start, s.level))
    # the sections begun by the current sentence, later ones on top: the innermost one holding the sentence is
    # the topmost that has not ended (sentences come in order, so one that has ended holds no later sentence)
    begun: list[Section] = []
    upcoming = 0
    for start, _end, line in _lines(text):
        if not line.strip():
            continue
        paragraph += 1
        for found in _SENTENCE.finditer(line):
            piece = found.group()
            stripped = piece.strip(" \t\u3000\u00a0\r\f\v")
            if not stripped:
                continue
            s = start + found.start() + (len(piece) - len(piece.lstrip(" \t\u3000\u00a0\r\f\v")))
            e = s + len(stripped)
            while upcoming < len(ordered) and ordered[upcoming].start <= s:
                begun.append(ordered[upcoming])
                upcoming += 1
            while begun and begun[-1].end <= s:
                begun.pop()
            section = begun[-1].index if begun else -1  # later (deeper or later-starting) wins
            sentences.append(Sentence(s, e, text[s:e], section, paragraph))
    return sentences


def annotate(doc: Document) -> Document:
    """Fill sections (parts with roles and years), sentences, year, issuer, adcode, level and warnings.

    What could not be read is said in ``doc.warnings`` (``issuer not found``, ``year not found``,
    ``no review part found``, ``no plan part found``), never guessed.
    """
    text = doc.text
    doc.year = find_year(text, vocabulary_parts(text), doc.id)
    doc.sections = find_sections(text, year=doc.year)
    doc.sentences = split_sentences(text, doc.sections)
    issuer = find_issuer(text)
    doc.issuer, doc.adcode, doc.level = (issuer.name, issuer.adcode, issuer.level) if issuer else (None, None, None)
    roles = {part.role for part in doc.parts}
    doc.warnings = [w for w, missing in (("year not found", doc.year is None), ("issuer not found", issuer is None),
                                         ("no review part found", "review" not in roles),
                                         ("no plan part found", "plan" not in roles)) if missing]
    return doc
