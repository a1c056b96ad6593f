"""Programme and project families of issue 10, round four (extractors/programme_stems.py, misfires.py, lists.py).

As in test_program_project_families: each family on invented sentences (its intent, both ways)
and on every real line of the shared corpus and an archive sample with the family's shape, read at
test time (no report text is copied into the repository).
"""
from __future__ import annotations

import re

import pytest

from extractors.misfires import FAMILIES
from extractors.programme_stems import stem_vocabulary
from tests.extractors.entity_helpers import entities
from tests.extractors.test_program_project_families import programmes, projects, real_sentences

# --- recall: programme stems, title scopes, joined subjects, project lists ---------------------------------------


@pytest.mark.parametrize(("text", "name", "label"), [
    # improvement-stem: [subject][improvement verbs][head] after a report verb
    ("实施青溪茶产业培育壮大工程，带动增收。", "青溪茶产业培育壮大工程", "Program"),
    ("开展白鹭湖景区服务对标提升行动。", "白鹭湖景区服务对标提升行动", "Program"),
    ("启动青山农村电网巩固提升三年行动。", "青山农村电网巩固提升三年行动", "Program"),
    # title scope: the scope word of a title campaign stays in its name
    ("持续推进全国青溪友好进步示范市创建工作。", "全国青溪友好进步示范市创建", "Program"),
    ("支持两镇开展世界最佳青瓷乡村创建。", "世界最佳青瓷乡村创建", "Program"),
    # joined subjects before one head
    ("严格落实森林防火和林地保护责任制。", "森林防火和林地保护责任制", "Program"),
    # project lists: a stage word before 项目, and a first item the tagger splits
    ("加快推进青石新材料一期、白溪二期等新建项目10个。", "青石新材料一期", "Project"),
    ("开工建设白溪二期等新签约项目5个。", "白溪二期", "Project"),
])
def test_round_four_family_finds_name(text, name, label):
    assert (name, label) in entities(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("推进自然村（屯）道路提升工程。", "道路提升工程"),  # a bracket opens no clause: no stem of its own
    ("加快提升行动。", "提升行动"),  # verbs only, no subject
    ("探索推进宅基地、集体建设用地和闲置农房改革。", "集体建设用地和闲置农房改革"),  # last item of a list
    ("推行一分两统和异地评标改革。", "一分两统和异地评标改革"),  # a numeric abbreviation is its own programme
    ("实施总部增能行动和全球营运商计划。", "总部增能行动和全球营运商计划"),  # two heads, two programmes
])
def test_round_four_family_does_not_overreach(text, wrong):
    assert wrong not in {name for name, _ in entities(text)}


# --- precision: metaphors, changes of state, platforms, positionings, awards, chained problems ------------------

@pytest.mark.parametrize(("family", "text", "wrong"), [
    ("metaphor", "增强开发区“火车头”作用。", "火车头"),
    ("metaphor", "做好“山货”文章。", "山货"),
    ("metaphor", "成功化解“一票否决”风险。", "一票否决"),
    ("metaphor", "坚持过“紧日子”。", "紧日子"),
    ("metaphor", "敢啃“硬骨头”。", "硬骨头"),
    ("transformation", "推动从“靠天吃饭”向“知天而作”转变。", "靠天吃饭"),
    ("transformation", "推动从“靠天吃饭”向“知天而作”转变。", "知天而作"),
    ("transformation", "变“坐等上门”为“主动服务”。", "主动服务"),
    ("transformation", "昔日的“荒山坡”变成“花果山”。", "花果山"),
    ("platform", "“青溪办”APP上线运行。", "青溪办"),
    ("platform", "强化“茶业云”大数据平台建设。", "茶业云"),
    ("vision", "打造“中国青瓷之都”。", "中国青瓷之都"),
    ("title", "夺得“青溪制造金鼎”。", "青溪制造金鼎"),
    ("problem", "重拳打击“盗抢骗”“黄赌毒”。", "黄赌毒"),
])
def test_round_four_misfire_family_drops_mention(family, text, wrong):
    assert family in FAMILIES or family in ("vision", "title", "problem")
    assert wrong not in programmes(text) | projects(text)


@pytest.mark.parametrize(("text", "name"), [
    ("深入推进“最多跑一次”改革。", "最多跑一次"),  # no follower of any family
    ("擦亮“青溪服务”品牌。", "青溪服务"),  # a service brand stays a programme
    ("打好“三大攻坚战”。", "三大攻坚战"),
    ("整治“散乱污”企业。", "散乱污"),  # a class of policy target, not after a problem verb
])
def test_round_four_misfire_family_keeps_real_name(text, name):
    assert name in programmes(text)


# --- the same families on real lines, read at test time ------------------------------------------------------------

def test_improvement_stems_on_real_lines():
    verbs = "|".join(("对标提升", "巩固提升", "培育壮大", "调整优化", "保护修复", "整治提升"))
    lines = real_sentences(rf"(?:实施|开展|启动|推进)([\u4e00-\u9fff]{{4,12}}(?:{verbs})(?:三年)?(?:行动|工程))[，。；]")
    assert len(lines) >= 3
    for report, sent, match in lines:
        assert any(name.endswith(match.group(1)[-6:]) for name in programmes(sent)), (report, sent)


def test_improvement_verbs_are_data():
    vocab = stem_vocabulary()
    assert "提升" in vocab.improvement_verbs and vocab.heads_pattern.match("三年行动")


def test_title_scopes_on_real_lines():
    lines = real_sentences(r"(?:推进|开展|深化)((?:全国|国家)[\u4e00-\u9fff]{3,12}创建)[，。；工]")
    assert lines
    for report, sent, match in lines:
        assert match.group(1) in programmes(sent), (report, sent)


def test_joined_subjects_on_real_lines():
    lines = real_sentences(r"落实(耕地保护和粮食安全责任制)")
    assert lines
    for report, sent, match in lines:
        assert match.group(1) in programmes(sent), (report, sent)
        assert "粮食安全责任制" not in programmes(sent), (report, sent)


def test_changes_of_state_on_real_lines():
    lines = real_sentences(r"(?:从|由|变)“([^“”]{2,10})”(?:向|到|为)“([^“”]{2,10})”")
    assert lines
    for report, sent, match in lines:
        found = programmes(sent)
        assert match.group(1) not in found and match.group(2) not in found, (report, sent)


def test_platforms_and_metaphor_verbs_on_real_lines():
    lines = real_sentences(r"“([^“”]{2,10})”(?:APP|大数据平台|小程序)") + real_sentences(r"过“(紧日子)”")
    assert lines
    for report, sent, match in lines:
        assert match.group(1) not in programmes(sent), (report, sent)


def test_positionings_on_real_lines():
    lines = real_sentences(r"打造“([^“”]{2,12}之都)”")
    for report, sent, match in lines:
        assert match.group(1) not in programmes(sent), (report, sent)


def test_stage_word_project_lists_on_real_lines():
    lines = real_sentences(r"[、，]([^、，。；“”]{2,10}[一二三四五六七八九]期)等(?:新签约|新开工|新建|续建)项目")
    assert lines
    for report, sent, match in lines:
        assert any(name.endswith(match.group(1)[-4:]) for name in projects(sent)), (report, sent)


def test_chained_problem_quotes_on_real_lines():
    lines = real_sentences(r"打击(“[^“”]{2,6}”)+“([^“”]{2,6})”")
    assert lines
    for report, sent, match in lines:
        assert match.group(2) not in programmes(sent), (report, sent)
        assert not re.search(r"\d", match.group(2))


@pytest.mark.parametrize(("text", "name"), [
    ("编制完成青溪茶产业发展规划，启动工程。", "青溪茶产业发展规划"),
    ("高标准编制美丽青溪建设规划。", "美丽青溪建设规划"),
    ("编制完成青白铁路青溪段经济带规划。", "青白铁路青溪段经济带规划"),
])
def test_named_plans_keep_their_plan_word(text, name):
    assert name in programmes(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("强化乡村建设规划引领。", "乡村建设规划"),  # a kind of plan, two-character subject
    ("强化市级发展规划统领。", "市级发展规划"),  # a level's plan
])
def test_plan_kinds_are_no_names(text, wrong):
    assert not {name for name in programmes(text) if name.endswith(wrong)}


def test_named_plans_on_real_lines():
    lines = real_sentences(r"编制(?:完成)?([\u4e00-\u9fff]{4,12}(?:发展|建设)规划)[，。、]")
    assert lines
    for report, sent, match in lines:
        assert any(name.endswith(match.group(1)[-6:]) for name in programmes(sent)), (report, sent)


@pytest.mark.parametrize(("text", "wrong"), [
    ("更加注重改革实效。", "注重改革"),  # a verb fused onto the head
    ("加快青溪大桥及接线工程前期工作。", "接线工程"),  # a generic works part
    ("举办直播活动3000场。", "直播活动"),
    ("积极稳妥推进农村改革。", "农村改革"),  # GUIDELINES: 农业农村改革 is no entity
])
def test_generic_heads_with_verb_or_field_prefix(text, wrong):
    assert wrong not in programmes(text)


@pytest.mark.parametrize(("text", "name"), [
    ("实施青溪雪亮工程。", "青溪雪亮工程"),
    ("开展春雷行动。", "春雷行动"),
])
def test_proper_short_heads_stay(text, name):
    assert name in programmes(text)


@pytest.mark.parametrize(("text", "name", "label"), [
    ("建成投产青石新材料二期。", "青石新材料二期", "Project"),
    ("强化河湖长制，完善机制。", "河湖长制", "Program"),
])
def test_compound_lead_verbs_are_cut(text, name, label):
    assert (name, label) in entities(text)


@pytest.mark.parametrize(("text", "name", "wrong"), [
    ("有效处置青石国际、白鹭大厦等烂尾项目。", "青石国际", "有效处置青石国际"),
    ("与青溪大学共建青溪数字经济产业园。", "青溪数字经济产业园", "青溪大学共建青溪数字经济产业园"),
])
def test_inner_report_verbs_are_cut_from_projects(text, name, wrong):
    found = projects(text)
    assert name in found and wrong not in found


@pytest.mark.parametrize(("text", "wrong"), [
    ("青溪区获批国家数字种业创新应用基地。", "国家数字种业创新应用基地"),
    ("青石新材料获批省技术创新中心。", "省技术创新中心"),
])
def test_designations_approved_are_no_projects(text, wrong):
    assert not {name for name in projects(text) if name.endswith(wrong)}


def test_approved_projects_stay():
    assert "青山二级水电站" in projects("青山二级水电站获批核准。") | projects("获批青山二级水电站。")


@pytest.mark.parametrize(("text", "name"), [
    ("深入开展国家青瓷产业补偿试点，巩固成果。", "国家青瓷产业补偿试点"),
    ("推进全国青溪乡村治理试点工作。", "全国青溪乡村治理试点"),
])
def test_national_pilots_under_way(text, name):
    assert name in programmes(text)


@pytest.mark.parametrize("text", [
    "争创全国校园足球试点。",  # a pilot sought is a title
    "开展青溪茶园管理试点。",  # a local pilot is no entity (GUIDELINES)
])
def test_other_pilots_are_no_programmes(text):
    assert not {name for name in programmes(text) if name.endswith("试点")}


def test_national_pilots_on_real_lines():
    lines = real_sentences(r"(?:开展|推进)((?:国家|全国)[\u4e00-\u9fff]{2,16}?试点)[，。；]")
    assert lines
    for report, sent, match in lines:
        assert match.group(1) in programmes(sent), (report, sent)


def test_count_after_last_item_closes_a_project_list():
    found = projects("实现青溪书院、白鹭家园、青石墟集3个先导性项目建成运营。")
    assert {"青溪书院", "白鹭家园", "青石墟集"} <= found


def test_count_after_a_counted_class_closes_no_list():
    found = projects("完成教育助学、医疗卫生等十方面47项4741个民生实事项目。")
    assert not {name for name in found if "47项" in name or name in ("医疗卫生", "教育助学")}


@pytest.mark.parametrize(("text", "wrong"), [
    ("推进青溪桥至白鹭高速公路前期工作。", "青溪桥"),
    ("开工建设青溪东站至白鹭站线路。", "青溪东站"),
])
def test_route_ends_are_no_projects(text, wrong):
    assert wrong not in projects(text)
    assert "route-end" in FAMILIES


def test_route_ends_on_real_lines():
    lines = real_sentences(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,6}(?:桥|站|港))至[\u4e00-\u9fff]{2,8}")
    for report, sent, match in lines:
        assert match.group(1) not in projects(sent), (report, sent)


@pytest.mark.parametrize(("needle", "wrong"), [
    ("产业结构调整、保障和改善民生等重大项目", "产业结构调整"),
    ("产业结构调整、保障和改善民生等重大项目", "保障和改善民生"),
    ("产业结构调整、保障和改善民生等重大项目", "基础设施"),
    ("金星村等四个村的棚户区改造", "金星村"),
])
def test_policy_fields_and_owners_are_no_projects(corpus_dir, needle, wrong):
    """The compare rows typed Project wrongly (hailar-2016): fields of policy listed before 等…项目, and
    villages that own the head's thing (…等四个村的棚户区改造)."""
    from tests.extractors.entity_helpers import report_entities
    assert (wrong, "Project") not in report_entities(corpus_dir, "hailar-2016", needle)


def test_works_items_with_a_verb_stay_projects():
    found = projects("推进市中心医院新院区、市第五医院迁建等项目。")
    assert "市第五医院迁建" in found or "市第五医院" in found


def test_items_announced_after_ji_are_whole_names():
    text = "开展“三项行动”，即深化青溪园区改革行动、统筹城乡融合发展行动、大力推进白鹭湖生态保护行动。"
    found = programmes(text)
    assert {"深化青溪园区改革行动", "统筹城乡融合发展行动", "大力推进白鹭湖生态保护行动"} <= found
    assert "青溪园区改革行动" not in found


def test_announced_items_on_real_lines():
    lines = real_sentences(r"即(?:开展)?((?:[\u4e00-\u9fff]{4,30}?行动、){2,}[\u4e00-\u9fff]{4,30}?行动)[。；，]")
    for report, sent, match in lines:
        found = programmes(sent)
        assert all(item in found for item in match.group(1).split("、")), (report, sent)


def test_superlative_inside_a_facility_name_is_a_positioning():
    assert not {n for n in projects("以G999最美景观大道为重点。") if "最美景观大道" in n}


@pytest.mark.parametrize(("text", "wrong"), [
    ("打造青溪医共体“升级版”。", "升级版"),
    ("筑牢经济发展“压舱石”。", "压舱石"),
    ("交出志愿服务“零差错”答卷。", "零差错"),
    ("要敢于“拼刺刀”。", "拼刺刀"),
])
def test_figures_and_zero_fault_outcomes_are_no_programmes(text, wrong):
    assert wrong not in programmes(text)


def test_figures_on_real_lines():
    lines = real_sentences(r"“((?:[^“”]{0,6})(?:升级版|金字招牌|压舱石|桥头堡|排头兵|领头羊)|零(?:差错|差评|投诉|事故))”")
    for report, sent, match in lines:
        assert match.group(1) not in programmes(sent), (report, sent)


@pytest.mark.parametrize(("text", "longer", "inner"), [
    ("力争青湖水利枢纽工程、青山沙漠基地送电青溪工程等重大项目开工。", "青山沙漠基地送电青溪工程", "青山沙漠基地"),
    ("青溪大道快速路北延工程、白鹭路等项目建成通车。", "青溪大道快速路北延工程", "青溪大道"),
])
def test_facility_heading_a_longer_works_name_is_part_of_it(text, longer, inner):
    assert longer in {name for name, _ in entities(text)} and inner not in projects(text)


def test_park_hosting_works_stays_a_project():
    assert "白鹭工业园" in projects("加快白鹭工业园源网荷储一体化等工业项目建设。")


@pytest.mark.parametrize(("text", "name"), [
    ("全面实施项目投资三年行动计划，完善机制。", "项目投资三年行动计划"),  # 行动计划 is one token
    ("全面落实青溪都市圈发展规划和三年行动方案。", "青溪都市圈发展规划"),  # 圈 tagged as a measure
    ("完成青山地质灾害全域综合整治三年行动计划。", "青山地质灾害全域综合整治三年行动计划"),  # the stem reads it whole
])
def test_plan_words_the_tagger_fuses_or_splits(text, name):
    assert name in programmes(text)


def test_fields_of_investment_are_no_project_list():
    assert not projects("鼓励民间资本参与高技术、服务业等领域项目建设。")


@pytest.mark.parametrize("text", ["用百分百的努力推动发展。", "把事情一件一件办好。", "建设青溪百万千瓦多能互补基地。"])
def test_counts_and_quantities_are_no_numeric_abbreviations(text):
    assert not {n for n in programmes(text) if n in ("百分百的", "一件一件", "百万千瓦")}


def test_numeric_abbreviations_stay():
    assert "三供一业" in programmes("推进三供一业分离移交。")
