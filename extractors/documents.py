"""Named documents, policy packages and capacity-named works: programme and project names without a suffix rule.

- A title in 《》 ending in a document word (规划, 方案, 条例, 办法…) names a plan or
  regulation: a ``Program`` (《美丽甘孜建设规划（2022—2035）》 → 美丽甘孜建设规划).
- A count of articles after its subject (民营经济十条, 促农增收十条措施) names a
  policy package: a ``Program``.
- A quoted name with an event word after it (“天下来宾”马拉松赛) is one event, a ``Program``.
- A 大会 the government hosts (举办…合作推进大会) is an event, a ``Program``.
- A quoted way of doing a service (“就近办”, “秒批秒办”) is a ``Program``.
- A voltage or tonnage inside a works name (…±800千伏特高压直流工程, A至B2000吨级航道工程)
  and a road code with its section (S95石渠至甘孜段) name a ``Project``.

Suffix names cut from inside one of these spans (…五年行动 inside 《…五年行动方案》,
特高压直流工程 inside the line's name) are dropped by :func:`inside_named_spans`.
The vocabulary is ``patterns/documents.json``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from extractors.matcher import affixes
from extractors.names import PUNCT, TokenIndex, extend_left
from extractors.records import Mention
from extractors.rules import PATTERNS_DIR, RuleBook
from extractors.typed_data import load_vocabulary

__all__ = ["DocumentVocabulary", "document_vocabulary", "document_titles", "policy_packages", "capacity_works",
           "route_sections", "named_documents", "inside_named_spans", "with_sections"]

_TITLE = re.compile(r"《([^《》\n]+)》")
_QUOTES = re.compile(r"[“”‘’\"'「」]")
_QUOTED = re.compile(r"“([^“”\n]{2,8})”")
OWN_RULES = ("document-title", "policy-package", "capacity-works", "route-section")


@dataclass(frozen=True)
class DocumentVocabulary:
    """The words and patterns of ``patterns/documents.json``."""

    title_ends: tuple[str, ...]
    generic_titles: tuple[str, ...]
    min_title_chars: int
    max_title_chars: int
    note_pattern: re.Pattern[str]
    package_pattern: re.Pattern[str]
    package_followers: tuple[str, ...]
    min_package_prefix: int
    max_package_prefix: int
    capacity_pattern: re.Pattern[str]
    works_ends: tuple[str, ...]
    max_works_chars: int
    route_pattern: re.Pattern[str]
    section_pattern: re.Pattern[str]
    section_heads: tuple[str, ...]
    service_mode_pattern: re.Pattern[str]
    event_words: tuple[str, ...]
    hosted_pattern: re.Pattern[str]
    hosted_reject: str


@lru_cache(maxsize=1)
def document_vocabulary() -> DocumentVocabulary:
    """The packaged vocabulary, loaded and checked once per process."""
    return load_vocabulary(PATTERNS_DIR / "documents.json", DocumentVocabulary)


def document_titles(index: TokenIndex, vocab: DocumentVocabulary) -> Iterator[Mention]:
    """《…规划》, 《…条例》: a title ending in a document word, without its edition note, is a programme."""
    for match in _TITLE.finditer(index.text):
        core = match.group(1).strip()
        name = _QUOTES.sub("", vocab.note_pattern.sub("", core)).strip()
        if not (vocab.min_title_chars <= len(name) <= vocab.max_title_chars) or name in vocab.generic_titles:
            continue
        if not name.endswith(vocab.title_ends):
            continue  # a book, a play or a song (《天工开物》, 《康定情歌》)
        yield Mention(match.start(1), match.end(1), core, "Program", "document-title", name)


def policy_packages(index: TokenIndex, rules: RuleBook, vocab: DocumentVocabulary) -> Iterator[Mention]:
    """民营经济十条, 关心爱护孤儿二十条措施: a subject and a count of articles name a policy package."""
    text = index.text
    for match in vocab.package_pattern.finditer(text):
        start, end = match.span()
        if end < len(text) and not text.startswith(vocab.package_followers, end):
            continue  # the count goes on into a noun (九条|河, 一条|符合…): no package
        begin = extend_left(index, start, rules, "Program", vocab.max_package_prefix)
        if start - begin < vocab.min_package_prefix or any(ch in PUNCT for ch in text[begin:start]):
            continue
        yield Mention(begin, end, text[begin:end], "Program", "policy-package", text[begin:end])


def capacity_works(index: TokenIndex, rules: RuleBook, vocab: DocumentVocabulary) -> Iterator[Mention]:
    """A works name holding a voltage or tonnage (川渝环网1000千伏特高压交流工程) is a project."""
    text = index.text
    for match in vocab.capacity_pattern.finditer(text):
        tail = text[match.end():match.end() + vocab.max_works_chars]
        stop = next((i for i, ch in enumerate(tail) if ch in PUNCT), len(tail))
        ends = [tail.find(word, 0, stop) + len(word) for word in vocab.works_ends if 0 <= tail.find(word, 0, stop)]
        if not ends:
            continue
        end = match.end() + min(ends)
        # works words run on (航道|工程): the name ends after the last of them
        while (more := next((w for w in vocab.works_ends if text.startswith(w, end)), None)) is not None:
            end += len(more)
        begin = extend_left(index, match.start(), rules, "Project", 8)
        # a route before the capacity (来宾至|桂平): the name starts at the route's first place
        if begin > 1 and text[begin - 1] == "至":
            route = start_of_place(index, begin - 1, rules)
            if route < begin - 1:
                begin = route
        if begin == match.start():
            continue  # no name before the figure (新建|220千伏线路): a kind, not a project
        yield Mention(begin, end, text[begin:end], "Project", "capacity-works", text[begin:end])


def start_of_place(index: TokenIndex, end: int, rules: RuleBook) -> int:
    """Start of the place name ending at ``end``, with a bracketed gloss after it (南宁（牛湾）)."""
    text = index.text
    if end > 0 and text[end - 1] == "）":
        opening = text.rfind("（", max(0, end - 8), end)
        if opening > 0:
            begin = extend_left(index, opening, rules, "Project", 6)
            return begin if begin < opening else end
    return extend_left(index, end, rules, "Project", 6)


def route_sections(index: TokenIndex, vocab: DocumentVocabulary) -> Iterator[Mention]:
    """S95石渠至甘孜段: a road code with the section it runs is a project."""
    for match in vocab.route_pattern.finditer(index.text):
        yield Mention(match.start(), match.end(), match.group(0), "Project", "route-section", match.group(0))


def service_modes(index: TokenIndex, vocab: DocumentVocabulary) -> Iterator[Mention]:
    """“就近办”, “秒批秒办”: a quoted way of doing a service is a programme of the reform."""
    for match in _QUOTED.finditer(index.text):
        if vocab.service_mode_pattern.match(match.group(1)):
            yield Mention(match.start(1), match.end(1), match.group(1), "Program", "service-mode", match.group(1))


def quoted_events(index: TokenIndex, vocab: DocumentVocabulary) -> Iterator[Mention]:
    """“天下来宾”马拉松赛: a quoted name and the event word after it name one event."""
    text = index.text
    for match in _QUOTED.finditer(text):
        after = match.end()  # past the closing quote
        word = affixes(vocab.event_words).prefix(text, after)  # the longest event word right after the quote
        if word is not None:
            end = after + len(word)
            yield Mention(match.start(1), end, text[match.start(1):end], "Program", "quoted-event",
                          match.group(1) + word)


def hosted_events(index: TokenIndex, vocab: DocumentVocabulary) -> Iterator[Mention]:
    """举办全省锂电产业链供应链合作推进大会: a 大会 the government hosts is an event (a scope word is trimmed later)."""
    reject = re.compile(vocab.hosted_reject)
    for match in vocab.hosted_pattern.finditer(index.text):
        name = match.group("name")
        if not reject.search(name):
            yield Mention(match.start("name"), match.end("name"), name, "Program", "program-hosted-event", name)


def named_documents(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """All the mentions of this module's families."""
    vocab = document_vocabulary()
    yield from service_modes(index, vocab)
    yield from quoted_events(index, vocab)
    yield from hosted_events(index, vocab)
    yield from document_titles(index, vocab)
    yield from policy_packages(index, rules, vocab)
    yield from capacity_works(index, rules, vocab)
    yield from route_sections(index, vocab)


def inside_named_spans(mentions: list[Mention], index: TokenIndex) -> list[Mention]:
    """Drop programme and project names cut from inside a named document, package or works span.

    A name cut short ends where the span ends (特高压直流工程 in …±800千伏特高压直流工程), inside a
    word (大别山革命|老区) or before the document word (五年行动|方案); a whole name inside a title
    (耕地保护田长制|工作) is kept.
    """
    spans = sorted((m.start, m.end) for m in mentions if m.rule in OWN_RULES)
    if not spans:
        return mentions
    ends = document_vocabulary().title_ends
    text = index.text
    starts = [s for s, _ in spans]
    longest = max(e - s for s, e in spans)

    def cut_short(m: Mention) -> bool:
        # (only the spans starting at most `longest` characters before m can hold it: a bisect, not a scan of all)
        for s, e in spans[bisect_left(starts, m.start - longest):bisect_right(starts, m.start)]:
            if m.end <= e and (m.start, m.end) != (s, e) and \
                    (m.end == e or not index.is_boundary(m.end) or text.startswith(ends, m.end)):
                return True
        return False

    return [m for m in mentions
            if not (m.type in ("Program", "Project") and m.rule.startswith(("program-", "project-", "quote")) and
                    m.rule not in OWN_RULES and cut_short(m))]


def with_sections(mentions: list[Mention], index: TokenIndex) -> list[Mention]:
    """Project names of roads, railways and parks extended over the section after them (川藏铁路|甘孜段)."""
    vocab, text = document_vocabulary(), index.text
    out = []
    for m in mentions:
        if m.type == "Project" and m.rule.startswith("project-") and m.canonical.endswith(vocab.section_heads):
            section = vocab.section_pattern.match(text, m.end)
            if section is not None and section.end() > m.end:  # (the pattern ends with 段, 片区 or 境)
                grown = text[m.start:section.end()]
                m = replace(m, end=section.end(), text=grown, name=grown)
        out.append(m)
    return out
