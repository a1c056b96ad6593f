"""Questions across reports (kg.explore) that the archive notebook asks, on the shared corpus."""
from __future__ import annotations

import pytest

from kg.build import build
from kg.explore import PHASES, growth_targets, programme_reach, projects_by_status, status_by_issuer


@pytest.fixture(scope="module")
def graph(corpus_dir):
    return build([corpus_dir / name for name in ("hetang-2019.txt", "hailar-2016.txt", "hailar-2017.txt",
                                                 "hailar-2018.txt")], jobs=1).graph


def test_programme_reach_counts_reports_and_says_where(graph):
    rows = programme_reach(graph, top=5)
    assert len(rows) == 5 and rows == sorted(rows, key=lambda r: -r["reports"])
    top = rows[0]
    program = next(d for _, d in graph.nodes(data=True) if d.get("label") == "Program" and d["name"] == top["programme"])
    assert top["reports"] == len(program["docs"]) and "海拉尔区" in top["where"]


def test_status_by_issuer_adds_up_to_each_issuers_projects(graph):
    rows = {row["issuer"]: row for row in status_by_issuer(graph)}
    assert set(rows) >= {"荷塘区", "海拉尔区"}
    for issuer, row in rows.items():
        groups = projects_by_status(graph, district=issuer)
        assert row["projects"] == sum(row[phase] for phase in PHASES) == sum(map(len, groups.values()))
    assert rows["海拉尔区"]["completed"] > 0 and rows["海拉尔区"]["new works"] >= 0


def test_growth_targets_are_each_issuers_own_in_percent(graph):
    assert [(r["issuer"], r["growth"], r["display"]) for r in growth_targets(graph, year=2019)] == \
        [("荷塘区", 0.08, "8.0%左右")]
    hailar = growth_targets(graph, year=2016)
    assert [(r["issuer"], r["display"], r["doc"]) for r in hailar] == [("海拉尔区", "7.5%", "hailar-2016.txt")]
    assert "7.5%" in hailar[0]["sentence"]
