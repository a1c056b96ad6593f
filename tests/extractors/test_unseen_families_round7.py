"""Project name and status families found on a seventh set of archive reports nobody tuned on (branch w18f).

Found by reading 晋城, 临沂, 芜湖, 泸州 (prefecture cities 2024), 凉山 (autonomous prefecture 2024), 安徽省 and
宁夏回族自治区 (provinces 2026), drawn with ``random.Random(2718)`` per level among the archive reports that neither
the archive_check sample, the closing notes nor README's quality rounds name; judged on the six gold files, the
archive_check sample and the whole archive. Each family is tested on invented sentences (both ways) and on real
lines of archive reports that have its shape, read at test time from ../shared (no report text is in the repository):

- works tails: a relocation, widening or express-way upgrade after a work's name (…医院迁建, …路西段拓宽改造,
  …路快速化改造) is its status word, not its name (names.json status_tails); 迁建 is a weak 在建 word (stages.jsonl);
- counted sets: a project name opening with a count and 大 as a word of its own (6大|铸造产业园, 十大|物流园区)
  names a set of works (spans.json counted_kind_pattern); not 三|大乐高速 or 五|大道公园;
- editions: a project name opening with 首届 / 第N届 names an event or its venue (spans.json edition_pattern);
- kinds: an airport, a mall, a car park, a scenic spot, a park or a highway named by kind words only (中型机场,
  货运枢纽机场, 数字商城, 县城停车场, 龙头精品景区, 绿地公园, 国省干线公路) is a kind (spans.json generic words);
  verb + 园 (公办园在园幼儿) is no garden (suffixes.jsonl reject);
- stages as list items: a stage of the project pipeline named in a list of project stores (前期、新开工、续建四个
  项目库) is no project (extractors/lists.py);
- enumerators, time words, negations: 九是 / 十是, 年底前, 上半年, 不通, 不再, 新上 open no name (names.json);
- label words: the last works word of a label before a work's name (国家重点工程|包银高铁, 试点工程|思防高速)
  opens no name (spans.json label_starts), while a section after a whole work (…配置工程钦州干线) keeps it;
- formulas: a work's suffix name inside a ＋ formula (示范区＋大景区) starts after the last ＋ (spans.json
  formula_joiners);
- bracketed phases: a phase in brackets right after a work's suffix name (…污水处理厂（二期）, …产业园(一期)) is part
  of its name, and the form without it is an alias (GUIDELINES; spans.json bracket_phase_pattern, resolve.py);
- adverbs before a status word: works named only by their status clause whose last item is followed by an adverb
  (…长江大桥|顺利|通车, …中心|正式|投运) are named without it (stage_rules.json works_trails, extractors/statuses.py).
"""
from __future__ import annotations

import re

import pytest

from extractors.ingest import read_document
from extractors.pipeline import extract_document
from extractors.structure import annotate
from tests.extractors.entity_helpers import archive_lines, entity_names

# --- invented sentences: the rule's intent, both ways ---------------------------------------------------------


@pytest.mark.parametrize(("text", "name", "label"), [
    # works tails
    ("抓好青溪心脑血管中心新建、市第二人民医院迁建等项目。", "市第二人民医院迁建", "Project"),
    ("全面推进青溪大道快速化改造、白鹭路西段拓宽改造、青岭路快速化改造等骨干道路建设。", "白鹭路西段拓宽", "Project"),
    ("全面推进青溪大道快速化改造、白鹭路西段拓宽改造、青岭路快速化改造等骨干道路建设。", "青岭路快速化", "Project"),
    # counted sets
    ("加快5大陶瓷产业园建设。", "5大陶瓷产业园", "Project"),
    ("抓紧总投资80亿元的十大物流园区建设。", "十大物流园区", "Project"),
    # editions
    ("举办首届商城国际采购商大会。", "首届商城", "Project"),
    # kinds
    ("升级建设4E级中型机场、货运枢纽机场。", "中型机场", "Project"),
    ("升级建设4E级中型机场、货运枢纽机场。", "货运枢纽机场", "Project"),
    ("全力推进数字商城建设。", "数字商城", "Project"),
    ("统筹开展县城停车场、小区充电桩等设施建设。", "县城停车场", "Project"),
    ("高标准打造龙头精品景区。", "龙头精品景区", "Project"),
    ("全市新建绿地公园、社区公园120处。", "绿地公园", "Project"),
    ("新改扩建国省干线公路90公里。", "国省干线公路", "Project"),
    ("提高公办园在园幼儿占比。", "公办园在园", "Project"),
    # stages as list items
    ("完善项目谋划、前期、新开工、续建四个项目库。", "新开工", "Project"),
    ("完善项目谋划、前期、新开工、续建四个项目库。", "续建", "Project"),
    # enumerators, time words, negations
    ("九是青溪干流河道治理工程全面贯通。", "九是青溪干流河道治理工程", "Project"),
    ("力争年底前机场具备开工条件。", "年底前机场", "Project"),
    ("力争年底前机场具备开工条件。", "前机场", "Project"),
    ("结束青岭腹地不通高速的历史。", "青岭腹地不通高速", "Project"),
    ("市区范围内不再新上涉气项目。", "新上涉气项目", "Project"),
    # label words
    ("八是国家重点工程青岚高铁全线开通。", "工程青岚高铁", "Project"),
    # formulas; a formula's bare kind word names nothing
    ("丰富“示范区＋大景区＋百村百院”的产品体系。", "＋大景区", "Project"),
    ("推行总部＋基地模式。", "基地", "Project"),
    # a body's name that holds the works word is not cut after it
    ("加快建设国家重大工程技术创新中心青溪基地。", "技术创新中心青溪基地", "Project"),
])
def test_family_drops(text, name, label):
    assert name not in entity_names(text, label)


@pytest.mark.parametrize(("text", "name", "label"), [
    ("抓好青溪心脑血管中心新建、市第二人民医院迁建等项目。", "市第二人民医院", "Project"),
    ("全面推进青溪大道快速化改造、白鹭路西段拓宽改造、青岭路快速化改造等骨干道路建设。", "白鹭路西段", "Project"),
    ("全面推进青溪大道快速化改造、白鹭路西段拓宽改造、青岭路快速化改造等骨干道路建设。", "青岭路", "Project"),
    # not a counted set: 大 is part of the next word
    ("提速青溪机场、三大乐高速等项目前期工作。", "三大乐高速", "Project"),
    ("白鹭湖公园、五大道公园建成开放。", "五大道公园", "Project"),
    # programmes keep their count (三大攻坚战), an event keeps its edition
    ("打好三大攻坚战。", "三大攻坚战", "Program"),
    ("举办首届青溪国际茶文化节。", "首届青溪国际茶文化节", "Program"),
    # a named airport, mall or park stays
    ("加快青溪机场改扩建。", "青溪机场", "Project"),
    ("建成白鹭湖公园。", "白鹭湖公园", "Project"),
    ("推进青溪商城提档升级。", "青溪商城", "Project"),
    # the name after an enumerator or a label word
    ("九是青溪干流河道治理工程全面贯通。", "青溪干流河道治理工程", "Project"),
    ("八是国家重点工程青岚高铁全线开通。", "青岚高铁", "Project"),
    ("广西交通强国试点工程青防高速建成通车。", "青防高速", "Project"),
])
def test_family_keeps(text, name, label):
    assert name in entity_names(text, label)


def _extraction(tmp_path, review: str = "全年经济平稳。", plan: str = "抓好落实。"):
    path = tmp_path / "r.txt"
    path.write_text(f"各位代表：\n一、2023年工作回顾\n{review}\n二、2024年工作安排\n{plan}\n", encoding="utf-8")
    return extract_document(annotate(read_document(path)))


@pytest.mark.parametrize(("review", "plan", "expected"), [
    # a phase in brackets after a work's name is part of the name; its statuses follow the name
    ("青溪污水处理厂（二期）建成投用。", "抓好落实。",
     {("青溪污水处理厂（二期）", "建成", 2023, "outcome"), ("青溪污水处理厂（二期）", "投产", 2023, "outcome")}),
    ("全年经济平稳。", "加快白鹭电子产业园(一期)建设。", {("白鹭电子产业园(一期)", "在建", 2024, "plan")}),
    # a relocation named after the work: the governing verb's status goes to the work
    ("全年经济平稳。", "抓好青溪心脑血管中心新建、市第二人民医院迁建等项目。",
     {("市第二人民医院", "在建", 2024, "plan")}),
    # a label word before the work's name: the status goes to the work
    ("八是国家重点工程青岚高铁全线开通。", "抓好落实。", {("青岚高铁", "建成", 2023, "outcome")}),
    # an adverb between the subject's works and the status word: the last works is named without it
    ("青溪长江大桥、白鹭长江大桥、青岭长江大桥顺利通车。", "抓好落实。",
     {("青岭长江大桥", "建成", 2023, "outcome"), ("青溪长江大桥", "建成", 2023, "outcome")}),
    ("白鹭湖游客中心、青溪文化中心正式投运。", "抓好落实。", {("青溪文化中心", "投产", 2023, "outcome")}),
])
def test_family_statuses(tmp_path, review, plan, expected):
    found = {(s.project, s.status, s.year, s.kind) for s in _extraction(tmp_path, review, plan).statuses}
    assert expected <= found


def test_counted_buildings_are_no_works(tmp_path):
    """A count of buildings before an adverb and a status word is a class (39幢产业大楼|全面建成), not works."""
    extraction = _extraction(tmp_path, review="青溪未来城主地标即将结顶，39幢产业大楼全面建成。")
    assert not {e.name for e in extraction.entities if "大楼" in e.name}


def test_bracketed_phase_alias(tmp_path):
    extraction = _extraction(tmp_path, review="青溪污水处理厂（二期）建成投用。")
    works = {e.name: e for e in extraction.entities if e.type == "Project"}
    assert "青溪污水处理厂" in works["青溪污水处理厂（二期）"].aliases
    assert "青溪污水处理厂" not in works


@pytest.mark.parametrize(("review", "name"), [
    ("青溪、白鹭3个光伏产业园区加快建设。", "光伏产业园"),
    ("建成301家医保驿站。", "医保驿站"),
])
@pytest.mark.xfail(reason="a count before a facility word (3个|光伏产业园区, 301家|医保驿站) makes it a class, but the "
                          "count-before check covers places only: for works it would also drop named ones counted "
                          "as one (1个…)", strict=True)
def test_counted_facility_class(tmp_path, review, name):
    assert not {e.name for e in _extraction(tmp_path, review=review).entities if e.type == "Project"
                and e.name.startswith(name)}


@pytest.mark.xfail(reason="a work named by a place and a kind with a bracketed phase but no suffix word "
                          "(青川古城(二期)) is not found: 古城 is no project suffix, and 青川 alone is a place",
                   strict=True)
def test_bracketed_phase_without_suffix(tmp_path):
    extraction = _extraction(tmp_path, review="青川古城(二期)等28个项目开工建设。")
    assert any(e.name.startswith("青川古城") for e in extraction.entities if e.type == "Project")


# --- real lines of archive reports ----------------------------------------------------------------------------

_READ = ("city-2024/晋城.txt", "city-2024/临沂.txt", "city-2024/芜湖.txt", "city-2024/泸州.txt",
         "city-2024/凉山.txt", "province-2026/安徽省.txt", "province-2026/宁夏回族自治区.txt")
_MORE = _READ + ("city-2024/阳泉.txt", "city-2024/黄石.txt", "city-2024/泰州.txt", "city-2024/长治.txt",
                 "city-2024/荆门.txt", "city-2024/金华.txt", "city-2024/沈阳.txt", "city-2024/中山.txt",
                 "city-2024/桂林.txt", "city-2024/东营.txt", "city-2024/防城港.txt", "province-2026/山西省.txt",
                 "province-2026/北京市.txt")


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _MORE, r"[\u4e00-\u9fff]{2,10}(?:迁建|拓宽改造|快速化改造|拓宽|快速化)[、，。等]", 10))
def test_works_tail_real_lines(report, sent, match):
    """No project name ends in a relocation or a widening."""
    assert not {n for n in entity_names(sent, "Project") if n.endswith(("迁建", "拓宽", "快速化"))}, (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _MORE, r"(?:\d+|[二三四五六七八九十两])大[\u4e00-\u9fff]{0,8}(?:产业园|园区|基地|景区|旅游区)", 10))
def test_counted_set_real_lines(report, sent, match):
    """No project name opens with a count and 大 standing as a word of its own."""
    found = {n for n in entity_names(sent, "Project") if re.match(r"(?:\d+|[二三四五六七八九十两])大", n)}
    assert not {n for n in found if n[len(re.match(r"\d+|[二三四五六七八九十两]", n).group()) + 1:]
                .startswith(("产业", "物流", "基地", "旅游", "景区", "主题", "铸造", "微短剧", "世界级"))}, \
        (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _MORE, r"(?:[一二三四五六七八九十]是|重点工程|试点工程|通道工程)[\u4e00-\u9fff]{2,12}(?:高铁|高速|大道|工程)", 10))
def test_label_word_real_lines(report, sent, match):
    """No project name opens with an enumerator or a label's last works word."""
    assert not {n for n in entity_names(sent, "Project") if re.match(r"[一二三四五六七八九十]是|工程", n)}, \
        (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _MORE, r"[\u4e00-\u9fff]{2,10}(?:厂|园|基地|中心|馆)[（(][一二三四五六七八九十]期[）)]", 10))
def test_bracketed_phase_real_lines(report, sent, match):
    """A work's name found before a bracketed phase is named with the phase."""
    bare = match.group(0)[:-4]
    found = entity_names(sent, "Project")
    assert not {n for n in found if bare.endswith(n) and len(n) > 3}, (report, sent, found)


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _MORE, r"、[\u4e00-\u9fff]{2,10}(?:大桥|中心|公园|水库|机场)(?:顺利|正式|如期|相继|全面)(?:通车|投运|投用|开放|建成|通航)",
    10))
def test_adverb_before_status_real_lines(report, sent, match, tmp_path):
    """The last works before an adverb and a status word is named (as works, or as the body a rule found), and no
    name ends in the adverb."""
    names = {e.name for e in _extraction(tmp_path, review=sent).entities}
    assert not {n for n in names if n.endswith(("顺利", "正式", "如期", "相继", "全面"))}, (report, sent)
    assert {n for n in names if match.group(0)[1:].startswith(n) and len(n) > 3}, (report, sent, names)
