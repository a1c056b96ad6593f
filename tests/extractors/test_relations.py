"""Relation rules: LOCATED_IN and PART_OF stated by the words around places, with evidence."""
from __future__ import annotations

import pytest

from extractors.ingest import read_document
from extractors.records import Entity, Mention
from extractors.relations import find_relations
from extractors.structure import annotate


def _doc(tmp_path, body: str):
    path = tmp_path / "r.txt"
    path.write_text("各位代表：\n一、2023年工作回顾\n" + body + "\n", encoding="utf-8")
    return annotate(read_document(path))


_DEFAULT_RULES = {"Place": "place-test", "Company": "company-company"}


def _entity(doc, name, label, forms=(), rule=None):
    """An entity with a mention at every occurrence of its name and ``forms``; ``rule`` names the
    rule that found it (a place suffix rule and a firm cue by default)."""
    rule = rule or _DEFAULT_RULES.get(label, "test")
    mentions = []
    for form in (name, *forms):
        start = doc.text.find(form)
        while start >= 0:
            mentions.append(Mention(start, start + len(form), form, label, rule, name))
            start = doc.text.find(form, start + 1)
    return Entity(name=name, type=label, mentions=sorted(mentions, key=lambda m: m.start))


def _edges(doc, spec, types=("LOCATED_IN", "PART_OF", "BUILDS")):
    entities = [_entity(doc, *item) for item in spec]
    return {(r.source, r.type, r.target) for r in find_relations(doc, entities, types=types)}


@pytest.mark.parametrize("body, spec, expected", [
    # holders before 落户/位于 + a place, the whole list
    ("新材料产业园、锦纶丝产业园等一批重大项目落户青川。",
     [("新材料产业园", "Project"), ("锦纶丝产业园", "Project"), ("青川", "Place")],
     {("Project:新材料产业园", "LOCATED_IN", "Place:青川"), ("Project:锦纶丝产业园", "LOCATED_IN", "Place:青川")}),
    # 在 + place + 建设 + holder
    ("在金湾新城建设智能装备产业园。", [("金湾新城", "Place"), ("智能装备产业园", "Project")],
     {("Project:智能装备产业园", "LOCATED_IN", "Place:金湾新城")}),
    # place + 的 + holder
    ("金湾新城的智能装备产业园加快建设。", [("金湾新城", "Place"), ("智能装备产业园", "Project")],
     {("Project:智能装备产业园", "LOCATED_IN", "Place:金湾新城")}),
    # a place directly followed by a list of companies
    ("引导东风片区华腾机械、远达能源等企业提质升级。",
     [("东风片区", "Place"), ("华腾机械", "Company"), ("远达能源", "Company")],
     {("Company:华腾机械", "LOCATED_IN", "Place:东风片区"), ("Company:远达能源", "LOCATED_IN", "Place:东风片区")}),
    # a project named after a place lies in it
    ("推进青川新区污水管网建设。", [("青川新区", "Place"), ("青川新区污水管网", "Project")],
     {("Project:青川新区污水管网", "LOCATED_IN", "Place:青川新区")}),
    # the last place in a name is the site, not the investor's home region
    ("新疆鼎泰青川煤炭储备基地加快建设。",
     [("新疆", "Place", (), "place-province-short"), ("青川", "Place", (), "place-gazetteer-short"), ("新疆鼎泰青川煤炭储备基地", "Project")],
     {("Project:新疆鼎泰青川煤炭储备基地", "LOCATED_IN", "Place:青川")}),
    # a city at the head of its metropolitan area is part of it, not the other way round
    ("推进南湾都市圈建设。", [("南湾", "Place", (), "place-gazetteer-short"), ("南湾都市圈", "Place", (), "place-metro-area")],
     {("Place:南湾", "PART_OF", "Place:南湾都市圈")}),
    # a firm with a firm cue at the head of a facility's name builds it
    ("华腾机械集团智能装备产业园开工。",
     [("华腾机械集团", "Company", (), "company-group"), ("华腾机械集团智能装备产业园", "Project")],
     {("Company:华腾机械集团", "BUILDS", "Project:华腾机械集团智能装备产业园")}),
    # a facility's name shows its head to be a firm: a capacity follows it
    ("推进龙腾6万吨海绵钛项目。", [("龙腾", "Company", (), "firm-in-facility"), ("龙腾6万吨海绵钛", "Project")],
     {("Company:龙腾", "BUILDS", "Project:龙腾6万吨海绵钛")}),
    # a firm + 投资建设 + a project
    ("华腾集团投资建设智能装备产业园、精密铸造中心。",
     [("华腾集团", "Company", (), "company-group"), ("智能装备产业园", "Project"), ("精密铸造中心", "Project")],
     {("Company:华腾集团", "BUILDS", "Project:智能装备产业园"), ("Company:华腾集团", "BUILDS", "Project:精密铸造中心")}),
    # a project + 由 + a firm + 承建
    ("青川大桥由华腾集团承建。", [("华腾集团", "Company", (), "company-group"), ("青川大桥", "Project")],
     {("Company:华腾集团", "BUILDS", "Project:青川大桥")}),
    # a written form of the place (海东 for 海东省) starts the name
    ("加快海东大学新校区建设。", [("海东省", "Place", ("海东",)), ("海东大学新校区", "Project")],
     {("Project:海东大学新校区", "LOCATED_IN", "Place:海东省")}),
    # a place right after the company in a project's name
    ("华腾机械青川制造基地开工。", [("华腾机械", "Company"), ("青川", "Place", (), "place-gazetteer-short"), ("华腾机械青川制造基地", "Project")],
     {("Project:华腾机械青川制造基地", "LOCATED_IN", "Place:青川")}),
    # a place followed by a lower-level place contains it
    ("与乌兰市松岭区建立友城关系。", [("乌兰市", "Place"), ("松岭区", "Place")],
     {("Place:松岭区", "PART_OF", "Place:乌兰市")}),
    # 和 inside one name is no list (协和)
    ("协和青川基地建设顺利推进。", [("青川", "Place", (), "place-gazetteer-short"), ("协和青川基地", "Project")],
     {("Project:协和青川基地", "LOCATED_IN", "Place:青川")}),
    # a place named after a place is part of it
    ("青川新区加快发展。", [("青川", "Place"), ("青川新区", "Place")], {("Place:青川新区", "PART_OF", "Place:青川")}),
])
def test_relation_rules_find(tmp_path, body, spec, expected):
    assert expected <= _edges(_doc(tmp_path, body), spec)


@pytest.mark.parametrize("body, spec, unexpected", [
    # two peer cities without level words: no containment
    ("支持赣州吉安联动发展。", [("赣州", "Place"), ("吉安", "Place")], ("Place:吉安", "PART_OF", "Place:赣州")),
    # a river named after a town is not part of it
    ("治理青川河。", [("青川", "Place"), ("青川河", "Place")], ("Place:青川河", "PART_OF", "Place:青川")),
    # a project on a river is not in the river, nor in the town the river is named after
    ("推进青川河下段治理。", [("青川", "Place"), ("青川河", "Place"), ("青川河下段治理", "Project")],
     ("Project:青川河下段治理", "LOCATED_IN", "Place:青川")),
    ("推进青川河下段治理。", [("青川", "Place"), ("青川河", "Place"), ("青川河下段治理", "Project")],
     ("Project:青川河下段治理", "LOCATED_IN", "Place:青川河")),
    ("长河国贸大厦开业。", [("长河", "Place", (), "place-major-water"), ("长河国贸大厦", "Project")],
     ("Project:长河国贸大厦", "LOCATED_IN", "Place:长河")),
    # a road named after a city is not in that city
    ("广陵路建成通车。", [("广陵", "Place", (), "place-gazetteer-short"), ("广陵路", "Project")],
     ("Project:广陵路", "LOCATED_IN", "Place:广陵")),
    # a place whose mentions name two divisions (长青县 with 长青市) does not say which one 长青 is
    ("长青智谷加快建设。", [("长青县", "Place", ("长青市", "长青"), "place-gazetteer"), ("长青智谷", "Project")],
     ("Project:长青智谷", "LOCATED_IN", "Place:长青县")),
    # a metropolitan area or an economic belt is not part of its city or river
    ("推进南湾都市圈建设。", [("南湾", "Place", (), "place-gazetteer-short"), ("南湾都市圈", "Place", (), "place-metro-area")],
     ("Place:南湾都市圈", "PART_OF", "Place:南湾")),
    ("长河经济带高质量发展。", [("长河", "Place", (), "place-major-water"), ("长河经济带", "Place", (), "place-region")],
     ("Place:长河经济带", "PART_OF", "Place:长河")),
    ("长河经济带高质量发展。", [("长河", "Place", (), "place-major-water"), ("长河经济带", "Place", (), "place-region")],
     ("Place:长河", "PART_OF", "Place:长河经济带")),
    # a zone named after a lake is not part of the lake
    ("青湖高新区加快发展。", [("青湖", "Place", (), "place-lake"), ("青湖高新区", "Place", (), "place-hitech-zone")],
     ("Place:青湖高新区", "PART_OF", "Place:青湖")),
    # an event or a product named after a place is not part of it
    ("今年是青川撤地设市30周年。", [("青川", "Place"), ("青川撤地设市", "Place")], ("Place:青川撤地设市", "PART_OF", "Place:青川")),
    ("打造青川老友粉品牌。", [("青川", "Place"), ("青川老友粉", "Place", (), "list-regions")],
     ("Place:青川老友粉", "PART_OF", "Place:青川")),
    # the front of a facility's name is no firm unless the text says so (智慧|农业示范基地)
    ("建设智慧农业示范基地。", [("智慧", "Company", (), "firm-in-facility"), ("智慧农业示范基地", "Project")],
     ("Company:智慧", "BUILDS", "Project:智慧农业示范基地")),
    # nor are two provinces (京鲁 cooperation) before an industry word
    ("打造京鲁科技成果转化基地。", [("京鲁", "Company", (), "firm-in-facility"), ("京鲁科技成果转化基地", "Project")],
     ("Company:京鲁", "BUILDS", "Project:京鲁科技成果转化基地")),
    # nor is a place at the front of a facility's name
    ("横江新洲现代农业产业园加快建设。",
     [("横江", "Company", (), "firm-in-facility"), ("横江新洲", "Place"), ("横江新洲现代农业产业园", "Project")],
     ("Company:横江", "BUILDS", "Project:横江新洲现代农业产业园")),
    # a "name" that is prose or two names joined carries no relation
    ("投用青川老年福利服务中心三期。", [("青川", "Place"), ("投用青川老年福利服务中心三期", "Project")],
     ("Project:投用青川老年福利服务中心三期", "LOCATED_IN", "Place:青川")),
    ("建成青川站和青川南站。", [("青川", "Place"), ("青川站和青川南站", "Project")],
     ("Project:青川站和青川南站", "LOCATED_IN", "Place:青川")),
    # an area named after a square is around it, not part of it
    ("提升彭城广场商圈。", [("彭城广场", "Place", (), "place-square"), ("彭城广场商圈", "Place", (), "place-business-circle")],
     ("Place:彭城广场商圈", "PART_OF", "Place:彭城广场")),
    # a bare 在 + place says where its subject is only before a site verb: not 决策部署在青川落地生根 for the body
    ("推动党中央决策部署在青川落地生根。", [("党中央", "Agency"), ("青川", "Place")], ("Agency:党中央", "LOCATED_IN", "Place:青川")),
    # 的 far from the holder, across a list, does not locate it
    ("金湾新城的道路、桥梁和智能装备产业园。", [("金湾新城", "Place"), ("智能装备产业园", "Project")],
     ("Project:智能装备产业园", "LOCATED_IN", "Place:金湾新城")),
    # a firm whose every mention runs on into one more word is a region's front (万达|开…), not a builder
    ("建成华为开先进计算中心，推进华为开统筹发展。",
     [("华为", "Company", (), "company-national-brand"), ("华为开先进计算中心", "Project")],
     ("Company:华为", "BUILDS", "Project:华为开先进计算中心")),
    # a firm read only from the front of a facility's name, and no firm, lies nowhere
    ("青川金积工业园入选试点。", [("青川", "Place", (), "place-gazetteer-short"),
                               ("青川金积", "Company", (), "firm-in-facility"), ("青川金积工业园", "Project")],
     ("Company:青川金积", "LOCATED_IN", "Place:青川")),
    # a place's name holding a campus, a count or a route is no part of the place it opens with
    ("青川工业学院北区启用。", [("青川", "Place", (), "place-gazetteer-short"), ("青川工业学院北区", "Place")],
     ("Place:青川工业学院北区", "PART_OF", "Place:青川")),
    ("青川港至金湾港班轮开通。", [("青川", "Place", (), "place-gazetteer-short"), ("金湾", "Place", (), "place-gazetteer-short"),
                               ("青川港至金湾港", "Place")],
     ("Place:青川港至金湾港", "PART_OF", "Place:青川")),
    # a named area the report names only inside this name, not at its head, is a piece of it (沿|边临港|产业园)
    ("推进沿边临港产业园建设。", [("边临港", "Place"), ("沿边临港产业园", "Project")],
     ("Project:沿边临港产业园", "LOCATED_IN", "Place:边临港")),
    # a zone by the airport of one city is an area of it, not a whole that holds it
    ("青川临空经济区建设提速。", [("青川", "Place", (), "place-gazetteer-short"), ("青川临空经济区", "Place")],
     ("Place:青川", "PART_OF", "Place:青川临空经济区")),
])
def test_relation_rules_do_not_misfire(tmp_path, body, spec, unexpected):
    assert unexpected not in _edges(_doc(tmp_path, body), spec)


def test_relation_types_filter_and_evidence(tmp_path):
    doc = _doc(tmp_path, "新材料产业园落户青川。")
    entities = [_entity(doc, "新材料产业园", "Project"), _entity(doc, "青川", "Place")]
    relations = list(find_relations(doc, entities, types={"LOCATED_IN"}))
    assert {r.type for r in relations} == {"LOCATED_IN"}
    assert relations[0].evidence.sentence.startswith("新材料产业园落户青川")


@pytest.mark.parametrize("body, spec, relation, cue", [
    ("新材料产业园落户青川。", [("新材料产业园", "Project"), ("青川", "Place")],
     ("Project:新材料产业园", "LOCATED_IN", "Place:青川"), "落户"),
    ("在金湾新城建设智能装备产业园。", [("金湾新城", "Place"), ("智能装备产业园", "Project")],
     ("Project:智能装备产业园", "LOCATED_IN", "Place:金湾新城"), "在…建设"),
    ("青川大桥由华腾集团承建。", [("华腾集团", "Company", (), "company-group"), ("青川大桥", "Project")],
     ("Company:华腾集团", "BUILDS", "Project:青川大桥"), "由…承建"),
    ("青川新区加快发展。", [("青川", "Place"), ("青川新区", "Place")], ("Place:青川新区", "PART_OF", "Place:青川"), "name"),
])
def test_relation_keeps_its_cue(tmp_path, body, spec, relation, cue):
    doc = _doc(tmp_path, body)
    found = {(r.source, r.type, r.target): r for r in find_relations(doc, [_entity(doc, *item) for item in spec])}
    assert found[relation].cue == cue


def test_relation_cue_reaches_json_and_graph(tmp_path):
    from extractors.pipeline import extract_file, extraction_to_json
    from kg.build import graph_from_extractions

    path = tmp_path / "r.txt"
    path.write_text("各位代表：\n一、2023年工作回顾\n华腾机械集团智能装备产业园落户青川县。\n", encoding="utf-8")
    extraction = extract_file(path)
    records = [r for r in extraction_to_json(extraction)["relations"] if r["type"] != "CO_OCCURS"]
    assert records and all(r["cue"] for r in records)
    graph = graph_from_extractions([extraction])
    typed = [d for *_e, d in graph.edges(data=True) if d["type"] in ("LOCATED_IN", "BUILDS")]
    assert typed and all(d.get("cue") for d in typed)


@pytest.mark.parametrize("report, spec, expected", [
    ("tianmen-2024.txt", [("新材料产业园", "Project"), ("锦纶丝产业园", "Project"), ("天门", "Place")],
     ("Project:新材料产业园", "LOCATED_IN", "Place:天门")),
    ("hetang-2019.txt", [("430片区", "Place"), ("斯威铁路", "Company"), ("铁达能源", "Company")],
     ("Company:铁达能源", "LOCATED_IN", "Place:430片区")),
    ("hetang-2019.txt", [("荷塘区", "Place"), ("中车长江车辆株洲分公司", "Company")],
     ("Company:中车长江车辆株洲分公司", "LOCATED_IN", "Place:荷塘区")),
    ("hailar-2017.txt", [("蒙古国东方省", "Place"), ("乔巴山市", "Place")],
     ("Place:乔巴山市", "PART_OF", "Place:蒙古国东方省")),
])
def test_relation_rules_on_real_lines(corpus_dir, report, spec, expected):
    doc = annotate(read_document(corpus_dir / report))
    assert expected in _edges(doc, spec)


@pytest.mark.parametrize("content", ['{"location_verbs": ["落户"]}', "{not json"])
def test_relation_vocabulary_errors_name_the_file(tmp_path, monkeypatch, content):
    import extractors.relations as relations
    from extractors.errors import KGError

    (tmp_path / "relations.json").write_text(content, encoding="utf-8")
    monkeypatch.setattr(relations, "PATTERNS_DIR", tmp_path)
    with pytest.raises(KGError, match="relations.json"):
        relations.relation_words.__wrapped__()


def test_self_located_not_a_name_further_back(tmp_path):
    """在我市 locates the list right before it, not a name further back in the clause."""
    doc = _doc(tmp_path, "持续做好省际联盟组织集采药械在我市落实落地。")
    doc.issuer = "青川市"
    entities = [_entity(doc, "省际联盟", "Agency"), _entity(doc, "青川市", "Place", (), "place-gazetteer")]
    assert not list(find_relations(doc, entities, types={"LOCATED_IN"}))


def test_self_located_list_right_before_the_verb(tmp_path):
    doc = _doc(tmp_path, "新材料产业园、锦纶丝产业园等项目落户我市。")
    doc.issuer = "青川市"
    spec = [("新材料产业园", "Project"), ("锦纶丝产业园", "Project"), ("青川市", "Place", (), "place-gazetteer")]
    entities = [_entity(doc, *item) for item in spec]
    found = {(r.source, r.target, r.cue) for r in find_relations(doc, entities, types={"LOCATED_IN"})}
    assert found == {("Project:新材料产业园", "Place:青川市", "落户我市"), ("Project:锦纶丝产业园", "Place:青川市", "落户我市")}


@pytest.mark.parametrize("project, firm", [
    ("华建铝业超高精级特种铝型材", "华建铝业"),  # a brand + an industry word at the head
    ("中国电信南京公共智算中心", "中国电信"),  # a firm of the reference lexicon, whatever place follows
    ("久泰30万吨延链补链一体化", "久泰"),  # a rare brand before a plant's capacity
])
def test_firm_at_the_head_of_a_project_becomes_a_builder(tmp_path, project, firm):
    from extractors.relation_ends import firms_heading_projects

    doc = _doc(tmp_path, f"加快{project}等项目建设。")
    entities = [_entity(doc, project, "Project")]
    heads = firms_heading_projects(entities)
    assert [(e.name, e.type, e.mentions[0].rule) for e in heads] == [(firm, "Company", "company-project-head")]
    assert (f"Company:{firm}", "BUILDS", f"Project:{project}") in \
        {(r.source, r.type, r.target) for r in find_relations(doc, entities + heads, types={"BUILDS"})}


@pytest.mark.parametrize("project", [
    "安达科技园六安分园",  # the brand's industry word runs on into a facility word (科技|园)
    "江华机械农机智能制造",  # a county inside the brand
    "固废年产140万吨煤矸石新型建材加工",  # a material before a capacity
    "20号线一期",  # a number
    "正泰新能",  # a known firm's unit, not a project
    "恒大林溪郡",  # a known firm's estate: no facility, trade or plant after the firm
    "华宇电子三期",  # a firm's name with a phase is the firm's project (the firm its other type)
])
def test_no_firm_read_at_the_head_of(tmp_path, project):
    from extractors.relation_ends import firms_heading_projects

    doc = _doc(tmp_path, f"加快{project}建设。")
    entities = [_entity(doc, project, "Project"), _entity(doc, "江华", "Place", (), "place-gazetteer-short")]
    assert firms_heading_projects(entities) == []


@pytest.mark.parametrize("term, definition, parts", [
    ("“双一流”", "指世界一流大学和一流学科。", ["世界一流大学", "一流学科"]),
    # fields of work, not the two things the term counts
    ("“双百行动”", "指在县域产业发展、城乡建设规划、集体经济发展、人才培养等领域加强共建。", []),
    # no count in the term: no parts
    ("“单一窗口”", "指以满足相关法律、法规以及管理要求的平台。", []),
    # the term's own head after 的 leaves the last part
    ("“四网融合”", "指干线铁路、城际铁路、市域铁路和城市轨道交通的融合。", ["干线铁路", "城际铁路", "市域铁路", "城市轨道交通"]),
])
def test_glossary_parts_are_as_many_as_the_term_counts(term, definition, parts):
    from glossary.parse import GlossaryEntry
    from kg.build import glossary_parts

    assert glossary_parts(GlossaryEntry(term, None, definition, None, 0, 0)) == parts
