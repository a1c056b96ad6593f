"""Programme families found on a seventh set of archive reports nobody tuned on (branch w18e).

Found by reading the programme names of 宣城, 嘉兴, 达州, 河池, 无锡 (city-2024), 安徽省 and 黑龙江省 (province-2026),
drawn with ``random.Random(18)`` among the archive reports that neither the closing notes nor the README's quality
sections name; judged on the six gold files and on archive_check's sample. Each family is tested on invented
sentences (both ways) and on real lines of archive reports that have its shape, read at test time from ../shared
(no report text is in the repository):

- fused verbs: a verb the tagger reads before 革命, 论坛 or 计划 (扛起|革命, 严控|论坛, 压缩|论坛) and a generic field
  before 论坛, 计划, 战略 and 改革 (省|重大|计划, 较|年初|计划, 多重|国家发展|战略, 重点领域|关键环节|改革) name no programme
  (misfires.json generic_heads, generic_modifiers, modifier_leads; names.json stop word 较); 革命 is read for the
  verb only (能源革命 is a programme: verb_only_heads);
- lead verbs: verbs of taking up a fight or raising a standard (接续|打好|…攻坚战, 提标升级|…, 优化升级|…计划,
  高标准建设|…试验区) open no name, also before a suffix word (打好|中心城区…), where only a stage word (开园|大道)
  belongs to the name; the sibling items of a programme list lose them too (misfires.json lead_verbs, misfires.py);
- taken in: a verb of taking in inside a programme name (常态化帮扶纳入|乡村振兴战略) starts it after the verb
  (misfires.json program_inner_verbs);
- run-on suffixes: 战略, 行动 and 工程 running on into the thing they qualify (战略节点, 战略联动, 国家战略科技力量,
  行动派, 防御工程体系, 联合工程研究中心; not 工程研究论证) end no name (suffix_checks.json suffix_compounds);
- quoted visions: a place to become (“经济繁荣新<place>”), a model to set (“…样板”), a figure of measure or effect
  (“辛苦指数”, “头马效应”), an era (“高铁时代”), a first or a zero reached (“零突破”, “清零”) and 上的 (“舌尖上的
  安全”; not 里的: “灯火里的…” is an event) are no programmes (misfires.json, quotes.json skip_patterns);
- titles: a quote that is the whole title after a trigger and levels or ordinals (荣获自治区第十二届“…”。, 入选第四届
  “…”。) is a title won; a policy nested in a longer title stays (入选全省“…”消费新场景) (quotes.json title_gap_pattern);
- pieces of a quote: a suffix name inside a quoted programme name that is not all of it (“一号改革|工程”, “共同|
  成长计划”) is a piece of it, unless a verb opens the quote before it (“深化商事制度改革”) (misfires.json
  quote_programme_ends);
- demonstratives: 这场, 这项, 此次 … open no name (这场|攻坚战) (names.json stop_words).

Two misses are found now: a programme names the system it reforms (疾控体系改革: 体系 is a Program inner word in
names.json) and a quoted number written with 万 before a programme word (“百千万”工程, extractors/quotes.py).
"""
from __future__ import annotations

import re

import pytest

from tests.extractors.entity_helpers import archive_lines, entities, entity_names

# --- invented sentences: the rule's intent, both ways ---------------------------------------------------------


@pytest.mark.parametrize(("text", "name"), [
    # fused verbs and generic fields before 革命 / 论坛 / 计划 / 战略 / 改革
    ("我们将坚决扛起革命担当。", "扛起革命"),
    ("坚持过紧日子，严控论坛、节庆活动。", "严控论坛"),
    ("严控一般性支出，压缩论坛等活动。", "压缩论坛"),
    ("精准切入新一轮科技革命和产业变革。", "精准切入新一轮科技革命"),
    ("发扬革命加拼命精神。", "发扬革命"),
    ("重大项目数较年初计划增长12%。", "较年初计划"),
    ("推动更多项目纳入国家、省重大计划盘子。", "省重大计划"),
    ("发挥多重国家发展战略叠加优势。", "多重国家发展战略"),
    ("重点领域关键环节改革取得新突破。", "重点领域关键环节改革"),
    # lead verbs
    ("接续打好青溪城区危旧房改造三年攻坚战。", "接续打好青溪城区危旧房改造三年攻坚战"),
    ("接续打好中心城区危旧房改造三年攻坚战。", "打好中心城区危旧房改造三年攻坚战"),
    ("优化升级白鹭英才计划。", "升级白鹭英才计划"),
    ("升级提质白鹭人才计划和白鹭人才峰会。", "升级提质白鹭人才计划"),
    ("高标准建设青溪科创金融改革试验区。", "高标准建设青溪科创金融改革试验区"),
    ("加强应急体系建设，提标升级城市防洪工程、海塘安澜工程，提升防灾能力。", "提标升级城市防洪工程"),
    # taken in
    ("把常态化帮扶纳入乡村振兴战略统筹实施。", "常态化帮扶纳入乡村振兴战略"),
    ("推动农村义务教育学生纳入营养改善计划。", "农村义务教育学生纳入营养改善计划"),
    # run-on suffixes
    ("建强战略科技力量。", "建强战略"),
    ("支持青溪实验室承担国家战略科技任务。", "青溪实验室承担国家战略"),
    ("打造长三角与大湾区战略联动走廊支点。", "长三角与大湾区战略"),
    ("培育青溪发展轴战略节点。", "培育青溪发展轴战略"),
    ("当好执行者行动派实干家。", "执行者行动"),
    ("完善水旱灾害防御工程体系。", "水旱灾害防御工程"),
    ("推进白鹭冶金国家地方联合工程研究中心建设。", "白鹭冶金国家地方联合工程"),
    # quoted visions, figures and results
    ("围绕“活力开放新株洲”建设，奋力前行。", "活力开放新株洲"),
    ("打造“宜居宜业新株洲”。", "宜居宜业新株洲"),
    ("打造“青溪样板”。", "青溪样板"),
    ("努力用“辛苦指数”换取全市人民的“满意指数”。", "辛苦指数"),
    ("努力用“辛苦指数”换取全市人民的“满意指数”。", "满意指数"),
    ("鼓励龙头企业发挥“头马效应”。", "头马效应"),
    ("株洲进入“高铁时代”。", "高铁时代"),
    ("新增瞪羚企业4家，实现“零突破”。", "零突破"),
    ("推动所有问题整改“清零”。", "清零"),
    ("守护群众“舌尖上的安全”。", "舌尖上的安全"),
    # titles after levels and ordinals
    ("青溪荣获自治区第十二届“双拥模范城”。", "双拥模范城"),
    ("白鹭县信用体系建设入选第四届“全球减贫最佳案例”。", "全球减贫最佳案例"),
    # pieces of a quoted programme
    ("深入实施营商环境优化提升“一号改革工程”。", "一号改革"),
    ("推动“共同成长计划”提质扩面。", "成长计划"),
    ("落实“三项计划·青溪行动”。", "青溪行动"),
    # demonstratives
    ("坚决打赢这场攻坚战。", "这场攻坚战"),
])
def test_family_drops(text, name):
    assert name not in entity_names(text, "Program")


@pytest.mark.parametrize(("text", "name"), [
    ("接续打好青溪城区危旧房改造三年攻坚战。", "青溪城区危旧房改造三年攻坚战"),
    ("接续打好中心城区危旧房改造三年攻坚战。", "中心城区危旧房改造三年攻坚战"),
    ("优化升级白鹭英才计划。", "白鹭英才计划"),
    ("高标准建设青溪科创金融改革试验区。", "青溪科创金融改革试验区"),
    ("加强应急体系建设，提标升级城市防洪工程、海塘安澜工程，提升防灾能力。", "海塘安澜工程"),
    ("把常态化帮扶纳入乡村振兴战略统筹实施。", "乡村振兴战略"),
    ("推动农村义务教育学生纳入营养改善计划。", "营养改善计划"),
    ("深入实施营商环境优化提升“一号改革工程”。", "一号改革工程"),
    ("推动“共同成长计划”提质扩面。", "共同成长计划"),
    # what the families must leave alone
    ("开园大道改造工程开工。", "开园大道改造工程"),
    ("持续推进厕所革命。", "厕所革命"),
    ("实施农村能源革命。", "农村能源革命"),
    ("深入推进能源革命，控制化石能源消费。", "能源革命"),
    ("“深化商事制度改革”等4项工作获表扬。", "商事制度改革"),
    ("加快青溪生态航运工程研究论证。", "青溪生态航运工程"),
    ("深入实施全民参保计划。", "全民参保计划"),
    ("深入实施青溪英才计划。", "青溪英才计划"),
    ("实施创新驱动发展战略。", "创新驱动发展战略"),
    ("深入实施乡村振兴战略。", "乡村振兴战略"),
    ("深化集体林权制度改革先行区建设。", "集体林权制度改革"),
    ("学习运用“千万工程”经验。", "千万工程"),
    ("推行“零跑路”服务。", "零跑路"),
    ("开展“金秋万人游青溪”、“灯火里的白鹭”等活动。", "灯火里的白鹭"),
    ("获评全省“四好农村路”示范市。", "四好农村路"),
    ("入选全省“青溪安逸”消费新场景。", "青溪安逸"),
    ("天门获评“全国农村能源革命试点县”。", "农村能源革命"),
    # missed before: the system a reform names, a quoted number with 万 before a programme word
    ("疾控体系改革深入推进。", "疾控体系改革"),
    ("深化青溪医疗卫生体系改革。", "青溪医疗卫生体系改革"),
    ("加快推进服务业高质量发展“百千万”工程。", "百千万"),
])
def test_family_keeps(text, name):
    assert name in entity_names(text, "Program")


def test_quoted_place_to_become_leaves_the_place():
    """The vision is dropped, the place named in it is still a place."""
    found = entities("打造“宜居宜业新株洲”。")
    assert ("株洲", "Place") in found and not {n for n, t in found if t == "Program"}


@pytest.mark.xfail(reason="A和B|双提升行动: the first subject of a joined pair is cut at 和 before the programme word, "
                          "and nothing tells it from an activity joined to a field (景区管理运行和…体制改革)", strict=True)
def test_joined_subjects_of_one_programme():
    assert "先进制造业和现代服务业双提升行动" in entity_names("实施先进制造业和现代服务业双提升行动。", "Program")


@pytest.mark.xfail(reason="a letter grade (A级, S级) is read as a measure word and trimmed from the name's left edge",
                   strict=True)
def test_letter_grade_opens_the_name():
    assert "S级滑雪场提升工程" in entity_names("实施A级旅游景区、S级滑雪场提升工程。", "Program")


@pytest.mark.xfail(reason="a quoted metaphor with no cue around it (“杀手锏”, “拳头产品”, “第一动力”) reads like a quoted "
                          "programme name: only a list of metaphors would tell them apart", strict=True)
def test_quoted_metaphor_without_cue():
    assert "拳头产品" not in entity_names("打造更多文旅“拳头产品”。", "Program")


# --- real lines of archive reports ----------------------------------------------------------------------------

_READ = ("city-2024/宣城.txt", "city-2024/嘉兴.txt", "city-2024/达州.txt", "city-2024/河池.txt", "city-2024/无锡.txt",
         "province-2026/安徽省.txt", "province-2026/黑龙江省.txt")
_MORE = _READ + ("city-2024/临沂.txt", "city-2024/亳州.txt", "city-2024/岳阳.txt", "city-2024/承德.txt",
                 "city-2024/永州.txt", "city-2024/沈阳.txt", "city-2024/聊城.txt", "city-2024/青岛.txt",
                 "province-2026/陕西省.txt", "province-2026/宁夏回族自治区.txt")


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(_MORE, r"(?:严控|压缩|压减|精简)论坛", 10))
def test_austerity_forum_real_lines(report, sent, match):
    """No programme is named by a verb of cutting back and 论坛."""
    assert not {n for n in entity_names(sent, "Program") if n.endswith("论坛") and n[:2] in ("严控", "压缩", "压减", "精简")}, \
        (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(_MORE, r"“[^“”]{2,10}(?:样板|指数|效应|时代)”", 10))
def test_quoted_model_or_figure_real_lines(report, sent, match):
    """A quoted model, figure of measure, effect or era is no programme."""
    assert match.group(0).strip("“”") not in entity_names(sent, "Program"), (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _MORE, r"[\u4e00-\u9fff]{2,}(?:纳入|列入)[\u4e00-\u9fff]{2,16}(?:战略|计划|工程|改革)", 10))
def test_taken_in_real_lines(report, sent, match):
    """No programme name holds a verb of taking in."""
    assert not {n for n in entity_names(sent, "Program") if re.search(r".(?:纳入|列入).", n)}, (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(_MORE, r"战略(?:科技|联动|节点)|行动派|工程体系", 10))
def test_run_on_suffix_real_lines(report, sent, match):
    """No programme name ends right before the compound its suffix word begins."""
    end = match.start() + (2 if match.group(0).startswith(("战略", "行动", "工程")) else 0)
    assert not {n for n in entity_names(sent, "Program") if sent.find(n) >= 0 and sent.find(n) + len(n) == end}, \
        (report, sent)


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _MORE, r"(?:获评|荣获|入选|评为)(?:全国|全省|自治区|国家级?|省级?)?第[一二三四五六七八九十\d]+[届批]“[^“”]{2,16}”[，。；、]", 10))
def test_title_after_ordinal_real_lines(report, sent, match):
    """A quote that is the whole title after a trigger and an ordinal is a title won."""
    title = match.group(0).split("“")[1].split("”")[0]
    assert title not in entity_names(sent, "Program"), (report, sent)
