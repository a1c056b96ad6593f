"""The whole extraction pipeline on real reports and on the shipped sample."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractors.pipeline import STAGES, extract_document, extract_file, extraction_to_json
from extractors.records import ENTITY_TYPES

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-report.txt"


@pytest.fixture(scope="module")
def hetang(hetang_path):
    return extract_file(hetang_path)


def test_pipeline_stages_are_registered_in_order():
    assert list(STAGES)[:3] == ["glossary", "entities", "link_glossary"]


def test_pipeline_partial_run_fills_only_its_fields(hetang_path):
    from extractors.ingest import read_document
    from extractors.structure import annotate

    state = extract_document(annotate(read_document(hetang_path)), stages=["glossary"])
    assert len(state.glossary) == 9 and state.entities == []


def test_pipeline_hetang_glossary_all_linked(hetang):
    assert len(hetang.glossary) == 9
    assert [g.page for g in hetang.glossary] == ["P3", "P3", "P3", "P6", "P7", "P12", "P14", "P21", "P21"]
    assert set(hetang.term_links) == {g.term for g in hetang.glossary}
    ids = {e.id for e in hetang.entities}
    assert set(hetang.term_links.values()) <= ids
    assert hetang.term_links["三供一业"] == "Program:三供一业"
    defined = next(e for e in hetang.entities if e.name == "三供一业")
    assert defined.definition and "供水" in defined.definition


def test_pipeline_json_is_the_public_shape(hetang):
    data = json.loads(json.dumps(extraction_to_json(hetang), ensure_ascii=False))
    assert data["doc"] == "hetang-2019.txt" and data["year"] == 2019 and data["issuer"] == "荷塘区"
    assert {"entities", "relations", "statuses", "glossary", "indicators"} <= set(data)
    for entity in data["entities"]:
        assert entity["type"] in ENTITY_TYPES
        assert entity["id"] == f"{entity['type']}:{entity['name']}"
        for mention in entity["mentions"]:
            assert hetang.document.text[mention["start"]:mention["end"]] == mention["text"]
            assert mention["text"] in mention["sentence"]
    for relation in data["relations"]:
        ev = relation["evidence"]
        assert hetang.document.text[ev["start"]:ev["end"]] == ev["sentence"]
    assert {s["kind"] for s in data["statuses"]} == {"outcome", "plan"}
    assert (data["adcode"], data["level"], data["warnings"]) == ("430202", "区", [])
    assert [(p["role"], p["year"]) for p in data["parts"]] == [("review", 2018), ("plan", 2019), ("self", None),
                                                              ("glossary", None)]


def test_pipeline_typed_relations_present(hetang):
    rels = {(r.source, r.type, r.target) for r in hetang.relations}
    types = {r.type for r in hetang.relations}
    assert {"CO_OCCURS", "LOCATED_IN", "BUILDS"} <= types
    assert ("Company:湖南建工集团", "BUILDS", "Project:湖南建工集团装配式建筑基地") in rels


def test_pipeline_sample_report(tmp_path):
    ex = extract_file(SAMPLE)
    assert ex.document.year == 2025
    assert len(ex.glossary) == 3 and len(ex.term_links) == 3
    names = {e.name for e in ex.entities}
    assert {"三查一改", "一网通办", "河长制"} <= names


def test_pipeline_report_without_glossary(corpus_dir):
    ex = extract_file(corpus_dir / "tianmen-2024.txt")
    assert ex.glossary == [] and ex.entities


def test_pipeline_aliases_have_no_quote_marks(hetang):
    for entity in hetang.entities:
        for alias in entity.aliases:
            assert not set(alias) & set("“”‘’\"'「」"), (entity.name, alias)
    zuiduo = next(e for e in hetang.entities if e.name == "最多跑一次")
    assert "最多跑一次改革" in zuiduo.aliases


def test_pipeline_note_marker_links_the_name_before_it_to_its_glossary_entry():
    from extractors.records import Document

    text = "全市推进“两个清零”[2]，建设甲乙工程[1]。\n名词解释\n[1]甲乙工程：第一个条目。\n[2]清零工作法：第二个条目。\n"
    state = extract_document(Document(id="notes.txt", text=text))
    assert state.term_links == {"甲乙工程": "Program:甲乙工程", "清零工作法": "Program:两个清零"}
    assert not any("[" in e.name or "]" in e.name for e in state.entities)


@pytest.mark.parametrize(
    "term, names",
    [
        ("“千村引领、万村提升”工程", {"千村引领、万村提升"}),  # the 、 is inside the quoted name: one name
        ("市五个一批、五大行动", {"市五个一批", "五个一批", "五大行动"}),  # a listing: each item its own name
        ("一分三统和远程异地评标", {"一分三统", "远程异地评标"}),  # both halves are forms of the term
    ],
)
def test_pipeline_glossary_terms_listing_or_one_name(term, names):
    from extractors.pipeline import _glossary_terms
    from glossary.parse import GlossaryEntry

    canonical = _glossary_terms([GlossaryEntry(term, None, "定义。", None, 0, 0)])
    assert set(canonical.values()) == names
    assert not any(form.count("“") != form.count("”") for form in canonical)


@pytest.mark.parametrize(("stages", "missing"), [
    (["statuses"], "'entities'"),
    (["entities"], "'glossary'"),
    (["glossary", "relations"], "'entities', 'link_glossary'"),
    (["glossary", "link_glossary", "entities"], "'entities'"),  # a need must run before, not after
])
def test_pipeline_stage_without_its_inputs_is_an_error(hetang_path, stages, missing):
    from extractors.errors import KGError
    from extractors.ingest import read_document
    from extractors.structure import annotate

    with pytest.raises(KGError, match=rf"pipeline stage '\w+' needs stages? {missing} run before it.*run stages="):
        extract_document(annotate(read_document(hetang_path)), stages=stages)


def test_pipeline_stage_with_its_inputs_runs(hetang_path):
    from extractors.ingest import read_document
    from extractors.pipeline import stages_for
    from extractors.structure import annotate

    doc = annotate(read_document(hetang_path))
    assert stages_for("statuses") == ["glossary", "entities", "statuses"]
    state = extract_document(doc, stages=stages_for("statuses"))
    assert state.entities and state.statuses and state.relations == []
    assert extract_document(doc, stages=["indicators"]).indicators  # needs nothing but the document


def test_pipeline_stages_declare_needs_registered_before_and_fields_they_fill():
    from dataclasses import fields

    from extractors.pipeline import STAGE_SPECS, Extraction

    assert list(STAGE_SPECS) == list(STAGES)
    filled = {f.name for f in fields(Extraction)} - {"document"}
    seen: set[str] = set()
    for name, spec in STAGE_SPECS.items():
        assert set(spec.needs) <= seen and spec.fills and set(spec.fills) <= filled
        seen.add(name)
    assert set().union(*(spec.fills for spec in STAGE_SPECS.values())) == filled  # every field has its stage
    assert STAGE_SPECS["statuses"].needs == ("entities",) and STAGE_SPECS["statuses"].fills == ("statuses",)


@pytest.mark.parametrize(("kwargs", "problem"), [
    ({"needs": ("entitys",), "fills": "statuses"}, "needs entitys, which is not a stage registered before it"),
    ({"fills": "status"}, "fills status; a stage fills fields of Extraction"),
])
def test_pipeline_register_stage_refuses_unknown_needs_and_fields(kwargs, problem):
    from extractors.errors import KGError
    from extractors.pipeline import register_stage

    with pytest.raises(KGError, match=re.escape(problem)):
        register_stage("extra", **kwargs)
    assert "extra" not in STAGES
