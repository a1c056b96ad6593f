"""Name boundary and identity families of issue 10, round two (extractors.suffixes, firms, names, resolve).

Each family is tested on invented sentences (both ways) and on real lines of the shared corpus and an
archive sample that have the family's shape, read at test time (no report text is in the repository):

- shared-head: an enumeration sharing a campaign word is one name (蓝天、碧水、净土…攻坚战);
- bracket-alternative: a word with its alternative in brackets opens a name (河（湖）长制);
- counted-facility / theme-facility / verb-brand: no firm inside a counted, theme-named or verb-led facility;
- material-class: a material class before an industry word (钙基|新材料) is no brand;
- park-in-firm-list: a park in a list of firms (…产业园等上下游企业) is no firm;
- firm-led project: a facility named right after a known firm is named with it (中电建…水电站);
- local-unit / parent-body: a body's local centre is named whole, its parent before a place is no name there;
- centre-opened: a centre unveiled (…中心揭牌) is a body;
- named-project: a project named with 项目 and a proper element; X项目 beside X is its alias;
- sibling-item: an item of a parallel list whose siblings are programmes with the same word is one too;
- policy-zone: a 试验区 or a reform's 示范区 is a programme (free-trade zones stay areas);
- positioning: a base named by the world, the country or a region (中国…制造基地) is no facility;
- after-description: a facility name starts at the proper word after a superlative (全球最大…|青溪光伏电站);
- range-qualifier: 规模以上, 省以下 before a programme name belong to it;
- round: a programme's round (新一轮) is part of its name, the short and issuer-level forms its aliases.
"""
from __future__ import annotations

import pytest

from tests.extractors.entity_helpers import entities
from tests.extractors.test_program_project_families import programmes, projects, real_sentences


def _typed(text: str, label: str) -> set[str]:
    return {name for name, kind in entities(text) if kind == label}


# --- invented sentences: the rule's intent, both ways ---------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "label"), [
    # shared-head
    ("统筹推进蓝天、碧水、净土提升攻坚战，抓好治理。", "蓝天、碧水、净土提升攻坚战", "Program"),
    ("全面实施以煤代柴、以电代柴工程，改善农村能源。", "以煤代柴、以电代柴工程", "Program"),
    ("继续打好蓝天、碧水、净土保卫战，深入推进治理。", "蓝天、碧水、净土保卫战", "Program"),
    # bracket-alternative
    ("严格落实河（湖）长制。", "河（湖）长制", "Program"),
    ("推进自然村（屯）道路硬化工程。", "自然村（屯）道路硬化工程", "Program"),
    # firm-led project
    ("中电建青溪二级水电站获批发行公募基金。", "中电建青溪二级水电站", "Project"),
    ("中电建青溪二级水电站获批发行公募基金。", "中电建", "Company"),
    # local-unit
    ("太行国家实验室南昌创新中心成功落地。", "太行国家实验室南昌创新中心", "Agency"),
    # centre-opened: a centre unveiled (揭牌, 挂牌) is a body
    ("青溪县未成年人保护中心挂牌。", "青溪县未成年人保护中心", "Agency"),
    # named-project
    ("加快青溪光伏发电项目建设。", "青溪光伏发电项目", "Project"),
    # sibling-item
    ("全力实施工业提速增效攻坚行动、消费提质拓展攻坚行动、农业增产增收攻坚行动。", "消费提质拓展攻坚行动", "Program"),
    ("推进人才振兴工程、组织振兴工程、集镇优化工程、村庄美化工程。", "集镇优化工程", "Program"),
    # policy zone (a trial zone of a policy is a programme) and 高质量建设 trimmed as a report verb
    ("高质量建设国家生态文明试验区。", "国家生态文明试验区", "Program"),
    ("纵深推进国家中医药综合改革示范区建设。", "国家中医药综合改革示范区", "Program"),
    # after-description: a superlative description before a proper name is cut off
    ("建成全球最大海拔最高水光互补青溪光伏电站一期。", "青溪光伏电站一期", "Project"),
    # range qualifier
    ("实施规模以上工业企业技改提升行动。", "规模以上工业企业技改提升行动", "Program"),
    # round
    ("实施新一轮青溪振兴三年行动。", "新一轮青溪振兴三年行动", "Program"),
])
def test_family_finds(text, name, label):
    assert (name, label) in entities(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("统筹推进蓝天、碧水、净土提升攻坚战，抓好治理。", ("净土提升攻坚战", "Program")),
    ("全面实施以煤代柴、以电代柴工程。", ("电代柴工程", "Program")),
    # a series of one verb, or work described before 行动, is no shared-head name
    ("统一思想、统一意志、统一行动，凝聚力量。", ("统一思想、统一意志、统一行动", "Program")),
    ("开展公共区域净化、美化、绿化行动。", ("净化、美化、绿化行动", "Program")),
    # a list of places or facilities is items each, not one name
    ("推进青溪镇、白沙镇、柳江镇创建。", ("青溪镇、白沙镇、柳江镇创建", "Program")),
    # levels in brackets are no name (县（区）)
    ("推进县（区）历史文化街区保护。", ("县（区）历史文化街区", "Project")),
    # counted, theme-named and verb-led facilities hold no firm
    ("新建、扩建良繁基地9个。", ("良繁", "Company")),
    ("新建、扩建良繁基地9个。", ("良繁基地", "Project")),
    ("依托古镇建成家风家教主题教育基地。", ("家风家教", "Company")),
    ("建强清洁能源新基地。", ("建强", "Company")),
    # a material class (钙基|新材料) is no brand
    ("推动金属新材料、钙基新材料等产业发展。", ("基新材料", "Company")),
    ("推动金属新材料、钙基新材料等产业发展。", ("钙基新材料", "Company")),
    # a park named in a list of firms is a project, not a firm
    ("聚焦青溪电子信息产业园、白沙科技等上下游企业。", ("青溪电子信息产业园", "Company")),
    # a parent body before a place opening its branch's name
    ("西南大学宜宾研究院正式开园。", ("西南大学", "Agency")),
    ("太行国家实验室南昌创新中心成功落地。", ("太行国家实验室", "Agency")),
    # a centre not unveiled, or with no name before 中心, is no body
    ("城市中心揭牌。", ("城市中心", "Agency")),
    ("推进青溪县未成年人保护中心建设。", ("青溪县未成年人保护中心", "Agency")),
    # free-trade zones stay areas, not programmes
    ("深入推进青溪自由贸易试验区建设。", ("青溪自由贸易试验区", "Program")),
    # positioning: a base named by the country or a region, a superlative facility
    ("建成中国青溪光伏制造基地。", ("中国青溪光伏制造基地", "Project")),
    ("打造世界最美景观大道。", ("世界最美景观大道", "Project")),
    # a superlative description with no proper name after it is no facility
    ("建成全省最大铝制品产业园。", ("全省最大铝制品产业园", "Project")),
    ("建成全省最大铝制品产业园。", ("铝制品产业园", "Project")),
    # a sibling item needs the same word as its found siblings
    ("全力实施工业提速增效攻坚行动、消费提质拓展、农业增产增收攻坚行动。", ("消费提质拓展", "Program")),
    # kinds and verbs before 项目
    ("严格执行项目审批制度。", ("严格执行项目", "Project")),
    ("推动绿心地区工业项目退出。", ("绿心地区工业项目", "Project")),
])
def test_family_rejects(text, wrong):
    assert wrong not in entities(text)


def test_round_and_issuer_forms_are_one_programme():
    text = "实施新一轮青溪振兴三年行动。青溪振兴三年行动成效明显，省新一轮青溪振兴三年行动稳步推进。"
    assert programmes(text) == {"新一轮青溪振兴三年行动"}


def test_project_word_form_is_an_alias():
    text = "建设青溪光伏电站。青溪光伏电站项目建成投产。"
    assert projects(text) == {"青溪光伏电站"}


# --- real lines of the shared texts, read at test time -----------------------------------------------------------

_SHARED_HEAD = r"([\u4e00-\u9fff]{2})、([\u4e00-\u9fff]{2})、([\u4e00-\u9fff]{2}[\u4e00-\u9fff]{0,2})(攻坚战|保卫战)"


@pytest.mark.parametrize(("report", "sent", "match"), real_sentences(_SHARED_HEAD, limit=12))
def test_shared_head_real_lines(report, sent, match):
    """No programme is the last item of an enumeration alone (净土提升攻坚战 cut from 蓝天、碧水、净土…)."""
    cut = match.group(3) + match.group(4)
    assert cut not in programmes(sent), (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), real_sentences(r"[\u4e00-\u9fff]（[湖屯]）[\u4e00-\u9fff]*?(长制|工程)",
                                                                   limit=12))
def test_bracket_alternative_real_lines(report, sent, match):
    """The name holds the bracketed alternative: no programme starts right after the bracket."""
    after = sent[match.start() + 4:match.end()]
    assert after not in programmes(sent), (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), real_sentences(r"([\u4e00-\u9fff]{2})基地\d+[个家处]", limit=12))
def test_counted_facility_real_lines(report, sent, match):
    """A facility counted right after its word is a class: no firm is read from its first word."""
    assert (match.group(1), "Company") not in entities(sent), (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), real_sentences(r"(中电建|中广核|国家电投|三峡集团)[\u4e00-\u9fff]{2,8}?水电站",
                                                                   limit=8))
def test_firm_led_project_real_lines(report, sent, match):
    """A known firm right before a power station opens the station's name."""
    names = projects(sent)
    assert not any(n.endswith("水电站") and sent.find(n) == match.end(1) for n in names), (report, sent, names)


@pytest.mark.parametrize(("report", "sent", "match"), real_sentences(r"规模以上[\u4e00-\u9fff]{2,12}?(提升行动|攻坚行动)", limit=8))
def test_range_qualifier_real_lines(report, sent, match):
    """No programme starts right after 规模以上 (the qualifier is part of the name)."""
    cut = sent[match.start() + 4:match.end()]
    assert cut not in programmes(sent), (report, sent)
