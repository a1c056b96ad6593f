"""Project statuses (签约/开工/在建/建成/投产) from the clause that states them.

A status word applies to the projects named in the same clause (a stretch of a
sentence between ，/, and ；). The review part gives outcomes of the year
reviewed, the plan part gives plans for the report's year. Status words and how
they combine are data (``patterns/stages.jsonl``, ``patterns/stage_rules.json``).

Which names a status word governs (one clause, its names in 、-separated items):

* a word before the list governs every name (建成红港广场、飞鹿公司林荫停车场);
* a word after ``等`` or after the last item governs every name (…等项目建成),
  unless other items carry their own words (X建设、Y技改、人才引进): then each
  word governs only the names of its own item;
* a word inside a name, or a decoy (设施工程 is not 施工), is no status word;
* a blocker after a name is another object of the verb (…地块出让, …项目征拆,
  …周边项目建设): the words beyond it, and a leading verb, do not reach the name;
* a clause that opens with a frame word (依托, 围绕, 立足) names means, not works, up to its first
  specific status word (依托…基地加快推进卡拉、孟底沟水电站: the names after it are works).

How the words of one name combine:

* specific words (竣工, 开工, 续建…) win over weak ones (推进, 建设, 完成), and
  among weak words the higher rank wins (完成…建设 → 建成);
* an attributive word (新建 公厕) yields to a specific predicate after it;
* a start verb governs the works it names (启动…改扩建 → 开工 only);
* in the review part a completion word after 即将 means the work is still
  under way (即将竣工投产 → 在建), and a word after a plan marker (力争, 确保)
  reports a plan, not an outcome, so it is dropped;
* a clause without a status word that only goes on with the list (…，B、C等300个亿元以上工业项目) takes
  the leading specific verb of the clause before it (新开工A等23个50亿元以上，…);
* a year written before the word in its clause is the status's year (确保2018年投入使用);
* a stretch that speaks of several years (五年来…, “十四五”时期是…, a “十五五”时期 part; found by
  ``structure.multi_year_spans``) gives no status: what it reports belongs to no single year;
* only the outermost name counts (湖南建工集团装配式建筑基地, not 湖南建工集团).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick_rs

from extractors.matcher import affixes
from extractors.names import MEASURES, NUMERAL
from extractors.records import Document, Entity, Evidence, Mention, Section, Sentence, Status
from extractors.rules import PATTERNS_DIR, load_rules
from extractors.segment import get_segmenter
from extractors.structure import _CLOSERS, multi_year_spans
from extractors.vocabulary import Kind, VocabularyError, alternation, load_rows, load_table

__all__ = ["find_statuses", "works_named_by_status", "StageWords", "stage_words", "clause_stages", "load_stage_rules",
           "STAGE_RULE_FIELDS"]

_NAME_GOES_ON = re.compile(r"[\u4e00-\u9fff]")
_NAME_RUN = re.compile(r"[^\W\d_等和及与并、]+")
# (a run of characters at a time, not one alternation per character: the same clauses, found faster)
_CLAUSE = re.compile(r"(?:[^，；。！？\n,;]+|(?<=\d),(?=\d))+")
_CLAUSE_BREAK = re.compile(r"[，；。！？,;!?\s]")  # no status word holds one (nor opens with a closer, structure._CLOSERS)
_YEAR = re.compile(r"(?<![比较于])((?:19|20)\d\d)年(?!以来|以前|前|同期)")
_STATUS_TYPES = ("Project", "Company", "Agency", "Place")
_NOT_STATUS_RULES = ("agency-body", "agency-central", "agency-mass-organisation")
_SEPARATOR = "、"
_CLASS_NOUN = re.compile(r"等[^，；。、,;]*?项目")
_CLOSER = "等"
_JOINS = re.compile(r"[、和及与并同“”（）()\s]")  # what may stand between two names one predicate governs (A和B建设)


@dataclass(frozen=True)
class _Word:
    stages: tuple[str, ...]
    outcome_stages: tuple[str, ...]
    weak: bool
    rank: int
    attributive: bool = False


@dataclass(frozen=True)
class StageWords:
    """Compiled status vocabulary and combination rules."""

    pattern: re.Pattern[str]  # status words, decoys and blockers, longest first
    words: dict[str, _Word]
    decoys: frozenset[str]
    blockers: frozenset[str]
    future: re.Pattern[str]
    plan: re.Pattern[str]
    frame: re.Pattern[str]
    completion: frozenset[str]
    agency_suffixes: tuple[str, ...]
    place_suffixes: tuple[str, ...]
    company_heads: tuple[str, ...]
    company_followers: tuple[str, ...]
    class_nouns: tuple[str, ...]
    class_count: re.Pattern[str]  # 10个 / 一批 just before a name: a class of works
    class_measure: re.Pattern[str]  # 71公里 / 7座 just after a name: a class of works
    class_noun: re.Pattern[str]  # 等[13个]续建项目: a status word describing the class after 等
    elided_heads: frozenset[str]  # 孟底沟 + 水电站: the head a list item shares with its neighbours
    works_heads: tuple[str, ...]  # 水库, 大桥, 集散中心: what a works' name ends with
    modified_heads: tuple[str, ...]  # works heads and 走廊: a name right before one qualifies that works
    firm_name_ends: tuple[str, ...]  # 集团, 公司: a firm brought in (落户) is no project signed
    title_verbs: tuple[str, ...]  # 创建, 争创: the name after one is a title sought, not works
    works_frame_end: tuple[str, ...]  # 建设: a clause 加快…建设 frames the works it names
    works_leads: re.Pattern[str]  # 国家级, 省级 before a name: a rank, not part of it
    works_trails: re.Pattern[str]  # 顺利, 正式 between a subject's works and its status word: not part of the name
    works_generic: re.Pattern[str]  # 城乡供水工程, 全省最大…: a class or a description, not a name
    upgrades: frozenset[str]  # 升级改造: an upgrade of running works, no construction stage even in a class noun
    list_continues: re.Pattern[str]  # …等300个亿元以上工业项目: a clause that goes on with the list of the clause before
    list_class: re.Pattern[str]  # 等[N个]重点景区 / 等项目137个: the class noun after 等 that makes the items works
    list_heads: tuple[str, ...]  # 项目, works heads: the head a list's last item shares with short items before it
    name_tails: re.Pattern[str]  # 等, 项目, 一期, …段: words after a name a leading verb reaches that keep it the object
    transitive: frozenset[str]  # 建设: after a name with an object of its own (X建设国家区域医疗中心), no stage of the name
    # ``pattern``'s words in an Aho–Corasick automaton, leftmost-longest: the same matches as ``pattern.finditer``
    # (an alternation of plain words, longest first, takes the longest word at the leftmost place), in Rust
    scanner: tuple[Any, tuple[str, ...]] | None = field(default=None, compare=False)
    specific: frozenset[str] = frozenset()  # the status words neither weak nor decoys (a clause's words worth reading)


# the optional keys of a row of stages.jsonl and their defaults (outcome_stages: the row's stages)
_STAGE_DEFAULTS = {"outcome_stages": None, "weak": False, "rank": 0, "attributive": False}


# the keys of stage_rules.json and their kinds (the strict loader refuses a missing or unknown key)
STAGE_RULE_FIELDS: dict[str, Kind] = {
    "future_markers": list, "plan_markers": list, "completion_stages": list, "agency_facility_suffixes": list,
    "place_facility_suffixes": list, "company_heads": list, "company_followers": list, "frame_markers": list,
    "blockers": list, "decoys": list, "class_counts": str, "class_measures": str, "class_nouns": list,
    "works_heads": list, "works_leads": list, "works_generic": str, "elided_heads": list, "modifier_heads": list,
    "works_frame_end": list, "title_verbs": list, "firm_name_ends": list, "list_continues": str, "upgrades": list,
    "list_class_heads": list, "name_tails": str, "transitive_words": list, "works_trails": list,
}


def load_stage_rules(path: Path) -> dict[str, Any]:
    """``stage_rules.json`` (how status words combine, which names are works) through the strict loader."""
    return load_table(path, STAGE_RULE_FIELDS)


@lru_cache(maxsize=1)
def stage_words() -> StageWords:
    """Load the status vocabulary once per process."""
    words: dict[str, _Word] = {}
    for row in load_rows([PATTERNS_DIR / "stages.jsonl"], ("id", "stages", "words"), _STAGE_DEFAULTS, labels=()):
        stages = tuple(row["stages"])
        word = _Word(stages, tuple(row["outcome_stages"]) if row["outcome_stages"] is not None else stages,
                     bool(row["weak"]), int(row["rank"]), bool(row["attributive"]))
        for text in row["words"]:
            words[text] = word
    rules = load_stage_rules(PATTERNS_DIR / "stage_rules.json")
    decoys, blockers = frozenset(rules["decoys"]), frozenset(rules["blockers"])
    every = tuple(sorted(set(words) | decoys | blockers))
    crossing = [word for word in every if _CLAUSE_BREAK.search(word) or word.startswith(tuple(_CLOSERS))]
    if crossing:  # (what lets one scan of a document stand for the scans of its clauses: _WordScan)
        raise VocabularyError(f"{PATTERNS_DIR / 'stages.jsonl'} and stage_rules.json: the status words, decoys and "
                              f"blockers {crossing} hold a clause's end or a blank, or open with a closing mark; "
                              "a status word lies inside one clause: remove or shorten them")
    return StageWords(
        scanner=(ahocorasick_rs.AhoCorasick(every, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest), every)
        if every else None,
        pattern=re.compile(alternation(set(words) | decoys | blockers)),
        words=words,
        specific=frozenset(text for text, word in words.items() if not word.weak and text not in decoys),
        decoys=decoys,
        blockers=blockers,
        future=re.compile(alternation(rules["future_markers"])),
        plan=re.compile(alternation(rules["plan_markers"])),
        frame=re.compile(rf"^(?:{alternation(rules['frame_markers'])})(?![及上下])"),
        completion=frozenset(rules["completion_stages"]),
        agency_suffixes=tuple(rules["agency_facility_suffixes"]),
        place_suffixes=tuple(rules["place_facility_suffixes"]),
        company_heads=tuple(rules["company_heads"]),
        company_followers=tuple(rules["company_followers"]),
        class_nouns=tuple(rules["class_nouns"]),
        class_count=re.compile(rules["class_counts"]),
        class_measure=re.compile(rules["class_measures"]),
        class_noun=re.compile(rf"{_CLOSER}[\d一二三四五六七八九十百余多个批新]*$"),
        elided_heads=frozenset(rules["elided_heads"]),
        works_heads=tuple(sorted(rules["works_heads"], key=len, reverse=True)),
        modified_heads=tuple(rules["works_heads"]) + tuple(rules["modifier_heads"]),
        firm_name_ends=tuple(rules["firm_name_ends"]),
        title_verbs=tuple(rules["title_verbs"]),
        works_frame_end=tuple(rules["works_frame_end"]),
        works_leads=re.compile(rf"^(?:{alternation(rules['works_leads'])})"),
        works_trails=re.compile(rf"(?:{alternation(rules['works_trails'])})+$"),
        works_generic=re.compile(rules["works_generic"]),
        list_continues=re.compile(rules["list_continues"]),
        upgrades=frozenset(rules["upgrades"]),
        list_class=re.compile(rf"^{_CLOSER}[\d{NUMERAL}余多{MEASURES}]*"
                              rf"[\u4e00-\u9fff]{{0,10}}?(?:{alternation([*rules['works_heads'], *rules['list_class_heads']])})"
                              r"(?:\d+(?:余|多)?个)?$"),
        list_heads=tuple(rules["works_heads"]) + tuple(rules["class_nouns"]),
        name_tails=re.compile(rules["name_tails"]),
        transitive=frozenset(rules["transitive_words"]),
    )


class _Token(NamedTuple):
    start: int
    end: int
    text: str
    blocker: bool
    describes_class: bool = False  # …等新签约项目: says how the class came about, yields to other words


Match = tuple[int, int, str]  # (start, end, text) of a status word, decoy or blocker


def _tokens(clause: str, vocab: StageWords, masks: Sequence[tuple[int, int]] = (),
            matches: Iterable[Match] | None = None) -> list[_Token]:
    """Status words and blockers of a clause, outside names (``masks``) and decoys.

    ``matches`` are the clause's words found already (offsets in the clause: :class:`_WordScan`); without
    them the clause is searched."""
    found = []
    classes: list[tuple[int, int]] | None = None  # …等6个投资超十亿元项目: the class the list belongs to
    if matches is None:
        matches = [(m.start(), m.end(), m.group(0)) for m in vocab.pattern.finditer(clause)]
    for start, end, text in matches:
        if text in vocab.decoys or any(s < end and start < e for s, e in masks):
            continue
        blocker = text in vocab.blockers and text not in vocab.words
        if blocker and text not in vocab.upgrades:
            if classes is None:
                classes = [m.span() for m in _CLASS_NOUN.finditer(clause)]
            if any(s < start < e for s, e in classes):
                continue  # a blocker inside the class noun describes the class, not another object of the verb
        # (the class noun after the word is looked at first: a search of the clause before it only then)
        describes_class = (clause.startswith(vocab.class_nouns, end)
                           and bool(vocab.class_noun.search(clause, 0, start)))
        found.append(_Token(start, end, text, blocker, describes_class))
    return found


class _WordScan:
    """The status words, decoys and blockers of a whole document, found by one scan of its text.

    No word holds a clause's end (，；。！？, a line break) nor a blank, so no match runs over the end of a
    clause or sentence, and the scan of the whole text finds in each clause exactly what a scan of the clause
    alone finds: the clauses of both status passes take their words from here by bisection instead of
    searching the clause, often twice (whether it has a word, then which)."""

    def __init__(self, text: str, vocab: StageWords) -> None:
        self.text, self.vocab = text, vocab
        if vocab.scanner is not None:
            automaton, words = vocab.scanner
            self.matches: list[Match] = [(start, end, words[index])
                                         for index, start, end in automaton.find_matches_as_indexes(text)]
        else:
            self.matches = [(m.start(), m.end(), m.group(0)) for m in vocab.pattern.finditer(text)]
        self.starts = [start for start, _end, _text in self.matches]
        # (a clause without a specific status word names works only in a frame: 加快…建设)
        self.specific_starts = [start for start, _end, word in self.matches if word in vocab.specific]

    def any_in(self, start: int, end: int) -> bool:
        """Whether a word starts in ``[start, end)`` (and so lies in it, for a clause or sentence)."""
        at = bisect_left(self.starts, start)
        return at < len(self.starts) and self.starts[at] < end

    def any_specific_in(self, start: int, end: int) -> bool:
        """Whether a specific status word (neither weak nor a decoy) starts in ``[start, end)``."""
        at = bisect_left(self.specific_starts, start)
        return at < len(self.specific_starts) and self.specific_starts[at] < end

    def within(self, start: int, end: int) -> list[Match]:
        """The words of the clause ``text[start:end]``, with offsets in the clause."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [(s - start, e - start, word) for s, e, word in self.matches[lo:hi]]


_LAST_SCAN: list[_WordScan] = []  # the last document's scan: the status stage's two passes share it


def _word_scan(text: str, vocab: StageWords) -> _WordScan:
    """The :class:`_WordScan` of ``text`` (made once for the two passes over one document)."""
    last = _LAST_SCAN[0] if _LAST_SCAN else None  # (read once: another thread may put its document's scan there)
    if last is not None and last.text is text and last.vocab is vocab:
        return last
    scan = _WordScan(text, vocab)
    _LAST_SCAN[:] = [scan]
    return scan


def _combine(clause: str, tokens: list[_Token], kind: str, vocab: StageWords) -> list[tuple[str, int | None]]:
    """(stage, year written in the clause or None) stated by ``tokens``, by the combination rules."""
    words = [t for t in tokens if not t.blocker]
    strong: dict[str, int | None] = {}
    weak_rank = -1
    weak: dict[str, int | None] = {}
    for i, token in enumerate(words):
        word = vocab.words[token.text]
        if word.attributive and any(not vocab.words[t.text].weak for t in words[i + 1:]):
            continue  # 新建公厕加速推进: the predicate after it governs
        if token.describes_class and any(not vocab.words[t.text].weak for t in words if t is not token):
            continue  # 开工建设X等新签约项目: the clause's own predicate governs
        if kind == "outcome" and vocab.plan.search(clause, 0, token.start):
            continue  # 力争年内建成: a plan reported in the review, not an outcome
        stages = word.outcome_stages if kind == "outcome" else word.stages
        if kind == "outcome" and vocab.future.search(clause, 0, token.start):
            stages = tuple("在建" if s in vocab.completion else s for s in stages)
        years = _YEAR.findall(clause, 0, token.start)
        year = int(years[-1]) if years else None
        if not word.weak:
            for stage in stages:
                strong.setdefault(stage, year)
        elif word.rank > weak_rank:
            weak_rank, weak = word.rank, dict.fromkeys(stages, year)
    chosen = strong or weak
    if "开工" in chosen and "在建" in chosen:  # 启动…改扩建: the start verb governs
        del chosen["在建"]
    return list(chosen.items())


def clause_stages(clause: str, kind: str, vocab: StageWords | None = None) -> list[str]:
    """The stages a clause states for the works it names, in the review (outcome) or plan part."""
    vocab = vocab or stage_words()
    return [stage for stage, _year in _combine(clause, _tokens(clause, vocab), kind, vocab)]


def _governed(clause: str, names: list[tuple[int, int, Entity]], tokens: list[_Token],
              masks: list[tuple[int, int]], vocab: StageWords) -> dict[int, list[_Token]]:
    """For each name (by index), the status words of the clause that govern it (rules in the module doc)."""
    seps = [i for i, ch in enumerate(clause) if ch == _SEPARATOR and not any(s <= i < e for s, e in masks)]
    item = lambda pos: bisect_right(seps, pos)  # noqa: E731 - index of the 、-item holding pos
    last_item = len(seps)
    name_items = [item(s) for s, _e, _ent in names]
    first_item = min(name_items)
    last_end = max(e for _s, e, _n in names)
    tail = last_end if item(last_end) == last_item else seps[-1]  # the list's tail: after its last name
    words = [t for t in tokens if not t.blocker]
    blockers = [t for t in tokens if t.blocker]

    def after_name(token: _Token) -> bool:  # token follows a name of its own item
        return any(j == item(token.start) and e <= token.start for j, (_s, e, _n) in zip(name_items, names))
    # items whose own names carry a word after them (X建设、…) or word-only items after the list starts
    own_items = {item(t.start) for t in words if after_name(t) or item(t.start) > first_item}
    governed: dict[int, list[_Token]] = {i: [] for i in range(len(names))}
    for token in words:
        j, weak = item(token.start), vocab.words[token.text].weak
        before = [i for i, (s, e, _n) in enumerate(names) if e <= token.start]
        closed = before and _CLOSER in clause[max(names[i][1] for i in before):token.start]
        if j < first_item or (j == first_item and not after_name(token)
                              and all(token.end <= s for s, _e, _n in names if item(s) == j)):
            targets = list(range(len(names)))  # a verb before the list
        elif closed or (j == last_item and own_items <= {j}):
            targets = before  # …等项目建成 / the list's one predicate
        elif after_name(token):
            targets = [i for i in before if name_items[i] == j]  # X建设、Y技改: its own item
        else:
            targets = [i for i, (s, _e, _n) in enumerate(names) if name_items[i] == j and s >= token.end]
        for i in targets:
            start, end, _entity = names[i]
            if token.start >= end:  # …项目征拆完成; a weak word heading a blocked noun (X建设项目前期工作)
                blocked = any(end <= b.start < token.start or (weak and b.start >= token.end and item(b.start) == j)
                              for b in blockers) or (token.text in vocab.transitive and _verb_has_object(clause, token, tokens, vocab)) \
                    or any(end <= s2 and e2 <= token.start and item(s2) == item(end) and _JOINS.sub("", clause[end:s2])
                           and _CLOSER not in clause[end:s2] for s2, e2, _n in names) \
                    or any(b.end == start for b in blockers)  # 谋划|X建设: the blocker is what is done to X
            else:  # a leading verb: blocked by a blocker of the name's item or of the list's tail (…等地块出让)
                blocked = any(b.start >= end and (item(b.start) == name_items[i] or b.start >= tail or _CLOSER in clause[end:b.start])
                              and not any(end <= t.start < b.start and not vocab.words[t.text].weak for t in words)
                              for b in blockers) or _object_goes_on(clause, start, end, names, tokens, masks, vocab) \
                    or any(token.end <= b.start and b.end == start for b in blockers)  # 加快|筹建|X: the blocker's object
            if not blocked:
                governed[i].append(token)
    return governed


def _object_goes_on(clause: str, start: int, end: int, names: list[tuple[int, int, Entity]], tokens: list[_Token],
                    masks: list[tuple[int, int]], vocab: StageWords) -> bool:
    """The words after a name a leading verb reaches make it qualify another object (推进X实质化运行, 建设X智能
    教育实验区, 完成X候选区本底调查): they run to the next 、, name or word of the clause and are no tail of works
    (``name_tails``: 等, 项目, 一期, X东段…) and no words before a status word of the name's own (X提质改造); a name
    inside a longer name (市第八中学|改造提升工程) is left to the rules above."""
    if any(s <= start and e > end for s, e in masks):
        return False
    stop = next((i for i in range(end, len(clause)) if clause[i] in "、，,；;等"), len(clause))
    stop = min([stop, *(s for s, _e, _n in names if s >= end), *(t.start for t in tokens if t.start >= end)])
    own = next((t for t in tokens if t.start == stop and not t.blocker), None)
    if own is not None:  # the name's own predicate follows (X提质改造, X新院建设), unless it builds another object
        return own.text in vocab.transitive and _verb_has_object(clause, own, tokens, vocab)
    return not vocab.name_tails.match(clause, end, stop)


def _verb_has_object(clause: str, token: _Token, tokens: list[_Token], vocab: StageWords) -> bool:
    """A word after a name (``transitive_words``) that takes an object of its own (X建设国家区域医疗中心, X建设高水平应用型大学): the
    name builds something else; the word states no stage of the name's own works (X建设, X建设项目 do)."""
    stop = next((i for i in range(token.end, len(clause)) if clause[i] in "、，,；;等"), len(clause))
    stop = min([stop, *(t.start for t in tokens if t.start >= token.end)])
    return not vocab.name_tails.match(clause, token.end, stop)


def _kind_and_year(doc: Document, offset: int, several: Sequence[tuple[int, int]] = ()) -> tuple[str, int | None] | None:
    """outcome in a review part, plan in a plan part, with the year that part is about; None where the text
    speaks of several years (``several``: 五年来…, “十五五”时期…), which no single year's status comes from."""
    if any(start <= offset < end for start, end in several):
        return None
    section = doc.section_at(offset)
    role = section.role if section else None
    if role not in ("review", "plan"):
        return None
    part = _part_of(doc, section)
    if role == "review":
        return "outcome", part.year if part and part.year else (doc.year - 1) if doc.year else None
    if role == "plan":
        return "plan", part.year if part and part.year else doc.year
    return None


def _part_of(doc: Document, section: Section | None) -> Section | None:
    """The part (level 1 section) that holds ``section`` (``doc.part_at`` of an offset in it, without finding the
    section again)."""
    while section is not None and section.level > 1 and section.parent is not None:
        section = doc.sections[section.parent]
    return section if section is not None and section.level == 1 else None


def _is_candidate(entity: Entity, vocab: StageWords) -> bool:
    if entity.type == "Agency":
        return entity.name.endswith(vocab.agency_suffixes)
    if entity.type == "Place":
        return entity.name.endswith(vocab.place_suffixes)
    return entity.type in _STATUS_TYPES


def _candidates(entities: Iterable[Entity], vocab: StageWords) -> list[tuple[int, int, Entity]]:
    spans = [(m.start, m.end, entity) for entity in entities if _is_candidate(entity, vocab)
             for m in entity.mentions if not set(m.found_by) <= set(_NOT_STATUS_RULES)]
    spans.sort(key=lambda item: (item[0], -item[1]))
    outermost, last_end = [], -1
    for start, end, entity in spans:
        if end <= last_end:
            continue  # nested inside a longer name: the outer name carries the status
        outermost.append((start, end, entity))
        last_end = end
    return outermost


def _firm_not_works(doc: Document, end: int, c_end: int, vocab: StageWords) -> bool:
    """A company that owns or partners the works rather than being them (X集团棚户区改造, 与X公司合作)."""
    rest = doc.text[end:c_end]
    if any(head in rest for head in vocab.company_heads):
        return True  # …等企业“三供一业”改造: firms, not projects
    return bool(rest) and not rest.startswith(vocab.company_followers) and not vocab.pattern.match(rest)


def _not_one_work(text: str, start: int, end: int, c_start: int, vocab: StageWords) -> bool:
    """A counted or measured name (10个X, X71公里) is a class of works; a name in a title (《X规划》) or after a
    title verb (创建X) is no work."""
    before = text[max(c_start, start - 8):start]
    if before.endswith(vocab.title_verbs):
        return True  # 创建中医药特色医养结合示范基地: a title sought
    if vocab.class_count.search(before.rstrip("“\"")) or vocab.class_measure.match(text, end, end + 12):
        return True
    if text[start - 1:start] == "（" and text[end:end + 1] == "）" and _NAME_GOES_ON.match(text, end + 1):
        return True  # 国家区域医疗中心（省儿童医院）二期: a gloss inside a longer name
    opened = text.rfind("《", c_start, start)
    return opened >= 0 and text.find("》", opened, start) < 0


def _qualifies_longer_works(text: str, end: int, c_end: int, vocab: StageWords) -> bool:
    """A project named right before more words that end in a works head (天府大道科创走廊建设):
    it qualifies that longer works, which is what the status word is about."""
    rest = _NAME_RUN.match(text, end, c_end)
    if rest is None:
        return False
    words = rest.group()
    token = vocab.pattern.search(words)
    words = words[: token.start()] if token else words
    return len(words) >= 3 and words.endswith(vocab.modified_heads)


def _full_names(entities: Sequence[Entity], vocab: StageWords) -> dict[str, str]:
    """Short project names whose full form (the name and a shared head) the report also writes:
    孟底沟 → 孟底沟水电站, 道孚抽蓄 → 道孚抽蓄电站 (one full form only)."""
    projects = {e.name for e in entities if e.type == "Project"}
    full: dict[str, list[str]] = {}
    for name in projects:
        for head in vocab.elided_heads:
            if name.endswith(head) and (short := name[: -len(head)]) in projects:
                full.setdefault(short, []).append(name)
    return {short: names[0] for short, names in full.items() if len(names) == 1}


def _longer_names(entities: Sequence[Entity]) -> dict[str, list[str]]:
    """Project names that end with another project's name (市域铁路S5线 / S5线), by the shorter name."""
    projects = sorted({e.name for e in entities if e.type == "Project"}, key=len)
    names = set(projects)
    longer: dict[str, list[str]] = {}
    # each name's own tails looked up among the names (not every pair of names compared): a longer name comes after
    # the shorter in ``projects``, so each list keeps the order of ``projects``
    for other in projects:
        for cut in range(1, len(other)):
            if other[cut:] in names:
                longer.setdefault(other[cut:], []).append(other)
    return longer


def _written_longer(text: str, start: int, name: str, longer: dict[str, list[str]]) -> str | None:
    """The longer project name written at this mention of ``name`` (市域铁路|S5线 where the mention kept only S5线):
    the works the clause names is that project."""
    for other in longer.get(name, ()):
        lead = other[: len(other) - len(name)]
        if text.startswith(lead, start - len(lead)):
            return other
    return None


def find_statuses(doc: Document, entities: Iterable[Entity], *,
                  several: Sequence[tuple[int, int]] | None = None) -> Iterator[Status]:
    """Every (project, stage, year, kind) stated in the review or plan part of ``doc`` (``several``: its
    ``multi_year_spans`` when the caller has them already)."""
    vocab = stage_words()
    entities = list(entities)
    full_names = _full_names(entities, vocab)
    longer = _longer_names(entities)
    spans = _candidates(entities, vocab)
    if not spans:
        return
    all_masks = sorted((m.start, m.end) for e in entities for m in e.mentions)
    mask_starts = [s for s, _e in all_masks]
    span_starts = [s for s, _e, _entity in spans]
    seen: set[tuple] = set()
    several = multi_year_spans(doc) if several is None else several
    scan = _word_scan(doc.text, vocab)
    cursor = 0
    for sentence in doc.sentences:
        while cursor < len(spans) and spans[cursor][0] < sentence.start:
            cursor += 1
        if cursor >= len(spans) or spans[cursor][0] >= sentence.end:
            continue
        context = _kind_and_year(doc, sentence.start, several)
        if context is None:
            continue
        kind, default_year = context
        evidence = Evidence(doc.id, sentence.start, sentence.end, sentence.text)
        lead: list[_Token] = []  # the leading specific verb of the clause before (新开工A等23个，B等300个…项目)
        for clause in _CLAUSE.finditer(sentence.text):
            c_start, c_end = sentence.start + clause.start(), sentence.start + clause.end()
            # (the spans are sorted by start: only those starting before the clause's end can lie in it)
            named = [(s - c_start, e - c_start, ent) for s, e, ent in spans[cursor:bisect_right(span_starts, c_end)]
                     if c_start <= s and e <= c_end]
            text = clause.group(0)
            carried, lead = lead, []
            if not named:  # its leading verb may still govern the list the next clause goes on with
                # (a word the clause's first 8 characters hold is a word of the scan starting there: _WordScan)
                lead = [t for t in _tokens(text[:8], vocab) if not t.blocker and t.start <= 4
                        and not vocab.words[t.text].weak][:1] if scan.any_in(c_start, c_start + 8) else []
                continue
            lo, hi = bisect_right(mask_starts, c_start - 1), bisect_right(mask_starts, c_end)
            masks = [(s - c_start, e - c_start) for s, e in all_masks[max(0, lo - 1):hi]]
            tokens = _tokens(text, vocab, masks, scan.within(c_start, c_end))
            frame = vocab.frame.match(text.lstrip())
            if frame:  # 依托X加快推进Y: X is the means; only a specific verb after X governs Y (not 围绕建成X)
                framed = len(text) - len(text.lstrip()) + frame.end() + 2
                verb = next((t for t in tokens if not t.blocker and not vocab.words[t.text].weak
                             and t.start >= framed), None)
                if verb is None:
                    continue
                named = [n for n in named if n[0] >= verb.end]
                if not named:
                    continue
                tokens = [t for t in tokens if t.start >= verb.start]
            lead = [t for t in tokens if not t.blocker and t.start <= 4 and not vocab.words[t.text].weak][:1]
            if not any(not t.blocker for t in tokens):
                if not (carried and min(n[0] for n in named) <= 1 and vocab.list_continues.search(text)):
                    continue
                tokens = [_Token(0, 0, carried[0].text, False)] + tokens  # the list goes on under the verb before
            for i, tokens_of in _governed(text, named, tokens, masks, vocab).items():
                start, end, entity = named[i]
                if not tokens_of or (entity.type == "Company"
                                     and _firm_not_works(doc, c_start + end, c_end, vocab)):
                    continue
                if _not_one_work(doc.text, c_start + start, c_start + end, c_start, vocab) or \
                        (entity.type == "Project" and _qualifies_longer_works(doc.text, c_start + end, c_end, vocab)):
                    continue
                for stage, year in _combine(text, tokens_of, kind, vocab):
                    if stage == "签约" and (entity.type in ("Agency", "Place") or (
                            entity.type == "Company" and entity.name.endswith(vocab.firm_name_ends))):
                        continue  # bodies, places and firms named as firms are brought in, not signed
                    project = _written_longer(doc.text, c_start + start, entity.name, longer) or \
                        full_names.get(entity.name, entity.name)
                    key = (project, stage, year or default_year, kind)
                    if key not in seen:
                        seen.add(key)
                        yield Status(project, stage, year or default_year, kind, evidence)


_ITEM_SEPARATORS = re.compile(r"[、和及与]")
_NOT_IN_NAME = re.compile(r"[“”《》（）()\[\]【】：:·—和及与]")
WORKS_RULE = "status-works"


_SHORT_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,10}")
_LETTERS = re.compile(r"[A-Za-z0-9]")
_JOINED = re.compile(r"[和及与]")  # 峡江灌区和遂川: two names in one item
_COUNTED = re.compile(rf"[\d{NUMERAL}]+[{MEASURES}栋幢]")  # 三条特色街区, 10个, 39幢…大楼: a count of a class


def _works_items(text: str, start: int, end: int, vocab: StageWords) -> Iterator[tuple[int, int]]:
    """The 、-items of ``text[start:end]`` that name one works by their head (国际攀岩中心、太和公园)."""
    cut = start
    for match in [*_ITEM_SEPARATORS.finditer(text, start, end), None]:
        stop = match.start() if match else end
        if match and match.group() != _SEPARATOR and not text[cut:stop].endswith(vocab.works_heads):
            continue  # A站和B站站前广场: 和 joins words, not two works (and the item is no one name, below)
        lead = vocab.works_leads.match(text[cut:stop])
        begin = cut + (lead.end() if lead else 0)
        item = text[begin:stop]
        head = affixes(vocab.works_heads).suffix(item)  # works_heads are longest first: the longest head
        if head and len(item) - len(head) >= 3 and len(item) <= 24 and not _NOT_IN_NAME.search(item) \
                and not _COUNTED.search(item) \
                and not vocab.works_generic.search(item) and not vocab.pattern.search(item):
            yield begin, stop
        cut = stop + 1 if match else end


def _listed_items(text: str, start: int, end: int, vocab: StageWords,
                  works: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The 、-items of ``text[start:end]`` that name works without a head of their own, because the list
    says what they are: a class noun after 等 (建设格聂、天龙湖等重点景区; 新竣工X等项目137个) or the head its last
    item shares with them (加快合山柳花岭、来冶专线铁路货运枢纽建设), when that item is works (one of ``works``: a
    project found or a works item), not a phrase (赴欧洲、日韩、东南亚开展外资项目招引). Only a short run of name characters with no
    status word, decoy or blocker in it, that is no class (城乡…, 重点…) and no counted or measured item, counts."""
    seps = [i for i in range(start, end) if text[i] == _SEPARATOR]
    items = list(zip([start, *(i + 1 for i in seps)], [*seps, end]))
    if text.startswith(_CLOSER, end):
        stop = vocab.pattern.search(text, end)
        if not vocab.list_class.match(text[end:stop.start() if stop else len(text)]):
            return
        headless = items
    else:
        last = text[items[-1][0]:end]
        if len(items) < 2 or not last.endswith(vocab.list_heads) or len(last) < 5 or _COUNTED.search(last) \
                or not any(e == end and s >= items[-1][0] for s, e in works):
            return  # (小吃、茶饮、酒吧三条特色街区: a counted class, no shared head)
        headless = items[:-1]
    for a, b in headless:
        while lead := vocab.works_leads.match(text[a:b]):  # 全力争取|新华融媒云
            a += lead.end()
        item = text[a:b]
        if text[b:b + 2][1:].isdigit() and item[-1:].isdigit():
            continue  # 核电7、8号机组: a series of numbers, not a list of names
        if _SHORT_NAME.fullmatch(item) and not item.isdigit() and not item.endswith(vocab.works_heads) \
                and not _JOINED.search(item) and not vocab.works_generic.search(item) \
                and not vocab.pattern.search(item) and _proper(item, opens=a == start):
            yield a, b


def _proper(item: str, *, opens: bool = False) -> bool:
    """A short list item that reads as a name: letters or digits (S5线), a proper word (雅江|措拉, 万邦|胜辉)
    or two single characters jieba split off an unknown name (中|创新|航); not one dictionary word
    (电子信息, 道路交通) nor common nouns (绿色|家居, 冬种|蔬菜): those name an industry or a kind. The first item
    of a stretch (``opens``) may not start with a verb: that is the clause's own."""
    tokens = get_segmenter().tokens(item)
    if opens and tokens[0].tag.startswith("v"):
        return False  # the clause's own verb before its first item (促进|至信搏远铝塑膜等项目建成投产)
    rules = load_rules()
    if len(tokens) == 1 and (tokens[0].tag not in rules.proper_tags or (tokens[0].tag == "x" and len(item) < 3)):
        return False  # one dictionary word, or one unknown word of two characters (电芯; not 瑞丰智造)
    if _LETTERS.search(item):
        return True
    return any(len(t.text) >= 2 and t.tag in rules.proper_tags and t.text not in rules.generic_names for t in tokens) \
        or (len(item) >= 4 and sum(len(t.text) == 1 for t in tokens) >= 2)  # not 茶|饮, 电|芯: common words


def _inside_taken(starts: list[int], reach: list[int], a: int, b: int) -> bool:
    """Whether a mention (sorted ``starts``, ``reach`` the running max of their ends) holds ``[a, b)``: one
    binary search instead of a scan of every mention of the document."""
    at = bisect_right(starts, a)
    return at > 0 and reach[at - 1] >= b


def _sentences_with_words(doc: Document, scan: _WordScan, frame_ends: tuple[str, ...]) -> list[Sentence]:
    """The sentences of ``doc``, in order, that hold a specific status word, or a frame end (建设) and any status
    word: the sentences holding the scan's specific words and the frame ends, each looked up by bisection, instead of
    a test of every sentence of the report (most hold neither)."""
    held: dict[int, Sentence] = {}
    for start in scan.specific_starts:
        sentence = doc.sentence_at(start)
        if sentence is not None:
            held[sentence.start] = sentence
    text = doc.text
    for word in frame_ends:
        at = text.find(word)
        while at >= 0:
            sentence = doc.sentence_at(at)
            if sentence is not None and at + len(word) <= sentence.end and sentence.start not in held and \
                    scan.any_in(sentence.start, sentence.end):
                held[sentence.start] = sentence
            at = text.find(word, at + 1)
    return [held[start] for start in sorted(held)]


def works_named_by_status(doc: Document, entities: Iterable[Entity], *,
                          several: Sequence[tuple[int, int]] | None = None) -> list[Entity]:
    """Projects named only by the status clause that governs them: the object of a leading status verb
    (开工建设喜鹊寺水库, 建成A中心、B公园) or the subject before the status predicate (A服务站、B集散中心建成投运,
    A科研楼等主体完工), when the name ends with a works head (``works_heads``) and is not a class of works.
    Names that are already entities, or inside one, are left to the other rules (``several``: the document's
    ``multi_year_spans`` when the caller has them already)."""
    vocab = stage_words()
    entities = list(entities)
    taken = sorted((m.start, m.end) for e in entities for m in e.mentions)
    taken_starts = [s for s, _e in taken]
    projects = {(m.start, m.end) for e in entities if e.type == "Project" for m in e.mentions}
    project_spans = sorted(projects)  # a clause's projects by bisection, not a walk of the document's
    project_starts = [s for s, _e in project_spans]
    reach = list(accumulate((e for _s, e in taken), max))  # the furthest end of the mentions up to each one
    names = {e.name for e in entities}
    several = multi_year_spans(doc) if several is None else several
    scan = _word_scan(doc.text, vocab)
    found: dict[str, list[Mention]] = {}
    frame_ends = vocab.works_frame_end
    # a clause names works only with a specific status word in it, or a status word in the frame 加快…建设 (the test
    # on its tokens below, made first on the document's scan): a sentence with neither has no such clause
    for sentence in _sentences_with_words(doc, scan, frame_ends):
        if _kind_and_year(doc, sentence.start, several) is None:
            continue
        for clause in _CLAUSE.finditer(sentence.text):
            # …and so a clause: looked up before its masks and tokens are made (most clauses hold weak words only)
            offset = sentence.start + clause.start()
            text = clause.group(0)
            if not scan.any_specific_in(offset, offset + len(text)) and not (
                    text.endswith(frame_ends) and scan.any_in(offset, offset + len(text))):
                continue
            if vocab.frame.match(text.lstrip()):
                continue
            lo_at, hi_at = bisect_right(taken_starts, offset - 1), bisect_right(taken_starts, offset + len(text))
            masks = [(s - offset, e - offset) for s, e in taken[max(0, lo_at - 1):hi_at]]
            tokens = [t for t in _tokens(text, vocab, masks, scan.within(offset, offset + len(text)))
                      if not t.blocker]  # 国投产业园 holds no 投产
            specific = any(not vocab.words[t.text].weak for t in tokens)
            if not tokens or not (specific or text.endswith(vocab.works_frame_end)):
                continue  # a specific status word, or the frame 加快…建设 around the works
            spans = []
            first = tokens[0]
            if not specific and first.start > 4:
                continue  # 提速城市新中心建设: the frame needs its leading status verb (and a list, below)
            if first.start <= 4:  # a leading verb: the object runs to the next status word, 等 or the end
                lead_end = first.end
                for t in tokens[1:]:
                    if t.start != lead_end:
                        break
                    lead_end = t.end
                rest = [t.start for t in tokens if t.start >= lead_end]
                stop = min([*rest, len(text)])
                closer = text.find(_CLOSER, lead_end, stop)
                if closer >= 0 or specific:  # 加快X等农业项目建设: a weak frame names works only in a list
                    spans.append((lead_end, closer if closer >= 0 else stop))
            else:  # a subject before the predicate
                closer = text.find(_CLOSER, 0, first.start)
                # (an adverb before the predicate is no part of the last works' name: …长江大桥|顺利|通车)
                trail = vocab.works_trails.search(text, 0, first.start) if closer < 0 else None
                spans.append((0, closer if closer >= 0 else trail.start() if trail else first.start))
            for lo, hi in spans:
                if vocab.class_measure.search(text, lo, hi):
                    continue  # 建成A和B248个, 建成X2个、A和B15个: the list counts classes of works
                # (a count after the list: classes for items by their head, examples for items of a class: 等项目137个)
                counted = bool(vocab.class_measure.search(text, hi, hi + 12))
                items = [] if counted else list(_works_items(text, lo, hi, vocab))
                below, above = bisect_left(project_starts, offset), bisect_right(project_starts, offset + hi)
                works = items + [(s - offset, e - offset) for s, e in project_spans[below:above] if e <= offset + hi]
                # (a headless item that holds a project already found is that project's: G350丹巴段|整治; one that
                # crosses a name's edge is no name; a place inside it is part of the name: 雅江|措拉)
                listed = [] if counted and not text.startswith(_CLOSER, hi) else [
                    (s, e) for s, e in _listed_items(text, lo, hi, vocab, works)
                    if not any(s < me and ms < e and (ms < s or me > e or (offset + ms, offset + me) in projects)
                               for ms, me in masks)]
                for s, e in [*items, *listed]:
                    a, b = offset + s, offset + e
                    name = doc.text[a:b]
                    if name in names or _not_one_work(doc.text, a, b, offset, vocab) or \
                            _inside_taken(taken_starts, reach, a, b):
                        continue
                    found.setdefault(name, []).append(Mention(a, b, name, "Project", WORKS_RULE, name))
    return [Entity(name=name, type="Project", mentions=mentions) for name, mentions in found.items()]
