"""The rule files load, and a malformed rule line is reported with its file and line."""
from __future__ import annotations

import shutil

import pytest

from extractors.errors import KGError
from extractors.rules import PATTERNS_DIR, load_rules


def test_packaged_rules_load_with_every_vocabulary():
    rules = load_rules()
    assert rules.suffixes and rules.list_heads and rules.lexicon
    assert "株洲" in rules.lexicon  # a city short form from the gazetteer
    assert rules.lead_tags["default"] and rules.firm_facilities and rules.works_words


@pytest.mark.parametrize(("filename", "bad_line", "expected"), [
    ("suffixes.jsonl", '{"id": "x", "label": "Program"', "line 2"),
    ("suffixes.jsonl", '{"id": "x", "label": "Program"}', "missing suffix"),
    ("lists.jsonl", '{"id": "x", "label": "Thing", "head": "项目"}', "label 'Thing'"),
    ("lexicon.jsonl", '{"label": "Agency", "id": "y"}', "missing pattern"),
])
def test_malformed_rule_line_names_file_and_line(tmp_path, filename, bad_line, expected):
    for path in PATTERNS_DIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    target = tmp_path / filename
    lines = target.read_text(encoding="utf-8").splitlines()
    lines.insert(1, bad_line)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(KGError) as error:
        load_rules(str(tmp_path))
    message = str(error.value)
    assert filename in message and "line 2" in message and expected in message
