"""Programme names whose stem ends in an improvement verb (农业产业体系升级行动, 红酒产业培育壮大工程).

The suffix rules walk left from 行动 / 工程 / 计划 over name-like words and stop at report verbs,
so a name whose stem closes with 提升, 升级 or 培育壮大 is cut to the verb and dropped. Here the
stem is read in its own shape: subject nouns, one or two improvement verbs, the head; the name
must follow a report verb (实施, 开展, 启动) or open a clause. Vocabulary: ``patterns/programme_stems.json``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from extractors.names import NUMERAL, PUNCT, TokenIndex, trim_left
from extractors.records import Mention
from extractors.rules import PATTERNS_DIR, RuleBook
from extractors.typed_data import load_vocabulary

__all__ = ["StemVocabulary", "stem_vocabulary", "improvement_stem_names", "with_title_scope", "with_joined_subject", "national_pilots",
           "RULE_ID", "PILOT_RULE_ID"]

RULE_ID = "program-improvement-stem"
PILOT_RULE_ID = "program-national-pilot"
_CLAUSE_MARKS = frozenset("，。；：、！？\n“《")  # a bracket (自然村（屯）|道路提升工程) opens no clause


@dataclass(frozen=True)
class StemVocabulary:
    """The words and patterns of ``patterns/programme_stems.json``."""

    improvement_verbs: tuple[str, ...]
    heads_pattern: re.Pattern[str]
    noun_tags: tuple[str, ...]
    opener_tags: tuple[str, ...]
    min_subject_chars: int
    max_subject_chars: int
    creation_rules: tuple[str, ...]
    scope_words: tuple[str, ...]
    max_scope_gap: int
    join_words: tuple[str, ...]
    national_pilot_pattern: re.Pattern[str]
    min_joined_chars: int
    max_joined_chars: int


@lru_cache(maxsize=1)
def stem_vocabulary() -> StemVocabulary:
    """The packaged vocabulary, loaded and checked once per process."""
    return load_vocabulary(PATTERNS_DIR / "programme_stems.json", StemVocabulary)


@lru_cache(maxsize=1)
def _verb_run() -> re.Pattern[str]:
    verbs = "|".join(sorted(stem_vocabulary().improvement_verbs, key=len, reverse=True))
    # one or two verbs, written X(?:X)? rather than X{1,2}: a pattern opening with a group of words lets the scan
    # jump to their first characters instead of trying every position of the report
    return re.compile(f"(?:{verbs})(?:{verbs})?")


def _subject_begin(index: TokenIndex, at: int, rules: RuleBook, vocab: StemVocabulary) -> int | None:
    """Start of the subject nouns ending at ``at``, or None when no subject opens after a report verb or a stop."""
    i, begin = index.at[at - 1] if at > 0 else -1, at
    while i >= 0:
        token = index.tokens[i]
        if any(ch in PUNCT for ch in token.text) or at - token.start > vocab.max_subject_chars:
            break
        if token.tag not in vocab.noun_tags or (token.text in rules.stop_words and not token.tag.startswith("n")):
            break
        begin, i = token.start, i - 1
    if at - begin < vocab.min_subject_chars:
        return None
    opener = index.tokens[i] if i >= 0 else None
    # the name opens a clause or is the object of a report verb (实施|…升级行动), not a longer phrase's tail
    if opener is not None and opener.text not in _CLAUSE_MARKS and opener.text not in rules.stop_words \
            and opener.tag not in vocab.opener_tags:
        return None
    return trim_left(index, begin, at, rules, "Program")


def improvement_stem_names(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """[subject nouns][improvement verbs][head] after a report verb or at a clause start, as programmes."""
    vocab, text = stem_vocabulary(), index.text
    for match in _verb_run().finditer(text):
        verbs_at, stem_end = match.span()
        head = vocab.heads_pattern.match(text, stem_end)
        if head is None or not index.is_boundary(verbs_at) or not index.is_boundary(stem_end) or \
                not index.is_boundary(head.end()):
            continue
        begin = _subject_begin(index, verbs_at, rules, vocab)
        if begin is None or verbs_at - begin < vocab.min_subject_chars:
            continue
        subject = index.tokens[index.at[begin]:index.at[verbs_at - 1] + 1]
        if not any(t.tag.startswith("n") or t.tag in ("l", "j") for t in subject):
            continue  # verbs only (推进|提升行动): no subject
        end = head.end()
        found = Mention(begin, end, text[begin:end], "Program", RULE_ID, text[begin:end])
        if text[begin - 1:begin] in vocab.join_words:  # …和|乡村全面振兴行动: whole with its first subject, or none
            joined = with_joined_subject(found, index, rules)
            if joined.start == found.start:
                continue
            found = joined
        yield found


def with_title_scope(m: Mention, index: TokenIndex, rules: RuleBook) -> Mention:
    """A title campaign (…创建, …复审) with the title's scope word the walk left out (全国|…示范市创建).

    The scope word must stand in the same clause, at most ``max_scope_gap`` characters before the
    name, with only name-like words between (no report verb, preposition, conjunction or particle).
    """
    vocab, text = stem_vocabulary(), index.text
    if m.rule not in vocab.creation_rules or m.text.startswith(vocab.scope_words):
        return m
    lo = max(0, m.start - vocab.max_scope_gap - max(map(len, vocab.scope_words)))
    for at in range(m.start - 2, lo - 1, -1):
        word = next((w for w in vocab.scope_words if text.startswith(w, at)), None)
        if word is None or not index.is_boundary(at) or not index.is_boundary(at + len(word)):
            continue
        gap = index.tokens[index.at[at + len(word)]:index.at[m.start]] if at + len(word) < m.start else []
        if m.start - at - len(word) > vocab.max_scope_gap or any(
                any(ch in PUNCT for ch in t.text) or t.text in rules.stop_words or t.tag[:1] in ("p", "c", "u", "r")
                for t in gap):
            return m
        return Mention(at, m.end, text[at:m.end], m.type, m.rule, text[at:m.start] + m.canonical, m.rules)
    return m


def with_joined_subject(m: Mention, index: TokenIndex, rules: RuleBook) -> Mention:
    """A programme named by two subjects joined before one head (耕地保护和|粮食安全责任制), whole.

    The first subject is walked over name-like words (a content verb inside it, 保护, is kept) up to
    a report verb or a clause mark; it must open with a noun and carry no suffix word of its own.
    """
    vocab, text = stem_vocabulary(), index.text
    if m.type != "Program" or not m.rule.startswith("program-") or m.start < 2 or \
            not any(text.startswith(w, m.start - len(w)) for w in vocab.join_words):
        return m
    join = next(w for w in vocab.join_words if text.startswith(w, m.start - len(w)))
    at = m.start - len(join)
    if not index.is_boundary(at):
        return m
    i, begin = index.at[at - 1], at
    while i >= 0:
        token = index.tokens[i]
        if any(ch in PUNCT for ch in token.text) or token.text in rules.stop_words or at - token.start > \
                vocab.max_joined_chars or token.tag not in vocab.noun_tags and token.tag != "v":
            break
        begin, i = token.start, i - 1
    opener = index.tokens[i] if i >= 0 else None
    # the last item of an enumeration (宅基地、农村集体建设用地和|闲置农房改革) is one of several subjects
    if opener is not None and (opener.text == "、" or opener.text not in _CLAUSE_MARKS and
                               opener.text not in rules.stop_words):
        return m
    begin = trim_left(index, begin, at, rules, "Program")
    first = index.token_at(begin)
    subject = text[begin:at]
    # a numeric abbreviation (一分三统和|…改革) or a name with its own suffix word is a programme of its own
    if len(subject) < vocab.min_joined_chars or first is None or first.tag == "v" or \
            subject[0] in NUMERAL or subject[0].isdigit() or \
            any(subject.endswith(s) for s in rules.suffixes) or subject in rules.generic_names:
        return m
    # a subject of two verbs (景区管理运行和|…体制改革) names an activity, not a field the head shares (耕地保护)
    if sum(t.tag.startswith("v") for t in index.tokens[index.at[begin]:index.at[at]]) > 1:
        return m
    return Mention(begin, m.end, text[begin:m.end], m.type, m.rule, subject + join + m.canonical, m.rules)


def national_pilots(index: TokenIndex) -> Iterator[Mention]:
    """National pilots under way after a report verb (开展|国家生态综合补偿试点), as programmes."""
    text = index.text
    for match in stem_vocabulary().national_pilot_pattern.finditer(text):
        begin, end = match.span(1)
        if index.is_boundary(begin) and (index.is_boundary(end) or text.startswith("工作", end)):  # 试点|工作
            yield Mention(begin, end, text[begin:end], "Program", PILOT_RULE_ID, text[begin:end])
