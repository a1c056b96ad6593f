"""Relations between the entities of one document, each with its sentence.

Rules (one line each, as in textacy's triples):

* ``CO_OCCURS``: two entities named in the same sentence (weighted by count);
* ``LOCATED_IN``: a project or company followed by 落户/位于/在/入驻 + a place in
  the same clause, or a project whose name starts with a place's name;
* ``BUILDS``: a company whose name starts a project's name (湖南建工集团装配式建筑基地);
* ``PART_OF``: a place whose name contains another place's name as its start
  (金山新城产城示范区 → 金山新城);
* ``RELATED_TO``: an entity named inside a glossary definition, to the defined term.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from extractors.records import Document, Entity, Evidence, Relation

__all__ = ["find_relations", "LOCATION_VERBS"]

LOCATION_VERBS = re.compile(r"(?:落户|位于|坐落于|入驻|落地|在|于)$")
_HOLDERS = ("Project", "Company", "Agency")


def _evidence(doc: Document, offset: int) -> Evidence | None:
    sentence = doc.sentence_at(offset)
    if sentence is None:
        return None
    section = doc.section_at(offset)
    return Evidence(doc.id, sentence.start, sentence.end, sentence.text, section.title if section else None)


def find_relations(doc: Document, entities: Iterable[Entity], *, types: Iterable[str] | None = None,
                   glossary_spans: Iterable[tuple[int, int, str]] = ()) -> Iterator[Relation]:
    """Typed relations between ``entities`` of ``doc`` (optionally only some ``types``)."""
    wanted = set(types) if types is not None else None
    entities = list(entities)
    placed = [(m.start, m.end, e) for e in entities for m in e.mentions]
    placed.sort(key=lambda item: (item[0], -item[1]))

    def want(rel_type: str) -> bool:
        return wanted is None or rel_type in wanted

    # CO_OCCURS: entities named in one sentence, one relation per pair with its count
    if want("CO_OCCURS"):
        pair_counts: Counter[tuple[str, str]] = Counter()
        pair_evidence: dict[tuple[str, str], Evidence] = {}
        by_sentence: dict[int, list[Entity]] = {}
        for start, _end, entity in placed:
            sentence = doc.sentence_at(start)
            if sentence is not None:
                by_sentence.setdefault(sentence.start, []).append(entity)
        for sentence_start, members in by_sentence.items():
            ids = sorted({e.id for e in members})
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    pair_counts[(a, b)] += 1
                    pair_evidence.setdefault((a, b), _evidence(doc, sentence_start))
        for (a, b), count in pair_counts.items():
            if pair_evidence[(a, b)] is not None:
                yield Relation(a, "CO_OCCURS", b, pair_evidence[(a, b)], count)

    by_name = {e.name: e for e in entities}
    places = [e for e in entities if e.type == "Place"]
    companies = [e for e in entities if e.type == "Company"]

    for entity in entities:
        # BUILDS / LOCATED_IN / PART_OF from nested names: the inner name starts the outer one
        for mention in entity.mentions[:1]:
            evidence = _evidence(doc, mention.start)
            if evidence is None:
                continue
            if entity.type == "Project" and want("BUILDS"):
                for company in companies:
                    if entity.name.startswith(company.name) and entity.name != company.name:
                        yield Relation(company.id, "BUILDS", entity.id, evidence)
            if entity.type in _HOLDERS and want("LOCATED_IN"):
                for place in places:
                    if entity.name.startswith(place.name) and len(entity.name) > len(place.name):
                        yield Relation(entity.id, "LOCATED_IN", place.id, evidence)
            if entity.type == "Place" and want("PART_OF"):
                for place in places:
                    if place is not entity and entity.name.startswith(place.name):
                        yield Relation(entity.id, "PART_OF", place.id, evidence)

    # LOCATED_IN from text: holder … 落户/位于/在 + place, in one clause
    if want("LOCATED_IN"):
        for start, end, entity in placed:
            if entity.type != "Place":
                continue
            before = doc.text[max(0, start - 3):start]
            if not LOCATION_VERBS.search(before):
                continue
            clause_start = max(doc.text.rfind(ch, 0, start) for ch in "，。；\n") + 1
            holders = [e for s, _e, e in placed if clause_start <= s < start and e.type in _HOLDERS]
            evidence = _evidence(doc, start)
            for holder in holders[-1:]:
                if evidence is not None:
                    yield Relation(holder.id, "LOCATED_IN", entity.id, evidence)

    # RELATED_TO: an entity named inside a glossary definition relates to the defined term
    if want("RELATED_TO"):
        for g_start, g_end, term in glossary_spans:
            target = by_name.get(term)
            if target is None:
                continue
            for start, _end, entity in placed:
                if g_start <= start < g_end and entity is not target:
                    evidence = _evidence(doc, start)
                    if evidence is not None:
                        yield Relation(entity.id, "RELATED_TO", target.id, evidence)
