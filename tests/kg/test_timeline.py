"""Plan versus outcome across two reports of one place in consecutive years.

Real pairs: hailar-2016 + hailar-2017 (海拉尔区) and hailar-2017 + hailar-2018; plus two small
invented reports (青溪区, written here) where the plan names 松涛智能装备产业园一期 and the next
review writes it without 一期.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.export import write_outputs
from kg.model import new_graph
from kg.timeline import EntityNotFoundError, indicator_pairs, indicator_series, plan_vs_outcome, timeline

PLAN_2024 = """政府工作报告
——2024年1月12日在青溪区第三届人民代表大会第四次会议上
青溪区人民政府区长 林晓
一、2023年工作回顾
过去的一年，全区地区生产总值176.4亿元，增长6.2%。
二、2024年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长7%，一般公共预算收入增长6%。
（一）全力抓项目建设。力推松涛智能装备产业园一期建成投产，青溪冷链物流中心尽快开工。
"""
REVIEW_2025 = """政府工作报告
——2025年1月10日在青溪区第三届人民代表大会第五次会议上
青溪区人民政府区长 林晓
一、2024年工作回顾
过去的一年，全区地区生产总值188.9亿元，增长6.8%；一般公共预算收入9.1亿元，增长5.8%。
（一）着力抓项目兴产业。松涛智能装备产业园竣工投产，青溪冷链物流中心开工建设。
二、2025年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右。
"""


@pytest.fixture(scope="module")
def hailar_2016_2017(corpus_dir):
    return build([corpus_dir / "hailar-2016.txt", corpus_dir / "hailar-2017.txt"], jobs=1).graph


@pytest.fixture(scope="module")
def hailar_2017_2018(corpus_dir):
    return build([corpus_dir / "hailar-2017.txt", corpus_dir / "hailar-2018.txt"], jobs=1).graph


@pytest.fixture(scope="module")
def qingxi(tmp_path_factory):
    folder = tmp_path_factory.mktemp("qingxi")
    (folder / "qingxi-2024.txt").write_text(PLAN_2024, encoding="utf-8")
    (folder / "qingxi-2025.txt").write_text(REVIEW_2025, encoding="utf-8")
    return build([folder], jobs=1)


def test_timeline_links_a_planned_project_to_its_completion_in_the_next_report(hailar_2016_2017):
    line = timeline(hailar_2016_2017, "黑羊站水厂")
    plans = [e for e in line.events if e.kind == "plan" and e.year == 2016]
    done = [e for e in line.events if e.kind == "outcome" and e.year == 2016]
    assert plans and plans[0].doc == "hailar-2016.txt" and "黑羊站水厂" in plans[0].sentence
    assert [e.phase for e in done] == ["completed"] and done[0].doc == "hailar-2017.txt"
    assert line.events.index(plans[0]) < line.events.index(done[0])
    assert line.docs == ["hailar-2016.txt", "hailar-2017.txt"]


def test_timeline_runs_from_started_to_planned_to_completed(hailar_2016_2017):
    phases = [(e.year, e.phase) for e in timeline(hailar_2016_2017, "黑羊站水厂").events if e.year in (2015, 2016)]
    assert phases[0] == (2015, "started") and phases[-1] == (2016, "completed") and (2016, "planned") in phases


def test_plan_vs_outcome_reports_the_stage_reached(hailar_2016_2017):
    rows = {row.project: row for row in plan_vs_outcome(hailar_2016_2017)}
    row = rows[timeline(hailar_2016_2017, "黑羊站水厂").name]  # written 黑羊站水厂改扩建工程 in 2016
    assert (row.year, row.planned, row.reached, row.met) == (2016, "在建", "投产", True)
    assert (row.plan_doc, row.outcome_doc) == ("hailar-2016.txt", "hailar-2017.txt")
    assert all(r.year == 2016 for r in rows.values())  # 2017's plans have no loaded review


def test_plan_vs_outcome_pairs_2017_plans_with_the_2018_review(hailar_2017_2018, corpus_dir):
    rows = plan_vs_outcome(hailar_2017_2018)
    reviewed = [r for r in rows if r.reached is not None]
    assert reviewed and all((r.year, r.plan_doc, r.outcome_doc) == (2017, "hailar-2017.txt", "hailar-2018.txt")
                            for r in reviewed)
    review_text = (corpus_dir / "hailar-2018.txt").read_text(encoding="utf-8")
    plan_text = (corpus_dir / "hailar-2017.txt").read_text(encoding="utf-8")
    assert all(r.outcome_sentence in review_text and r.plan_sentence in plan_text for r in reviewed)


@pytest.mark.parametrize(("name", "year", "target", "outcome", "diff"), [
    ("城镇居民人均可支配收入", 2017, 35578, 35512, -66),
    ("农村居民人均可支配收入", 2017, 25617, 25689, 72),
    ("社会消费品零售总额", 2017, 16410000000, 15950000000, -460000000),
])
def test_indicator_target_is_paired_with_next_years_outcome(hailar_2017_2018, name, year, target, outcome, diff):
    pairs = {(p.name, p.year): p for p in indicator_pairs(hailar_2017_2018)}
    pair = pairs[(name, year)]
    assert (pair.target_value, pair.outcome_value, pair.value_diff) == (target, outcome, diff)
    assert (pair.target_doc, pair.outcome_doc) == ("hailar-2017.txt", "hailar-2018.txt")


def test_invented_reports_link_plan_and_outcome_through_a_phase_variant(qingxi):
    assert any(m.rule == "phase" and m.merged == "Project:松涛智能装备产业园" for m in qingxi.merges)
    line = timeline(qingxi.graph, "松涛智能装备产业园")  # found by the merged-away name
    assert line.name == "松涛智能装备产业园一期"
    assert [(e.phase, e.kind, e.doc) for e in line.events if e.stage == "投产"] == [
        ("planned", "plan", "qingxi-2024.txt"), ("completed", "outcome", "qingxi-2025.txt")]
    rows = {r.project: r for r in plan_vs_outcome(qingxi.graph)}
    assert rows["青溪冷链物流中心"].reached == "开工" and rows["青溪冷链物流中心"].met is True


@pytest.mark.parametrize(("name", "target_growth", "outcome_growth", "growth_diff"), [
    ("地区生产总值", 0.07, 0.068, -0.002),
    ("一般公共预算收入", 0.06, 0.058, -0.002),
])
def test_invented_target_growth_is_compared_with_outcome(qingxi, name, target_growth, outcome_growth, growth_diff):
    pair = next(p for p in indicator_pairs(qingxi.graph) if p.name == name)
    assert (pair.year, pair.target_growth, pair.outcome_growth) == (2024, target_growth, outcome_growth)
    assert pair.growth_diff == pytest.approx(growth_diff)


def test_indicator_series_lists_targets_and_outcomes_by_year(qingxi):
    series = indicator_series(qingxi.graph, "地区生产总值")
    assert [(s["year"], s["kind"]) for s in series] == [(2023, "outcome"), (2024, "outcome"), (2024, "target"),
                                                        (2025, "target")]


def test_timeline_unknown_name_is_a_clear_error():
    with pytest.raises(EntityNotFoundError, match="no entity named '不存在'"):
        timeline(new_graph(), "不存在")


def test_cli_timeline_and_compare_read_a_built_graph(qingxi, tmp_path):
    out = write_outputs(qingxi.graph, tmp_path / "out", extra={"merges.json": [m.to_dict() for m in qingxi.merges]})
    runner = CliRunner()
    result = runner.invoke(cli, ["timeline", "松涛智能装备产业园", "--graph", str(out)])
    assert result.exit_code == 0, result.output
    assert "planned" in result.output and "completed" in result.output and "qingxi-2025.txt" in result.output
    result = runner.invoke(cli, ["compare"], env={"KG_GRAPH_DIR": str(out)})
    assert result.exit_code == 0 and "青溪冷链物流中心" in result.output and "−0.2个百分点" in result.output
    result = runner.invoke(cli, ["timeline", "不存在", "--graph", str(out)])
    assert result.exit_code == 1 and result.output.startswith("Error: no entity named")


@pytest.fixture(scope="module")
def hailar_series(corpus_dir):
    return build([corpus_dir / f"hailar-{year}.txt" for year in (2016, 2017, 2018)], jobs=1).graph


def test_compare_holds_only_projects_with_both_sentences(hailar_series):
    rows = plan_vs_outcome(hailar_series)
    names = {data["name"]: data["label"] for _, data in hailar_series.nodes(data=True) if "label" in data}
    assert rows and all(names[row.project] == "Project" for row in rows)
    assert "南开路中学" not in {row.project for row in rows}  # typed Agency: not a project
    assert all(row.plan_sentence and (row.outcome_sentence if row.reached else row.outcome_sentence is None)
               for row in rows)


def test_unmatched_plans_are_listed_as_no_outcome_reported(hailar_series, tmp_path):
    from kg.timeline_format import NO_OUTCOME, format_plan_vs_outcome

    rows = plan_vs_outcome(hailar_series)
    silent = [row for row in rows if row.reached is None]
    assert silent and all(row.review_doc == f"hailar-{row.year + 1}.txt" for row in silent)
    text = format_plan_vs_outcome(rows)
    assert text.count(NO_OUTCOME) == 2 * len(silent)  # in the verdict and in place of the review sentence
    assert {row.year for row in rows} == {2016, 2017}  # 2018's plans: the 2019 report is not loaded


def test_new_works_on_a_finished_plant_are_not_its_planned_start(hailar_series):
    """2018: 启动黑羊站水厂扩能改造 is new works on the plant completed in 2016, not a plan to start it."""
    events = timeline(hailar_series, "黑羊站水厂").events
    later = [e for e in events if e.year == 2018]
    assert later and all(e.phase == "new works" for e in later) and "扩能改造" in later[0].sentence
    assert [(e.year, e.phase) for e in events if e.phase == "completed"] == [(2016, "completed")]
    assert all(row.year != 2018 for row in plan_vs_outcome(hailar_series) if row.project == "黑羊站水厂改扩建工程")


def test_an_abbreviation_finds_the_entities_the_reports_write_with_it(hailar_series):
    from kg.timeline import find_entities

    nodes, how = find_entities(hailar_series, "十四冬")
    # however the extractor cuts the name (冬运会主场馆一期 or 第十四届全国冬运会主场馆一期), 十四冬 finds it
    assert how in ("abbreviation", "part of the name", "as the report writes it")
    assert nodes and all("冬运会主场馆" in node for node in nodes)
    with pytest.raises(EntityNotFoundError):
        find_entities(hailar_series, "十五冬")
