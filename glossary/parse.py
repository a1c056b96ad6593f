"""Parse a report's own glossary (名词解释 / 注释) into :class:`GlossaryEntry` records.

A glossary is a heading line near the end of a report (``名词解释：``, ``注释``,
``附件 《政府工作报告》有关内容名词注释`` …) followed by numbered entries::

    1.三供一业（P7）：国有企业……职工家属区供水、供电、供热（供气）和物业管理。
    ［1］一降三减：
    全年火灾起数总体下降……

Each entry is ``<number><term>[（<page>）]：<definition>``; the definition may
continue on the following lines up to the next numbered entry.  The heading
words, numbering styles and page forms are data (``glossary/sections.json``).
A malformed entry is reported in :attr:`GlossaryParse.problems` and skipped;
the other entries are still parsed.

Example:
    >>> text = "正文。\\n名词解释：\\n1.三供一业（P7）：供水、供电、供热和物业管理。\\n"
    >>> [(e.term, e.page, e.number) for e in parse_glossary(text).entries]
    [('三供一业', 'P7', '1')]
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from extractors.errors import GlossaryFormatError
from glossary.variants import definition_parts, term_variants

__all__ = [
    "GlossaryEntry",
    "GlossaryParse",
    "find_glossary_section",
    "is_glossary_heading",
    "parse_glossary",
    "parse_entry",
    "note_markers",
    "render_entry",
    "term_variants",
    "definition_parts",
]

_DATA = Path(__file__).with_name("sections.json")
_CIRCLED_ONE = ord("①")
_SENTENCE_MARKS = re.compile(r"[。；！？，,]")
# A note marker right after a word of the body: 精品区域[7], “四个倍增计划”（2）; never at a line start.
_NOTE_MARKER = re.compile(r"(?<=[^\s\d（(\[［])(?:\[(\d{1,2})\]|［(\d{1,2})］|（(\d{1,2})）|\((\d{1,2})\))")


@dataclass(frozen=True)
class GlossaryEntry:
    """One glossary entry; ``start``/``end`` are offsets of the whole entry in the parsed text."""

    term: str
    page: str | None
    definition: str
    number: str | None
    start: int
    end: int
    doc: str = ""
    refs: tuple[int, ...] = ()  # offsets of the body's note markers ([3], （3）) that point to this entry


@dataclass
class GlossaryParse:
    """What :func:`parse_glossary` found: entries, one line per malformed entry, the section span."""

    entries: list[GlossaryEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Rules:
    heading: re.Pattern[str]
    preface: re.Pattern[str]
    end: re.Pattern[str]
    marker: re.Pattern[str]
    page: re.Pattern[str]
    colon: re.Pattern[str]
    max_term_chars: int
    max_unnumbered_term_chars: int


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    with open(_DATA, encoding="utf-8") as handle:
        data = json.load(handle)
    # Each alternative names its group n/c; rename so the alternatives do not clash.
    parts = []
    for i, marker in enumerate(data["entry_markers"]):
        parts.append("(?:" + marker.replace("?P<n>", f"?P<n{i}>").replace("?P<c>", f"?P<c{i}>") + ")")
    markers = "|".join(parts)
    return _Rules(
        heading=re.compile(data["heading_pattern"]),
        preface=re.compile(data["preface_pattern"]),
        end=re.compile(data["end_pattern"]),
        marker=re.compile(rf"^\s*(?:{markers})\s*"),
        page=re.compile(data["page_pattern"]),
        colon=re.compile("|".join(re.escape(c) for c in data["colons"])),
        max_term_chars=int(data["max_term_chars"]),
        max_unnumbered_term_chars=int(data["max_unnumbered_term_chars"]),
    )


def _lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """``(lineno, offset, line)`` for each line of ``text[start:end]`` (line without its newline)."""
    end = len(text) if end is None else end
    lineno = text.count("\n", 0, start) + 1
    out = []
    offset = start
    while offset < end:
        newline = text.find("\n", offset, end)
        stop = end if newline < 0 else newline
        out.append((lineno, offset, text[offset:stop]))
        lineno += 1
        offset = stop + 1
    return out


def _marker_number(match: re.Match[str]) -> str:
    for name, value in match.groupdict().items():
        if value is None:
            continue
        return str(ord(value) - _CIRCLED_ONE + 1) if name.startswith("c") else value
    return ""


def is_glossary_heading(line: str) -> bool:
    """Whether ``line`` is a glossary heading (名词解释, 名 词 解 释：, 附件 《政府工作报告》有关内容名词注释)."""
    stripped = line.strip().rstrip("：:").strip()
    if len(stripped) <= 40:
        stripped = re.sub(r"[\s\u3000]+", "", stripped)
    return bool(stripped) and bool(_rules().heading.match(stripped))


_is_heading = is_glossary_heading


def find_glossary_section(text: str) -> tuple[int, int] | None:
    """Character span of the glossary (heading line to end of its entries), or None.

    The last heading line whose next non-empty line is an entry (numbered, or an unnumbered
    ``term：definition`` line, or a ``term：`` line with the definition below) wins, since
    reports put the glossary at the end; a ``附件`` line just above the heading is
    included.  The section ends at the end of text or at a following ``附件2``-style line.
    """
    rules = _rules()
    lines = _lines(text)
    chosen = None
    for i, (_, _, line) in enumerate(lines):
        if not _is_heading(line):
            continue
        following = next((ln for _, _, ln in lines[i + 1:] if ln.strip()), "")
        if rules.marker.match(following) or _unnumbered_start(following):
            chosen = i
    if chosen is None:
        return None
    first = chosen
    previous = next((j for j in range(chosen - 1, -1, -1) if lines[j][2].strip()), None)
    if previous is not None and rules.preface.match(lines[previous][2].strip()):
        first = previous
    end = len(text)
    for _, offset, line in lines[chosen + 1:]:
        if rules.end.match(line.strip()):
            end = offset
            break
    _, first_offset, first_line = lines[first]
    start = first_offset + len(first_line) - len(first_line.lstrip())
    return start, len(text[:end].rstrip())


def _unnumbered_start(line: str) -> bool:
    """Whether ``line`` starts an unnumbered entry: a short term without sentence marks, then a colon."""
    rules = _rules()
    stripped = line.strip()
    colon = rules.colon.search(stripped)
    if colon is None or colon.start() < 2 or colon.start() > rules.max_unnumbered_term_chars:
        return False  # 指：… continues a definition; a term has two characters at least
    return not _SENTENCE_MARKS.search(stripped[:colon.start()])


def _term_line(head: str) -> bool:
    """Whether a numbered line without a colon is a term alone (its definition on the lines below)."""
    stripped = head.strip()
    return 2 <= len(stripped) <= _rules().max_unnumbered_term_chars and not _SENTENCE_MARKS.search(stripped)


def _split_entry(first_line: str, more: list[str], *, where: str) -> tuple[str, str | None, str, str | None]:
    """``(term, page, definition, number)`` of one entry, or GlossaryFormatError saying why not."""
    rules = _rules()
    match = rules.marker.match(first_line)
    number = _marker_number(match) if match else None
    head = first_line[match.end():] if match else first_line.strip()
    colon = rules.colon.search(head)
    if colon is None or colon.start() > rules.max_term_chars:
        if not (more and any(line.strip() for line in more) and _term_line(head)):
            raise GlossaryFormatError(f"{where}: glossary entry has no '：' or ':' after the term: {first_line!r}")
        term, rest = head.strip(), ""  # 1.“四上”企业 on its own line, the definition on the lines below
    else:
        term, rest = head[:colon.start()].strip(), head[colon.end():]
    page = None
    page_match = rules.page.search(term)
    if page_match:
        page = re.sub(r"\s+", "", page_match.group("page"))
        page = "P" + page[1:] if page[0] in "Pp" else page
        term = term[:page_match.start()].strip()
    if not term:
        raise GlossaryFormatError(f"{where}: glossary entry has an empty term before the colon: {first_line!r}")
    pieces = [rest.strip()] + [line.strip() for line in more]
    definition = "\n".join(piece for piece in pieces if piece)
    if not definition:
        raise GlossaryFormatError(f"{where}: glossary entry {term!r} has no definition after the colon: {first_line!r}")
    return term, page, definition, number


def parse_entry(text: str, *, doc: str = "", offset: int = 0) -> GlossaryEntry:
    """Parse the text of ONE entry (as :func:`render_entry` writes it); inverse of ``render_entry``.

    ``offset`` is where ``text`` starts in its document, so ``start``/``end`` are document
    offsets.  Raises :class:`GlossaryFormatError` when the entry has no colon, term or definition.
    """
    lead = len(text) - len(text.lstrip())
    lines = text.strip().split("\n")
    term, page, definition, number = _split_entry(lines[0], lines[1:], where=f"{doc or '<text>'}:1")
    return GlossaryEntry(term, page, definition, number, offset + lead, offset + len(text.rstrip()), doc)


def parse_glossary(text: str, *, doc: str = "") -> GlossaryParse:
    """All entries of the report's glossary; an empty result when the report has none.

    Malformed entries are skipped with one ``doc:lineno: …`` line each in ``problems``,
    so one bad line never hides the rest of the glossary.
    """
    span = find_glossary_section(text)
    result = GlossaryParse(span=span)
    if span is None:
        return result
    rules = _rules()
    lines = [(lineno, offset, line) for lineno, offset, line in _lines(text, *span) if line.strip()][1:]
    if lines and _is_heading(lines[0][2]):  # 附件 line, then the heading
        lines = lines[1:]
    numbered = any(rules.marker.match(line) for _, _, line in lines)
    starts = (lambda line: bool(rules.marker.match(line))) if numbered else _unnumbered_start
    groups: list[list[tuple[int, int, str]]] = []
    for lineno, offset, line in lines:
        if starts(line):
            groups.append([(lineno, offset, line)])
        elif groups:
            groups[-1].append((lineno, offset, line))
    for group in groups:
        lineno, offset, first = group[0]
        where = f"{doc or '<text>'}:{lineno}"
        try:
            term, page, definition, number = _split_entry(first, [ln for _, _, ln in group[1:]], where=where)
        except GlossaryFormatError as problem:
            result.problems.append(str(problem))
            continue
        start = offset + len(first) - len(first.lstrip())
        _, last_offset, last = group[-1]
        result.entries.append(GlossaryEntry(term, page, definition, number, start, last_offset + len(last.rstrip()), doc))
    if numbered and result.entries:
        markers = note_markers(text, span[0])
        result.entries = [replace(e, refs=tuple(markers.get(e.number or "", ()))) for e in result.entries]
    return result


def note_markers(text: str, end: int | None = None) -> dict[str, list[int]]:
    """Note markers of the body (``text[:end]``): number → start offsets of its markers.

    Markers such as ``[3]`` or ``（6）`` right after a word point to the glossary entry of that
    number; a marker's characters are never part of an entity name.
    """
    found: dict[str, list[int]] = {}
    for match in _NOTE_MARKER.finditer(text, 0, len(text) if end is None else end):
        number = next(group for group in match.groups() if group)
        found.setdefault(str(int(number)), []).append(match.start())
    return found


def render_entry(entry: GlossaryEntry) -> str:
    """The text of one entry in the ``1.术语（P3）：定义`` form; :func:`parse_entry` reads it back."""
    number = f"{entry.number}." if entry.number is not None else ""
    page = f"（{entry.page}）" if entry.page else ""
    return f"{number}{entry.term}{page}：{entry.definition}"
