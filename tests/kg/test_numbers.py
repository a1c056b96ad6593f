"""Numbers as people write them, in every table printed for people (kg indicators, kg compare) and charts."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.export import write_outputs
from kg.numbers import format_amount, format_growth, format_indicator, indicator_cells
from kg.timeline import indicator_pairs, indicator_series


@pytest.mark.parametrize(("value", "unit", "text"), [
    (21940000000, "元", "219.4亿元"), (0.08, "ratio", "8.0%"), (0.803, "ratio", "80.3%"), (11794, "人", "11,794人"),
    (30900000000, "元", "309亿元"), (8000, "人", "8,000人"), (2_500_000, "人", "250万人"), (None, "元", ""),
    (-540000000, "元", "−5.4亿元"),
])
def test_amounts_are_written_as_reports_write_them(value, unit, text):
    assert format_amount(value, unit) == text


def test_growth_shows_its_basis_period_and_qualifier():
    assert format_growth(0.121, basis="年均", period_start=2010, year=2015) == "年均12.1%（2010–2015）"
    assert format_growth(0.151, basis="同口径") == "同口径15.1%"
    assert format_growth(0.08, qualifier="左右") == "8.0%左右"
    assert indicator_cells({"growth": 0.07, "qualifier": "预计"})["growth"] == "预计7.0%"


@pytest.fixture(scope="module")
def indicator_output(corpus_dir) -> str:
    result = CliRunner().invoke(cli, ["indicators", str(corpus_dir / "hetang-2019.txt"),
                                      str(corpus_dir / "hailar-2016.txt")])
    assert result.exit_code == 0, result.output
    return result.output


def _row(output: str, doc: str, name: str, kind: str) -> list[str]:
    return next(line.split() for line in output.splitlines()
                if line.startswith(doc) and f" {name} " in line and f" {kind} " in line)


def test_kg_indicators_prints_hetang_values_as_written(indicator_output):
    assert _row(indicator_output, "hetang-2019.txt", "地区生产总值", "outcome")[2:4] == ["219.4亿元", "8.0%"]
    assert _row(indicator_output, "hetang-2019.txt", "空气质量优良率", "outcome")[2] == "80.3%"
    assert _row(indicator_output, "hetang-2019.txt", "新增城镇就业", "outcome")[2] == "11,794人"
    assert _row(indicator_output, "hetang-2019.txt", "一般公共预算收入", "outcome")[3] == "同口径15.1%"
    assert _row(indicator_output, "hetang-2019.txt", "地区生产总值", "target")[2] == "8.0%左右"
    assert "21940000000" not in indicator_output and "0.803" not in indicator_output


def test_kg_indicators_shows_the_average_growth_with_its_period(indicator_output):
    """hailar-2016: 地区生产总值由2010年的162.4亿元增加到2015年的287.9亿元，年均增长12.1%."""
    assert _row(indicator_output, "hailar-2016.txt", "地区生产总值", "outcome")[2:4] == \
        ["287.9亿元", "年均12.1%（2010–2015）"]


def test_the_csv_keeps_raw_value_unit_basis_and_period(corpus_dir, tmp_path):
    out = tmp_path / "ind.csv"
    result = CliRunner().invoke(cli, ["indicators", str(corpus_dir / "hailar-2016.txt"), "--csv", str(out)])
    assert result.exit_code == 0, result.output
    import pandas as pd

    table = pd.read_csv(out)
    gdp = table[(table["name"] == "地区生产总值") & (table["basis"] == "年均")].iloc[0]
    assert (gdp["value"], gdp["unit"], gdp["growth"], gdp["period_start"], gdp["year"]) == \
        (28790000000, "元", 0.121, 2010, 2015)


@pytest.fixture(scope="module")
def hailar_2016_2017(corpus_dir):
    return build([corpus_dir / "hailar-2016.txt", corpus_dir / "hailar-2017.txt"], jobs=1).graph


def test_an_average_growth_is_not_one_years_growth(hailar_2016_2017):
    """The 2010–2015 average (12.1%) is neither 2015's outcome in a pair nor a point of the 2015 series."""
    gdp_2015 = [s for s in indicator_series(hailar_2016_2017, "地区生产总值") if s["year"] == 2015]
    assert gdp_2015 and all(s["growth"] != pytest.approx(0.121) for s in gdp_2015)
    assert all(p.outcome_growth != pytest.approx(0.121) for p in indicator_pairs(hailar_2016_2017))


def test_kg_compare_writes_indicator_values_and_points(hailar_2016_2017, tmp_path):
    out = write_outputs(hailar_2016_2017, tmp_path / "out")
    result = CliRunner().invoke(cli, ["compare", "--graph", str(out)])
    assert result.exit_code == 0, result.output
    gdp = next(line.split() for line in result.output.splitlines() if line.startswith("2016  地区生产总值"))
    assert gdp[2:5] == ["309亿元", "303.6亿元", "−5.4亿元"] and gdp[-1] == "−0.3个百分点"
    assert "30900000000" not in result.output


def test_the_chart_axis_is_in_yi_yuan_not_in_powers_of_ten(hailar_2016_2017):
    import matplotlib

    matplotlib.use("Agg")
    from kg.charts import plot_indicator

    ax = plot_indicator(hailar_2016_2017, "地区生产总值", issuer="海拉尔区")
    assert ax.get_ylabel() == "亿元" and max(max(line.get_ydata()) for line in ax.get_lines()) < 1000
    assert ax.yaxis.get_offset_text().get_text() == ""


def test_format_indicator_reads_as_a_phrase():
    assert format_indicator({"name": "地区生产总值", "value": 21940000000, "unit": "元", "growth": 0.08}) == \
        "地区生产总值 219.4亿元，增长8.0%"


def test_compare_shows_the_issuer_only_when_rows_come_from_several():
    from kg.timeline import IndicatorPair
    from kg.timeline_format import format_indicator_pairs

    def pair(issuer):
        return IndicatorPair("地区生产总值", 2016, "元", 30900000000, 30360000000, -540000000, 0.075, 0.072, -0.003,
                             "a.txt", "b.txt", issuer=issuer)

    assert format_indicator_pairs([pair("海拉尔区")]).splitlines()[0].split()[:2] == ["year", "indicator"]
    table = format_indicator_pairs([pair("海拉尔区"), pair("荷塘区")])
    assert table.splitlines()[0].split()[:2] == ["year", "issuer"] and "荷塘区" in table
