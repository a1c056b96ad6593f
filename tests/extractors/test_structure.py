"""Stage 2, structure: sections and roles, sentences with offsets, year and issuer."""
from __future__ import annotations

import pytest

from extractors.ingest import read_document
from extractors.metadata import find_issuer, find_year
from extractors.records import SECTION_ROLES, Document
from extractors.structure import annotate, find_sections, multi_year_spans, section_role, split_sentences

# Where each corpus report comes from (shared/corpus/SOURCES.md: place and delivery year).
CORPUS = {
    "hailar-2016.txt": (2016, "海拉尔区"),
    "hailar-2017.txt": (2017, "海拉尔区"),
    "hailar-2018.txt": (2018, "海拉尔区"),
    "hainan-2026.txt": (2026, "海南省"),
    "hetang-2019.txt": (2019, "荷塘区"),
    "jiangxi-2026.txt": (2026, "江西省"),
    "sichuan-2026.txt": (2026, "四川省"),
    "tianmen-2024.txt": (2024, "天门市"),
    "laibin-2024.txt": (2024, "来宾市"),
    "meishan-2024.txt": (2024, "眉山市"),
    "ganzi-2024.txt": (2024, "甘孜藏族自治州"),
}
WITH_GLOSSARY = {"hetang-2019.txt", "sichuan-2026.txt", "jiangxi-2026.txt", "hainan-2026.txt", "laibin-2024.txt"}


@pytest.fixture(scope="module")
def annotated(corpus_dir):
    return {name: annotate(read_document(corpus_dir / name)) for name in CORPUS}


@pytest.fixture(scope="module")
def hetang(annotated):
    return annotated["hetang-2019.txt"]


def _by_title(doc: Document, fragment: str):
    found = [s for s in doc.sections if fragment in s.title]
    assert len(found) == 1, f"{fragment!r} matches {[s.title for s in found]}"
    return found[0]


@pytest.mark.parametrize(
    "fragment, role, level",
    [
        ("2018年工作回顾", "review", 1),
        ("着力抓项目兴产业，发展质量稳步提升", "review", 2),
        ("着力抓服务提效能", "review", 2),
        ("2019年工作部署", "plan", 1),
        ("突出产业引领", "plan", 2),
        ("坚持民生优先", "plan", 2),
        ("全面加强政府自身建设", "self", 1),
        ("名词解释", "glossary", 1),
    ],
)
def test_hetang_sections_have_roles(hetang, fragment, role, level):
    section = _by_title(hetang, fragment)
    assert (section.role, section.level) == (role, level)


def test_hetang_level2_title_is_first_sentence_and_has_parent(hetang):
    sub = _by_title(hetang, "着力抓项目兴产业")
    assert sub.title == "着力抓项目兴产业，发展质量稳步提升"
    assert hetang.sections[sub.parent].title == "2018年工作回顾"
    assert hetang.text[sub.start:].startswith("（一）着力抓项目兴产业")


def test_hetang_preamble_and_glossary_bounds(hetang):
    first, last = hetang.sections[0], hetang.sections[-1]
    assert (first.role, first.start) == ("preamble", 0)
    assert "各位代表" in hetang.text[first.start:first.end]
    assert last.role == "glossary" and last.end == len(hetang.text)
    assert hetang.text[last.start:].lstrip().startswith("名词解释")
    assert sum(s.role == "review" and s.level == 2 for s in hetang.sections) == 5
    assert sum(s.role == "plan" and s.level == 2 for s in hetang.sections) == 5


def test_hetang_sentences_know_section_and_paragraph(hetang):
    sentence = next(s for s in hetang.sentences if s.text.startswith("从严防控债务风险"))
    assert hetang.sections[sentence.section].title.startswith("聚焦“三大攻坚”")
    assert hetang.sections[sentence.section].role == "plan"
    line_start = hetang.text.rfind("\n", 0, sentence.start) + 1
    assert sentence.paragraph == sum(1 for line in hetang.text[:line_start].split("\n") if line.strip())


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_year_and_issuer(annotated, name):
    doc = annotated[name]
    assert (doc.year, doc.issuer) == CORPUS[name]


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_sentence_offsets_invariant(annotated, name):
    doc = annotated[name]
    assert doc.sentences
    previous_end = 0
    for sentence in doc.sentences:
        assert doc.text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and "\n" not in sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end
        section = doc.sections[sentence.section]
        assert section.start <= sentence.start < section.end
        assert doc.sentence_at(sentence.start) == sentence


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_sentences_cover_all_visible_text(annotated, name):
    doc = annotated[name]
    visible = "".join(doc.text.split())
    assert "".join("".join(s.text.split()) for s in doc.sentences) == visible


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_sections_nest_and_roles_are_known(annotated, name):
    doc = annotated[name]
    assert [s.index for s in doc.sections] == list(range(len(doc.sections)))
    chapters = [s for s in doc.sections if s.level == 1]
    for before, after in zip(chapters, chapters[1:]):
        assert before.end == after.start
    assert chapters[-1].end == len(doc.text)
    for section in doc.sections:
        assert section.role in SECTION_ROLES
        if section.level > 1:
            parent = doc.sections[section.parent]
            assert parent.level < section.level
            assert parent.start < section.start and section.end <= parent.end
    roles = [s.role for s in chapters]
    assert roles[0] == "preamble" and roles[1] == "review" and "plan" in roles
    assert ("glossary" in roles) == (name in WITH_GLOSSARY)
    if "glossary" in roles:
        assert roles[-1] == "glossary"


@pytest.mark.parametrize(
    "name, self_titles",
    [
        ("hainan-2026.txt", ["加强政府自身建设"]),
        ("tianmen-2024.txt", ["全面加强政府自身建设"]),
        ("sichuan-2026.txt", ["突出政府履职效能，切实加强自身建设"]),
    ],
)
def test_self_sections_found(annotated, name, self_titles):
    doc = annotated[name]
    assert [s.title for s in doc.sections if s.role == "self" and (s.level == 1 or doc.sections[s.parent].role != "self")] == self_titles


def test_jiangxi_glossary_heading_starts_at_annex_line(annotated):
    doc = annotated["jiangxi-2026.txt"]
    glossary = doc.sections[-1]
    assert glossary.title == "附件 《政府工作报告》有关内容名词注释"
    assert doc.text[glossary.start:].startswith("附件")


@pytest.mark.parametrize(
    "title, role",
    [
        ("2018年工作回顾", "review"),
        ("“十二五”时期和2015年工作回顾", "review"),
        ("2019年工作部署", "plan"),
        ("2016年工作安排", "plan"),
        ("2024年总体思路和目标任务", "plan"),
        ("全面加强政府自身建设", "self"),
        ("名词解释", "glossary"),
        ("注释", "glossary"),
        ("着力抓项目兴产业，发展质量稳步提升", None),
    ],
)
def test_section_role_patterns(title, role):
    assert section_role(title) == role


# Invented report skeletons (no report text copied).
SKELETON = """青禾县2020年政府工作报告
各位代表：
一、2019年工作回顾
过去一年，全县增长。一、这不是标题，因为不在行首序列里。
（一）抓项目，促发展。项目落地十个。
（二）加强政府自身建设。作风转变。
一是继续推进。二是持续加强。
二、2020年工作安排
（一）稳增长
全年增长百分之七；新建学校两所！
三、2021年的事
"""


def test_skeleton_sections_levels_roles_and_inheritance():
    sections = find_sections(SKELETON)
    assert [(s.level, s.title, s.role) for s in sections] == [
        (1, "开篇", "preamble"),
        (1, "2019年工作回顾", "review"),
        (2, "抓项目，促发展", "review"),
        (2, "加强政府自身建设", "self"),
        (1, "2020年工作安排", "plan"),
        (2, "稳增长", "plan"),
        (1, "2021年的事", "other"),
    ]
    assert sections[3].end == sections[4].start  # a subsection ends at the next chapter


@pytest.mark.parametrize(
    "text, expected",
    [
        ("## 一、2019年工作回顾\n正文。\n## 二、2020年工作安排\n正文。\n", ["2019年工作回顾", "2020年工作安排"]),
        ("二、先出现的二不算\n一、2019年工作回顾\n正文。\n", ["2019年工作回顾"]),
        ("　　一、2019年工作回顾\n　　(一)经济实力迈上新台阶。正文\n", ["2019年工作回顾", "经济实力迈上新台阶"]),
        ("没有任何标题的报告。\n", []),
    ],
)
def test_heading_styles(text, expected):
    assert [s.title for s in find_sections(text) if s.role != "preamble"] == expected


def test_split_sentences_terminators_closers_and_paragraphs():
    text = "甲。乙！丙？丁；戊\n\n　“好。”然后\n"
    sentences = split_sentences(text, find_sections(text))
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("甲。", 0), ("乙！", 0), ("丙？", 0), ("丁；", 0), ("戊", 0), ("“好。”", 1), ("然后", 1)]
    assert all(text[s.start:s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    "text, name, year",
    [
        ("2019年政府工作报告\n各位代表：\n", "", 2019),
        ("政府工作报告\n——2024年1月8日在某市第九届人民代表大会第三次会议上\n", "", 2024),
        ("2026年2月3日在某省第十四届人民代表大会第五次会议上\n", "", 2026),
        ("各位代表：\n一、2018年工作回顾\n正文。\n", "", 2019),
        ("各位代表：\n一、过去一年回顾\n正文。\n二、2019年工作部署\n", "", 2019),
        ("各位代表：\n正文。\n", "report-2021.txt", 2021),
        ("各位代表：\n正文。\n", "report.txt", None),
    ],
)
def test_find_year(text, name, year):
    assert find_year(text, find_sections(text), name) == year


@pytest.mark.parametrize(
    "text, issuer, adcode, level",
    [
        ("现在，我代表荷塘区人民政府向大会报告工作。全区增长。\n", "荷塘区", "430202", "区"),
        ("——2024年1月在甘孜藏族自治州第十二届人民代表大会第三次会议上\n", "甘孜藏族自治州", "513300", "自治州"),
        ("2026年甘肃省政府工作报告\n甘肃省省长 某某\n各位代表：\n", "甘肃省", "620000", "省"),
        ("现在，我代表国务院，向大会报告政府工作。\n", "国务院", "100000", "中央"),
        # no name in the opening: the level from it, the name the text uses most (twice the next one)
        ("我代表市人民政府向大会报告工作。宜宾发展。建设宜宾。宜宾增长。合作共赢，成都宜宾同城。\n", "宜宾市", "511500", "地级市"),
        ("我代表州人民政府向大会报告工作。甘孜增长。建设甘孜。幸福甘孜。\n", "甘孜藏族自治州", "513300", "自治州"),
        # a name the text never writes as a division, or two names equally often: unknown, not a guess
        ("我代表区人民政府向大会报告工作。全区建设“美丽青禾”。青禾区发展。“幸福青禾”！\n", None, None, None),
        ("我代表市人民政府向大会报告工作。成都增长，宜宾增长，成都宜宾。\n", None, None, None),
        ("没有地名的文字。\n", None, None, None),
    ],
)
def test_find_issuer(text, issuer, adcode, level):
    found = find_issuer(text)
    got = (found.name, found.adcode, found.level) if found else (None, None, None)
    assert got == (issuer, adcode, level)


def test_annotate_fills_the_same_document():
    doc = Document(id="qinghe-2020.txt", text=SKELETON)
    result = annotate(doc)
    assert result is doc
    assert doc.year == 2020 and doc.sections and doc.sentences
    assert doc.issuer is None and doc.warnings == ["issuer not found"]  # 青禾县 is no real county


# --- stretches that speak of several years (五年来…, “十五五”时期…): no single year's outcome or plan ----------

@pytest.mark.parametrize("name, snippet, inside", [
    ("hailar-2016.txt", "“十二五”时期，是我区发展极不平凡的五年", True),  # opens a five-year look-back
    ("hailar-2016.txt", "——城市面貌发生巨变。", True),  # its paragraphs run on
    ("hailar-2016.txt", "各位代表，刚刚过去的2015年", False),  # the year reviewed comes back
    ("hailar-2016.txt", "“十三五”经济社会发展的主要目标和任务", True),  # a part titled by a plan period
    ("hailar-2016.txt", "今年是", False),  # the year's plan part
    ("jiangxi-2026.txt", "五年来，我们全力巩固", True),
    ("hainan-2026.txt", "2025年四大主导产业", True),  # a figure of the year inside the look-back closes nothing
    ("sichuan-2026.txt", "“十五五”时期是基本", True),
    ("laibin-2024.txt", "2023年是", False),
    ("hetang-2019.txt", "2018年", False),
])
def test_multi_year_spans(annotated, name, snippet, inside):
    doc = annotated[name]
    at = doc.text.find(snippet)
    assert at >= 0
    assert any(start <= at < end for start, end in multi_year_spans(doc)) is inside


def test_multi_year_spans_none_in_a_one_year_report(annotated):
    assert multi_year_spans(annotated["laibin-2024.txt"]) == []
    assert multi_year_spans(annotated["meishan-2024.txt"]) == []


@pytest.mark.parametrize("report", ["hetang-2019.txt", "hailar-2016.txt", "sichuan-2026.txt", "meishan-2024.txt"])
def test_sentence_section_is_the_last_ordered_section_holding_it(corpus_dir, report):
    # the sweep of split_sentences gives each sentence what a scan of every section gives
    text = read_document(corpus_dir / report).text
    sections = find_sections(text)
    ordered = sorted(sections, key=lambda s: (s.start, s.level))
    sentences = split_sentences(text, sections)
    assert len(sentences) > 100
    for sentence in sentences:
        holding = [s.index for s in ordered if s.start <= sentence.start < s.end]
        assert sentence.section == (holding[-1] if holding else -1)
