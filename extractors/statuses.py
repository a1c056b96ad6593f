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
* a clause that opens with a frame word (依托, 围绕, 立足) names means, not works.

How the words of one name combine:

* specific words (竣工, 开工, 续建…) win over weak ones (推进, 建设, 完成), and
  among weak words the higher rank wins (完成…建设 → 建成);
* an attributive word (新建 公厕) yields to a specific predicate after it;
* a start verb governs the works it names (启动…改扩建 → 开工 only);
* in the review part a completion word after 即将 means the work is still
  under way (即将竣工投产 → 在建), and a word after a plan marker (力争, 确保)
  reports a plan, not an outcome, so it is dropped;
* a year written before the word in its clause is the status's year (确保2018年投入使用);
* only the outermost name counts (湖南建工集团装配式建筑基地, not 湖南建工集团).
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from extractors.records import Document, Entity, Evidence, Status
from extractors.rules import PATTERNS_DIR
from extractors.vocabulary import load_rows

__all__ = ["find_statuses", "StageWords", "stage_words", "clause_stages"]

_CLAUSE = re.compile(r"(?:[^，；。！？\n,;]|(?<=\d),(?=\d))+")
_YEAR = re.compile(r"(?<![比较于])((?:19|20)\d\d)年(?!以来|以前|前|同期)")
_STATUS_TYPES = ("Project", "Company", "Agency", "Place")
_NOT_STATUS_RULES = ("agency-body", "agency-central", "agency-mass-organisation")
_SEPARATOR = "、"
_CLOSER = "等"


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


def _alternation(words: Iterable[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


# the optional keys of a row of stages.jsonl and their defaults (outcome_stages: the row's stages)
_STAGE_DEFAULTS = {"outcome_stages": None, "weak": False, "rank": 0, "attributive": False}


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
    rules = json.loads((PATTERNS_DIR / "stage_rules.json").read_text(encoding="utf-8"))
    decoys, blockers = frozenset(rules["decoys"]), frozenset(rules["blockers"])
    return StageWords(
        pattern=re.compile(_alternation(set(words) | decoys | blockers)),
        words=words,
        decoys=decoys,
        blockers=blockers,
        future=re.compile(_alternation(rules["future_markers"])),
        plan=re.compile(_alternation(rules["plan_markers"])),
        frame=re.compile(rf"^(?:{_alternation(rules['frame_markers'])})(?![及上下])"),
        completion=frozenset(rules["completion_stages"]),
        agency_suffixes=tuple(rules["agency_facility_suffixes"]),
        place_suffixes=tuple(rules["place_facility_suffixes"]),
        company_heads=tuple(rules["company_heads"]),
        company_followers=tuple(rules["company_followers"]),
    )


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    blocker: bool


def _tokens(clause: str, vocab: StageWords, masks: Sequence[tuple[int, int]] = ()) -> list[_Token]:
    """Status words and blockers of a clause, outside names (``masks``) and decoys."""
    found = []
    for match in vocab.pattern.finditer(clause):
        text = match.group(0)
        if text in vocab.decoys or any(s < match.end() and match.start() < e for s, e in masks):
            continue
        found.append(_Token(match.start(), match.end(), text, text in vocab.blockers and text not in vocab.words))
    return found


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
                              for b in blockers)
            else:  # a leading verb: blocked by a blocker of the name's item or of the list's tail (…等地块出让)
                blocked = any(b.start >= end and (item(b.start) == name_items[i] or b.start >= tail or _CLOSER in clause[end:b.start])
                              and not any(end <= t.start < b.start and not vocab.words[t.text].weak for t in words)
                              for b in blockers)
            if not blocked:
                governed[i].append(token)
    return governed


def _kind_and_year(doc: Document, offset: int) -> tuple[str, int | None] | None:
    """outcome in a review part, plan in a plan part, with the year that part is about."""
    section = doc.section_at(offset)
    role = section.role if section else None
    part = doc.part_at(offset)
    if role == "review":
        return "outcome", part.year if part and part.year else (doc.year - 1) if doc.year else None
    if role == "plan":
        return "plan", part.year if part and part.year else doc.year
    return None


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


def find_statuses(doc: Document, entities: Iterable[Entity]) -> Iterator[Status]:
    """Every (project, stage, year, kind) stated in the review or plan part of ``doc``."""
    vocab = stage_words()
    entities = list(entities)
    spans = _candidates(entities, vocab)
    if not spans:
        return
    all_masks = sorted((m.start, m.end) for e in entities for m in e.mentions)
    mask_starts = [s for s, _e in all_masks]
    seen: set[tuple] = set()
    cursor = 0
    for sentence in doc.sentences:
        while cursor < len(spans) and spans[cursor][0] < sentence.start:
            cursor += 1
        context = _kind_and_year(doc, sentence.start)
        if context is None or cursor >= len(spans) or spans[cursor][0] >= sentence.end:
            continue
        kind, default_year = context
        evidence = Evidence(doc.id, sentence.start, sentence.end, sentence.text)
        for clause in _CLAUSE.finditer(sentence.text):
            c_start, c_end = sentence.start + clause.start(), sentence.start + clause.end()
            named = [(s - c_start, e - c_start, ent) for s, e, ent in spans[cursor:]
                     if c_start <= s and e <= c_end]
            text = clause.group(0)
            if not named or vocab.frame.match(text.lstrip()):
                continue
            lo, hi = bisect_right(mask_starts, c_start - 1), bisect_right(mask_starts, c_end)
            masks = [(s - c_start, e - c_start) for s, e in all_masks[max(0, lo - 1):hi]]
            tokens = _tokens(text, vocab, masks)
            if not any(not t.blocker for t in tokens):
                continue
            for i, tokens_of in _governed(text, named, tokens, masks, vocab).items():
                start, end, entity = named[i]
                if not tokens_of or (entity.type == "Company"
                                     and _firm_not_works(doc, c_start + end, c_end, vocab)):
                    continue
                for stage, year in _combine(text, tokens_of, kind, vocab):
                    if entity.type in ("Agency", "Place") and stage == "签约":
                        continue
                    key = (entity.name, stage, year or default_year, kind)
                    if key not in seen:
                        seen.add(key)
                        yield Status(entity.name, stage, year or default_year, kind, evidence)
