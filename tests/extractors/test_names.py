"""Left edges of suffix names (extractors.names): the prefix cap, complements, postpositions, 向 + direction."""
from __future__ import annotations

import pytest

from tests.extractors.entity_helpers import entities, report_entities


@pytest.mark.parametrize(("doc", "needle", "name", "label"), [
    # a brand or transliteration at the prefix cap still belongs to the name
    ("hailar-2016", "美凯龙城市商贸综合体", "红星美凯龙城市商贸综合体", "Project"),
    ("hainan-2026", "费尔德应用科学大学", "海南比勒费尔德应用科学大学", "Agency"),
    # 向 + a direction is one phrase with the strategy it opens
    ("hailar-2018", "北开放战略", "向北开放战略", "Program"),
    # 中 after punctuation opens a firm's name; only a locative after a noun closes a phrase
    ("hailar-2016", "中网科技云计算基地数据楼", "中网科技云计算基地", "Project"),
])
def test_name_left_edge_in_report(corpus_dir, doc, needle, name, label):
    assert (name, label) in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    ("hailar-2016", "美凯龙城市商贸综合体", "美凯龙城市商贸综合体"),
    ("hainan-2026", "费尔德应用科学大学", "费尔德应用科学大学"),
    ("sichuan-2026", "中医药综合改革", "好国家中医药综合改革"),  # 用好: a result complement
    ("sichuan-2026", "产业链上专项行动", "上专项行动"),  # 产业链上: a postposition
    ("hailar-2018", "北开放战略", "北开放战略"),
])
def test_name_left_edge_drops_cut_or_verb_start(corpus_dir, doc, needle, wrong):
    assert wrong not in {name for name, _ in report_entities(corpus_dir, doc, needle)}


@pytest.mark.parametrize(("text", "wrong"), [
    ("要管好用好乡村振兴示范工程。", "好乡村振兴示范工程"),
    ("把资源用在项目上专项行动要见效。", "上专项行动"),
    ("开展示范区规划学校建设。", "示范区规划学校"),  # a zone word inside: no growth past the cap
])
def test_name_left_edge_invented_negative(text, wrong):
    assert wrong not in {name for name, _ in entities(text)}


def _character_map(text: str, tokens) -> list[int]:
    """The token number of each character of ``text`` by the tokens' own offsets, and one past the end after them."""
    at = [len(tokens)] * (len(text) + 1)
    for number, token in reversed(list(enumerate(tokens))):
        for pos in range(token.start, min(token.end, len(text))):
            at[pos] = number
    return at


@pytest.mark.parametrize("text", [
    "推进雪亮工程建设。", "ab12.5%  x\r\n\t——“雪亮工程”·株洲 C++ 3.0-rc #1 ", "a" * 50 + "推进" + "9" * 33, "", "的",
])
def test_token_index_maps_each_character_to_its_token(text):
    """The character map of a segmented text: from the segmenter's lengths and from the tokens alone (a token longer
    than the table of marks, 33 and 50 Latin characters, included)."""
    from extractors.names import TokenIndex
    from extractors.segment import get_segmenter

    tokens = get_segmenter().tokens(text)
    for index in (TokenIndex.segment(text), TokenIndex(text, tokens), TokenIndex(text, iter(tokens))):
        assert index.tokens == tokens
        assert index.at == _character_map(text, tokens)
        assert all(index.token(pos).start <= pos < index.token(pos).end for pos in range(len(text)))


def test_token_index_of_a_real_report_and_of_hand_made_tokens(hetang_text):
    """The character map of a whole report; hand-made tokens with an empty one and a text longer than the tokens
    (the characters after them point one past the last token) map as before."""
    from extractors.names import TokenIndex
    from extractors.segment import Token

    index = TokenIndex.segment(hetang_text)
    assert index.at == _character_map(hetang_text, index.tokens)
    tokens = [Token("推进", 0, 2, "v"), Token("", 2, 2, "x"), Token("工程", 2, 4, "n")]
    assert TokenIndex("推进工程建设", tokens).at == [0, 0, 2, 2, 3, 3, 3]
    assert TokenIndex("推进工程", tokens[::2]).at == [0, 0, 1, 1, 2]
