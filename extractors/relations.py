"""Relations between the entities of one document, each with its sentence.

Rules (one line each, as in textacy's triples; vocabulary in ``patterns/relations.json``):

* ``CO_OCCURS``: two entities named in the same sentence (weighted by count);
* ``LOCATED_IN``: a project, company or agency whose name holds a place's name lies in the
  last such place (新疆广汇广元煤炭储备基地 → 广元, not the investor's 新疆), unless the place is a
  river, lake or the country, or the name is named after it (广州路, 宜宾至新市高速公路) or is a
  firm's name (厦门光莆); holders before 落户/位于/入驻/在 + a place in one clause; 在/于 + a
  place + 建设/布局… + a holder; a place + 的 + a holder; a place directly followed by a holder
  or a list of holders (430片区斯威铁路、铁达能源);
* ``BUILDS``: a firm whose name starts a project's name (湖南建工集团装配式建筑基地), when the firm
  is a firm on its own (:func:`extractors.relation_ends.is_firm`); a firm + 建设/投资建设/承建 + a
  project in one clause, and a project + 由 + a firm + 承建/建设;
* ``PART_OF``: a place whose name starts with another place's name (金山新城产城示范区 → 金山新城),
  only between divisions and named areas (not 岷江新区 → 岷江, not 钦州撤地设市); a city named at
  the head of a metropolitan area or economic belt is part of it (南昌 → 南昌都市圈); a place
  directly followed by a place of a lower administrative level (乌兰巴托市松根海尔汗区);
* ``RELATED_TO``: an entity named inside a glossary definition, to the defined term.

Every typed relation keeps its ``cue``: the stating words, or ``name`` for one name inside another.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, combinations
from pathlib import Path

from extractors.records import Document, Entity, Evidence, Relation
from extractors.relation_ends import firm_in_name, is_firm, known_firm, place_forms_in, place_kind, real_name, rules_of
from extractors.regions import province_abbreviations
from extractors.rules import PATTERNS_DIR
from extractors.typed_data import load_vocabulary
from extractors.vocabulary import alternation

__all__ = ["find_relations", "written_place_forms", "LOCATION_VERBS", "PlaceKindWords", "RelationWords", "relation_words"]

_HOLDERS = ("Project", "Company", "Agency")
_CLAUSE_ENDS = "，。；,;\n"


@dataclass(frozen=True)
class PlaceKindWords:
    """``place_kinds``: which mention rules and name endings give a place its kind (see :func:`place_kind`)."""

    admin_rules: frozenset[str]
    country_rules: frozenset[str]
    whole_rules: frozenset[str]
    whole_suffixes: tuple[str, ...]
    area_before_whole: tuple[str, ...]
    natural_rules: frozenset[str]
    landmark_rules: frozenset[str]


@dataclass(frozen=True)
class RelationWords:
    """The vocabulary of the relation rules: one field per key of ``patterns/relations.json`` (read by
    :func:`extractors.typed_data.load_vocabulary`), then the fields derived from them after loading."""

    location_verbs: tuple[str, ...]  # a holder before one of them + a place (X落户金山新城)
    site_prepositions: tuple[str, ...]  # 在/于 + a place + a site verb + a holder
    site_verbs: tuple[str, ...]
    of_gap: int
    list_joiners: tuple[str, ...]
    admin_levels: tuple[tuple[str, ...], ...]  # place suffixes by level, higher first
    natural_suffixes: tuple[str, ...]
    self_places: tuple[str, ...]
    place_kinds: PlaceKindWords
    firm_context_rules: frozenset[str]
    province_rules: frozenset[str]
    firm_brand_rules: frozenset[str]
    generic_brand: re.Pattern[str]  # a material, a product or a slogan, not a firm's brand (钙基|新材料)
    named_after: re.Pattern[str]  # what follows a place in a name named after it (路, 至)
    route_end: re.Pattern[str]  # what precedes the far end of a route (至)
    brand_max_freq: int  # a word rarer than this in jieba's dictionary reads as a brand
    not_place: tuple[str, ...]
    part_not_inside: re.Pattern[str]  # a campus, a count or an application inside a "place" (…学院北区, 四大片区)
    prose_openers: tuple[str, ...]
    joined_names: re.Pattern[str]  # two names joined into one (南宁站和南宁南站)
    fragment_openers: tuple[str, ...]  # the tail of a longer name (医院广西医院)
    prose_inside: re.Pattern[str]  # a report verb, a list summary or a count inside a name
    cut_heads: tuple[str, ...]  # after every mention, the holder is a name's front (蚌埠铁路|综合货运枢纽)
    sponsor_named: tuple[str, ...]  # a project named after the firm at its head (五粮液机场)
    fragment_rules: frozenset[str]  # a Company found only by these rules and no firm is a fragment of a name
    list_tail: re.Pattern[str]  # what may stand between the last holder of a list and its verb (等项目)
    list_gap: re.Pattern[str]  # between two holders of such a list (、投资80亿元的)
    route_inside: re.Pattern[str]  # a "place" that is a route between two (白沙坪至田西村)
    not_a_site: re.Pattern[str]  # a "place" that is a piece of a longer name (区崇左片区, 神农公司江州片区)
    head_breakers: tuple[str, ...]  # a project name's rest that carries on the head's last word (科技|园)
    head_max: int  # the longest firm read at the head of a project's name
    head_capacity: re.Pattern[str]  # a plant's capacity after a brand (久泰|30万吨…)
    work_endings: tuple[str, ...]  # a facility's ending after a known firm (中国电信|南京公共智算中心)
    capacity_head_max: int  # the longest brand read before a capacity
    phase: re.Pattern[str]
    build_cues: tuple[str, ...]  # longest first (sorted after loading)
    build_gap: re.Pattern[str]  # the words between a firm and the project it builds (CUE: any build cue)
    built_by: re.Pattern[str]  # the end of the words between a project and its builder (由)
    built_by_gap: re.Pattern[str]  # the words after the builder (承建; CUE: any build cue)
    # derived after loading (no key in the file)
    location_verb: re.Pattern[str] = field(init=False)  # one of location_verbs at the end of the text before a place
    site: re.Pattern[str] = field(init=False)  # one of site_prepositions at the end of the text before a place
    site_verb: re.Pattern[str] = field(init=False)  # one of site_verbs at the start of the text after a place
    self_place: re.Pattern[str] = field(init=False)  # any of self_places
    province_abbreviations: frozenset[str] = field(init=False)  # the provinces' (regions.json): 京鲁, 川渝 name no firm

    def __post_init__(self) -> None:
        cues = alternation(self.build_cues)
        derived = {
            "build_cues": tuple(sorted(self.build_cues, key=len, reverse=True)),
            "build_gap": re.compile(self.build_gap.pattern.replace("CUE", cues)),
            "built_by_gap": re.compile(self.built_by_gap.pattern.replace("CUE", cues)),
            "location_verb": re.compile(rf"(?:{alternation(self.location_verbs)})$"),
            "site": re.compile(rf"(?:{alternation(self.site_prepositions)})$"),
            "site_verb": re.compile(rf"^(?:{alternation(self.site_verbs)})"),
            "self_place": re.compile(alternation(self.self_places)),
            "province_abbreviations": province_abbreviations(),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)  # a frozen dataclass sets its derived fields once, here


@lru_cache(maxsize=1)
def relation_words(path: Path | None = None) -> RelationWords:
    """Load ``patterns/relations.json`` (or ``path``) once per process.

    The file must have exactly the keys of :class:`RelationWords`' loaded fields: a missing, unknown
    or mistyped key or a pattern that does not compile raises
    :class:`~extractors.vocabulary.VocabularyError` naming the file (and the line and the key).
    """
    return load_vocabulary(path or PATTERNS_DIR / "relations.json", RelationWords)


LOCATION_VERBS = relation_words().location_verb


def _evidence(doc: Document, offset: int) -> Evidence | None:
    sentence = doc.sentence_at(offset)
    if sentence is None:
        return None
    section = doc.section_at(offset)
    return Evidence(doc.id, sentence.start, sentence.end, sentence.text, section.title if section else None)


def _level(name: str, words: RelationWords) -> int | None:
    for rank, suffixes in enumerate(words.admin_levels):
        if name.endswith(suffixes):
            return rank
    return None


def written_place_forms(entities: list[Entity]) -> list[tuple[str, Entity]]:
    """Every written form of every place (海南 for 海南省), longest first: what :func:`find_relations` and
    :func:`extractors.relation_ends.firms_heading_projects` look places up by (made once by the relation stage)."""
    places = [e for e in entities if e.type == "Place"]
    return sorted({(form, id(p)): (form, p) for p in places
                   for form in (p.name, *p.aliases, *(m.text for m in p.mentions)) if len(form) >= 2}.values(),
                  key=lambda item: -len(item[0]))


def _conflated(place: Entity, form: str) -> bool:
    """Whether ``form`` may mean another division than ``place``: a place whose mentions name two
    divisions (长沙县 with 长沙市), or a county or district named by its city's short form (黄山 for
    黄山区, 西安 for 西安区)."""
    from extractors.rules import load_rules

    levels = {f for f in (place.name, *place.aliases, *(m.text for m in place.mentions))
              if len(f) >= 3 and f[-1] in "省市县区州盟旗"}
    if len(levels) > 1 and form not in levels:
        return True
    city_short = load_rules().lexicon.get(form, ("", ""))[1] == "place-gazetteer-short"
    return city_short and place.name != form and place.name[-1] in "县区旗"


def _co_occurs(doc: Document, placed: list[tuple[int, int, Entity]]) -> Iterator[Relation]:
    """CO_OCCURS: entities named in one sentence, one relation per pair with its count."""
    pair_counts: Counter[tuple[str, str]] = Counter()
    pair_evidence: dict[tuple[str, str], Evidence | None] = {}
    by_sentence: dict[int, list[Entity]] = {}
    sentences, at = doc.sentences, 0
    for start, _end, entity in placed:
        # (placed and the sentences are both in order: the sentence holding each mention by one walk of both, the
        # first sentence that ends after the mention being the only one that may hold it)
        while at < len(sentences) and sentences[at].end <= start:
            at += 1
        if at < len(sentences) and sentences[at].start <= start:
            by_sentence.setdefault(sentences[at].start, []).append(entity)
    for sentence_start, members in by_sentence.items():
        ids = sorted({e.id for e in members})
        if len(ids) < 2:
            continue
        evidence = _evidence(doc, sentence_start)  # once per sentence, not per pair
        pairs = list(combinations(ids, 2))  # (a, b) with a before b, in the order of the nested loops
        pair_counts.update(pairs)
        pair_evidence.update(dict.fromkeys(set(pairs).difference(pair_evidence), evidence))  # the first sentence's
    for (a, b), count in pair_counts.items():
        evidence = pair_evidence[(a, b)]
        if evidence is not None:
            yield Relation(a, "CO_OCCURS", b, evidence, count)


def _site(entity: Entity, forms: list[tuple[str, Entity]], words: RelationWords, suffixes: tuple[str, ...],
          embedded: frozenset[str] = frozenset(), kind_of=place_kind) -> Entity | None:
    """The place a holder's own name puts it in: the last division or area written in the name.

    Only divisions and named areas are sites: a river, the country or a region in a name
    (淮河大道, 中国锦屏地下实验室, 长三角绿色农产品供应基地) puts the thing nowhere, and it still
    hides the town inside its own name (青川河下段治理 is not in 青川).
    """
    name = entity.name
    if any(w in name for w in words.not_place):
        return None  # 安徽科技学院更名大学 is an event, not a thing that lies somewhere
    inside = place_forms_in(name, forms, exclude=entity)
    sites = [(at, form, place) for at, form, place in inside
             if kind_of(place) in ("admin", "area") and not _conflated(place, form)
             and not words.route_inside.search(form) and not words.not_a_site.search(place.name)
             # a named area the report never names on its own, inside this name, is a piece of it (沿|边临港|产业园)
             and not (at > 0 and place.id in embedded and kind_of(place) == "area")
             # a name named after the place does not lie in it: 广州路 in 北海, 宜宾至新市高速公路
             and not words.named_after.match(name, at + len(form)) and not words.route_end.search(name, 0, at)]
    if not sites:
        return None
    # nearest the facility word (新疆广汇广元煤炭储备基地 → 广元, 上海一院蚌埠医院 → 蚌埠), a host in
    # brackets only when nothing else is named (鄂州（武汉）离岸科创园 → 鄂州)
    bracketed = [item for item in sites if item[0] > 0 and name[item[0] - 1] in "（("]
    plain = [item for item in sites if item not in bracketed]
    # ... unless the bracket follows a body's name, not a place's: 香港中文大学（深圳）音乐学院 is in 深圳
    after_body = [item for item in bracketed if not any(a + len(f) == item[0] - 1 for a, f, _p in inside)]
    at, form, place = (after_body or plain or sites)[-1]
    rest = words.phase.sub("", name[at + len(form):])
    # a project called by a firm's name with its home region (厦门光莆, 四川东磁一期) says nothing of its site
    if entity.type == "Project" and len(inside) == 1 and at == 0 and 0 < len(rest) <= 3 and \
            not rest.endswith(suffixes) and _brand(rest, words):
        return None
    return place


def _brand(word: str, words: RelationWords) -> bool:
    """A word jieba's dictionary does not know or hardly knows (光莆, 东磁): a brand, not a thing (核电, 港)."""
    from extractors.segment import get_segmenter

    return get_segmenter().tokenizer.FREQ.get(word, 0) < words.brand_max_freq


def _part_of_named(entity: Entity, forms: list[tuple[str, Entity]], words: RelationWords, kind_of=place_kind) \
        -> tuple[Entity, Entity] | None:
    """(part, whole) from a place named after the place that opens its name, or None."""
    inside = place_forms_in(entity.name, forms, exclude=entity)
    if not inside or inside[0][0] != 0 or inside[0][2].name == entity.name:
        return None
    _at, form, head = inside[0]
    rest = entity.name[len(form):]
    kind, head_kind = kind_of(entity), kind_of(head)
    if _conflated(head, form) or words.named_after.match(rest) or any(w in entity.name for w in words.not_place) \
            or words.part_not_inside.search(entity.name):
        return None
    # a route between places (阜阳港至合肥港) or two divisions side by side (西和县礼县) is no place of its own
    if any(words.route_end.search(entity.name, 0, at) for at, _f, _p in inside[1:]) or \
            any(at == len(form) and f == rest and form[-1] in "县区旗镇乡" and _level(f, words) == _level(form, words)
                for at, f, _p in inside[1:]):
        return None
    # a metropolitan area or economic belt named after its city contains it: 南昌 → 南昌都市圈
    if kind == "whole":
        province = bool(rules_of(head) & words.province_rules)  # 重庆都市圈 is smaller than 重庆市
        return (head, entity) if head_kind == "admin" and not province else None
    # only divisions and named areas, and only a name the place rules read as a place (not 宜宾黄牛)
    if kind in ("natural", "country") or head_kind not in ("admin", "area") or \
            not any(rule.startswith("place-") for rule in rules_of(entity)):
        return None
    return entity, head


def _composite(company: Entity, firms: list[Entity], firm, industry: tuple[str, ...]) -> bool:
    """A firm's name that holds another firm plus more than an industry word (比亚迪深汕汽车 beside 比亚迪)."""
    from extractors.rules import load_rules

    if company.name.endswith(tuple(load_rules().firm_heads)):
        return False  # a unit named as a firm of its own (中石化南化集团 beside 中石化)
    for other in firms:
        if other is company or len(other.name) < 2 or other.name not in company.name or not firm(other):
            continue
        at = company.name.index(other.name)
        if at > 0 or company.name[len(other.name):] not in industry:
            return True
    return False


def _embedded_places(entities: list[Entity]) -> frozenset[str]:
    """Ids of the places named only inside the names of projects, firms or bodies, never on their own."""
    spans = sorted((m.start, m.end) for e in entities if e.type in _HOLDERS for m in e.mentions)
    starts = [s for s, _e in spans]
    reach = list(accumulate((e for _s, e in spans), max, initial=-1))  # reach[i]: the furthest end of spans[:i]

    def inside(start: int, end: int) -> bool:
        # a longer span holding [start, end): one starting before it and ending at or after its end, or one
        # starting with it and ending after it (the last of those, spans being sorted, ends furthest)
        before, upto = bisect_left(starts, start), bisect_left(starts, start + 1)
        return reach[before] >= end or upto > before and spans[upto - 1][1] > end
    return frozenset(p.id for p in entities if p.type == "Place" and p.mentions and
                     all(inside(m.start, m.end) for m in p.mentions))


def _nested(doc: Document, entities: list[Entity], want, words: RelationWords,
            forms: list[tuple[str, Entity]], firm, kind_of=place_kind) -> Iterator[Relation]:
    """BUILDS / LOCATED_IN / PART_OF read from one name written inside another."""
    from extractors.rules import load_rules

    suffixes = tuple(load_rules().suffixes)
    industry = tuple(load_rules().industry_words)
    embedded = _embedded_places(entities)
    firms = [e for e in entities if e.type == "Company"]
    for entity in entities:
        if not entity.mentions:
            continue
        found: list[tuple[str, str, str]] = []  # (source, type, target): the evidence is looked up for these only
        if entity.type == "Project" and want("BUILDS") and not entity.name.endswith(words.sponsor_named):
            owners = [c for c in firms if entity.name.startswith(c.name) and entity.name != c.name and
                      not entity.name.startswith(words.head_breakers, len(c.name)) and
                      (firm(c) or firm_in_name(c, entity.name, forms))]
            # the longest firm that opens the name (华天科技, not 华天; never 智慧 or 横沙), unless it is another
            # firm cut too long (比亚迪|深汕汽车, 深汕|比亚迪汽车)
            for company in sorted(owners, key=lambda c: -len(c.name))[:1]:
                # a known firm + an industry word (比亚迪|新能源商用车) is the known firm's
                company = next((c for c in owners if known_firm(c.name) and
                                company.name[len(c.name):] in industry), company)
                if not _composite(company, firms, firm, industry):
                    found.append((company.id, "BUILDS", entity.id))
        if entity.type in _HOLDERS and want("LOCATED_IN"):
            site = _site(entity, forms, words, suffixes, embedded, kind_of)
            if site is not None:
                found.append((entity.id, "LOCATED_IN", site.id))
        if entity.type == "Place" and want("PART_OF"):
            pair = _part_of_named(entity, forms, words, kind_of)
            if pair is not None:
                found.append((pair[0].id, "PART_OF", pair[1].id))
        evidence = _evidence(doc, entity.mentions[0].start) if found else None
        if evidence is not None:
            for source, rel_type, target in found:
                yield Relation(source, rel_type, target, evidence, cue="name")


def _builds_in_text(doc: Document, placed: list[tuple[int, int, Entity]], words: RelationWords,
                    firm) -> Iterator[Relation]:
    """BUILDS stated in one clause: 中能建投资建设X, X由中交集团承建."""
    text = doc.text
    for index, (start, end, company) in enumerate(placed):
        if company.type != "Company" or not firm(company):
            continue
        evidence = _evidence(doc, start)
        if evidence is None:
            continue
        c_start, c_end = _clause_bounds(text, start, end)
        # firm + 建设/投资建设/承建 + project(s): 潜网集团建设X、Y
        later = [(s, e, h) for s, e, h in _until(placed, index + 1, c_end, end) if h.type != "Place"]
        if later and later[0][2].type == "Project":
            gap = text[end:later[0][0]]
            cue = next((c for c in words.build_cues if c in gap), None)
            if cue and words.build_gap.match(gap):
                cursor = end
                for s, e, project in later:
                    if s < cursor:
                        continue
                    if project.type != "Project" or (cursor != end and text[cursor:s] not in words.list_joiners):
                        break
                    yield Relation(company.id, "BUILDS", project.id, evidence, cue=cue)
                    cursor = e
        # project + 由 + firm + 承建: X由中交集团承建
        match = words.built_by_gap.match(text, end, c_end)
        if match and words.built_by.search(text, c_start, start):
            for _s, _e, project in _back_to(placed, index, c_start):
                if project.type == "Project":
                    yield Relation(company.id, "BUILDS", project.id, evidence, cue="由…" + match.group(0))


def _self_located(doc: Document, entities: list[Entity], placed: list[tuple[int, int, Entity]],
                  words: RelationWords) -> Iterator[Relation]:
    """LOCATED_IN: holders before 落户/位于/在 + 我区/本市 lie in the issuing place (X公司在我区设立子公司)."""
    stem = doc.issuer[:-1] if doc.issuer and len(doc.issuer) > 2 and doc.issuer[-1] in "市县区旗" else doc.issuer
    # the issuing place under its full name or its short form (亳州市, 亳州)
    issuer = next((e for e in entities if e.type == "Place" and doc.issuer and e.name == doc.issuer), None) or \
        next((e for e in entities if e.type == "Place" and stem and e.name == stem), None)
    if issuer is None:
        return
    starts = [s for s, _e, _holder in placed]  # placed is sorted by start: the clause's mentions by bisection
    for match in words.self_place.finditer(doc.text):
        at = match.start()
        c_start, _c_end = _clause_bounds(doc.text, at, match.end())
        evidence = _evidence(doc, at)
        verb = LOCATION_VERBS.search(doc.text[max(c_start, at - 3):at])
        if evidence is None or verb is None:
            continue
        # the holders of one list right before the verb (X、Y等项目落户我市), not any name of the clause
        # (国家、省际联盟组织集采药械在我市落实落地)
        for holder in _list_before(doc.text, placed[bisect_left(starts, c_start):bisect_left(starts, at)],
                                   at - len(verb.group(0)), words):
            yield Relation(holder.id, "LOCATED_IN", issuer.id, evidence, cue=verb.group(0) + match.group(0))


def _list_before(text: str, before: list[tuple[int, int, Entity]], verb_at: int, words: RelationWords) -> list[Entity]:
    """The holders of the one list that ends right before ``verb_at`` (X、Y等项目 + 落户), nearest first."""
    before = [(s, e, h) for s, e, h in before if e <= verb_at]
    # outermost names only (a firm inside a project's name is not an item of the list)
    outer = [(s, e, h) for s, e, h in before
             if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _h in before)]
    found: list[Entity] = []
    cursor = verb_at
    for s, e, holder in reversed(outer):
        gap = text[e:cursor]
        if holder.type not in _HOLDERS or \
                not (words.list_tail.fullmatch(gap) if cursor == verb_at else words.list_gap.fullmatch(gap)):
            break
        found.append(holder)
        cursor = s
    return found


def _until(placed: list[tuple[int, int, Entity]], index: int, limit: int, floor: int):
    """Mentions from ``index`` on that start in [floor, limit) (``placed`` is sorted by start)."""
    for at in range(index, len(placed)):  # not placed[index:]: a copy of the rest per call is quadratic
        item = placed[at]
        if item[0] >= limit:
            return
        if item[0] >= floor:
            yield item


def _back_to(placed: list[tuple[int, int, Entity]], index: int, floor: int):
    """Mentions before ``index`` that start at or after ``floor``, nearest last."""
    at = index
    while at > 0 and placed[at - 1][0] >= floor:
        at -= 1
    return placed[at:index]


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: from after the last clause end before ``start`` to the first
    clause end at or after ``end`` (or the text's bounds)."""
    marks = _clause_marks(text)
    before, after = bisect_left(marks, start), bisect_left(marks, end)
    return marks[before - 1] + 1 if before else 0, marks[after] if after < len(marks) else len(text)


_CLAUSE_MARK = re.compile(f"[{re.escape(_CLAUSE_ENDS)}]")


@lru_cache(maxsize=2)
def _clause_marks(text: str) -> list[int]:
    """Offsets of every clause end of a document's text, in order: a clause is found by bisection, not by
    scanning the text back to its start for every mention (quadratic in the length of a report)."""
    return [match.start() for match in _CLAUSE_MARK.finditer(text)]


def _in_text(doc: Document, placed: list[tuple[int, int, Entity]], want,
             words: RelationWords, forms: list[tuple[str, Entity]], kind_of=place_kind) -> Iterator[Relation]:
    """LOCATED_IN and PART_OF stated by the words around a place, in one clause."""
    text = doc.text
    for index, (start, end, place) in enumerate(placed):
        if place.type != "Place":
            continue
        kind = kind_of(place)
        if kind == "natural":
            continue  # a project on a river or lake does not lie in it
        c_start, c_end = _clause_bounds(text, start, end)
        before, after = text[max(c_start, start - 3):start], text[end:c_end]
        following = list(_until(placed, index + 1, c_end, end))
        holders_after = [(s, e, h) for s, e, h in following if h.type in _HOLDERS]
        targets: list[tuple[Entity, str]] = []
        # holders before 落户/位于/入驻/在 + place: X、Y等项目落户天门
        verb = LOCATION_VERBS.search(before)
        if verb and words.site.fullmatch(verb.group(0)):
            # a bare 在/于 states a site only right after its subject and before a site verb:
            # X在金山新城建设, not 党中央决策部署在浙江落地 or 邹敬园在杭州亚运会
            at = start - len(before) + verb.start()
            if words.site_verb.match(after):
                targets += [(h, verb.group(0)) for s, e, h in _back_to(placed, index, c_start)
                            if s < start and h.type in _HOLDERS and at - e <= 1]
        elif verb:
            # the holders of one list right before the verb (X、Y等项目落户青川), not a firm inside a name
            # the entity rules did not read whole (网易（镇江）联合创新中心落户润州)
            targets += [(h, verb.group(0)) for h in
                        _list_before(text, _back_to(placed, index, c_start), start - len(before) + verb.start(), words)]
        # 在/于 + place, or a place opening its clause, + 建设/引进… + holders: 在金山新城建设X、Y
        site_verb = words.site_verb.match(after)
        # (a place opening its clause or an item of a list: 龙南建设X、赣州经开区建设Y)
        if (words.site.search(before) or start == c_start or text[start - 1:start] == "、") and site_verb:
            opener = words.site.search(before)
            cue = f"{opener.group(0)}…{site_verb.group(0)}" if opener else site_verb.group(0)
            targets += [(h, cue) for _s, _e, h in holders_after]
        # place + 的 + holder: 金山新城的装配式建筑产业园
        if after.startswith("的") and holders_after and holders_after[0][0] - end <= words.of_gap + 1 \
                and not any(ch in text[end:holders_after[0][0]] for ch in "、和及与"):
            targets.append((holders_after[0][2], "的"))
        # place directly followed by a holder or a list of them: 430片区斯威铁路、铁达能源等 (a national firm
        # after a place inside one longer name, 覃塘|京东|智能物流基地, has a plant there, it does not lie there)
        inside_name = any(s2 <= start and e2 > end and h.type in _HOLDERS for s2, e2, h in _back_to(placed, index, c_start))
        cursor = end
        for s, e, holder in following:
            if s < cursor:
                continue  # nested inside the previous holder
            gap = text[cursor:s]
            if holder.type not in _HOLDERS or (gap and (cursor == end or gap not in words.list_joiners)):
                break
            # a holder whose own name names its site (香港|科学园深圳分园) lies there, not before; the country
            # or a region before a name qualifies it (中国|蓝思工业研究院)
            if kind in ("admin", "area") and not (inside_name and known_firm(holder.name)) and \
                    not any(kind_of(p) in ("admin", "area") for _a, _f, p in place_forms_in(holder.name, forms)):
                targets.append((holder, "place before"))
            cursor = e
        found: list[tuple[str, str, str]] = []  # (source, type, cue): the evidence is looked up for these only
        # a site is a division or a named area, never the country or a whole (长三角两大城市群)
        if want("LOCATED_IN") and kind in ("admin", "area", "landmark"):
            for holder, cue in {h.id: (h, c) for h, c in reversed(targets)}.values():
                if holder is not place:
                    found.append((holder.id, "LOCATED_IN", cue))
        # a place directly followed by a lower-level place contains it: 乌兰巴托市松根海尔汗区
        if want("PART_OF") and following and following[0][0] == end and following[0][2].type == "Place":
            inner = following[0][2]
            outer_level, inner_level = _level(place.name, words), _level(inner.name, words)
            if outer_level is not None and inner_level is not None and outer_level < inner_level and \
                    kind in ("admin", "area") and kind_of(inner) in ("admin", "area") and \
                    not words.part_not_inside.search(inner.name + place.name):
                found.append((inner.id, "PART_OF", "place before"))
        evidence = _evidence(doc, start) if found else None
        if evidence is not None:
            for source, rel_type, cue in found:
                yield Relation(source, rel_type, place.id, evidence, cue=cue)


def _cut_fronts(doc: Document, entities: list[Entity], words: RelationWords) -> set[str]:
    """Ids of holders written, every time, as the front of a longer name (蚌埠铁路|综合货运枢纽,
    物流港铁路|专用线, 点军北斗|产业园): a cut the entity rules made, no name to cite. (A firm at the head of
    a facility's name still builds it: 蒙牛乳业|产业园.)"""
    text = doc.text
    return {e.id for e in entities if e.type in _HOLDERS and e.mentions and
            all(text.startswith(words.cut_heads, m.end) for m in e.mentions)}


def _glued(text: str, entity: Entity) -> bool:
    """Whether every mention of ``entity`` runs on into one more character that then goes on differently
    (万达|开先进计算中心, 万达|开统筹发展): the holder is the front of a longer word (万达开, a region), not a name."""
    after = {text[m.end:m.end + 2] for m in entity.mentions}
    return len(entity.mentions) >= 2 and len({a[:1] for a in after}) == 1 and len(after) > 1 and \
        all(len(a) == 2 and "\u4e00" <= a[0] <= "\u9fff" and "\u4e00" <= a[1] <= "\u9fff" for a in after)


def find_relations(doc: Document, entities: Iterable[Entity], *, types: Iterable[str] | None = None,
                   glossary_spans: Iterable[tuple[int, int, str]] = (),
                   place_forms: list[tuple[str, Entity]] | None = None) -> Iterator[Relation]:
    """Typed relations between ``entities`` of ``doc`` (optionally only some ``types``; ``place_forms``: the
    entities' :func:`written_place_forms` when the caller has them already)."""
    wanted = set(types) if types is not None else None
    entities = list(entities)
    words = relation_words()
    placed = [(m.start, m.end, e) for e in entities for m in e.mentions]
    placed.sort(key=lambda item: (item[0], -item[1]))

    def want(rel_type: str) -> bool:
        return wanted is None or rel_type in wanted

    if want("CO_OCCURS"):
        yield from _co_occurs(doc, placed)
    seen: set[tuple[str, str, str]] = set()
    by_id = {e.id: e for e in entities}
    forms = written_place_forms(entities) if place_forms is None else place_forms
    firms: dict[str, bool] = {}

    def firm(company: Entity) -> bool:
        if company.id not in firms:
            firms[company.id] = is_firm(company, forms)
        return firms[company.id]

    kinds: dict[int, str] = {}  # a place's kind reads all its mentions: once per place, not once per mention

    def kind_of(place: Entity) -> str:
        kind = kinds.get(id(place))  # (the entities outlive the call: an id is never reused during it)
        if kind is None:
            kind = kinds[id(place)] = place_kind(place)
        return kind

    cut = _cut_fronts(doc, entities, words)
    # a firm whose every mention runs on into one more word (万达|开…) carries no typed relation, and a "firm"
    # read only from the front of a facility's name that is no firm (吴忠金积|工业园) lies nowhere
    glued = {e.id for e in entities if e.type == "Company" and _glued(doc.text, e)}
    fragments = {e.id for e in entities if e.type == "Company" and rules_of(e) <= words.fragment_rules and not firm(e)}
    located = _self_located(doc, entities, placed, words) if want("LOCATED_IN") else ()
    built = _builds_in_text(doc, placed, words, firm) if want("BUILDS") else ()
    # stated relations first: a relation read from a name keeps the stating words when a sentence has them
    for relation in (*_in_text(doc, placed, want, words, forms, kind_of), *located, *built,
                     *_nested(doc, entities, want, words, forms, firm, kind_of)):
        key = (relation.source, relation.type, relation.target)
        if key not in seen and relation.source != relation.target and \
                not (relation.type == "LOCATED_IN" and relation.source in cut) and relation.target not in cut and \
                relation.source not in glued and \
                not (relation.type != "BUILDS" and (relation.source in fragments or relation.target in fragments)) and \
                real_name(by_id[relation.source]) and real_name(by_id[relation.target]):
            seen.add(key)
            yield relation

    # RELATED_TO: an entity named inside a glossary definition relates to the defined term
    if want("RELATED_TO"):
        by_name = {e.name: e for e in entities}
        for g_start, g_end, term in glossary_spans:
            target = by_name.get(term)
            if target is None:
                continue
            for start, _end, entity in placed:
                if g_start <= start < g_end and entity is not target:
                    evidence = _evidence(doc, start)
                    if evidence is not None:
                        yield Relation(entity.id, "RELATED_TO", target.id, evidence)
