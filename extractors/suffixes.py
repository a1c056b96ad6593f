"""Suffix names: a typed suffix (…工程, …集团, …街道, …变电站, …局) and the words left of it.

A name grows leftwards from its suffix over name-like tokens (extractors.names);
type-specific checks then reject generic phrases, verb phrases and counts. The
firm inside [firm][facility] (汉德车桥株洲制造基地 → 汉德车桥) comes from extractors.firms.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from extractors.derived import derived
from extractors.firms import firm_names, prefer_short_firms
from extractors.matcher import Affixes
from extractors.names import (MEASURES, NUMERAL, PUNCT, TokenIndex, clean_name, extend_left, extend_over_bracket,
                              firm_core, has_proper, is_name_token)
from extractors.programme_stems import (improvement_stem_names, national_pilots, stem_vocabulary, with_joined_subject,
                                        with_title_scope)
from extractors.records import Mention
from extractors.regions import province_abbreviations
from extractors.reference import COMMON_WORD, COUNTY_SHORT_COMMON, SUFFIX_FREE_RULES
from extractors.rules import RuleBook, SuffixRule
from extractors.segment import Token

__all__ = ["suffix_names", "suffix_mentions"]

_COUNT_INSIDE = re.compile(rf"(?:\d+|[{NUMERAL}]+)[{MEASURES}家]")
_ROUTE_CODE = re.compile(r"^[A-Za-z]+\d+")
_BRANCH = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:分会|分校|分公司|分院|分局|分行|支行)")
_COUNTED_BIG = re.compile(rf"[{NUMERAL}]大")
_COUNT_BEFORE = re.compile(rf"(?:\d+|[{NUMERAL}]+)[{MEASURES}]$")
# a body's local centre or platform named with its place (…国家实验室|江西|创新中心, …运营中心|眉山|中心)
_LOCAL_UNIT = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:创新中心|创新平台|分中心|中心|平台)(?![城区镇点])")
_COMMON_WORD_PLACES = ("place-short-common-word",)  # 合作 (a city) is mostly the common word
_ITEM = re.compile(r"[\u4e00-\u9fff]{2,4}$")
# the campaign words an enumeration may share (蓝天、碧水、净土保卫战); places and facilities listed are items each
_SHARED_HEAD_RULES = ("program-project-word", "program-action", "program-battle", "program-defence-battle",
                      "program-revolution", "program-struggle")


def _right_ok(index: TokenIndex, end: int, rule, rules: RuleBook) -> bool:
    """The suffix ends a word, or the word it ends in runs on into a status word or a place follower."""
    token = index.token_at(end - 1)
    if token is None or token.end == end:
        return True
    rest = index.text[end:token.end]
    if rest in rules.status_tail_prefixes:  # the word runs on into a status word (工程|建设)
        return True
    # a river fused with what follows it (天门河|下段) or a suffix fused with junk (东西湖连通渠|黑臭)
    return rule.label == "Place" and (index.text.startswith(rules.place_followers, end) or
                                      len(rule.suffix) > 1 and token.tag == "x")


def _suffix_begin(index: TokenIndex, start: int, end: int, rule, rules: RuleBook) -> int | None:
    """Start of the name whose suffix is text[start:end], or None when the suffix is not a name's end."""
    head = index.token_at(start)
    if head is None or head.start == start:
        return extend_left(index, start, rules, rule.label, rule.max_prefix)
    if _fused_stem_ok(head, start, rules):
        begin = extend_left(index, head.start, rules, rule.label, rule.max_prefix) if head.start > 0 else 0
        return min(begin, head.start)
    if not _whole_word_suffix(index, head, start, end, rule, rules):
        return None
    # (the name before a whole programme word is one phrase: it starts after a conjunction, 景区管理运行和|独立供区…)
    begin = extend_left(index, head.start, rules, rule.label, rule.max_prefix)
    joined = [t.end for t in index.tokens[index.at[begin]:index.at[head.start]] if t.tag == "c"]
    return max([begin, *joined]) if max([begin, *joined]) < head.start else None


def _fused_stem_ok(head: Token, start: int, rules: RuleBook) -> bool:
    """A suffix fused into the word ``head`` (铁路, 城市, 指市) may end a name only when that word is proper and
    not generic, not a function character glued to it and not a counted stem (布局|五区)."""
    return not (head.tag not in rules.proper_tags or head.text in rules.generic_names or
                (start - head.start == 1 and head.text[0] in rules.function_chars) or
                len(head.text) <= 2 and (head.text[0] in NUMERAL or head.text[0].isdigit()))


def _whole_word_suffix(index: TokenIndex, head: Token, start: int, end: int, rule: SuffixRule, rules: RuleBook) -> bool:
    """A programme word of two characters or more that the tagger reads together with one word before it (供销|体制改革,
    X|品牌战略) may end a name when a name word comes before that whole word: the word is the name's last part,
    not a common word standing alone (深化|体制改革 is left to the generic-head family)."""
    if rule.label != "Program" or len(rule.suffix) < 2 or head.end != end or len(head.text) - (end - start) < 2 or \
            head.start == 0 or head.text[:start - head.start] in rules.stop_words or rule.suffix in rules.works_suffixes:
        return False  # (a verb fused with the word, 深化|改革, makes no name's last part; nor does a works word, 主体|工程)
    before = index.token_at(head.start - 1)
    return before is not None and before.end == head.start and is_name_token(before, rules, "Program") and \
        before.text not in rules.stop_words and before.tag not in rules.lead_tags["Program"] and \
        before.tag not in ("v", "vd", "vg", "vi")


def _blocking(word: str, rules: RuleBook) -> bool:
    """A lexicon word that the suffix rules leave to the lexicon (省委, 株洲), not a county's short form.

    (A county's short form such as 洪湖 or 北湖 may be a lake's name the suffix rule finds.)
    """
    return word in derived(rules, _blocking_words)


def _blocking_words(rules: RuleBook) -> frozenset[str]:
    """The lexicon words of :func:`_blocking` (built once per rule book)."""
    return frozenset(word for word, (_label, rule) in rules.lexicon.items() if rule not in SUFFIX_FREE_RULES)


def _opens_blocking(text: str, start: int, rules: RuleBook) -> bool:
    """A blocking lexicon word of two to six characters starts at ``start`` (代表|市人民政府)."""
    blocking = derived(rules, _blocking_words)
    return any(text[start:start + k] in blocking for k in range(2, 7))


def _suffix_stands(index: TokenIndex, start: int, end: int, rule: SuffixRule, rules: RuleBook) -> bool:
    """Whether the words around the suffix text[start:end] let it end a name, whatever the name's first word.

    Every test here reads only the suffix, the token right before it and the token right after it, never
    where the name would begin: so a candidate refused here is one that :func:`suffix_names` would refuse
    after the leftward walk anyway (each test was one of its refusals, and every refusal there only skips
    the candidate), and running them before :func:`_suffix_begin` loses no accepted name while sparing the
    walk over the name for the candidates they refuse. What does depend on the name's start (a generic word
    after a level prefix, 市|园区|办; the proper element a facility needs) stays in :func:`_typed_ok`.
    ``tests/extractors/test_suffixes.py`` checks on real lines that no name is lost. (The tests on the token
    before come before the patterns of :func:`_context_ok`: they are cheaper and refuse most candidates.)
    """
    # a suffix fused into a common word (城市, 铁路) ends no name (the refusal of _suffix_begin, made first: most
    # candidates are such), unless a bracketed stem may come before it (河（湖）|长制: the fallback of suffix_names)
    head = index.token_at(start)
    if head is not None and head.start < start and not _fused_stem_ok(head, start, rules) and \
            index.text[start - 3:start - 2] != "（" and not _whole_word_suffix(index, head, start, end, rule, rules):
        return False
    if not _right_ok(index, end, rule, rules):
        return False
    prev = index.token_at(start - 1)
    # a one-character verb governs a programme word (抓|改革, 问题导向促|改革, 见|行动)
    if rule.label == "Program" and prev is not None and prev.end == start and prev.tag.startswith("v") and \
            len(prev.text) == 1:
        return False
    if len(rule.suffix) > 1:
        return _context_ok(index, start, end, rule, rules)
    suffix, label = rule.suffix, rule.label
    if prev is None:
        return False  # nothing before a one-character suffix: no name
    fused = prev.end > start
    # a one-character suffix (市, 路, 湖) needs a word of two or more characters right before it
    # (a generic word will do after a level prefix, 市|园区|办, a test of the name's start: see _typed_ok)
    if not fused and (len(prev.text) < 2 or prev.tag not in rules.name_tags or
                      label != "Agency" and prev.text in rules.generic_names or
                      label == "Place" and (prev.tag in rules.lead_tags["default"] or prev.tag in ("a", "an", "l"))):
        return False
    # a county-level or larger place word follows a proper word, not a common one (依法|治区, 旅游|名县)
    if not fused and suffix in "省市县区" and label == "Place" and (prev.tag not in rules.proper_tags or
                                                                    prev.text[0].isdigit() or prev.text[0] in NUMERAL + MEASURES):
        return False
    # a counted noun (11个市, 两个区) is no name
    if index.text[start - 1] in "个座所处项批宗件":
        return False
    # a common word or a known body made of the character before and the suffix (城市, 强市, 省委)
    if index.text[start - 1:end] in rules.generic_names or _blocking(index.text[start - 1:end], rules):
        return False
    # a suffix character that starts a known body (代表|市人民政府) does not end a place
    if _opens_blocking(index.text, start, rules):
        return False
    # …and must not sit inside a longer name (金城|华亿)
    after = index.token_at(end)
    if after is not None and after.start == end and after.tag in rules.proper_tags and after.tag != "m" and \
            after.text not in PUNCT \
            and label == "Project":
        return False
    if label == "Agency":
        after = index.token_at(end)
        # a one-character body word followed by an object or complement is a verb (财力办|大事, 好事办|好)
        if after is not None and after.start == end and after.tag in ("n", "a", "ad", "an", "d", "p"):
            return False
    return _context_ok(index, start, end, rule, rules)


def _typed_ok(index: TokenIndex, begin: int, start: int, end: int, suffix: str, label: str,
              rules: RuleBook) -> bool:
    """Type-specific evidence that text[begin:end] is a proper name and not a generic phrase (the tests that
    read where the name begins; those that do not are :func:`_suffix_stands`, run before the walk)."""
    if len(suffix) == 1 and label == "Agency":
        prev = index.token(start - 1)  # (never None: _suffix_stands refused a suffix with nothing before it)
        # a generic word before a one-character body word only after a level prefix (市|园区|办)
        levelled = index.text[begin] in rules.level_chars and begin + 1 == prev.start
        if prev.end <= start and prev.text in rules.generic_names and not levelled:
            return False
    # (a facility opening with a county's name is named: 稻城|高海拔宇宙线观测站, 理塘|游客集散中心)
    if rules.suffixes[suffix][0].needs_proper and \
            not has_proper(index, begin, start, rules, known_places=label == "Project"):
        return False  # a designation or kind (国家数据标注基地, 现代农牧业基地) is no facility name
    if label == "Company" and firm_core(index, index.token(begin), start, rules):
        return True  # a verb-like word that names a firm (，远航|集团)
    first = index.token(begin)
    # the object of 发挥…作用 is a body at work (发挥|项目投资服务中心|作用)
    if label == "Agency" and index.text.endswith("发挥", 0, begin) and index.text.startswith("作用", end):
        return True
    if label == "Agency" and index.text[begin] in rules.level_chars and first.text not in rules.generic_names:
        return True  # a body with a level prefix: 市园区办, 区企业服务中心
    # a state firm with a level prefix and a trade of two characters or more: 州森工集团, 市投控集团
    if label == "Company" and index.text[begin] in rules.level_chars + "州盟" and start - begin >= 3 and \
            first.text not in rules.generic_names and index.text[begin + 1:start] not in rules.generic_names and \
            index.text[begin + 1] != "级":
        return True
    # a planning district may be named by a short common word (高铁新区)
    if suffix in rules.proper_free and 2 <= start - begin <= rules.proper_free_max:
        return True
    if label in rules.proper_required and not (len(suffix) == 1 and label in ("Place", "Agency")):
        return has_proper(index, begin, end if len(suffix) == 1 else start, rules) or \
            _clause_institution(index, begin, start, end, suffix, rules)
    return True


def _clause_institution(index: TokenIndex, begin: int, start: int, end: int, suffix: str, rules: RuleBook) -> bool:
    """A school or hospital named by one common two-character word at a clause start (。星河小学建成…)."""
    word = index.token_at(begin)
    if suffix not in rules.institution_suffixes or word is None or word.start != begin or word.end != start or \
            len(word.text) != 2 or word.text in rules.generic_names or word.text in rules.stop_words:
        return False
    text = index.text
    before = index.token_at(begin - 1) if begin > 0 else None
    # the name opens the clause and a completion verb follows it
    if (before is None or text[begin - 1] in PUNCT) and text.startswith(rules.completion_verbs, end):
        return True
    # a build verb opens the clause right before the name (，新建星河小学)
    return before is not None and before.text in rules.build_verbs and (before.start == 0 or text[before.start - 1] in PUNCT)


def _kept_tails(rules: RuleBook) -> dict[str, tuple[str, ...]]:
    """For each suffix word, the status words that end it (规划 of 发展规划): part of a name with that suffix, never
    cut as a trailing status (built once per rule book, not once per suffix found)."""
    return {suffix: tuple(t for t in rules.status_tails if suffix.endswith(t)) for suffix in rules.suffixes}


def suffix_names(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Names ending in a typed suffix (…工程, …集团, …街道, …变电站, …局): grow left over tokens."""
    text = index.text
    kept_tails = derived(rules, _kept_tails)
    for end, suffix in rules.suffix_automaton.longest_by_end(text).items():  # the longest suffix word at each end
        start = end - len(suffix)
        rule = rules.suffixes[suffix][0]
        if not _suffix_stands(index, start, end, rule, rules):
            continue  # refused on the words around the suffix, before the walk over the name
        begin = _suffix_begin(index, start, end, rule, rules)
        if begin is None or start - begin < rule.min_prefix:
            # the whole stem may be a word with its alternative in brackets before the suffix (河（湖）|长制)
            begin = start
            if text[start - 3:start - 2] != "（" or \
                    extend_over_bracket(index, start, rules, rule.label, rule.max_prefix) == start:
                continue
        begin = extend_over_bracket(index, begin, rules, rule.label, rule.max_prefix)  # 江汉平原（天门）…大会
        if rule.label in ("Program", "Project"):  # 规模以上|工业企业…行动: a range qualifier opens the name
            begin -= next((len(q) for q in rules.range_qualifiers if text.startswith(q, begin - len(q))), 0)
        # 9大专项行动: a numbered generic class, not a name
        if text[begin] == "大" and begin > 0 and (text[begin - 1].isdigit() or text[begin - 1] in NUMERAL):
            continue
        if not _typed_ok(index, begin, start, end, suffix, rule.label, rules):
            continue
        if rule.label != "Program":
            begin = _after_description(index, begin, start, rules)
            if _described(index, begin, rules) or _counted(index, begin, start, rules):
                continue
        if rule.label == "Program" and not _programme_ok(index, begin, start, rules):
            continue
        if _after_quote(text, begin, rules):
            continue  # the quote rule names “三农”工作十大提升行动 and “幸福青溪”系列民生行动 as a whole
        # a status word that ends the suffix itself (…发展|规划) is part of the name, not a trailing status
        name = clean_name(text[begin:end], rules, kept_tails[suffix])
        if name in rules.generic_names or len(name) <= len(suffix) or len(name) > rules.max_name_chars:
            continue
        if name[1:] in rules.generic_names and not index.is_boundary(begin + 1):
            continue  # a generic word with a verb's character fused on (做|实城投公司)
        if rule.reject is not None and rule.reject.search(name):
            continue  # a phrase the rule's data excludes (青溪区第三届人民代表大会 is a meeting)
        label = rule.label
        # a nationwide policy nested in a title (全国|农村能源革命|试点县) is named without 全国
        if label == "Program" and text.startswith(rules.title_words, end):
            soft = next((w for w in rules.soft_stops.get("Program", ()) if name.startswith(w)), "")
            begin, name = begin + len(soft), name[len(soft):]
        if label == "Place" and _title_kind(index, begin, name, rules):
            continue
        if label == "Place":
            begin, place = _place_name(index, begin, end, name, rules)
            if place is None:
                continue
            name = place
        # X工程 whose X names a physical work (截污, 治理, 改建) is a construction project
        if suffix in rules.works_suffixes and any(w in name for w in rules.works_words):
            label = "Project"
        # a count of big ones inside (杭州三大都市圈, 龙口港三大LNG项目, 红水河两大灌区工程) names several, not one
        if label in ("Place", "Project") and _COUNTED_BIG.search(name, 1):
            continue
        found = Mention(begin, end, text[begin:end], label, rule.id, name)
        yield with_joined_subject(with_title_scope(found, index, rules), index, rules)


def _industry_followers(rules: RuleBook) -> Affixes:
    """The industry words of two or more characters, as one look-up per word length (built once per rule book)."""
    return Affixes(w for w in rules.industry_words if len(w) > 1)


def _place_name(index: TokenIndex, begin: int, end: int, name: str, rules: RuleBook) -> tuple[int, str | None]:
    """A place name without a road code (G347|皂市), or None for a designation, class or phrase."""
    code = _ROUTE_CODE.match(name)
    if code:  # a road code before a place names the road's section there (G347皂市段 → 皂市)
        begin, name = begin + code.end(), name[code.end():]
    text = index.text
    # a level word opens a designation (省级农高区, 国家级新区); a firm follows its brand (石河|医药)
    if len(name) < 2 or name.startswith(rules.designation_prefixes) or \
            derived(rules, _industry_followers).prefix(text, end) is not None:
        return begin, None
    # a build verb before a place word says the places are new (新建村), it names none
    if any(name.startswith(v) and len(name) - len(v) <= 2 for v in rules.build_verbs):
        return begin, None
    # a level character and a verb before a one-character level word is a phrase (以城带乡, 村收镇)
    if len(name) == 3 and name[0] in rules.place_phrase_chars and name[2] in rules.place_phrase_chars:
        return begin, None
    # a verb fused with the level character into one token (米林|撤县|设市, 河池|建市, 产业|立市) is a phrase
    if len(name) >= 3 and name[-2] in rules.level_verb_chars and name[-1] in rules.place_phrase_chars and \
            index.is_boundary(end - 2) and index.token(end - 2).end == end and index.token(end - 2).tag != "ns":
        return begin, None
    # a run of level words (市县镇村, 强镇带村, 驻镇帮镇扶村) is a list of levels or a slogan about them
    if _level_run(name, rules):
        return begin, None
    # a counted class (50个国省干线, 5家市级…, 友好两个新村, 五大片区) is no place
    if _COUNT_INSIDE.search(name) or name[0] in NUMERAL and name[1:2] == "大":
        return begin, None
    # a kind ending in a common word (万兆|自贸港, 流域|山水林田湖) is no place
    if any(name.endswith(g) and g not in rules.suffixes and not has_proper(index, begin, end - len(g), rules)
           for g in (name[-k:] for k in range(3, min(len(name), 5) + 1)) if g in rules.generic_names):
        return begin, None
    # a character fused onto the front of a river (以|伊敏河, 沿|伊敏河, 沿|涡河: a two-character water's name left)
    if name[0] in rules.place_strip_chars and (len(name) > 3 or len(name) == 3 and _WATER_RULES & {
            r.id for r in rules.suffixes.get(name[-1], ())}):
        begin, name = begin + 1, name[1:]
    # a region opened by a run of provinces' abbreviations is named from the run's first one
    # (川滇藏青|甘交界地区 → 川滇藏青甘交界地区, 湘鄂|渝黔毗邻地区)
    begin, name = _province_run_start(index, begin, name)
    # a prefecture or province named after a slogan or a clause's words (美丽|连云港, 清廉|防城港, 数字|吉林市)
    # is that prefecture; after another place (广东省|江门市) it is an address, cut elsewhere
    tail = _division_tail(index, begin, name, rules)
    if tail:
        begin, name = begin + len(name) - tail, name[-tail:]
    return begin, name


_MAX_PROVINCE_RUN = 6
_TITLE_LEVEL = re.compile(r"(?:国家级|全国|省级|自治区级)$")  # the level of a title, right before its kind
_TITLE_AIMS = ("创建", "打造", "申报", "建设")  # verbs that seek a title as well as the quotes' title triggers


def _title_kind(index: TokenIndex, begin: int, name: str, rules: RuleBook) -> bool:
    """A kind of zone won or sought as a title (获评国家级|夜间文旅消费集聚区, 打造全国|低碳示范区); a place word
    opening it names the place that holds the title (创建国家级|赣江…), which stays a place."""
    text = index.text
    level = _TITLE_LEVEL.search(text, max(0, begin - 3), begin)
    return level is not None and text.endswith(rules.quote["title_triggers"] + _TITLE_AIMS, 0, level.start()) and \
        index.token(begin).tag != "ns" and \
        not any(rules.lexicon.get(name[:k], ("", ""))[0] == "Place" for k in range(2, 5))
_WATER_RULES = {"place-river", "place-river-he", "place-lake"}  # the one-character water suffixes (江, 河, 湖)


def _province_run_start(index: TokenIndex, begin: int, name: str) -> tuple[int, str]:
    """Where a name opened by a province's abbreviation starts when more abbreviations run before it."""
    provinces, text = province_abbreviations(), index.text
    if not name or name[0] not in provinces:
        return begin, name
    start = begin
    while start > 0 and text[start - 1] in provinces and begin - start < _MAX_PROVINCE_RUN:
        start -= 1
    # (the run starts a word: 打造|川滇藏青甘…, not the end of one: 更|新渝…)
    while start < begin and not index.is_boundary(start):
        start += 1
    return start, text[start:begin] + name


_DIVISION_TAIL_LEVELS = frozenset({"city", "province"})
_COMMON_SHORT_RULES = frozenset({COMMON_WORD, COUNTY_SHORT_COMMON})


def _division_tail(index: TokenIndex, begin: int, name: str, rules: RuleBook) -> int:
    """The length of the prefecture's or province's name that ends ``name`` after words that are no place, or 0."""
    reference = rules.reference
    if reference is None or rules.lexicon.get(name, ("", ""))[0] == "Place":
        return 0
    for k in range(1, len(name) - 1):
        tail, head = name[k:], name[:k]
        if len(tail) < 2 or not index.is_boundary(begin + k) or \
                not any(level in _DIVISION_TAIL_LEVELS for _, _, level in reference.places_of.get(tail, ())) or \
                rules.lexicon.get(tail, ("", ""))[0] != "Place":
            continue
        # (an address: a place, or a place's first word, before it: 广东省江门市, 北京丰台区)
        # (a short form that is also a common word, 平安 or 和平, is no place before it: 平安|连云港)
        if any(rules.lexicon.get(head[:j], ("", ""))[0] == "Place" and
               rules.lexicon[head[:j]][1] not in _COMMON_SHORT_RULES for j in range(2, len(head) + 1)):
            return 0
        return len(tail)
    return 0


def _level_run(name: str, rules: RuleBook) -> bool:
    """Whether ``name`` is made of level words with at most one character before each, as a list of levels
    (市县镇村: two bare level words), a repeated pattern (古镇古村) or a slogan linking them (强镇带村)."""
    units, i = [], 0
    levels = rules.place_phrase_chars
    while i < len(name):
        if name[i] in levels:
            units.append("")
            i += 1
        elif i + 1 < len(name) and name[i + 1] in levels:
            units.append(name[i])
            i += 2
        else:
            return False
    if len(units) < 2:
        return False
    return units.count("") >= 2 or len(set(units)) == 1 or \
        any(u and u in rules.level_link_chars for u in units[1:])


_PROPER_AFTER_DESCRIPTION = ("x", "nz", "nr", "nrt", "ns")


def _after_description(index: TokenIndex, begin: int, start: int, rules: RuleBook) -> int:
    """Where the name starts after a superlative description (全省最大新型储能|祝桑红星光伏电站): the first proper
    word after the last superlative word, else ``begin`` (全省最大|铝制品产业园 stays a description)."""
    i, last = index.at[begin], None
    while i < len(index.tokens) and index.tokens[i].end <= start:
        if len(index.tokens[i].text) > 1 and index.tokens[i].text.startswith(rules.superlative_prefixes):
            last = i
        i += 1
    if last is None:
        return begin
    j = last + 1
    while j < len(index.tokens) and index.tokens[j].end <= start:
        if index.tokens[j].tag in _PROPER_AFTER_DESCRIPTION:
            return index.tokens[j].start
        j += 1
    return begin


def _described(index: TokenIndex, begin: int, rules: RuleBook) -> bool:
    """A rank or size word makes the phrase a description (全省最大|铝制品产业园, 5个|百亿|产业园), not a name."""
    first, prev = index.token_at(begin), index.token_at(begin - 1) if begin > 0 else None
    if first is not None and first.start == begin and rules.magnitude is not None and rules.magnitude.match(first.text):
        return True
    return any(token is not None and len(token.text) > 1 and token.text.startswith(rules.superlative_prefixes)
               for token in (first, prev))


def _counted(index: TokenIndex, begin: int, start: int, rules: RuleBook) -> bool:
    """A count right before a name without a proper element makes it a class noun (200个|样板村, 29个|扩权赋能县)."""
    return bool(_COUNT_BEFORE.search(index.text, max(0, begin - 6), begin)) and not has_proper(index, begin, start, rules)


def _context_ok(index: TokenIndex, start: int, end: int, rule, rules: RuleBook) -> bool:
    """The characters around a suffix allow it to end a name."""
    text, token = index.text, index.token_at(end - 1)
    # a place word ending at the suffix is whole even before a compound (汉北河|流域, not 河流)
    whole_place = token is not None and token.end == end and token.start < start and token.tag == "ns"
    # the suffix begins a longer common word (改革|开放, 发展改革委, 园区, 市域, 教师线上)
    compound = None if whole_place else rules.suffix_compounds.match(text, start)
    if compound is not None and compound.end() > end:
        return False
    # the name modifies what follows (“枫桥经验”): it is not mentioned as a place or facility
    if rules.modifier_followers.match(text, end):
        return False
    # a suffix that is also a verb must be used as a noun (…城市创建，/…创建工作, not 创建 + a title)
    # (a body's name glossed with its host city, 网易（北海）联合创新中心, needs no opening verb after it)
    return rule.followed_by is None or bool(rule.followed_by.match(text, end)) or \
        rule.label == "Agency" and _hosted(index, start, rule.max_prefix)


def _hosted(index: TokenIndex, start: int, max_prefix: int) -> bool:
    """A host city in brackets lies in the words before ``start`` (黄石（深圳）离岸科创|中心): one place word in
    full-width brackets after a word, with no punctuation between the bracket and the suffix."""
    text = index.text
    closing = text.rfind("）", max(0, start - max_prefix), start)
    if closing < 0 or any(ch in PUNCT for ch in text[closing + 1:start]):
        return False
    opening = text.rfind("（", max(0, closing - 7), closing)
    inner = index.token_at(opening + 1) if opening > 0 else None
    return inner is not None and inner.start == opening + 1 and inner.end == closing and inner.tag == "ns" and \
        "\u4e00" <= text[opening - 1] <= "\u9fff"


def _programme_ok(index: TokenIndex, begin: int, start: int, rules: RuleBook) -> bool:
    """A programme name is more than a verb phrase or a count (抓改革, 深化改革, 14项改革)."""
    prev = index.token_at(start - 1)
    # (a one-character verb governing the suffix, 抓|改革, is refused before the walk: _suffix_stands)
    if prev is not None and prev.end == start and prev.tag.startswith("v"):
        # the prefix is nothing but one report verb (提升|行动, 升级|行动)
        if prev.start <= begin and prev.text in rules.object_verbs:
            return False
    # the prefix is one stop word (重点|改革, 深化|改革)
    if prev is not None and prev.start <= begin and prev.text in rules.stop_words:
        return False
    text, first = index.text, index.token_at(begin)
    # a one-character number or time word is no name (完成|年|计划, 推进|年|活动)
    if start - begin == 1 and first is not None and first.tag in ("m", "t", "q"):
        return False
    # the prefix is a level word or a number only (省级|督察, 十万|工程): a kind or a count, no name
    prefix = text[begin:start]
    if prefix in rules.designation_prefixes or prefix.isdigit() or all(ch in NUMERAL + "万亿" for ch in prefix):
        return False
    # a series word before the name makes it a class (等系列|民生行动)
    if any(text.startswith(w, begin - len(w)) for w in rules.quote["series_words"]):
        return False
    # one bare word sharing the suffix with coordinated bare words (净化、美化、|绿化行动) is no name
    if begin > 2 and text[begin - 1] == "、" and first is not None and first.start == begin and \
            first.end == start and len(first.text) == 2 and index.is_boundary(begin - 3) and \
            index.token(begin - 3).end == begin - 1:
        return False
    # a descriptive X性 word opens a description (群众性|治安防控工程), not a name
    if first is not None and first.start == begin and len(first.text) > 2 and first.text.endswith("性"):
        return False
    return not rules.count_pattern.search(prefix)


def _after_quote(text: str, begin: int, rules: RuleBook) -> bool:
    """The name starts right after a closing quote, or after a quote and a short series word."""
    for gap in ("", *rules.quote["series_words"]):
        at = begin - len(gap)
        if at > 0 and text[at - 1] in "”」』" and text[at:begin] == gap:
            return True
    return False


def _nested_place(inner: Mention, outer_suffix: str, rules: RuleBook) -> bool:
    """A lake or river keeps its name inside a larger name (北湖|夜市), but not inside another water (东西湖|连通渠)."""
    return inner.rule in rules.nested_place_rules and \
        not any(r.id in rules.nested_place_rules for r in rules.suffixes[outer_suffix])


def shared_head(text: str, m: Mention, suffix: str) -> Mention:
    """A programme word shared by an enumeration before it names the whole (蓝天、碧水、净土|保卫战,
    以电代柴、以气代柴|工程): parallel items of the same length, separated by 、, open the name.

    The last item is the name's stem (up to one character the rule left out: 以|气代柴工程); every item has its
    length, and with two items only they must share a first or last character (parallel wording).
    """
    if m.type != "Program" or m.rule not in _SHARED_HEAD_RULES or not m.text.endswith(suffix):
        return m
    last = next((s for s in (m.start, m.start - 1) if s > 0 and text[s - 1] == "、"), None)
    if last is None:
        return m
    stem = text[last:m.end - len(suffix)]
    middles: list[str] = []
    pos = last - 1  # at a 、
    while True:
        item = _ITEM.search(text, max(0, pos - 4), pos)
        if item is None:
            return m
        head = item.group()
        sep = text.rfind("、", max(0, pos - 5), pos)
        if sep >= 0 and pos - sep - 1 >= 2:  # a whole item between two 、
            middles.append(text[sep + 1:pos])
            pos = sep
            continue
        size = len(middles[0]) if middles else len(stem)
        if len(head) < size or any(len(x) != size for x in middles) or not 2 <= size <= 4 or \
                not middles and not (head[-size] == stem[0] or head[-1] == stem[-1]):
            return m
        begin = pos - size
        return Mention(begin, m.end, text[begin:m.end], m.type, m.rule)


def local_unit(text: str, m: Mention, rules: RuleBook) -> Mention:
    """A body followed by a place and a centre or platform word names that local unit as a whole
    (…国家实验室南昌物种创新平台, …运营中心眉山中心): the parent body alone is no name there."""
    if m.type != "Agency":
        return m
    for k in (4, 3, 2):
        found = rules.lexicon.get(text[m.end:m.end + k])
        if found is not None and found[0] == "Place" and found[1] not in _COMMON_WORD_PLACES:
            unit = _LOCAL_UNIT.match(text, m.end + k)
            if unit:
                return Mention(m.start, unit.end(), text[m.start:unit.end()], m.type, m.rule)
            break
    return m


def _place_at(text: str, at: int, rules: RuleBook) -> bool:
    """A place name of the reference data starts at ``at``."""
    return any((found := rules.lexicon.get(text[at:at + k])) is not None and found[0] == "Place" and
               found[1] not in _COMMON_WORD_PLACES for k in (4, 3, 2))


_LAST_ITEM = re.compile(r"、([\u4e00-\u9fff]{2,4}?)(攻坚战|保卫战)")


def _shared_heads_unfound(index: TokenIndex, found: list[Mention], rules: RuleBook) -> list[Mention]:
    """Enumerations sharing a campaign word whose last item alone the suffix rule did not take
    (蓝天、碧水、净土|保卫战: 净土 alone is a common word): named whole by :func:`shared_head`. Only the battle
    words: items before 行动 or 工程 without a name of their own describe work done (净化、美化、绿化|行动)."""
    text = index.text
    ends = {m.end for m in found}
    out = []
    for match in _LAST_ITEM.finditer(text):
        suffix = match.group(2)
        rule = rules.suffixes.get(suffix, [None])[0]
        if match.end() in ends or rule is None or rule.label != "Program":
            continue
        last = Mention(match.start(1), match.end(), match.group(1) + suffix, "Program", rule.id)
        whole = shared_head(text, last, suffix)
        items = whole.text[:-len(suffix)].split("、")
        # strictly parallel items (same length), not a series of one verb (统一思想、统一意志、统一行动)
        if whole.start < last.start - 1 and len({len(item) for item in items}) == 1 and \
                len({item[:2] for item in items}) == len(items):
            out.append(whole)
    return out


def _improvement_stems_unfound(index: TokenIndex, found: list[Mention], rules: RuleBook) -> list[Mention]:
    """Programme names with an improvement-verb stem (农业产业体系升级行动) where no suffix name ends at their end,
    or where the suffix name there is shorter (提升|三年行动: dropped from ``found`` in place)."""
    by_end = {m.end: m for m in found if m.type == "Program"}
    out = []
    for m in improvement_stem_names(index, rules):
        rule = rules.suffixes.get(_suffix_of(m.text, rules))
        if _after_quote(index.text, m.start, rules) or m.text in rules.generic_names or \
                rule is not None and rule[0].reject is not None and rule[0].reject.search(m.text):
            continue
        there = by_end.get(m.end)
        if there is not None:
            if there.start <= m.start:
                continue
            found.remove(there)  # a cut of this name (提升|三年行动, 综合整治|三年行动计划): the stem reads it whole
        out.append(m)
    return out


_SUFFIX_OF_MAX = 6  # the longest suffix word _suffix_of reads


def _suffix_words(rules: RuleBook) -> Affixes:
    """The suffix words of up to :data:`_SUFFIX_OF_MAX` characters, as one look-up per word length."""
    return Affixes(word for word in rules.suffixes if len(word) <= _SUFFIX_OF_MAX)


def _suffix_of(name: str, rules: RuleBook) -> str:
    """The longest suffix word (of up to six characters) that ends the name ('' when none)."""
    return derived(rules, _suffix_words).suffix(name) or ""


def suffix_mentions(index: TokenIndex, rules: RuleBook) -> list[Mention]:
    """Suffix names without inner names absorbed by an outer suffix word, plus the firms inside facilities."""
    found = [local_unit(index.text, shared_head(index.text, m, _suffix_of(m.text, rules)), rules)
             for m in suffix_names(index, rules)]
    found.extend(_shared_heads_unfound(index, found, rules))
    found.extend(_improvement_stems_unfound(index, found, rules))
    found.extend(national_pilots(index))
    ends_by_start: dict[int, list[int]] = {}
    for m in found:
        ends_by_start.setdefault(m.start, []).append(m.end)
    # an inner suffix name is dropped when the outer name is the inner one plus another suffix word
    # (a lake or river keeps its own name inside a larger one: 北湖|夜市, 张家湖|片区)
    kept = [m for m in found if not (m.end - m.start > 1 and index.text[m.end - 1:m.end] in rules.suffixes and any(
        e > m.end and index.text[m.end:e] in rules.suffixes and not index.text[m.end:e].endswith("期") and
        not _nested_place(m, index.text[m.end:e], rules) for e in ends_by_start[m.start]))]
    # a parent body or firm inside a branch's name (武汉仲裁委员会|天门分会, 市幼儿园|分校…) is not named
    kept = [m for m in kept if m.type not in ("Agency", "Company") or not _BRANCH.match(index.text, m.end)]
    # … and a parent body before a place that opens its branch's name (中国科学院|赣江|创新研究院)
    longer = {(m.start, m.end) for m in kept if m.type == "Agency"}
    kept = [m for m in kept if m.type != "Agency" or
            not any(s == m.start and e > m.end for s, e in longer) or not _place_at(index.text, m.end, rules)]
    return prefer_short_firms(kept + list(firm_names(index, kept, rules)))
