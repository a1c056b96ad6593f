"""Resolve mentions of one document into entities: one type per name, aliases merged.

Within a document, mentions resolve to entities by exact canonical name, then
by alias rules (quote tails such as “最多跑一次”改革 → 最多跑一次, phase forms
一期, a body's level prefix 区企业服务中心 / 企业服务中心, 株洲市 / 株洲). The
type of a name is chosen by rule priority: a list's head noun and a suffix say
more than a bare quote.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import NamedTuple

from extractors.records import Entity, Mention

__all__ = ["resolve_mentions", "one_per_position", "merge_sections", "RULE_PRIORITY"]

_NO_QUOTE_MARKS = str.maketrans("", "", "“”‘’\"'「」『』《》")  # quotation marks, deleted by str.translate
# higher wins when rules disagree on a name's type
RULE_PRIORITY = {"glossary-term": 1, "quote": 2, "quote-tail": 2, "numeric-abbreviation": 3, "numeric-big": 3,
                 "lexicon": 4, "list": 5, "suffix": 4, "firm-in-facility": 4}
_PREFECTURE_SHORT = "place-gazetteer-short"
_GENERIC_BODY, _NAMED_BODY = "agency-body", "agency-body-named"
_REFERENCE_FIRMS = ("company-central-soe", "company-national-brand")  # the rules of lexicon_firms.jsonl
_LEGAL_FORMS = ("公司", "有限公司", "股份有限公司", "集团公司", "集团")
_PHASE = re.compile(r"(?:[一二三四五六七八九十]|\d+)期$|[（(](?:[一二三四五六七八九十]|\d+)期[）)]$")  # …厂二期, …厂（二期）
_PHASE_ENDS = ("期", "期\n", "期）", "期)")  # how a name that _PHASE finds ends ($ matches before a last line break too)
_LEVEL = ("区", "市", "县", "省")
# a place's bare stem is an alias of the stem + its unit word (湖南 / 湖南省, 小板 / 小板镇); 片区 is an area of its own
# a programme's round (新一轮, 新一批) is part of its name: 工业振兴三年行动 is 新一轮工业振兴三年行动 written short;
# the issuer's level before a round (自治区|新一轮…) is not
_ROUNDS = ("新一轮", "新一批")
_ROUND_START = "新一"  # what every round word opens with
_ISSUER_LEVELS = ("自治区", "省", "市", "州", "县", "区")
_BASIN = "流域"
_UNIT_WORDS = ("省", "县", "区", "镇", "乡", "村", "农场", "地区", "街道")


@lru_cache(maxsize=None)  # rule ids are a fixed set of the data files: each is read once, not once per mention
def _family(rule: str) -> str:
    if rule.startswith("list-"):
        return "list"
    if rule.startswith(("agency-", "place-", "company-", "project-", "program-")):
        return "lexicon" if rule in ("agency-body", "agency-central", "agency-mass-organisation") or \
            rule.startswith("place-province") or rule in ("place-country", "place-major-water", "place-region") \
            else "suffix"
    return rule


def _alias_target(name: str, names: set[str], stems: _Stems | None = None) -> str | None:
    """The canonical name that ``name`` is an alias of, if an alias rule applies.

    ``stems`` (:func:`_stems` of ``names``) lets the round, level and unit rules skip a name that no other name
    extends by such a word, without trying each word (the answer is the same without it).
    """
    # 最多跑一次改革 → 最多跑一次 is handled by quote-tail mentions (they carry the core as name)
    # a project written with its word 项目 (耕食小镇项目) is the project named without it
    if name.endswith("项目") and len(name) >= 4 and name[:-2] in names:
        return name[:-2]
    if len(name) >= 4 and (stems is None or name in stems.rounded):
        rounded = next((r + name for r in _ROUNDS if r + name in names), None)
        if rounded:
            return rounded
    if _ROUND_START in name:  # (a round word holds it: most names hold none)
        level = next((lv for lv in _ISSUER_LEVELS if name.startswith(lv) and name[len(lv):].startswith(_ROUNDS)), None)
        if level and name[len(level):] in names:
            return name[len(level):]
    if not name.endswith("人民政府") and name.endswith("政府"):
        full = name[:-2] + "人民政府"
        if full in names:
            return full
    if stems is None or name in stems.levelled:
        for level in _LEVEL:
            if level + name in names and len(name) >= 4 and not name.startswith(_ROUNDS):
                return level + name
    if name.endswith("市") and len(name) >= 3 and name[:-1] in names:
        return name[:-1]
    # a river's basin is written with the river's name (长江流域 / 长江)
    if name.endswith(_BASIN) and len(name) >= len(_BASIN) + 2 and name[:-len(_BASIN)] in names:
        return name[:-len(_BASIN)]
    if len(name) >= 2 and (stems is None or name in stems.united):
        return next((name + unit for unit in _UNIT_WORDS if name + unit in names), None)
    return None


class _Stems(NamedTuple):
    """What the names of one document give the round, level and unit rules of :func:`_alias_target`."""

    rounded: frozenset[str]  # every name without a round word opening it (新一轮工业振兴三年行动 → 工业振兴三年行动)
    levelled: frozenset[str]  # every name without a level character opening it (区企业服务中心 → 企业服务中心)
    united: frozenset[str]  # every name without a unit word ending it (小板镇 → 小板, 蒋湖农场 → 蒋湖)


def _stems(names: set[str]) -> _Stems:
    """The :class:`_Stems` of ``names``: one pass over the names instead of a look-up per round, level and unit
    word for every name (a name outside them is extended by none of these words into another name)."""
    lengths = {len(unit) for unit in _UNIT_WORDS}
    return _Stems(frozenset(name[len(r):] for name in names for r in _ROUNDS if name.startswith(r)),
                  frozenset(name[1:] for name in names if name[:1] in _LEVEL),
                  frozenset(name[:-k] for name in names for k in lengths if name[-k:] in _UNIT_WORDS))


def _named_bodies(by_name: dict[str, list[Mention]], generic_names: set[str], named_names: set[str]) -> dict[str, str]:
    """A body named with its government (江西省委) is the report's generic body (省委) when both occur
    and no other government's body of that name does (浙江省委 beside 江西省委 keeps both apart).

    ``generic_names`` and ``named_names`` are the names that a mention of the generic and of the named body
    rule has (read in :func:`resolve_mentions`' one pass over the mentions)."""
    generic = {name for name in by_name if name in generic_names}
    named = [name for name in by_name if name in named_names]
    owners: dict[str, list[str]] = defaultdict(list)
    for name in named:
        body = max((g for g in generic if name.endswith(g) and len(name) > len(g)), key=len, default=None)
        if body is not None:
            owners[body].append(name)
    return {names[0]: body for body, names in owners.items() if len(names) == 1}


def _firm_brands(by_name: dict[str, list[Mention]]) -> dict[str, str]:
    """A firm's brand (万华) is an alias of the one firm name it opens (万华化学) in the same report;
    a name with a legal-form word only (天瑞重工公司) is an alias of the plain one (天瑞重工)."""
    firms = [name for name, group in by_name.items() if group and group[0].type == "Company"]
    longer: dict[str, list[str]] = defaultdict(list)
    for name in firms:
        for other in firms:
            if other != name and other.startswith(name) and len(name) >= 2 and len(other) - len(name) <= 4:
                longer[name].append(other)
    out: dict[str, str] = {}
    for name, others in longer.items():
        if len(others) != 1:
            continue
        # a legal-form word only (天瑞重工 / 天瑞重工公司) leaves the name as written most simply
        if others[0][len(name):] in _LEGAL_FORMS:
            out.setdefault(others[0], name)
        elif not any(m.rule in _REFERENCE_FIRMS for m in by_name[name]):
            # (a firm of the reference lexicon is the parent, not a brand of its unit: 中石化 / 中石化南化集团)
            out.setdefault(name, others[0])
    return out


def _absorb_sections(entities: dict[str, Entity], absorbed: set[str]) -> None:
    """A work named with its one section (铁东路核心段, 沿江高铁天门段) is the work its bare name stands for in the
    report (铁东路 / 铁东路核心段, as a phase: GUIDELINES): the bare name is an alias. Not a route from one place to
    another (G318康定至雅江段: one stretch of a longer road), nor a bare name two sections share."""
    sections: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities.values():
        if entity.type != "Project" or not entity.name.endswith(_SECTION) or "至" in entity.name:
            continue
        for k in range(1, _SECTION_CHARS + 1):
            bare = entity.name[:-(k + len(_SECTION))]
            same = entities.get(bare)
            if len(bare) >= 2 and same is not None and same.type == "Project" and bare not in absorbed:
                sections[bare].append(entity)
                break
    for bare, owners in sections.items():
        if len(owners) != 1:
            continue
        entity, same = owners[0], entities[bare]
        absorbed.add(bare)
        entity.mentions = sorted(entity.mentions + same.mentions, key=lambda m: m.start)
        for alias in [bare] + same.aliases:
            if alias not in entity.aliases and alias != entity.name:
                entity.aliases.append(alias)


def merge_sections(entities: list[Entity]) -> list[Entity]:
    """:func:`_absorb_sections` over a list of entities (works named by a status clause join after resolving)."""
    by_name = {e.name: e for e in entities}
    absorbed: set[str] = set()
    _absorb_sections(by_name, absorbed)
    return [e for e in entities if e.name not in absorbed or by_name.get(e.name) is not e]


_SECTION = "段"
_SECTION_CHARS = 4  # the longest section word before 段 (核心段, 荷塘段, 城区段)


def _with_rules(m: Mention, rules: tuple[str, ...]) -> Mention:
    """``replace(m, rules=rules)`` by the constructor: the same mention, without :func:`dataclasses.replace`
    reading the class's fields again for each of the tens of thousands of mentions of an archive."""
    return Mention(m.start, m.end, m.text, m.type, m.rule, m.name, rules)


def one_per_position(mentions: Iterable[Mention]) -> list[Mention]:
    """One mention per text position (start, end), listing every rule that found it.

    Several rule families often find the same words (a quote and a glossary term);
    the position is one occurrence, so it is kept once: ``rule`` is the first rule
    that found it and ``rules`` all of them, in the order they ran.
    """
    if isinstance(mentions, list) and len(mentions) == 1:  # (most entities: one mention, nothing to merge)
        mention = mentions[0]
        return [mention if mention.rules else _with_rules(mention, (mention.rule,))]
    merged: dict[tuple[int, int], Mention] = {}
    for mention in mentions:
        key = (mention.start, mention.end)
        kept = merged.get(key)
        if kept is None:  # (a mention with its rules set is already what _with_rules would make)
            merged[key] = mention if mention.rules else _with_rules(mention, (mention.rule,))
        else:
            extra = tuple(rule for rule in mention.found_by if rule not in kept.rules)
            if extra:
                merged[key] = _with_rules(kept, kept.rules + extra)
    return sorted(merged.values(), key=lambda m: (m.start, m.end))


_COUNTRY = "place-country"
_MARKED_RULES = (_COUNTRY, _GENERIC_BODY, _NAMED_BODY)  # the rules whose names resolve_mentions notes as it groups
_START = attrgetter("start")


def resolve_mentions(mentions: Iterable[Mention]) -> list[Entity]:
    """Group mentions into entities with one type each, canonical names and aliases."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    marked: dict[str, set[str]] = {rule: set() for rule in _MARKED_RULES}  # rule → the names its mentions have
    for mention in mentions:
        name = mention.canonical
        by_name[name].append(mention)
        if mention.rule in marked:
            marked[mention.rule].add(name)
    names = set(by_name)
    entities: dict[str, Entity] = {}
    alias_of: dict[str, str] = {}
    # every name of the country (中国, 新中国, 中华人民共和国) is one entity, under its longest form
    country = sorted((n for n in by_name if n in marked[_COUNTRY]), key=len)
    alias_of.update((name, country[-1]) for name in country[:-1])
    stems = _stems(names)
    for name in sorted(names, key=len):
        target = _alias_target(name, names, stems)
        # a prefecture's short form (甘孜) is not the county of the same stem (甘孜县)
        if target and target[-1] in "县区" and any(m.rule == _PREFECTURE_SHORT for m in by_name[name]):
            continue
        if target and target != name and name not in alias_of:
            alias_of[name] = target
    alias_of.update(_named_bodies(by_name, marked[_GENERIC_BODY], marked[_NAMED_BODY]))
    alias_of.update((short, full) for short, full in _firm_brands(by_name).items() if short not in alias_of)
    for name, group in by_name.items():
        if name in alias_of:
            continue
        if len(group) == 1:  # most names are mentioned once: its type, and its form if it differs (no votes, no sort)
            mention = group[0]
            form = mention.text.translate(_NO_QUOTE_MARKS)
            entities[name] = Entity(name=name, type=mention.type, aliases=[form] if form != name else [],
                                    mentions=[mention])
            continue
        votes: dict[str, int] = {}
        for mention in group:
            votes[mention.type] = votes.get(mention.type, 0) + RULE_PRIORITY.get(_family(mention.rule), 1) * 10 + 1
        label = max(votes.items(), key=itemgetter(1))[0]  # most_common(1)'s answer (the first of the most votes)
        # aliases are surface forms without quotation marks (“最多跑一次”改革 → 最多跑一次改革)
        aliases = sorted({form for m in group if (form := m.text.translate(_NO_QUOTE_MARKS)) != name})
        entities[name] = Entity(name=name, type=label, aliases=aliases, mentions=sorted(group, key=_START))
    for alias, target in alias_of.items():
        while target in alias_of:
            target = alias_of[target]
        entity = entities.get(target)
        if entity is None:
            continue
        if alias not in entity.aliases:
            entity.aliases.append(alias)
        entity.mentions.extend(by_name[alias])
        entity.mentions.sort(key=_START)
    absorbed: set[str] = set()
    for entity in list(entities.values()):
        if entity.name.endswith(_PHASE_ENDS) and _PHASE.search(entity.name):  # (most names end in no 期: no search)
            bare = _PHASE.sub("", entity.name)
            same = entities.get(bare)
            # (a firm's name with a phase is its project: 通威 / 通威四期, the firm an alternative type)
            # (unless the firm is named on its own as an item of a list of firms: 万华、杉杉等企业)
            firm_phase = same is not None and entity.type == "Project" and same.type == "Company" and \
                not any(m.rule.startswith("list-") for m in same.mentions)
            if same is not None and (same.type == entity.type or firm_phase) and bare not in absorbed:
                # the form without its phase is an alias of the phase's name (…标厂 / …标厂一期)
                absorbed.add(bare)
                entity.mentions = sorted(entity.mentions + same.mentions, key=_START)
                if firm_phase and "Company" not in entity.alt_types:
                    entity.alt_types.append("Company")
            if bare and (bare not in entities or bare in absorbed) and bare not in entity.aliases:
                entity.aliases.append(bare)
    _absorb_sections(entities, absorbed)
    for bare in absorbed:
        entities.pop(bare, None)
    for entity in entities.values():
        entity.mentions = one_per_position(entity.mentions)
    return sorted(entities.values(), key=lambda e: (e.mentions[0].start if e.mentions else 0, e.name))
