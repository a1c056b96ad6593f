"""Entity mentions from rule data: quotes, numeric abbreviations, suffixes, lists, lexicon.

Boundaries are found on the raw characters (regular expressions and
Aho–Corasick automata); jieba tokens and their dictionary tags are only hints
for where a name starts. Each rule family is a small generator yielding
:class:`~extractors.records.Mention` records with the rule's id, so a wrong
entity can always be traced to the data line that produced it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from extractors.records import Mention
from extractors.rules import RuleBook
from extractors.segment import Token

__all__ = ["TokenIndex", "find_mentions", "quoted_names", "numeric_abbreviations", "suffix_names",
           "list_items", "lexicon_names", "term_names"]

_QUOTED = re.compile(r"[“「『\"]([^“”「」『』\"\n]{1,40})[”」』\"]")
_NUMERAL = "一二三四五六七八九十两双百千"
_NUMERIC_ABBREV = re.compile(rf"(?<![{_NUMERAL}\d])([{_NUMERAL}])([\u4e00-\u9fff])([{_NUMERAL}])([\u4e00-\u9fff])")
_BIG_N = re.compile(r"(?<![\u4e00-\u9fff])([三四五六七八九十])大([\u4e00-\u9fff]{1,4}?)(攻坚战|行动|工程|战略|攻坚)")
_COUNTER = re.compile(rf"^(?:\d+|[{_NUMERAL}]+)(?:个|条|家|处|项|宗|所|座|批)?$")
_LIST_END = re.compile(rf"等(?:\d+|[{_NUMERAL}]+)?(?:个|条|家|处|项|宗|所|座|批)?")
_NOT_NAME_CHARS = re.compile(r"[，。；：？！、（）()\s]")
_TIME_MEASURES = set("年月日天次回遍点周")
_PUNCT = set("，。；：？！、（）()“”‘’\"'《》「」【】[]·—-…　 \n")


class TokenIndex:
    """Tokens of a text with a character → token lookup."""

    def __init__(self, text: str, tokens: Sequence[Token]):
        self.text = text
        self.tokens = list(tokens)
        self.at = [0] * (len(text) + 1)
        for i, token in enumerate(self.tokens):
            for pos in range(token.start, token.end):
                self.at[pos] = i
        self.at[len(text)] = len(self.tokens)

    def token_at(self, pos: int) -> Token | None:
        if 0 <= pos < len(self.text) and self.tokens:
            return self.tokens[self.at[pos]]
        return None


def _is_name_token(token: Token, rules: RuleBook, label: str) -> bool:
    if token.text in rules.stop_words or any(ch in _PUNCT for ch in token.text):
        return False
    if label != "Program" and token.text in rules.object_verbs:
        return False
    if label == "Program" and token.tag in ("v", "vd", "vi", "vg"):
        return True
    if token.tag == "m" and not token.text.isdigit():
        return False
    return token.tag in rules.name_tags


def extend_left(index: TokenIndex, start: int, rules: RuleBook, label: str, max_chars: int) -> int:
    """Where a name ending at ``start``'s suffix begins: walk left over name-like tokens."""
    text = index.text
    if start == 0:
        return start
    first = index.at[start - 1]
    begin = start
    token = index.tokens[first]
    if token.end > start:  # token straddles the suffix start: take it whole or stop
        return start
    i = first
    while i >= 0:
        token = index.tokens[i]
        if start - token.start > max_chars or not _is_name_token(token, rules, label):
            break
        begin = token.start
        i -= 1
    # never start a name on a counter such as 17条 or on a bare function character
    while begin < start:
        token = index.token_at(begin)
        if token and (_COUNTER.match(token.text) or token.text in rules.stop_words):
            begin = token.end
        else:
            break
    return begin if not _NOT_NAME_CHARS.search(text[begin:start]) else start


def _clean(name: str, rules: RuleBook) -> str:
    for tail in rules.status_tails:
        if name.endswith(tail) and len(name) > len(tail) + 1 and tail not in ("工程", "项目"):
            name = name[: -len(tail)]
            break
    return name.strip("·-— ")


def quoted_names(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """“…” strings name a programme unless they are a title won, a metaphor or a ranking."""
    text, q = index.text, rules.quote
    skips = [re.compile(p) for p in q["skip_patterns"]]
    for match in _QUOTED.finditer(text):
        core, s, e = match.group(1).strip(), match.start(1), match.end(1)
        if len(core) > q["max_chars"] or any(p.search(core) for p in skips):
            continue
        before = text[max(0, match.start() - 4):match.start()]
        if any(before.endswith(w) for w in q["title_triggers"]):
            continue
        after = text[match.end():match.end() + 3]
        if any(after.startswith(w) for w in q["metaphor_followers"]):
            continue
        label = _label_by_suffix(core, rules) or "Program"
        yield Mention(s, e, core, label, "quote", core)
        tail_end = _tail_end(index, match.end(), rules)
        if tail_end:
            yield Mention(s, tail_end, text[s:tail_end], label, "quote-tail", core)


def _tail_end(index: TokenIndex, pos: int, rules: RuleBook) -> int | None:
    """End of a programme word right after a quote (“最多跑一次”改革 → 改革)."""
    q = rules.quote
    end, i = pos, index.at[pos] if pos < len(index.text) else len(index.tokens)
    best = None
    while i < len(index.tokens):
        token = index.tokens[i]
        if token.start != end or end - pos + len(token.text) > q["max_tail_chars"]:
            break
        if not _is_name_token(token, rules, "Program") and token.text not in q["tails"]:
            break
        end = token.end
        if any(index.text[pos:end].endswith(t) for t in q["tails"]):
            best = end
        i += 1
    return best


def _label_by_suffix(name: str, rules: RuleBook) -> str | None:
    for length in range(min(len(name), 6), 0, -1):
        found = rules.suffixes.get(name[-length:])
        if found and len(name) > length:
            return found[0].label
    return None


def numeric_abbreviations(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Numeral-word-numeral-word abbreviations (三供一业, 一单四制) and 三大X攻坚战 names."""
    text = index.text
    for match in _NUMERIC_ABBREV.finditer(text):
        s, e = match.span()
        if match.group(2) in _TIME_MEASURES or match.group(4) in _TIME_MEASURES:
            continue
        token = index.token_at(s)
        if token and token.start == s and token.end == e and token.tag == "i":
            continue  # an idiom such as 一心一意
        if e < len(text) and text[e] in _NUMERAL:
            continue
        yield Mention(s, e, text[s:e], "Program", "numeric-abbreviation", text[s:e])
    for match in _BIG_N.finditer(text):
        yield Mention(match.start(), match.end(), match.group(0), "Program", "numeric-big", match.group(0))


def _right_ok(index: TokenIndex, end: int, rules: RuleBook) -> bool:
    token = index.token_at(end - 1)
    if token is None or token.end == end:
        return True
    rest = index.text[end:token.end]
    return any(rest == tail or tail.startswith(rest) for tail in rules.status_tails)


def suffix_names(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Names ending in a typed suffix (…工程, …集团, …街道, …变电站, …局): grow left over tokens."""
    text = index.text
    best_by_end: dict[int, str] = {}
    for end, suffix in rules.suffix_automaton.iter(text):
        end += 1
        if len(suffix) > len(best_by_end.get(end, "")):
            best_by_end[end] = suffix
    for end, suffix in best_by_end.items():
        start = end - len(suffix)
        if not _right_ok(index, end, rules):
            continue
        for rule in rules.suffixes[suffix][:1]:
            head = index.token_at(start)
            if head is not None and head.start < start:
                # the suffix is fused into a word (铁路, 道路): accept only proper or unknown words
                if head.tag not in rules.proper_tags:
                    continue
                begin = extend_left(index, head.start, rules, rule.label, rule.max_prefix) if head.start > 0 else 0
                begin = min(begin, head.start)
            else:
                begin = extend_left(index, start, rules, rule.label, rule.max_prefix)
            if start - begin < rule.min_prefix:
                continue
            if len(suffix) == 1 and rule.label in ("Place", "Agency", "Company"):
                prev = index.token_at(start - 1)
                if prev is None or prev.tag not in rules.proper_tags and prev.end == start and len(prev.text) > 1:
                    continue
            name = _clean(text[begin:end], rules)
            if name in rules.generic_names or len(name) <= len(suffix) or len(name) > rules.max_name_chars:
                continue
            yield Mention(begin, end, text[begin:end], rule.label, rule.id, name)


def list_items(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Items of `A、B、C等N个重点项目`: each item gets the type of the list's head noun."""
    text = index.text
    for match in _LIST_END.finditer(text):
        window = text[match.end():match.end() + 10]
        label = rule_id = None
        for cut in range(1, len(window) + 1):
            piece = window[:cut]
            if _NOT_NAME_CHARS.search(piece):
                break
            for head, (head_label, head_id) in rules.list_heads.items():
                if piece.endswith(head):
                    label, rule_id = head_label, head_id
        if label is None:
            continue
        end = match.start()
        items = []
        while True:
            sep = text.rfind("、", max(0, end - rules.max_name_chars), end)
            stop = max(text.rfind(ch, max(0, end - rules.max_name_chars), end) for ch in "，。；：！？\n（）")
            if sep > stop and sep >= 0:
                items.append((sep + 1, end))
                end = sep
                continue
            begin = extend_left(index, end, rules, label, rules.max_name_chars)
            # the first item: also stop after the last verb-like token before it
            if begin < end:
                items.append((begin, end))
            break
        if len(items) < 1:
            continue
        for s, e in items:
            name = _clean(text[s:e], rules)
            if not name or len(name) < 2 or name in rules.generic_names or _NOT_NAME_CHARS.search(name):
                continue
            yield Mention(s, s + len(name), name, label, rule_id, name)


def lexicon_names(index: TokenIndex, rules: RuleBook) -> Iterator[Mention]:
    """Known bodies and places from the lexicon (党中央, 区人大常委会, 湖南省…), longest match."""
    yield from _automaton_matches(index.text, rules.lexicon_automaton,
                                  lambda word: rules.lexicon[word][0], lambda word: rules.lexicon[word][1])


def term_names(index: TokenIndex, terms: dict[str, str], rule: str) -> Iterator[Mention]:
    """Occurrences of known names (glossary terms, names found elsewhere in the document)."""
    if not terms:
        return
    import ahocorasick  # noqa: PLC0415 - tiny per-document automaton

    automaton = ahocorasick.Automaton()
    for word in terms:
        if len(word) >= 2:
            automaton.add_word(word, word)
    if not len(automaton):
        return
    automaton.make_automaton()
    yield from _automaton_matches(index.text, automaton, terms.__getitem__, lambda word: rule)


def _automaton_matches(text, automaton, label_of, rule_of) -> Iterator[Mention]:
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


def find_mentions(index: TokenIndex, rules: RuleBook, *, terms: dict[str, str] | None = None,
                  families: Iterable[str] | None = None) -> list[Mention]:
    """All mentions found by the rule families (optionally only some), sorted by offset."""
    runners = {
        "quote": lambda: quoted_names(index, rules),
        "numeric": lambda: numeric_abbreviations(index, rules),
        "suffix": lambda: suffix_names(index, rules),
        "list": lambda: list_items(index, rules),
        "lexicon": lambda: lexicon_names(index, rules),
        "terms": lambda: term_names(index, terms or {}, "glossary-term"),
    }
    chosen = list(families) if families is not None else list(runners)
    mentions: list[Mention] = []
    for family in chosen:
        mentions.extend(runners[family]())
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions
