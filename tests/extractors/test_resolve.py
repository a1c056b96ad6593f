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


def _firm(name: str, start: int, rule: str = "company-brand-industry", label: str = "Company") -> Mention:
    return Mention(start, start + len(name), name, label, rule, name)


@pytest.mark.parametrize(("names", "kept", "alias"), [
    (["万华", "万华化学"], "万华化学", "万华"),  # a brand is an alias of the one firm name it opens
    (["天瑞重工", "天瑞重工公司"], "天瑞重工", "天瑞重工公司"),  # a legal-form word only: the plain name
])
def test_firm_brand_and_full_name_are_one_firm(names, kept, alias):
    found = resolve_mentions([_firm(name, 20 * i) for i, name in enumerate(names)])
    assert [(e.name, e.aliases) for e in found] == [(kept, [alias])]


def test_firm_named_with_a_phase_is_its_project():
    found = resolve_mentions([_firm("通威", 0, "company-national-brand"),
                              _firm("通威四期", 10, "project-phase", "Project")])
    assert [(e.name, e.type, e.aliases, e.alt_types) for e in found] == [("通威四期", "Project", ["通威"], ["Company"])]


def test_body_named_with_its_government_is_the_generic_body():
    found = resolve_mentions([Mention(0, 2, "省委", "Agency", "agency-body"),
                              Mention(10, 14, "江西省委", "Agency", "agency-body-named")])
    assert [(e.name, e.aliases) for e in found] == [("省委", ["江西省委"])]


def test_prefecture_short_form_is_not_the_county_of_that_stem():
    found = resolve_mentions([_mention("甘孜", "place-gazetteer-short"), _mention("甘孜县", "place-gazetteer", 10)])
    assert {e.name for e in found} == {"甘孜", "甘孜县"}


def test_with_rules_is_dataclass_replace():
    # one_per_position builds merged mentions by the constructor: every field of Mention must be carried over
    from dataclasses import replace

    from extractors.resolve import _with_rules
    m = Mention(3, 7, "“三查”", "Program", "quote", "三查")
    assert _with_rules(m, ("quote", "glossary-term")) == replace(m, rules=("quote", "glossary-term"))


# --- the shortcuts of resolve_mentions give the answers of the full rules ----------------------------------------

@pytest.mark.parametrize(("name", "names", "target"), [
    ("工业振兴三年行动", {"新一轮工业振兴三年行动"}, "新一轮工业振兴三年行动"),  # a round word opens the full name
    ("企业服务中心", {"区企业服务中心"}, "区企业服务中心"),  # a level character opens it
    ("小板", {"小板镇"}, "小板镇"),  # a unit word ends it
    ("蒋湖", {"蒋湖农场", "蒋湖村"}, "蒋湖村"),  # the first unit word of the list wins
    ("富家垅", {"富家垅地区"}, "富家垅地区"),
    ("自治区新一轮找矿行动", {"新一轮找矿行动"}, "新一轮找矿行动"),  # the issuer's level before a round
    ("株洲市", {"株洲"}, "株洲"),
    ("长江流域", {"长江"}, "长江"),
    ("产业园", {"高新产业园", "园区"}, None),  # no other name is this one with a round, level or unit word
    ("企业", {"区企"}, None),
])
def test_alias_target_with_stems_is_the_target_without(name, names, target):
    from extractors.resolve import _alias_target, _stems

    names = names | {name}
    assert _alias_target(name, names) == target
    assert _alias_target(name, names, _stems(names)) == target


def test_stems_of_names():
    from extractors.resolve import _stems

    stems = _stems({"新一批重点项目", "市园区办", "小板镇", "蒋湖农场", "区"})
    assert "重点项目" in stems.rounded and "园区办" in stems.levelled
    assert {"小板", "蒋湖"} <= stems.united and "园区办" not in stems.united


def test_name_mentioned_once_keeps_its_type_and_its_form_without_quotes():
    found = resolve_mentions([Mention(0, 9, "“最多跑一次”改革", "Program", "quote-tail", "最多跑一次"),
                              Mention(20, 25, "“三查”行动"[1:], "Program", "quote-tail", "三查”行动")])
    assert [(e.name, e.type, e.aliases, [m.found_by for m in e.mentions]) for e in found] == \
        [("最多跑一次", "Program", ["最多跑一次改革"], [("quote-tail",)]),
         ("三查”行动", "Program", ["三查行动"], [("quote-tail",)])]


def test_name_mentioned_twice_takes_the_type_of_the_stronger_rule():
    found = resolve_mentions([Mention(0, 4, "三供一业", "Place", "quote", "三供一业"),
                              Mention(10, 14, "三供一业", "Program", "numeric-abbreviation", "三供一业")])
    assert [(e.name, e.type, [m.start for m in e.mentions]) for e in found] == [("三供一业", "Program", [0, 10])]


def test_phase_name_after_a_line_break_end_is_still_a_phase():
    # _PHASE's $ matches before a last line break: the 期 shortcut must let such a name through too
    found = resolve_mentions([_firm("通威", 0, "company-national-brand"),
                              _firm("通威四期\n", 10, "project-phase", "Project")])
    assert [(e.name, e.aliases) for e in found] == [("通威", []), ("通威四期\n", ["通威\n"])]


def test_one_per_position_of_one_mention_sets_its_rules():
    from extractors.resolve import one_per_position

    m = Mention(3, 7, "三供一业", "Program", "quote")
    assert one_per_position([m]) == [Mention(3, 7, "三供一业", "Program", "quote", "", ("quote",))]
    merged = Mention(3, 7, "三供一业", "Program", "quote", "", ("quote", "glossary-term"))
    assert one_per_position([merged]) == [merged]
