"""Load and validate the rule data in ``extractors/patterns/`` once per process.

Rules are data, not code: suffix lists, list heads, a lexicon of bodies and
places, boundary vocabularies and quote rules all live in JSON/JSONL/TXT files
that a linguist can edit without touching Python. Each file is validated when
loaded, and an error names the file and line.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


from extractors.errors import KGError
from extractors.matcher import WordMatcher
from extractors.records import ENTITY_TYPES
from extractors.reference import Reference, load_reference
from extractors.vocabulary import load_table

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
    """Every rule the entity extractor uses, compiled for fast matching."""

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
    superlative_prefixes: tuple[str, ...] = ()
    magnitude: re.Pattern | None = None
    institution_suffixes: frozenset[str] = frozenset()
    completion_verbs: tuple[str, ...] = ()
    non_brands: frozenset[str] = frozenset()
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


def _read_jsonl(path: Path, required: tuple[str, ...]) -> list[dict]:
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise KGError(f"invalid rule in {path} at line {lineno}: {error.msg}; fix the JSON") from None
        missing = [key for key in required if key not in row]
        if missing:
            raise KGError(f"invalid rule in {path} at line {lineno}: missing {', '.join(missing)}")
        if "label" in row and row["label"] not in ENTITY_TYPES:
            raise KGError(f"invalid rule in {path} at line {lineno}: label {row['label']!r} is not one of "
                          f"{', '.join(ENTITY_TYPES)}")
        rows.append(row)
    return rows


def _read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def _alternation(words) -> re.Pattern[str]:
    """One regex matching any of ``words``, longest first (a never-matching one if empty)."""
    words = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)) if words else r"(?!)")


def _automaton(words) -> WordMatcher:
    return WordMatcher(words)


@lru_cache(maxsize=4)
def load_rules(directory: str | None = None) -> RuleBook:
    """Load the rule files from ``directory`` (default: the packaged patterns)."""
    base = Path(directory) if directory else PATTERNS_DIR
    suffixes: dict[str, list[SuffixRule]] = {}
    # suffixes.jsonl, then the files of single families (suffixes_places.jsonl, suffixes_agencies.jsonl…)
    families: set[str] = set()
    for path in [base / "suffixes.jsonl", *sorted(base.glob("suffixes_*.jsonl"))]:
        for row in _read_jsonl(path, ("id", "label", "suffix")):
            # the reference families' ids (programme and project suffixes have their own checks, misfires.py)
            if path.name not in ("suffixes.jsonl", "suffixes_program_project.jsonl"):
                families.add(row["id"])
            rule = SuffixRule(row["id"], row["label"], row["suffix"], int(row.get("min_prefix", 1)),
                              int(row.get("max_prefix", 16)), _regex(row.get("reject"), path),
                              _regex(row.get("followed_by"), path), bool(row.get("needs_proper")))
            suffixes.setdefault(rule.suffix, []).append(rule)
    # lists.jsonl, then the family files lists_*.jsonl (project lists headed by 水电站, 高速公路…)
    list_rows = [row for path in [base / "lists.jsonl", *sorted(base.glob("lists_*.jsonl"))]
                 for row in _read_jsonl(path, ("id", "label", "head"))]
    heads = {row["head"]: (row["label"], row["id"]) for row in list_rows}
    # lexicon.jsonl, then the national programmes (lexicon_programmes.jsonl)
    lexicon = {row["pattern"]: (row["label"], row["id"])
               for path in (base / "lexicon.jsonl", base / "lexicon_programmes.jsonl") if path.exists()
               for row in _read_jsonl(path, ("id", "label", "pattern"))}
    bounds = json.loads((base / "boundaries.json").read_text(encoding="utf-8"))
    if (base / "firms.json").exists():  # the firm rules' own words (patterns/firms.json)
        firms = load_table(base / "firms.json", {"industry_words": list, "non_brands": list})
        for key in ("industry_words", "non_brands"):
            bounds[key] = list(dict.fromkeys([*bounds.get(key, ()), *firms[key]]))
    quote = json.loads((base / "quotes.json").read_text(encoding="utf-8"))
    stop_words = frozenset(bounds["stop_words"])
    reference = load_reference(base, _word_frequency())
    lexicon.update((word, value) for word, value in reference.lexicon.items() if word not in lexicon)
    return RuleBook(
        suffixes=suffixes,
        suffix_automaton=_automaton(suffixes),
        list_heads=heads,
        lexicon=lexicon,
        lexicon_automaton=_automaton(lexicon),
        name_tags=frozenset(bounds["name_tags"]),
        proper_tags=frozenset(bounds["proper_tags"]),
        stop_words=stop_words,
        object_verbs=frozenset(bounds["object_verbs"]),
        status_tails=tuple(sorted(bounds["status_tails"], key=len, reverse=True)),
        status_tail_prefixes=frozenset(tail[:k] for tail in bounds["status_tails"] for k in range(1, len(tail) + 1)),
        generic_names=frozenset(_read_lines(base / "generic_names.txt")),
        quote={key: tuple(value) if isinstance(value, list) else value for key, value in quote.items()},
        max_name_chars=int(bounds.get("max_name_chars", 20)),
        stop_words_for={label: stop_words - set(words) for label, words in bounds["inner_words"].items()},
        lead_tags={label: frozenset(tags) for label, tags in bounds["lead_tags"].items()},
        function_chars=bounds["function_chars"],
        level_chars=bounds["level_chars"],
        proper_required=frozenset(bounds["proper_required"]),
        firm_facilities=tuple(bounds["firm_facilities"]),
        firm_tags=frozenset(bounds["firm_tags"]),
        quote_skips=tuple(re.compile(p) for p in quote["skip_patterns"]),
        common_tags=frozenset(quote["common_tags"]),
        works_suffixes=frozenset(bounds["works_suffixes"]),
        works_words=tuple(bounds["works_words"]),
        industry_automaton=_automaton(bounds["industry_words"]),
        brand_tags=frozenset(bounds["brand_tags"]),
        build_verbs=frozenset(bounds["build_verbs"]),
        suffix_compounds=_alternation(bounds["suffix_compounds"]),
        modifier_followers=_alternation(bounds["modifier_followers"]),
        count_pattern=re.compile(bounds["count_pattern"]),
        firm_followers=frozenset(bounds["firm_followers"]),
        list_kept_tails=tuple(bounds["list_kept_tails"]),
        soft_stops={label: frozenset(words) for label, words in bounds["soft_stops"].items()},
        superlative_prefixes=tuple(bounds.get("superlative_prefixes", ())),
        magnitude=_regex(bounds.get("magnitude_pattern"), base / "boundaries.json"),
        institution_suffixes=frozenset(bounds.get("institution_suffixes", ())),
        completion_verbs=tuple(bounds.get("completion_verbs", ())),
        non_brands=frozenset(bounds.get("non_brands", ())),
        split_tags=frozenset(bounds.get("split_tags", ())),
        industry_words=frozenset(bounds["industry_words"]),
        place_followers=tuple(bounds.get("place_followers", ())),
        designation_prefixes=tuple(bounds.get("designation_prefixes", ())),
        proper_free=frozenset(bounds.get("proper_free_suffixes", ())),
        zone_pattern=_regex(bounds.get("zone_pattern"), base / "boundaries.json"),
        brand_heads=frozenset(row["head"] for row in list_rows if row.get("brands_only")),
        industry_list_markers=tuple(bounds.get("industry_list_markers", ())),
        nested_place_rules=frozenset(bounds.get("nested_place_rules", ())),
        place_strip_chars=bounds.get("place_strip_chars", ""),
        place_phrase_chars=bounds.get("place_phrase_chars", ""),
        proper_free_max=int(bounds.get("proper_free_max", 3)),
        name_words=frozenset(bounds.get("name_words", ())),
        firm_subject_verbs=frozenset(bounds.get("firm_subject_verbs", ())),
        title_words=tuple(bounds.get("title_words", ())),
        partner_words=tuple(bounds.get("partner_words", ())),
        direction_chars=bounds.get("direction_chars", ""),
        postpositions=frozenset(bounds.get("postpositions", ())),
        cap_extend_tags=frozenset(bounds.get("cap_extend_tags", ())),
        complements=frozenset(bounds.get("complements", ())),
        spans=_span_rules(base / "spans.json"),
        reference=reference,
        reference_families=frozenset(families),
        firm_heads=frozenset(word for word, found in suffixes.items() if found[0].label == "Company" and len(word) > 1),
    )


def _span_rules(path: Path) -> dict:
    """The span checks of ``spans.json`` with their two patterns compiled (empty when the file is absent)."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    data["count"] = _regex(data["count_pattern"], path)
    data["capacity"] = _regex(data["capacity_pattern"], path)
    data["count_before"] = re.compile(data["count_pattern"].lstrip("^") + "$")
    return data


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
