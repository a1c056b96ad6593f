"""Suffix names (extractors.suffixes): a typed suffix and the name words left of it."""
from __future__ import annotations

import pytest

from extractors import suffixes
from extractors.entities import TokenIndex
from extractors.rules import load_rules
from extractors.segment import get_segmenter
from tests.conftest import SHARED
from tests.extractors.entity_helpers import entities, report_entities, sentence


@pytest.mark.parametrize(("needle", "name", "label"), [
    # leading report verbs and adverbs are trimmed (大力开展 / 打好 / 积极开展 …)
    ("扫黑除恶专项斗争", "扫黑除恶专项斗争", "Program"),
    ("碧水保卫战", "碧水保卫战", "Program"),
    ("温暖企业行动", "温暖企业行动", "Program"),
    # a programme name may contain 项目 and a duration (建设年, 三年)
    ("产业项目建设年活动", "产业项目建设年活动", "Program"),
    # an unknown word that swallowed a preposition (以株|硬集团)
    ("以株硬集团", "株硬集团", "Company"),
    # verbs inside a facility name (批发, 制造) and a firm inside [firm][place][facility]
    ("汉德车桥株洲制造基地", "汉德车桥", "Company"),
    ("株洲市农副产品批发交易物流中心", "株洲市农副产品批发交易物流中心", "Project"),
    # X工程 naming a physical work is a Project
    ("桂花干渠截污工程", "桂花干渠截污工程", "Project"),
    # a body with a level prefix needs no proper name
    ("区企业服务中心获评", "区企业服务中心", "Agency"),
    # the outer name wins over a one-character suffix inside it (宋家桥 in 宋家桥街道)
    ("宋家桥街道", "宋家桥街道", "Place"),
])
def test_suffix_finds_name_in_report_sentence(hetang_text, needle, name, label):
    assert (name, label) in entities(sentence(hetang_text, needle))


@pytest.mark.parametrize(("needle", "wrong"), [
    ("宋家桥街道", ("宋家桥", "Project")),
    ("三是城市", ("三是城市", "Place")),
    ("大力开展扫黑除恶专项斗争", ("大力开展扫黑除恶专项斗争", "Program")),
])
def test_suffix_does_not_misfire_in_report_sentence(hetang_text, needle, wrong):
    assert wrong not in entities(sentence(hetang_text, needle))


@pytest.mark.parametrize(("doc", "needle", "name", "label"), [
    # 全国 opens a programme name after a report verb or an ordinal
    ("tianmen-2024", "全国文明城市创建", "全国文明城市创建", "Program"),
    ("tianmen-2024", "第三次全国土壤普查", "第三次全国土壤普查", "Program"),
    # 复审 used as a noun (…复审与…) names a campaign
    ("hetang-2019", "国卫复审", "国卫复审", "Program"),
    # a verb inside a longer programme name is not a bare verb phrase
    ("hetang-2019", "禁毒人民战争", "禁毒人民战争", "Program"),
])
def test_suffix_finds_name_in_other_report(corpus_dir, doc, needle, name, label):
    assert (name, label) in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("text", "name", "label"), [
    ("成功举办青溪桃花节。", "青溪桃花节", "Program"),  # a festival is an event programme
    ("远航集团新材料基地、北辰医药等15个项目相继开工。", "远航集团", "Company"),  # a verb-like firm name
])
def test_suffix_invented_line_gives_name(text, name, label):
    assert (name, label) in entities(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("推进城市更新，建设美丽城镇。", ("城市", "Place")),
    ("推进城市更新，建设美丽城镇。", ("美丽城镇", "Place")),
    ("深入实施制造强市战略。", ("制造强市", "Place")),
    ("我代表市人民政府向大会报告工作。", ("代表市", "Place")),
    ("新增11个市级示范村。", ("11个市", "Place")),
    ("建立问题交办销号机制。", ("问题交办销号机制", "Program")),  # descriptive mechanisms are not names
    ("在青溪区第三届人民代表大会上报告工作。", ("青溪区第三届人民代表大会", "Program")),  # a meeting
    ("坚持抓改革、促发展。", ("抓改革", "Program")),  # a one-character verb + 改革
    ("推动全面深化改革开放。", ("深化改革", "Program")),  # 改革开放 is one word
    ("实施重点改革。", ("重点改革", "Program")),  # a stop word + 改革
    ("完成14项引领性改革。", ("14项引领性改革", "Program")),  # a count
    ("构建区域协调发展新格局。", ("新格局", "Agency")),  # a common word ending in 局
    ("集中财力办大事。", ("财力办", "Agency")),  # 办 with an object is a verb
    ("人均地区生产总值突破1万美元。", ("人均地区", "Place")),
    ("全面推进依法治区。", ("依法治区", "Place")),
    ("打造旅游名县。", ("旅游名县", "Place")),
    ("坚持和发展新时代“枫桥经验”。", ("枫桥", "Project")),  # a modifier of 经验
    ("新增上市公司6家。", ("上市公司", "Company")),  # a kind of company
    ("支持青溪村创建省级旅游名村。", ("青溪村创建", "Program")),  # 创建 + a title is a verb
    ("建设国家数据标注基地。", ("国家数据标注基地", "Project")),  # a designation, no proper name
])
def test_suffix_invented_line_gives_no_false_positive(text, wrong):
    assert wrong not in entities(text)


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    # a superlative or a magnitude describes a kind of park, not a named one
    ("tianmen-2024", "最大铝制品产业园", ("最大铝制品产业园", "Project")),
    ("tianmen-2024", "百亿产业园", ("百亿产业园", "Project")),
    # a counted noun without a proper element is a class
    ("sichuan-2026", "200个样板村", ("样板村", "Place")),
    # …and so is a place word right after a count, even with an unknown word in it (29个|扩权赋能县)
    ("sichuan-2026", "扩权赋能县", ("扩权赋能县", "Place")),
    ("sichuan-2026", "深化涉藏州县", ("涉藏州县", "Place")),  # 州县 is a generic pair word
    # a name before 称号 is a title won
    ("tianmen-2024", "华中地区蔬菜集散基地称号", ("华中地区蔬菜集散基地", "Project")),
    # an inspection word ends a facility name on the left
    ("tianmen-2024", "省级督察岳口工业园", ("省级督察岳口工业园", "Project")),
])
def test_suffix_generalisation_misfire(corpus_dir, doc, needle, wrong):
    assert wrong not in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("doc", "needle", "name", "label"), [
    ("tianmen-2024", "省级督察岳口工业园", "岳口工业园", "Project"),
    ("tianmen-2024", "高职校区扩建", "天门职院高职校区", "Project"),  # a campus
    ("tianmen-2024", "汇侨院区", "市一医汇侨院区", "Project"),
])
def test_suffix_campus_and_edges_in_report(corpus_dir, doc, needle, name, label):
    assert (name, label) in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("text", "name", "label"), [
    # a school named by a common word: at a clause start before a completion verb, or after a build verb
    ("群众获得感持续提升。晨光小学建成并投入使用。", "晨光小学", "Agency"),
    ("今年，新建晨光小学。", "晨光小学", "Agency"),
])
def test_suffix_clause_institution_is_name(text, name, label):
    assert (name, label) in entities(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("提升教学质量，晨光小学教师获奖。", ("晨光小学", "Agency")),  # no completion verb follows
    ("建成一批公办小学。", ("公办小学", "Agency")),
])
def test_suffix_clause_institution_misfire(text, wrong):
    assert wrong not in entities(text)


@pytest.mark.parametrize(("doc", "needle", "name", "label"), [
    ("tianmen-2024", "G347皂市段", "皂市", "Place"),  # a road code before a place is the road's section there
    ("tianmen-2024", "天门河下段综合治理", "天门河", "Place"),  # a river fused with 下段 by jieba
    ("tianmen-2024", "汉北河流域系统治理", "汉北河", "Place"),  # a place word before 流域 (not 河流)
    ("tianmen-2024", "官侨路、北湖夜市", "北湖", "Place"),  # a lake keeps its name inside a larger name
    ("tianmen-2024", "官侨路、北湖夜市", "官侨路", "Project"),  # a road before 、 (punctuation is no name word)
    ("tianmen-2024", "高铁新区组团式发展", "高铁新区", "Place"),  # a planning district needs no proper word
    ("tianmen-2024", "武汉都市圈发展规划", "武汉都市圈", "Place"),
    ("tianmen-2024", "海龙岛、石家河", "海龙岛", "Place"),
    ("hetang-2019", "加大仙庾片区基础设施", "仙庾片区", "Place"),  # a name jieba split into single characters
    ("hetang-2019", "以株洲火车站东广场启动", "株洲火车站东广场", "Place"),
    ("hetang-2019", "东西湖连通渠黑臭水体", "东西湖连通渠", "Place"),  # a canal fused with what follows
    ("hailar-2016", "以伊敏河河道整治", "伊敏河", "Place"),
])
def test_place_rule_finds_name_in_report(corpus_dir, doc, needle, name, label):
    assert (name, label) in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    ("tianmen-2024", "G347皂市段", ("G347皂市", "Place")),
    ("tianmen-2024", "石河医药等10家企业", ("石河", "Place")),
    ("hailar-2016", "以伊敏河河道整治", ("以伊敏河", "Place")),  # 以 fused onto the river's name  # a place word before an industry word is a brand
    ("hetang-2019", "东西湖连通渠黑臭水体", ("东西湖", "Place")),  # a lake inside a canal's name is the canal's
    ("jiangxi-2026", "全龄友好型社区", ("全龄友好型社区", "Place")),  # a kind of community
    ("jiangxi-2026", "职业教育产教融合示范区", ("职业教育产教融合示范区", "Place")),  # a designation
    ("hainan-2026", "零碳社区", ("零碳社区", "Place")),
])
def test_place_rule_does_not_misfire_in_report(corpus_dir, doc, needle, wrong):
    assert wrong not in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("text", "name", "label"), [
    ("打造临港新区。", "临港新区", "Place"),
])
def test_place_rule_invented_line_gives_name(text, name, label):
    assert (name, label) in entities(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("坚持以城带乡，推动城乡融合。", ("城带乡", "Place")),  # a verb phrase between two level words
    ("争创省级农高区。", ("省级农高区", "Place")),  # a level word opens a designation
    ("新增5个市级美丽村。", ("5个市", "Place")),  # a counted class
    ("打造低碳岛。", ("低碳岛", "Place")),  # a kind of island
    ("建设跨省域共建新区。", ("跨省域共建新区", "Place")),  # too long for a proper-free district
    ("培育一批灯塔工厂。", ("灯塔工厂", "Company")),  # 工厂 is a common word
    ("加快推进集成电路产业。", ("集成电路", "Project")),  # 路 inside a common word
    ("海南大学跻身软科世界大学排名。", ("海南大学跻身软科世界大学", "Agency")),  # a ranking verb ends a name
])
def test_place_rule_invented_line_gives_no_false_positive(text, wrong):
    assert wrong not in entities(text)


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    # generic programme names: a series class, shared coordinated suffix, a level word, a number, an X性 word
    ("hetang-2019", "等系列民生行动", ("民生行动", "Program")),
    ("hetang-2019", "净化、美化、绿化行动", ("绿化行动", "Program")),
    ("hetang-2019", "群众性治安防控工程", ("群众性治安防控工程", "Program")),
    ("hetang-2019", "三分战略，七分执", ("三分战略", "Program")),
    ("tianmen-2024", "完成省级督察岳口", ("省级督察", "Program")),
    ("tianmen-2024", "“三个十万工程”", ("十万工程", "Program")),
    ("tianmen-2024", "乡村旅游节会", ("乡村旅游节", "Program")),
    ("tianmen-2024", "一件接着一件办", ("一件办", "Agency")),
    # a policy nested in a title is named without 全国
    ("tianmen-2024", "加快建设全国农村能源革命试点县", ("全国农村能源革命", "Program")),
    # a parent body inside a branch's name, a ranking's university, a fused verb character, a counted zone
    ("tianmen-2024", "武汉仲裁委员会天门分会", ("武汉仲裁委员会", "Agency")),
    ("hainan-2026", "软科世界大学学术排名", ("软科世界大学", "Agency")),
    ("hailar-2018", "做实城投公司", ("实城投公司", "Company")),
    ("hetang-2019", "五大片区", ("五大片区", "Place")),
    ("sichuan-2026", "五大片区", ("五大片区", "Place")),
])
def test_round5_generic_names_are_dropped(corpus_dir, doc, needle, wrong):
    assert wrong not in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("doc", "needle", "name", "label"), [
    ("tianmen-2024", "加快建设全国农村能源革命试点县", "农村能源革命", "Program"),
    ("tianmen-2024", "武汉仲裁委员会天门分会", "武汉仲裁委员会天门分会", "Agency"),
    ("tianmen-2024", "发挥项目投资服务中心作用", "项目投资服务中心", "Agency"),
    ("tianmen-2024", "市妇幼保健院", "市妇幼保健院", "Agency"),
    ("tianmen-2024", "江汉平原", "江汉平原", "Place"),
])
def test_round5_names_found_in_report(corpus_dir, doc, needle, name, label):
    assert (name, label) in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("text", "wrong"), [
    ("开展清扫、美化、亮化行动。", ("亮化行动", "Program")),
    ("持续开展系列惠民行动。", ("惠民行动", "Program")),
    ("接受省级巡查督察。", ("省级巡查督察", "Program")),
    ("县实验学校北校区分校建成。", ("县实验学校", "Agency")),
])
def test_round5_invented_generic_names_are_dropped(text, wrong):
    assert wrong not in entities(text)


@pytest.mark.parametrize(("doc", "needle", "wrong", "right"), [
    # a report verb before a programme name is no part of it (实行|零基预算改革, 申办|第三届…论坛)
    ("hainan-2026", "零基预算改革", "实行零基预算改革", "零基预算改革"),
    ("hainan-2026", "中非农业合作论坛", "申办第三届中非农业合作论坛", "第三届中非农业合作论坛"),
    ("hailar-2016", "先行先试改革", "确立先行先试改革", "先行先试改革"),
])
def test_suffix_name_loses_report_verb(corpus_dir, doc, needle, wrong, right):
    text = (corpus_dir / f"{doc}.txt").read_text(encoding="utf-8")
    found = {name for name, _ in entities(sentence(text, needle))}
    assert wrong not in found and right in found


@pytest.mark.parametrize(("doc", "needle", "wrong"), [
    # a modifier (战略高地/资源), 'in action' (行动上), a growth rate (中高速增长), a one-character year word
    ("sichuan-2026", "向西开放战略高地", ("西开放战略", "Program")),
    ("sichuan-2026", "建设国家战略资源", ("建设国家战略", "Program")),
    ("hainan-2026", "政治上行动上", ("在思想上政治上行动", "Program")),
    ("hailar-2016", "中高速增长", ("中高速", "Project")),
    ("jiangxi-2026", "完成年计划", ("年计划", "Program")),
    ("hailar-2016", "的整治活动", ("整治活动", "Program")),
    # status words and build verbs read as places, a common word for a line
    ("hailar-2017", "年底开园", ("年底开园", "Project")),
    ("hainan-2026", "新建村内道路", ("新建村", "Place")),
    ("hainan-2026", "延长线等建成", ("延长线", "Project")),
    # a level word before a campaign under assessment names the assessor
    ("hainan-2026", "污染防治攻坚战成效考核", ("国家污染防治攻坚战", "Program")),
])
def test_round6_misfires_are_dropped(corpus_dir, doc, needle, wrong):
    assert wrong not in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("text", "wrong"), [
    ("构筑向南开放战略高地。", ("南开放战略", "Program")),
    ("经济保持中高速增长。", ("中高速", "Project")),
    ("全面完成年计划。", ("年计划", "Program")),
    ("新建村级活动场所。", ("新建村", "Place")),
    ("景区年底开园。", ("年底开园", "Project")),
])
def test_round6_invented_misfires_are_dropped(text, wrong):
    assert wrong not in entities(text)


@pytest.mark.parametrize(("doc", "needle", "name", "label"), [
    # a region with its host city in brackets belongs to the event's name
    ("tianmen-2024", "成功举办江汉平原（天门）蔬菜产业大会", "江汉平原（天门）蔬菜产业大会", "Program"),
])
def test_suffix_name_runs_over_bracketed_place(corpus_dir, doc, needle, name, label):
    assert (name, label) in report_entities(corpus_dir, doc, needle)


@pytest.mark.parametrize(("text", "wrong"), [
    ("建成污水处理厂（6）蔬菜产业大会如期召开。", ("污水处理厂（6）蔬菜产业大会", "Program")),  # a note marker
    ("完成改造（含旧城）蔬菜产业大会筹备。", ("改造（含旧城）蔬菜产业大会", "Program")),  # an aside in brackets
])
def test_suffix_name_does_not_run_over_note_or_aside(text, wrong):
    assert wrong not in entities(text)


def test_suffix_of_is_the_longest_suffix_word_ending_the_name():
    # _suffix_of reads a table built once per rule book: the same answer as trying every ending of the name
    from extractors.rules import load_rules
    from extractors.suffixes import _suffix_of
    rules = load_rules()

    def by_scan(name: str) -> str:
        return max((name[-k:] for k in range(1, min(len(name), 6) + 1) if name[-k:] in rules.suffixes),
                   key=len, default="")
    names = [stem + word for word in rules.suffixes for stem in ("", "青溪", "示范")] + ["", "青溪", "发展"]
    assert [_suffix_of(n, rules) for n in names] == [by_scan(n) for n in names]
    assert _suffix_of("青溪产业园", rules) == by_scan("青溪产业园") != ""


# --- the tests on the words around a suffix run before the walk over the name (issue 14, speed) ---

# reports of the archive of three levels, read at test time
_GATE_REPORTS = ("city-2024/东营.txt", "city-2024/丽水.txt", "province-2026/云南省.txt", "national-2024/国务院.txt")


def _index(text: str) -> TokenIndex:
    return TokenIndex(text, get_segmenter().tokens(text))


def test_refusing_before_the_walk_loses_no_name(monkeypatch):
    """:func:`suffixes._suffix_stands` refuses candidates before the leftward walk; run after the walk instead,
    beside the tests on the name's start (as the rules ran before), it must give the very same names on real
    reports, and it must refuse many candidates (else it spares no walk)."""
    texts = [(SHARED / "archive" / name).read_text(encoding="utf-8") for name in _GATE_REPORTS
             if (SHARED / "archive" / name).exists()]
    if len(texts) != len(_GATE_REPORTS):
        pytest.fail(f"archive reports not found under {SHARED}; set KG_SHARED_DIR")
    rules = load_rules()
    stands, typed = suffixes._suffix_stands, suffixes._typed_ok
    refused = 0

    def counting_stands(index, start, end, rule, rules_):
        nonlocal refused
        ok = stands(index, start, end, rule, rules_)
        refused += not ok
        return ok

    def stands_after_walk(index, begin, start, end, suffix, label, rules_):
        return stands(index, start, end, rules_.suffixes[suffix][0], rules_) and \
            typed(index, begin, start, end, suffix, label, rules_)

    for text in texts:
        index = _index(text)
        with monkeypatch.context() as patch:
            patch.setattr(suffixes, "_suffix_stands", counting_stands)
            before_walk = list(suffixes.suffix_names(index, rules))
        with monkeypatch.context() as patch:
            patch.setattr(suffixes, "_suffix_stands", lambda *args: True)
            patch.setattr(suffixes, "_typed_ok", stands_after_walk)
            after_walk = list(suffixes.suffix_names(index, rules))
        assert before_walk == after_walk
        assert before_walk  # the reports name things
    assert refused > 1000


@pytest.mark.parametrize(("line", "suffix_at"), [
    # a one-character verb governs a programme word (抓|改革): no programme ends there
    ("要坚持抓改革、促发展，推动各项工作落实。", "改革"),
    # a counted noun (11个|市) is no name
    ("全省11个市全部完成年度目标任务。", "市"),
    # a common word made of the character before and the suffix (城市)
    ("加快推进城市更新行动。", "市"),
])
def test_suffix_refused_on_the_words_around_it(line, suffix_at):
    rules = load_rules()
    index = _index(line)
    start = line.index(suffix_at)
    rule = rules.suffixes[suffix_at][0]
    assert not suffixes._suffix_stands(index, start, start + len(suffix_at), rule, rules)
    assert not any(m.end == start + len(suffix_at) for m in suffixes.suffix_names(index, rules))
