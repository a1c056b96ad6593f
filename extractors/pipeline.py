"""The extraction pipeline: named stages from a report file to entities, relations and statuses.

Each stage is a small function ``stage(state) -> None`` that reads what earlier
stages wrote into :class:`Extraction` and writes fields of its own; stages are
registered by name in :data:`STAGES` (as spaCy registers components) with the
stages they ``needs`` and the fields they ``fills`` (as spaCy's ``requires=`` /
``assigns=``), recorded in :data:`STAGE_SPECS`. ``extract_document(doc,
stages=[...])`` runs a chosen list, and a stage whose inputs are not in it is an
error naming the missing stage, never an empty result.

    glossary → segment+entities → link_glossary → statuses → relations → indicators
"""
from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from extractors.entities import TokenIndex, find_mentions
from extractors.errors import KGError
from extractors.indicators import Indicator, extract_indicators
from extractors.ingest import read_document
from extractors.records import Document, Entity, Evidence, Relation, Status
from extractors.relation_ends import firms_heading_projects
from extractors.relations import find_relations, written_place_forms
from extractors.resolve import merge_sections, resolve_mentions
from extractors.rules import load_rules
from extractors.segment import get_segmenter
from extractors.statuses import find_statuses, works_named_by_status
from extractors.structure import annotate, multi_year_spans
from glossary.parse import GlossaryEntry, parse_glossary
from glossary.variants import term_variants

__all__ = ["Extraction", "STAGES", "STAGE_SPECS", "StageSpec", "register_stage", "stages_for", "extract_document", "extract_file", "extraction_to_json",
           "document_attributes", "summary_lines", "warm_up"]


@dataclass
class Extraction:
    """Everything extracted from one document; each stage fills the fields it declares (``STAGE_SPECS``)."""

    document: Document
    glossary: list[GlossaryEntry] = field(default_factory=list)
    glossary_problems: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    term_links: dict[str, str] = field(default_factory=dict)  # glossary term → entity id
    statuses: list[Status] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


log = logging.getLogger(__name__)

_QUOTE_CHARS = re.compile(r"[“”‘’\"'「」《》、]")
_UNQUOTED = re.compile(r"“[^”]*”|《[^》]*》|「[^」]*」")  # quoted stretches of a term
_QUOTED_LIST = re.compile(r"“([^”]*、[^”]*)”")  # a quoted name that holds a 、


def _balanced(form: str) -> bool:
    """Whether every opening quote of ``form`` is closed (“千村引领 is a broken piece, not a name)."""
    return all(form.count(a) == form.count(b) for a, b in ("“”", "《》", "「」", "‘’"))

Stage = Callable[[Extraction], None]
STAGES: dict[str, Stage] = {}  # name → stage function, in run order


@dataclass(frozen=True)
class StageSpec:
    """What a registered stage reads and writes: the stages it ``needs`` run before it and the
    :class:`Extraction` fields it ``fills``."""

    name: str
    needs: tuple[str, ...]
    fills: tuple[str, ...]


STAGE_SPECS: dict[str, StageSpec] = {}  # name → what the stage needs and fills, in run order


def register_stage(name: str, *, needs: tuple[str, ...] = (),
                   fills: str | tuple[str, ...]) -> Callable[[Stage], Stage]:
    """Register a pipeline stage under ``name`` (the order of registration is the run order).

    ``needs`` names the stages whose output it reads (each registered before it); ``fills``
    the :class:`Extraction` field or fields it writes or adds to. Raises :class:`KGError` for a need that
    is no earlier stage or a field that :class:`Extraction` does not have.
    """
    filled = (fills,) if isinstance(fills, str) else tuple(fills)
    known = [f.name for f in fields(Extraction) if f.name != "document"]
    unknown_fields = [f for f in filled if f not in known]
    if unknown_fields or not filled:
        raise KGError(f"stage {name!r} fills {', '.join(unknown_fields) or 'nothing'}; "
                      f"a stage fills fields of Extraction: {', '.join(known)}")
    unknown_needs = [need for need in needs if need not in STAGES]
    if unknown_needs:
        raise KGError(f"stage {name!r} needs {', '.join(unknown_needs)}, which is not a stage registered before it; "
                      f"registered: {', '.join(STAGES) or 'none'}")

    def decorator(func: Stage) -> Stage:
        STAGES[name] = func
        STAGE_SPECS[name] = StageSpec(name, tuple(needs), filled)
        return func
    return decorator


def stages_for(name: str) -> list[str]:
    """The stages to run, in order, so that stage ``name`` has its inputs (``name`` last)."""
    if name not in STAGE_SPECS:
        raise KGError(f"unknown pipeline stage {name}; available stages: {', '.join(STAGES)}")
    wanted: set[str] = set()
    pending = [name]
    while pending:
        stage = pending.pop()
        if stage not in wanted:
            wanted.add(stage)
            pending.extend(STAGE_SPECS[stage].needs)
    return [stage for stage in STAGES if stage in wanted]


def _check_inputs(names: list[str]) -> None:
    """Raise :class:`KGError` when a stage in ``names`` runs without a stage it needs before it."""
    for position, name in enumerate(names):
        missing = [need for need in STAGE_SPECS[name].needs if need not in names[:position]]
        if missing:
            reads = ", ".join(f for need in missing for f in STAGE_SPECS[need].fills)
            raise KGError(f"pipeline stage {name!r} needs stage{'s' if len(missing) > 1 else ''} "
                          f"{', '.join(map(repr, missing))} run before it (they fill {reads}); "
                          f"run stages={stages_for(name)!r}")


@register_stage("glossary", fills=("glossary", "glossary_problems"))
def glossary_stage(state: Extraction) -> None:
    """Parse the report's own glossary (名词解释); malformed entries become problems, not errors."""
    parsed = parse_glossary(state.document.text, doc=state.document.id)
    state.glossary = parsed.entries
    state.glossary_problems = parsed.problems


def _listing_mark(term: str, variants: list[str]) -> str | None:
    """The mark that makes a term name several things (市五个一批、五大行动 → 、; 一分三统和远程异地评标 → 和,
    as both halves are forms of it); None for one name (“千村引领、万村提升”工程: 、 inside quotes)."""
    bare = _UNQUOTED.sub("", term)
    if "、" in bare:
        return "、"
    for conjunction in ("和", "及", "与"):
        left, found, right = term.partition(conjunction)
        if found and conjunction in bare and left in variants and right in variants:
            return conjunction
    return None


def _glossary_terms(entries: Iterable[GlossaryEntry]) -> dict[str, str]:
    """Every surface form of every glossary term → the canonical name its entity takes.

    A listing term (市五个一批、五大行动) names several entities, each item its own;
    otherwise the shortest form is the name (制造强市“1093”行动 → 1093) and the rest
    become aliases, as the guidelines ask; a quoted name with a 、 inside
    (“千村引领、万村提升”工程) is one name, the quoted one.
    """
    canonical: dict[str, str] = {}
    for entry in entries:
        variants = [v for v in term_variants(entry.term) if len(v) >= 2 and _balanced(v)]
        if not variants:
            continue
        mark = _listing_mark(entry.term, variants)
        if mark is not None:
            for variant in variants:
                if "、" not in variant and mark not in variant:
                    canonical.setdefault(variant, variant)
            continue
        quoted = _QUOTED_LIST.findall(entry.term)
        if len(quoted) == 1:  # “千村引领、万村提升”工程: the quoted list is one name, its pieces none
            variants = [v for v in variants if "、" in v]
            name = quoted[0]
        else:
            name = min((v for v in variants if not _QUOTE_CHARS.search(v)), key=len, default=variants[0])
        for variant in variants:
            canonical.setdefault(variant, name)
    return canonical


@register_stage("entities", needs=("glossary",), fills="entities")
def entity_stage(state: Extraction) -> None:
    """Segment with the glossary terms in the dictionary, find mentions, resolve entities."""
    text = state.document.text
    canonical = _glossary_terms(state.glossary)
    segmenter = get_segmenter()
    with segmenter.extra_words((term, "nz") for term in canonical):
        index = TokenIndex.segment(text, segmenter)
    mentions = find_mentions(index, load_rules(), terms=dict.fromkeys(canonical, "Program"))
    mentions = [replace(m, name=canonical[m.text]) if m.rule == "glossary-term" and m.text in canonical else m
                for m in mentions]
    state.entities = resolve_mentions(mentions)


@register_stage("link_glossary", needs=("glossary", "entities"), fills="term_links")
def link_glossary_stage(state: Extraction) -> None:
    """Link each glossary term to the entity it defines: the name a note marker ([3], （3）) follows in
    the body, else the entity whose name, alias or variant is the term."""
    by_form: dict[str, Entity] = {}
    for entity in state.entities:
        for form in (entity.name, *entity.aliases):
            by_form.setdefault(form, entity)
    ends = {m.end: entity for entity in state.entities for m in entity.mentions}
    for entry in state.glossary:
        # a note marker right after a name in the body points to this entry (城市大脑”[8]); else the term's name
        linked = next((ends[at - gap] for at in entry.refs for gap in (0, 1) if at - gap in ends), None)
        if linked is None:
            linked = next((by_form[v] for v in term_variants(entry.term) if v in by_form), None)
        if linked is not None:
            state.term_links[entry.term] = linked.id
            if linked.definition is None:
                linked.definition = entry.definition


@register_stage("statuses", needs=("entities",), fills=("statuses", "entities"))
def status_stage(state: Extraction) -> None:
    """Project stages (签约 开工 在建 建成 投产) with year and outcome/plan kind; works named only by the
    status clause that governs them (开工建设喜鹊寺水库) join the entities first."""
    several = multi_year_spans(state.document)  # (the stretches of several years: found once for both passes)
    state.entities = merge_sections(state.entities + works_named_by_status(state.document, state.entities,
                                                                           several=several))
    state.statuses = list(find_statuses(state.document, state.entities, several=several))


@register_stage("relations", needs=("glossary", "entities", "link_glossary"), fills=("relations", "entities"))
def relation_stage(state: Extraction) -> None:
    """Typed relations between entities, each with its evidence sentence (a firm named only at the head of
    a project's name becomes a Company first: :func:`extractors.relation_ends.firms_heading_projects`)."""
    # (the places' written forms are read once for both: the firms added are no places)
    forms = written_place_forms(state.entities)
    state.entities.extend(firms_heading_projects(state.entities, place_forms=forms))
    ids = {e.id: e for e in state.entities}
    spans = [(entry.start, entry.end, ids[state.term_links[entry.term]].name)
             for entry in state.glossary if state.term_links.get(entry.term) in ids]
    state.relations = list(find_relations(state.document, state.entities, glossary_spans=spans, place_forms=forms))


@register_stage("indicators", fills="indicators")
def indicator_stage(state: Extraction) -> None:
    """Quantitative statements (GDP, revenue, growth…) as outcome or target indicators."""
    state.indicators = extract_indicators(state.document)


def extract_document(doc: Document, *, stages: Iterable[str] | None = None) -> Extraction:
    """Run the named stages (default: all, in order) over an annotated document.

    Raises :class:`KGError` for an unknown stage and for a stage whose needs are not run
    before it (``stages=["statuses"]`` without ``"entities"``), naming the missing stage.
    """
    if not doc.sentences and doc.text:
        annotate(doc)
    state = Extraction(document=doc)
    names = list(stages) if stages is not None else list(STAGES)
    unknown = [name for name in names if name not in STAGES]
    if unknown:
        raise KGError(f"unknown pipeline stage {', '.join(unknown)}; available stages: {', '.join(STAGES)}")
    _check_inputs(names)
    for name in names:
        started = time.perf_counter()
        STAGES[name](state)
        if log.isEnabledFor(logging.INFO):
            log.info("%s: %s took %.3f s", doc.id, name, time.perf_counter() - started)
    if log.isEnabledFor(logging.INFO):
        log.info("%s: year %s, issuer %s, %d entities, %d relations, %d statuses, %d glossary entries",
                 doc.id, doc.year, doc.issuer, len(state.entities), len(state.relations), len(state.statuses),
                 len(state.glossary))
    return state


_WARM_UP_TEXT = "示例市政府工作报告\n一、2024年工作回顾\n示例新区示范产业园项目开工建设。\n二、2025年工作安排\n推进示范工程。\n"


def warm_up() -> dict[str, float]:
    """Pay the once-per-process start-up costs now and say what each took, in seconds.

    Loading jieba's dictionary and compiling the rules happen once per process
    (they are cached); worker processes call this when they start so that no
    document pays for them, and the benchmark prints them apart from throughput.
    Calling it again costs almost nothing.
    """
    costs: dict[str, float] = {}
    started = time.perf_counter()
    get_segmenter()
    costs["jieba_dictionary"] = time.perf_counter() - started
    started = time.perf_counter()
    load_rules()
    costs["entity_rules"] = time.perf_counter() - started
    started = time.perf_counter()
    extract_document(Document(id="warm-up", text=_WARM_UP_TEXT, year=2025))  # the other lazily compiled tables
    costs["other_tables"] = time.perf_counter() - started
    return costs


def extract_file(path: str | Path, *, max_bytes: int | None = None, doc_id: str | None = None) -> Extraction:
    """Read, structure and extract one report file (raises InputError for bad input).

    ``doc_id`` names the document (default: the file name; a folder build passes the path
    relative to the input folder).
    """
    kwargs: dict[str, Any] = {"max_bytes": max_bytes} if max_bytes else {}
    return extract_document(annotate(read_document(path, doc_id=doc_id, **kwargs)))


def _evidence_dict(evidence: Evidence) -> dict:
    return {"start": evidence.start, "end": evidence.end, "sentence": evidence.sentence,
            "section": evidence.section}


def document_attributes(extraction: Extraction) -> dict[str, Any]:
    """What was understood of a report's layout: issuer (official name, adcode, level), year, parts
    (role, year, title), warnings, and counts of statuses, glossary entries and entities.

    The same keys go into the ``kg extract`` JSON and onto the graph's Document node.
    """
    doc = extraction.document
    return {
        "issuer": doc.issuer,
        "adcode": doc.adcode,
        "level": doc.level,
        "year": doc.year,
        "parts": [{"role": part.role, "year": part.year, "title": part.title} for part in doc.parts],
        "warnings": list(doc.warnings),
        "statuses": len(extraction.statuses),
        "glossary_entries": len(extraction.glossary),
        "entities": len(extraction.entities),
    }


def summary_lines(extraction: Extraction) -> list[str]:
    """What ``kg extract --format summary`` prints first: year, issuer, parts and warnings of one report."""
    info = document_attributes(extraction)
    issuer = f"{info['issuer']} ({info['level']}, {info['adcode']})" if info["issuer"] else "-"
    parts = "; ".join(f"{p['role']} {p['year'] or ''} {p['title']}".replace("  ", " ") for p in info["parts"]) or "-"
    lines = [f"{extraction.document.id}: year {info['year'] or '-'}, issuer {issuer}",
             f"parts: {parts}",
             f"statuses {info['statuses']}, glossary entries {info['glossary_entries']}, entities {info['entities']}"]
    lines.extend(f"warning: {warning}" for warning in info["warnings"])
    return lines


def extraction_to_json(extraction: Extraction) -> dict:
    """The public ``kg extract`` JSON (documented in README: keep it stable; new keys may be added)."""
    doc = extraction.document
    info = document_attributes(extraction)
    return {
        "doc": doc.id,
        "year": doc.year,
        "issuer": doc.issuer,
        "adcode": info["adcode"],
        "level": info["level"],
        "parts": info["parts"],
        "warnings": info["warnings"],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "alt_types": list(e.alt_types),
             "definition": e.definition,
             "mentions": [{"start": m.start, "end": m.end, "text": m.text, "rule": m.rule,
                           "rules": list(m.found_by),
                           "sentence": (s.text if (s := doc.sentence_at(m.start)) else "")} for m in e.mentions]}
            for e in extraction.entities
        ],
        "relations": [
            {"source": r.source, "target": r.target, "type": r.type, "weight": r.weight, "cue": r.cue,
             "evidence": _evidence_dict(r.evidence)}
            for r in extraction.relations
        ],
        "statuses": [
            {"project": s.project, "status": s.status, "year": s.year, "kind": s.kind,
             "evidence": _evidence_dict(s.evidence)}
            for s in extraction.statuses
        ],
        "glossary": [
            {"term": g.term, "page": g.page, "definition": g.definition, "entity": extraction.term_links.get(g.term)}
            for g in extraction.glossary
        ],
        "indicators": [indicator.to_dict() for indicator in extraction.indicators],
    }
