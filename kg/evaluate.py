"""Score extracted entities and project statuses against a hand-made gold file.

Implements the rules of the shared annotation guidelines: names compared after
NFKC with white space and quotation marks removed; a prediction is a true
positive when its name equals a gold name or alias and its type is the gold
type or an alt type; each gold entity matches at most once; scores are over
distinct entities per document, per type and micro-averaged.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from extractors.pipeline import extract_file
from extractors.records import ENTITY_TYPES
from kg.errors import GraphFileError

__all__ = ["Score", "EvalReport", "normalise_name", "score_entities", "score_statuses", "load_gold", "evaluate_file",
           "format_scores"]

_QUOTES = re.compile(r"[\s“”‘’\"'「」《》]")


def normalise_name(name: str) -> str:
    """The comparison form of a name: NFKC, no white space, no quotation marks."""
    return _QUOTES.sub("", unicodedata.normalize("NFKC", name))


@dataclass
class Score:
    """Counts and the precision/recall/F1 they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)  # listed by score_statuses, for --errors
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of predictions that are right (0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of gold items found (0 when the gold is empty)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    """Per-type and micro scores, with the errors listed for inspection."""

    per_type: dict[str, Score]
    micro: Score
    false_positives: list[tuple[str, str]] = field(default_factory=list)
    false_negatives: list[tuple[str, str]] = field(default_factory=list)


def load_gold(path: str | Path) -> dict:
    """Read a gold file, with a clear error when it is missing or not JSON."""
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GraphFileError(f"{path}: gold file not found; pass a file from eval/gold/") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GraphFileError(f"{path}: not a JSON gold file ({error}); check the file") from None


def score_entities(gold_entities: Iterable[Mapping], predicted: Iterable[Mapping]) -> EvalReport:
    """Score predicted ``{"name", "type"}`` records against gold entities (guideline rules)."""
    gold = list(gold_entities)
    forms = [{normalise_name(g["name"]), *map(normalise_name, g.get("aliases", []))} for g in gold]
    types = [{g["type"], *g.get("alt_types", [])} for g in gold]
    matched = [False] * len(gold)
    per_type = {t: Score() for t in ENTITY_TYPES}
    fps: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for pred in predicted:
        key = (normalise_name(pred["name"]), pred["type"])
        if key in seen:
            continue
        seen.add(key)
        hit = next((i for i, g in enumerate(gold) if not matched[i] and key[0] in forms[i] and key[1] in types[i]), None)
        score = per_type.setdefault(key[1], Score())
        if hit is None:
            score.fp += 1
            fps.append((pred["name"], pred["type"]))
        else:
            matched[hit] = True
            score.tp += 1
    fns = []
    for i, g in enumerate(gold):
        if not matched[i]:
            per_type.setdefault(g["type"], Score()).fn += 1
            fns.append((g["name"], g["type"]))
    micro = Score(sum(s.tp for s in per_type.values()), sum(s.fp for s in per_type.values()),
                  sum(s.fn for s in per_type.values()))
    return EvalReport(per_type, micro, fps, fns)


def score_statuses(gold_statuses: Iterable[Mapping], predicted: Iterable[Mapping]) -> Score:
    """Score (project, status, year, kind) tuples; project names compared like entity names."""
    def key(s: Mapping) -> tuple:
        return (normalise_name(s["project"]), s["status"], s.get("year"), s.get("kind"))

    gold = {key(s) for s in gold_statuses}
    pred = {key(s) for s in predicted}
    shown = lambda keys: [" ".join(map(str, k)) for k in sorted(keys, key=str)]  # noqa: E731
    return Score(len(gold & pred), len(pred - gold), len(gold - pred), shown(pred - gold), shown(gold - pred))


def evaluate_file(gold_path: str | Path, report_path: str | Path) -> tuple[EvalReport, Score | None]:
    """Extract one report and score it against its gold file: entities, and statuses when the gold has them."""
    gold = load_gold(gold_path)
    extraction = extract_file(report_path)
    report = score_entities(gold.get("entities", []), [{"name": e.name, "type": e.type} for e in extraction.entities])
    if not gold.get("statuses"):
        return report, None
    predicted = [{"project": s.project, "status": s.status, "year": s.year, "kind": s.kind} for s in extraction.statuses]
    return report, score_statuses(gold["statuses"], predicted)


def format_scores(report: EvalReport, statuses: Score | None = None, *, errors: bool = False) -> list[str]:
    """The lines ``kg eval`` prints: a per-type table, statuses, optional errors, then the micro line last."""
    lines = [f"{'type':10s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>5s} {'fn':>5s}"]
    rows = list(report.per_type.items()) + ([("statuses", statuses)] if statuses is not None else [])
    for label, score in rows:
        lines.append(f"{label:10s} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
                     f"{score.tp:5d} {score.fp:5d} {score.fn:5d}")
    if errors:
        lines += [f"FP {label} {name}" for name, label in report.false_positives]
        lines += [f"FN {label} {name}" for name, label in report.false_negatives]
        if statuses is not None:  # (project, status, year, kind) as the gold spells them
            lines += [f"FP status {item}" for item in statuses.false_positives]
            lines += [f"FN status {item}" for item in statuses.false_negatives]
    micro = report.micro
    lines.append(f"entities micro P={micro.precision:.3f} R={micro.recall:.3f} F1={micro.f1:.3f} "
                 f"(tp {micro.tp}, fp {micro.fp}, fn {micro.fn})")
    return lines
