"""Relations between the entities of one document, each with its sentence.

Rules (one line each, as in textacy's triples; vocabulary in ``patterns/relations.json``):

* ``CO_OCCURS``: two entities named in the same sentence (weighted by count);
* ``LOCATED_IN``: a project or company whose name starts with a place's name
  (the longest such place); holders before 落户/位于/入驻/在 + a place in one
  clause; 在/于 + a place + 建设/布局… + a holder; a place + 的 + a holder; a
  place directly followed by a holder or a list of holders (430片区斯威铁路、铁达能源);
* ``BUILDS``: a company whose name starts a project's name (湖南建工集团装配式建筑基地);
* ``PART_OF``: a place whose name starts with another place's name, unless it is
  a river or plain named after a town (金山新城产城示范区 → 金山新城, not 天门河 → 天门); a place directly
  followed by a place of a lower administrative level (乌兰巴托市松根海尔汗区);
* ``RELATED_TO``: an entity named inside a glossary definition, to the defined term.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from extractors.records import Document, Entity, Evidence, Relation
from extractors.rules import PATTERNS_DIR

__all__ = ["find_relations", "LOCATION_VERBS", "RelationWords", "relation_words"]

_HOLDERS = ("Project", "Company", "Agency")
_CLAUSE_ENDS = "，。；,;\n"


@dataclass(frozen=True)
class RelationWords:
    """Compiled vocabulary of the relation rules."""

    location_verbs: re.Pattern[str]  # matches at the end of the text before a place
    site: re.Pattern[str]  # 在/于 before a place
    site_verbs: re.Pattern[str]  # matches at the start of the text after a place
    of_gap: int
    joiners: tuple[str, ...]
    levels: tuple[tuple[str, ...], ...]
    natural: tuple[str, ...]
    self_places: re.Pattern[str]


def _alt(words: Iterable[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=1)
def relation_words() -> RelationWords:
    """Load ``patterns/relations.json`` once per process."""
    data = json.loads((PATTERNS_DIR / "relations.json").read_text(encoding="utf-8"))
    return RelationWords(
        location_verbs=re.compile(rf"(?:{_alt(data['location_verbs'])})$"),
        site=re.compile(rf"(?:{_alt(data['site_prepositions'])})$"),
        site_verbs=re.compile(rf"^(?:{_alt(data['site_verbs'])})"),
        of_gap=int(data["of_gap"]),
        joiners=tuple(data["list_joiners"]),
        levels=tuple(tuple(level) for level in data["admin_levels"]),
        natural=tuple(data["natural_suffixes"]),
        self_places=re.compile(_alt(data["self_places"])),
    )


LOCATION_VERBS = relation_words().location_verbs


def _evidence(doc: Document, offset: int) -> Evidence | None:
    sentence = doc.sentence_at(offset)
    if sentence is None:
        return None
    section = doc.section_at(offset)
    return Evidence(doc.id, sentence.start, sentence.end, sentence.text, section.title if section else None)


def _level(name: str, words: RelationWords) -> int | None:
    for rank, suffixes in enumerate(words.levels):
        if name.endswith(suffixes):
            return rank
    return None


def _prefix_places(name: str, entity: Entity, forms: list[tuple[str, Entity]]) -> list[Entity]:
    """Places one of whose written forms starts ``name`` (and is shorter), the longest form first."""
    found = [p for form, p in forms if p is not entity and name.startswith(form) and len(name) > len(form)]
    return list({p.id: p for p in found}.values())


def _co_occurs(doc: Document, placed: list[tuple[int, int, Entity]]) -> Iterator[Relation]:
    """CO_OCCURS: entities named in one sentence, one relation per pair with its count."""
    pair_counts: Counter[tuple[str, str]] = Counter()
    pair_evidence: dict[tuple[str, str], Evidence | None] = {}
    by_sentence: dict[int, list[Entity]] = {}
    for start, _end, entity in placed:
        sentence = doc.sentence_at(start)
        if sentence is not None:
            by_sentence.setdefault(sentence.start, []).append(entity)
    for sentence_start, members in by_sentence.items():
        ids = sorted({e.id for e in members})
        evidence = _evidence(doc, sentence_start) if len(ids) > 1 else None  # once per sentence, not per pair
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                pair_counts[(a, b)] += 1
                if (a, b) not in pair_evidence:
                    pair_evidence[(a, b)] = evidence
    for (a, b), count in pair_counts.items():
        evidence = pair_evidence[(a, b)]
        if evidence is not None:
            yield Relation(a, "CO_OCCURS", b, evidence, count)


def _nested(doc: Document, entities: list[Entity], want, words: RelationWords) -> Iterator[Relation]:
    """BUILDS / LOCATED_IN / PART_OF from nested names: the inner name starts the outer one."""
    places = [e for e in entities if e.type == "Place"]
    companies = [e for e in entities if e.type == "Company"]
    # every written form of a place (海南 for 海南省), longest first
    forms = sorted({(form, id(p)): (form, p) for p in places
                    for form in (p.name, *p.aliases, *(m.text for m in p.mentions)) if len(form) >= 2}.values(),
                   key=lambda item: -len(item[0]))
    for entity in entities:
        evidence = _evidence(doc, entity.mentions[0].start) if entity.mentions else None
        if evidence is None:
            continue
        prefixes = _prefix_places(entity.name, entity, forms)
        owners = [c for c in companies if entity.name.startswith(c.name) and entity.name != c.name]
        if entity.type == "Project" and want("BUILDS"):
            for company in owners:
                yield Relation(company.id, "BUILDS", entity.id, evidence)
        # a holder named after a place lies in the longest such place (天门河下段治理 → 天门河, not 天门)
        if entity.type in _HOLDERS and prefixes and want("LOCATED_IN"):
            yield Relation(entity.id, "LOCATED_IN", prefixes[0].id, evidence)
        # a place right after the company in a project's name: 汉德车桥株洲制造基地 → 株洲
        if entity.type == "Project" and want("LOCATED_IN"):
            for company in owners:
                for place in _prefix_places(entity.name[len(company.name):], entity, forms)[:1]:
                    yield Relation(entity.id, "LOCATED_IN", place.id, evidence)
        # a place named after a place is part of it, unless it is a river or plain named after a town
        if entity.type == "Place" and want("PART_OF"):
            for place in prefixes:
                if place.name != entity.name and (not entity.name.endswith(words.natural)
                                                  or place.name.endswith(words.natural)):
                    yield Relation(entity.id, "PART_OF", place.id, evidence)


def _self_located(doc: Document, entities: list[Entity], placed: list[tuple[int, int, Entity]],
                  words: RelationWords) -> Iterator[Relation]:
    """LOCATED_IN: holders before 落户/位于/在 + 我区/本市 lie in the issuing place (X公司在我区设立子公司)."""
    issuer = next((e for e in entities if e.type == "Place" and doc.issuer and e.name == doc.issuer), None)
    if issuer is None:
        return
    starts = [s for s, _e, _holder in placed]  # placed is sorted by start: the clause's mentions by bisection
    for match in words.self_places.finditer(doc.text):
        at = match.start()
        c_start, _c_end = _clause_bounds(doc.text, at, match.end())
        evidence = _evidence(doc, at)
        if evidence is None or not LOCATION_VERBS.search(doc.text[max(c_start, at - 3):at]):
            continue
        for s, _e, holder in placed[bisect_left(starts, c_start):bisect_left(starts, at)]:
            if holder.type in _HOLDERS:
                yield Relation(holder.id, "LOCATED_IN", issuer.id, evidence)


def _until(placed: list[tuple[int, int, Entity]], index: int, limit: int, floor: int):
    """Mentions from ``index`` on that start in [floor, limit) (``placed`` is sorted by start)."""
    for at in range(index, len(placed)):  # not placed[index:]: a copy of the rest per call is quadratic
        item = placed[at]
        if item[0] >= limit:
            return
        if item[0] >= floor:
            yield item


def _back_to(placed: list[tuple[int, int, Entity]], index: int, floor: int):
    """Mentions before ``index`` that start at or after ``floor``, nearest last."""
    at = index
    while at > 0 and placed[at - 1][0] >= floor:
        at -= 1
    return placed[at:index]


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    c_start = max(text.rfind(ch, 0, start) for ch in _CLAUSE_ENDS) + 1
    ends = [i for i in (text.find(ch, end) for ch in _CLAUSE_ENDS) if i >= 0]
    return c_start, min(ends) if ends else len(text)


def _in_text(doc: Document, placed: list[tuple[int, int, Entity]], want,
             words: RelationWords) -> Iterator[Relation]:
    """LOCATED_IN and PART_OF stated by the words around a place, in one clause."""
    text = doc.text
    for index, (start, end, place) in enumerate(placed):
        if place.type != "Place":
            continue
        evidence = _evidence(doc, start)
        if evidence is None:
            continue
        c_start, c_end = _clause_bounds(text, start, end)
        before, after = text[max(c_start, start - 3):start], text[end:c_end]
        following = list(_until(placed, index + 1, c_end, end))
        holders_after = [(s, e, h) for s, e, h in following if h.type in _HOLDERS]
        targets: list[Entity] = []
        # holders before 落户/位于/入驻/在 + place: X、Y等项目落户天门
        if LOCATION_VERBS.search(before):
            targets += [h for s, _e, h in _back_to(placed, index, c_start) if s < start and h.type in _HOLDERS]
        # 在/于 + place, or a place opening its clause, + 建设/引进… + holders: 在金山新城建设X、Y
        if (words.site.search(before) or start == c_start) and words.site_verbs.match(after):
            targets += [h for _s, _e, h in holders_after]
        # place + 的 + holder: 金山新城的装配式建筑产业园
        if after.startswith("的") and holders_after and holders_after[0][0] - end <= words.of_gap + 1 \
                and not any(ch in text[end:holders_after[0][0]] for ch in "、和及与"):
            targets.append(holders_after[0][2])
        # place directly followed by a holder or a list of them: 430片区斯威铁路、铁达能源等
        cursor = end
        for s, e, holder in following:
            if s < cursor:
                continue  # nested inside the previous holder
            gap = text[cursor:s]
            if holder.type not in _HOLDERS or (gap and (cursor == end or gap not in words.joiners)):
                break
            targets.append(holder)
            cursor = e
        if want("LOCATED_IN"):
            for holder in {h.id: h for h in targets}.values():
                if holder is not place:
                    yield Relation(holder.id, "LOCATED_IN", place.id, evidence)
        # a place directly followed by a lower-level place contains it: 乌兰巴托市松根海尔汗区
        if want("PART_OF") and following and following[0][0] == end and following[0][2].type == "Place":
            inner = following[0][2]
            outer_level, inner_level = _level(place.name, words), _level(inner.name, words)
            if outer_level is not None and inner_level is not None and outer_level < inner_level:
                yield Relation(inner.id, "PART_OF", place.id, evidence)


def find_relations(doc: Document, entities: Iterable[Entity], *, types: Iterable[str] | None = None,
                   glossary_spans: Iterable[tuple[int, int, str]] = ()) -> Iterator[Relation]:
    """Typed relations between ``entities`` of ``doc`` (optionally only some ``types``)."""
    wanted = set(types) if types is not None else None
    entities = list(entities)
    words = relation_words()
    placed = [(m.start, m.end, e) for e in entities for m in e.mentions]
    placed.sort(key=lambda item: (item[0], -item[1]))

    def want(rel_type: str) -> bool:
        return wanted is None or rel_type in wanted

    if want("CO_OCCURS"):
        yield from _co_occurs(doc, placed)
    seen: set[tuple[str, str, str]] = set()
    located = _self_located(doc, entities, placed, words) if want("LOCATED_IN") else ()
    for relation in (*_nested(doc, entities, want, words), *_in_text(doc, placed, want, words), *located):
        key = (relation.source, relation.type, relation.target)
        if key not in seen and relation.source != relation.target:
            seen.add(key)
            yield relation

    # RELATED_TO: an entity named inside a glossary definition relates to the defined term
    if want("RELATED_TO"):
        by_name = {e.name: e for e in entities}
        for g_start, g_end, term in glossary_spans:
            target = by_name.get(term)
            if target is None:
                continue
            for start, _end, entity in placed:
                if g_start <= start < g_end and entity is not target:
                    evidence = _evidence(doc, start)
                    if evidence is not None:
                        yield Relation(entity.id, "RELATED_TO", target.id, evidence)
