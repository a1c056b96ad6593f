"""The words of the firm rules (``patterns/firms.json``).

The rule code is :mod:`extractors.firms` (brand + industry word, firm facilities) and
:mod:`extractors.lists` (lists of firms). Firms known by name are rows of
``lexicon_firms.jsonl``; the cue words of firms named by what a sentence says of them
are in ``firm_cues.json`` (:mod:`extractors.firm_cues`); the firm suffixes (公司, 集团)
are rows of ``suffixes.jsonl``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractors.typed_data import load_vocabulary

__all__ = ["DATA_FILE", "FirmVocabulary", "load_firm_vocabulary"]

DATA_FILE = "firms.json"


@dataclass(frozen=True)
class FirmVocabulary:
    """The keys of ``firms.json`` (each documented there by its ``_key`` note)."""

    industry_words: tuple[str, ...]  # words that end a brand + industry name (科技, 锂业)
    non_brands: frozenset[str]  # unknown or proper words that are never a brand (光伏, 储能)
    theme_words: tuple[str, ...]  # theme words opening a facility word (科普|基地)
    material_classes: tuple[str, ...]  # endings of a material's class (钙基|新材料)
    firm_facilities: tuple[str, ...]  # facilities a firm's name may open (…产业园, …生产线)
    firm_tags: frozenset[str]  # tags of a firm's words before such a facility
    brand_tags: frozenset[str]  # tags of a brand token before an industry word
    firm_followers: frozenset[str]  # nouns after brand + industry word that still name a firm
    partner_words: tuple[str, ...]  # words that make a facility's leading words partners (合作)
    firm_subject_verbs: frozenset[str]  # verbs a brand + industry word opening a clause is subject of
    industry_list_markers: tuple[str, ...]  # words between 等 and 企业 that make a list's items industries


def load_firm_vocabulary(base: Path) -> FirmVocabulary:
    """``base / firms.json`` as a :class:`FirmVocabulary`."""
    return load_vocabulary(base / DATA_FILE, FirmVocabulary)
