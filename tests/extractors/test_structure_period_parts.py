"""A review part titled by a five-year period and the year (“十四五”时期和2025年工作回顾) that opens with the
five-year look-back: the look-back runs over its numbered headings to the paragraph that returns to the year.

The report is written for this test, modeled on the layout of province reports of 2026.
"""
from __future__ import annotations

import pytest

from extractors.ingest import read_document
from extractors.records import Entity, Mention
from extractors.statuses import find_statuses
from extractors.structure import annotate, multi_year_spans

_HEAD = "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n一、“十四五”时期和2023年工作回顾\n"
_LOOK_BACK = ("“十四五”时期是我市发展历程中极不平凡的五年。五年来，全市上下团结奋斗，综合实力显著增强。\n"
              "（一）经济实力显著增强。湘江大桥建成通车。\n（二）民生福祉持续增进。城镇新增就业30万人。\n")
_YEAR = "各位代表，刚刚过去的2023年，全市上下稳中求进。沅江大桥建成通车。\n"
_PLAN = "二、2024年工作安排\n加快建设资江大桥。\n"


def _statuses(tmp_path, text: str) -> set[tuple]:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    doc = annotate(read_document(path))
    entities = []
    for name in ("湘江大桥", "沅江大桥", "资江大桥"):
        at = doc.text.find(name)
        if at >= 0:
            entities.append(Entity(name=name, type="Project", mentions=[Mention(at, at + len(name), name, "Project",
                                                                                  "test", name)]))
    return {(s.project, s.status, s.year, s.kind) for s in find_statuses(doc, entities)}


def test_period_look_back_runs_over_its_headings(tmp_path):
    found = _statuses(tmp_path, _HEAD + _LOOK_BACK + _YEAR + _PLAN)
    assert not any(project == "湘江大桥" for project, *_rest in found)  # built some time in the five years
    assert ("沅江大桥", "建成", 2023, "outcome") in found
    assert ("资江大桥", "在建", 2024, "plan") in found


def test_without_a_return_to_the_year_the_look_back_stops_at_its_first_heading(tmp_path):
    found = _statuses(tmp_path, _HEAD + _LOOK_BACK + _PLAN)
    assert ("湘江大桥", "建成", 2023, "outcome") in found


@pytest.mark.parametrize("title", ["一、2023年工作回顾\n", "一、2023年和“十四五”时期工作回顾\n"])
def test_a_look_back_later_in_the_part_still_stops_at_a_heading(tmp_path, title):
    text = ("各位代表：\n" + title + "过去一年，全市上下稳中求进。\n五年来，全市综合实力显著增强。\n"
            "（一）经济实力显著增强。湘江大桥建成通车。\n" + _PLAN)
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    doc = annotate(read_document(path))
    bridge = doc.text.find("湘江大桥")
    assert multi_year_spans(doc) and not any(s <= bridge < e for s, e in multi_year_spans(doc))


def test_a_look_back_sentence_inside_a_paragraph_of_the_year(tmp_path):
    text = ("各位代表：\n一、2023年工作回顾\n过去一年，全市上下稳中求进，沅江大桥建成通车。五年来，湘江大桥建成通车，"
            "城乡面貌焕然一新。\n" + _PLAN)
    found = _statuses(tmp_path, text)
    assert ("沅江大桥", "建成", 2023, "outcome") in found
    assert not any(project == "湘江大桥" for project, *_rest in found)
