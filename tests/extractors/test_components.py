"""The spaCy view: Doc with jieba tokens, entity spans and displaCy HTML."""
from __future__ import annotations

import pytest

from extractors.components import displacy_html, make_nlp, to_spacy
from extractors.pipeline import extract_file


@pytest.fixture(scope="module")
def hetang(hetang_path):
    return extract_file(hetang_path)


def test_components_doc_text_and_spans_align(hetang):
    doc = to_spacy(hetang)
    assert doc.text == hetang.document.text
    assert len(doc.ents) > 100
    for span in doc.spans["mentions"]:
        assert span.label_ in {"Program", "Project", "Company", "Place", "Agency"}
    assert len(doc.spans["glossary"]) == 9
    assert doc._.extraction is hetang


def test_components_nlp_pipeline_runs_extraction():
    nlp = make_nlp()
    assert nlp.pipe_names == ["gov_extract"]
    doc = nlp("一、2018年工作回顾\n全面推行河长制，推动“三供一业”改造。")
    assert {(e.text, e.label_) for e in doc.ents} >= {("三供一业", "Program")}


def test_components_displacy_is_offline_and_escaped(hetang):
    html = displacy_html(hetang)
    assert "三供一业" in html and "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
