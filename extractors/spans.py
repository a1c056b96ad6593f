"""Span checks on every mention after the rule families ran: cut, counted and generic names.

Each rule family grows a name from its own evidence (a suffix, a list, a quote);
some boundary errors only show once the span is seen in its text: a count or a
capacity figure inside it (31条公路, 日处理3万吨水厂), an 'A至B' route cut at 至
(桥至红星桥), a zone or office word before the real name (技术开发区|海拉尔食品产业园),
a kind with a designation word (国家现代农业产业园), a bare works word (改扩建工程)
or a first word left over from a trimmed verb (落笔|洞国家考古遗址公园). The
vocabularies are in ``patterns/spans.json``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from extractors.derived import longest_first, suffix_rule
from extractors.matcher import any_word
from extractors.misfires import misfire_vocabulary
from extractors.names import PUNCT, TokenIndex, has_proper, opens_place
from extractors.records import Mention
from extractors.rules import RuleBook

__all__ = ["tidy_spans"]

# the families whose spans are grown by this package's boundary rules (not quotes, lexicon or glossary terms)
_GROWN = ("project-", "place-", "company-", "agency-", "program-", "list-")


@lru_cache(maxsize=4)
def _joiners(chars: str) -> re.Pattern[str]:
    """A regex finding any of the route joiners (至, —…) in one C-level scan."""
    return re.compile("[" + re.escape("".join(chars)) + "]")


def tidy_spans(mentions: list[Mention], index: TokenIndex, rules: RuleBook) -> list[Mention]:
    """The mentions with cut spans mended (A至B, zone heads) and counted, capacity and generic names dropped."""
    spans = rules.spans
    if not spans:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        if not m.rule.startswith(_GROWN) or "gazetteer" in m.rule:
            out.append(m)
            continue
        fixed = _mend(m, index, rules)
        if fixed is not None and not _dropped(fixed, index, rules):
            out.append(fixed)
    return _without_inner_routes(_joined_crossings(out, index, rules.lexicon), rules)


def _joined_crossings(mentions: list[Mention], index: TokenIndex, lexicon: dict) -> list[Mention]:
    """A suffix name that starts inside another name and runs past it starts where that name starts.

    海拉尔纪念园 and 纪念园红色旅游景区 cross: the second was cut at the first one's suffix word,
    so its whole name is 海拉尔纪念园红色旅游景区.
    """
    names = sorted((m for m in mentions if m.type in _THINGS), key=lambda m: m.start)
    starts = [n.start for n in names]
    out = []
    for m in mentions:
        # (a known body such as 区人民政府 after a place, 海拉尔|区人民政府, keeps its own span)
        if m.type in _THINGS and m.rule.startswith(_GROWN[:4]) and m.text not in lexicon:
            # only names starting shortly before m can cross it (no name is _MAX_SPAN long)
            near = names[bisect_left(starts, m.start - _MAX_SPAN):bisect_left(starts, m.start)]
            outer = min((n.start for n in near if m.start < n.end < m.end), default=None)
            # …and a suffix name cut inside a longer one that only adds a phase (海拉尔|纪念园红色旅游景区|二期)
            if outer is None and m.type in ("Project", "Agency"):
                outer = min((n.start for n in near if n.type in ("Project", "Agency") and
                             m.end <= n.end and _PHASE_TAIL.fullmatch(index.text, m.end, n.end)), default=None)
            if outer is not None:
                m = _moved(m, outer, index.text)
        out.append(m)
    return out


_THINGS = ("Project", "Place", "Agency", "Company")
_MAX_SPAN = 64  # longer than any name a rule can produce
_PHASE_TAIL = re.compile(r"(?:[一二三四五六七八九十]期)?")


def _mend(m: Mention, index: TokenIndex, rules: RuleBook) -> Mention | None:
    """The mention with its left edge mended, or None when it is a fragment with no whole name."""
    text, spans = index.text, rules.spans
    # an 'A至B' route: the name runs from the first place (呼达罕桥至红星桥连接线公路) or is nothing
    # (…and a works word after a route, 哈密至|重庆特高压直流工程, that the named-works family makes a project later)
    works = m.rule == "program-project-word" and m.start > 0 and text[m.start - 1] in spans["span_joiners"] and \
        bool(misfire_vocabulary().named_works_pattern.search(m.canonical))
    if m.type in spans["span_types"] or works:
        found = _joiners(spans["span_joiners"]).search(text, m.start, m.end) if not works else None
        joint = found.start() if found else None
        if joint is None and m.start > 0 and text[m.start - 1] in spans["span_joiners"]:
            joint = m.start - 1
        if joint is not None:
            begin = _route_start(index, joint, rules)
            if begin is None:
                return None if not works else m
            return _moved(m, begin, text)
    # a piece of a formula joined by ＋ (“示范区＋|大景区＋…”): the work's name starts after the last joiner
    if m.type == "Project":
        joint = max(m.text.rfind(ch) for ch in spans["formula_joiners"])
        if joint >= 0:
            if m.end - (m.start + joint + 1) < 3:
                return None  # (总部＋|基地: a bare kind word)
            m = _moved(m, m.start + joint + 1, text)
    # a works project opened by a build verb (开工|建设|万泉河流域防洪减灾系统治理工程)
    first = index.token_at(m.start)
    if m.type == "Project" and first is not None and first.start == m.start and m.end - first.end >= 4 and \
            first.text in rules.build_verbs:
        m = _moved(m, first.end, text)
    # a phase in brackets right after a work's suffix name (城南污水处理厂（二期）) is part of its name (GUIDELINES)
    if m.type == "Project" and m.rule.startswith("project-") and m.end < len(text) and text[m.end] in "（(":
        phase = spans["bracket_phase"].match(text, m.end)
        if phase is not None:
            m = replace(m, end=phase.end(), text=text[m.start:phase.end()], name=(m.name or m.text) + phase.group())
    # a label's last word opening a work's name (国家重点工程|包银高铁): the name starts after it, at a proper word
    # (not 重大工程|技术创新中心…: a body's name that holds the word)
    if m.type == "Project" and m.text.startswith(tuple(spans["label_starts"])):
        head = next(w for w in spans["label_starts"] if m.text.startswith(w))
        cut = m.start + len(head)
        after = index.token_at(cut)
        if m.end - cut >= 3 and index.is_boundary(cut) and after is not None and after.tag in rules.proper_tags:
            m = _moved(m, cut, text)
    # a zone or office word before a proper name (开发区|海拉尔食品产业园, 办事处|金星村): the name starts after it
    if m.type in ("Project", "Place", "Company") and any_word(spans["zone_heads"]).search(m.text):
        for head in spans["zone_heads"]:
            at = m.text.find(head)
            cut = m.start + at + len(head)
            if at >= 0 and m.end - cut >= 3 and index.is_boundary(cut) and has_proper(index, cut, m.end - 1, rules):
                return _moved(m, cut, text)
    return m


def _moved(m: Mention, begin: int, text: str) -> Mention:
    """``m`` starting at ``begin``; a canonical name without a status word keeps its end."""
    if not m.name:
        return replace(m, start=begin, text=text[begin:m.end])
    name = text[begin:m.start] + m.name if begin < m.start else m.name[begin - m.start:]
    return replace(m, start=begin, text=text[begin:m.end], name=name)


def _route_start(index: TokenIndex, joint: int, rules: RuleBook) -> int | None:
    """Where the first place of an 'A至B' route ending at ``joint`` starts, or None when A is no name."""
    text = index.text
    begin = joint
    # walk left over name-like tokens up to punctuation or a report word (。呼达罕桥|至, 、羊山大道|至)
    while begin > 0 and joint - begin < 10:
        token = index.token(begin - 1)
        piece = text[token.start:begin]
        if any(ch in PUNCT for ch in piece) or token.text in rules.stop_words or token.text in rules.build_verbs or \
                token.text in rules.object_verbs or (token.tag in rules.lead_tags["default"] and token.tag != "vn"):
            break
        begin = token.start
    if joint - begin < 2 or not has_proper(index, begin, joint, rules):
        return None
    return begin


def _dropped(m: Mention, index: TokenIndex, rules: RuleBook) -> bool:
    """A counted, capacity, designation, generic or fragment name that names no single thing."""
    spans, name = rules.spans, m.canonical
    # an item of a list is named by its specification (100万吨铝制品, 九条河水生态修复): only suffix names are checked
    if m.rule.startswith("list-"):
        return False
    # a counted class (31条公路, 5家市疾控中心)
    if m.type != "Program" and spans["count"].match(name):
        return True
    # a place word right after a count names a class of places (29个|扩权赋能县), even with an unknown word in it
    if m.type == "Place" and m.rule.startswith("place-") and \
            spans["count_before"].search(index.text, max(0, m.start - 6), m.start):
        return True
    # a capacity phrase (日处理3万吨水厂, 日产500吨熟料生产线)
    if m.type in ("Project", "Company") and spans["capacity"].search(name):
        return True
    # a counted set of works (6大|铸造产业园, 十大|物流园区; not 三|大乐高速, 五|大道公园) or an event's edition (首届…)
    if m.type == "Project":
        counted = spans["counted_kind"].match(m.text)
        if counted is not None and index.is_boundary(m.start + counted.end()) or spans["edition"].match(name):
            return True
    if m.type == "Project" and m.rule.startswith("project-"):
        # a designation or rank word opens a kind or a title (国家现代农业产业园, 首批国家公园)
        lead = next((w for w in spans["designation_starts"] if name.startswith(w)), None)
        if lead is not None and not has_proper(index, m.start + len(lead), m.end, rules):
            return True
        # a kind named by generic words only (大型商业综合体, 门户枢纽, 特色小镇)
        if m.rule in spans["generic_project_rules"] and _only_words(index, m.start, m.end, rules, m.rule):
            return True
    # a bare works word before 工程 (改扩建工程, 提标改造工程, 配套设施工程)
    if name.endswith("工程") and _works_only(name[:-2], spans["works_only"]):
        return True
    return _fragment(m, index, rules)


def _only_words(index: TokenIndex, start: int, end: int, rules: RuleBook, rule: str) -> bool:
    """The name before its suffix is made of generic kind words only (大型|商业|综合体)."""
    found = suffix_rule(rules, rule)
    suffix = found.suffix if found is not None else ""
    prefix = index.text[start:end - len(suffix)]
    words = longest_first(rules.spans["generic_project_words"])
    while prefix:
        word = next((w for w in words if prefix.startswith(w)), None)
        if word is None:
            return False
        prefix = prefix[len(word):]
    return True


def _works_only(prefix: str, words: list[str]) -> bool:
    """``prefix`` is empty, one character, or a run of works words (提标|改造, 配套|设施)."""
    if len(prefix) <= 1:
        return True
    ordered = longest_first(words)
    while prefix:
        word = next((w for w in ordered if prefix.startswith(w)), None)
        if word is None:
            return False
        prefix = prefix[len(word):]
    return True


def _fragment(m: Mention, index: TokenIndex, rules: RuleBook) -> bool:
    """The name starts with a one-character token glued to the word before it (落笔|洞…, 成达|万高铁)."""
    if m.start == 0:
        return False
    first, before = index.token_at(m.start), index.text[m.start - 1]
    if first is None or first.start != m.start or len(first.text) != 1 or first.end >= m.end:
        return False
    # two one-character pieces are an unknown name split by jieba (仙|庾|敬老院), not a fragment…
    after = index.token_at(first.end)
    if after is None or len(after.text) == 1 or after.tag in ("x", "eng"):
        return False  # …or a character jieba split off an unknown word (茶|马线)
    if opens_place(index, m.start, rules):
        return False  # …or the first character of a place jieba split (建成|盘|州市水系连通工程)
    # the word before must be glued to it (落笔|洞), not a preposition or report word (在|茶马线)
    prev = index.token(m.start - 1)
    return first.tag in rules.spans["fragment_tags"] and first.text not in rules.spans["fragment_keep_chars"] and \
        before not in PUNCT and before not in rules.function_chars and prev.text not in rules.stop_words


def _without_inner_routes(mentions: list[Mention], rules: RuleBook) -> list[Mention]:
    """An 'A至B' route inside a longer route from the same start (呼达罕桥至红星桥 in …连接线公路) is no name."""
    joiners = frozenset(rules.spans["span_joiners"])
    routes = [(m.start, m.end) for m in mentions if not joiners.isdisjoint(m.text)]
    if not routes:
        return mentions
    return [m for m in mentions if not (not joiners.isdisjoint(m.text) and m.type != "Program" and
                                        any(s == m.start and e > m.end for s, e in routes))]
