"""Entity mentions from rule data: the orchestrator and the simpler rule families.

Quotes (extractors.quotes), suffix names (extractors.suffixes), firms
(extractors.firms) and list items (extractors.lists) live in their own modules;
numeric abbreviations, direction zones, the lexicon and known terms are here.

Boundaries are found on the raw characters (regular expressions and
Aho–Corasick automata); jieba tokens and their dictionary tags are only hints
for where a name starts. Each rule family is a small generator yielding
:class:`~extractors.records.Mention` records with the rule's id, so a wrong
entity can always be traced to the data line that produced it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator

from extractors.documents import inside_named_spans, named_documents, with_sections
from extractors.firm_cues import capacity_firms, firm_cue_names, province_firms
from extractors.firms import firm_led_projects, firm_names, industry_firms
from extractors.lists import list_items, sibling_items
from extractors.matcher import WordMatcher
from extractors.misfires import drop_misfires, trim_sibling_verbs
from extractors.names import MEASURES, NUMERAL, TokenIndex
from extractors.place_brands import place_brands
from extractors.quotes import natural_set, quoted_names
from extractors.records import Mention
from extractors.regions import region_names
from extractors.reference import member_follows, nested_place, reference_ok, reference_pass, river_part, short_instead
from extractors.rules import RuleBook
from extractors.spans import tidy_spans
from extractors.suffixes import suffix_mentions, suffix_names

__all__ = ["TokenIndex", "find_mentions", "quoted_names", "numeric_abbreviations", "suffix_names",
           "firm_names", "industry_firms", "zone_names", "list_items", "lexicon_names", "term_names"]

# (the look-behind after the first numeral, not before it: the scan then jumps to numerals instead of trying every
# position of the report)
_NUMERIC_ABBREV = re.compile(rf"([{NUMERAL}])(?<![{NUMERAL}\d][{NUMERAL}])([\u4e00-\u9fff])([{NUMERAL}])([\u4e00-\u9fff])")
_BIG_N = re.compile(r"([三四五六七八九十])(?<![\u4e00-\u9fff][三四五六七八九十])大([\u4e00-\u9fff]{1,4}?)(攻坚战|行动|工程|战略|攻坚)")
_TIME_MEASURES = set("年月日天次回遍点周期号轮届")  # time and ordinal measures: 二期三号, 一轮十大 are counts
_NUMBER_UNITS = set("万亿")
_QUOTE_SPAN = 40  # the longest quote looked for around a numeric abbreviation
_PARTICLES = set("的地得了之")
_UNIT_WORDS = {"千瓦", "千米", "千克", "千吨", "千亩", "千元", "千人", "千户"}


def numeric_abbreviations(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Numeral-word-numeral-word abbreviations (三供一业, 一单四制) and 三大X攻坚战 names."""
    text = index.text
    for match in _NUMERIC_ABBREV.finditer(text):
        s, e = match.span()
        # a part of a longer quote (“一主一副、两翼联动、多点支撑”, “四级三类”, “十百千万工程”): the quote rule
        # decides whether the whole names a programme; its numeric parts name nothing alone
        if _inside_quote(text, s, e):
            continue
        if match.group(2) in _TIME_MEASURES or match.group(4) in _TIME_MEASURES:
            continue
        token = index.token_at(s)
        if token and token.start == s and token.end == e and token.tag == "i":
            continue  # an idiom such as 一心一意
        if token and token.start == s and token.tag == "ns":
            continue  # the numeral opens a place name (九江|三地)
        if e < len(text) and text[e] in NUMERAL:
            continue
        # the last character starts a longer word (一城五中|心, 十个一体|化): a slogan phrase, not an abbreviation
        if not index.is_boundary(e):
            continue
        # a counted number (三个十万, 五个百亿) is a quantity, not an abbreviation (but 十百千万 is one)
        if match.group(2) in MEASURES and match.group(4) in _NUMBER_UNITS:
            continue
        # a repeated count (一件一件), a number with a particle (百分百的) or a quantity with its unit
        # (百万千瓦: 万 then 千瓦) is no abbreviation
        if match.group(1, 2) == match.group(3, 4) or match.group(4) in _PARTICLES or \
                match.group(2) in _NUMBER_UNITS and text[s + 2:e] in _UNIT_WORDS:
            continue
        # rivers or mountains counted (两江一河, 三江六岸) name the area they form
        label = "Place" if natural_set(text[s:e], rules) else "Program"
        yield Mention(s, e, text[s:e], label, "numeric-abbreviation", text[s:e])
    for match in _BIG_N.finditer(text):
        yield Mention(match.start(), match.end(), match.group(0), "Program", "numeric-big", match.group(0))


def zone_names(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Planning zones named by a direction + 部 and a zone word (北部生态区, 南部产城融合区) are Places."""
    if rules.zone_pattern is None:
        return
    for match in rules.zone_pattern.finditer(index.text):
        # the zone starts a word (推进|北部生态区), not inside one (西部|地区 is the suffix rule's)
        if index.is_boundary(match.start()):
            yield Mention(match.start(), match.end(), match.group(0), "Place", "place-zone-direction")


def lexicon_names(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Known bodies and places from the lexicon (党中央, 区人大常委会, 湖南省…), longest match."""
    home = rules.reference.home(index.text) if rules.reference is not None else (frozenset(), frozenset())
    for m in _automaton_matches(index.text, rules.lexicon_automaton, lambda word: rules.lexicon[word][0],
                                lambda word: rules.lexicon[word][1]):
        # a short word must be a whole token run (作协 is not a word inside 合作协议)
        if len(m.text) <= 3 and not (index.is_boundary(m.start) and index.is_boundary(m.end)) and \
                not (rules.reference is not None and (member_follows(index, m, rules.reference) or
                                                      nested_place(index, m, rules.reference) or
                                                      river_part(index, m, rules.reference))):
            continue
        # a gazetteer short form (株洲, 武汉) must stand as a place word, not inside a common one
        # (a prefecture of the report's own province stands whatever jieba's tag: 新余)
        if m.rule == "place-gazetteer-short" and not _tagged_place(index, m) and \
                not (rules.reference is not None and index.is_boundary(m.start) and index.is_boundary(m.end) and
                     rules.reference.in_home_province(m.text, home)):
            continue
        # a county's short form, a country: whole words, a common word only in an enumeration of places
        if rules.reference is not None and not reference_ok(index, m, rules.reference, rules.lexicon, home):
            # …but a full name whose level word starts a longer word still names its place (乡城|县城)
            short = short_instead(index, m, rules.reference, rules.lexicon, home)
            if short is not None:
                yield short
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
    automaton = WordMatcher(word for word in terms if len(word) >= 2)
    if not len(automaton):
        return
    yield from _automaton_matches(index.text, automaton, terms.__getitem__, lambda word: rule)


def _automaton_matches(text: str, automaton: WordMatcher, label_of, rule_of) -> Iterator[Mention]:
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


# the rule families in the order they run ("terms", the known names passed in, is run by find_mentions itself);
# a table built once, not per call: find_mentions also runs on every short name the relation rules read alone
_FAMILIES: dict[str, Callable[[TokenIndex, RuleBook], Iterable[Mention]] | None] = {
    "quote": quoted_names,
    "numeric": numeric_abbreviations,
    "suffix": suffix_mentions,
    "industry": industry_firms,
    "zone": zone_names,
    "region": region_names,
    "list": list_items,
    "lexicon": lexicon_names,
    "firm-cue": firm_cue_names,
    "firm-capacity": capacity_firms,
    "firm-province": province_firms,
    "terms": None,
    "documents": named_documents,
}


def find_mentions(index: TokenIndex, rules: RuleBook, *, terms: dict[str, str] | None = None,
                  families: Iterable[str] | None = None) -> list[Mention]:
    """All mentions found by the rule families (optionally only some), sorted by offset."""
    chosen = list(families) if families is not None else list(_FAMILIES)
    mentions: list[Mention] = []
    for family in chosen:
        runner = _FAMILIES[family]
        mentions.extend(term_names(index, terms or {}, "glossary-term") if runner is None else runner(index, rules))
    mentions = inside_named_spans(mentions, index)
    mentions.extend(list(place_brands(mentions, index)))
    mentions = tidy_spans(_outside_lexicon_tails(_outside_slogans(mentions, rules), rules), index, rules)
    if rules.reference is not None:
        mentions = reference_pass(mentions, index, rules)
    mentions = firm_led_projects(mentions, index.text)
    mentions = with_sections(trim_sibling_verbs(sibling_items(drop_misfires(mentions, index, rules), index.text),
                                                index, rules), index)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def _inside_quote(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` lies inside a “…” quote that holds more than it."""
    opening = text.rfind("“", max(0, start - _QUOTE_SPAN), start + 1)
    if opening < 0 or "”" in text[opening:start]:
        return False
    closing = text.find("”", end, end + _QUOTE_SPAN)
    if closing < 0 or "“" in text[end:closing]:
        return False
    return (opening + 1, closing) != (start, end)


def _outside_slogans(mentions: list[Mention], rules: RuleBook) -> list[Mention]:
    """Drop suffix places cut from inside a quoted programme (“村收镇运区处理”, “三到村三到户”), and suffix
    offices and works cut from inside a quoted slogan of clauses (“首问办、提级办、协同办”, “园区提质、企业满园”)."""
    quotes = [(m.start, m.end, "、" in m.text) for m in mentions if m.rule == "quote" and m.type == "Program"]
    if not quotes:
        return mentions
    quotes.sort()
    starts = [s for s, _, _ in quotes]
    longest = max(e - s for s, e, _ in quotes)
    whole = {(s, e) for s, e, _ in quotes}  # a quote the quote rule calls a programme (“数据湖”, “信用浙江”)

    def inside_quote(m: Mention, clauses: bool = False) -> bool:  # only quotes starting at most `longest`
        i = bisect_right(starts, m.start) - 1                      # before m can hold it: linear
        while i >= 0 and starts[i] >= m.start - longest:
            s, e, listed = quotes[i]
            if m.end <= e and (s, e) != (m.start, m.end) and (listed or not clauses):
                return True
            i -= 1
        return False

    # a one-character place suffix inside a longer quoted slogan ends a phrase word, not a place (nor the whole of a
    # quote the quote rule read as a programme's name: “负碳岛”, “信用浙江”); an office or
    # works word inside a slogan of clauses (协同办, 企业满园) is a verb or a phrase, not a body or a facility
    return [m for m in mentions if not (m.type == "Place" and m.rule.startswith("place-") and
                                        "gazetteer" not in m.rule and m.rule not in _LEXICON_PLACES and
                                        (inside_quote(m) or (m.start, m.end) in whole and
                                                              rules.lexicon.get(m.text, ("", ""))[1] != m.rule) or
                                        m.type in ("Agency", "Project") and m.rule.startswith(("agency-", "project-"))
                                        and inside_quote(m, clauses=True))]


_LEXICON_PLACES = ("place-province", "place-province-short", "place-country", "place-major-water", "place-region")


def _outside_lexicon_tails(mentions: list[Mention], rules: RuleBook) -> list[Mention]:
    """Drop a suffix name that is the tail of a longer lexicon name (大湾区 in 粤港澳大湾区)."""
    starts: dict[int, int] = {}
    for m in mentions:
        if rules.lexicon.get(m.text, ("", ""))[1] == m.rule:
            starts[m.end] = min(starts.get(m.end, m.start), m.start)
    # a grown name ending where a lexicon name ends but starting inside it is that name cut short
    return [m for m in mentions if not (m.end in starts and starts[m.end] < m.start and m.rule.startswith(_GROWN) and
                                        rules.lexicon.get(m.text, ("", ""))[1] != m.rule)]


_GROWN = ("place-", "project-", "agency-", "company-", "program-")
