"""What may stand at an end of a relation: the cheap test that spares reading most names alone."""
from __future__ import annotations

from dataclasses import replace

import pytest

from extractors import relation_ends
from extractors.relation_ends import _read_alone, company_ends, firm_on_its_own, may_end_a_firm
from extractors.rules import load_rules

# names written for the test on the families of firm names (a brand + an industry word, a firm suffix, a firm of
# the reference lexicon, a known firm + an industry word) and on names that are no firm (places, parks, policies,
# a brand cut short, a list, a cue or a capacity after a firm); what the rules make of each is not asserted here
_NAMES = [
    "华腾机械", "远达能源", "彤辉科技", "宝昂新材料", "庄品健米业", "鼎泰药业", "伊戈尔电气", "龙佰钛业", "汇元锰业",
    "金城水泥厂", "红星机械厂", "远航集团", "弘远集团", "宁波欧亚公司", "湘江银行", "湖南建工集团", "华能集团",
    "中国能建", "中电建", "中核", "通威太阳能", "万华化学", "岳池生物医药", "灵武新能源", "钙基新材料", "大力发展科技",
    "厂中厂", "农村商业银行", "中兴通讯", "华天", "湖南建工", "中核紫云", "锦纶丝", "智慧农业",
    "智能装备产业园", "新材料产业园", "青川新区污水管网", "国家数据标注基地", "青川新区", "金湾新城", "龙安镇",
    "株洲市", "长江经济带", "河长制", "乡村振兴", "三供一业",
    "华腾机械、远达能源等企业", "中科兴业被认定为小巨人企业", "汇元锰年产15万吨", "“远航集团”", "江苏豪然等",
]


@pytest.mark.parametrize("name", _NAMES)
def test_a_whole_name_firm_ends_on_a_company_end(name):
    # the invariant the filter rests on, against the real pipeline (the cache bypassed): whenever the entity
    # rules read the name alone as one Company, it ends on a word of company_ends
    whole_firm, _place = _read_alone.__wrapped__(name)
    assert not whole_firm or may_end_a_firm(name)
    assert firm_on_its_own(name) == whole_firm


def test_the_names_hold_firms_of_every_family():
    # (so that the invariant above is not checked on non-firms only)
    firms = {name for name in _NAMES if _read_alone.__wrapped__(name)[0]}
    rules = load_rules()
    assert any(rules.lexicon.get(name, ("", ""))[0] == "Company" for name in firms)
    assert any(name.endswith(tuple(rules.firm_heads)) for name in firms)
    assert any(name.endswith(tuple(rules.industry_words)) and name not in rules.lexicon for name in firms)
    assert {"青川新区", "智能装备产业园", "河长制"}.isdisjoint(firms)


def test_names_ending_on_no_company_word_are_not_read(monkeypatch):
    def refuse(name):
        raise AssertionError(f"{name} read alone")

    monkeypatch.setattr(relation_ends, "_read_alone", refuse)
    for name in ("智能装备产业园", "青川新区", "华天", "乡村振兴"):
        assert not may_end_a_firm(name)
        assert firm_on_its_own(name) is False


def test_company_ends_follow_the_rule_book():
    rules = load_rules()
    ends = set(company_ends(rules))
    assert set(rules.industry_words) <= ends and set(rules.firm_heads) <= ends and "厂" in ends
    assert {word for word, (label, _rule) in rules.lexicon.items() if label == "Company"} <= ends
    assert not {"园", "区", "制"} & ends  # place, park and policy words end no firm
    # a book read from other data files gets ends of its own (a new industry word, a lexicon firm dropped)
    other = replace(rules, industry_words=rules.industry_words | {"测绘业"},
                    lexicon={w: found for w, found in rules.lexicon.items() if w != "中电建"})
    other_ends = company_ends(other)
    assert "测绘业" in other_ends and "测绘业" not in ends
    assert "中电建" in ends and "中电建" not in other_ends


def test_head_of_asks_what_firm_on_its_own_asks(corpus_dir, monkeypatch):
    """_head_of fetches the matcher of company ends once per name: a head passes where known_firm or
    firm_on_its_own says so, as when each head asked them (every head of every project name of a report)."""
    from extractors.pipeline import extract_file
    from extractors.relations import written_place_forms, relation_words

    entities = extract_file(corpus_dir / "ganzi-2024.txt").entities
    forms = written_place_forms(entities)
    words = relation_words()
    names = [e.name for e in entities if e.type == "Project" and not e.name.endswith(words.sponsor_named)]
    assert len(names) > 50

    def first_head(name: str) -> str | None:  # the first head the loop of _head_of goes on with
        return next((name[:n] for n in range(min(len(name) - 1, words.head_max), 1, -1)
                     if relation_ends.known_firm(name[:n]) or (n >= 3 and firm_on_its_own(name[:n]))), None)

    passed = []
    original = relation_ends.head_ends_cleanly

    def record(head: str, project_name: str) -> bool:  # called on the first head that passes, then _head_of ends
        passed.append((project_name, head))
        return original(head, project_name)

    monkeypatch.setattr(relation_ends, "head_ends_cleanly", record)
    for name in names:
        relation_ends._head_of(name, forms)
    expected = [(name, head) for name in names if (head := first_head(name)) is not None
                and words.phase.sub("", name[len(head):])
                and (not relation_ends.known_firm(head) or relation_ends._names_a_work(words.phase.sub("", name[len(head):]), words))]
    assert passed == expected and passed  # the report has project names headed by firms


def test_head_lengths_are_the_heads_known_or_ending_like_a_firm(corpus_dir):
    """_head_lengths (one scan of the name for the ends of company_ends) gives exactly the lengths at which the
    loop of _head_of used to ask further: a lexicon firm, or from three characters a head may_end_a_firm accepts
    (every prefix of every entity name of a report, and names made to hold several ends)."""
    from extractors.pipeline import extract_file
    from extractors.relations import relation_words

    top = relation_words().head_max
    names = [e.name for e in extract_file(corpus_dir / "ganzi-2024.txt").entities]
    names += ["中国能建集团公司科技园", "华天科技有限公司", "中电建路桥集团", "甲乙", "集团", ""]

    def asked(name: str) -> list[int]:
        return [n for n in range(min(len(name) - 1, top), 1, -1)
                if relation_ends.known_firm(name[:n]) or (n >= 3 and relation_ends.may_end_a_firm(name[:n]))]

    expected = {name: asked(name) for name in names}
    assert {name: relation_ends._head_lengths(name, top) for name in names} == expected
    assert sum(map(len, expected.values())) > 10  # some heads are asked further
