"""Layouts of real reports (issue 9): parts, their roles and years, in every family the archive shows.

Each case is a skeleton: heading and cue lines as they appear in reports of ../shared/archive,
with invented one-line bodies between them (no report text is copied). The last test reads
every report of the archive and checks year and issuer against its MANIFEST.tsv.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from extractors.ingest import clean_text, read_document
from extractors.records import Document
from extractors.structure import annotate
from tests.conftest import SHARED

BODY = "全市经济平稳增长，项目建设有力推进。"
PLAN = "推进项目建设，力争经济增长7%。"


def _parts(text: str) -> list[tuple[str, int | None]]:
    doc = annotate(Document(id="layout.txt", text=text))
    return [(part.role, part.year) for part in doc.parts]


LAYOUTS = {
    # 一、2023年工作回顾 … 二、2024年工作安排 … 三、加强政府自身建设
    "numbered parts": (
        f"各位代表：\n一、2023年工作回顾\n{BODY}\n（一）经济运行稳中向好\n{BODY}\n二、2024年工作安排\n{PLAN}\n"
        f"（一）加快产业升级\n{PLAN}\n三、全面加强政府自身建设\n{PLAN}\n",
        [("review", 2023), ("plan", 2024), ("self", None)]),
    # an unnumbered part line, with 一、二、… tasks inside each part, numbering restarting
    "unnumbered part lines": (
        f"各位代表：\n2023年工作回顾\n{BODY}\n一、社会大局和谐稳定\n{BODY}\n二、经济发展稳中有进\n{BODY}\n"
        f"2024年主要工作\n{PLAN}\n一、建强做优现代化产业体系\n{PLAN}\n二、切实加强政府自身建设\n{PLAN}\n",
        [("review", 2023), ("plan", 2024), ("self", None)]),
    # an unnumbered review line and a numbered plan chapter in one report
    "mixed numbering": (
        f"各位代表：\n2023年工作回顾\n{BODY}\n（一）坚定不移稳增长\n{BODY}\n二、2024年主要工作\n{PLAN}\n（一）着力扩大内需\n{PLAN}\n",
        [("review", 2023), ("plan", 2024)]),
    # no greeting: the report starts with the review line
    "no greeting": (
        f"2023年工作回顾\n{BODY}\n2024年工作安排\n{PLAN}\n",
        [("review", 2023), ("plan", 2024)]),
    # spaced title and a date line above the greeting
    "spaced title": (
        f"政 府 工 作 报 告\n——2024年1月10日在某市第九届人民代表大会第三次会议上\n各位代表：\n"
        f"2023年工作回顾\n{BODY}\n努力做好2024年各项工作\n{PLAN}\n全面加强政府自身建设\n{PLAN}\n",
        [("review", 2023), ("plan", 2024), ("self", None)]),
    # no headings at all: the prose turns to the plan at 2024年是… / 总体要求是…
    "no headings": (
        f"各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议。\n2023年，{BODY}\n过去一年，{BODY}\n"
        f"2024年是实施“十四五”规划的关键一年。\n今年政府工作的总体要求是：{PLAN}\n主要预期目标是：地区生产总值增长6%。\n",
        [("review", 2023), ("plan", 2024)]),
    "no plan heading": (
        f"各位代表：\n一、2023年工作回顾\n{BODY}\n做好今年政府工作的总体要求是：{PLAN}\n"
        f"综合考虑，今年全市经济社会发展主要预期目标是：增长7%。\n三、加强政府自身建设\n{PLAN}\n",
        [("review", 2023), ("plan", 2024), ("self", None)]),
    # a whole report on one line (converted from a page layout): the titles are inline
    "one line": (
        "各位代表： 现在，我代表市人民政府向大会报告工作。 一、2023年工作回顾 2023 年是不平凡的一年。"
        + BODY * 60 + " 二、2024年工作安排 2024 年是关键一年。" + PLAN * 60
        + "2024年工作安排建议2024年是关键一年。" + PLAN + " 三、加强政府自身建设 各位代表！" + PLAN + "\n",
        [("review", 2023), ("plan", 2024), ("plan", 2024), ("self", None)]),
    # 2026 provincial reports: the 14th Five-Year Plan looked back on, the 15th looked ahead to
    "five-year plans": (
        f"2026年某省政府工作报告\n各位代表：\n一、2025年和“十四五”时期工作回顾\n{BODY}\n二、“十五五”时期主要目标任务\n"
        f"{PLAN}\n三、2026年重点工作\n{PLAN}\n四、全面提升政府治理效能\n{PLAN}\n",
        [("review", 2025), ("plan", 2026), ("plan", 2026), ("self", None)]),
    # a title the vocabulary does not know: the year it names decides (2023年主要工作 reviews)
    "year decides": (
        f"各位代表：\n一、2023年主要工作\n{BODY}\n二、2024年主要目标和重点工作\n{PLAN}\n",
        [("review", 2023), ("plan", 2024)]),
    # chapters whose titles name no role: their first sentences do
    "roles from content": (
        f"各位代表：\n一、一年接着一年干，建设持续取得新进展\n过去一年，{BODY}\n二、一鼓作气勇争先，全力推动开好局\n"
        f"2026年是“十五五”开局之年。{PLAN}\n",
        [("review", 2025), ("plan", 2026)]),
    # the report at the end of a term: five years looked back on, the next five ahead
    "term report": (
        f"各位代表：\n过去五年工作回顾\n过去五年，{BODY}\n今后五年的主要任务\n{PLAN}\n2024年工作安排\n{PLAN}\n",
        [("review", 2023), ("plan", 2024), ("plan", 2024)]),
    "five-year plan roles from content": (
        f"2026年某省政府工作报告\n各位代表：\n一、一年接着一年干，建设持续取得新进展\n过去一年，{BODY}\n"
        f"二、一张蓝图绘到底，奋力谱写新篇章\n“十五五”时期是夯实基础、全面发力的关键时期。{PLAN}\n"
        f"三、一鼓作气勇争先，全力推动开好局\n今年经济社会发展的主要预期目标是：增长5%左右。\n",
        [("review", 2025), ("plan", 2026), ("plan", 2026)]),
}


@pytest.mark.parametrize("family", sorted(LAYOUTS))
def test_layout_parts_roles_and_years(family):
    text, parts = LAYOUTS[family]
    assert _parts(text) == parts


@pytest.mark.parametrize(
    "head, year",
    [
        ("2024年政府工作报告\n各位代表：\n", 2024),
        ("政府工作报告\n——二〇二六年一月二十七日在某省十四届人民代表大会第四次会议上\n各位代表：\n", 2026),
        ("各位代表：\n2023年工作回顾\n正文。\n", 2024),
        ("各位代表：\n过去一年，正文。\n2024年是关键一年。\n", 2024),
    ],
)
def test_layout_year_from_title_date_parts_or_prose(head, year):
    assert annotate(Document(id="x.txt", text=head)).year == year


def test_layout_web_chrome_is_dropped_and_offsets_map_back():
    raw = ("下载\n打印\n【字号：\n加大\n】\n2026年某省政府工作报告\n来源：某某日报\n时间：2026-02-10\n各位代表：\n"
           "一、2025年工作回顾\n正文。\n来源：不是页头，留在正文里。\n相关报道：\n扫一扫在手机打开当前页\n")
    text, offsets = clean_text(raw)
    assert text.startswith("2026年某省政府工作报告\n各位代表：")
    assert "来源：不是页头" in text and "相关报道" not in text and text.endswith("留在正文里。\n")
    at = text.index("正文。")
    assert raw[offsets.to_raw(at):].startswith("正文。")


@pytest.mark.parametrize(
    "text, warnings",
    [
        (f"各位代表：\n2023年工作回顾\n{BODY}\n", ["issuer not found", "no plan part found"]),
        (f"我代表荷塘区人民政府报告工作。\n{BODY}\n", ["year not found", "no review part found", "no plan part found"]),
    ],
)
def test_layout_warnings_say_what_was_not_found(text, warnings):
    assert annotate(Document(id="x.txt", text=text)).warnings == warnings


# --- every report of the archive -------------------------------------------------------------

ARCHIVE = SHARED / "archive"
# Where the text itself disagrees with MANIFEST.tsv (which comes from source file names): the
# product reports what the text says.
TEXT_DISAGREES = {
    "city-2024/池州.txt": "the text is the report delivered in 2023 (二、2023年工作安排, 第二次会议)",
    "city-2024/黄山.txt": "the text is the report of 黄山区 (我代表区人民政府, 黄山区发展史), not of 黄山市",
    "city-2024/日照.txt": "the file ends inside the review part: there is no plan part to find",
}


def _manifest() -> list[dict[str, str]]:
    path = ARCHIVE / "MANIFEST.tsv"
    if not path.is_file():
        pytest.fail(f"archive manifest not found at {path}; set KG_SHARED_DIR")
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _cases() -> list:
    rows = _manifest() if (ARCHIVE / "MANIFEST.tsv").is_file() else []
    docx = {Path(p).stem for p in (ARCHIVE / "docx").glob("*.docx")} if ARCHIVE.is_dir() else set()
    cases = []
    for row in rows:
        files = [row["file"]] + ([f"docx/{Path(row['file']).stem}.docx"] if row["file"].startswith("city-2024/")
                                 and Path(row["file"]).stem in docx else [])
        for name in files:
            marks = [pytest.mark.xfail(reason=TEXT_DISAGREES[row["file"]], strict=True)] if row["file"] in TEXT_DISAGREES else []
            cases.append(pytest.param(name, row, marks=marks, id=name))
    return cases


@pytest.fixture(scope="module")
def archive_docs():
    """Structure only (no entity stages): every archive report read once."""
    cache: dict[str, Document] = {}

    def get(name: str) -> Document:
        if name not in cache:
            cache[name] = annotate(read_document(ARCHIVE / name))
        return cache[name]
    return get


def test_archive_manifest_is_complete():
    rows = _manifest()
    assert len(rows) == 159 and all((ARCHIVE / row["file"]).is_file() for row in rows)


@pytest.mark.parametrize("name, row", _cases())
def test_archive_year_issuer_and_parts(archive_docs, name, row):
    doc = archive_docs(name)
    roles = {part.role for part in doc.parts}
    assert (doc.year, doc.issuer, doc.adcode) == (int(row["year"]), row["issuer"], row["adcode"])
    assert {"review", "plan"} <= roles, doc.warnings
