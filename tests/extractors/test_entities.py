"""Entity rule families on real report sentences (read from ../shared) and invented negative lines."""
from __future__ import annotations

import pytest

from extractors.entities import TokenIndex, find_mentions
from extractors.resolve import resolve_mentions
from extractors.rules import load_rules
from extractors.segment import get_segmenter


def _entities(text: str) -> set[tuple[str, str]]:
    index = TokenIndex(text, get_segmenter().tokens(text))
    return {(e.name, e.type) for e in resolve_mentions(find_mentions(index, load_rules()))}


def _sentence(text: str, needle: str) -> str:
    """The sentence of ``text`` (between 。/；/line breaks) that contains ``needle``."""
    at = text.index(needle)
    start = max(text.rfind(ch, 0, at) for ch in "。；\n") + 1
    ends = [i for i in (text.find(ch, at) for ch in "。；\n") if i >= 0]
    return text[start:min(ends) + 1 if ends else len(text)]


@pytest.mark.parametrize(("needle", "name", "label"), [
    # leading report verbs and adverbs are trimmed (大力开展 / 打好 / 积极开展 …)
    ("扫黑除恶专项斗争", "扫黑除恶专项斗争", "Program"),
    ("碧水保卫战", "碧水保卫战", "Program"),
    ("温暖企业行动", "温暖企业行动", "Program"),
    # a programme name may contain 项目 and a duration (建设年, 三年)
    ("产业项目建设年活动", "产业项目建设年活动", "Program"),
    # an unknown word that swallowed a preposition (以株|硬集团)
    ("以株硬集团", "株硬集团", "Company"),
    # verbs inside a facility name (批发, 制造) and a firm inside [firm][place][facility]
    ("汉德车桥株洲制造基地", "汉德车桥", "Company"),
    ("株洲市农副产品批发交易物流中心", "株洲市农副产品批发交易物流中心", "Project"),
    # X工程 naming a physical work is a Project
    ("桂花干渠截污工程", "桂花干渠截污工程", "Project"),
    # a body with a level prefix needs no proper name
    ("区企业服务中心获评", "区企业服务中心", "Agency"),
    # the outer name wins over a one-character suffix inside it (宋家桥 in 宋家桥街道)
    ("宋家桥街道", "宋家桥街道", "Place"),
    # a brand followed by an industry word
    ("瑞美包装", "瑞美包装", "Company"),
])
def test_rule_finds_name_in_report_sentence(hetang_text, needle, name, label):
    assert (name, label) in _entities(_sentence(hetang_text, needle))


@pytest.mark.parametrize(("needle", "wrong"), [
    ("宋家桥街道", ("宋家桥", "Project")),
    ("三是城市", ("三是城市", "Place")),
    ("大力开展扫黑除恶专项斗争", ("大力开展扫黑除恶专项斗争", "Program")),
    ("“招商办—项目办—企业服务中心”", ("招商办—项目办—企业服务中心", "Program")),
])
def test_rule_does_not_misfire_in_report_sentence(hetang_text, needle, wrong):
    assert wrong not in _entities(_sentence(hetang_text, needle))


@pytest.mark.parametrize(("text", "wrong"), [
    ("全市干部一心一意谋发展。", ("一心一意", "Program")),
    ("双方签订合作协议。", ("作协", "Agency")),  # a short lexicon word must align with token boundaries  # an idiom is not a numeric abbreviation
    ("推进城市更新，建设美丽城镇。", ("城市", "Place")),
    ("推进城市更新，建设美丽城镇。", ("美丽城镇", "Place")),
    ("我市成功获评“全国文明城市”称号。", ("全国文明城市", "Program")),  # a title won is no programme
    ("深入实施制造强市战略。", ("制造强市", "Place")),
    ("我代表市人民政府向大会报告工作。", ("代表市", "Place")),
    ("大力发展科技创新。", ("大力发展科技", "Company")),
    ("新增11个市级示范村。", ("11个市", "Place")),
    ("发展现代物流、软件信息等企业。", ("现代物流", "Company")),  # industries, not firms
    ("广大“干部”要担当作为。", ("干部", "Program")),  # a common word quoted for emphasis
    ("建立问题交办销号机制。", ("问题交办销号机制", "Program")),  # descriptive mechanisms are not names
])
def test_invented_line_gives_no_false_positive(text, wrong):
    assert wrong not in _entities(text)


@pytest.mark.parametrize(("text", "name", "label"), [
    ("全力推进“最多跑一次”改革。", "最多跑一次", "Program"),
    ("签约引进华锐科技等企业。", "华锐科技", "Company"),
    ("加快建设株洲至广州高铁。", "株洲", "Place"),
])
def test_invented_line_gives_name(text, name, label):
    assert (name, label) in _entities(text)


@pytest.mark.parametrize(("doc", "needle", "name", "label"), [
    # 等项目: the list head 项目 is not eaten as a measure word; a project list item keeps 治理
    ("tianmen-2024", "张家湖综合治理", "张家湖综合治理", "Project"),
    ("tianmen-2024", "沉湖骨干河道治理", "沉湖骨干河道治理", "Project"),
    # 全国 opens a programme name after a report verb or an ordinal
    ("tianmen-2024", "全国文明城市创建", "全国文明城市创建", "Program"),
    ("tianmen-2024", "第三次全国土壤普查", "第三次全国土壤普查", "Program"),
    # 复审 used as a noun (…复审与…) names a campaign
    ("hetang-2019", "国卫复审", "国卫复审", "Program"),
    # a verb inside a longer programme name is not a bare verb phrase
    ("hetang-2019", "禁毒人民战争", "禁毒人民战争", "Program"),
])
def test_rule_finds_name_in_other_report(corpus_dir, doc, needle, name, label):
    text = (corpus_dir / f"{doc}.txt").read_text(encoding="utf-8")
    assert (name, label) in _entities(_sentence(text, needle))


@pytest.mark.parametrize(("text", "wrong"), [
    ("在青溪区第三届人民代表大会上报告工作。", ("青溪区第三届人民代表大会", "Program")),  # a meeting
    ("坚持抓改革、促发展。", ("抓改革", "Program")),  # a one-character verb + 改革
    ("推动全面深化改革开放。", ("深化改革", "Program")),  # 改革开放 is one word
    ("实施重点改革。", ("重点改革", "Program")),  # a stop word + 改革
    ("完成14项引领性改革。", ("14项引领性改革", "Program")),  # a count
    ("开展“幸福青溪”系列民生行动。", ("民生行动", "Program")),  # the tail of a quote
    ("构建区域协调发展新格局。", ("新格局", "Agency")),  # a common word ending in 局
    ("集中财力办大事。", ("财力办", "Agency")),  # 办 with an object is a verb
    ("人均地区生产总值突破1万美元。", ("人均地区", "Place")),
    ("全面推进依法治区。", ("依法治区", "Place")),
    ("打造旅游名县。", ("旅游名县", "Place")),
    ("坚持和发展新时代“枫桥经验”。", ("枫桥", "Project")),  # a modifier of 经验
    ("建强科技支撑体系。", ("建强科技", "Company")),  # the industry word modifies a noun
    ("新增上市公司6家。", ("上市公司", "Company")),  # a kind of company
    ("支持青溪村创建省级旅游名村。", ("青溪村创建", "Program")),  # 创建 + a title is a verb
    ("建设国家数据标注基地。", ("国家数据标注基地", "Project")),  # a designation, no proper name
    ("投资80亿元的锦纶丝产业园等项目开工。", ("投资80亿元的锦纶丝产业园", "Project")),
])
def test_generalisation_line_gives_no_false_positive(text, wrong):
    assert wrong not in _entities(text)


@pytest.mark.parametrize(("text", "name", "label"), [
    ("持续推进“一网通办”改革。", "一网通办", "Program"),  # a programme tail beats the 办 suffix
    ("成功举办青溪桃花节。", "青溪桃花节", "Program"),  # a festival is an event programme
    ("远航集团新材料基地、北辰医药等15个项目相继开工。", "远航集团", "Company"),  # a verb-like firm name
    ("远航集团新材料基地、北辰医药等15个项目相继开工。", "远航集团新材料基地", "Project"),
    ("城市备用水源、九条河水生态修复等项目全面竣工。", "城市备用水源", "Project"),
])
def test_generalisation_line_gives_name(text, name, label):
    assert (name, label) in _entities(text)


def test_find_mentions_returns_sorted_offsets_inside_text(hetang_text):
    index = TokenIndex(hetang_text, get_segmenter().tokens(hetang_text))
    mentions = find_mentions(index, load_rules())
    assert mentions == sorted(mentions, key=lambda m: (m.start, -m.end))
    assert all(hetang_text[m.start:m.end] == m.text for m in mentions)
