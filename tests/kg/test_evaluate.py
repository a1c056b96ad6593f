"""Scoring by the guideline rules."""
from __future__ import annotations

import pytest

from kg.evaluate import normalise_name, score_entities, score_statuses

GOLD = [
    {"name": "最多跑一次", "type": "Program", "aliases": ["最多跑一次改革"], "alt_types": []},
    {"name": "湖南建工集团", "type": "Company", "aliases": [], "alt_types": ["Project"]},
    {"name": "株洲", "type": "Place", "aliases": ["株洲市"], "alt_types": []},
]


@pytest.mark.parametrize("raw, norm", [("“最多跑一次”", "最多跑一次"), ("株洲 市", "株洲市"), ("ＡＢ１", "AB1")])
def test_evaluate_normalise(raw, norm):
    assert normalise_name(raw) == norm


def test_evaluate_alias_and_alt_type_count_once():
    report = score_entities(GOLD, [
        {"name": "最多跑一次改革", "type": "Program"},
        {"name": "“最多跑一次”", "type": "Program"},  # second match of a matched gold entity: FP
        {"name": "湖南建工集团", "type": "Project"},   # alt type
        {"name": "株洲", "type": "Agency"},           # wrong type
    ])
    assert (report.micro.tp, report.micro.fp, report.micro.fn) == (2, 2, 1)
    assert report.per_type["Program"].precision == 0.5


def test_evaluate_statuses():
    score = score_statuses([{"project": "A", "status": "建成", "year": 2018, "kind": "outcome"}],
                           [{"project": "“A”", "status": "建成", "year": 2018, "kind": "outcome"},
                            {"project": "A", "status": "投产", "year": 2018, "kind": "outcome"}])
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)


def test_evaluate_hetang_reaches_the_bar(hetang_path, gold_dir):
    from extractors.pipeline import extract_file
    from kg.evaluate import load_gold

    gold = load_gold(gold_dir / "hetang-2019.json")
    ex = extract_file(hetang_path)
    report = score_entities(gold["entities"], [{"name": e.name, "type": e.type} for e in ex.entities])
    print({t: round(s.f1, 3) for t, s in report.per_type.items()}, round(report.micro.f1, 3))
    assert report.micro.f1 >= 0.80
    assert min(s.f1 for s in report.per_type.values()) >= 0.60
