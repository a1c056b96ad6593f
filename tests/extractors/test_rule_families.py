"""Each rule family's data file goes through the one strict loader: a missing key and an
unknown (misspelt) key are errors naming the file and the line, never a rule silently off."""
from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from extractors import divisions, indicator_lexicon, relations
from extractors.documents import DocumentVocabulary
from extractors.families import (FirmVocabulary, NameVocabulary, PlaceNameVocabulary, SuffixCheckVocabulary,
                                 load_firm_vocabulary, load_name_vocabulary)
from extractors.families.quotes import QUOTE_FIELDS
from extractors.families.spans import SPAN_FIELDS
from extractors.firm_cues import load_firm_cues
from extractors.misfires import MisfireVocabulary
from extractors.place_brands import PlaceBrandVocabulary
from extractors.rules import PATTERNS_DIR, load_rules
from extractors.statuses import load_stage_rules
from extractors.typed_data import load_vocabulary
from extractors.vocabulary import VocabularyError, load_patterns, load_rows, load_table

README = Path(__file__).resolve().parents[2] / "README.md"


def _rules(base: Path) -> Any:
    return load_rules(str(base))


def _typed(schema: type) -> Callable[[Path, str], Any]:
    return lambda base, name: load_vocabulary(base / name, schema)


# every JSON table of a rule family, with the loader that reads it
TABLES: list[tuple[str, Callable[[Path, str], Any]]] = [
    ("names.json", lambda base, name: _rules(base)),
    ("suffix_checks.json", lambda base, name: _rules(base)),
    ("place_names.json", lambda base, name: _rules(base)),
    ("firms.json", lambda base, name: _rules(base)),
    ("quotes.json", lambda base, name: _rules(base)),
    ("spans.json", lambda base, name: _rules(base)),
    ("divisions.json", lambda base, name: _rules(base)),
    ("world.json", lambda base, name: _rules(base)),
    ("bodies.json", lambda base, name: _rules(base)),
    ("misfires.json", _typed(MisfireVocabulary)),
    ("documents.json", _typed(DocumentVocabulary)),
    ("place_brands.json", _typed(PlaceBrandVocabulary)),
    ("firm_cues.json", lambda base, name: load_firm_cues(base / name)),
    ("indicator_words.json", lambda base, name: load_table(base / name, indicator_lexicon._WORD_FIELDS)),
    ("issuer.json", lambda base, name: load_table(base / name, divisions._ISSUER_FIELDS)),
    ("stage_rules.json", lambda base, name: load_stage_rules(base / name)),
    ("relations.json", lambda base, name: relations.relation_words(base / name)),
    ("divisions.json", lambda base, name: divisions._shared(base / name)),  # as divisions.short_form reads it
]
TABLE_IDS = [f"{name}-{number}" if [n for n, _ in TABLES].count(name) > 1 else name
             for number, (name, _) in enumerate(TABLES)]
# every JSONL file of rule rows that load_rules reads
ROWS = ["suffixes.jsonl", "suffixes_places.jsonl", "suffixes_agencies.jsonl", "suffixes_program_project.jsonl",
        "lists.jsonl", "lists_projects.jsonl", "lexicon.jsonl", "lexicon_programmes.jsonl",
        "lexicon_places.jsonl", "lexicon_agencies.jsonl", "lexicon_firms.jsonl"]


@pytest.fixture
def patterns(tmp_path: Path) -> Path:
    """A private copy of the packaged rule files, to break one of them."""
    for path in PATTERNS_DIR.iterdir():
        if path.is_file():
            shutil.copy(path, tmp_path / path.name)
    return tmp_path


def _first_key(path: Path) -> str:
    return next(key for key in json.loads(path.read_text(encoding="utf-8")) if not key.startswith("_"))


@pytest.mark.parametrize(("name", "load"), TABLES, ids=TABLE_IDS)
def test_rule_family_file_missing_key_names_file_and_line(patterns, name, load):
    path = patterns / name
    data = json.loads(path.read_text(encoding="utf-8"))
    key = _first_key(path)
    del data[key]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.raises(VocabularyError, match=rf"{re.escape(str(path))} at line 1: missing key {key}\b"):
        load(patterns, name)


@pytest.mark.parametrize(("name", "load"), TABLES, ids=TABLE_IDS)
def test_rule_family_file_unknown_key_names_file_and_line(patterns, name, load):
    path = patterns / name
    key = _first_key(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "{"
    lines.insert(1, f' "{key}x": [],')  # a misspelt copy of a real key, on line 2
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=rf"{re.escape(str(path))} at line 2: unknown key {key}x\b"):
        load(patterns, name)


@pytest.mark.parametrize(("name", "load"), TABLES, ids=TABLE_IDS)
def test_rule_family_file_misspelt_key_names_its_line_and_the_right_key(patterns, name, load):
    path = patterns / name
    key = _first_key(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if re.search(rf'"{key}"\s*:', text))
    lines[line] = lines[line].replace(f'"{key}"', f'"{key[:-1]}"', 1)  # the last letter dropped
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=rf"at line {line + 1}: unknown key {key[:-1]}; missing key {key};"):
        load(patterns, name)


@pytest.mark.parametrize("name", ROWS)
def test_rule_row_unknown_key_names_file_and_line(patterns, name):
    path = patterns / name
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#"))
    row = json.loads(lines[first])
    row["min_prefx"] = 2  # a misspelt optional key must not be ignored
    lines[first] = json.dumps(row, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=rf"{re.escape(str(path))} at line {first + 1}: unknown key min_prefx"):
        load_rules(str(patterns))


@pytest.mark.parametrize("name", ROWS)
def test_rule_row_missing_key_names_file_and_line(patterns, name):
    path = patterns / name
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#"))
    row = json.loads(lines[first])
    del row["label"]
    lines[first] = json.dumps(row, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=rf"{re.escape(str(path))} at line {first + 1}: missing label"):
        load_rules(str(patterns))


def test_rule_family_nested_cue_missing_key_is_an_error(patterns):
    path = patterns / "quotes.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["label_cue"]["max_chars"]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"missing key max_chars \(in 'label_cue'\)"):
        load_rules(str(patterns))


@pytest.mark.parametrize(("value", "expected"), [
    ('"科技"', "must be a list of strings"),
    ("[1, 2]", "must be a list of strings"),
])
def test_rule_family_value_of_wrong_kind_names_its_line(patterns, value, expected):
    path = patterns / "firms.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(' "industry_words"'))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(" ]"))
    lines[start:end + 1] = [f' "industry_words": {value},']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=rf"at line {start + 1}: key 'industry_words' {expected}"):
        load_firm_vocabulary(patterns)


def test_rule_family_table_keys_are_exactly_the_typed_vocabulary():
    assert set(load_table(PATTERNS_DIR / "quotes.json", QUOTE_FIELDS)) == set(QUOTE_FIELDS)
    assert set(load_table(PATTERNS_DIR / "spans.json", SPAN_FIELDS)) == set(SPAN_FIELDS)
    names = load_name_vocabulary(PATTERNS_DIR)
    assert isinstance(names, NameVocabulary) and "全市" in names.stop_words and names.max_name_chars > 0


def test_rulebook_flat_names_come_from_the_family_vocabularies():
    rules = load_rules()
    assert isinstance(rules.names, NameVocabulary) and isinstance(rules.firms, FirmVocabulary)
    assert isinstance(rules.suffix_checks, SuffixCheckVocabulary) and isinstance(rules.places, PlaceNameVocabulary)
    assert rules.stop_words is rules.names.stop_words and rules.lead_tags is rules.names.lead_tags
    assert rules.firm_facilities is rules.firms.firm_facilities
    assert rules.industry_words == frozenset(rules.firms.industry_words)
    assert rules.nested_place_rules is rules.places.nested_place_rules
    assert rules.magnitude is rules.suffix_checks.magnitude_pattern
    assert rules.quote["numeric_followers"] and rules.spans["zone_heads"]


def test_rule_files_are_all_in_the_readme_table():
    """Someone adding a place suffix or a firm cue finds its file in README's "Where the rules live"."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Where the rules live"):]
    section = section[:section.index("\n#")]
    listed = set(re.findall(r"`([a-z_]+\.(?:jsonl|json|txt))`", section))
    shipped = {path.name for path in PATTERNS_DIR.iterdir() if path.suffix in (".json", ".jsonl", ".txt")}
    assert shipped - listed == set()


@pytest.mark.parametrize("name", ["chrome.txt", "debris.txt"])
def test_rule_pattern_line_that_is_no_regex_names_file_and_line(patterns, name):
    path = patterns / name
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "([unclosed")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=rf"{re.escape(str(path))} at line 2: invalid {name[:-4]} pattern"):
        load_patterns(path, name[:-4])


@pytest.mark.parametrize("name, load", [
    ("indicator_words.json", lambda path: load_table(path, indicator_lexicon._WORD_FIELDS)),
    ("lexicon.jsonl", lambda path: load_rows([path], ("id", "label", "pattern"))),
    ("chrome.txt", lambda path: load_patterns(path, "chrome")),
    ("debris.txt", lambda path: load_patterns(path, "debris")),
], ids=["table", "rows", "chrome", "debris"])
@pytest.mark.parametrize("break_it, reason", [
    (lambda path: path.unlink(), "No such file or directory"),
    (lambda path: (path.unlink(), path.mkdir()), "Is a directory"),
    (lambda path: path.write_bytes("# 来源\n".encode("gb18030") + path.read_bytes()), "not UTF-8 at byte 2"),
], ids=["missing", "folder", "not-utf8"])
def test_rule_file_that_cannot_be_read_is_named(patterns, name, load, break_it, reason):
    """A missing or unreadable rule file (tables, rows, pattern lines alike) is one error naming it."""
    path = patterns / name
    break_it(path)
    with pytest.raises(VocabularyError, match=rf"^{re.escape(str(path))}: cannot be read \({reason}\); \w+ it"):
        load(path)


def test_rule_family_nested_typed_object_unknown_key_names_its_line(patterns):
    """A typed vocabulary's nested object (relations.json's place_kinds) is checked key by key."""
    path = patterns / "relations.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(' "place_kinds"'))
    lines.insert(at + 1, '  "admin_rule": [],')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=rf"at line {at + 2}: unknown key admin_rule \(in 'place_kinds'\)"):
        relations.relation_words(path)
