"""Quoted names: “…” strings that name a programme, and the programme word after them.

A quoted string is a `Program` unless it is a title won (获评“…”), a metaphor
(“绣花”精神), a ranking or a common word quoted for emphasis. A programme word
right after the quote (“最多跑一次”改革) gives the longer form as an alias.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from extractors.names import TokenIndex, has_proper, is_name_token
from extractors.records import Mention
from extractors.rules import RuleBook

__all__ = ["quoted_names", "natural_set", "title_after_gap"]

_QUOTED = re.compile(r"[“「『\"]([^“”「」『』\"\n]{1,40})[”」』\"]")
_NUMERIC_START = re.compile(r"^[一二三四五六七八九十两双](?![一二三四五六七八九十百千万亿])")
_NUMBER = re.compile(r"^[一二三四五六七八九十百千万\d]{2,}$")
_NUMERIC_SLOGAN = re.compile(r"^[一二三四五六七八九十两\d][^一二三四五六七八九十两\d]{1,3}[一二三四五六七八九十两\d]|^[一二三四五六七八九十两]大")


def _numbered_plan(text: str, end: int, core: str, rules: RuleBook) -> bool:
    """A quoted number before a plan word (“十四五”规划, “131”工作举措) names a plan, not a count."""
    return bool(_NUMBER.match(core)) and text.startswith(rules.quote["numeric_followers"], end)


_LEVEL_WORD = re.compile(r"(?:国家级?|全国|省级?|市级?|自治区|区级|县级)$")
_TITLE_GAP_WINDOW = 16
_TITLE_CLOSERS = "，。；、！"


def _title_level_before(text: str, start: int, q: dict) -> bool:
    """A title trigger, then a level word, right before the quote (被评为|自治区|“六五”普法先进)."""
    level = _LEVEL_WORD.search(text, max(0, start - 3), start)
    if level is None:
        return False
    return text[max(0, level.start() - 4):level.start()].endswith(q["title_triggers"])


def title_after_gap(text: str, start: int, end: int, q: dict) -> bool:
    """The quote ``text[start:end]`` (marks included) is the whole title after a trigger and levels or ordinals
    (荣获|自治区第十二届|“…”。, 入选|第四届|“…”，); a quote inside a longer title is a nested policy (入选|全省|
    “蜀里安逸”消费新场景). Read by the misfire pass, so that the quote still hides the suffix names inside it."""
    if text[end:end + 1] not in _TITLE_CLOSERS:
        return False
    gap = _compiled(q["title_gap_pattern"]).search(text, max(0, start - _TITLE_GAP_WINDOW), start)
    return gap is not None and text[max(0, gap.start() - 4):gap.start()].endswith(q["title_triggers"])


def quoted_names(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """“…” strings name a programme unless they are a title won, a metaphor or a ranking."""
    text, q = index.text, rules.quote
    for match in _QUOTED.finditer(text):
        core, s, e = match.group(1).strip(), match.start(1), match.end(1)
        # over-long strings, rankings, bare numbers and chains of bodies (A—B—C) are not names
        if len(core) > q["max_chars"] or any(p.search(core) for p in rules.quote_skips) and \
                not _numbered_plan(text, match.end(), core, rules):
            continue
        # a saying with a comma (只进一扇门，办成所有事) names nothing unless a programme word follows it
        if _compiled(q["clause_pattern"]).search(core) and _tail_end(index, match.end(), rules) is None:
            continue
        before = text[max(0, match.start() - 4):match.start()]
        if before.endswith(q["title_triggers"]) or _title_level_before(text, match.start(), q):
            continue  # a title won or sought: 获评“…”, 被评为自治区“…”
        after = text[match.end():match.end() + 4]
        if after.startswith(q["metaphor_followers"]):
            continue  # a metaphor: “绣花”精神, “钉钉子”式
        if _is_vision(text, match.start(), match.end(), core, rules) or _is_label(index, match.start(), match.end(),
                                                                                   core, rules):
            continue
        if _is_problem_or_class(text, match.start(), match.end(), core, rules):
            continue
        token, tail_end = index.token_at(s), _tail_end(index, match.end(), rules)
        if len(core) == 2 and not tail_end and token is not None and token.start == s and token.end == e \
                and token.tag in rules.common_tags:
            continue  # a common two-character word in quotes is emphasis (“干部”, “任性”), not a name
        # a programme word after the quote (“一网通办”改革) makes it a programme whatever its last character
        label = "Program" if tail_end else _label_by_suffix(core, rules) or "Program"
        # a quoted kind of facility (“口袋公园”, “飞地园区”, “老年食堂”) with no proper element is a class of facilities
        # (a motion verb in it makes a campaign: “政务服务进园区”)
        if not tail_end and core.endswith(q["facility_class_ends"]) and not _NUMERIC_START.match(core) and \
                not any(ch in "、+＋" or ch in q["slogan_verbs"] for ch in core) and \
                not has_proper(index, s, e, rules):
            continue
        # a numeric abbreviation (“四好农村路”, “三江”), an enumeration (“上规、上榜”) or a quoted kind
        # ending in a common word (“无废城市”, “灯塔工厂”) names a policy, not a facility, place or body
        # a quality word before a typed suffix (“智慧教育岛”, “无废岛”) or a kind the suffix rule rejects is a policy
        if label != "Program" and (core[:2] in rules.non_brands or _rejected(core, rules)):
            label = "Program"
        if natural_set(core, rules):
            label = "Place"  # rivers or mountains counted (“两江一河”) name the area they form
        elif label != "Program" and (_NUMERIC_START.match(core) or any(ch in "、+＋" for ch in core) or
                                   any(core.endswith(g) and len(g) > 1 for g in _common_ends(core, rules))):
            label = "Program"
        # a quoted place word that opens with no place name (“数据湖”, “负碳岛”, “信用浙江”, “文明菜市”) is a
        # metaphor, a slogan or a brand: a programme's name at most, never a place
        if label == "Place" and not natural_set(core, rules) and not _place_led(index, s, core, rules):
            label = "Program"
        # motion verbs opening each half of a short quote make a slogan (“退城入园”, “入园”), not a facility
        verbs = q["slogan_verbs"]
        if label != "Program" and (len(core) in (2, 4) and core[0] in verbs and core[-2] in verbs or
                                   _compiled(q["conversion_pattern"]).match(core)):
            label = "Program"  # …and a switch from one thing to another (“索改桥”) is a policy too
        if label != "Program" and not has_proper(index, s, e, rules):
            continue  # a quoted generic place or facility word (“园中园”, “口袋公园”) is a label, not a name
        # a bare programme word after the quote (“春雷”行动) is an alias of the core; a longer tail after a
        # two-character core (“三农”工作十大提升行动) makes one longer name and the core names nothing alone
        bare_tail = tail_end is not None and text[match.end():tail_end] in q["tails"]
        if tail_end is None or len(core) > 2 or bare_tail:
            yield Mention(s, e, core, label, "quote", core)
        if tail_end:
            name = core if len(core) > 2 or bare_tail else core + text[match.end():tail_end]
            yield Mention(s, tail_end, text[s:tail_end], label, "quote-tail", name)


def _place_led(index: TokenIndex, start: int, core: str, rules: RuleBook) -> bool:
    """The quoted words are a known place or open with a place word (“井冈山”, “江南古镇”, “嘉阳河”)."""
    if rules.lexicon.get(core, ("", ""))[0] == "Place":
        return True
    token = index.token_at(start)
    return token is not None and token.start == start and \
        (token.tag == "ns" or rules.lexicon.get(token.text, ("", ""))[0] == "Place")


def natural_set(core: str, rules: RuleBook) -> bool:
    """A numeric abbreviation counting rivers, lakes, mountains or banks (两江一河, 三江六岸, 一湖两海)."""
    chars = rules.quote["natural_set_chars"]
    return len(core) == 4 and core[0] in _NUMERALS and core[2] in _NUMERALS and core[1] in chars and core[3] in chars


_NUMERALS = "一二三四五六七八九十两"


def _is_vision(text: str, start: int, end: int, core: str, rules: RuleBook) -> bool:
    """A positioning target: “三区一中心”战略定位, or a numeric slogan the city is to become (打造“一城五中心”。)."""
    cue = rules.quote["vision_cue"]
    if text.startswith(tuple(cue["followers"]), end):  # (one C call for any of the words)
        return True
    return text.endswith(tuple(cue["verbs"]), 0, start) and bool(_NUMERIC_SLOGAN.match(core)) and \
        end < len(text) and text[end] in cue["after_chars"]


def _is_problem_or_class(text: str, start: int, end: int, core: str, rules: RuleBook) -> bool:
    """A problem fought (“地沟油”治理), a quality (有“陆羽故里”的灵气) or a counted class (一批“单打冠军”，)."""
    q = rules.quote
    if not _NUMERIC_START.match(core) and text.startswith(q["problem_followers"], end):
        return True
    cue = q["quality_cue"]
    if text.startswith(cue["follower"], end) and text.endswith(tuple(cue["verbs"]), 0, start):
        return True
    count = q["count_cue"]
    # the count must be in the same phrase: no pause between it and the quote (quotes of one series may follow)
    if not (end < len(text) and text[end] in count["after_chars"]):
        return False
    phrase = _PHRASE_TAIL.search(text, max(0, start - count["window"]), start)
    return bool(_compiled(count["pattern"]).search(phrase.group() if phrase else ""))


_PHRASE_TAIL = re.compile(r"[^，。；：、\n]*\Z")  # the words after the last pause


def _compiled(pattern: str) -> re.Pattern:
    """``pattern`` compiled once (the cue patterns of quotes.json)."""
    compiled = _PATTERN_CACHE.get(pattern)
    if compiled is None:
        compiled = _PATTERN_CACHE[pattern] = re.compile(pattern)
    return compiled


_PATTERN_CACHE: dict[str, re.Pattern] = {}



def _is_label(index: TokenIndex, start: int, end: int, core: str, rules: RuleBook) -> bool:
    """A short quote between a noun and a pause or verb is a figurative label (城市“烟火气”加速, 技能“匠才”、)."""
    cue = rules.quote["label_cue"]
    if len(core) > cue["max_chars"] or any(ch.isdigit() or ch in "+＋" for ch in core) or \
            _compiled(rules.quote["conversion_pattern"]).match(core):
        return False  # (a switch, 物资“公转水”，, names a policy)
    prev, after = index.token_at(start - 1), index.token_at(end)
    if prev is None or prev.end != start or prev.tag not in cue["before_tags"]:
        return False
    # followed by a noun (城区“五小”车辆) or a programme word, the quote names a policy target
    return after is None or after.text[0] in cue["after_chars"] or after.tag in cue["after_tags"]


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
        if index.text[pos:end].endswith(q["tails"]):
            best = end
        i += 1
    return best


def _common_ends(core: str, rules: RuleBook) -> list[str]:
    """Generic words that end ``core`` (城市 in 无废城市)."""
    return [core[-k:] for k in range(2, min(len(core), 4) + 1) if core[-k:] in rules.generic_names]


def _rejected(core: str, rules: RuleBook) -> bool:
    """The suffix rule for ``core``'s ending rejects it as a kind (无废岛, 示范村)."""
    for length in range(min(len(core) - 1, 6), 0, -1):
        found = rules.suffixes.get(core[-length:])
        if found:
            return found[0].reject is not None and bool(found[0].reject.search(core))
    return False


def _label_by_suffix(name: str, rules: RuleBook) -> str | None:
    for length in range(min(len(name), 6), 0, -1):
        found = rules.suffixes.get(name[-length:])
        if found and len(name) > length:
            return found[0].label
    return None
