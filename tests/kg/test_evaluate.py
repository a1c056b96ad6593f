"""Scoring by the guideline rules."""
from __future__ import annotations

import pytest

from kg.errors import GraphFileError
from kg.evaluate import evaluate_file, format_scores, normalise_name, score_entities, score_statuses

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
    assert score.false_positives == ["A 投产 2018 outcome"] and score.false_negatives == []


def test_evaluate_errors_list_missed_and_spurious_statuses(hetang_path, gold_dir):
    report, statuses = evaluate_file(gold_dir / "hetang-2019.json", hetang_path)
    lines = format_scores(report, statuses, errors=True)
    assert statuses is not None
    assert len([line for line in lines if line.startswith("FP status ")]) == statuses.fp
    assert len([line for line in lines if line.startswith("FN status ")]) == statuses.fn > 0


def test_evaluate_hetang_reaches_the_bar(hetang_path, gold_dir):
    report, statuses = evaluate_file(gold_dir / "hetang-2019.json", hetang_path)
    assert report.micro.f1 >= 0.80, format_scores(report, statuses)
    assert min(s.f1 for s in report.per_type.values()) >= 0.60, format_scores(report, statuses)


@pytest.mark.parametrize("content, problem", [(None, "gold file not found"), ("{not json", "not a JSON gold file")])
def test_evaluate_file_bad_gold_is_one_clear_error(tmp_path, hetang_path, content, problem):
    gold = tmp_path / "gold.json"
    if content is not None:
        gold.write_text(content, encoding="utf-8")
    with pytest.raises(GraphFileError, match=problem):
        evaluate_file(gold, hetang_path)
