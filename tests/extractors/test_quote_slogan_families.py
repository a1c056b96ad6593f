"""Quoted slogans, titles and apps: families found on archive reports nobody tuned on (quotes.json, misfires.json).

Found on 呼和浩特, 湖州, 金华, 贵港, 宜昌, 徐州, 中山, 北海, 黔西南 (city-2024) and 西藏自治区 (province-2026), and on
the reports that quote government apps or comma sayings; judged on the six gold files and on other archive reports
(see README). Each family is tested on invented sentences (both ways) and on real lines that have its shape, read
at test time from ../shared (no report text is in the repository):

- comma saying: a quote holding a comma is a saying (“只进一扇门，办成所有事”) unless a programme word follows it
  (“千村引领，万村提升”工程, “…，…”品牌, “…，…”专项行动);
- slogan-frame: a slogan of clauses before 的底线 / 的问题 / 的困境 / 的使命 frames a duty or a problem;
- outcome: a slogan of clauses after a verb of achieving that closes its clause (实现“全焚烧、零填埋”。);
- problem: a slogan of clauses after a verb of fighting (杜绝“光喊口号、不见行动”);
- ranking: a winning streak (“二十连丰”, “四连冠”) or a top-N list (“双十强”, “中国工业百强区”);
- switch: a three-character switch (“公转水”, “散改集”, “索改桥”) is a policy even after a noun or with a suffix;
- natural set: rivers, lakes or mountains counted (“两江一河”, “三江六岸”) name an area, a Place;
- result: a count of changes in figures closing its clause (实现“双下降”。, “三增”；) is a result reported;
- numbered programme: a quoted number before a programme word (“1269”行动计划, “1093”行动) names it;
- award: a quote before 奖 (获省“五个一工程”奖) or after 上榜 / 九夺 is a prize or a list won;
- numeric parts: a numeric abbreviation inside a longer quote (“一主一副、两翼联动、多点支撑”) names nothing alone;
- slogan parts: an office or works word inside a slogan of clauses (“首问办、提级办、协同办”) is no body or facility;
- typed title: a quoted title typed by its suffix (获“中国生鱼之乡”称号) is a title like any quote;
- system: a quoted brain, map or net (“城市大脑”, “招商一张图”, “物流一张网”) is an information system;
- app: a short quote opening with a division's abbreviation and ending in a service character (“渝快办”, “闽政通”,
  “鲁通码”) is a government app, a platform (GUIDELINES), not an office or a programme.
"""
from __future__ import annotations

import re

import pytest

from extractors.rules import load_rules
from tests.extractors.entity_helpers import archive_lines, entities, entity_names

_SLOGAN_REPORTS = ("city-2024/呼和浩特.txt", "city-2024/湖州.txt", "city-2024/金华.txt", "city-2024/贵港.txt",
                   "city-2024/宜昌.txt", "city-2024/徐州.txt", "city-2024/中山.txt", "city-2024/北海.txt",
                   "city-2024/黔西南.txt", "province-2026/西藏自治区.txt")
_COMMA_REPORTS = ("city-2024/黄冈.txt", "city-2024/梧州.txt", "city-2024/玉林.txt", "city-2024/晋城.txt",
                  "city-2024/宁波.txt", "city-2024/合肥.txt", "province-2026/辽宁省.txt")
_APP_REPORTS = ("city-2024/重庆.txt", "city-2024/赣州.txt", "city-2024/长沙.txt", "city-2024/成都.txt",
                "city-2024/广州.txt", "city-2024/济南.txt", "province-2026/福建省.txt", "province-2026/山东省.txt")


def _plain(name: str) -> str:
    return re.sub(r"[“”\s]", "", name)


# --- comma sayings ----------------------------------------------------------------------------------------------

def test_comma_saying_with_programme_word():
    assert "千村引领，万村提升" in entity_names("学习运用经验，实施“千村引领，万村提升”工程，推进农村人居环境整治。",
                                              "Program")


def test_comma_saying_alone():
    assert not {n for n in entity_names("政务服务中心挂牌成立，实现“只进一扇门，办成所有事”。") if "，" in n}


@pytest.mark.parametrize(("report", "sent", "match"),
                         archive_lines(_COMMA_REPORTS, r"“([^“”]{3,30}，[^“”]{2,30})”(?:工程|专项行动|文旅品牌|品牌)"))
def test_comma_saying_named_real_lines(report, sent, match):
    assert match.group(1) in {_plain(n) for n in entity_names(sent, "Program")}, (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"),
                         archive_lines(_COMMA_REPORTS + _SLOGAN_REPORTS, r"“([^“”]{3,30}，[^“”]{2,30})”[，。；！]"))
def test_comma_saying_real_lines(report, sent, match):
    assert match.group(1) not in {_plain(n) for n in entity_names(sent)}, (report, sent)


# --- slogans of clauses -----------------------------------------------------------------------------------------

def test_slogan_framing_a_bottom_line():
    assert not entity_names("坚决守住生态环境质量“只能更好、不能变坏”的刚性底线。", "Program")


@pytest.mark.parametrize("text", ["大力发扬“事争一流、唯旗是夺”的精神，营造争创氛围。",
                                  "提升“功成不必在我、功成必定有我”的境界。"])
def test_slogan_framing_a_spirit(text):
    assert not entity_names(text, "Program"), text


def test_slogan_as_a_requirement_stays():
    assert "学思想、强党性、重实践、建新功" in entity_names("牢牢把握“学思想、强党性、重实践、建新功”总要求。", "Program")


def test_slogan_as_a_state_reached():
    assert not entity_names("新建转运设施16个，生活垃圾实现“全焚烧、零填埋”。", "Program")


def test_slogan_after_a_policy_verb_stays():
    assert "并联审批、模拟审批、信用审批" in entity_names("深化“并联审批、模拟审批、信用审批”。", "Program")


def test_service_modes_reached_stay():
    assert "就近办、家门口办" in entity_names("推动政务服务平台向基层延伸，实现“就近办、家门口办”。", "Program")


@pytest.mark.parametrize("text", ["深入整治“内卷式”竞争，加快建设全国统一大市场。", "坚决破除“特殊论”“补偿心理”。",
                                  "坚持以“小切口”解决“大民生”，一年接着一年干。"])
def test_problems_solved_or_fought(text):
    last = re.findall(r"“([^”]+)”", text)[-1]
    assert last not in entity_names(text), text


@pytest.mark.parametrize("text", ["降低义务教育“大班额”“大校额”。", "防止耕地“非农化”“非粮化”。",
                                  "全力解决群众“揪心事”“烦心事”。"])
def test_problems_fought_in_a_field(text):
    assert not entity_names(text, "Program"), text


def test_target_class_after_a_fighting_verb_stays():
    assert "危污乱散低" in entity_names("综合整治“危污乱散低”企业，完成主城区企业搬迁。", "Program")


def test_numeric_problem_campaign_stays():
    assert "四风" in entity_names("驰而不息纠治“四风”，推动作风持续转变。", "Program")


@pytest.mark.parametrize(("text", "label"), [("推行“首问办、提级办、协同办”服务管理模式。", "Agency"),
                                             ("“园区提质、企业满园”行动深入实施。", "Project")])
def test_no_office_or_works_inside_a_slogan(text, label):
    assert not entity_names(text, label), text


def test_office_outside_a_slogan_stays():
    assert "市招商办" in entity_names("市招商办推行“首问办、提级办、协同办”服务管理模式。", "Agency")


@pytest.mark.parametrize(("text", "part"), [("深化构建“一主一副、两翼联动、多点支撑”区域发展格局。", "一主一副"),
                                            ("“四级三类”国土空间规划体系基本形成。", "四级"),
                                            ("打造“一区两谷多园”数字发展载体。", "一区两谷")])
def test_numeric_part_of_a_quote(text, part):
    assert part not in entity_names(text), text


@pytest.mark.parametrize("text", ["推动“三供一业”改造项目3个。", "推动三供一业改造项目3个。"])
def test_numeric_abbreviation_whole_or_unquoted_stays(text):
    assert "三供一业" in entity_names(text, "Program"), text


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _SLOGAN_REPORTS + ("city-2024/荆州.txt", "province-2026/青海省.txt"),
    r"“[^“”]*、([一二三四五六七八九十两][\u4e00-\u9fff][一二三四五六七八九十两][\u4e00-\u9fff])”"))
def test_numeric_part_real_lines(report, sent, match):
    assert match.group(1) not in entity_names(sent), (report, sent)


def test_slogan_as_a_problem_fought():
    assert not entity_names("坚决杜绝“光喊口号、不见行动”，坚决杜绝推诿扯皮。", "Program")


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _SLOGAN_REPORTS, r"(?:“([^“”]*、[^“”]*)”的(?:问题|困境|历史使命|时代使命)|"
                     r"(?:实现|做到|能够|保证|真正)“([^“”]*、[^“”]*)”[，。；])"))
def test_slogan_frame_and_outcome_real_lines(report, sent, match):
    slogan = match.group(1) or match.group(2)
    assert slogan not in {_plain(n) for n in entity_names(sent)}, (report, sent)


# --- rankings, awards and titles --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["粮食产量实现“二十连丰”，总产量稳定。", "省基本公共服务评价实现“四连冠”。",
                                  "入选民营企业评营商环境地级市“双十强”榜单。", "铁山港区再次上榜“中国工业百强区”。",
                                  "歌曲获省“五个一工程”奖，音乐剧获奖。", "三角镇获“中国生鱼之乡”称号。"])
def test_rankings_awards_titles(text):
    quoted = re.search(r"“([^”]+)”", text).group(1)
    assert quoted not in entity_names(text), text


@pytest.mark.parametrize("text", ["事故起数、死亡人数实现“双下降”。", "粮食种植面积、单产、总产实现“三增”；",
                                  "开展专项整治行动，安全生产实现“一无两降”。"])
def test_counted_results(text):
    quoted = re.search(r"“([^”]+)”", text).group(1)
    assert quoted not in entity_names(text), text


def test_counted_tasks_stay():
    assert "十个新提升" in entity_names("围绕市委提出的“十个新提升”，聚力聚焦、提高效能。", "Program")


def test_counted_change_as_a_programme_stays():
    assert "双倍增" in entity_names("持续推进科技企业“双倍增”行动，新增高新技术企业。", "Program")


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _SLOGAN_REPORTS + ("city-2024/林芝.txt", "city-2024/泰安.txt"),
    r"“([一二三四五六七八九十两双][\u4e00-\u9fff]{0,3}(?:降|增|升))”[，。；]"))
def test_counted_result_real_lines(report, sent, match):
    assert match.group(1) not in entity_names(sent), (report, sent)


@pytest.mark.parametrize(("text", "name"), [("深化实施“1269”行动计划。", "1269"), ("实施制造强市“1093”行动。", "1093"),
                                            ("深入实施服务业“十百千”工程。", "十百千")])
def test_quoted_number_before_a_programme_word(text, name):
    assert name in entity_names(text, "Program"), text


def test_quoted_hotline_number_is_no_name():
    assert "12345" not in entity_names("开通“12345”热线。")


def test_bare_top_ten_before_industries_stays():
    assert "十强" in entity_names("新增2个省“十强”产业“雁阵形”集群。", "Program")


@pytest.mark.parametrize(("text", "name"), [("推动大宗物资“公转水”，加快江海直达运输。", "公转水"),
                                            ("鼓励企业将货物“散改集”，降低物流成本。", "散改集"),
                                            ("完成“索改桥”7座，新增示范县。", "索改桥")])
def test_quoted_switch_is_a_programme(text, name):
    assert (name, "Program") in entities(text) and not {(n, k) for n, k in entities(text) if n == name and
                                                         k != "Program"}, text


@pytest.mark.parametrize("text", ["建立教师任职“旋转门”机制。", "完善物资“周转池”，"])
def test_compound_word_is_no_switch(text):
    assert not re.match(load_rules().quote["conversion_pattern"], re.search(r"“([^”]+)”", text).group(1))


@pytest.mark.parametrize(("text", "name"), [("强化“两江一河”等重点流域综合整治。", "两江一河"),
                                            ("实施“两江四岸”提升改造三年行动。", "两江四岸")])
def test_rivers_counted_name_an_area(text, name):
    assert (name, "Place") in entities(text) and (name, "Program") not in entities(text), text


def test_numeric_policy_is_no_area():
    assert ("三供一业", "Program") in entities("推动“三供一业”改造项目3个。")


def test_quoted_quantifier_is_no_name():
    assert "一揽子" not in entity_names("落实防范化解债务风险“一揽子”方案，积极争取国家支持。")


def test_quote_before_a_reward_stays():
    assert "小升规" in entity_names("落实“小升规”奖励政策，新增规上企业100家。", "Program")


@pytest.mark.parametrize(("report", "sent", "match"),
                         archive_lines(_SLOGAN_REPORTS, r"“([^“”]*[一二三四五六七八九十\d]连(?:冠|增|丰))”"))
def test_streak_real_lines(report, sent, match):
    assert match.group(1) not in {_plain(n) for n in entity_names(sent)}, (report, sent)


# --- government apps --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["“渝快办”全面重构，“渝快政”日活跃用户达到43万。", "拓展“苏服办”功能，优化营商环境。",
                                  "深度优化“闽政通”等平台。"])
def test_app_names(text):
    assert not entity_names(text), text


@pytest.mark.parametrize("text", ["加快“城市大脑”建设，完善城市治理。", "推进“招商一张图”建设。", "加快建设“物流一张网”。"])
def test_system_names(text):
    quoted = re.search(r"“([^”]+)”", text).group(1)
    assert quoted not in entity_names(text), text


def test_list_of_lists_stays():
    assert "三张清单" in entity_names("推行“三张清单”管理，优化营商环境。", "Program")


@pytest.mark.parametrize(("text", "name"), [("实施新一批“川渝通办”事项。", "川渝通办"),
                                            ("抓好农村公路“新三通”建设。", "新三通")])
def test_service_modes_stay(text, name):
    assert name in entity_names(text, "Program")


@pytest.mark.parametrize(("report", "sent", "match"),
                         archive_lines(_APP_REPORTS, r"“([渝赣湘蓉鲁闽粤穗苏蒙京][^“”]?(?:办|通|政|码))”"))
def test_app_real_lines(report, sent, match):
    assert match.group(1) not in entity_names(sent), (report, sent)
