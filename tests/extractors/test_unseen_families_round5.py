"""Entity families found on a fifth set of archive reports nobody tuned on (kinds, verbs, metaphors).

Found by reading 河南省, 贵州省, 青海省, 新疆维吾尔自治区, 甘肃省, 山西省 (province-2026) and 枣庄, 东营, 杭州, 金华,
潍坊, 绍兴 (city-2024), drawn at random outside the archive_check sample, and tallied per rule on the whole archive;
judged on the six gold files and the archive_check sample. Each family is tested on invented sentences (both ways)
and on real lines of archive reports that have its shape, read at test time from ../shared (no report text is in
the repository):

- institution kinds: a quality, ownership or honour word (绿色, 智慧, 公办, 一流, 高水平, 三甲, 知名) before 学校 /
  医院 / 大学 / 学院, a count before it (7000多所, 60%), or a kind of schooling or care alone or after a scope word
  (高职高专学校, 职业学校, 地级公立中医医院, 镇街医院) names a class, not a body; a level character alone before
  a kind names that level's body (市职业学校, 市特殊教育学校, 市中医医院) (suffixes.jsonl reject);
- lead verbs: verbs of hosting, taking part, receiving, issuing or carrying on (筹办, 筹备, 组织, 参加, 参与, 争办,
  创办, 迎接, 验收, 发布, 纳入, 贯彻, 迭代升级, 擦亮) open no programme or project name: the name starts after
  them (misfires.json lead_verbs); 列入, 扩大, 领办 inside a project name open the name after them (inner_verbs);
- office verbs: 办 after a mode or a verb (全程网办, 有交必办, 按期结办, 勤俭节约办, 多年想办, 首接首办, 玩具手办) is
  the verb "handle", not an office (办公室); offices keep a topic before 办 (市安办, 爱卫办, 招商办, 国家网信办);
- harbour verbs: 港 after a one-character verb (通港, 流港, 供港) or a kind (集装箱枢纽港, 深水海港) names no port;
- quality metaphors: a quoted quality (“南通速度”, “常州温度”, “含金量”, “获得感”) is a metaphor, not a programme.
- facility classes: a quoted kind of facility with no proper element (“口袋公园”, “飞地园区”, “老年食堂”, “城市书房”,
  “零工驿站”) names a class of facilities, not a programme (quotes.json facility_class_ends; the gold notes of
  tianmen, laibin, ganzi and jiangxi agree); a motion verb makes it a campaign (“政务服务进园区”), a proper element
  a service brand (“八闽书房”); a bare kind before 园 (特色园, 专业园, 普惠园) is no park (suffixes.jsonl reject).
"""
from __future__ import annotations

import pytest

from tests.extractors.entity_helpers import archive_lines, entity_names

# --- invented sentences: the rule's intent, both ways ---------------------------------------------------------


@pytest.mark.parametrize(("text", "name", "label"), [
    ("改善7000多所义务教育学校办学条件。", "7000多所义务教育学校", "Agency"),
    ("全市60％义务教育学校建成智慧校园。", "60％义务教育学校", "Agency"),
    ("新增省绿色学校12所。", "省绿色学校", "Agency"),
    ("支持符合条件的高职高专学校升格为职业本科大学。", "高职高专学校", "Agency"),
    ("推动镇街公办学校提质。", "镇街公办学校", "Agency"),
    ("建成智慧学校、无废学校一批。", "智慧学校", "Agency"),
    ("建成智慧学校、无废学校一批。", "无废学校", "Agency"),
    ("支持职业学校与企业合作办学。", "职业学校", "Agency"),
    ("与省外三甲医院建立帮扶关系。", "省外三甲医院", "Agency"),
    ("推动地级公立中医医院全部达到三级水平。", "地级公立中医医院", "Agency"),
    ("引进长三角知名医院合作办医。", "长三角知名医院", "Agency"),
    ("建设智慧医院、优质专科医院。", "智慧医院", "Agency"),
    ("建设智慧医院、优质专科医院。", "优质专科医院", "Agency"),
    ("推进镇街医院标准化建设。", "镇街医院", "Agency"),
    ("深化省外高水平大学帮扶我省高校。", "省外高水平大学", "Agency"),
    ("支持建设省一流技师学院。", "省一流技师学院", "Agency"),
    ("建设特色产业学院10个。", "特色产业学院", "Agency"),
    ("新增普惠型幼儿园20所。", "普惠型幼儿园", "Agency"),
    ("筹办世界乡村旅游大会。", "筹办世界乡村旅游大会", "Program"),
    ("组织参加世界制造业大会。", "组织参加世界制造业大会", "Program"),
    ("迎接第三轮中央生态环境保护督察。", "迎接第三轮中央生态环境保护督察", "Program"),
    ("迭代升级青溪人才计划。", "迭代升级青溪人才计划", "Program"),
    ("创办首届青溪文化旅游节。", "创办首届青溪文化旅游节", "Program"),
    ("参与中华文明探源工程。", "参与中华文明探源工程", "Program"),
    ("用足用好沿边临港产业园。", "用足用好沿边临港产业园", "Project"),
    ("武义列入国家现代农业产业园。", "武义列入国家现代农业产业园", "Project"),
    ("桂平扩大新材料产业园。", "桂平扩大新材料产业园", "Project"),
    ("坚持高效落实，有交必办、有办必结。", "交必办", "Agency"),
    ("坚持高效落实，有交必办、有办必结。", "有办", "Agency"),
    ("对重点工作实行建单交办、按期结办。", "结办", "Agency"),
    ("坚持勤俭节约办一切事情。", "勤俭节约办", "Agency"),
    ("办成了一批多年想办而没有办成的大事。", "多年想办", "Agency"),
    ("推行信访首接首办。", "首接首办", "Agency"),
    ("推进高频事项全程网办。", "网办", "Agency"),
    ("挖掘玩具手办等消费新业态。", "玩具手办", "Agency"),
    ("沙颍河“通港达园”项目建成。", "通港", "Place"),
    ("建设集装箱枢纽港。", "集装箱枢纽港", "Place"),
    ("跑出“青溪速度”。", "青溪速度", "Program"),
    ("展现“青溪温度”。", "青溪温度", "Program"),
    ("提升发展“含金量”“含绿量”。", "含金量", "Program"),
    ("提升发展“含金量”“含绿量”。", "含绿量", "Program"),
    ("增强群众“获得感”。", "获得感", "Program"),
    ("建设“口袋公园”20个。", "口袋公园", "Program"),
    ("推进“飞地园区”“飞地校区”建设。", "飞地园区", "Program"),
    ("推进“飞地园区”“飞地校区”建设。", "飞地校区", "Program"),
    ("新开办“老年食堂”15个。", "老年食堂", "Program"),
    ("建成“城市书房”“零工驿站”一批。", "城市书房", "Program"),
    ("建成“城市书房”“零工驿站”一批。", "零工驿站", "Program"),
    ("建设新材料产业园等“专业园”“特色园”。", "特色园", "Project"),
    ("新增普惠园12所。", "普惠园", "Project"),
])
def test_family_drops(text, name, label):
    assert name not in entity_names(text, label)


@pytest.mark.parametrize(("text", "name", "label"), [
    ("市职业学校新校区建成。", "市职业学校", "Agency"),
    ("市特殊教育学校迁建。", "市特殊教育学校", "Agency"),
    ("市中医医院牵头组建医共体。", "市中医医院", "Agency"),
    ("青溪县人民医院获评三级医院。", "青溪县人民医院", "Agency"),
    ("支持青溪大学建设一流学科。", "青溪大学", "Agency"),
    ("青溪职业技术学院升格。", "青溪职业技术学院", "Agency"),
    ("市技师学院牵头组建职教集团。", "市技师学院", "Agency"),
    ("筹办世界乡村旅游大会。", "世界乡村旅游大会", "Program"),
    ("迎接第三轮中央生态环境保护督察。", "第三轮中央生态环境保护督察", "Program"),
    ("创办首届青溪文化旅游节。", "首届青溪文化旅游节", "Program"),
    ("迭代升级数字化改革。", "数字化改革", "Program"),
    ("用足用好沿边临港产业园。", "沿边临港产业园", "Project"),
    ("桂平扩大新材料产业园。", "新材料产业园", "Project"),
    ("深入实施促进居民增收三年行动。", "促进居民增收三年行动", "Program"),
    ("落实市安办实战化运行。", "市安办", "Agency"),
    ("通过国家网信办终期验收。", "国家网信办", "Agency"),
    ("市园区办、招商办、项目办牵头。", "市园区办", "Agency"),
    ("市园区办、招商办、项目办牵头。", "招商办", "Agency"),
    ("爱卫办组织开展爱国卫生运动。", "爱卫办", "Agency"),
    ("加快青岛港、钦州港建设。", "钦州港", "Place"),
    ("加快青岛港、钦州港建设。", "青岛港", "Place"),
    ("坚持和发展新时代“枫桥经验”。", "枫桥经验", "Program"),
    ("推进“政务服务进园区”。", "政务服务进园区", "Program"),
    ("推进“好社区”“好房子”建设。", "好社区", "Program"),
    ("打造“5+2就业之家”服务品牌。", "5+2就业之家", "Program"),
    ("推进“青溪公园”建设。", "青溪公园", "Project"),
    ("建设冠世榴园。", "冠世榴园", "Project"),
])
def test_family_keeps(text, name, label):
    assert name in entity_names(text, label)


@pytest.mark.xfail(reason="a verb inside the name after a cut lead verb (组织|企业参加…活动) is left: the lead-verb "
                          "family cuts one verb at the start, and 企业参加 is a clause, not a verb", strict=True)
def test_lead_verb_then_clause():
    assert not {n for n in entity_names("组织企业参加境外展洽活动。") if "参加" in n}


def test_hospital_before_title_verb():
    """A hospital's name that grew over a verb and a title (县医院达到|三级医院) is dropped; the hospital stays."""
    found = entity_names("推动县医院达到三级医院水平。", "Agency")
    assert "县医院达到三级医院" not in found
    assert "县医院" in found


# --- real lines of archive reports ----------------------------------------------------------------------------

_ALL = ("province-2026/河南省.txt", "province-2026/贵州省.txt", "province-2026/青海省.txt",
        "province-2026/新疆维吾尔自治区.txt", "province-2026/甘肃省.txt", "province-2026/山西省.txt",
        "city-2024/枣庄.txt", "city-2024/东营.txt", "city-2024/杭州.txt", "city-2024/金华.txt",
        "city-2024/潍坊.txt", "city-2024/绍兴.txt", "city-2024/丽水.txt", "city-2024/温州.txt",
        "city-2024/德州.txt", "city-2024/宁波.txt", "city-2024/深圳.txt", "city-2024/广州.txt",
        "province-2026/广东省.txt", "province-2026/安徽省.txt", "city-2024/苏州.txt",
        "city-2024/合肥.txt", "city-2024/南通.txt", "city-2024/常州.txt")

_KINDS = r"(?:[省市县区]|省外|地级|县级|镇街)?(?:绿色|智慧|无废|公办|民办|一流|高水平|知名|三甲|优质|公立)(?:学校|医院|大学|学院)"


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(_ALL, _KINDS, 10))
def test_institution_kind_real_lines(report, sent, match):
    """A quality or honour before an institution word names no body there."""
    assert match.group(0) not in entity_names(sent, "Agency"), (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _ALL, r"(?:筹办|筹备|迎接|参加|创办|迭代升级)(?:第[一二三四五六七八九十\d]+届|首届)?[\u4e00-\u9fff]{2,14}"
          r"(?:大会|论坛|博览会|节|督察|计划|工程|改革|运动会)", 10))
def test_lead_verb_real_lines(report, sent, match):
    """No programme or project name opens with a hosting, taking-part or receiving verb."""
    verbs = ("筹办", "筹备", "迎接", "参加", "创办", "迭代升级")
    assert not {n for n in entity_names(sent) if n.startswith(verbs)}, (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _ALL, r"(?:全程网|网上|掌上|首接首|跨域|远程|视频|见面)办", 10))
def test_office_verb_real_lines(report, sent, match):
    """办 after a mode of handling names no office."""
    assert match.group(0) not in entity_names(sent, "Agency"), (report, sent)
    assert not {n for n in entity_names(sent, "Agency") if n.endswith("网办")}, (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _ALL, r"“[\u4e00-\u9fff]{0,4}(?:速度|温度|力量|获得感|幸福感)”|“含[\u4e00-\u9fff]量”", 10))
def test_quality_metaphor_real_lines(report, sent, match):
    """A quoted quality is a metaphor, not a programme."""
    assert match.group(0).strip("“”") not in entity_names(sent, "Program"), (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _ALL + ("city-2024/济南.txt", "city-2024/青岛.txt", "city-2024/成都.txt", "city-2024/武汉.txt"),
    r"“(?:口袋|城市|银发|老年|零工|飞地|虚拟)(?:公园|书房|食堂|驿站|园区|客厅)”", 10))
def test_facility_class_real_lines(report, sent, match):
    """A quoted kind of facility names no programme, project or place."""
    assert match.group(0).strip("“”") not in entity_names(sent), (report, sent)
