"""Quality floors for project statuses on the dev gold files with status records (issue 9).

Each floor is the status F1 measured by ``kg eval`` when the status rules were last changed,
minus 0.02: a change that loses statuses on any of these reports fails here. The issue's bar is
0.80 on every file with 20 or more status records (hetang, laibin, meishan, ganzi).
"""
from __future__ import annotations

import pytest

from kg.evaluate import evaluate_file, format_scores

MARGIN = 0.02
MEASURED = {
    "hetang-2019": 0.915,
    "laibin-2024": 0.912,
    "meishan-2024": 0.902,
    "ganzi-2024": 0.833,
    "jiangxi-2026": 0.875,
}


@pytest.mark.parametrize("report", sorted(MEASURED))
def test_status_f1_floor(corpus_dir, gold_dir, report):
    evaluation, statuses = evaluate_file(gold_dir / f"{report}.json", corpus_dir / f"{report}.txt")
    assert statuses is not None
    assert statuses.f1 >= MEASURED[report] - MARGIN, "\n".join(format_scores(evaluation, statuses))
