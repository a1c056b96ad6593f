"""Stage 1, ingest: encodings, formats, cleaning with offset maps, and every kind of bad input."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.errors import InputError
from extractors.ingest import clean_text, collect_inputs, decode_bytes, read_document

# Invented sample (not report text): a title, a heading and two sentences.
SAMPLE = "青禾县2020年政府工作报告\n一、2019年工作回顾\n全县地区生产总值增长百分之八。“幸福青禾”建设稳步推进！\n"
MB = 1024 * 1024


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(SAMPLE.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), id="utf-8-bom"),
        pytest.param(SAMPLE.encode("gb18030"), id="gb18030"),
        pytest.param(SAMPLE.encode("gbk"), id="gbk"),
        pytest.param(codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), id="utf-16-be-bom"),
    ],
)
def test_read_document_decodes_every_supported_encoding(tmp_path, encoded):
    doc = read_document(_write(tmp_path, "qinghe-2020.txt", encoded))
    assert doc.text == SAMPLE
    assert doc.id == "qinghe-2020.txt"
    assert doc.path == str(tmp_path / "qinghe-2020.txt")


@pytest.mark.parametrize(
    "data, expected",
    [
        pytest.param(b"\xef\xbb\xbf" + "中文abc".encode("utf-8"), "中文abc", id="utf-8-bom-removed"),
        pytest.param("中文".encode("gbk"), "中文", id="gbk-falls-back-to-gb18030"),
        pytest.param("中文".encode("utf-8"), "中文", id="utf-8-first"),
    ],
)
def test_decode_bytes_order(data, expected):
    assert decode_bytes(data, "x.txt") == expected


def test_decode_bytes_unknown_encoding_names_the_file():
    with pytest.raises(InputError, match=r"^odd\.txt (reads as \S+ but is not Chinese|is in no encoding)"):
        decode_bytes(b"abc\x80\xff\xfe", "odd.txt")


@pytest.mark.parametrize(
    "raw, clean",
    [
        pytest.param("甲\r\n乙\r\n", "甲\n乙\n", id="crlf"),
        pytest.param("甲\r乙\r", "甲\n乙\n", id="cr"),
        pytest.param("甲\r\n\r乙", "甲\n\n乙", id="mixed"),
        pytest.param("[bookmark: _GoBack]这一年。", "这一年。", id="bookmark-at-start"),
        pytest.param("前[bookmark: _Hlk533689749]后\r\n", "前后\n", id="bookmark-and-crlf"),
        pytest.param("图----media/image1.png----注", "图注", id="docx2python-image"),
        pytest.param("[bookmark 不是]保留", "[bookmark 不是]保留", id="not-debris-kept"),
    ],
)
def test_clean_text_removes_debris_and_maps_offsets_back(raw, clean):
    text, offsets = clean_text(raw)
    assert text == clean
    for i, char in enumerate(text):
        mapped = raw[offsets.to_raw(i)]
        assert mapped == char or (char == "\n" and mapped == "\r")


def test_offset_map_span_excludes_trailing_debris():
    raw = "甲乙[bookmark: _GoBack]丙"
    text, offsets = clean_text(raw)
    start, end = offsets.span_to_raw(0, 2)
    assert text[0:2] == "甲乙" and raw[start:end] == "甲乙"
    assert raw[slice(*offsets.span_to_raw(2, 3))] == "丙"


@given(st.lists(st.sampled_from(["甲", "乙", "\r", "\n", "\r\n", "[bookmark: _GoBack]", "。"]), max_size=30))
def test_clean_text_offsets_always_point_at_the_same_character(parts):
    raw = "".join(parts)
    text, offsets = clean_text(raw)
    assert "\r" not in text and "[bookmark" not in text
    for i, char in enumerate(text):
        assert raw[offsets.to_raw(i)] in (char, "\r")
    assert offsets.to_raw(len(text)) <= len(raw)


def test_hetang_debris_removed_and_offsets_map_back(hetang_path, hetang_text):
    assert "[bookmark" in hetang_text  # the sample really has debris
    doc = read_document(hetang_path)
    assert "[bookmark" not in doc.text
    text, offsets = clean_text(hetang_text)
    assert text == doc.text
    assert len(hetang_text) - len(text) == len("[bookmark: _GoBack]") + len("[bookmark: _Hlk533689749]")
    assert all(hetang_text[offsets.to_raw(i)] == char for i, char in enumerate(text))
    where = text.index("从严防控债务风险")
    assert hetang_text[offsets.to_raw(where):].startswith("从严防控债务风险")


def test_read_markdown_keeps_text_unchanged(tmp_path):
    md = "# 青禾县政府工作报告\n\n## 一、2019年工作回顾\n\n全县**稳中有进**。\r\n"
    doc = read_document(_write(tmp_path, "report.md", md.encode("utf-8")))
    assert doc.text == md.replace("\r\n", "\n")


HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>青禾县人民政府门户网站</title>
<script>var nav = "首页导航";</script><style>.x{color:red}</style></head><body>
<header><div class="logo">青禾县人民政府</div></header>
<nav class="menu"><a href="/">首页</a><a href="/zw">政务公开</a></nav>
<div class="position">当前位置：首页 &gt; 政务公开</div>
<h1>青禾县2020年政府工作报告</h1>
<div class="share bdshare">分享到：微信 微博</div>
<div id="content" class="TRS_Editor">
  <p>各位代表：</p>
  <p>一、2019年工作回顾</p>
  <p>全县地区生产总值增长百分之八。<br>新开工项目十二个。</p>
  <table><tr><td>指标</td><td>数值</td></tr></table>
</div>
<div class="sidebar"><ul><li>相关链接</li></ul></div>
<footer><p>版权所有：青禾县人民政府办公室</p></footer>
</body></html>"""


def test_read_html_keeps_report_and_drops_page_chrome(tmp_path):
    doc = read_document(_write(tmp_path, "page.html", HTML.encode("utf-8")))
    lines = doc.text.splitlines()
    assert lines == ["青禾县2020年政府工作报告", "各位代表：", "一、2019年工作回顾",
                     "全县地区生产总值增长百分之八。", "新开工项目十二个。", "指标", "数值"]
    for chrome in ("首页", "分享到", "版权所有", "相关链接", "var nav", "color:red"):
        assert chrome not in doc.text


def test_read_htm_in_gbk(tmp_path):
    page = "<html><body><div class='content'><p>一、2019年工作回顾</p><p>全县增长。</p></div></body></html>"
    doc = read_document(_write(tmp_path, "page.htm", page.encode("gbk")))
    assert doc.text == "一、2019年工作回顾\n全县增长。\n"


def test_read_docx_paragraphs_and_table_cells_in_order(tmp_path):
    docx = pytest.importorskip("docx")
    word = docx.Document()
    word.add_paragraph("青禾县2020年政府工作报告")
    word.add_paragraph("一、2019年工作回顾")
    table = word.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "指标", (0, 1): "数值", (1, 0): "生产总值", (1, 1): "增长8%"}.items():
        table.cell(r, c).text = value
    word.add_paragraph("二、2020年工作安排")
    path = tmp_path / "report.docx"
    word.save(path)
    doc = read_document(path)
    assert doc.text.splitlines() == ["青禾县2020年政府工作报告", "一、2019年工作回顾",
                                      "指标", "数值", "生产总值", "增长8%", "二、2020年工作安排"]


@pytest.mark.parametrize(
    "name, data, message",
    [
        pytest.param("empty.txt", b"", r"empty\.txt is empty", id="empty"),
        pytest.param("blank.txt", " \n\u3000\n".encode("utf-8"), r"blank\.txt is empty", id="whitespace-only"),
        pytest.param("blob.txt", b"\x89PNG\r\n\x00\x00\x01", r"blob\.txt looks like a binary file", id="binary"),
        pytest.param("odd.txt", b"\x80\xff\x80\xff", r"odd\.txt is in no encoding kg recognises", id="unknown-encoding"),
        pytest.param("fake.docx", "不是压缩包".encode("utf-8"), r"fake\.docx is not a Word \.docx file", id="docx-not-zip"),
        pytest.param("report.pdf", b"%PDF-1.4", r"report\.pdf has an unsupported file type \(\.pdf\)", id="unsupported"),
        pytest.param("page.html", b"<html><script>x</script></html>", r"page\.html is empty", id="html-without-text"),
    ],
)
def test_bad_input_raises_one_sentence_naming_the_file(tmp_path, name, data, message):
    with pytest.raises(InputError, match=message) as caught:
        read_document(_write(tmp_path, name, data))
    text = str(caught.value)
    assert "\n" not in text and text.endswith(".") and "; " in text


def test_missing_file_and_folder_are_input_errors(tmp_path):
    with pytest.raises(InputError, match=r"nothere\.txt does not exist; check the path\."):
        read_document(tmp_path / "nothere.txt")
    with pytest.raises(InputError, match=r"is a folder, not a report file"):
        read_document(tmp_path)


def test_file_over_size_limit_says_size_and_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(20 * MB)  # sparse: the size check happens before reading
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == f"{path} is 20.0 MB, over the 10 MB limit for one report; split it or raise --max-size."
    with pytest.raises(InputError, match=r"is 20\.0 MB, over the 5 MB limit"):
        read_document(path, max_bytes=5 * MB)


def test_max_bytes_can_be_raised(tmp_path):
    path = _write(tmp_path, "a.txt", SAMPLE.encode("utf-8"))
    with pytest.raises(InputError, match="over the"):
        read_document(path, max_bytes=10)
    assert read_document(path, max_bytes=len(SAMPLE.encode("utf-8"))).text == SAMPLE


def test_collect_inputs_expands_folders_sorted_and_warns_per_skipped_file(tmp_path):
    for rel in ("b.txt", "a.md", "x.pdf", "sub/c.docx", "sub/d.HTML", "sub/notes.xlsx", ".hidden.txt", ".git/e.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    single = _write(tmp_path.parent, f"{tmp_path.name}-single.txt", b"x")
    files, warnings = collect_inputs([tmp_path, single, tmp_path / "b.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in files[:4]] == ["a.md", "b.txt", "sub/c.docx", "sub/d.HTML"]
    assert files[4:] == [single]
    assert warnings == [
        "skipped sub/notes.xlsx: unsupported file type (.xlsx); convert it to .txt or .docx",
        "skipped x.pdf: unsupported file type (.pdf); convert it to .txt or .docx",
    ]


def test_collect_inputs_missing_path_is_an_error(tmp_path):
    with pytest.raises(InputError, match=r"missing does not exist"):
        collect_inputs([tmp_path / "missing"])


def test_corpus_reads_without_warnings_or_debris(corpus_dir):
    files, warnings = collect_inputs([corpus_dir])
    assert warnings == ["skipped SOURCES.md: a list of sources, not a report"]
    reports = [path for path in files if path.suffix == ".txt"]
    assert len(reports) == 11
    for path in reports:
        doc = read_document(path)
        assert "\r" not in doc.text and "[bookmark" not in doc.text


@pytest.mark.parametrize("text", [
    "示范市政府工作报告\n" * 300,  # Chinese from the first line
    "x" * 2400 + "甲" * 130,  # the first page has too few ideographs: the whole sample decides
    "x" * 5000 + "甲" * 1000,  # …and accepts it
    "x" * 5000 + "甲" * 200,  # …or refuses it
    "abc def " * 3000 + "甲" * 10,
    "甲" * 120 + " " * 100 + "x" * 2000,  # exactly at the share on the sample's length
    " \n" * 50,
])
def test_chinese_share_decided_early_as_the_whole_sample_decides(text):
    from extractors.ingest import _MIN_CJK_SHARE, _cjk_share, _require_chinese

    whole = not any(not c.isspace() for c in text[:20000]) or _cjk_share(text) >= _MIN_CJK_SHARE
    try:
        _require_chinese(text, "t.txt", None)
        accepted = True
    except InputError:
        accepted = False
    assert accepted == whole
