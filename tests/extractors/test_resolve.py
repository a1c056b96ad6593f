"""Resolution of mentions into entities (extractors.resolve): aliases of places and of the country."""
from __future__ import annotations

import pytest

from extractors.records import Mention
from extractors.resolve import resolve_mentions


def _mention(name: str, rule: str, start: int = 0) -> Mention:
    return Mention(start, start + len(name), name, "Place", rule, name)


@pytest.mark.parametrize(("short", "full"), [
    ("湖南", "湖南省"),
    ("小板", "小板镇"),
    ("蒋湖", "蒋湖农场"),
    ("樟霞", "樟霞村"),
    ("富家垅", "富家垅地区"),
])
def test_bare_place_stem_is_alias_of_full_name(short, full):
    found = resolve_mentions([_mention(short, "place-town"), _mention(full, "place-town", 10)])
    assert [(e.name, e.aliases) for e in found] == [(full, [short])]


def test_area_is_no_alias_of_its_place():
    found = resolve_mentions([_mention("仙庾", "place-town"), _mention("仙庾片区", "place-area", 10)])
    assert {e.name for e in found} == {"仙庾", "仙庾片区"}


def test_country_names_are_one_entity():
    found = resolve_mentions([_mention("中国", "place-country"), _mention("新中国", "place-country", 5),
                              _mention("中华人民共和国", "place-country", 10)])
    assert len(found) == 1 and found[0].name == "中华人民共和国" and set(found[0].aliases) == {"中国", "新中国"}


@pytest.mark.parametrize("rules", [
    ("quote", "numeric-abbreviation", "glossary-term"),
    ("lexicon-body", "agency-body"),
])
def test_one_mention_per_position_keeps_every_rule(rules):
    found = resolve_mentions([Mention(3, 7, "三供一业", "Program", rule) for rule in rules])
    assert len(found) == 1
    (mention,) = found[0].mentions
    assert mention.rule == rules[0] and mention.found_by == rules


@pytest.mark.parametrize("doc", ["hetang-2019", "ganzi-2024"])
def test_mention_counts_equal_distinct_positions(corpus_dir, doc):
    from extractors.pipeline import extract_file, extraction_to_json

    data = extraction_to_json(extract_file(corpus_dir / f"{doc}.txt"))
    positions = [(m["start"], m["end"]) for e in data["entities"] for m in e["mentions"]]
    assert positions and len(positions) == len(set(positions))
    assert all(m["rule"] == m["rules"][0] for e in data["entities"] for m in e["mentions"])
