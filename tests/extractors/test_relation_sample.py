"""Typed relations scored against a judged sample of archive sentences (issue 11).

``relation_sample.json`` holds, for each case, an archive report, the start offset and a short hash
of one sentence, and the relations a careful reader finds in it (the text stays in ``../shared``).
Precision: of the LOCATED_IN / BUILDS / PART_OF relations whose evidence is a judged sentence, the
share that is expected or allowed there. Recall: of the expected relations, the share the report's
extraction holds (with any evidence sentence: a relation read from a name is cited once).
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.pipeline import Extraction, extract_file
from tests.conftest import SHARED

SAMPLE = Path(__file__).with_name("relation_sample.json")
TYPES = ("LOCATED_IN", "BUILDS", "PART_OF")
# floors a little under the figures measured when the rules of issue 11 were written (see README, Relations):
# precision .94 / .99 / .95 and recall .92 / .84 / .98 on the 272 cases (the second round lists as expected
# only the right relations the extraction gave, so recall there is an upper bound)
PRECISION_FLOORS = {"LOCATED_IN": 0.92, "BUILDS": 0.95, "PART_OF": 0.92}
RECALL_FLOORS = {"LOCATED_IN": 0.85, "BUILDS": 0.75, "PART_OF": 0.92}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


@lru_cache(maxsize=None)
def _extraction(file: str) -> Extraction:
    return extract_file(SHARED / "archive" / file)


def _forms(extraction: Extraction) -> dict[str, set[str]]:
    """Every written form of each entity id: name, aliases and mention texts."""
    return {e.id: {_norm(f) for f in (e.name, *e.aliases, *(m.text for m in e.mentions))}
            for e in extraction.entities}


def _matches(relation: tuple[str, str, str], spec: list[str], forms: dict[str, set[str]]) -> bool:
    source, rel_type, target = relation
    return rel_type in spec[1].split("|") and _norm(spec[0]) in forms.get(source, ()) and \
        _norm(spec[2]) in forms.get(target, ())


def score(cases: list[dict] | None = None) -> dict[str, dict[str, float]]:
    """Precision and recall per relation type over the judged sample (with the counts behind them)."""
    cases = cases if cases is not None else json.loads(SAMPLE.read_text(encoding="utf-8"))["cases"]
    counts: Counter[tuple[str, str]] = Counter()
    for case in cases:
        extraction = _extraction(case["file"])
        forms = _forms(extraction)
        typed = [(r.source, r.type, r.target, r.evidence.start) for r in extraction.relations if r.type in TYPES]
        for source, rel_type, target, start in typed:
            if start == case["start"]:
                ok = any(_matches((source, rel_type, target), spec, forms)
                         for spec in case["expected"] + case["allowed"])
                counts[rel_type, "tp" if ok else "fp"] += 1
        for spec in case["expected"]:
            hit = next((r for r in typed if _matches(r[:3], spec, forms)), None)
            rel_type = hit[1] if hit else spec[1].split("|")[0]
            counts[rel_type, "found" if hit else "missed"] += 1
    result = {}
    for rel_type in TYPES:
        tp, fp = counts[rel_type, "tp"], counts[rel_type, "fp"]
        found, missed = counts[rel_type, "found"], counts[rel_type, "missed"]
        result[rel_type] = {"precision": tp / (tp + fp) if tp + fp else 1.0, "tp": tp, "fp": fp,
                            "recall": found / (found + missed) if found + missed else 1.0,
                            "found": found, "missed": missed}
    return result


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    if not (SHARED / "archive").is_dir():
        pytest.fail(f"shared archive not found at {SHARED / 'archive'}; set KG_SHARED_DIR")
    return json.loads(SAMPLE.read_text(encoding="utf-8"))["cases"]


def test_relation_sample_has_30_cases_per_type(sample):
    chosen = Counter(t for case in sample for t in case["chosen_for"])
    assert all(chosen[t] >= 30 for t in TYPES), chosen


def test_relation_sample_sentences_are_still_there(sample):
    for case in sample:
        doc = _extraction(case["file"]).document
        sentence = doc.sentence_at(case["start"])
        assert sentence is not None and sentence.start == case["start"], case
        assert hashlib.sha1(sentence.text.encode("utf-8")).hexdigest()[:10] == case["sha1"], case


@pytest.mark.parametrize("rel_type", TYPES)
def test_relation_sample_precision_and_recall(sample, rel_type):
    figures = score(sample)[rel_type]
    assert figures["precision"] >= PRECISION_FLOORS[rel_type], figures
    assert figures["recall"] >= RECALL_FLOORS[rel_type], figures
