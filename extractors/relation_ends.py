"""What may stand at an end of a typed relation: the kind of a place, a firm that is a firm.

A relation is only as good as its two names. Two questions decide whether a name may carry one:

* :func:`place_kind`: is a place an administrative division (株洲市, 荷塘区, 龙安镇), a named
  area (高新区, 新城, 港), a whole that contains places (南昌都市圈, 长江经济带, 长三角) or a natural
  feature (淮河, 大冶湖, 江汉平原)? Projects lie in divisions and areas, not in rivers.
* :func:`is_firm`: would the entity rules call the company a company on their own, reading its
  name alone (湖南建工集团, 华天科技), or did the text name it as a firm somewhere (in a list of
  firms, with 公司/集团)? A firm found only as the front of a facility's name (智慧|农业示范基地,
  横沙|新洲现代农业产业园) is not enough to say it builds anything.

The vocabularies are in ``patterns/relations.json`` (``place_kinds``, ``firm_context_rules``).
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from extractors.records import Entity, Mention

if TYPE_CHECKING:
    from extractors.rules import RuleBook

__all__ = ["PLACE_KINDS", "place_kind", "is_firm", "firm_in_name", "firm_on_its_own", "may_end_a_firm", "company_ends",
           "firms_heading_projects", "known_firm", "head_ends_cleanly", "place_forms_in", "real_name", "rules_of",
           "HEAD_RULE"]

HEAD_RULE = "company-project-head"  # the rule of a firm known only as the head of a project's name

PLACE_KINDS = ("admin", "area", "landmark", "whole", "natural", "country")


def rules_of(entity: Entity) -> set[str]:
    """Every rule that found one of the entity's mentions (all of them where mentions were merged)."""
    return {rule for m in entity.mentions for rule in getattr(m, "found_by", (m.rule,))}


def place_kind(place: Entity) -> str:
    """``admin``, ``area``, ``landmark``, ``whole``, ``natural`` or ``country`` for a Place entity.

    The rules that found the place's mentions say most (place-gazetteer, place-lake); the
    name's ending decides for the rest (…都市圈 is a whole, …河 natural).
    """
    from extractors.relations import relation_words  # one vocabulary file for the relation rules

    words = relation_words()
    kinds = words.place_kinds
    rules = rules_of(place)
    if rules & kinds.country_rules:
        return "country"
    whole_suffix = next((w for w in kinds.whole_suffixes if place.name.endswith(w)), None)
    # a zone by the airport or the port inside one city (廊坊临空经济区) is an area, not a whole of places
    if whole_suffix and place.name[: -len(whole_suffix)].endswith(kinds.area_before_whole):
        return "area"
    if whole_suffix or rules & kinds.whole_rules:
        return "whole"
    if rules & kinds.admin_rules:
        return "admin"
    if rules & kinds.landmark_rules:
        return "landmark"
    if rules & kinds.natural_rules or place.name.endswith(words.natural_suffixes):
        return "natural"
    return "area"


@lru_cache(maxsize=1 << 16)  # names recur across the reports of an archive; ~10 MB at most
def _read_alone(name: str) -> tuple[bool, bool]:
    """What the entity rules find reading ``name`` alone: (a Company that is the whole name, a Place inside)."""
    from extractors.entities import TokenIndex, find_mentions
    from extractors.rules import load_rules

    index = TokenIndex.segment(name)
    mentions = find_mentions(index, load_rules())
    return (any(m.type == "Company" and m.start == 0 and m.end == len(name) for m in mentions),
            any(m.type == "Place" for m in mentions))


@lru_cache(maxsize=1)
def _division_stems() -> frozenset[str]:
    """Short forms of every city and county of the division lexicon (灵武 for 灵武市, 岳池 for 岳池县)."""
    from extractors.rules import load_rules

    stems = set()
    for word, (label, rule) in load_rules().lexicon.items():
        if label == "Place" and rule == "place-gazetteer" and len(word) >= 3:
            stem = word[:-1] if word[-1] in "市县区旗" else word
            stems.add(stem[:2] if "族" in stem or "自治" in stem else stem)
    return frozenset(s for s in stems if len(s) >= 2)


def _opens_with_division(name: str) -> bool:
    return any(name.startswith(stem) for stem in (name[:2], name[:3], name[:4]) if stem in _division_stems())


def firm_on_its_own(name: str) -> bool:
    """True when the entity rules, reading ``name`` alone, find a Company that is the whole name.

    A name that ends on no word a whole-name Company can end on (:func:`company_ends`) is answered
    without running the rules: most prefixes of project names the relation rules try are such names.
    """
    return may_end_a_firm(name) and _read_alone(name)[0]


def may_end_a_firm(name: str) -> bool:
    """Whether ``name`` ends on a word a Company mention covering the whole of it can end on (a
    necessary condition of :func:`firm_on_its_own`, see :func:`company_ends`)."""
    return _company_ends().suffix(name) is not None


def _company_ends():
    """:func:`company_ends` of the loaded rule book as an affix matcher (one set look-up per length of the ends,
    not one endswith per end: every head a project's name is tried at)."""
    from extractors.derived import derived
    from extractors.matcher import affixes
    from extractors.rules import load_rules

    return affixes(derived(load_rules(), company_ends))


def company_ends(rules: RuleBook) -> tuple[str, ...]:
    """The words a Company mention that is the whole of a name read alone can end on.

    Derived from the loaded rule book, so it follows the data files. Why a whole-name Company
    (start 0, end ``len(name)``, see :func:`_read_alone`) must end on one of them, family by family
    of :func:`extractors.entities.find_mentions`:

    * ``company-brand-industry`` (firms.industry_firms) ends where an industry word of
      ``rules.industry_words`` ends (its automaton is built from them);
    * a suffix name (suffixes.suffix_names) ends where its suffix word ends, and its label is that
      word's rule label: the suffix words labelled Company (公司, 集团, 厂, 银行 …);
    * a lexicon name covers one lexicon word: the words labelled Company (中国能建, 通威); the reference
      pass may grow such a firm over an industry word after it (通威|太阳能): an industry word again;
    * every other family ends strictly before the text's end, so never covers a whole name: a
      ``firm-in-facility`` firm ends before its facility word (and prefer_short_firms only cuts it
      shorter); ``company-cue`` before its cue verb, ``company-capacity`` before its capacity word,
      ``company-province-brand`` before the token after the brand; a list item before its 等/count and
      head; a quoted name inside its quotation marks (so starting after 0 too);
    * the other families emit Program, Project or Place only (numeric, zone, region, documents, place
      brands, sibling items; _read_alone passes no glossary terms); no later pass turns a mention into a
      Company (misfires and the reference pass retype to Program or Project), and the passes that move
      an end move it earlier (white space trimmed) or grow Projects and Agencies only (sections, offices),
      tidy_spans moves starts only.

    ``tests/extractors/test_relation_ends.py`` checks the condition against the real rules on names of
    both kinds; a new Company family must add its ends here.
    """
    ends = set(rules.industry_words)
    ends.update(word for word, found in rules.suffixes.items() if any(rule.label == "Company" for rule in found))
    ends.update(word for word, (label, _rule) in rules.lexicon.items() if label == "Company")
    ends.discard("")
    return tuple(sorted(ends))


def real_name(entity: Entity) -> bool:
    """False for a holder's "name" that is prose: opening with a verb of the report (投用市老年福利服务中心),
    joining two names (南宁站和南宁南站), holding a report verb or a count (镇原4县高速), or the tail of a
    longer name (医院广西医院). Such a name carries no typed relation."""
    from extractors.relations import relation_words

    words = relation_words()
    name = entity.name
    return not name.startswith(words.prose_openers) and not words.joined_names.search(name) and \
        not (entity.type != "Place" and (name.startswith(words.fragment_openers) or words.prose_inside.search(name)))


def firm_in_name(company: Entity, project_name: str, forms: list[tuple[str, Entity]]) -> bool:
    """Whether a project's own name shows the company at its head to be a firm: the head is followed
    by a capacity (龙佰|6万吨海绵钛, 永达|1780mm板材) or by an industry word with which the head reads as a
    firm on its own (蒙牛|乳业产业园, 伊戈尔|电气生产基地); never a place or a head with a place in it."""
    from extractors.relations import relation_words
    from extractors.rules import load_rules

    name = company.name
    rest = project_name[len(name):]
    rules = load_rules()
    # 京鲁, 川渝 (provinces), 东融 (a direction and a verb): a cooperation or a slogan
    words = relation_words()
    if set(name) <= words.province_abbreviations or (len(name) == 2 and name[0] in "东西南北中") or \
            words.generic_brand.match(name):
        return False
    if not project_name.startswith(name) or not rest or len(name) < 2 or "Place" in company.alt_types or \
            any(r.startswith("place-") for r in rules_of(company)) or \
            any(form in name for form, _place in forms) or _read_alone(name)[1] or _opens_with_division(name):
        return False
    if rules.spans["capacity"].match(rest):
        return True
    industry = next((w for w in sorted(rules.industry_words, key=len, reverse=True) if rest.startswith(w)), None)
    return industry is not None and firm_on_its_own(name + industry)


def place_forms_in(name: str, forms: list[tuple[str, Entity]], *,
                   exclude: Entity | None = None) -> list[tuple[int, str, Entity]]:
    """Places written inside ``name`` as (offset, form, place), leftmost-longest and not overlapping
    (the forms of ``exclude``, the holder itself, left out)."""
    found: list[tuple[int, str, Entity]] = []
    by_first = _forms_by_first(forms)
    at = 0
    while at < len(name):
        hit = None
        candidates = by_first.get(name[at])
        if candidates:  # longest first
            hit = next(((form, place) for form, place in candidates
                        if place is not exclude and name.startswith(form, at)), None)
        if hit is None:
            at += 1
            continue
        found.append((at, hit[0], hit[1]))
        at += len(hit[0])
    return found


_FORMS_INDEX: list = [None, {}]  # the last forms list and its forms by first character


def _forms_by_first(forms: list[tuple[str, Entity]]) -> dict[str, list[tuple[str, Entity]]]:
    """``forms`` grouped by first character, each group in the order of ``forms`` (longest first). A document's
    forms list is read for every holder: the grouping of the last list is remembered (same list object)."""
    if _FORMS_INDEX[0] is not forms:
        grouped: dict[str, list[tuple[str, Entity]]] = {}
        for form, place in forms:
            grouped.setdefault(form[0], []).append((form, place))
        _FORMS_INDEX[0], _FORMS_INDEX[1] = forms, grouped
    return _FORMS_INDEX[1]


def is_firm(company: Entity, forms: list[tuple[str, Entity]]) -> bool:
    """Whether ``company`` is a firm a typed relation may name (see the module docstring).

    ``forms`` are the written forms of the document's places, longest first: a "firm" that is a
    place (横沙, 海林) or that carries a place inside its brand (岳池|生物医药, 比亚迪深汕|汽车) is
    a cut from a longer name unless the text lists it among firms.
    """
    from extractors.relations import relation_words
    from extractors.rules import load_rules

    words = relation_words()
    name = company.name
    rules = rules_of(company)
    if "Place" in company.alt_types or any(r.startswith("place-") for r in rules):
        return False
    if known_firm(name):
        return True  # a firm of the public reference list, whatever place its name holds: 中国能建, 中国华能
    if name.endswith(tuple(load_rules().firm_heads)):
        return True  # 宁波欧亚公司, 弘远集团
    if words.generic_brand.match(name):
        return False  # a material or a product: 钙基|新材料, 锰系|新材料, 碧根果|食品
    listed = bool(rules & words.firm_context_rules)  # named in a list of firms: 支持南国铜业、新翔铝业等企业
    industry = next((w for w in sorted(load_rules().industry_words, key=len, reverse=True)
                     if name.endswith(w) and len(name) > len(w)), "")
    brand = name[: len(name) - len(industry)]
    if not listed and (any(form in name for form, _place in forms) or _read_alone(name)[1] or _read_alone(brand)[1]
                       or _opens_with_division(name) or brand[-1:] in ("区", "县", "市", "镇", "乡", "村")):
        return False  # a place inside the brand: 岳池|生物医药, 龙潭经开区|化工, 郯城万华, 灵武|新能源
    return listed or bool(rules & words.firm_brand_rules) or firm_on_its_own(name)


def known_firm(name: str) -> bool:
    """A firm of the public reference lexicon (central state-owned enterprises, national brands)."""
    from extractors.rules import load_rules

    return load_rules().lexicon.get(name, ("", ""))[0] == "Company"


def head_ends_cleanly(head: str, project_name: str) -> bool:
    """Whether ``head`` ends where a word of ``project_name`` ends, and the rest does not carry on the
    head's last word into a facility (江汉盐化工|业园 is 江汉|盐化|工业园, 安大科技|园 a 科技园)."""
    from extractors.relations import relation_words
    from extractors.segment import get_segmenter

    rest = project_name[len(head):]
    if not rest or rest.startswith(relation_words().head_breakers):
        return False
    tokens = get_segmenter().tokens(project_name)
    crossing = next((t for t in tokens if t.start < len(head) < t.end), None)
    # jieba may glue a brand to the next word (中鼎亚|德林, 隆基乐叶): only a facility word across the cut refuses it
    return crossing is None or not crossing.text.endswith(_facility_words())


@lru_cache(maxsize=1)
def _facility_words() -> tuple[str, ...]:
    from extractors.rules import load_rules

    return tuple(w for w, found in load_rules().suffixes.items() if found[0].label == "Project" and len(w) > 1)


def _head_of(name: str, forms: list[tuple[str, Entity]]) -> str | None:
    """The firm written at the head of a project's name, when the name alone shows it (see
    :func:`firms_heading_projects`), else None."""
    from extractors.relations import relation_words

    words = relation_words()
    if name.endswith(words.sponsor_named):
        return None  # 五粮液机场 is named after the firm, not built by it
    firms = _lexicon_firms()
    for length in _head_lengths(name, words.head_max):
        head = name[:length]
        known = head in firms  # known_firm(head)
        # firm_on_its_own(head): its necessary condition (may_end_a_firm) is met at every length given
        if not known and not _read_alone(head)[0]:
            continue
        rest = words.phase.sub("", name[length:])
        # a firm's name with a phase only is the firm's project, the firm its other type (通威二期: resolve.py);
        # after a known firm the rest must name a facility, a trade or a plant: 正泰|新能 is a unit, 恒大|林溪郡 an estate
        if not rest or (known and not _names_a_work(rest, words)) or not head_ends_cleanly(head, name) or \
                words.generic_brand.match(head) or \
                head.startswith(words.prose_openers) or set(head[:2]) <= words.province_abbreviations:
            return None
        if not known and (any(form in head for form, _place in forms) or _read_alone(head)[1]
                          or _opens_with_division(head)):
            return None  # a place inside the brand: 江华|机械, 红旗|新能源
        return head
    return _brand_before_capacity(name, forms)


def _head_lengths(name: str, longest: int) -> list[int]:
    """The lengths, longest first from ``min(len(name) - 1, longest)`` down to 2, at which the head of ``name`` is a
    firm of the lexicon (:func:`known_firm`) or, from three characters, ends on a word a whole-name Company can end on
    (:func:`may_end_a_firm`): the only heads :func:`_head_of` reads further. The ends are found by one scan of the
    name, not by a look-up for every head (most heads of a project's name are neither)."""
    top = min(len(name) - 1, longest)
    firms = _lexicon_firms()
    ends = {end + 1 for end, _word in _company_end_matcher().iter(name) if 3 <= end + 1 <= top}
    ends.update(length for length in range(2, top + 1) if name[:length] in firms)
    return sorted(ends, reverse=True)


def _lexicon_firms() -> frozenset[str]:
    """The lexicon's words labelled Company (the words :func:`known_firm` says yes to), once per rule book."""
    from extractors.derived import derived
    from extractors.rules import load_rules

    return derived(load_rules(), _firm_words)


def _firm_words(rules: RuleBook) -> frozenset[str]:
    return frozenset(word for word, (label, _rule) in rules.lexicon.items() if label == "Company")


def _company_end_matcher():
    """:func:`company_ends` of the loaded rule book as one automaton (every end of them inside a name)."""
    from extractors.derived import derived
    from extractors.rules import load_rules

    return derived(load_rules(), _end_matcher)


def _end_matcher(rules: RuleBook):
    from extractors.matcher import WordMatcher

    return WordMatcher(company_ends(rules))


def _names_a_work(rest: str, words) -> bool:
    """Whether the rest of a project's name after a firm names a facility, a trade or a plant (…储能电站,
    …新材料, …30万吨…), not a unit or an estate of the firm (正泰|新能, 恒大|林溪郡)."""
    from extractors.rules import load_rules

    rules = load_rules()
    return rest.endswith(_facility_words() + words.work_endings) or any(w in rest for w in rules.industry_words) or \
        bool(words.head_capacity.search(rest))


def _brand_before_capacity(name: str, forms: list[tuple[str, Entity]]) -> str | None:
    """A brand jieba hardly knows right before a capacity (久泰|30万吨…, 华耀|10GW…, 沃锦储热|40万吨…): the
    firm whose plant it is; never a place, a number or a material (固废|年产140万吨…)."""
    from extractors.relations import _brand, relation_words
    from extractors.segment import get_segmenter

    words = relation_words()
    match = words.head_capacity.search(name, 2)
    if match is None or match.start() > words.capacity_head_max:
        return None
    head = name[:match.start()]
    tokens = get_segmenter().tokens(head)
    if not head[0].isalpha() or not _brand(tokens[0].text, words) or words.generic_brand.match(head) or \
            head.startswith(words.prose_openers) or set(head[:2]) <= words.province_abbreviations or \
            any(form in head for form, _place in forms) or _read_alone(head)[1] or _opens_with_division(head):
        return None
    return head


def firms_heading_projects(entities: list[Entity], *,
                           place_forms: list[tuple[str, Entity]] | None = None) -> list[Entity]:
    """Companies a report names only at the head of a project's name (华建铝业|超高精级特种铝型材,
    中核|紫云储能电站 …): a firm of the reference lexicon, or a head the entity rules read as a firm on
    its own (a brand + an industry word, no place inside), ending on a word boundary of the name.

    Nested names are entities of their own (GUIDELINES: 湖南建工集团 inside 湖南建工集团装配式建筑基地);
    the project's mentions give the firm's. A name already an entity of the report is not made again.
    ``place_forms``: the entities' place forms (``relations.written_place_forms``) when the caller has them already.
    """
    from extractors.relations import written_place_forms

    forms = written_place_forms(entities) if place_forms is None else place_forms
    taken = {e.name for e in entities}
    companies = tuple(e.name for e in entities if e.type == "Company")
    found: dict[str, Entity] = {}
    for project in entities:
        if project.type != "Project" or project.name.startswith(companies):  # (a tuple: any of them)
            continue
        head = _head_of(project.name, forms)
        if head is None or head in taken:
            continue
        firm = found.setdefault(head, Entity(head, "Company"))
        firm.mentions.extend(Mention(m.start, m.start + len(head), head, "Company", HEAD_RULE)
                             for m in project.mentions if m.text.startswith(head))
    for firm in found.values():
        firm.mentions[:] = sorted({m.start: m for m in firm.mentions}.values(), key=lambda m: m.start)
    return [firm for firm in found.values() if firm.mentions]
