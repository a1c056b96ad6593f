"""Entity mentions from rule data: quotes, numeric abbreviations, suffixes, lists, lexicon.

Boundaries are found on the raw characters (regular expressions and
Aho–Corasick automata); jieba tokens and their dictionary tags are only hints
for where a name starts. Each rule family is a small generator yielding
:class:`~extractors.records.Mention` records with the rule's id, so a wrong
entity can always be traced to the data line that produced it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from extractors.names import (NOT_NAME_CHARS, TokenIndex, extend_left, firm_core, has_proper, is_name_token,
                              stop_prefix)
from extractors.records import Mention
from extractors.rules import RuleBook

__all__ = ["TokenIndex", "find_mentions", "quoted_names", "numeric_abbreviations", "suffix_names",
           "firm_names", "industry_firms", "list_items", "lexicon_names", "term_names"]

_QUOTED = re.compile(r"[“「『\"]([^“”「」『』\"\n]{1,40})[”」』\"]")
_NUMERAL = "一二三四五六七八九十两双百千"
_NUMERIC_ABBREV = re.compile(rf"(?<![{_NUMERAL}\d])([{_NUMERAL}])([\u4e00-\u9fff])([{_NUMERAL}])([\u4e00-\u9fff])")
_BIG_N = re.compile(r"(?<![\u4e00-\u9fff])([三四五六七八九十])大([\u4e00-\u9fff]{1,4}?)(攻坚战|行动|工程|战略|攻坚)")
_MEASURES = "个条家处项宗所座批"
_LIST_END = re.compile(rf"等(?:\d+|[{_NUMERAL}]+)?(?:[{_MEASURES}](?!目))?")  # 等项目: 项 starts the head
_TIME_MEASURES = set("年月日天次回遍点周")


def _clean(name: str, rules: RuleBook, keep: tuple[str, ...] = ()) -> str:
    for tail in rules.status_tails:
        if name.endswith(tail) and len(name) > len(tail) + 1 and tail not in ("工程", "项目") + keep:
            name = name[: -len(tail)]
            break
    return name.strip("·-— ")


def quoted_names(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """“…” strings name a programme unless they are a title won, a metaphor or a ranking."""
    text, q = index.text, rules.quote
    for match in _QUOTED.finditer(text):
        core, s, e = match.group(1).strip(), match.start(1), match.end(1)
        # over-long strings, rankings, bare numbers and chains of bodies (A—B—C) are not names
        if len(core) > q["max_chars"] or any(p.search(core) for p in rules.quote_skips):
            continue
        before = text[max(0, match.start() - 4):match.start()]
        if any(before.endswith(w) for w in q["title_triggers"]):
            continue  # a title won or sought: 获评“…”
        after = text[match.end():match.end() + 3]
        if any(after.startswith(w) for w in q["metaphor_followers"]):
            continue  # a metaphor: “绣花”精神, “钉钉子”式
        token, tail_end = index.token_at(s), _tail_end(index, match.end(), rules)
        if len(core) == 2 and not tail_end and token is not None and token.start == s and token.end == e \
                and token.tag in rules.common_tags:
            continue  # a common two-character word in quotes is emphasis (“干部”, “任性”), not a name
        # a programme word after the quote (“一网通办”改革) makes it a programme whatever its last character
        label = "Program" if tail_end else _label_by_suffix(core, rules) or "Program"
        if label != "Program" and not has_proper(index, s, e, rules):
            continue  # a quoted generic place or facility word (“园中园”, “口袋公园”) is a label, not a name
        yield Mention(s, e, core, label, "quote", core)
        if tail_end:
            # “最多跑一次”改革 is an alias of 最多跑一次; a two-character core (“三农”工作…行动) names nothing alone
            name = core if len(core) > 2 else core + text[match.end():tail_end]
            yield Mention(s, tail_end, text[s:tail_end], label, "quote-tail", name)


def _tail_end(index: TokenIndex, pos: int, rules: RuleBook) -> int | None:
    """End of a programme word right after a quote (“最多跑一次”改革 → 改革)."""
    q = rules.quote
    end, i = pos, index.at[pos] if pos < len(index.text) else len(index.tokens)
    best = None
    while i < len(index.tokens):
        token = index.tokens[i]
        if token.start != end or end - pos + len(token.text) > q["max_tail_chars"]:
            break
        if not is_name_token(token, rules, "Program") and token.text not in q["tails"] and \
                token.text not in q["series_words"] or \
                token.text[0] in rules.function_chars and token.tag == "x":
            break
        end = token.end
        if any(index.text[pos:end].endswith(t) for t in q["tails"]):
            best = end
        i += 1
    return best


def _label_by_suffix(name: str, rules: RuleBook) -> str | None:
    for length in range(min(len(name), 6), 0, -1):
        found = rules.suffixes.get(name[-length:])
        if found and len(name) > length:
            return found[0].label
    return None


def numeric_abbreviations(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Numeral-word-numeral-word abbreviations (三供一业, 一单四制) and 三大X攻坚战 names."""
    text = index.text
    for match in _NUMERIC_ABBREV.finditer(text):
        s, e = match.span()
        if match.group(2) in _TIME_MEASURES or match.group(4) in _TIME_MEASURES:
            continue
        token = index.token_at(s)
        if token and token.start == s and token.end == e and token.tag == "i":
            continue  # an idiom such as 一心一意
        if e < len(text) and text[e] in _NUMERAL:
            continue
        yield Mention(s, e, text[s:e], "Program", "numeric-abbreviation", text[s:e])
    for match in _BIG_N.finditer(text):
        yield Mention(match.start(), match.end(), match.group(0), "Program", "numeric-big", match.group(0))


def _right_ok(index: TokenIndex, end: int, rules: RuleBook) -> bool:
    token = index.token_at(end - 1)
    if token is None or token.end == end:
        return True
    rest = index.text[end:token.end]
    return any(rest == tail or tail.startswith(rest) for tail in rules.status_tails)


def _suffix_begin(index: TokenIndex, start: int, end: int, rule, rules: RuleBook) -> int | None:
    """Start of the name whose suffix is text[start:end], or None when the suffix is not a name's end."""
    head = index.token_at(start)
    if head is None or head.start == start:
        return extend_left(index, start, rules, rule.label, rule.max_prefix)
    # the suffix is fused into a word (铁路, 城市, 指市): accept only proper words that are not generic
    if head.tag not in rules.proper_tags or head.text in rules.generic_names or \
            (start - head.start == 1 and head.text[0] in rules.function_chars) or \
            len(head.text) <= 2 and (head.text[0] in _NUMERAL or head.text[0].isdigit()):
        return None  # …and not a counted stem (布局|五区)
    begin = extend_left(index, head.start, rules, rule.label, rule.max_prefix) if head.start > 0 else 0
    return min(begin, head.start)


def _typed_ok(index: TokenIndex, begin: int, start: int, end: int, suffix: str, label: str,
              rules: RuleBook) -> bool:
    """Type-specific evidence that text[begin:end] is a proper name and not a generic phrase."""
    if len(suffix) == 1:
        prev = index.token_at(start - 1)
        fused = prev is not None and prev.end > start
        # a one-character suffix (市, 路, 湖) needs a word of two or more characters right before it
        if not fused and (prev is None or len(prev.text) < 2 or prev.tag not in rules.name_tags or
                          prev.text in rules.generic_names or
                          label == "Place" and (prev.tag in rules.lead_tags["default"] or prev.tag in ("a", "an", "l"))):
            return False
        # a county-level or larger place word follows a proper word, not a common one (依法|治区, 旅游|名县)
        if not fused and suffix in "省市县区" and label == "Place" and (prev.tag not in rules.proper_tags or
                                               prev.text[0].isdigit() or prev.text[0] in _NUMERAL + _MEASURES):
            return False
        # a counted noun (11个市, 两个区) is no name
        if index.text[start - 1] in "个座所处项批宗":
            return False
        # a common word or a known body made of the character before and the suffix (城市, 强市, 省委)
        if index.text[start - 1:end] in rules.generic_names or index.text[start - 1:end] in rules.lexicon:
            return False
        # a suffix character that starts a known body (代表|市人民政府) does not end a place
        if any(index.text[start:start + k] in rules.lexicon for k in range(2, 7)):
            return False
        # …and must not sit inside a longer name (金城|华亿)
        after = index.token_at(end)
        if after is not None and after.start == end and after.tag in rules.proper_tags and after.tag != "m" \
                and label == "Project":
            return False
    if label == "Agency" and len(suffix) == 1:
        after = index.token_at(end)
        # a one-character body word followed by an object or complement is a verb (财力办|大事, 好事办|好)
        if after is not None and after.start == end and after.tag in ("n", "a", "ad", "an", "d"):
            return False
    if rules.suffixes[suffix][0].needs_proper and not has_proper(index, begin, start, rules):
        return False  # a designation or kind (国家数据标注基地, 现代农牧业基地) is no facility name
    if label == "Company" and firm_core(index, index.token_at(begin), start, rules):
        return True  # a verb-like word that names a firm (，远航|集团)
    if label == "Agency" and index.text[begin] in rules.level_chars:
        return True  # a body with a level prefix: 市园区办, 区企业服务中心
    if label in rules.proper_required and not (len(suffix) == 1 and label in ("Place", "Agency")):
        return has_proper(index, begin, end if len(suffix) == 1 else start, rules)
    return True


def suffix_names(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Names ending in a typed suffix (…工程, …集团, …街道, …变电站, …局): grow left over tokens."""
    text = index.text
    best_by_end: dict[int, str] = {}
    for end, suffix in rules.suffix_automaton.iter(text):
        end += 1
        if len(suffix) > len(best_by_end.get(end, "")):
            best_by_end[end] = suffix
    for end, suffix in best_by_end.items():
        start = end - len(suffix)
        rule = rules.suffixes[suffix][0]
        if not _right_ok(index, end, rules) or not _context_ok(text, start, end, rule, rules):
            continue
        begin = _suffix_begin(index, start, end, rule, rules)
        if begin is None or start - begin < rule.min_prefix:
            continue
        # 9大专项行动: a numbered generic class, not a name
        if text[begin] == "大" and begin > 0 and (text[begin - 1].isdigit() or text[begin - 1] in _NUMERAL):
            continue
        if not _typed_ok(index, begin, start, end, suffix, rule.label, rules):
            continue
        if rule.label == "Program" and not _programme_ok(index, begin, start, rules):
            continue
        if _after_quote(text, begin, rules):
            continue  # the quote rule names “三农”工作十大提升行动 and “幸福青溪”系列民生行动 as a whole
        name = _clean(text[begin:end], rules)
        if name in rules.generic_names or len(name) <= len(suffix) or len(name) > rules.max_name_chars:
            continue
        if rule.reject is not None and rule.reject.search(name):
            continue  # a phrase the rule's data excludes (青溪区第三届人民代表大会 is a meeting)
        label = rule.label
        # X工程 whose X names a physical work (截污, 治理, 改建) is a construction project
        if suffix in rules.works_suffixes and any(w in name for w in rules.works_words):
            label = "Project"
        yield Mention(begin, end, text[begin:end], label, rule.id, name)


def _context_ok(text: str, start: int, end: int, rule, rules: RuleBook) -> bool:
    """The characters around a suffix allow it to end a name."""
    # the suffix begins a longer common word (改革|开放, 发展改革委, 园区, 市域, 教师线上)
    if any(text.startswith(word, start) and start + len(word) > end for word in rules.suffix_compounds):
        return False
    # the name modifies what follows (“枫桥经验”): it is not mentioned as a place or facility
    if any(text.startswith(word, end) for word in rules.modifier_followers):
        return False
    # a suffix that is also a verb must be used as a noun (…城市创建，/…创建工作, not 创建 + a title)
    return rule.followed_by is None or bool(rule.followed_by.match(text, end))


def _programme_ok(index: TokenIndex, begin: int, start: int, rules: RuleBook) -> bool:
    """A programme name is more than a verb phrase or a count (抓改革, 深化改革, 14项改革)."""
    prev = index.token_at(start - 1)
    if prev is not None and prev.end == start and prev.tag.startswith("v"):
        # a one-character verb governs the suffix (抓|改革, 问题导向促|改革, 见|行动)
        if len(prev.text) == 1:
            return False
        # the prefix is nothing but one report verb (提升|行动, 升级|行动)
        if prev.start <= begin and prev.text in rules.object_verbs:
            return False
    # the prefix is one stop word (重点|改革, 深化|改革)
    if prev is not None and prev.start <= begin and prev.text in rules.stop_words:
        return False
    return not rules.count_pattern.search(index.text[begin:start])


def _after_quote(text: str, begin: int, rules: RuleBook) -> bool:
    """The name starts right after a closing quote, or after a quote and a short series word."""
    for gap in ("", *rules.quote["series_words"]):
        at = begin - len(gap)
        if at > 0 and text[at - 1] in "”」』" and text[at:begin] == gap:
            return True
    return False


def firm_names(index: TokenIndex, mentions: Iterable[Mention], rules: RuleBook) -> Iterator[Mention]:
    """A firm inside [firm][more words][facility] (汉德车桥株洲制造基地 → 汉德车桥) is a Company."""
    tokens = index.tokens
    for m in mentions:
        suffix = next((f for f in rules.firm_facilities if m.text.endswith(f)), None)
        first = index.token_at(m.start)
        if m.type != "Project" or suffix is None or first is None or first.start != m.start or \
                first.tag not in rules.firm_tags or first.tag in ("n", "ns"):
            continue
        limit, i = m.end - len(suffix), index.at[m.start]
        run_end = proper_end = m.start
        while i < len(tokens) and tokens[i].end <= limit and tokens[i].tag in rules.firm_tags and \
                tokens[i].tag != "ns":
            run_end = tokens[i].end
            if tokens[i].tag != "n" and proper_end == tokens[i].start:
                proper_end = run_end
            i += 1
        # the firm's words are followed by a place word (汉德车桥|株洲|制造基地) …
        if i < len(tokens) and tokens[i].tag == "ns" and tokens[i].end <= limit and run_end - m.start >= 2:
            end = run_end
        # … or the firm is the leading run of proper words (福之日|空调产业园, 国投|产业园)
        elif proper_end - m.start >= 2:
            end = proper_end
        else:
            continue
        yield Mention(m.start, end, index.text[m.start:end], "Company", "firm-in-facility")


def industry_firms(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """A brand word right before an industry word (彤辉|科技, 宝昂|新材料) names a Company."""
    text = index.text
    for end, word in rules.industry_automaton.iter(text):
        end += 1
        start = end - len(word)
        brand = index.token_at(start - 1) if start > 0 else None
        # the industry word is a whole token run, the brand an unknown or proper word (not a place)
        if brand is None or brand.end != start or not index.is_boundary(end) or \
                brand.tag not in rules.brand_tags or len(brand.text) < 2 or brand.text[0] in rules.function_chars or \
                brand.text in rules.stop_words or stop_prefix(index, brand.start, end, rules.stop_words) or \
                any(ch in _NUMERAL or ch.isdigit() for ch in brand.text):
            continue  # 大力发展|科技, 六大|科技 are phrases, not brands
        after = index.token_at(end)
        if after is not None and after.tag in ("n", "vn", "v") and after.text not in rules.firm_followers:
            continue  # 建强|科技|支撑, 医保|医药|协同: the industry word modifies a following noun
        yield Mention(brand.start, end, text[brand.start:end], "Company", "company-brand-industry")


def list_items(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Items of `A、B、C等N个重点项目`: each item gets the type of the list's head noun."""
    text = index.text
    for match in _LIST_END.finditer(text):
        window = text[match.end():match.end() + 10]
        label = rule_id = None
        for cut in range(1, len(window) + 1):
            piece = window[:cut]
            if NOT_NAME_CHARS.search(piece):
                break
            for head, (head_label, head_id) in rules.list_heads.items():
                if piece.endswith(head):
                    label, rule_id = head_label, head_id
        if label is None:
            continue
        end = match.start()
        items = []
        while True:
            sep = text.rfind("、", max(0, end - rules.max_name_chars), end)
            stop = max(text.rfind(ch, max(0, end - rules.max_name_chars), end) for ch in "，。；：！？\n（）")
            if sep > stop and sep >= 0:
                items.append((sep + 1, end))
                end = sep
                continue
            begin = extend_left(index, end, rules, label, rules.max_name_chars)
            if begin < end:  # the first item: it may start with a place (430片区|斯威铁路)
                items.append((_after_place(index, begin, end, rules), end))
            break
        for s, e in items:
            of = text.rfind("的", s, e)
            if of >= 0 and index.token_at(of).text == "的":
                s = of + 1  # 投资80亿元的|锦纶丝产业园: a name holds no particle 的 (but 美的紫云台 does)
            # an item of a project list keeps its works word (天门河下段综合治理 is the project's name)
            name = _clean(text[s:e], rules, rules.list_kept_tails if label == "Project" else ())
            if not name or len(name) < 2 or name in rules.generic_names or NOT_NAME_CHARS.search(name):
                continue
            if label in ("Company", "Agency") and not has_proper(index, s, e, rules):
                continue  # 现代物流、软件信息等企业: industries, not firms
            yield Mention(s, s + len(name), name, label, rule_id, name)


def _after_place(index: TokenIndex, begin: int, end: int, rules: RuleBook) -> int:
    """Skip a place name (…片区, …街道) that precedes the first item of a list."""
    cut = begin
    for pos, word in rules.suffix_automaton.iter(index.text[begin:end]):
        stop = begin + pos + 1
        if rules.suffixes[word][0].label == "Place" and len(word) > 1 and stop < end - 1 and index.is_boundary(stop):
            cut = stop
    # the rest must still be a name (张家湖|综合治理 is one item, 430片区|斯威铁路 two)
    return cut if has_proper(index, cut, end, rules) else begin


def lexicon_names(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Known bodies and places from the lexicon (党中央, 区人大常委会, 湖南省…), longest match."""
    for m in _automaton_matches(index.text, rules.lexicon_automaton, lambda word: rules.lexicon[word][0],
                                lambda word: rules.lexicon[word][1]):
        # a short word must be a whole token run (作协 is not a word inside 合作协议)
        if len(m.text) <= 3 and not (index.is_boundary(m.start) and index.is_boundary(m.end)):
            continue
        # a gazetteer short form (株洲, 武汉) must stand as a place word, not inside a common one
        if m.rule == "place-gazetteer-short" and not _tagged_place(index, m):
            continue
        yield m


def _tagged_place(index: TokenIndex, m: Mention) -> bool:
    token = index.token_at(m.start)
    return token is not None and token.start == m.start and (token.end == m.end and token.tag in ("ns", "x", "nr")
                                                               or token.end > m.end and token.tag == "ns")


def term_names(index: TokenIndex, terms: dict[str, str], rule: str) -> Iterator[Mention]:
    """Occurrences of known names (glossary terms, names found elsewhere in the document)."""
    if not terms:
        return
    import ahocorasick  # noqa: PLC0415 - tiny per-document automaton

    automaton = ahocorasick.Automaton()
    for word in terms:
        if len(word) >= 2:
            automaton.add_word(word, word)
    if not len(automaton):
        return
    automaton.make_automaton()
    yield from _automaton_matches(index.text, automaton, terms.__getitem__, lambda word: rule)


def _automaton_matches(text, automaton, label_of, rule_of) -> Iterator[Mention]:
    if not len(automaton):
        return
    found = []
    for end, word in automaton.iter(text):
        found.append((end + 1 - len(word), end + 1, word))
    # keep the longest match among overlapping ones
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    last_end = -1
    for s, e, word in found:
        if e <= last_end:
            continue
        last_end = max(last_end, e)
        yield Mention(s, e, word, label_of(word), rule_of(word), word)


def find_mentions(index: TokenIndex, rules: RuleBook, *, terms: dict[str, str] | None = None,
                  families: Iterable[str] | None = None) -> list[Mention]:
    """All mentions found by the rule families (optionally only some), sorted by offset."""
    runners = {
        "quote": lambda: quoted_names(index, rules),
        "numeric": lambda: numeric_abbreviations(index, rules),
        "suffix": lambda: _with_firms(index, rules),
        "industry": lambda: industry_firms(index, rules),
        "list": lambda: list_items(index, rules),
        "lexicon": lambda: lexicon_names(index, rules),
        "terms": lambda: term_names(index, terms or {}, "glossary-term"),
    }
    chosen = list(families) if families is not None else list(runners)
    mentions: list[Mention] = []
    for family in chosen:
        mentions.extend(runners[family]())
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def _with_firms(index: TokenIndex, rules: RuleBook) -> list[Mention]:
    found = list(suffix_names(index, rules))
    ends_by_start: dict[int, list[int]] = {}
    for m in found:
        ends_by_start.setdefault(m.start, []).append(m.end)
    # an inner suffix name is dropped when the outer name is the inner one plus another suffix word
    kept = [m for m in found if not (m.end - m.start > 1 and index.text[m.end - 1:m.end] in rules.suffixes and any(
        e > m.end and index.text[m.end:e] in rules.suffixes and not index.text[m.end:e].endswith("期")
        for e in ends_by_start[m.start]))]
    return kept + list(firm_names(index, kept, rules))
