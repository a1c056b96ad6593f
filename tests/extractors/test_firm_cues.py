"""Firms named by what is said of them (extractors.firm_cues); invented sentences, real names."""
from __future__ import annotations

import json

import pytest

from extractors.firm_cues import load_firm_cues
from extractors.vocabulary import VocabularyError
from tests.extractors.entity_helpers import entities


@pytest.mark.parametrize(("text", "firm"), [
    ("产业加快壮大。中科兴业被认定为国家级专精特新“小巨人”企业。", "中科兴业"),
    ("销售规模全省第一，通威太阳能成为全市首家百亿企业。", "通威太阳能"),
    ("万华化学入选全国创建世界一流示范企业。", "万华化学"),
])
def test_firm_cue_names_the_clause_subject(text, firm):
    assert (firm, "Company") in entities(text)


@pytest.mark.parametrize("text", [
    "我市被评为全国百强企业城市。",
    "公司被评为龙头企业，园区入选示范企业名单。",
    "荷塘区入选全国营商环境百强区。",
])
def test_firm_cue_takes_no_place_body_or_generic_word(text):
    assert not {name for name, label in entities(text) if label == "Company"}


def test_firm_cues_file_with_unknown_key_is_refused(tmp_path):
    path = tmp_path / "firm_cues.json"
    data = {"subject_verbs": ["入选"], "firm_objects": ["企业"], "max_gap": 9, "min_chars": 2, "max_chars": 8,
            "name_tags": ["x"], "capacity_words": ["年产"], "firm_classes": [],
            "province_firm_followers": ["等"], "partner_chars": "与", "slogan_chars": "之", "subject_verb": []}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(VocabularyError, match="unknown key subject_verb"):
        load_firm_cues(path)
