"""Project statuses (签约/开工/在建/建成/投产) from the clause that states them.

A status word applies to the projects named in the same clause (a stretch of a
sentence between ，and ；). The review part gives outcomes of the year reviewed,
the plan part gives plans for the report's year. Status words are data
(``patterns/stages.jsonl``); a *weak* word (推进, 建设, 完成) counts only when
the clause has no specific one.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from extractors.records import Document, Entity, Evidence, Status
from extractors.rules import PATTERNS_DIR

__all__ = ["find_statuses", "stage_words"]

_CLAUSE = re.compile(r"[^，；。！？\n]+")
_STATUS_TYPES = ("Project", "Company", "Agency")
_NOT_STATUS_RULES = ("agency-body", "agency-central", "agency-mass-organisation")


@lru_cache(maxsize=1)
def stage_words() -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, ...], bool]]]:
    """The compiled status-word regex and word → (stages, weak)."""
    table: dict[str, tuple[tuple[str, ...], bool]] = {}
    for line in (PATTERNS_DIR / "stages.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            for word in row["words"]:
                table[word] = (tuple(row["stages"]), bool(row.get("weak")))
    pattern = re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))
    return pattern, table


def _kind_and_year(doc: Document, offset: int) -> tuple[str, int | None] | None:
    section = doc.section_at(offset)
    role = section.role if section else None
    if role == "review":
        return "outcome", (doc.year - 1) if doc.year else None
    if role == "plan":
        return "plan", doc.year
    return None


def find_statuses(doc: Document, entities: Iterable[Entity]) -> Iterator[Status]:
    """Every (project, stage, year, kind) stated in the review or plan part of ``doc``."""
    pattern, table = stage_words()
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for entity in entities:
        if entity.type not in _STATUS_TYPES:
            continue
        for mention in entity.mentions:
            if mention.rule in _NOT_STATUS_RULES:
                continue
            spans.setdefault(mention.start, []).append((mention.start, mention.end, entity.name))
    if not spans:
        return
    starts = sorted(spans)
    seen: set[tuple] = set()
    for sentence in doc.sentences:
        context = _kind_and_year(doc, sentence.start)
        if context is None:
            continue
        for clause in _CLAUSE.finditer(sentence.text):
            c_start, c_end = sentence.start + clause.start(), sentence.start + clause.end()
            names = [name for s in starts if c_start <= s < c_end for (_, e, name) in spans[s] if e <= c_end]
            if not names:
                continue
            strong: list[str] = []
            weak: list[str] = []
            for word in pattern.findall(clause.group(0)):
                stages, is_weak = table[word]
                (weak if is_weak else strong).extend(stages)
            chosen = strong or weak
            if not chosen:
                continue
            evidence = Evidence(doc.id, sentence.start, sentence.end, sentence.text)
            kind, year = context
            for name in dict.fromkeys(names):
                for stage in dict.fromkeys(chosen):
                    key = (name, stage, year, kind)
                    if key not in seen:
                        seen.add(key)
                        yield Status(name, stage, year, kind, evidence)
