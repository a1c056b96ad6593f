"""Firm names: brand + industry word (宝昂|新材料) and the firm inside a facility name (国投|产业园).

Reports rarely write a firm's registered name. They write a brand with an
industry word (彤辉科技, 庄品健米业), a brand with 公司/集团, or a brand in front
of a facility (汉德车桥株洲制造基地, 白马服装原创电商基地). Both rules here work
on jieba tokens and the vocabularies in ``patterns/firms.json`` and ``patterns/names.json``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from extractors.derived import place_suffixes
from extractors.misfires import misfire_vocabulary
from extractors.names import MEASURES, NUMERAL, PUNCT, TokenIndex, stop_prefix
from extractors.records import Mention
from extractors.regions import region_vocabulary
from extractors.rules import RuleBook
from extractors.segment import Token

__all__ = ["industry_firms", "firm_names", "prefer_short_firms", "firm_led_projects"]

_PHASE = re.compile(r"(?:[一二三四五六七八九十]|\d+)期$")
# firms known from reference data (central SOEs, national brands, banks), not guessed from a facility's words
_KNOWN_FIRM_RULES = ("company-central-soe", "company-national-brand", "company-bank")
_TIME_CHARS = set("年月日今明昨前后去时期季初末底")
_COMMON_TAGS = ("n", "vn", "v")  # a common noun or verb: no brand's last word
# a facility counted before its words (1个现代化|屠宰加工供应基地, 首个|沙戈荒大基地) is one of a class, named by
# what it does: its first words are no firm
_COUNTED_BEFORE = re.compile(rf"(?:\d|[{NUMERAL}首])个[\u4e00-\u9fff]{{0,4}}$")


def _brand_token(token: Token, rules: RuleBook) -> bool:
    """An unknown or proper word of two or more characters that is no phrase word (锂电, 提振, 大力)."""
    return token.tag in rules.brand_tags and len(token.text) >= 2 and token.text[0] not in rules.function_chars \
        and token.text not in rules.stop_words and token.text not in rules.non_brands and \
        not any(ch in NUMERAL or ch.isdigit() for ch in token.text)


def _brand_start(index: TokenIndex, start: int, rules: RuleBook) -> int | None:
    """Where the brand before an industry word starting at ``start`` begins, or None when there is none."""
    tokens, text = index.tokens, index.text
    i = index.at[start - 1]
    token = tokens[i]
    if token.end != start:
        return None
    if _brand_token(token, rules):
        begin = token.start
    # a brand split by jieba into a word and one more character (庄品|健|米业)
    elif len(token.text) == 1 and token.tag in rules.split_tags and token.text not in PUNCT and i > 0 and \
            _brand_token(tokens[i - 1], rules) \
            and tokens[i - 1].end == token.start:
        begin = tokens[i - 1].start
    else:
        return None
    if stop_prefix(index, begin, start, rules.stop_words):
        return None
    # a measure word fused onto the brand after a count (23|个市|科技重大专项) makes a counted phrase
    if begin > 0 and text[begin] in MEASURES and (text[begin - 1].isdigit() or text[begin - 1] in NUMERAL):
        return None
    # a name-like word that opens the clause joins the brand (，中天|杭萧|钢构); a report verb does not (建成投产|久达)
    if begin > 0:
        prev = tokens[index.at[begin - 1]]
        if prev.end == begin and (prev.tag in rules.brand_tags or prev.tag == "t") and len(prev.text) >= 2 and \
                prev.text not in rules.stop_words and prev.text not in rules.non_brands and \
                not _TIME_CHARS & set(prev.text) and \
                not any(ch.isdigit() for ch in prev.text) and (prev.start == 0 or text[prev.start - 1] in PUNCT):
            begin = prev.start
    return begin


def industry_firms(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """A brand word right before an industry word (彤辉|科技, 宝昂|新材料) names a Company."""
    text = index.text
    for end, word in rules.industry_automaton.iter(text):
        end += 1
        start = end - len(word)
        if start == 0 or not index.is_boundary(start) or not index.is_boundary(end):
            continue
        begin = _brand_start(index, start, rules)
        # (jieba may glue the 新 of 新材料 to the word before it: 钙|基新|材料)
        brand = text[begin:start] if begin is not None else ""
        if word == "材料":  # (the 新 of 新材料 glued to the word before it is no part of the brand)
            brand = brand.removesuffix("新")
        # (a brand is two characters or more: 页岩|气新|材料 names a material)
        if begin is None or len(brand) < 2 or brand.endswith(rules.material_classes):
            continue  # 大力发展|科技, 六大|科技, 锂电|新能源 are phrases, not brands; 钙基|新材料 is a material
        after = index.token_at(end)
        # (a firm opening its clause may be the subject of a verb: ，中天杭萧钢构|完成)
        subject = (begin == 0 or text[begin - 1] in PUNCT) and after is not None and \
            after.text in rules.firm_subject_verbs
        if after is not None and after.start == end and after.text not in rules.firm_followers and not subject and \
                (after.tag in ("n", "vn", "v") or after.text in rules.suffixes):
            continue  # 建强|科技|支撑, 龙腾服装|小镇: the words modify a following noun or name a facility
        yield Mention(begin, end, text[begin:end], "Company", "company-brand-industry")


def _firm_end(index: TokenIndex, m: Mention, limit: int, rules: RuleBook) -> int | None:
    """End of the firm words that open the facility name ``m`` (before ``limit``), or None."""
    tokens, text = index.tokens, index.text
    first = index.token(m.start)
    i = index.at[m.start]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    # a place or common word opens a firm only before an industry word or an unknown word (白马|服装, 千金|湘药)
    if first.tag in ("n", "ns"):
        # a longer common word (素质教育|研学基地) names a field, not a brand
        if len(first.text) > 2:
            return None
        if nxt is None or nxt.end > limit or first.text in rules.lexicon or first.text in rules.generic_names or \
                first.text in rules.non_brands or \
                not (nxt.text in rules.industry_words or nxt.tag in ("x", "nz") and len(nxt.text) >= 2):
            return None
        if nxt.text in rules.industry_words:
            return nxt.end  # brand + industry word (白马服装原创电商基地 → 白马服装)
    run_end = proper_end = m.start
    while i < len(tokens) and tokens[i].end <= limit and \
            (tokens[i].tag in rules.firm_tags and tokens[i].tag != "ns" or tokens[i].start == m.start):
        run_end = tokens[i].end
        if (tokens[i].tag != "n" or tokens[i].start == m.start) and proper_end == tokens[i].start:
            proper_end = run_end
        i += 1
    # the firm's words are followed by a place word (汉德车桥|株洲|制造基地) …
    if i < len(tokens) and tokens[i].tag == "ns" and tokens[i].end <= limit and run_end - m.start >= 2:
        end = run_end
    # … or the firm is the leading run of proper words (福之日|空调产业园, 国投|产业园)
    elif proper_end - m.start >= 2:
        end = proper_end
    else:
        return None
    # a field or quality word after the brand (明阳|高端|海洋装备…, 海王|智慧|医药…, 金龙|零碳|交通…) describes the
    # facility, not the firm
    # (a trade word ends a firm's name: 裕龙|石化; a common noun left alone is no brand: 汽车|低碳)
    while end - m.start > 2:
        last = index.token(end - 1)
        if last.start <= m.start or last.text not in rules.non_brands or last.text in rules.industry_words or \
                index.token(last.start - 1).tag in _COMMON_TAGS:
            break
        end = last.start
    # a firm head right after the brand belongs to it (飞鹿|公司|林荫停车场)
    head = next((h for h in rules.firm_heads if text.startswith(h, end)), None)
    return end + len(head) if head and end + len(head) <= limit else end


def firm_names(index: TokenIndex, mentions: Iterable[Mention], rules: RuleBook) -> Iterator[Mention]:
    """A firm inside [firm][more words][facility] (汉德车桥株洲制造基地 → 汉德车桥) is a Company."""
    text = index.text
    place_words: dict[str, bool] = {}  # word → is it a place elsewhere (a search of the whole text: once per word)
    for m in mentions:
        if m.type != "Project":  # only a facility holds a firm (the type first: most mentions are of others)
            continue
        body = _PHASE.sub("", m.text)  # 金城华亿标厂一期: the facility word is before the phase
        suffix = next((f for f in rules.firm_facilities if body.endswith(f)), None)
        first = index.token_at(m.start)
        if suffix is None or first is None or first.start != m.start or \
                first.tag not in rules.firm_tags and first.tag != "ns":
            continue
        # a verb opening the name (建强|清洁能源新基地), a facility named by its theme (家风家教主题|教育基地) or one
        # counted (良繁基地|9个: a class of facilities) holds no firm
        if first.text in rules.non_brands or body[:-len(suffix)].endswith(rules.theme_words) or \
                misfire_vocabulary().count_pattern.match(text[m.end:m.end + 8]) or \
                _COUNTED_BEFORE.search(text, max(0, m.start - 8), m.start):
            continue
        end = _firm_end(index, m, m.start + len(body) - len(suffix), rules)
        if end is None:
            continue
        name = text[m.start:end]
        # a theme word on its own (中试|小试基地, 冷链|物流加工基地) or a scope word opening the words
        # (全国台联|…交流基地, 全绿电|生产基地) names what the facility does or where, not a firm
        if name in rules.theme_words or name.startswith(rules.designation_prefixes) or name[0] == "全":
            continue
        # a level character (市大|数据产业园, 区新能源), a counted layout (一城两区, 两山) or two provinces'
        # abbreviations (川渝|合作产业园, 京鲁) open a zone's or a cooperation's facility, not a firm's
        if name[0] in rules.level_chars or sum(ch in NUMERAL for ch in name) >= 2 or \
                name[0] in NUMERAL and len(name) == 2 or \
                len(name) == 2 and all(ch in _province_initials() for ch in name) and name not in rules.lexicon:
            continue
        # two prefectures' initials (兰白|…炼化基地, 成宜|国际物流园, 深哈|产业园) name a cooperation's facility,
        # unless the report calls the word a firm (安大公司)
        if rules.reference is not None and name not in rules.lexicon and \
                rules.reference.city_pair(name, rules.reference.home(text)) and \
                not any(name + head in text for head in rules.firm_heads):
            continue
        # digits, brackets and generic words (市域, 日产500, ［10］) are no brand; a place suffix follows a place (哈克|镇)
        if name in rules.generic_names or any(ch.isdigit() or ch in PUNCT or ch in "［］" for ch in name) or \
                text[end:end + 1] in rules.level_chars:
            continue
        # partners of a cooperation (深儋|合作产业园, 中俄蒙|国际…) are places, not a firm
        if text.startswith(rules.partner_words, end):
            continue
        # a two-character word before 材料 names a material (氰胺|材料生产基地, 锂电|材料), not a brand
        if len(name) <= 2 and text.startswith(("材料", "新材料"), end):
            continue
        # a division's name opening the words (吴忠|金积工业园) makes them a place, not a firm
        if any(rules.lexicon.get(name[:k], ("", ""))[0] == "Place" for k in range(2, min(len(name), 5))) or \
                rules.lexicon.get(name, ("", ""))[0] == "Place":  # (随县|城乡供水, 格尔木|盐湖…: the place itself)
            continue
        # words before a place suffix (大龙|开发区北部物流园, 毛乌素|沙地) name the place, not a firm
        if text.startswith(place_suffixes(rules), end):
            continue
        # the first word is a place elsewhere in the report (哈克|奶源基地 beside 哈克镇)
        if len(first.text) >= 2:
            if first.text not in place_words:
                place_words[first.text] = any(first.text + ch in text for ch in rules.level_chars)
            if place_words[first.text]:
                continue
        yield Mention(m.start, end, name, "Company", "firm-in-facility")


@lru_cache(maxsize=1)
def _province_initials() -> frozenset[str]:
    """The provinces' one-character abbreviations (川, 渝, 鲁; public reference data in ``regions.json``)."""
    return frozenset(ch for line in region_vocabulary().provinces for ch in line.split()[1:] if len(ch) == 1)


def prefer_short_firms(mentions: list[Mention]) -> list[Mention]:
    """A firm found inside a facility that extends another firm found there is that firm (怡亚通|金巢 → 怡亚通)."""
    firms = {m.text for m in mentions if m.type == "Company"}
    out = []
    for m in mentions:
        if m.rule == "firm-in-facility":
            shorter = next((f for f in firms if f != m.text and m.text.startswith(f) and len(f) >= 2), None)
            if shorter:
                m = Mention(m.start, m.start + len(shorter), shorter, m.type, m.rule)
        out.append(m)
    return out


def firm_led_projects(mentions: list[Mention], text: str) -> list[Mention]:
    """A facility named right after a known firm is named with it (中电建|九龙五一桥水电站 → 中电建九龙五一桥水电站;
    GUIDELINES: 湖南建工集团装配式建筑基地 is the project, the firm inside it a Company of its own)."""
    firms_by_end = {m.end: m for m in mentions if m.type == "Company" and m.rule.startswith(_KNOWN_FIRM_RULES)}
    if not firms_by_end:
        return mentions
    out = []
    for m in mentions:
        firm = firms_by_end.get(m.start)
        if m.type == "Project" and firm is not None and not m.rule.startswith("list-") and \
                (firm.start == 0 or text[firm.start - 1] not in "、"):
            m = Mention(firm.start, m.end, text[firm.start:m.end], m.type, m.rule,
                        (text[firm.start:m.start] + m.canonical) if m.name else "", m.rules)
        out.append(m)
    return out

