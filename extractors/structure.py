"""Stage 2, structure: sections (with roles), sentences, year and issuer of a Document.

Heading styles come from ``patterns/headings.jsonl`` (一、… chapters, （一）… subsections, the
名词解释/注释 glossary heading) and section roles from ``patterns/section_roles.jsonl``.
A numbered heading is only accepted in sequence (一 then 二 …; （一） restarts in every
chapter), so a list item that happens to start with 一、 inside a paragraph is not a heading.
The stage is pure: Document in, the same Document (filled in) out.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.errors import KGError
from extractors.metadata import find_issuer, find_year
from extractors.records import SECTION_ROLES, Document, Section, Sentence

__all__ = ["annotate", "find_sections", "split_sentences", "section_role", "PREAMBLE_TITLE"]

_PATTERNS = Path(__file__).parent / "patterns"
PREAMBLE_TITLE = "开篇"
_MAX_TITLE = 40  # a heading line longer than this is a heading sentence plus body text
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


def _read_jsonl(name: str) -> list[dict]:
    path = _PATTERNS / name
    rows = []
    with open(path, encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise KGError(f"{path}:{lineno}: not a JSON object ({error.msg}); fix that line.") from None
    return rows


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
    """The role whose pattern (section_roles.jsonl, first match wins) matches ``title``, else None."""
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
        found = rule.regex.match(body)
        if found:
            return rule, found
    return None, None


def find_sections(text: str) -> list[Section]:
    """Sections of a report: preamble, numbered chapters and subsections, the glossary.

    Each section runs from its heading line to the next heading of the same or a higher
    level (or the end of the text); a subsection inherits its chapter's role unless its
    own title names one.
    """
    heads: list[tuple[int, int, str, str]] = []  # (start, level, title, kind)
    chapter = sub = 0
    pending_annex: tuple[int, str] | None = None
    in_glossary = False
    for start, _end, line in _lines(text):
        if not line.strip() or in_glossary:
            continue
        rule, found = _match_heading(line)
        if rule is None:
            pending_annex = None
            continue
        if rule.kind == "chapter" and _numeral(found["num"]) == chapter + 1:
            chapter, sub = chapter + 1, 0
            heads.append((start, 1, _title(found["title"]), "chapter"))
        elif rule.kind == "subsection" and chapter and _numeral(found["num"]) == sub + 1:
            sub += 1
            heads.append((start, 2, _title(found["title"]), "subsection"))
        elif rule.kind == "glossary" and start >= len(text) // 2:
            title = found["title"]
            if pending_annex is not None:
                start, title = pending_annex[0], f"{pending_annex[1]} {title}"
            heads.append((start, 1, title, "glossary"))
            in_glossary = True
        elif rule.kind == "annex" and start >= len(text) // 2:
            pending_annex = (start, _LEAD.sub("", line).strip().rstrip("：:"))
            continue
        pending_annex = None
    if pending_annex is not None:  # an 附件 line with no glossary after it
        heads.append((pending_annex[0], 1, pending_annex[1], "annex"))
        heads.sort()
    return _build_sections(text, heads)


def _build_sections(text: str, heads: list[tuple[int, int, str, str]]) -> list[Section]:
    sections: list[Section] = []
    first = heads[0][0] if heads else len(text)
    if text[:first].strip():
        sections.append(Section(0, PREAMBLE_TITLE, "preamble", 1, 0, first))
    parent: Section | None = None
    for i, (start, level, title, kind) in enumerate(heads):
        end = next((s for s, lv, _t, _k in heads[i + 1:] if lv <= level), len(text))
        own = "glossary" if kind == "glossary" else section_role(title)
        if level == 1:
            section = Section(len(sections), title, own or "other", 1, start, end)
            parent = section
        else:
            role = own or (parent.role if parent else "other")
            section = Section(len(sections), title, role, 2, start, end, parent.index if parent else None)
        sections.append(section)
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
            section = -1
            for candidate in ordered:
                if candidate.start <= s < candidate.end:
                    section = candidate.index  # later (deeper or later-starting) wins
            sentences.append(Sentence(s, e, text[s:e], section, paragraph))
    return sentences


def annotate(doc: Document) -> Document:
    """Fill ``doc.sections``, ``doc.sentences``, ``doc.year`` and ``doc.issuer`` from ``doc.text``."""
    doc.sections = find_sections(doc.text)
    doc.sentences = split_sentences(doc.text, doc.sections)
    doc.year = find_year(doc.text, doc.sections, doc.id)
    doc.issuer = find_issuer(doc.text)
    return doc
