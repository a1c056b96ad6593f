"""Project statuses (签约/开工/在建/建成/投产) from the clause that states them.

A status word applies to the projects named in the same clause (a stretch of a
sentence between ，and ；). The review part gives outcomes of the year reviewed,
the plan part gives plans for the report's year. Status words and how they
combine are data (``patterns/stages.jsonl``, ``patterns/stage_rules.json``):

* specific words (竣工, 开工, 续建…) win over weak ones (推进, 建设, 完成), and
  among weak words the higher rank wins (完成…建设 → 建成);
* a start verb governs the works it names (启动…改扩建 → 开工 only);
* a completion word after 即将 in the review part means the work is still
  under way (即将竣工投产 → 在建);
* some words depend on the part: 新建 is 建成 in a review, 开工 in a plan;
* only the outermost name counts (湖南建工集团装配式建筑基地, not 湖南建工集团).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from extractors.records import Document, Entity, Evidence, Status
from extractors.rules import PATTERNS_DIR

__all__ = ["find_statuses", "StageWords", "stage_words", "clause_stages"]

_CLAUSE = re.compile(r"[^，；。！？\n]+")
_STATUS_TYPES = ("Project", "Company", "Agency")
_NOT_STATUS_RULES = ("agency-body", "agency-central", "agency-mass-organisation")


@dataclass(frozen=True)
class _Word:
    stages: tuple[str, ...]
    outcome_stages: tuple[str, ...]
    weak: bool
    rank: int


@dataclass(frozen=True)
class StageWords:
    """Compiled status vocabulary and combination rules."""

    pattern: re.Pattern[str]
    words: dict[str, _Word]
    future: re.Pattern[str]
    completion: frozenset[str]
    agency_suffixes: tuple[str, ...]
    company_heads: tuple[str, ...]


@lru_cache(maxsize=1)
def stage_words() -> StageWords:
    """Load the status vocabulary once per process."""
    words: dict[str, _Word] = {}
    for line in (PATTERNS_DIR / "stages.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            word = _Word(tuple(row["stages"]), tuple(row.get("outcome_stages", row["stages"])),
                         bool(row.get("weak")), int(row.get("rank", 0)))
            for text in row["words"]:
                words[text] = word
    rules = json.loads((PATTERNS_DIR / "stage_rules.json").read_text(encoding="utf-8"))
    return StageWords(
        pattern=re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))),
        words=words,
        future=re.compile("|".join(map(re.escape, rules["future_markers"]))),
        completion=frozenset(rules["completion_stages"]),
        agency_suffixes=tuple(rules["agency_facility_suffixes"]),
        company_heads=tuple(rules["company_heads"]),
    )


def clause_stages(clause: str, kind: str, vocab: StageWords | None = None) -> list[str]:
    """The stages a clause states for the works it names, in the review (outcome) or plan part."""
    vocab = vocab or stage_words()
    strong: list[str] = []
    weak_rank, weak = -1, []
    for match in vocab.pattern.finditer(clause):
        word = vocab.words[match.group(0)]
        stages = word.outcome_stages if kind == "outcome" else word.stages
        if kind == "outcome" and vocab.future.search(clause, 0, match.start()):
            stages = tuple("在建" if s in vocab.completion else s for s in stages)
        if not word.weak:
            strong.extend(stages)
        elif word.rank > weak_rank:
            weak_rank, weak = word.rank, list(stages)
    chosen = list(dict.fromkeys(strong or weak))
    if "开工" in chosen and "在建" in chosen:  # 启动…改扩建: the start verb governs
        chosen.remove("在建")
    return chosen


def _kind_and_year(doc: Document, offset: int) -> tuple[str, int | None] | None:
    section = doc.section_at(offset)
    role = section.role if section else None
    if role == "review":
        return "outcome", (doc.year - 1) if doc.year else None
    if role == "plan":
        return "plan", doc.year
    return None


def _candidates(entities: Iterable[Entity], vocab: StageWords) -> list[tuple[int, int, Entity]]:
    spans = []
    for entity in entities:
        if entity.type not in _STATUS_TYPES:
            continue
        if entity.type == "Agency" and not entity.name.endswith(vocab.agency_suffixes):
            continue
        spans.extend((m.start, m.end, entity) for m in entity.mentions if m.rule not in _NOT_STATUS_RULES)
    spans.sort(key=lambda item: (item[0], -item[1]))
    outermost, last_end = [], -1
    for start, end, entity in spans:
        if end <= last_end:
            continue  # nested inside a longer name: the outer name carries the status
        outermost.append((start, end, entity))
        last_end = end
    return outermost


def find_statuses(doc: Document, entities: Iterable[Entity]) -> Iterator[Status]:
    """Every (project, stage, year, kind) stated in the review or plan part of ``doc``."""
    vocab = stage_words()
    spans = _candidates(entities, vocab)
    if not spans:
        return
    seen: set[tuple] = set()
    cursor = 0
    for sentence in doc.sentences:
        while cursor < len(spans) and spans[cursor][0] < sentence.start:
            cursor += 1
        context = _kind_and_year(doc, sentence.start)
        if context is None or cursor >= len(spans) or spans[cursor][0] >= sentence.end:
            continue
        kind, year = context
        evidence = Evidence(doc.id, sentence.start, sentence.end, sentence.text)
        for clause in _CLAUSE.finditer(sentence.text):
            c_start, c_end = sentence.start + clause.start(), sentence.start + clause.end()
            named = [(s, e, ent) for s, e, ent in spans[cursor:] if c_start <= s and e <= c_end]
            if not named:
                continue
            stages = clause_stages(clause.group(0), kind, vocab)
            for start, end, entity in named:
                if entity.type == "Company" and any(h in doc.text[end:c_end] for h in vocab.company_heads):
                    continue  # …等企业“三供一业”改造: firms, not projects
                for stage in stages:
                    if entity.type == "Agency" and stage == "签约":
                        continue
                    key = (entity.name, stage, year, kind)
                    if key not in seen:
                        seen.add(key)
                        yield Status(entity.name, stage, year, kind, evidence)
