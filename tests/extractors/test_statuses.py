"""Project statuses from review and plan clauses."""
from __future__ import annotations

import pytest

from extractors.ingest import read_document
from extractors.records import Entity, Mention
from extractors.statuses import find_statuses
from extractors.structure import annotate
from tests.conftest import SHARED


def _doc_with(tmp_path, body: str):
    path = tmp_path / "r.txt"
    path.write_text("各位代表：\n一、2023年工作回顾\n" + body + "\n二、2024年工作安排\n力推星河大桥建成通车。\n", encoding="utf-8")
    return annotate(read_document(path))


def _entity(doc, name, label="Project"):
    mentions = []
    start = doc.text.find(name)
    while start >= 0:
        mentions.append(Mention(start, start + len(name), name, label, "test", name))
        start = doc.text.find(name, start + 1)
    return Entity(name=name, type=label, mentions=mentions)


@pytest.mark.parametrize("body, name, expected", [
    ("云岭电池、启明光电等12个重点项目竣工投产。", "云岭电池", {("建成", 2023, "outcome"), ("投产", 2023, "outcome")}),
    ("松涛产业园一期等20个续建项目推进顺畅。", "松涛产业园一期", {("在建", 2023, "outcome")}),
    ("先后签约引进华瑞半导体等产业项目9个。", "华瑞半导体", {("签约", 2023, "outcome")}),
    ("青溪变电站启动建设。", "青溪变电站", {("开工", 2023, "outcome")}),
])
def test_status_review_clause(tmp_path, body, name, expected):
    doc = _doc_with(tmp_path, body)
    found = {(s.status, s.year, s.kind) for s in find_statuses(doc, [_entity(doc, name)])}
    assert expected <= found


def test_status_plan_part_is_plan_of_report_year(tmp_path):
    doc = _doc_with(tmp_path, "全年工作平稳。")
    found = {(s.project, s.status, s.year, s.kind) for s in find_statuses(doc, [_entity(doc, "星河大桥")])}
    assert ("星河大桥", "建成", 2024, "plan") in found


def test_status_needs_a_status_word(tmp_path):
    doc = _doc_with(tmp_path, "星河广场人流如织。")
    assert not [s for s in find_statuses(doc, [_entity(doc, "星河广场")]) if s.kind == "outcome"]


def test_status_hetang_gold_examples(hetang_path):
    from extractors.pipeline import extract_file

    statuses = {(s.project, s.status, s.year, s.kind) for s in extract_file(hetang_path).statuses}
    assert ("飞鹿高分子涂料", "投产", 2018, "outcome") in statuses
    assert ("青塘变电站", "开工", 2018, "outcome") in statuses


@pytest.mark.parametrize("clause, kind, expected", [
    ("飞鹿高分子涂料、朗润磁电科技等22个重点项目竣工投产", "outcome", ["建成", "投产"]),
    ("湖南建工集团装配式建筑基地即将竣工投产", "outcome", ["在建"]),
    ("顺利启动601中英文小学综合楼、红旗路小学改扩建", "outcome", ["开工"]),
    ("加快完成仙庾片区自来水管网等项目建设", "plan", ["建成"]),
    ("新建601幸福里等社区养老场所4处", "outcome", ["建成"]),
    ("启动芙蓉路等17条道路新建", "plan", ["开工"]),
    ("加快铁东路等20条道路续建", "plan", ["在建"]),
    ("群众满意度持续提升", "outcome", []),
])
def test_status_clause_rules(clause, kind, expected):
    from extractors.statuses import clause_stages

    assert clause_stages(clause, kind) == expected


# --- clause logic: which names a status word governs -------------------------------------------

def _found(doc, *names, label="Project"):
    entities = [_entity(doc, name, label) for name in names]
    return {(s.project, s.status, s.year, s.kind) for s in find_statuses(doc, entities)}


@pytest.mark.parametrize("body, names, present, absent", [
    # a status word before the list governs every name
    ("建成青枫广场驿站、白鹭停车场，新增车位80个。", ["青枫广场驿站", "白鹭停车场"],
     {("青枫广场驿站", "建成"), ("白鹭停车场", "建成")}, set()),
    # …等项目 + word after the list governs every name
    ("云杉大道、梧桐路等8条道路竣工通车。", ["云杉大道", "梧桐路"], {("云杉大道", "建成"), ("梧桐路", "建成")}, set()),
    # words inside items are local: 建设 is 星火药业生产线's, 引进 belongs to 人才
    ("加大对星火药业生产线建设、原料仓库技改、高层次人才引进等扶持力度。", ["星火药业生产线"],
     {("星火药业生产线", "在建")}, {("星火药业生产线", "签约")}),
    # a blocker after the names is the verb's object (land sale, demolition, investment)
    ("加快推进东湖路东侧A1、A2等商住地块出让。", ["东湖路"], set(), {("东湖路", "在建")}),
    ("加速完成锦云地产、跨线桥二期等项目征拆扫尾清零。", ["锦云地产", "跨线桥二期"], set(),
     {("锦云地产", "建成"), ("跨线桥二期", "建成")}),
    ("红枫商贸综合体项目当年完成投资6.1亿元。", ["红枫商贸综合体"], set(), {("红枫商贸综合体", "建成")}),
    ("加快松林电厂项目前期工作。", ["松林电厂"], set(), {("松林电厂", "在建")}),
    # a clause opening with a frame word names the means, not the works
    ("依托莲塘高速、青石路周边项目建设，谋划商贸集聚区发展。", ["莲塘高速", "青石路"], set(),
     {("莲塘高速", "在建"), ("青石路", "在建")}),
    # upgrading a running facility is no construction stage
    ("升级改造香溪农庄、龙湾庄园等田园综合体。", ["香溪农庄"], set(), {("香溪农庄", "在建")}),
    # an attributive 新建 yields to the predicate after it
    ("车站公厕等45座改建或新建公厕加速推进。", ["车站公厕"], {("车站公厕", "在建")}, {("车站公厕", "建成")}),
    # a plan reported in the review is no outcome
    ("力争年内建成白沙水厂。", ["白沙水厂"], set(), {("白沙水厂", "建成")}),
    # ASCII commas end clauses too
    ("建成奶牛养殖基地3.8万平方米,实现与雀巢公司合作。", ["雀巢公司"], set(), {("雀巢公司", "建成")}),
    # 基本完成 of a project's parts: still under way
    ("明镜湖一期蓄水和园林绿化基本完成。", ["明镜湖一期"], {("明镜湖一期", "在建")}, {("明镜湖一期", "建成")}),
    # a status word inside another name is not one (建设街道 is a place)
    ("推进建设街道安置房。", ["安置房"], {("安置房", "在建")}, set()),
])
def test_status_clause_governs_names(tmp_path, body, names, present, absent):
    doc = _doc_with(tmp_path, body)
    entities = [_entity(doc, name) for name in names]
    if "建设街道" in body:
        entities.append(_entity(doc, "建设街道", "Place"))
    found = {(s.project, s.status) for s in find_statuses(doc, entities) if s.kind == "outcome"}
    assert present <= found
    assert not (absent & found)


@pytest.mark.parametrize("body, expected", [
    ("确保青山体育馆2024年投入使用。", ("青山体育馆", "投产", 2024, "plan")),
])
def test_status_year_written_in_clause(tmp_path, body, expected):
    path = tmp_path / "r.txt"
    path.write_text("各位代表：\n一、2022年工作回顾\n全年平稳。\n二、2023年工作安排\n" + body + "\n", encoding="utf-8")
    doc = annotate(read_document(path))
    assert expected in _found(doc, "青山体育馆")


def test_status_company_owning_works_gets_none(tmp_path):
    doc = _doc_with(tmp_path, "加快推进森工集团棚户区改造二期工程建设。")
    assert not _found(doc, "森工集团", label="Company")


def test_status_square_place_built(tmp_path):
    doc = _doc_with(tmp_path, "建成红枫广场、白鹭停车场。")
    assert ("红枫广场", "建成", 2023, "outcome") in _found(doc, "红枫广场", label="Place")


@pytest.mark.parametrize("report, sentence_start, names, absent", [
    ("hetang-2019.txt", "加大对千金湘药", ["千金湘药新药生产线"], ("千金湘药新药生产线", "签约")),
    ("hetang-2019.txt", "进一步盘活园区周边", ["东环北路"], ("东环北路", "在建")),
    ("hetang-2019.txt", "依托莲株高速", ["莲株高速", "建宁港路"], ("莲株高速", "在建")),
    ("hetang-2019.txt", "完成株洲青商会", ["香荷生态农庄", "龙溪庄园"], ("香荷生态农庄", "在建")),
    ("hailar-2017.txt", "建成奶牛集中养殖基地", ["雀巢公司"], ("雀巢公司", "建成")),
    ("hailar-2016.txt", "总投资30亿元的红星美凯龙", ["红星美凯龙城市商贸综合体"], ("红星美凯龙城市商贸综合体", "建成")),
    ("hailar-2018.txt", "坚持以打造", ["哈克文化特色小镇"], ("哈克文化特色小镇", "在建")),
    # a measured name is a class of works (管网71公里, 基地79.33万亩, “索改桥”7座)
    ("meishan-2024.txt", "改造城镇燃气老旧管网", ["城镇燃气老旧管网"], ("城镇燃气老旧管网", "在建")),
    ("ganzi-2024.txt", "建成现代高原特色农牧业基地", ["现代高原特色农牧业基地"], ("现代高原特色农牧业基地", "建成")),
    ("../archive/city-2024/永州.txt", "新建改建供水管网", ["雨污管网"], ("雨污管网", "建成")),
    # a counted name is a class of works (10个X, 313个X)
    ("meishan-2024.txt", "学习运用", ["农商文旅综合体"], ("农商文旅综合体", "开工")),
    ("../archive/city-2024/武汉.txt", "民航武汉区域管制中心", ["城建交通项目"], ("城建交通项目", "开工")),
    # a name inside a title is no work (编制完成《…景区总体规划》)
    ("ganzi-2024.txt", "编制完成《康巴文化", ["天龙湖景区"], ("天龙湖景区", "建成")),
    # a title sought is no works: 创建 after a name blocks the verb, the name after 创建 is the title
    ("../archive/city-2024/河池.txt", "加快中医药民族医药", ["市中医医院"], ("市中医医院", "在建")),
    ("../archive/city-2024/河池.txt", "加快中医药民族医药", ["中医药特色医养结合示范基地"],
     ("中医药特色医养结合示范基地", "在建")),
    # 具备开工条件 is no start yet
    ("../archive/city-2024/河池.txt", "黔桂铁路增建二线", ["黔桂铁路"], ("黔桂铁路", "开工")),
    # a status word in the class noun after 等 yields to the clause's predicate (…等新签约项目57个)
    ("meishan-2024.txt", "开工建设胜华二期", ["胜华二期"], ("胜华二期", "签约")),
])
def test_status_real_lines_without_misfires(corpus_dir, report, sentence_start, names, absent):
    doc = annotate(read_document(corpus_dir / report))
    entities = [_entity(doc, name) for name in names]
    found = {(s.project, s.status) for s in find_statuses(doc, entities) if s.evidence.sentence.startswith(sentence_start)}
    assert absent not in found


@pytest.mark.parametrize("report, sentence_start, names, present", [
    ("hetang-2019.txt", "加大对千金湘药", ["千金湘药新药生产线"], ("千金湘药新药生产线", "在建")),
    ("hetang-2019.txt", "明照湖一期蓄水", ["明照湖一期"], ("明照湖一期", "在建")),
    ("hailar-2017.txt", "投资4.7亿元", ["学府路过街天桥", "海宝公路"], ("海宝公路", "建成")),
    # 投运 / 投入运营 / 开馆 / 营业 put works in operation
    ("ganzi-2024.txt", "G318线世界首条", ["稻城桑堆综合服务站"], ("稻城桑堆综合服务站", "投产")),
    ("meishan-2024.txt", "成都都市圈南部", ["虎渡溪航电"], ("虎渡溪航电", "投产")),
    # a class noun's own word yields (…一期等新建项目87个 after 加快推进 → 在建, not 开工)
    ("meishan-2024.txt", "开工建设胜华二期", ["天奈正极材料一期"], ("天奈正极材料一期", "在建")),
    # a capacity (200万吨) is no count of works
    ("../archive/city-2024/北海.txt", "聚焦铝产业建链", ["广投北海绿色生态铝一期"], ("广投北海绿色生态铝一期", "在建")),
])
def test_status_real_lines_found(corpus_dir, report, sentence_start, names, present):
    doc = annotate(read_document(corpus_dir / report))
    entities = [_entity(doc, name) for name in names]
    found = {(s.project, s.status) for s in find_statuses(doc, entities) if s.evidence.sentence.startswith(sentence_start)}
    assert present in found


@pytest.mark.parametrize("report, sentence_start, name, present", [
    ("meishan-2024.txt", "引进天津大学", "天齐锂业创新实验研究院", ("天齐锂业创新实验研究院", "在建")),
    ("jiangxi-2026.txt", "围绕科技创新、产业需求育人", "江西高等研究院", ("江西高等研究院", "在建")),
])
def test_status_research_institute_built(corpus_dir, report, sentence_start, name, present):
    """A research institute (…研究院) being built is works, like a school or a hospital."""
    doc = annotate(read_document(corpus_dir / report))
    found = {(s.project, s.status) for s in find_statuses(doc, [_entity(doc, name, "Agency")])
             if s.evidence.sentence.startswith(sentence_start)}
    assert present in found


# --- works named only by their status clause (issue 9) --------------------------------------------

def _works(report: str, sentence_start: str) -> set[str]:
    from extractors.statuses import works_named_by_status

    doc = annotate(read_document(SHARED / report))
    sentence = next(s for s in doc.sentences if s.text.startswith(sentence_start))
    return {e.name for e in works_named_by_status(doc, [])
            if any(sentence.start <= m.start < sentence.end for m in e.mentions)}


@pytest.mark.parametrize("report, sentence_start, expected", [
    # the object of a leading status verb, one name or a 、-list
    ("corpus/meishan-2024.txt", "编制完成《眉山市天府水网建设规划》", {"喜鹊寺水库"}),
    ("archive/city-2024/沈阳.txt", "完善信息基础设施", {"中国电信智算中心"}),
    ("archive/city-2024/武汉.txt", "启动建设武汉文学馆", {"武汉广电全媒体中心"}),
    # the subject of a status predicate, with its neighbours in the list
    ("corpus/ganzi-2024.txt", "G318线世界首条", {"理塘游客集散中心"}),
    ("archive/city-2024/永州.txt", "永州首衡国际农产品交易中心", {"永州首衡国际农产品交易中心"}),
    ("corpus/hetang-2019.txt", "全面推动“厕所革命”", {"华晨东方时代广场"}),
    # a weak frame (加快…建设) names works only as items of a list (X等农业项目)
    ("corpus/laibin-2024.txt", "加快金陵国家级生猪", {"金陵国家级生猪全产业链示范园"}),
])
def test_status_works_named_by_their_clause(report, sentence_start, expected):
    assert expected <= _works(report, sentence_start)


@pytest.mark.parametrize("report, sentence_start, absent", [
    # a counted or measured list is classes of works (建成X2个、A和B15个)
    ("archive/city-2024/凉山.txt", "州本级财政科技投入增长", "工程技术研究中心"),
    ("corpus/meishan-2024.txt", "建成养老服务综合体", "养老服务综合体"),
    # a role the city plays is no works (加快建设区域金融中心)
    ("archive/city-2024/武汉.txt", "加快建设区域金融中心", "区域金融中心"),
    # a bare kind before the head is no name (体育公园)
    ("corpus/meishan-2024.txt", "城市新中心南都会核心区初具规模", "体育公园"),
    # a weak frame without its leading status verb names no works (提速城市新中心建设)
    ("corpus/meishan-2024.txt", "提速城市新中心建设", "提速城市新中心"),
    # two works joined by 和 are no one name (A站和B站站前广场)
    ("archive/city-2024/宜宾.txt", "渝昆高铁宜宾站和宜宾东站", "渝昆高铁宜宾站和宜宾东站站前广场"),
    # a title sought is no works (三苏祠博物馆创建国家一级博物馆)
    ("corpus/meishan-2024.txt", "大力传承弘扬三苏文化", "三苏祠博物馆创建国家一级博物馆"),
])

def test_status_works_not_classes(report, sentence_start, absent):
    assert absent not in _works(report, sentence_start)


def test_status_works_see_no_status_word_inside_a_name(corpus_dir):
    """投产 inside 国投产业园 (a name found by another rule) is no status word: the list names no works."""
    from extractors.pipeline import extract_file
    from extractors.statuses import WORKS_RULE

    extraction = extract_file(corpus_dir / "tianmen-2024.txt")
    assert not [e.name for e in extraction.entities if e.name.endswith("电商基地")
                and any(m.rule == WORKS_RULE for m in e.mentions)]


@pytest.mark.parametrize("report, sentence_start, present", [
    # a list item written without its shared head takes the full name the report also writes
    ("ganzi-2024.txt", "雅砻江流域清洁能源走廊", ("孟底沟水电站", "在建")),
    # a clause's 恢复营业 puts the works back in operation
    ("ganzi-2024.txt", "推动海螺沟景区恢复提升", ("贡嘎神汤酒店", "投产")),
])
def test_status_real_reports_found(corpus_dir, report, sentence_start, present):
    from extractors.pipeline import extract_file

    found = {(s.project, s.status) for s in extract_file(corpus_dir / report).statuses
             if s.evidence.sentence.startswith(sentence_start)}
    assert present in found


@pytest.mark.parametrize("report, sentence_start, absent", [
    ("ganzi-2024.txt", "抓好引大济岷工程服务保障", ("引大济岷工程", "在建")),  # service support of the works
    ("ganzi-2024.txt", "推动海螺沟景区恢复提升", ("海螺沟景区", "在建")),  # a scenic area restored, no works
    ("jiangxi-2026.txt", "规模以上工业企业接近2万家", ("中国稀土集团", "签约")),  # a firm brought in, no project
    # a project named right before a longer works qualifies it (天府大道科创走廊, G318线…超充走廊, …指挥中心)
    ("meishan-2024.txt", "深度融入西部", ("天府大道", "在建")),
    ("ganzi-2024.txt", "G318线世界首条", ("G318线", "在建")),
    ("../archive/city-2024/桂林.txt", "数字漓江5G项目可视化指挥中心", ("数字漓江5G项目", "建成")),
    # a name in brackets inside a longer name is a gloss (国家区域医疗中心（省儿童医院）二期)
    ("meishan-2024.txt", "提速城市新中心建设", ("省儿童医院", "在建")),
])
def test_status_real_reports_without_misfires(corpus_dir, report, sentence_start, absent):
    from extractors.pipeline import extract_file

    found = {(s.project, s.status) for s in extract_file(corpus_dir / report).statuses
             if s.evidence.sentence.startswith(sentence_start)}
    assert absent not in found


# --- opening and near-completion words (开通, 建成开放, 对外开放, 开诊, 开校, 通水, 达产, 启用; 封顶) -----------

@pytest.mark.parametrize("report, sentence_start, names, present", [
    # a line opened to traffic is completed (开通 like 通车); 运营/运行 after it puts it in operation
    ("../archive/city-2024/北京.txt", "京雄高速全线通车", ["津兴城际铁路"], ("津兴城际铁路", "建成")),
    ("../archive/city-2024/北京.txt", "南苑森林湿地公园等一批", ["南苑森林湿地公园"], ("南苑森林湿地公园", "投产")),
    ("../archive/city-2024/杭州.txt", "深化宋韵文化传世工程", ["吴越文化博物馆"], ("吴越文化博物馆", "投产")),
    ("../archive/city-2024/天津.txt", "强化重大项目、重点企业支撑带动", ["联想创新产业园"], ("联想创新产业园", "投产")),
    ("../archive/city-2024/晋城.txt", "抓好“大水网”建设", ["张峰调水供水工程"], ("张峰调水供水工程", "建成")),
    ("../archive/city-2024/芜湖.txt", "实施长江生态廊道造林绿化工程", ["惠生联圩生态公园"], ("惠生联圩生态公园", "投产")),
    ("../archive/city-2024/潜江.txt", "希尔顿酒店开业运营", ["万达广场"], ("万达广场", "在建")),
    ("meishan-2024.txt", "8.实施基础教育补短提质工程", ["川大眉山校区"], ("川大眉山校区", "投产")),
    # 具备通车条件: nearly done, still under way
    ("../archive/city-2024/池州.txt", "力争池黄高铁池州段具备通车条件", ["池黄高铁"], ("池黄高铁", "在建")),
])
def test_status_opening_words_found(corpus_dir, report, sentence_start, names, present):
    doc = annotate(read_document(corpus_dir / report))
    entities = [_entity(doc, name) for name in names]
    found = {(s.project, s.status) for s in find_statuses(doc, entities) if s.evidence.sentence.startswith(sentence_start)}
    assert present in found


@pytest.mark.parametrize("report, sentence_start, names, absent", [
    ("laibin-2024.txt", "充分发挥桂中治旱工程通水优势", ["桂中治旱工程"], ("桂中治旱工程", "建成")),  # 通水 as an asset
    ("../archive/city-2024/绵阳.txt", "南郊机场开通航线", ["南郊机场"], ("南郊机场", "建成")),  # routes opened, no works
    ("../archive/city-2024/雅安.txt", "开通雅州大道公交专线", ["雅州大道"], ("雅州大道", "建成")),  # a bus line on a road
    ("../archive/city-2024/芜湖.txt", "实施长江生态廊道造林绿化工程", ["惠生联圩生态公园"],
     ("惠生联圩生态公园", "开工")),  # 启动区 is a part of the park, no start
    ("../archive/city-2024/池州.txt", "力争池黄高铁池州段具备通车条件", ["池黄高铁"], ("池黄高铁", "建成")),
])
def test_status_opening_words_without_misfires(corpus_dir, report, sentence_start, names, absent):
    doc = annotate(read_document(corpus_dir / report))
    entities = [_entity(doc, name) for name in names]
    found = {(s.project, s.status) for s in find_statuses(doc, entities) if s.evidence.sentence.startswith(sentence_start)}
    assert absent not in found



@pytest.mark.parametrize("report, sentence_start, names, absent", [
    # a five-year look-back (五年来…) or a plan period (“十五五”时期…) states no status of one year
    ("sichuan-2026.txt", "乌东德、白鹤滩等14座", ["乌东德"], ("乌东德", "建成")),
    ("../archive/province-2026/宁夏回族自治区.txt", "中兰高铁、乌玛高速", ["中兰高铁"], ("中兰高铁", "开工")),
    ("../archive/province-2026/宁夏回族自治区.txt", "积极推进黄河黑山峡", ["黄河黑山峡水利枢纽工程"],
     ("黄河黑山峡水利枢纽工程", "在建")),
])
def test_status_none_from_several_years(corpus_dir, report, sentence_start, names, absent):
    doc = annotate(read_document(corpus_dir / report))
    entities = [_entity(doc, name) for name in names]
    found = {(s.project, s.status) for s in find_statuses(doc, entities) if s.evidence.sentence.startswith(sentence_start)}
    assert absent not in found


@pytest.mark.parametrize("report, sentence_start, name, label, absent", [
    # 发展 after a name is another object of the verb (…融合发展, …高端商圈发展): no construction
    ("jiangxi-2026.txt", "加快文化强省建设", "长征国家文化公园（江西段）", "Project", ("长征国家文化公园（江西段）", "在建")),
    ("hetang-2019.txt", "以株洲火车站", "中央商务区", "Place", ("中央商务区", "在建")),
])
def test_status_development_is_no_construction(corpus_dir, report, sentence_start, name, label, absent):
    doc = annotate(read_document(corpus_dir / report))
    found = {(s.project, s.status) for s in find_statuses(doc, [_entity(doc, name, label)])
             if s.evidence.sentence.startswith(sentence_start)}
    assert absent not in found


@pytest.mark.parametrize("report, sentence_start, name, label, present", [
    # …等产业发展项目 is the class the works belong to, not development
    ("ganzi-2024.txt", "推动海螺沟景区", "海螺沟游客中心", "Project", ("海螺沟游客中心", "建成")),
    # a business district or resort being built is works though the entity layer calls it a place
    ("meishan-2024.txt", "提速城市新中心", "中央商务区", "Place", ("中央商务区", "开工")),
    ("../archive/city-2024/安顺.txt", "抓好大明屯堡旅游度假区建设", "大明屯堡旅游度假区", "Place",
     ("大明屯堡旅游度假区", "在建")),
])
def test_status_works_places_and_class_nouns(corpus_dir, report, sentence_start, name, label, present):
    doc = annotate(read_document(corpus_dir / report))
    found = {(s.project, s.status) for s in find_statuses(doc, [_entity(doc, name, label)])
             if s.evidence.sentence.startswith(sentence_start)}
    assert present in found


@pytest.mark.parametrize("report, sentence_start, name, expected", [
    # a clause that only goes on with the list (B等300个…项目) keeps the leading verb of the clause before it
    ("../archive/city-2024/武汉.txt", "新开工奕", "大全电磁能", {("大全电磁能", "开工")}),
    ("../archive/city-2024/广安.txt", "完成川渝", "川渝科创基地", {("川渝科创基地", "在建")}),
    # a clause with its own verb (实施 A、B等5个…项目) takes nothing from the clause before
    ("../archive/city-2024/成都.txt", "提质轨道", "通江大道", set()),
])
def test_status_list_goes_on_after_a_comma(corpus_dir, report, sentence_start, name, expected):
    doc = annotate(read_document(corpus_dir / report))
    found = {(s.project, s.status) for s in find_statuses(doc, [_entity(doc, name)])
             if s.evidence.sentence.startswith(sentence_start)}
    assert found == expected


@pytest.mark.parametrize("report, sentence_start, name, present, absent", [
    # 开通在即: about to open, still under way
    ("../archive/city-2024/无锡.txt", "加速推", "锡澄S1线", ("锡澄S1线", "在建"), ("锡澄S1线", "建成")),
    # a list that goes on with its own predicate (…等6个项目列入…) takes no verb from the clause before
    ("../archive/city-2024/盐城.txt", "实际使", "立铠", None, ("立铠", "投产")),
    # 发展 inside a centre's name (国际赛马发展中心) is no other object of the verb
    ("../archive/city-2024/广州.txt", "推动番禺", "从化马场二期", ("从化马场二期", "在建"), None),
    # the construction of the works is what is served (X建设服务保障), unlike X服务保障 (引大济岷工程)
    ("../archive/city-2024/乌鲁木齐.txt", "积极推进“两区”建设", "怀柔实验室新疆基地", ("怀柔实验室新疆基地", "在建"), None),
])
def test_status_family_edges(corpus_dir, report, sentence_start, name, present, absent):
    doc = annotate(read_document(corpus_dir / report))
    found = {(s.project, s.status) for s in find_statuses(doc, [_entity(doc, name)])
             if s.evidence.sentence.startswith(sentence_start)}
    assert present is None or present in found
    assert absent is None or absent not in found



@pytest.mark.parametrize("report, sentence_start, name, present, absent", [
    # a frame (依托X) names the means up to the specific verb after it; the names after that verb are works
    ("../archive/city-2024/凉山.txt", "科学统筹水风光氢", "卡拉", ("卡拉", "在建"), None),
    # a verb right after the frame is part of the aim (围绕建成X…中心): no status
    ("../archive/city-2024/毕节.txt", "围绕建成黔滇川", "黔滇川结合部区域性重要商贸物流中心", None,
     ("黔滇川结合部区域性重要商贸物流中心", "建成")),
    ("hetang-2019.txt", "依托莲株高速", "莲株高速", None, ("莲株高速", "在建")),
])
def test_status_after_a_frame(corpus_dir, report, sentence_start, name, present, absent):
    doc = annotate(read_document(corpus_dir / report))
    found = {(s.project, s.status) for s in find_statuses(doc, [_entity(doc, name)])
             if s.evidence.sentence.startswith(sentence_start)}
    assert present is None or present in found
    assert absent is None or absent not in found


@pytest.mark.parametrize("report, sentence_start, name, present, absent", [
    # a blocker inside the class noun after 等 describes the class (等6个投资超十亿元项目, 等重大招商引资项目)
    ("../archive/city-2024/菏泽.txt", "加快曹县石墨烯快充", "曹县石墨烯快充", ("曹县石墨烯快充", "在建"), None),
    ("../archive/city-2024/林芝.txt", "加快东方电气林芝产研基地", "东方电气林芝产研基地",
     ("东方电气林芝产研基地", "开工"), None),
    # …unless it is an upgrade of running works (等6个气化升级改造项目)
    ("../archive/city-2024/晋城.txt", "煤化工产业", "兰花科创", None, ("兰花科创", "在建")),
])
def test_status_blocker_in_a_class_noun(corpus_dir, report, sentence_start, name, present, absent):
    doc = annotate(read_document(corpus_dir / report))
    found = {(s.project, s.status) for s in find_statuses(doc, [_entity(doc, name)])
             if s.evidence.sentence.startswith(sentence_start)}
    assert present is None or present in found
    assert absent is None or absent not in found


def test_inside_taken_is_the_scan_of_every_mention():
    """works_named_by_status asks whether a mention holds an item by one binary search over the sorted
    mentions and the running max of their ends: the same answer as scanning them all (nested, equal, touching,
    empty and out-of-range spans)."""
    import random
    from itertools import accumulate

    from extractors.statuses import _inside_taken

    rng = random.Random(7)
    for _ in range(300):
        taken = sorted((s, s + rng.randint(0, 12)) for s in (rng.randint(0, 60) for _ in range(rng.randint(0, 15))))
        starts = [s for s, _e in taken]
        reach = list(accumulate((e for _s, e in taken), max))
        for _ in range(20):
            a = rng.randint(-2, 75)
            b = a + rng.randint(0, 10)
            assert _inside_taken(starts, reach, a, b) == any(ts <= a and b <= te for ts, te in taken)


# one scan of a document's status words stands for the scans of its clauses (what both status passes rely on)
@pytest.mark.parametrize("report", ["hetang-2019.txt", "hailar-2018.txt", "sichuan-2026.txt", "ganzi-2024.txt"])
def test_status_word_scan_finds_in_each_clause_what_the_clause_alone_finds(corpus_dir, report):
    from extractors.statuses import _CLAUSE, _word_scan, stage_words

    path = corpus_dir / report
    if not path.exists():
        pytest.skip(f"{report} not in the corpus")
    doc = annotate(read_document(path))
    vocab = stage_words()
    scan = _word_scan(doc.text, vocab)
    clauses = 0
    for sentence in doc.sentences:
        for clause in _CLAUSE.finditer(sentence.text):
            start, end = sentence.start + clause.start(), sentence.start + clause.end()
            alone = [(m.start(), m.end(), m.group(0)) for m in vocab.pattern.finditer(clause.group(0))]
            assert scan.within(start, end) == alone
            assert scan.any_in(start, end) == bool(alone)
            clauses += bool(alone)
            # (find_statuses reads a clause's first 8 characters alone only where the scan has a word starting there)
            if not scan.any_in(start, start + 8):
                assert not vocab.pattern.search(clause.group(0)[:8])
    assert clauses > 20  # the report has status clauses at all


def test_status_words_hold_no_clause_end():
    from extractors.statuses import _CLAUSE_BREAK, stage_words

    vocab = stage_words()
    assert vocab.scanner is not None
    assert not [word for word in vocab.scanner[1] if _CLAUSE_BREAK.search(word)]


# --- the status passes' shortcuts (issue 14): each gives what the longer way gives ------------------------------

def test_status_clauses_found_by_runs_are_the_clauses_found_char_by_char(corpus_dir):
    """_CLAUSE takes a run of clause characters at a time: the same clauses as one alternation per character,
    a comma between digits (1,200) staying inside its clause, at the start and end of a sentence too."""
    import re

    from extractors.statuses import _CLAUSE

    char_by_char = re.compile(r"(?:[^，；。！？\n,;]|(?<=\d),(?=\d))+")
    sentences = [s.text for p in sorted(corpus_dir.glob("*.txt"))[:4] for s in annotate(read_document(p)).sentences]
    sentences += ["1,200亿元，建成A、B", ",1,2,,3,", "12,", ",34", "建成；投产。开工！在建？签约\n竣工", ""]
    assert len(sentences) > 1000
    for text in sentences:
        assert [m.span() for m in _CLAUSE.finditer(text)] == [m.span() for m in char_by_char.finditer(text)], text


@pytest.mark.parametrize("report", ["hetang-2019.txt", "meishan-2024.txt", "ganzi-2024.txt", "laibin-2024.txt"])
def test_status_works_skip_only_clauses_without_a_specific_word_or_frame(corpus_dir, report, monkeypatch):
    """works_named_by_status skips a sentence or clause with no specific status word (and no status word in the
    frame 加快…建设) before making its masks and tokens: the works found are those found when every clause is read
    (the shortcut turned off), and the stretches of several years passed in change nothing either."""
    from extractors.statuses import _WordScan, works_named_by_status
    from extractors.structure import multi_year_spans

    path = corpus_dir / report
    if not path.exists():
        pytest.skip(f"{report} not in the corpus")
    doc = annotate(read_document(path))
    quick = works_named_by_status(doc, [], several=multi_year_spans(doc))
    monkeypatch.setattr(_WordScan, "any_specific_in", lambda self, start, end: True)
    assert quick == works_named_by_status(doc, [])
    assert quick  # the report names works in its status clauses


def test_status_specific_words_of_the_scan(corpus_dir):
    """any_specific_in finds the words of the scan that are status words neither weak nor decoys."""
    from extractors.statuses import _CLAUSE, _word_scan, stage_words

    doc = annotate(read_document(corpus_dir / "hetang-2019.txt"))
    vocab = stage_words()
    assert vocab.specific and vocab.specific <= set(vocab.words) and not vocab.specific & vocab.decoys
    assert not [word for word in vocab.specific if vocab.words[word].weak]
    scan = _word_scan(doc.text, vocab)
    answers = set()
    for sentence in doc.sentences:
        for clause in _CLAUSE.finditer(sentence.text):
            start, end = sentence.start + clause.start(), sentence.start + clause.end()
            expected = any(word in vocab.specific for _s, _e, word in scan.within(start, end))
            assert scan.any_specific_in(start, end) == expected
            answers.add(expected)
    assert answers == {True, False}


def test_status_part_of_a_section_is_the_part_at_its_offsets(corpus_dir):
    from extractors.statuses import _part_of

    for path in sorted(corpus_dir.glob("*.txt"))[:4]:
        doc = annotate(read_document(path))
        for offset in range(0, len(doc.text), 97):
            assert _part_of(doc, doc.section_at(offset)) is doc.part_at(offset)


@pytest.mark.parametrize("report", ["ganzi-2024.txt", "hetang-2019.txt", "jiangxi-2026.txt", "meishan-2024.txt"])
def test_sentences_with_words_are_the_sentences_the_test_of_each_keeps(corpus_dir, report):
    """works_named_by_status reads the sentences _sentences_with_words finds from the scan's offsets: the same
    sentences, in the same order, as the test of every sentence (a specific word, or 建设 and any word)."""
    from extractors.statuses import _sentences_with_words, _word_scan, stage_words

    doc = annotate(read_document(corpus_dir / report))
    vocab = stage_words()
    scan = _word_scan(doc.text, vocab)
    ends = vocab.works_frame_end
    expected = [s for s in doc.sentences if scan.any_specific_in(s.start, s.end) or
                (any(end in s.text for end in ends) and scan.any_in(s.start, s.end))]
    assert _sentences_with_words(doc, scan, ends) == expected
    assert 0 < len(expected) < len(doc.sentences)


def test_longer_names_pairs_each_project_with_the_longer_ones_ending_with_it():
    from extractors.statuses import _longer_names

    entities = [Entity(name, "Project") for name in ("S5线", "市域铁路S5线", "路S5线", "S5", "铁路", "南昌铁路", "线")]
    entities.append(Entity("市域铁路S5线", "Place"))  # (only projects count)
    assert _longer_names(entities) == {"S5线": ["路S5线", "市域铁路S5线"], "线": ["S5线", "路S5线", "市域铁路S5线"],
                                       "路S5线": ["市域铁路S5线"], "铁路": ["南昌铁路"]}
