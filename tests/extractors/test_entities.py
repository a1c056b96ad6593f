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


def test_find_mentions_returns_sorted_offsets_inside_text(hetang_text):
    index = TokenIndex(hetang_text, get_segmenter().tokens(hetang_text))
    mentions = find_mentions(index, load_rules())
    assert mentions == sorted(mentions, key=lambda m: (m.start, -m.end))
    assert all(hetang_text[m.start:m.end] == m.text for m in mentions)
