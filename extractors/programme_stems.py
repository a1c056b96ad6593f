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

from extractors.names import PUNCT, TokenIndex, trim_left
from extractors.records import Mention
from extractors.rules import PATTERNS_DIR, RuleBook
from extractors.typed_data import load_vocabulary

__all__ = ["StemVocabulary", "stem_vocabulary", "improvement_stem_names", "RULE_ID"]

RULE_ID = "program-improvement-stem"
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


@lru_cache(maxsize=1)
def stem_vocabulary() -> StemVocabulary:
    """The packaged vocabulary, loaded and checked once per process."""
    return load_vocabulary(PATTERNS_DIR / "programme_stems.json", StemVocabulary)


@lru_cache(maxsize=1)
def _verb_run() -> re.Pattern[str]:
    verbs = "|".join(sorted(stem_vocabulary().improvement_verbs, key=len, reverse=True))
    return re.compile(f"(?:{verbs}){{1,2}}")


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
        yield Mention(begin, end, text[begin:end], "Program", RULE_ID, text[begin:end])
