"""Enumeration items: `A、B、C等N个重点项目` gives one entity per item, typed by the list's head noun."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from extractors.derived import derived, longest_first, place_suffixes
from extractors.firm_cues import firm_class_words
from extractors.names import MEASURES, NOT_NAME_CHARS, NUMERAL, TokenIndex, clean_name, extend_left, has_proper
from extractors.records import Mention
from extractors.rules import RuleBook

__all__ = ["list_items", "sibling_items", "whole_announced_items"]

# a count in digits and a measure word opening an item (10个城际, 3家四星级旅游饭店) is a counted class, not a
# name (a numeral in words may open one: 九条河水生态修复)
_COUNTED_ITEM = re.compile(rf"\d+(?:多|余)?[{MEASURES}]")
# 等项目: 项 starts the head; `A、B、C五大区域` ends a list with a count and no 等
_CONJUNCTIONS = "与和及"
# a phase in brackets inside an item (柯拉（二期）水光互补) belongs to the item's name, not a clause break
_PHASE = re.compile(rf"（(?:[{NUMERAL}]+|\d+)期）")
# …、耕食墟集3个先导性项目: a count right after the last item of an explicit enumeration also closes it
# (each look-behind follows the first character of its count, not precedes it, and a look-ahead names the
# characters a match opens with: the scan then jumps to 等, numerals and digits instead of trying every position)
_LIST_END = re.compile(rf"(?=[等{NUMERAL}\d])(?:等(?:\d+|[{NUMERAL}]+)?(?:[{MEASURES}](?!目))?|"
                       rf"(?P<count>[{NUMERAL}](?<=[\u4e00-\u9fff][{NUMERAL}])[{NUMERAL}]*)大|"
                       rf"(?P<tally>\d(?<=[\u4e00-\u9fff]\d)\d*|"
                       rf"[一二三四五六七八九十](?<=[\u4e00-\u9fff][一二三四五六七八九十])[一二三四五六七八九十]*)"
                       rf"个(?=[\u4e00-\u9fff]{{0,6}}项目))")


# 等地 (but not 等地方国企, 等地产企业) closes a list of places, whatever noun follows
_PLACES_LISTED = re.compile(r"地(?![方产])")


class _Heads(NamedTuple):
    """The list heads indexed for :func:`list_items`: each head's place in the data, every prefix of a head,
    and the lengths heads have (so the heads a piece ends with are a few lookups, not a scan of all)."""

    words: tuple[str, ...]
    order: dict[str, int]
    prefixes: frozenset[str]
    lengths: tuple[int, ...]
    last_chars: frozenset[str]  # the characters heads end with (a piece ending otherwise ends no head)


def _head_table(rules: RuleBook) -> _Heads:
    words = tuple(rules.list_heads)
    return _Heads(words, {head: i for i, head in enumerate(words)},
                  frozenset(head[:k] for head in words for k in range(1, len(head) + 1)),
                  tuple(sorted({len(head) for head in words if head})), frozenset(head[-1] for head in words if head))


def list_items(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Items of `A、B、C等N个重点项目` (or `A、B、C五大区域`): each item gets the type of the list's head noun."""
    text = index.text
    heads = derived(rules, _head_table)
    for match in _LIST_END.finditer(text):
        window = text[match.end():match.end() + 10]
        label: str | None = None
        rule_id: str | None = None
        head_at: str | None = None
        pause = NOT_NAME_CHARS.search(window)  # a piece holding it ends the search (one scan, not one per piece)
        limit = pause.start() if pause else len(window)
        for cut in range(1, len(window) + 1):
            piece = window[:cut]
            if cut > limit or _verb_at(index, match.end() + cut - 1, rules) and piece not in heads.prefixes:
                break  # a verb between 等 and the noun (等重点领域|谋划|实施项目) starts another clause
            if piece[-1] not in heads.last_chars:
                continue
            # the head the piece ends with that comes last in the data (its order decides between two);
            # a firm head ends a word (等张謇|企业家|精神展示区: 企业 inside 企业家 heads no list of firms),
            # a works head may not (等重大|项目前期|工作)
            ending = [heads.order[tail] for k in heads.lengths if (tail := piece[-k:]) in heads.order and
                      len(tail) == k and (rules.list_heads[tail][0] != "Company" or
                                          index.is_boundary(match.end() + cut))]
            if ending:
                head_at = heads.words[max(ending)]
                label, rule_id = rules.list_heads[head_at]
        if label is None or rule_id is None or head_at is None:
            continue
        # 金星村等四个村的|棚户区改造: the items own the head's thing (的), they are not of its kind
        if "的" in window[:window.find(head_at)]:
            continue
        # 速滑、冰球等冰雪运动项目: sports events, not works (the head word is preceded by a kind word)
        if any(window.startswith(w) or w in window[:window.find(head_at) + len(head_at)]
               for w in rules.spans["list_head_blockers"]):
            continue
        # 现代物流、研发设计等生产性服务业企业: the items are industries, not firms; 北上广深等地…企业: places
        if label == "Company" and (any(w in window[:window.find(head_at)] for w in rules.industry_list_markers) or
                                   _PLACES_LISTED.match(window)):
            continue
        end = match.start()
        items = []
        while True:
            sep = text.rfind("、", max(0, end - rules.max_name_chars), end)
            lo = max(0, end - rules.max_name_chars)
            window_text = _PHASE.sub(lambda m: "期" * len(m.group()), text[lo:end])
            stop = max(lo + window_text.rfind(ch) if ch in window_text else -1 for ch in "，。；：！？\n（）")
            if sep > stop and sep >= 0:
                items.append((sep + 1, end))
                end = sep
                continue
            begin = extend_left(index, end, rules, label, rules.max_name_chars)
            if label == "Project":
                begin = _to_report_verb(index, begin, end, rules)
            if begin < end:  # the first item: it may start with a place (430片区|斯威铁路)
                items.append((_after_place(index, begin, end, rules), end))
            break
        if (match.group("count") or match.group("tally")) and len(items) < 2:
            continue  # without 等, only an explicit enumeration (A、B五大区域) is a list
        if match.group("tally") and any(re.search(r"[\d等]", text[s:e]) for s, e in items):
            continue  # a count after a counted class (…等十方面47项|4741个…项目) closes no list of names
        if label in ("Company", "Agency", "Place"):
            items = _split_conjoined(text, items)
        elif label == "Project":
            items = _split_joined_works(index, items, rules)
        # a list of firms named by brands: a short common word among them is a brand too (万华、杉杉、金象、中车眉山)
        brands = label == "Company" and len(items) >= 3 and \
            2 * sum(has_proper(index, s, e, rules) for s, e in items) >= len(items) + 1
        for s, e in items:
            of = text.rfind("的", s, e)
            if of >= 0 and index.token(of).text == "的":
                s = of + 1  # 投资80亿元的|锦纶丝产业园: a name holds no particle 的 (but 美的紫云台 does)
            s = _after_verb(index, s, e, rules)  # 新建、改造|胜利大街: a build verb opens the item, not the name
            # an item of a project list keeps its works word (天门河下段综合治理 is the project's name)
            name = clean_name(text[s:e], rules, rules.list_kept_tails if label == "Project" else ())
            # a dash joins two names (邛崃—岷山): the item is a span, not one name
            bare = _PHASE.sub("", name) if label == "Project" else name
            if not name or len(name) < 2 or name in rules.generic_names or NOT_NAME_CHARS.search(bare) or "—" in name:
                continue
            # a stage of the project pipeline listed as a kind of project store (前期、新开工、续建四个项目库)
            if name in rules.build_verbs:
                continue
            # a counted class (4个国铁、10个城际、10个地铁等续建项目, 88个水利设施) names several, not one
            if _COUNTED_ITEM.match(name):
                continue
            if label in ("Company", "Agency", "Place") and not has_proper(index, s, e, rules) and \
                    not (brands and len(name) == 2 and index.is_boundary(s) and index.is_boundary(e) and
                         name not in rules.industry_words):
                continue  # 现代物流、软件信息等企业: industries, not firms
            # a quality (全局性, 规范化) or a bare two-character field (卫生、文体, 林业、湿地) is no project
            if label == "Project" and not has_proper(index, s, e, rules) and \
                    (len(name) == 2 or name.endswith(tuple(rules.spans["quality_ends"]))):
                continue
            # a unit of a list of 单位 named by a place suffix (兴义洒金街道) is a place the suffix rule names
            if label == "Agency" and name.endswith(place_suffixes(rules)):
                continue
            if label == "Company":
                firm = _firm_item(index, s, name, rules, head_at in rules.brand_heads)
                # …电子信息产业园等上下游企业: a park named whole in a list of firms is a place of firms
                if firm is None or firm == name and name.endswith(rules.firm_facilities):
                    continue
                # a class of firms (专精特新, 瞪羚, 世界500强, 央企, 限上商贸主体400家) is no firm
                if any(ch.isdigit() for ch in firm) or any(w in firm for w in firm_class_words()):
                    continue
                name = firm
            yield Mention(s, s + len(name), name, label, rule_id, name)
    yield from _elided_items(index, rules)


_ELIDED_ITEM = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _elided_heads(rules: RuleBook) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """The works heads of :func:`_elided_items`, longest first, and the pattern of a last item before one."""
    # only a works head that is itself a project suffix (水电站, 高速公路), not 项目 or 企业
    heads = tuple(sorted((h for h, (lab, _) in rules.list_heads.items() if lab == "Project" and len(h) >= 2 and
                          any(r.label == "Project" for r in rules.suffixes.get(h, ())) and h != "项目"),
                         key=len, reverse=True))
    if not heads:
        return heads, None
    return heads, re.compile("、([\u4e00-\u9fff]{2,10}?)(?:" + "|".join(map(re.escape, heads)) + ")")


def _elided_items(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Bare items before a last item that carries a project list's head (奔子、卡拉、青山水电站; 金西、昭普高速公路):
    the head word is written once for the whole enumeration, so each bare short proper item is a project too.
    An item that is a known word (a county, a body) or ends with the head itself is left to the other rules."""
    text = index.text
    heads, pattern = derived(rules, _elided_heads)
    if pattern is None:
        return
    for match in pattern.finditer(text):
        if text[match.end():match.end() + 1] not in "，。；、和及与等建开":
            continue  # the head goes on into a longer noun (专线铁路|货运枢纽): no list of works
        end = match.start()
        items: list[tuple[int, int]] = []
        while True:
            sep = text.rfind("、", max(0, end - 5), end)
            if sep >= 0 and _ELIDED_ITEM.fullmatch(text[sep + 1:end]):
                items.append((sep + 1, end))
                end = sep
                continue
            begin = _after_verb(index, extend_left(index, end, rules, "Project", 4), end, rules)
            if _ELIDED_ITEM.fullmatch(text[begin:end]) and text[begin - 1:begin] in "，。；：\n" + "".join(
                    rules.build_verbs) or _verb_at(index, begin - 2, rules) or _verb_at(index, begin - 4, rules):
                items.append((begin, end))
            break
        for s, e in items:
            name = text[s:e]
            if name in rules.lexicon or name in rules.generic_names or name.endswith(tuple(heads)) or \
                    not has_proper(index, s, e, rules):
                continue
            yield Mention(s, e, name, "Project", "list-elided-head", name)


_FIRST_ITEM_GROWTH = 10  # characters a first item may grow left beyond the name-like words, up to a report verb
# words the tagger misreads inside a firm's or a project's name (天奈|正极, 顺应|二期): unknown, proper, adverb tags
_FIRST_ITEM_TAGS = ("x", "nz", "nr", "nt", "ns", "ad", "d", "b", "f", "n")


def _to_report_verb(index: TokenIndex, begin: int, end: int, rules: RuleBook) -> int:
    """Start of the first item of a project list, grown left to the report verb or mark before it.

    Every item of an explicit project list is a project (GUIDELINES), so words the tagger misreads
    (加快推进|天奈正极材料一期, 加快|顺应二期) belong to the first item when a report verb or a clause
    mark closes them off; a verb is taken only before a phase (顺应二期). Otherwise the item is left as found.
    """
    phase = index.text[end - 1:end] == "期"
    i, at = index.at[begin] - 1 if begin > 0 else -1, begin
    while i >= 0:
        token = index.tokens[i]
        word_ok = token.tag in _FIRST_ITEM_TAGS and token.text[-2:] not in rules.stop_words or \
            phase and token.tag == "v" and len(token.text) == 2
        if not word_ok or NOT_NAME_CHARS.search(token.text) or token.text in rules.stop_words or \
                token.text in rules.build_verbs or token.text.endswith(tuple(rules.object_verbs)) or \
                begin - token.start > _FIRST_ITEM_GROWTH:
            break
        at, i = token.start, i - 1
    if at == begin or i < 0:
        return begin
    before = index.tokens[i]
    closed = before.text in rules.stop_words or NOT_NAME_CHARS.search(before.text) is not None
    return at if closed and end - at >= 3 else begin


def _after_verb(index: TokenIndex, s: int, e: int, rules: RuleBook) -> int:
    """Start of an item after a leading build or status verb token (改造|胜利大街), if a name is left."""
    token = index.token_at(s)
    if token is not None and token.start == s and e - token.end >= 2 and \
            (token.text in rules.build_verbs or token.text in rules.spans["item_lead_verbs"]):
        return token.end
    return s


def _split_conjoined(text: str, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Items joined by 与/和/及 inside one list slot (海乳与蒙西煤矿等企业) are two items."""
    out = []
    for s, e in items:
        cut = next((i for i in range(s + 2, e - 1) if text[i] in _CONJUNCTIONS), None)
        out.extend([(s, cut), (cut + 1, e)] if cut is not None else [(s, e)])
    return out


_WORKS_JOINERS = ("以及", "和", "及", "与")


def _split_joined_works(index: TokenIndex, items: list[tuple[int, int]], rules: RuleBook) -> list[tuple[int, int]]:
    """Two named works joined by a conjunction inside one slot of a project list (凤定和京台改扩建, 南宁站和南宁南站,
    侨城东路北延和龙大) are two items; a dependent part without a proper name of its own (…及配套设施, …和发动机,
    …及封装基地) stays with the item it belongs to, and a conjunction inside a word (碳中和林, 和林格尔) joins nothing."""
    out: list[tuple[int, int]] = []
    for s, e in items:
        cut = None
        for i in range(s + 2, e - 2):
            joiner = next((j for j in _WORKS_JOINERS if index.text.startswith(j, i)), None)
            token = index.token_at(i)
            if joiner is None or token is None or token.start != i or token.end != i + len(joiner):
                continue
            if _named_part(index, s, i, rules) and _named_part(index, i + len(joiner), e, rules):
                cut = (i, i + len(joiner))
            break
        # (a part that holds a class closed by 等, 友谊大道北段等15条道路, names no one work)
        parts = [(s, cut[0]), (cut[1], e)] if cut is not None else [(s, e)]
        out.extend((a, b) for a, b in parts if cut is None or "等" not in index.text[a:b])
    return out


def _named_part(index: TokenIndex, begin: int, end: int, rules: RuleBook) -> bool:
    """text[begin:end] holds a place, person, abbreviation or unknown word (not only a term the tagger calls a proper
    noun, 钛|材料, 磷酸|铁): a named work of its own."""
    return any(t.tag in rules.proper_tags and t.tag != "nz" and t.text not in rules.generic_names and t.end <= end
               for t in index.tokens[index.at[begin]:index.at[end - 1] + 1])


def _firm_item(index: TokenIndex, s: int, name: str, rules: RuleBook, brands_only: bool) -> str | None:
    """The firm an item of a firm list names, or None when the item is an activity or a typed name."""
    # a brand list (华润万家、银泰财富广场等消费地标): an item with a suffix of its own is no bare brand
    if brands_only and any(name.endswith(suffix) for suffix in rules.suffixes if len(suffix) > 1):
        return None
    # an item that goes on after its firm word (蒙西水泥有限公司|日产500吨熟料生产线) is cut there
    for head in longest_first(rules.firm_heads):
        at = name.find(head)
        if 0 < at and at + len(head) < len(name):
            return name[:at + len(head)]
    last = index.token_at(s + len(name) - 1)
    # an item ending in an activity word (卫星研发|制造, 城市|更新) names an industry, not a firm
    if last is not None and last.tag in ("v", "vn") and last.text not in rules.industry_words:
        return None
    return name


def _verb_at(index: TokenIndex, pos: int, rules: RuleBook) -> bool:
    """A report verb (谋划, 实施) starts at ``pos``."""
    token = index.token_at(pos)
    return token is not None and token.start == pos and token.tag.startswith("v") and token.text in rules.stop_words


def _after_place(index: TokenIndex, begin: int, end: int, rules: RuleBook) -> int:
    """Skip a place name (…片区, …街道) that precedes the first item of a list."""
    cut = begin
    for pos, word in rules.suffix_automaton.iter(index.text[begin:end]):
        stop = begin + pos + 1
        if rules.suffixes[word][0].label == "Place" and len(word) > 1 and stop < end - 1 and index.is_boundary(stop):
            cut = stop
    # the rest must still be a name (张家湖|综合治理 is one item, 430片区|斯威铁路 two)
    return cut if has_proper(index, cut, end, rules) else begin


# an item of a parallel enumeration: between these marks (即 introduces the items a count announced)
_ITEM_OPEN = "、，。；：”即\n"
_ITEM_CLOSE = "、，。；\n"
_SIBLING_SUFFIXES = ("攻坚行动", "提升行动", "专项行动", "行动", "工程", "攻坚战")
_SIBLING_ITEM = re.compile(r"[\u4e00-\u9fff]{2,12}")


_ANNOUNCED_ITEMS = re.compile(r"即(?:开展|实施|推进)?((?:[\u4e00-\u9fff]{4,30}?(?:行动|工程)、){2,}[\u4e00-\u9fff]{4,30}?(?:行动|工程))"
                             r"(?=[。；，])")


def whole_announced_items(mentions: list[Mention], text: str) -> list[Mention]:
    """Items of an enumeration a count announced (“四个专项行动”，即A、B、C、D) are programme names in full.

    After 即, the items of a definition are written whole, leading verbs and all (深化…行动, 统筹…行动);
    only a report verb right after 即 (即开展A、B) is not part of the first item. Each item that ends
    with the head its siblings share replaces the shorter programme mentions ending where it ends.
    """
    grown: list[Mention] = []
    for match in _ANNOUNCED_ITEMS.finditer(text):
        items, at = [], match.start(1)
        for item in match.group(1).split("、"):
            items.append((at, at + len(item)))
            at += len(item) + 1
        heads = {text[e - 2:e] for _, e in items}
        if len(heads) != 1:
            continue  # one kind of thing only (A行动、B行动、C行动)
        grown.extend(Mention(s, e, text[s:e], "Program", "program-announced-item") for s, e in items)
    if not grown:
        return mentions
    ends = {m.end for m in grown}
    kept = [m for m in mentions if not (m.type == "Program" and m.end in ends and
                                        any(g.end == m.end and g.start < m.start for g in grown))]
    taken = {(m.start, m.end) for m in kept}
    return kept + [g for g in grown if (g.start, g.end) not in taken]


def sibling_items(mentions: list[Mention], text: str) -> list[Mention]:
    """Items of an enumeration whose sibling items are programmes with the same word are programmes too
    (A攻坚行动、B攻坚行动、C攻坚行动 with B missed): a parallel list names things of one kind."""
    mentions = whole_announced_items(mentions, text)
    found = [m for m in mentions if m.type == "Program"]
    covered = {(m.start, m.end) for m in mentions}
    taken = [(m.start, m.end) for m in mentions if m.type in ("Program", "Project")]
    out: list[Mention] = []
    for m in found:
        if m.canonical != m.text or not m.text.endswith(_SIBLING_SUFFIXES):
            continue  # (one C call for any of the words: most programme names end in none of them)
        suffix = next(w for w in _SIBLING_SUFFIXES if m.text.endswith(w))  # the first of the list, as it is ordered
        for side in (-1, 1):
            # the neighbour item: after the 、 that closes m, or before the 、 that opens it
            begin: int | None
            end: int | None
            if side == 1 and text[m.end:m.end + 1] == "、":
                begin, end = m.end + 1, _next_close(text, m.end + 1)
            elif side == -1 and m.start > 0 and text[m.start - 1] == "、":
                end, begin = m.start - 1, _previous_open(text, m.start - 1)
            else:
                continue
            if end is None or begin is None or (begin, end) in covered:
                continue
            item = text[begin:end]
            # one run of characters only (no digits, Latin or marks), ending with the siblings' word
            if not item.endswith(suffix) or len(item) <= len(suffix) + 1 or not _SIBLING_ITEM.fullmatch(item) or \
                    any(s < end and begin < e for s, e in taken):
                continue
            covered.add((begin, end))
            out.append(Mention(begin, end, item, "Program", "program-sibling-item"))
    return mentions + out


def _next_close(text: str, at: int) -> int | None:
    ends = [i for i in (text.find(ch, at, at + 16) for ch in _ITEM_CLOSE) if i >= 0]
    return min(ends) if ends else None


def _previous_open(text: str, at: int) -> int | None:
    starts = [text.rfind(ch, max(0, at - 16), at) for ch in _ITEM_OPEN]
    best = max(starts)
    return best + 1 if best >= 0 else None
