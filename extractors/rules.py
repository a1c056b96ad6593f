"""Gather the entity rules' data in ``extractors/patterns/`` into one :class:`RuleBook`, once per process.

Rules are data, not code: each rule family has its own data file and typed
vocabulary (:mod:`extractors.families`: ``names.json``, ``suffix_checks.json``,
``place_names.json``, ``firms.json``, ``quotes.json``, ``spans.json``), and the
rows of suffixes, list heads and the lexicon are JSONL files. Every file goes
through the one strict loader (:mod:`extractors.vocabulary`): a missing or
unknown key is an error naming the file and the line, never a rule switched off.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractors.errors import KGError
from extractors.families import (FirmVocabulary, NameVocabulary, PlaceNameVocabulary, SuffixCheckVocabulary,
                                 load_firm_vocabulary, load_name_vocabulary, load_place_name_vocabulary,
                                 load_quote_vocabulary, load_span_vocabulary, load_suffix_check_vocabulary)
from extractors.matcher import WordMatcher
from extractors.reference import Reference, load_reference
from extractors.vocabulary import alternation, load_rows

__all__ = ["RuleBook", "load_rules", "PATTERNS_DIR"]

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"


@dataclass(frozen=True)
class SuffixRule:
    id: str
    label: str
    suffix: str
    min_prefix: int
    max_prefix: int
    reject: re.Pattern | None = None  # a name matching this is a phrase, not a name (…人民代表大会)
    followed_by: re.Pattern | None = None  # what must follow the suffix (创建 + ，/工作/成果, not + an object)
    needs_proper: bool = False  # the name needs a proper-name element before the suffix (…基地)


@dataclass
class RuleBook:
    """Every rule the entity extractor uses, compiled for fast matching.

    The flat fields are the names the rule code reads (``rules.stop_words``); each is
    compiled from one family's typed vocabulary, kept in ``names``, ``suffix_checks``,
    ``places`` and ``firms`` (``rules.stop_words is rules.names.stop_words``), or from the
    JSONL rows (suffixes, list heads, lexicon) and the reference data.
    """

    suffixes: dict[str, list[SuffixRule]]
    suffix_automaton: WordMatcher
    list_heads: dict[str, tuple[str, str]]
    lexicon: dict[str, tuple[str, str]]
    lexicon_automaton: WordMatcher
    name_tags: frozenset[str]
    proper_tags: frozenset[str]
    stop_words: frozenset[str]
    object_verbs: frozenset[str]
    status_tails: tuple[str, ...]
    status_tail_prefixes: frozenset[str]  # every non-empty prefix of a status tail (建, 建设, 改, 改造…)
    generic_names: frozenset[str]
    quote: dict
    max_name_chars: int
    stop_words_for: dict[str, frozenset[str]]
    lead_tags: dict[str, frozenset[str]]
    function_chars: str
    level_chars: str
    proper_required: frozenset[str]
    firm_facilities: tuple[str, ...]
    firm_tags: frozenset[str]
    quote_skips: tuple[re.Pattern, ...]
    common_tags: frozenset[str]
    works_suffixes: frozenset[str]
    works_words: tuple[str, ...]
    industry_automaton: WordMatcher
    brand_tags: frozenset[str]
    build_verbs: frozenset[str]
    suffix_compounds: re.Pattern[str]  # longest first, so match() gives the longest compound
    modifier_followers: re.Pattern[str]
    count_pattern: re.Pattern
    firm_heads: frozenset[str]
    firm_followers: frozenset[str]
    soft_stops: dict[str, frozenset[str]]
    list_kept_tails: tuple[str, ...]
    # the typed vocabularies the flat fields are compiled from, one per family and data file
    names: NameVocabulary  # names.json
    suffix_checks: SuffixCheckVocabulary  # suffix_checks.json
    places: PlaceNameVocabulary  # place_names.json
    firms: FirmVocabulary  # firms.json
    superlative_prefixes: tuple[str, ...] = ()
    magnitude: re.Pattern | None = None
    institution_suffixes: frozenset[str] = frozenset()
    completion_verbs: tuple[str, ...] = ()
    non_brands: frozenset[str] = frozenset()
    theme_words: tuple[str, ...] = ()
    material_classes: tuple[str, ...] = ()
    range_qualifiers: tuple[str, ...] = ()
    split_tags: frozenset[str] = frozenset()
    industry_words: frozenset[str] = frozenset()
    place_followers: tuple[str, ...] = ()
    designation_prefixes: tuple[str, ...] = ()
    proper_free: frozenset[str] = frozenset()
    zone_pattern: re.Pattern | None = None
    brand_heads: frozenset[str] = frozenset()
    industry_list_markers: tuple[str, ...] = ()
    nested_place_rules: frozenset[str] = frozenset()
    place_strip_chars: str = ""
    place_phrase_chars: str = ""
    level_verb_chars: str = ""
    level_link_chars: str = ""
    proper_free_max: int = 3
    name_words: frozenset[str] = frozenset()
    firm_subject_verbs: frozenset[str] = frozenset()
    title_words: tuple[str, ...] = ()
    partner_words: tuple[str, ...] = ()
    direction_chars: str = ""  # 向 + one of these is a direction phrase (向北开放)
    postpositions: frozenset[str] = frozenset()  # one-character locatives that close a phrase (产业链上)
    cap_extend_tags: frozenset[str] = frozenset()  # tags of a word at the prefix cap that still joins the name
    complements: frozenset[str] = frozenset()  # result complements after a verb (用好): never a name's start
    spans: dict = field(default_factory=dict)  # span checks (patterns/spans.json), patterns compiled
    reference: Reference | None = None  # divisions, countries, bodies (extractors.reference)
    reference_families: frozenset[str] = frozenset()  # rule ids of the suffixes_*.jsonl files


#: the optional keys of a suffix rule (suffixes*.jsonl) and their defaults
SUFFIX_DEFAULTS: dict[str, Any] = {"min_prefix": 1, "max_prefix": 16, "reject": None, "followed_by": None,
                                   "needs_proper": False}
#: the optional keys of a list head (lists*.jsonl) and their defaults
LIST_DEFAULTS: dict[str, Any] = {"brands_only": False}
#: the rows of the general lexicon: lexicon.jsonl, then the national programmes
GENERAL_LEXICON_FILES = ("lexicon.jsonl", "lexicon_programmes.jsonl")


def _read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching any of ``words``, longest first (a never-matching one if empty)."""
    return re.compile(alternation(words) if words else r"(?!)")


def _automaton(words) -> WordMatcher:
    return WordMatcher(words)


def _suffix_rules(base: Path) -> tuple[dict[str, list[SuffixRule]], frozenset[str]]:
    """The suffix rules of suffixes.jsonl and the family files suffixes_*.jsonl (by suffix), and the
    rule ids of the reference families (every family file but the programme and project one)."""
    suffixes: dict[str, list[SuffixRule]] = {}
    families: set[str] = set()
    for path in [base / "suffixes.jsonl", *sorted(base.glob("suffixes_*.jsonl"))]:
        for row in load_rows([path], ("id", "label", "suffix"), SUFFIX_DEFAULTS):
            # the reference families' ids (programme and project suffixes have their own checks, misfires.py)
            if path.name not in ("suffixes.jsonl", "suffixes_program_project.jsonl"):
                families.add(row["id"])
            rule = SuffixRule(row["id"], row["label"], row["suffix"], int(row["min_prefix"]),
                              int(row["max_prefix"]), _regex(row["reject"], path),
                              _regex(row["followed_by"], path), bool(row["needs_proper"]))
            suffixes.setdefault(rule.suffix, []).append(rule)
    return suffixes, frozenset(families)


@lru_cache(maxsize=4)
def load_rules(directory: str | None = None) -> RuleBook:
    """Load the rule files from ``directory`` (default: the packaged patterns).

    Every file goes through the one strict loader (:mod:`extractors.vocabulary`): a missing
    or unknown key raises :class:`~extractors.vocabulary.VocabularyError` naming the file and line.
    """
    base = Path(directory) if directory else PATTERNS_DIR
    suffixes, families = _suffix_rules(base)
    # lists.jsonl, then the family files lists_*.jsonl (project lists headed by 水电站, 高速公路…)
    list_rows = load_rows([base / "lists.jsonl", *sorted(base.glob("lists_*.jsonl"))], ("id", "label", "head"),
                          LIST_DEFAULTS)
    heads = {row["head"]: (row["label"], row["id"]) for row in list_rows}
    lexicon = {row["pattern"]: (row["label"], row["id"])
               for row in load_rows([base / name for name in GENERAL_LEXICON_FILES], ("id", "label", "pattern"))}
    names = load_name_vocabulary(base)
    checks = load_suffix_check_vocabulary(base)
    places = load_place_name_vocabulary(base)
    firms = load_firm_vocabulary(base)
    quote, quote_skips = load_quote_vocabulary(base)
    spans = load_span_vocabulary(base)
    reference = load_reference(base, _word_frequency())
    lexicon.update((word, value) for word, value in reference.lexicon.items() if word not in lexicon)
    return RuleBook(
        suffixes=suffixes,
        suffix_automaton=_automaton(suffixes),
        list_heads=heads,
        lexicon=lexicon,
        lexicon_automaton=_automaton(lexicon),
        # name boundaries (names.json)
        name_tags=names.name_tags,
        proper_tags=names.proper_tags,
        stop_words=names.stop_words,
        object_verbs=names.object_verbs,
        status_tails=tuple(sorted(names.status_tails, key=len, reverse=True)),
        status_tail_prefixes=frozenset(tail[:k] for tail in names.status_tails for k in range(1, len(tail) + 1)),
        max_name_chars=names.max_name_chars,
        stop_words_for={label: names.stop_words - words for label, words in names.inner_words.items()},
        lead_tags=names.lead_tags,
        function_chars=names.function_chars,
        level_chars=names.level_chars,
        build_verbs=names.build_verbs,
        soft_stops=names.soft_stops,
        list_kept_tails=names.list_kept_tails,
        split_tags=names.split_tags,
        name_words=names.name_words,
        direction_chars=names.direction_chars,
        postpositions=names.postpositions,
        cap_extend_tags=names.cap_extend_tags,
        complements=names.complements,
        generic_names=frozenset(_read_lines(base / "generic_names.txt")),
        # quotes (quotes.json)
        quote=quote,
        quote_skips=quote_skips,
        common_tags=frozenset(quote["common_tags"]),
        # suffix checks (suffix_checks.json)
        proper_required=checks.proper_required,
        works_suffixes=checks.works_suffixes,
        works_words=checks.works_words,
        suffix_compounds=_alternation(checks.suffix_compounds),
        modifier_followers=_alternation(checks.modifier_followers),
        count_pattern=checks.count_pattern,
        range_qualifiers=checks.range_qualifiers,
        superlative_prefixes=checks.superlative_prefixes,
        magnitude=checks.magnitude_pattern,
        institution_suffixes=checks.institution_suffixes,
        completion_verbs=checks.completion_verbs,
        title_words=checks.title_words,
        # firms (firms.json)
        firm_facilities=firms.firm_facilities,
        firm_tags=firms.firm_tags,
        industry_automaton=_automaton(firms.industry_words),
        industry_words=frozenset(firms.industry_words),
        brand_tags=firms.brand_tags,
        firm_followers=firms.firm_followers,
        non_brands=firms.non_brands,
        theme_words=firms.theme_words,
        material_classes=firms.material_classes,
        partner_words=firms.partner_words,
        firm_subject_verbs=firms.firm_subject_verbs,
        industry_list_markers=firms.industry_list_markers,
        firm_heads=frozenset(word for word, found in suffixes.items() if found[0].label == "Company" and len(word) > 1),
        brand_heads=frozenset(row["head"] for row in list_rows if row["brands_only"]),
        # place-name checks (place_names.json)
        place_followers=places.place_followers,
        designation_prefixes=places.designation_prefixes,
        proper_free=places.proper_free_suffixes,
        proper_free_max=places.proper_free_max,
        zone_pattern=places.zone_pattern,
        nested_place_rules=places.nested_place_rules,
        place_strip_chars=places.place_strip_chars,
        place_phrase_chars=places.place_phrase_chars,
        level_verb_chars=places.level_verb_chars,
        level_link_chars=places.level_link_chars,
        # span checks (spans.json), reference data (divisions, countries, bodies)
        spans=spans,
        reference=reference,
        reference_families=families,
        names=names,
        suffix_checks=checks,
        places=places,
        firms=firms,
    )


def _regex(pattern: str | None, path: Path) -> re.Pattern | None:
    if pattern is None:
        return None
    try:
        return re.compile(pattern)
    except re.error as error:
        raise KGError(f"invalid regular expression {pattern!r} in {path}: {error}; fix the pattern") from None


def _word_frequency():
    """jieba's word counts (a division's short form that is a frequent word is a common word)."""
    from extractors.segment import get_segmenter  # noqa: PLC0415 - the dictionary loads once per process

    return get_segmenter().frequency
