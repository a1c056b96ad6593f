"""Find glossary entries by a name as a reader would type it: exact, alias or part of a name.

Ranking, best first: ``exact`` (the term or one of its :func:`term_variants`),
``alias`` (an extra name from the caller, e.g. the graph's entity aliases),
``partial`` on a term or variant (``一单`` → 一单四制), and last ``partial`` on
a definition (``供水`` → 三供一业).  Queries and names are NFKC-normalised,
case-folded and stripped of quotes and white space before comparing, so
``“1093”行动`` and ``1093行动`` are the same query.

Example:
    >>> from glossary.parse import GlossaryEntry
    >>> entry = GlossaryEntry("一单四制", "P21", "交办制、台账制、销号制、通报制。", "9", 0, 0)
    >>> [(m.entry.term, m.how) for m in lookup("一单", [entry])]
    [('一单四制', 'partial')]
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from glossary.parse import GlossaryEntry
from glossary.variants import term_variants, unquote

__all__ = ["LookupMatch", "MatchKind", "normalise", "lookup", "closest_terms"]

MatchKind = Literal["exact", "alias", "partial"]

# Score bands keep the ranking exact > alias > partial-term > partial-definition;
# within a partial band a query covering more of the name scores higher.
_EXACT, _ALIAS = 1.0, 0.9
_TERM_BAND, _DEFINITION_BAND = (0.5, 0.89), (0.1, 0.49)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class LookupMatch:
    """One entry that matches a query, how it matched and a score in (0, 1] for ranking."""

    entry: GlossaryEntry
    how: MatchKind
    score: float


def normalise(text: str) -> str:
    """The comparable form of a name: NFKC, case-folded, no quotes, no white space."""
    return _SPACE.sub("", unquote(unicodedata.normalize("NFKC", text))).casefold()


def _band(band: tuple[float, float], part: str, whole: str) -> float:
    low, high = band
    return round(low + (high - low) * len(part) / max(len(whole), 1), 4)


def _match(query: str, entry: GlossaryEntry, extra: list[str]) -> LookupMatch | None:
    names = [normalise(v) for v in term_variants(entry.term)] + [normalise(entry.term)]
    aliases = [normalise(a) for a in extra]
    if query in names:
        return LookupMatch(entry, "exact", _EXACT)
    if query in aliases:
        return LookupMatch(entry, "alias", _ALIAS)
    term_scores = [_band(_TERM_BAND, query, name) for name in names + aliases if name and query in name]
    if term_scores:
        return LookupMatch(entry, "partial", max(term_scores))
    definition = normalise(entry.definition)
    if query in definition:
        return LookupMatch(entry, "partial", _band(_DEFINITION_BAND, query, definition))
    return None


def lookup(query: str, entries: Iterable[GlossaryEntry], *,
           aliases: Mapping[str, list[str]] | None = None) -> list[LookupMatch]:
    """Entries matching ``query``, best first; [] when nothing matches or the query is blank.

    ``aliases`` maps a term to extra names it is known by (for instance the
    aliases of the entity a glossary entry defines in the graph).
    """
    wanted = normalise(query)
    if not wanted:
        return []
    aliases = aliases or {}
    matches = []
    for entry in entries:
        found = _match(wanted, entry, list(aliases.get(entry.term, [])))
        if found is not None:
            matches.append(found)
    matches.sort(key=lambda m: (-m.score, m.entry.term, m.entry.doc))
    return matches


def closest_terms(query: str, entries: Iterable[GlossaryEntry], *, limit: int = 3) -> list[str]:
    """Terms that look most like ``query`` (for a "did you mean" hint), possibly none."""
    terms = {normalise(e.term): e.term for e in entries}
    close = difflib.get_close_matches(normalise(query), list(terms), n=limit, cutoff=0.3)
    return [terms[c] for c in close]
