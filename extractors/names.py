"""Name boundaries: where a name that ends at a suffix begins.

A name grows leftwards over name-like jieba tokens and is then trimmed of
leading report verbs, adverbs, function words and counters. Tags are hints;
every vocabulary comes from ``patterns/names.json`` via the RuleBook.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate, chain, repeat
from operator import itemgetter
from typing import cast

from extractors.reference import COMMON_WORD, COUNTY_SHORT_COMMON
from extractors.rules import RuleBook
from extractors.segment import Segmenter, Token, get_segmenter

__all__ = ["TokenIndex", "extend_left", "trim_left", "has_proper", "is_name_token", "stop_prefix", "firm_core",
           "clean_name", "extend_over_bracket", "opens_place", "NOT_NAME_CHARS", "PUNCT", "NUMERAL", "MEASURES"]

NUMERAL = "一二三四五六七八九十两双百千"
MEASURES = "个条家处项宗所座批"
_COUNTER = re.compile(rf"^(?:\d+|[{NUMERAL}]+)[{MEASURES}]$")
_NUMBER = re.compile(rf"^(?:\d+|[{NUMERAL}]+)$")
NOT_NAME_CHARS = re.compile(r"[，。；：？！、（）()\s,.;:?!+]")
PUNCT = set("，。；：？！、（）()“”‘’\"'《》「」【】[]·—-…　 \n,.;:?!+")


#: The marks of one token's characters in :class:`TokenIndex`'s run of marks, by the token's length: 1 where a token
#: starts, 0 inside it (None for an empty token, which the marks cannot show).
_MARKS: list[bytes | None] = [None, *(b"\x01" + bytes(length - 1) for length in range(1, 33))]


class TokenIndex:
    """Tokens of a text with a character → token lookup."""

    def __init__(self, text: str, tokens: Sequence[Token], lengths: list[int] | None = None):
        """``lengths``: the length of each token's text, if known (:meth:`segment`); the index then keeps ``tokens``
        itself, which must be a list."""
        self.text = text
        if lengths is None:
            self.tokens = list(tokens)
            lengths = list(map(len, map(itemgetter(0), self.tokens)))
        else:
            self.tokens = cast("list[Token]", tokens)
        # token number of every character, then one past the end: the running count of token starts less one,
        # summed in C over one mark a character (1 where a token starts, 0 inside it; the first start counts 0)
        try:
            marks = bytearray(b"".join(map(_MARKS.__getitem__, lengths)))  # type: ignore[arg-type]
        except (IndexError, TypeError):  # a token longer than the table, or an empty one
            self.at = list(chain.from_iterable(map(repeat, range(len(self.tokens)), lengths)))
        else:
            if marks:
                marks[0] = 0
            self.at = list(accumulate(marks))
        self.at.extend([len(self.tokens)] * (len(text) + 1 - len(self.at)))

    @classmethod
    def segment(cls, text: str, segmenter: Segmenter | None = None) -> TokenIndex:
        """The index of ``text`` segmented by ``segmenter`` (default: the process's, :func:`get_segmenter`)."""
        return cls(text, *(segmenter or get_segmenter()).tokens_and_lengths(text))

    def token(self, pos: int) -> Token:
        """The token covering ``pos``, a position inside the text."""
        return self.tokens[self.at[pos]]

    def token_at(self, pos: int) -> Token | None:
        if 0 <= pos < len(self.text) and self.tokens:
            return self.tokens[self.at[pos]]
        return None

    def is_boundary(self, pos: int) -> bool:
        """True when a token starts at ``pos`` (or ``pos`` is the end of the text)."""
        return pos >= len(self.text) or not self.tokens or self.tokens[self.at[pos]].start == pos


def _stops(rules: RuleBook, label: str) -> frozenset[str]:
    return rules.stop_words_for.get(label, rules.stop_words)


def is_name_token(token: Token, rules: RuleBook, label: str) -> bool:
    # a stop word or punctuation ends a name
    if token.text in _stops(rules, label) or not PUNCT.isdisjoint(token.text):
        return False
    # object verbs (建设, 改造) end every name except a programme's and a body's
    if label in ("Project", "Place", "Company") and token.text in rules.object_verbs:
        return False
    # a section word continues a name whatever its tag (荷塘|段)
    if token.text in rules.name_words:
        return True
    # verbs occur inside names (批发交易物流中心, 制造基地, 扫黑除恶专项斗争); leading ones are trimmed later
    if token.tag.startswith("v") or token.tag in ("m", "t"):
        return True
    return token.tag in rules.name_tags


def stop_prefix(index: TokenIndex, pos: int, limit: int, stops: frozenset[str]) -> int:
    """Length of a stop word at ``pos`` ending on a token boundary (打+好, 大力开展), else 0."""
    for k in (4, 3, 2, 1):
        if pos + k <= limit and index.text[pos:pos + k] in stops:
            end = pos + k
            token = index.tokens[index.at[end]]
            if index.is_boundary(end) or index.text[end:token.end] in stops:
                return k
    return 0


def trim_left(index: TokenIndex, begin: int, start: int, rules: RuleBook, label: str) -> int:
    """Drop leading verbs, adverbs, function words and counters from a name starting at ``begin``."""
    stops, lead_tags = _stops(rules, label), rules.lead_tags.get(label, rules.lead_tags["default"])
    while begin < start:
        token = index.tokens[index.at[begin]]
        k = stop_prefix(index, begin, start, stops)
        if k:  # a report verb or adverb before the name (大力开展, 打好, 积极)
            begin += k
        elif firm_core(index, token, start, rules):
            break  # a verb-like word that names a firm at a clause start (，远航|集团)
        elif token.start == begin and token.end <= start and (token.tag in lead_tags or
                                                              label != "Program" and token.text in rules.build_verbs):
            begin = token.end  # a leading adverb, preposition, pronoun or (for non-programmes) verb
        elif token.start == begin and _COUNTER.match(token.text):
            begin = token.end  # a counter such as 17条 is not part of a name
        elif token.start == begin and _NUMBER.match(token.text) and token.end < start and \
                index.tokens[index.at[token.end]].tag == "q":
            begin = index.tokens[index.at[token.end]].end  # a number with its measure word (30 个)
        elif token.start == begin and token.text in rules.complements and begin > 0 and token.end < start and \
                index.token(begin - 1).tag.startswith(("v", "p")):
            begin = token.end  # a result complement after a verb (建好用|好|国家中医药综合改革)
        elif token.start == begin and token.tag == "f" and len(token.text) == 1 and token.end < start and \
                token.text in rules.postpositions and begin > 0 and index.token(begin - 1).tag.startswith("n"):
            begin = token.end  # a postposition closing the noun phrase before the name (产业链上|专项行动)
        elif token.start == begin and token.tag == "x" and len(token.text) > 1 and \
                token.text[0] in rules.function_chars:
            begin += 1  # an unknown word that swallowed a preposition (以株 → 株)
        else:
            break
    return begin


def firm_core(index: TokenIndex, token: Token, start: int, rules: RuleBook) -> bool:
    """A two-character verb right after punctuation and right before 集团/公司 is the firm's own name."""
    after = index.token_at(token.end)
    return token.tag == "v" and len(token.text) == 2 and token.end <= start and after is not None and \
        after.text in rules.firm_heads and (token.start == 0 or index.text[token.start - 1] in PUNCT) and \
        token.text not in rules.stop_words and token.text not in rules.build_verbs and \
        token.text not in rules.object_verbs


def _soft_start(index: TokenIndex, i: int, rules: RuleBook, label: str) -> bool:
    """Token ``i`` is a soft stop word preceded by a report verb, punctuation or an ordinal (第三次)."""
    if index.tokens[i].text not in rules.soft_stops.get(label, ()):
        return False
    if i == 0:
        return True
    before = index.tokens[i - 1]
    return before.text in rules.stop_words or any(ch in PUNCT for ch in before.text) or \
        before.text.endswith(("次", "届")) or before.tag in ("m", "i")


def extend_left(index: TokenIndex, start: int, rules: RuleBook, label: str, max_chars: int) -> int:
    """Where a name ending at ``start``'s suffix begins: walk left over name-like tokens, then trim."""
    text = index.text
    if start == 0:
        return start
    first = index.at[start - 1]
    begin = start
    if index.tokens[first].end > start:  # token straddles the suffix start: take it whole or stop
        return start
    i, soft, capped = first, None, False
    while i >= 0:
        token = index.tokens[i]
        # the cap stops a walk over common words; an unknown word or brand at the cap, and proper words
        # before it, still belong to the name (红星|美凯龙城市商贸综合体, 海南比勒|费尔德…), up to the longest name
        if start - token.start > max_chars and (token.tag not in (rules.proper_tags if capped else
                                                                  rules.cap_extend_tags) or
                                                token.text in rules.generic_names or
                                                start - token.start > rules.max_name_chars or
                                                _zoned(text, token.end, start, rules)):
            break
        capped = start - token.start > max_chars
        if not is_name_token(token, rules, label):
            if not _soft_start(index, i, rules, label):
                break
            soft = token  # 开展|全国文明城市创建, 第三次|全国土壤普查: the name may hold this word
        begin = token.start
        i -= 1
    begin = trim_left(index, begin, start, rules, label)
    if soft is not None and begin == soft.end:
        begin = soft.start
    begin = _split_place_start(index, begin, start, rules)
    # a direction after 向 is one phrase with it (向北|开放战略): the name keeps 向
    if label == "Program" and begin > 0 and text[begin] in rules.direction_chars and text[begin - 1] == "向" and \
            begin + 1 < start:
        begin -= 1
    return begin if not NOT_NAME_CHARS.search(text[begin:start]) else start


def _split_place_start(index: TokenIndex, begin: int, start: int, rules: RuleBook) -> int:
    """``begin`` moved back over one character that the tagger read as a measure word but that opens a place's
    name with the characters after it (建成|盘|州市水系连通工程, 打造了|天|长路, 道|县红色小镇): the name starts with the
    place, not inside it."""
    if begin < 1 or begin > start or begin >= len(index.text):
        return begin
    return begin - 1 if opens_place(index, begin - 1, rules) else begin


def opens_place(index: TokenIndex, pos: int, rules: RuleBook) -> bool:
    """The one character at ``pos``, read as a measure word, opens a place's name with the start of the word
    after it (盘|州市, 天|长路, 道|县): the tagger split the place, the character is no counter of its own."""
    if pos + 1 >= len(index.text):
        return False
    lone, first = index.tokens[index.at[pos]], index.tokens[index.at[pos + 1]]
    if lone.start != pos or lone.end != pos + 1 or lone.tag != "q":
        return False
    # (the place ends inside the next word: 盘州市 within 盘|州市)
    for k in range(min(4, first.end - pos), 1, -1):
        found = rules.lexicon.get(index.text[pos:pos + k])
        if found is not None and found[0] == "Place" and found[1] not in (COMMON_WORD, COUNTY_SHORT_COMMON):
            return True
    return False


def extend_over_bracket(index: TokenIndex, begin: int, rules: RuleBook, label: str, max_chars: int) -> int:
    """Start of a name whose place is glossed in brackets (江汉平原（天门）蔬菜产业大会) or that names an alternative
    word in brackets (自然村（屯）道路通畅工程), else ``begin``.

    Reports name a regional event or body by its region with the host city in brackets; the bracket
    holds a single place word and the region before it is walked over like any name prefix.
    """
    text = index.text
    if begin < 4 or text[begin - 1] != "）":
        return begin
    opening = text.rfind("（", max(0, begin - 6), begin - 1)
    inner = index.token_at(opening + 1) if opening >= 0 else None
    # the bracket holds exactly one place word (天门, 武汉), not a note marker or an aside (含…), or one character
    # read as an alternative of the word before it (自然村（屯）…工程, 河（湖）长制)
    alternative = opening == begin - 3 and "\u4e00" <= text[opening + 1] <= "\u9fff" and \
        "\u4e00" <= text[opening - 1] <= "\u9fff" and text[opening + 1] not in NUMERAL and \
        text[opening + 1] not in rules.level_chars + "村"  # 县（区）, 镇（村） are levels, not a name
    if not alternative and (inner is None or inner.start != opening + 1 or inner.end != begin - 1 or
                            inner.tag != "ns"):
        return begin
    outer = extend_left(index, opening, rules, label, max_chars)
    return outer if outer < opening else begin


def _zoned(text: str, begin: int, end: int, rules: RuleBook) -> bool:
    """text[begin:end] holds a zone word (产城|示范区|规划学校): a name is not grown past the cap across it."""
    return any(head in text[begin:end] for head in rules.spans["zone_heads"])


def has_proper(index: TokenIndex, begin: int, end: int, rules: RuleBook, *, known_places: bool = False) -> bool:
    """A proper-name element (place, person, brand, unknown word, digits) lies in text[begin:end]; with
    ``known_places``, a division's name the dictionary tags as a common word counts too (稻城, 理塘)."""
    i = index.at[begin] if begin < len(index.text) else len(index.tokens)
    while i < len(index.tokens) and index.tokens[i].start < end:
        token = index.tokens[i]
        if token.tag in rules.proper_tags and token.text not in rules.generic_names:
            return True
        # a division's name the dictionary tags as a common word (稻城|高海拔宇宙线观测站, 理塘|游客集散中心)
        # (not a short form that is also a common word: 平安|校园, 振兴)
        known = rules.lexicon.get(token.text, ("", ""))
        if known_places and len(token.text) >= 2 and known[0] == "Place" and \
                known[1] not in (COMMON_WORD, COUNTY_SHORT_COMMON):
            return True
        # two single characters that are no words of their own are an unknown name split by jieba (仙|庾片区)
        after = index.tokens[i + 1] if i + 1 < len(index.tokens) else None
        if after is not None and after.end <= end and len(token.text) == 1 == len(after.text) and \
                {token.tag, after.tag} <= rules.split_tags and not {token.tag, after.tag} <= {"a", "n"} and \
                not (token.text + after.text) in rules.generic_names and \
                token.text not in rules.function_chars + NUMERAL and after.text not in rules.function_chars and \
                token.text not in PUNCT and after.text not in PUNCT:
            return True
        i += 1
    return False


def clean_name(name: str, rules: RuleBook, keep: tuple[str, ...] = ()) -> str:
    """Drop one trailing status word (建设, 改造, 开工) so a name is stored as the guidelines spell it."""
    for tail in rules.status_tails if name.endswith(rules.status_tails) else ():  # (most names end in none)
        if name.endswith(tail) and len(name) > len(tail) + 1 and tail not in ("工程", "项目") + keep:
            name = name[: -len(tail)]
            break
    return name.strip("·-— ")
