"""Place, Company and Agency rule families of issue 10, each on real lines of ../shared read at test time.

Regions named by abbreviations (extractors.regions), water names and kinds that are no places,
firms named by their yearly capacity and by a level prefix, facility themes that hold no firm,
generic firm, bank and body kinds. No report text is copied into the repository: each case names
a report and a needle, and the sentence around the needle is read from ../shared when the test runs.
A line of public division names (invented) gives a one-sentence test the home prefecture a whole
report would give.
"""
from __future__ import annotations

import pytest

from tests.conftest import SHARED
from tests.extractors.entity_helpers import entities, sentence

_HOME = {  # invented lines of public division names: they make the sentence's home prefecture
    "眉山": "眉山市东坡区、彭山区、仁寿县、洪雅县加快发展。",
    "无锡": "无锡市梁溪区、锡山区、惠山区、江阴市加快发展。",
}


def _line(report: str, needle: str, home: str = "") -> set[tuple[str, str]]:
    """Entities of the sentence of ``report`` (a path under ../shared) holding ``needle``."""
    text = (SHARED / report).read_text(encoding="utf-8")
    return entities(_HOME.get(home, "") + sentence(text, needle))


# --- regions named by abbreviations ---------------------------------------------------------------

@pytest.mark.parametrize(("report", "needle", "home", "name"), [
    ("corpus/jiangxi-2026.txt", "赣东北扩大开放合作", "", "赣东北"),
    ("corpus/jiangxi-2026.txt", "赣西转型升级，", "", "赣西"),
    ("corpus/laibin-2024.txt", "桂中生态环境安全", "", "桂中"),
    ("archive/city-2024/无锡.txt", "苏南领先", "", "苏南"),
    ("corpus/meishan-2024.txt", "成德眉资互认", "眉山", "成德眉资"),
    ("corpus/meishan-2024.txt", "成眉毗邻区域", "眉山", "成眉"),
    ("archive/city-2024/无锡.txt", "苏锡常轨道", "无锡", "苏锡常"),
])
def test_regions_named_by_abbreviations(report, needle, home, name):
    assert (name, "Place") in _line(report, needle, home)


@pytest.mark.parametrize(("report", "needle", "home", "name"), [
    ("archive/city-2024/宣城.txt", "宣广高速具备", "", "宣广"),  # a road's name, not a region
    ("corpus/laibin-2024.txt", "桂惠贷", "", "桂惠"),  # a loan product
    ("corpus/jiangxi-2026.txt", "赣南实验室启动", "", "赣南"),  # opens a laboratory's name
    ("corpus/meishan-2024.txt", "南环线", "眉山", "成眉"),  # 建成|眉山: no run across a word
    ("corpus/laibin-2024.txt", "粤桂协作持续", "", "粤桂"),  # a partnership of provinces alone
])
def test_abbreviations_inside_other_names_are_no_region(report, needle, home, name):
    assert (name, "Place") not in _line(report, needle, home)


def test_a_province_and_direction_opening_a_school_is_no_region():
    # invented, with a real public name
    assert ("川北", "Place") not in entities("川北医学院扩大招生。")


# --- water names, ports and kinds that are no places ----------------------------------------------

@pytest.mark.parametrize(("report", "needle", "absent"), [
    ("archive/city-2024/合肥.txt", "更能亲湖", {"近湖", "更能亲湖", "百姓拥湖", "拥湖", "亲湖"}),
    ("archive/city-2024/池州.txt", "拥江发展", {"拥江"}),
    ("archive/city-2024/合肥.txt", "通江达海", {"通江"}),
    ("archive/city-2024/合肥.txt", "全湖水质保持", {"全湖"}),
    ("archive/city-2024/合肥.txt", "派河港", {"河港", "国际陆港"}),
    ("archive/city-2024/池州.txt", "新材料暨港", {"新材料暨港"}),
    ("archive/city-2024/合肥.txt", "集体经济强村占比", {"集体经济强村"}),
    ("archive/city-2024/池州.txt", "普及普惠县", {"普及普惠县"}),
    ("archive/city-2024/池州.txt", "信用村建设", {"信用村"}),
])
def test_phrases_around_water_words_and_kinds_are_no_places(report, needle, absent):
    got = _line(report, needle)
    assert not {(name, "Place") for name in absent} & got, got


def test_named_ports_stay_places():
    got = _line("archive/city-2024/合肥.txt", "宁波港及沿江")
    assert {("上海港", "Place"), ("宁波港", "Place")} <= got


# --- firms -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("report", "needle", "name"), [
    ("corpus/laibin-2024.txt", "汇元锰年产", "汇元锰"),  # a firm before its yearly capacity
    ("archive/city-2024/乌鲁木齐.txt", "合盛硅业年产", "合盛硅业"),
    ("corpus/ganzi-2024.txt", "森工集团挂牌", "州森工集团"),  # a level-prefixed state group
])
def test_firms_named_by_capacity_or_level_prefix(report, needle, name):
    assert (name, "Company") in _line(report, needle)


@pytest.mark.parametrize(("report", "needle", "absent"), [
    ("archive/city-2024/铜仁.txt", "印江年产", "印江"),  # a county before a capacity
    ("archive/city-2024/合肥.txt", "中试基地、孵化器", "中试"),  # a facility named by its function
    ("archive/city-2024/铜仁.txt", "大龙开发区北部物流园", "大龙"),  # a zone's name before its suffix
    ("archive/city-2024/黔西南.txt", "袁隆平院士", "袁隆平"),
    ("archive/city-2024/黔西南.txt", "惠黔共建", "惠黔"),  # partners of a shared park
    ("corpus/hetang-2019.txt", "平台公司", "市级平台公司"),  # a kind of firm
    ("archive/city-2024/池州.txt", "市投资控股集团", "控股集团"),
    ("archive/province-2026/辽宁省.txt", "世界银行营商环境", "世界银行"),  # an international body
    ("archive/province-2026/天津市.txt", "二三级公司", "80余家央企二三级公司"),  # counted firms
])
def test_no_firm_in_these_phrases(report, needle, absent):
    assert (absent, "Company") not in _line(report, needle)


def test_world_bank_is_an_international_body():
    assert ("世界银行", "Agency") in _line("archive/province-2026/辽宁省.txt", "世界银行营商环境")


# --- bodies ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("report", "needle", "absent"), [
    ("archive/city-2024/池州.txt", "驻点办、包保办", {"驻点办", "包保办", "事项限期办"}),
    ("archive/city-2024/广元.txt", "家门办", {"家门办", "村能办", "企能办"}),
    ("archive/city-2024/合肥.txt", "市属医院与", {"市属医院"}),
    ("archive/city-2024/宣城.txt", "新改扩建幼儿园", {"新改扩建幼儿园"}),
    ("archive/city-2024/遵义.txt", "国外商协会", {"国外商协会"}),
])
def test_service_slogans_and_kinds_are_no_bodies(report, needle, absent):
    got = _line(report, needle)
    assert not {(name, "Agency") for name in absent} & got, got


def test_a_named_hospital_stays_a_body():
    assert ("市妇女儿童医院", "Agency") in _line("archive/city-2024/池州.txt", "市妇女儿童医院开业")


# --- national rivers inside longer names, basins --------------------------------------------------

@pytest.mark.parametrize(("report", "needle", "name"), [
    ("corpus/laibin-2024.txt", "长江经济带等", "长江"),  # opening a longer place name
    ("corpus/meishan-2024.txt", "长江上游", "长江"),  # joined by jieba to the part named
    ("corpus/tianmen-2024.txt", "汉江岳口港区", "汉江"),  # opening a project's name
])
def test_national_rivers_inside_longer_names(report, needle, name):
    assert (name, "Place") in _line(report, needle)


def test_a_river_inside_a_firms_name_is_not_named():
    assert ("长江", "Place") not in _line("corpus/hetang-2019.txt", "中车长江车辆")


def test_a_basin_is_the_rivers_alias():
    got = _line("corpus/ganzi-2024.txt", "长江流域十年禁渔")
    assert ("长江", "Place") in got and ("长江流域", "Place") not in got


# --- more places: gorges, resorts, business districts ---------------------------------------------

@pytest.mark.parametrize(("report", "needle", "name"), [
    ("corpus/laibin-2024.txt", "大藤峡水利枢纽通航", "大藤峡"),
    ("corpus/meishan-2024.txt", "柳江玉屏度假区成功", "柳江玉屏度假区"),
    ("archive/city-2024/合肥.txt", "路步行街成为", "淮河路步行街"),
    ("corpus/laibin-2024.txt", "等城市商圈", "城南"),  # an item of a list of 商圈
])
def test_named_areas(report, needle, name):
    assert (name, "Place") in _line(report, needle)


def test_a_resort_name_cut_inside_a_word_is_refused():
    got = _line("archive/city-2024/遵义.txt", "国家级旅游度假区提质")
    assert not {n for n, t in got if t == "Place" and n.endswith("度假区")}, got


# --- firms in lists and before products ------------------------------------------------------------

def test_a_short_common_word_among_brands_is_a_brand():
    assert ("金象", "Company") in _line("corpus/meishan-2024.txt", "中车眉山等企业")


def test_industries_listed_as_firms_are_no_firms():
    # invented: a list of industries with the firm head word
    got = entities("发展现代物流、软件信息、新能源等企业。")
    assert not {n for n, t in got if t == "Company"}, got


@pytest.mark.parametrize(("report", "needle", "absent", "kept"), [
    ("archive/city-2024/铜仁.txt", "梵净山工厂", None, "农夫山泉"),  # a firm + facility keeps it
    ("corpus/meishan-2024.txt", "氰胺材料生产基地", "氰胺", None),  # a material, not a brand
])
def test_firms_before_facilities_and_materials(report, needle, absent, kept):
    got = _line(report, needle)
    if absent:
        assert (absent, "Company") not in got, got
    if kept:
        assert (kept, "Company") in got, got


# --- bodies: counted classes, international organisations, federations -----------------------------

@pytest.mark.parametrize(("report", "needle", "absent"), [
    ("corpus/ganzi-2024.txt", "撤并小散弱学校", "小散弱学校"),
    ("corpus/hetang-2019.txt", "社区居家养老服务中心6个", "社区居家养老服务中心"),
])
def test_a_body_counted_after_its_name_is_a_class(report, needle, absent):
    assert (absent, "Agency") not in _line(report, needle)


@pytest.mark.parametrize(("report", "needle", "name"), [
    ("corpus/meishan-2024.txt", "世界田联", "世界田联"),
    ("corpus/jiangxi-2026.txt", "联合国总部", "联合国总部"),
    ("corpus/tianmen-2024.txt", "中纺联", "中纺联"),
    ("corpus/jiangxi-2026.txt", "工青妇", "工青妇"),
])
def test_public_bodies_from_reference_lists(report, needle, name):
    assert (name, "Agency") in _line(report, needle)


# --- more firm misfires: classes of firms, kinds of banks, places before a facility ---------------

@pytest.mark.parametrize(("report", "needle", "absent"), [
    ("archive/city-2024/盐城.txt", "瞄准央企", {"央企", "世界500强", "中国制造业500强"}),
    ("archive/city-2024/桂林.txt", "独角兽、瞪羚", {"瞪羚", "专精特新"}),
    ("archive/city-2024/荆门.txt", "股份制商业银行", {"股份制商业银行"}),
    ("archive/province-2026/宁夏回族自治区.txt", "吴忠金积工业园", {"吴忠金积"}),  # a city and a town
    ("archive/province-2026/宁夏回族自治区.txt", "毛乌素沙地", {"毛乌素"}),  # a desert before its suffix
    ("archive/city-2024/内江.txt", "页岩气新材料", {"气新材料"}),  # no brand of one character
])
def test_classes_kinds_and_places_are_no_firms(report, needle, absent):
    got = _line(report, needle)
    assert not {(name, "Company") for name in absent} & got, got


@pytest.mark.parametrize(("report", "needle", "absent"), [
    ("archive/province-2026/宁夏回族自治区.txt", "上开新局", {"开新局", "上开新局", "提质增效上开新局"}),
    ("archive/city-2024/荆门.txt", "强势破局", {"产业转型强势破局", "破局"}),
    ("archive/city-2024/桂林.txt", "大力度办", {"大力度办"}),
    ("archive/city-2024/锡林郭勒.txt", "家门口办", {"家门口办"}),
    ("archive/city-2024/锡林郭勒.txt", "没有三甲综合医院", {"我盟没有三甲综合医院"}),
    ("archive/city-2024/锡林郭勒.txt", "三甲精神病专科医院", {"三甲精神病专科医院"}),
    ("archive/city-2024/内江.txt", "省际联盟", {"省际联盟"}),
])
def test_idioms_slogans_and_grades_are_no_bodies(report, needle, absent):
    got = _line(report, needle)
    assert not {(name, "Agency") for name in absent} & got, got


def test_a_bureau_stays_a_body():
    assert ("民航局", "Agency") in _line("archive/city-2024/桂林.txt", "民航局复航")


@pytest.mark.parametrize(("report", "needle", "absent"), [
    ("archive/city-2024/济南.txt", "获批省级现代服务业集聚区", "获批省级现代服务业集聚区"),
    ("archive/city-2024/铜仁.txt", "申创省级开发区", "石阡工业园区申创省级开发区"),
    ("archive/city-2024/合肥.txt", "稳居国家级经开区", "经开区稳居国家级经开区"),
])
def test_report_verbs_inside_place_names(report, needle, absent):
    got = _line(report, needle)
    assert (absent, "Place") not in got, got
    assert not {n for n, t in got if t == "Place" and n.startswith(("省级", "国家级"))}, got


@pytest.mark.parametrize(("report", "needle", "name", "absent"), [
    ("archive/province-2026/辽宁省.txt", "组建辽宁实验室", "辽宁实验室", "体制组建辽宁实验室"),  # a verb grown over
    ("corpus/ganzi-2024.txt", "成立国家技术转化", "国家技术转化西南中心甘孜分中心",
     "成立国家技术转化西南中心甘孜分中心"),
    ("corpus/ganzi-2024.txt", "空间天气科学中心", "亚丁空间天气科学中心", None),  # a science centre
])
def test_bodies_after_report_verbs_and_science_centres(report, needle, name, absent):
    got = _line(report, needle)
    assert (name, "Agency") in got, got
    if absent:
        assert (absent, "Agency") not in got


@pytest.mark.parametrize(("report", "needle", "absent", "places"), [
    # units of a list of 单位 named by a place suffix are places, named by the suffix rule
    ("archive/city-2024/黔西南.txt", "望谟蟠桃街道", {"兴义洒金街道", "望谟蟠桃街道"}, {"洒金街道", "蟠桃街道"}),
    ("corpus/hetang-2019.txt", "县级领导联系学校", {"县级领导联系学校"}, set()),  # a level grade: a class
])
def test_places_and_classes_listed_as_units(report, needle, absent, places):
    got = _line(report, needle)
    assert not {(n, "Agency") for n in absent} & got, got
    assert {(n, "Place") for n in places} <= got, got


@pytest.mark.parametrize(("report", "needle", "name", "absent"), [
    ("archive/city-2024/桂林.txt", "建成区漓江", "漓江", "建成区漓江"),  # common words before the river
    ("archive/city-2024/桂林.txt", "数字漓江", "漓江", "数字漓江"),
    ("archive/city-2024/广元.txt", "空间沿嘉陵江", "嘉陵江", "空间沿嘉陵江"),
    ("archive/city-2024/合肥.txt", "南淝河水质", "南淝河", None),  # a direction that is part of the name
    ("archive/city-2024/池州.txt", "平天湖“水上天路”", "平天湖", None),  # 平|天湖: a character split off
    ("archive/city-2024/广元.txt", "加快白龙湖", "白龙湖", None),
])
def test_rivers_grown_over_common_words(report, needle, name, absent):
    got = _line(report, needle)
    assert (name, "Place") in got, got
    if absent:
        assert (absent, "Place") not in got


@pytest.mark.parametrize(("report", "needle", "name", "absent"), [
    ("corpus/meishan-2024.txt", "四川自贸区眉山协同改革先行区", "四川自贸区眉山协同改革先行区", None),
])
def test_named_pioneer_areas_stay_places(report, needle, name, absent):
    got = _line(report, needle)
    assert (name, "Place") in got, got
    if absent:
        assert (absent, "Place") not in got


@pytest.mark.parametrize(("report", "needle", "absent"), [
    ("corpus/jiangxi-2026.txt", "内陆地区改革开放高地建设", "内陆地区"),  # a kind of region
    ("archive/city-2024/铜仁.txt", "对周边地区", "周边地区"),
    ("archive/city-2024/盐城.txt", "跨境电商综试区建设", "跨境电商综试区"),  # a zone kind without its city
    ("corpus/laibin-2024.txt", "百县千乡万村", "百县千乡万村"),  # a counted slogan
    ("corpus/jiangxi-2026.txt", "集体林权制度改革先行区", "集体林权制度改革先行区"),  # a reform's designation
])
def test_kinds_of_regions_and_zones(report, needle, absent):
    assert (absent, "Place") not in _line(report, needle)


@pytest.mark.parametrize(("report", "needle", "absent"), [
    ("archive/city-2024/郴州.txt", "硅碳材料", "硅碳材料"),  # a material before 材料 is an industry
    ("archive/city-2024/亳州.txt", "发展超硬材料", "超硬材料"),
    ("corpus/meishan-2024.txt", "金象赛瑞氰胺材料", "赛瑞氰胺材料"),
    ("archive/city-2024/贺州.txt", "养殖基地增长潜力", "高值"),  # a facility named by its trade
])
def test_materials_and_trades_are_no_firms(report, needle, absent):
    assert (absent, "Company") not in _line(report, needle)


@pytest.mark.parametrize(("report", "needle", "name", "absent"), [
    ("archive/city-2024/衢州.txt", "创成三甲医院", "市中医医院", {"三甲医院", "三级医院"}),  # grades of hospitals
    ("archive/province-2026/青海省.txt", "市州级医院", None, {"市州级医院", "三甲医院"}),
    ("archive/city-2024/烟台.txt", "投用卫生健康职业学院", "卫生健康职业学院", {"投用卫生健康职业学院"}),
])
def test_hospital_grades_and_status_verbs_before_bodies(report, needle, name, absent):
    got = _line(report, needle)
    if name:
        assert (name, "Agency") in got, got
    assert not {(n, "Agency") for n in absent} & got, got


# --- firms written with their home province (extractors.firm_cues.province_firms) -----------------

@pytest.mark.parametrize(("report", "needle", "name"), [
    ("corpus/meishan-2024.txt", "开展智能光伏试点", "四川美科"),  # province + unknown word + verb
    ("corpus/meishan-2024.txt", "等产业技术研究院", "四川信仁"),  # last item before 等
    ("archive/province-2026/青海省.txt", "跻身全球独角兽", "青海丽豪"),
    ("archive/city-2024/武汉.txt", "湖北楚象、", "湖北国控"),
    ("archive/city-2024/荆门.txt", "楚大智能等", "湖北航特"),
])
def test_a_province_before_an_unknown_word_names_a_firm(report, needle, name):
    assert (name, "Company") in _line(report, needle)


@pytest.mark.parametrize(("report", "needle", "name"), [
    ("archive/city-2024/承德.txt", "北京商超对接", "北京商超"),  # a partner after 与: a market
    ("archive/city-2024/苏州.txt", "上海轨交实现", "上海轨交"),  # a partner after 与: a network
    ("archive/province-2026/天津市.txt", "天津之眼", "天津之眼"),  # a landmark (之 opens the word)
    ("archive/province-2026/西藏自治区.txt", "西藏好水", "西藏好水"),  # a product slogan (好 opens it)
])
def test_a_province_before_a_partner_landmark_or_slogan_is_no_firm(report, needle, name):
    assert (name, "Company") not in _line(report, needle)


# --- a division's name tagged as a common word still makes a facility's name proper (names.has_proper) ---

@pytest.mark.parametrize(("report", "needle", "name"), [
    ("corpus/ganzi-2024.txt", "宇宙线观测站通过", "稻城高海拔宇宙线观测站"),
    ("corpus/ganzi-2024.txt", "游客集散中心和", "理塘游客集散中心"),
])
def test_a_county_name_opening_common_words_names_a_facility(report, needle, name):
    assert (name, "Project") in _line(report, needle)


@pytest.mark.parametrize(("report", "needle", "name"), [
    ("corpus/meishan-2024.txt", "建设“平安校园”", "平安校园"),  # 平安 is a place's short form and a common word
    ("corpus/meishan-2024.txt", "金融创新示范区建设试点", "乡村振兴金融创新示范区"),  # 振兴 likewise
])
def test_a_short_form_that_is_a_common_word_makes_no_name_proper(report, needle, name):
    got = _line(report, needle)
    assert (name, "Project") not in got and (name, "Place") not in got


# --- a province's name whose first character ends a known place is none (reference._city_ends_inside) --

@pytest.mark.parametrize(("report", "needle", "name"), [
    ("corpus/meishan-2024.txt", "眉山西500千伏", "山西"),  # 眉山|西…
    ("archive/city-2024/黄山.txt", "黄山东大门", "山东"),  # 黄山|东大门
])
def test_a_province_inside_a_place_and_direction_is_no_place(report, needle, name):
    assert (name, "Place") not in _line(report, needle)


@pytest.mark.parametrize(("report", "needle", "name"), [
    ("corpus/hainan-2026.txt", "英才兴海南", "海南"),  # 兴海 is a county's short form: it does not count
    ("corpus/jiangxi-2026.txt", "美丽江西", "江西"),  # 丽江 starts inside the word 美丽
])
def test_a_province_after_a_county_short_form_or_inside_a_word_stands(report, needle, name):
    assert (name, "Place") in _line(report, needle)
