"""Glossary (名词解释) parsing on the real reports, invented samples and a round-trip property."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from extractors.errors import GlossaryFormatError
from glossary.parse import (
    GlossaryEntry,
    definition_parts,
    find_glossary_section,
    is_glossary_heading,
    parse_entry,
    parse_glossary,
    render_entry,
    term_variants,
)


def _parse(corpus_dir: Path, name: str):
    text = (corpus_dir / name).read_text(encoding="utf-8")
    return text, parse_glossary(text, doc=name)


@pytest.mark.parametrize(
    ("report", "count"),
    [("hetang-2019.txt", 9), ("sichuan-2026.txt", 20), ("jiangxi-2026.txt", 26), ("hainan-2026.txt", 28)],
)
def test_glossary_parse_counts_per_report(corpus_dir, report, count):
    _, result = _parse(corpus_dir, report)
    assert len(result.entries) == count
    assert result.problems == []
    assert [e.number for e in result.entries] == [str(i) for i in range(1, count + 1)]


@pytest.mark.parametrize("report", ["hailar-2016.txt", "hailar-2017.txt", "hailar-2018.txt", "tianmen-2024.txt"])
def test_glossary_parse_report_without_glossary_is_empty(corpus_dir, report):
    text, result = _parse(corpus_dir, report)
    assert find_glossary_section(text) is None
    assert (result.entries, result.problems, result.span) == ([], [], None)


def test_glossary_parse_hetang_pages(corpus_dir):
    _, result = _parse(corpus_dir, "hetang-2019.txt")
    assert [e.page for e in result.entries] == ["P3", "P3", "P3", "P6", "P7", "P12", "P14", "P21", "P21"]


# (report, number, term, page, definition start, definition end) — checked against the file, not copied into it.
REAL_ENTRIES = [
    ("hetang-2019.txt", "1", "“城乡统筹·幸福株洲”创新社会治理系列行动", "P3", "市委、市政府", "民生行动。"),
    ("hetang-2019.txt", "5", "三供一业", "P7", "国有企业", "物业管理。"),
    ("hetang-2019.txt", "7", "瞪羚企业", "P14", "是指", "中小企业。"),
    ("hetang-2019.txt", "9", "一单四制", "P21", "政府职能部门", "通报制管理。"),
    ("sichuan-2026.txt", "2", "“两新”", None, "是指", "以旧换新。"),
    ("jiangxi-2026.txt", "6", "“一表同享”", None, "通过数字化", "最多填一次”。"),
    ("jiangxi-2026.txt", "20", "2026年10件民生实事", None, "加大", "。"),
    ("hainan-2026.txt", "1", "一降三减", None, "全年火灾", "减少。"),
    ("hainan-2026.txt", "28", "三个立法权", None, "一般地方性法规", "制定权。"),
]


@pytest.mark.parametrize(("report", "number", "term", "page", "head", "tail"), REAL_ENTRIES)
def test_glossary_parse_real_entries(corpus_dir, report, number, term, page, head, tail):
    text, result = _parse(corpus_dir, report)
    entry = next(e for e in result.entries if e.number == number)
    assert (entry.term, entry.page, entry.doc) == (term, page, report)
    assert entry.definition.startswith(head) and entry.definition.endswith(tail)
    # Offsets cover the whole entry: from its number to the end of its definition.
    assert text[entry.start:entry.end].endswith(entry.definition.split("\n")[-1])
    assert term in text[entry.start:entry.end].split("\n")[0]


def test_glossary_parse_halfwidth_colon(corpus_dir):
    text, result = _parse(corpus_dir, "hetang-2019.txt")
    entry = result.entries[6]
    assert text[entry.start:entry.end].startswith("7.瞪羚企业（P14）:")
    assert (entry.term, entry.page) == ("瞪羚企业", "P14")
    assert not entry.definition.startswith(":")


def test_glossary_parse_definition_on_next_line(corpus_dir):
    text, result = _parse(corpus_dir, "hainan-2026.txt")
    first = result.entries[0]
    assert text[first.start] == "［" and "\n" in text[first.start:first.end]
    assert "\n" not in first.definition and not first.definition.startswith("：")


def test_glossary_section_includes_appendix_line(corpus_dir):
    text, result = _parse(corpus_dir, "jiangxi-2026.txt")
    start, end = result.span
    assert text[start:].startswith("附件")
    assert end <= len(text) and result.entries[-1].end == end


INVENTED = """正文第一段。
名词解释：
1.甲乙工程（P2）：用于测试的第一个条目。
2.缺少冒号的条目（P3）没有冒号
3.丙丁行动（第5页）：第三个条目，
定义延续到下一行。
（4）戊己计划：第四个条目。
"""


def test_glossary_parse_malformed_entry_reported_and_others_kept():
    result = parse_glossary(INVENTED, doc="sample.txt")
    assert [e.term for e in result.entries] == ["甲乙工程", "丙丁行动", "戊己计划"]
    assert len(result.problems) == 1
    assert result.problems[0].startswith("sample.txt:4: glossary entry has no '：' or ':' after the term")
    third = result.entries[1]
    assert (third.page, third.definition) == ("第5页", "第三个条目，\n定义延续到下一行。")


@pytest.mark.parametrize(
    ("line", "number", "page"),
    [
        ("1.术语（P3）：定义。", "1", "P3"),
        ("1、术语(P3):定义。", "1", "P3"),
        ("12．术语（第3页）：定义。", "12", "第3页"),
        ("(2)术语：定义。", "2", None),
        ("（2）术语：定义。", "2", None),
        ("［3］术语：定义。", "3", None),
        ("[3] 术语：定义。", "3", None),
        ("④术语（P 9）：定义。", "4", "P9"),
    ],
)
def test_glossary_parse_numbering_and_page_styles(line, number, page):
    result = parse_glossary(f"名词解释\n{line}\n")
    assert [(e.term, e.number, e.page, e.definition) for e in result.entries] == [("术语", number, page, "定义。")]


def test_glossary_parse_entry_without_colon_raises():
    with pytest.raises(GlossaryFormatError, match="no '：' or ':'"):
        parse_entry("1.没有冒号的条目")


# Terms and definitions for the round trip: CJK text that cannot be mistaken for a marker, page or colon.
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_TERM = st.builds(lambda head, rest: head + rest, _CJK,
                  st.text(st.one_of(_CJK, st.sampled_from("“”·0123456789+AB")), max_size=15))
_LINE = st.builds(lambda head, rest: head + rest, _CJK,
                  st.text(st.one_of(_CJK, st.sampled_from("，。、；“”（）：:P0123456789 ")), max_size=40)
                  .map(str.rstrip))
_ENTRY = st.builds(
    lambda term, page, lines, number, offset, doc: GlossaryEntry(term, page, "\n".join(lines), number, offset, 0, doc),
    _TERM,
    st.one_of(st.none(), st.integers(1, 300).map(lambda n: f"P{n}"), st.integers(1, 300).map(lambda n: f"第{n}页")),
    st.lists(_LINE, min_size=1, max_size=3),
    st.one_of(st.none(), st.integers(1, 99).map(str)),
    st.integers(0, 10_000),
    st.sampled_from(["", "x.txt"]),
)


@given(_ENTRY)
def test_glossary_render_parse_round_trip(entry):
    entry = replace(entry, end=entry.start + len(render_entry(entry)))
    assert parse_entry(render_entry(entry), doc=entry.doc, offset=entry.start) == entry


@given(st.lists(_ENTRY.filter(lambda e: e.number is not None), min_size=1, max_size=5))
def test_glossary_parse_rendered_section_round_trip(entries):
    text = "名词解释\n" + "\n".join(render_entry(e) for e in entries) + "\n"
    parsed = parse_glossary(text).entries
    assert [(e.term, e.page, e.definition, e.number) for e in parsed] == \
        [(e.term, e.page, e.definition, e.number) for e in entries]
    assert all(text[e.start:e.end] == render_entry(e) for e in parsed)


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("省五个100", ["五个100"]),
        ("制造强市“1093”行动", ["1093", "1093行动", "制造强市1093行动"]),
        ("市五个一批、五大行动", ["五个一批", "五大行动"]),
        ("“城乡统筹·幸福株洲”创新社会治理系列行动", ["城乡统筹·幸福株洲", "城乡统筹·幸福株洲创新社会治理系列行动"]),
        ("“三大高地”“五大战略”", ["三大高地", "五大战略"]),
        ("科技英才领航工程和“双千”计划", ["科技英才领航工程", "双千计划"]),
        ("某某示范工程（试行）", ["某某示范工程"]),
    ],
)
def test_term_variants_include_body_forms(term, expected):
    variants = term_variants(term)
    assert variants[0] == term
    assert set(expected) <= set(variants)
    assert len(variants) == len(set(variants))


@pytest.mark.parametrize(
    ("term", "absent"),
    [("“四融一共”和美乡村", "美乡村"), ("市场监管体系", "场监管体系"), ("稳增长“21”条", "1")],
)
def test_term_variants_do_not_over_split(term, absent):
    assert absent not in term_variants(term)


@pytest.mark.parametrize(
    ("number", "parts"),
    [
        ("4", ["无公害农产品", "绿色食品", "有机农产品", "农产品地理标志"]),
        ("5", ["供水", "供电", "供热", "物业管理"]),
        ("9", ["交办制", "台账制", "销号制", "通报制"]),
        ("3", []),  # lists two terms: no single enumeration
        ("7", []),  # 瞪羚企业 is not a numeric abbreviation
    ],
)
def test_definition_parts_hetang(corpus_dir, number, parts):
    _, result = _parse(corpus_dir, "hetang-2019.txt")
    entry = next(e for e in result.entries if e.number == number)
    assert definition_parts(entry) == parts


@pytest.mark.parametrize(
    ("term", "definition", "parts"),
    [
        ("两新", "是指大规模设备更新和消费品以旧换新。", ["大规模设备更新", "消费品以旧换新"]),
        ("三资", "农村集体所有的资金、资产、资源。", ["资金", "资产", "资源"]),
        ("四个一批", "发展改革工作中的一项长期任务。", []),
        ("六大产业", "发展甲产业、乙产业、丙产业、丁产业等6大重点产业。", ["甲产业", "乙产业", "丙产业", "丁产业"]),
        # one middle item: a preposition before the first item and the clause after the last are cut
        ("三查一改", "对消防隐患、燃气隐患、电力隐患开展排查，对查出的问题实行限期整改。", ["消防隐患", "燃气隐患", "电力隐患"]),
        ("三查", "对甲类设施、乙类设施、丙类设施进行检查。", ["甲类设施", "乙类设施", "丙类设施"]),
        # ... but items of unequal length joined by 和 are left whole
        ("两治一改", "城乡环境整治、绿化和亮化。", ["城乡环境整治", "绿化", "亮化"]),
    ],
)
def test_definition_parts_invented(term, definition, parts):
    assert definition_parts(GlossaryEntry(term, None, definition, None, 0, 0)) == parts


# --- glossary shapes of the archive (issue 9): headings and entry layouts, invented entries ---

SHAPES = {
    "numbered": ("名词解释：\n1.甲乙工程：第一个条目。\n2.丙丁行动：第二个条目。\n", None),
    "bracketed": ("注释\n［1］甲乙工程：\n第一个条目。\n［2］丙丁行动：\n第二个条目。\n", None),
    "circled": ("名词注释\n①甲乙工程：第一个条目。\n②丙丁行动：第二个条目。\n", None),
    "unnumbered": ("名词解释\n\n甲乙工程：第一个条目。\n\n丙丁行动：第二个条目。\n", None),
    "unnumbered, definition below": ("名词解释\n甲乙工程：\n第一个条目。\n丙丁行动：\n第二个条目。\n", None),
    "spaced heading": ("名 词 解 释\n1.甲乙工程：第一个条目。\n2.丙丁行动：第二个条目。\n", None),
    "annex heading": ("附件2\n名词解释\n1.甲乙工程（P3）：第一个条目。\n2.丙丁行动（P5）：第二个条目。\n", ("P3", "P5")),
    "report annex": ("附件 《政府工作报告》有关内容名词注释\n(1)甲乙工程：第一个条目。\n(2)丙丁行动：第二个条目。\n", None),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_glossary_parse_every_shape(shape):
    section, pages = SHAPES[shape]
    result = parse_glossary("各位代表：\n推进甲乙工程和丙丁行动。\n" + section)
    assert [(e.term, e.definition) for e in result.entries] == [("甲乙工程", "第一个条目。"), ("丙丁行动", "第二个条目。")]
    assert tuple(e.page for e in result.entries) == (pages or (None, None))
    assert result.problems == []


def test_glossary_parse_unnumbered_continuation_lines_stay_with_their_entry():
    result = parse_glossary("正文。\n名词解释\n甲乙工程：第一个条目，\n包括以下内容。\n丙丁行动：第二个条目。\n")
    assert [(e.term, e.definition) for e in result.entries] == [
        ("甲乙工程", "第一个条目，\n包括以下内容。"), ("丙丁行动", "第二个条目。")]


def test_glossary_parse_laibin_unnumbered_entries(corpus_dir):
    _, result = _parse(corpus_dir, "laibin-2024.txt")
    assert len(result.entries) == 25 and result.problems == []
    assert all(e.number is None and e.definition for e in result.entries)


@pytest.mark.parametrize("marker", ["[2]", "［2］", "（2）", "(2)"])
def test_glossary_note_markers_point_to_numbered_entries(marker):
    text = f"全市推进“两个清零”{marker}，建设甲乙工程[1]。\n名词解释\n[1]甲乙工程：第一个条目。\n[2]清零工作法：第二个条目。\n"
    entries = parse_glossary(text).entries
    assert [text[at:at + len(marker)] for at in entries[1].refs] == [marker]
    assert [text[at:at + 3] for at in entries[0].refs] == ["[1]"]


@pytest.mark.parametrize("heading", [
    "本报告名词解释", "政府工作报告名词注释", "《2024年政府工作报告》名词解释", "附：名词解释", "【名词解释】",
    "名词注解", "名词术语解释", "重要名词解释", "名词解释（按出现先后排序）",
])
def test_glossary_heading_layouts(heading):
    """Heading families seen in published reports: the report named before it, 附：, brackets, 注解, an order note."""
    assert is_glossary_heading(heading)
    result = parse_glossary(f"正文。\n{heading}\n1.甲乙工程：第一个条目。\n")
    assert [e.term for e in result.entries] == ["甲乙工程"]


@pytest.mark.parametrize("line", ["加快推进名词解释工作", "解释", "注", "名词"])
def test_glossary_heading_not_a_body_line(line):
    assert not is_glossary_heading(line)


def test_glossary_term_alone_on_its_line():
    """1.“四上”企业 with no colon, the definition on the next lines: the term is the whole numbered line."""
    result = parse_glossary("正文。\n名词解释\n1.“甲乙”企业\n第一个定义，\n续行。\n2.丙丁：第二个定义。\n")
    assert [(e.term, e.definition) for e in result.entries] == [("“甲乙”企业", "第一个定义，\n续行。"), ("丙丁", "第二个定义。")]
    assert result.problems == []
