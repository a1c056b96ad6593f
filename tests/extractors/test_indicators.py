"""Indicators: names, values in base units, growth, outcome/target, year, qualifier, basis."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import extractors.indicators as indicators_module
from extractors.indicators import PatternFileError, extract_indicators, load_lexicon, parse_amount
from extractors.ingest import read_document
from extractors.records import Document
from extractors.structure import annotate
from kg.cli import cli

# An invented two-part report: a review part and a plan part, as structure.annotate reads them.
INVENTED = """各位代表：
一、2023年工作回顾
全年完成地区生产总值12.5亿元，增长6.1%；一般公共预算收入3000万元，同口径下降10%。
城镇、农村居民人均可支配收入分别增长5.6%和7.8%。单位GDP能耗下降3%，税收占一般公共预算收入比重超75%。
2022年固定资产投资完成8亿元，增长9%。新增城镇就业1.2万人，征地4215亩，改造房屋9.4万平方米。
二、2024年工作安排
主要预期目标是：地区生产总值增长7%左右；规上工业增加值、固定资产投资分别增长8%、10%以上；城镇登记失业率控制在4.5%以内。
全年力争新建道路12公里。到2025年，社会消费品零售总额达到20亿元。
"""


def _find(indicators, name, kind):
    hits = [i for i in indicators if i.name == name and i.kind == kind]
    assert hits, f"no {kind} {name} in {[(i.name, i.kind) for i in indicators]}"
    return hits[0]


@pytest.fixture(scope="module")
def hetang_indicators(hetang_path):
    return extract_indicators(annotate(read_document(hetang_path)))


@pytest.fixture(scope="module")
def invented_indicators():
    return extract_indicators(annotate(Document(id="invented", text=INVENTED, year=2024)))


def _assert_indicator(indicators, name, kind, value, unit, growth, year, basis, qualifier):
    found = _find(indicators, name, kind)
    assert (found.value, found.unit, found.year, found.basis, found.qualifier) == (value, unit, year, basis, qualifier)
    assert found.growth == pytest.approx(growth) if growth is not None else found.growth is None


@pytest.mark.parametrize(
    ("name", "kind", "value", "unit", "growth", "year", "basis", "qualifier"),
    [
        ("地区生产总值", "outcome", 21940000000, "元", 0.08, 2018, None, None),
        ("一般公共预算收入", "outcome", 860000000, "元", 0.151, 2018, "同口径", None),
        ("税收收入", "outcome", 797000000, "元", 0.153, 2018, None, None),
        ("城乡居民收入", "outcome", 45243, "元", 0.077, 2018, None, None),
        ("新增城镇就业", "outcome", 11794, "人", None, 2018, None, None),
        ("空气质量优良率", "outcome", 0.803, "ratio", 0.063, 2018, None, None),
        ("固定资产投资", "target", None, "元", 0.10, 2019, None, None),
        ("地区生产总值", "target", None, "元", 0.08, 2019, None, "左右"),
        ("城镇登记失业率", "target", 0.045, "ratio", None, 2019, None, "以内"),
        ("新增城镇就业", "target", 8000, "人", None, 2019, None, None),
    ],
)
def test_hetang_indicator(hetang_indicators, name, kind, value, unit, growth, year, basis, qualifier):
    _assert_indicator(hetang_indicators, name, kind, value, unit, growth, year, basis, qualifier)


def test_hetang_evidence_points_at_the_statement(hetang_indicators, hetang_text):
    gdp = _find(hetang_indicators, "地区生产总值", "outcome")
    assert hetang_text[gdp.evidence.start:gdp.evidence.end] == "地区生产总值219.4亿元，增长8%"
    assert gdp.evidence.section and "回顾" in gdp.evidence.section


@pytest.mark.parametrize(
    ("name", "kind", "value", "unit", "growth", "year", "basis", "qualifier"),
    [
        ("地区生产总值", "outcome", 1250000000, "元", 0.061, 2023, None, None),
        ("一般公共预算收入", "outcome", 30000000, "元", -0.10, 2023, "同口径", None),
        ("城镇居民人均可支配收入", "outcome", None, "元", 0.056, 2023, None, None),
        ("农村居民人均可支配收入", "outcome", None, "元", 0.078, 2023, None, None),
        ("固定资产投资", "outcome", 800000000, "元", 0.09, 2022, None, None),
        ("新增城镇就业", "outcome", 12000, "人", None, 2023, None, None),
        ("地区生产总值", "target", None, "元", 0.07, 2024, None, "左右"),
        ("规模以上工业增加值", "target", None, "元", 0.08, 2024, None, "以上"),  # 分别…8%、10%以上: shared
        ("固定资产投资", "target", None, "元", 0.10, 2024, None, "以上"),
        ("城镇登记失业率", "target", 0.045, "ratio", None, 2024, None, "以内"),
        ("社会消费品零售总额", "target", 2000000000, "元", None, 2025, None, None),
    ],
)
def test_invented_indicator(invented_indicators, name, kind, value, unit, growth, year, basis, qualifier):
    _assert_indicator(invented_indicators, name, kind, value, unit, growth, year, basis, qualifier)


def test_shares_and_per_unit_figures_are_not_the_indicator(invented_indicators):
    outcomes = [i for i in invented_indicators if i.kind == "outcome"]
    assert not [i for i in outcomes if i.name == "地区生产总值" and i.growth is not None and i.growth < 0]
    assert not [i for i in outcomes if i.name == "一般公共预算收入" and i.value == 0.75]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("219.4亿元", (21940000000, "元")),
        ("3000万元", (30000000, "元")),
        ("1.22万亿元", (1220000000000, "元")),
        ("45243元", (45243, "元")),
        ("1.2万人", (12000, "人")),
        ("4215亩", (4215, "亩")),
        ("9.4万平方米", (94000, "平方米")),
        ("74平方公里", (74000000, "平方米")),
        ("12公里", (12000, "米")),
        ("80.3%", (0.803, "ratio")),
        ("两亿元", None),
    ],
)
def test_parse_amount_normalises_units(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("report", "name", "kind", "growth"),
    [
        ("tianmen-2024.txt", "社会消费品零售总额", "outcome", 0.083),  # …分别增长7.5%、7.0%、8.3%、15.1%
        ("tianmen-2024.txt", "一般公共预算收入", "target", 0.15),
        ("hailar-2017.txt", "一般公共预算收入", "outcome", 0.13),  # 按可比口径增长13%
        ("jiangxi-2026.txt", "规模以上工业增加值", "target", 0.073),
        ("sichuan-2026.txt", "地区生产总值", "outcome", 0.055),
    ],
)
def test_other_reports_growth(corpus_dir, report, name, kind, growth):
    found = _find(extract_indicators(annotate(read_document(corpus_dir / report))), name, kind)
    assert found.growth == pytest.approx(growth)


def test_range_target_keeps_the_range_as_qualifier(corpus_dir):
    found = extract_indicators(annotate(read_document(corpus_dir / "jiangxi-2026.txt")))
    gdp = [i for i in found if i.name == "地区生产总值" and i.kind == "target" and i.basis is None]
    assert gdp and gdp[0].growth == pytest.approx(0.05) and gdp[0].qualifier == "5%-5.5%"


def test_broken_pattern_file_names_file_and_line(tmp_path: Path):
    folder = Path(indicators_module.__file__).parent / "patterns"
    for name in ("units.json", "indicator_words.json"):
        (tmp_path / name).write_text((folder / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "indicators.jsonl").write_text(json.dumps({"pattern": "地区生产总值"}) + "\n", encoding="utf-8")
    with pytest.raises(PatternFileError, match=r"indicators.jsonl at line 1: missing .*\bid\b"):
        load_lexicon(str(tmp_path))


def test_cli_indicators_prints_table_and_writes_csv(hetang_path, tmp_path):
    out = tmp_path / "ind.csv"
    result = CliRunner().invoke(cli, ["indicators", str(hetang_path), "--csv", str(out)])
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0].split()
    assert header == ["doc", "name", "value", "growth", "kind", "year"]
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    gdp = next(r for r in rows if r["name"] == "地区生产总值" and r["kind"] == "outcome")
    assert (gdp["value"], gdp["unit"], gdp["growth"], gdp["year"]) == ("21940000000", "元", "0.08", "2018")


def test_cli_indicators_missing_file_is_one_error_line(tmp_path):
    result = CliRunner().invoke(cli, ["indicators", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "Error:" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("report", "name", "kind", "growth", "year", "period_start"), [
    ("hailar-2016", "地区生产总值", "outcome", 0.121, 2015, 2010),  # 由2010年的…增加到2015年的…，年均增长12.1%
    ("hailar-2016", "一般公共预算支出", "outcome", 0.2026, 2015, 2010),  # no year: the paragraph's period before it
    ("hailar-2016", "城镇居民人均可支配收入", "outcome", 0.122, 2015, 2010),  # 比2010年增加…，年均递增12.2%
    ("sichuan-2026", "工业增加值", "outcome", 0.061, 2025, 2020),  # in the review of “十四五”
    ("jiangxi-2026", "地区生产总值", "target", 0.05, 2030, 2025),  # a “十五五” target, not 2026's
])
def test_an_average_growth_keeps_its_period(corpus_dir, report, name, kind, growth, year, period_start):
    found = extract_indicators(annotate(read_document(corpus_dir / f"{report}.txt")))
    average = [i for i in found if i.name == name and i.kind == kind and i.basis == "年均"]
    assert average and (average[0].growth, average[0].year, average[0].period_start) == (growth, year, period_start)


def test_a_one_year_growth_has_no_period(hetang_indicators):
    assert all(i.period_start is None for i in hetang_indicators)


def test_sentence_without_indicator_names_is_not_placed(monkeypatch):
    """A sentence that names no indicator (most of a report) yields none before its section or kind is looked up;
    the sentences that do name one are read as before."""
    doc = annotate(Document(id="invented", text=INVENTED, year=2024))
    plain = [s for s in doc.sentences if not indicators_module._groups(s.text, load_lexicon())[0]]
    named = [s for s in doc.sentences if s not in plain]
    assert plain and named
    expected = [i.to_dict() for s in named for i in indicators_module._from_sentence(doc, s, load_lexicon())]

    def refuse(offset):
        raise AssertionError("a sentence without indicator names was placed in its section")

    monkeypatch.setattr(doc, "section_at", refuse)
    for sentence in plain:
        assert list(indicators_module._from_sentence(doc, sentence, load_lexicon())) == []
    monkeypatch.undo()
    assert expected and expected == [i.to_dict() for i in extract_indicators(doc)]
