"""Programme and project rule families (extractors.documents, extractors.misfires, suffixes_program_project.jsonl).

Each family is tested twice: on invented sentences (the rule's intent, both ways) and on every
real line of the shared corpus and an archive sample that has the family's shape, read at test
time (no report text is copied into the repository).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.documents import document_vocabulary
from extractors.errors import KGError
from extractors.misfires import FAMILIES, MisfireVocabulary, misfire_vocabulary
from extractors.typed_data import load_vocabulary
from tests.conftest import SHARED
from tests.extractors.entity_helpers import entities

# a few archive reports of other places and levels, beside the dev corpus
_ARCHIVE_SAMPLE = ("city-2024/宜昌.txt", "city-2024/六安.txt", "city-2024/北海.txt", "province-2026/山西省.txt",
                   "city-2024/南宁.txt")


@lru_cache(maxsize=1)
def _texts() -> tuple[tuple[str, str], ...]:
    paths = sorted((SHARED / "corpus").glob("*.txt")) + [SHARED / "archive" / p for p in _ARCHIVE_SAMPLE]
    return tuple((path.name, path.read_text(encoding="utf-8")) for path in paths if path.exists())


def real_sentences(pattern: str, limit: int = 40) -> list[tuple[str, str, re.Match]]:
    """(report, sentence, match) for sentences of the shared texts where ``pattern`` matches, read at test time."""
    found, regex = [], re.compile(pattern)
    for name, text in _texts():
        for sent in re.split(r"(?<=[。；！？\n])", text):
            match = regex.search(sent)
            if match:
                found.append((name, sent.strip(), match))
    if not _texts():
        pytest.fail(f"shared texts not found under {SHARED}; set KG_SHARED_DIR")
    return found[:limit]


def programmes(text: str) -> set[str]:
    return {name for name, label in entities(text) if label == "Program"}


def projects(text: str) -> set[str]:
    return {name for name, label in entities(text) if label == "Project"}


# --- recall families -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "label"), [
    # document-title: a plan or regulation in 《》, named without its edition note
    ("市政府印发《青溪区乡村建设规划（2021—2035年）》。", "青溪区乡村建设规划", "Program"),
    ("贯彻落实《青溪市优化营商环境条例》。", "青溪市优化营商环境条例", "Program"),
    ("出台《关于支持青溪“五个一批”的实施意见（试行）》。", "关于支持青溪五个一批的实施意见", "Program"),
    # policy-package: a subject and a count of articles
    ("出台促进青溪民营经济发展十条措施，优化服务。", "促进青溪民营经济发展十条措施", "Program"),
    ("制定实施稳增长九条、清洁能源十八条等政策。", "清洁能源十八条", "Program"),
    # events named by an event word
    ("成功举办第二届青溪国际马拉松赛。", "第二届青溪国际马拉松赛", "Program"),
    ("承办青溪青少年攀岩锦标赛。", "青溪青少年攀岩锦标赛", "Program"),
    ("举办第三届世界青瓷交流会等招商活动。", "第三届世界青瓷交流会", "Program"),
    # power stations, grid lines, visitor facilities, road sections
    ("青山水电站开工建设。", "青山水电站", "Project"),
    ("加快绿水抽水蓄能电站建设。", "绿水抽水蓄能电站", "Project"),
    ("加快青山500千伏输变电工程建设。", "青山500千伏输变电工程", "Project"),
    ("青川±800千伏特高压直流工程开工。", "青川±800千伏特高压直流工程", "Project"),
    ("抓好S88青山至绿水段前期工作。", "S88青山至绿水段", "Project"),
    ("推动青山（牛湾）至绿水3000吨级航道工程开工。", "青山（牛湾）至绿水3000吨级航道工程", "Project"),
    ("白鹭湖游客中心建成投用。", "白鹭湖游客中心", "Project"),
    ("加快青溪国际铁路港建设。", "青溪国际铁路港", "Project"),
    ("推进长征国家文化公园青溪段建设。", "长征国家文化公园青溪段", "Project"),
    # a list headed by a works word: every item is a project, even without a suffix
    ("加快青岭、白溪等3个水电站建设。", "白溪", "Project"),
    # quoted-event: a quote and the event word after it
    ("举办“山水青溪”马拉松赛。", "山水青溪马拉松赛", "Program"),
    # service-mode: a way of serving named with 办 is a programme, not an office
    ("推行“就近办”“秒批秒办”。", "就近办", "Program"),
    ("推行“一次办”。", "一次办", "Program"),
    # place-brand: a campaign word and a division
    ("深化平安江西建设。", "平安江西", "Program"),
    ("推进数字政府建设。", "数字政府", "Program"),
    # innovation centres, incubation bases, command centres and venues are built platforms (round three)
    ("建成青溪新材料融合创新中心。", "青溪新材料融合创新中心", "Project"),
    ("建成投用白鹭湖新材料融合创新中心。", "白鹭湖新材料融合创新中心", "Project"),  # 投用 opens no name
    ("规划建设青瓷产业技术创新中心。", "青瓷产业技术创新中心", "Project"),
    ("共建青白协同创新中心。", "青白协同创新中心", "Project"),
    ("建成青溪河智慧水务指挥调度中心。", "青溪河智慧水务指挥调度中心", "Project"),
    ("青溪软件孵化基地项目开工。", "青溪软件孵化基地", "Project"),
    ("建成城市艺术中心。", "城市艺术中心", "Project"),
    ("加快青山国际攀岩中心建设。", "青山国际攀岩中心", "Project"),
    # scope words and joint events
    ("举办全州第二届少数民族运动会暨艺术节。", "第二届少数民族运动会暨艺术节", "Program"),
])
def test_family_finds_name(text, name, label):
    assert (name, label) in entities(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("新版《天工开物》注本出版。", "天工开物"),  # a book, not a document word at its end
    ("审议《政府工作报告》。", "政府工作报告"),  # the report itself
    ("闯出一条青溪特色的发展路子。", "一条青溪"),  # a count going on into a noun
    ("推进“城乡统筹·美丽江西”建设。", "美丽江西"),  # a brand inside a longer quoted slogan
    ("举办“山水青溪”马拉松赛。", "山水青溪"),  # event-part: the quote alone names no event
    ("举办全州第二届少数民族运动会暨艺术节。", "第二届少数民族运动会"),  # joint-part
    ("建成投用青溪新材料融合创新中心。", "投用青溪新材料融合创新中心"),  # 投用 is a verb, not the name's start
    ("强化创业孵化基地建设。", "创业孵化基地"),  # a kind of base with no proper name is no project
])
def test_recall_family_does_not_overreach(text, wrong):
    assert wrong not in {name for name, _ in entities(text)}


def test_service_mode_leaves_offices_alone():
    found = entities("市园区办、招商办牵头推进“一次办”。")
    assert ("一次办", "Program") in found
    assert not {name for name, label in found if label == "Program"} & {"市园区办", "招商办", "园区办"}


# --- precision families ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("family", "text", "wrong"), [
    ("meeting", "召开全市生态环境保护大会，部署工作。", "生态环境保护大会"),
    ("meeting", "召开“美丽青溪”现场会。", "美丽青溪"),
    ("meeting", "市政府先后两次召开教育高质量发展大会。", "两次召开教育高质量发展大会"),
    ("meeting", "现将规划全文提交大会审议。", "全文提交大会"),
    ("title", "青溪镇获“全国农业产业强镇”称号。", "全国农业产业强镇"),
    ("title", "新增“生态优先”实践创新基地1个。", "生态优先"),
    ("counted-class", "新增“骨干教师”500人。", "骨干教师"),
    ("counted-class", "建成社区口袋公园12个。", "社区口袋公园"),
    ("date-code", "有效应对“7·20”洪涝灾害。", "7·20"),
    ("magnitude", "地区生产总值突破“三百亿”。", "三百亿"),
    ("class-word", "举办青溪桃花节等节会活动12场。", "节会活动"),
    ("class-word", "开展青山杯等招商活动20场。", "招商活动"),
    ("generic-head", "完成新一轮机构改革。", "新一轮机构改革"),
    ("generic-head", "以产业改革为重点。", "产业改革"),
    ("generic-head", "广泛开展群众性文化活动。", "群众性文化活动"),
    ("generic-head", "推进自治区重大标志性工程。", "自治区重大标志性工程"),
    ("class-word", "打造青石码头等文旅商特色街区。", "青石码头等文旅商特色街区"),
    ("designation", "青溪老街晋升国家级旅游休闲街区。", "国家级旅游休闲街区"),
    ("time-prefix", "落实三年行动方案。", "三年行动方案"),
    ("modifier", "以“钉子不松”的韧劲抓落实。", "钉子不松"),
    ("problem", "重拳打击“黄赌毒”。", "黄赌毒"),
    ("vision", "初步实现再造一个“工业青溪”目标。", "工业青溪"),
    ("ranking", "引进“中国500强”企业2家。", "中国500强"),
    ("numeric-run", "打造千万千瓦级能源基地。", "千万千瓦"),
])
def test_misfire_family_drops_mention(family, text, wrong):
    assert family in FAMILIES
    assert wrong not in programmes(text) | projects(text)


@pytest.mark.parametrize(("text", "name", "label"), [
    ("出台青溪民营经济十条措施。", "青溪民营经济十条措施", "Program"),  # lead-verb: 出台 cut off
    ("核准青山二级水电站。", "青山二级水电站", "Project"),  # lead-verb: 核准 cut off
    ("持续纠治“四风”。", "四风", "Program"),  # a numeric abbreviation fought is still a campaign
    ("深刻领悟“两个确立”的决定性意义。", "两个确立", "Program"),  # numeric, so no modifier
    ("新增“个转企”80家。", "个转企", "Program"),  # a short shorthand counted is a policy target
    ("成功召开第三届青商大会。", "第三届青商大会", "Program"),  # an edition makes a recurring event, not a meeting
    ("成功举办全省青瓷产业链合作推进大会。", "青瓷产业链合作推进大会", "Program"),  # hosted-event
    ("开展“乐购青溪”品牌活动。", "乐购青溪", "Program"),  # a service brand is a programme
    ("持续推进厕所革命示范村建设。", "厕所革命", "Program"),  # a programme before a designation word stays
    ("实施乡村道路安全生命防护工程。", "乡村道路安全生命防护工程", "Program"),  # class-works: no proper name
    ("完成青溪河黑臭水体治理工程。", "青溪河黑臭水体治理工程", "Project"),  # works at a named place stay a project
    ("抓好引青济白工程服务保障。", "引青济白工程", "Project"),  # named-works: a water transfer is a project
    ("推进总投资10亿元的棚户区改造工程。", "棚户区改造工程", "Project"),  # housing works stay a project
    ("开工建设青东水资源配置工程。", "青东水资源配置工程", "Project"),  # lead-verb 开工建设 and named-works
])
def test_misfire_family_keeps_real_name(text, name, label):
    assert (name, label) in entities(text)


# --- the same families on real lines, read at test time ------------------------------------------------------------

def test_document_titles_on_real_lines():
    vocab = document_vocabulary()
    lines = real_sentences(r"《([^《》\n]{4,40}(?:规划|方案|条例|办法|规范|意见|纲要))》", limit=60)
    assert len(lines) >= 20
    missed = []
    for report, sent, match in lines:
        name = re.sub(r"[“”‘’]", "", vocab.note_pattern.sub("", match.group(1)))
        if name in vocab.generic_titles:
            continue
        if (name, "Program") not in entities(sent):
            missed.append((report, name))
    assert not missed, missed


def test_meetings_on_real_lines():
    lines = real_sentences(r"召开[^，。；]{2,16}大会")
    assert lines
    for report, sent, match in lines:
        named = match.group(0)[2:]
        assert named not in programmes(sent), (report, named)
        assert not any(p.startswith("召开") for p in programmes(sent)), (report, sent)


def test_date_codes_and_magnitudes_on_real_lines():
    lines = real_sentences(r"“(\d{1,2}·\d{1,2}|[一二三四五六七八九]+[百千万亿]+)”")
    assert lines
    for report, sent, match in lines:
        assert match.group(1) not in programmes(sent), (report, match.group(1))


def test_titles_won_on_real_lines():
    lines = real_sentences(r"“([^“”]{3,20})”(?:荣誉)?称号")
    assert lines
    for report, sent, match in lines:
        assert match.group(1) not in programmes(sent), (report, match.group(1))


def test_class_words_after_deng_on_real_lines():
    lines = real_sentences(r"等([\u4e00-\u9fff]{2,4}活动)")
    assert lines
    for report, sent, match in lines:
        assert match.group(1) not in programmes(sent), (report, match.group(1))


def test_capacity_works_on_real_lines():
    lines = real_sentences(r"[\u4e00-\u9fff]{2}±?\d+千伏[\u4e00-\u9fff]{0,6}?(?:输变电工程|变电站|工程)")
    assert lines
    for report, sent, match in lines:
        found = projects(sent)
        assert any("千伏" in name for name in found), (report, sent)


def test_hydropower_stations_on_real_lines():
    lines = real_sentences(r"[、，。](?:[\u4e00-\u9fff]{2,4})水电站(?:开工|建成|投产|核准)")
    for report, sent, match in lines:
        assert any(name.endswith("水电站") for name in projects(sent)), (report, sent)


def test_policy_packages_on_real_lines():
    lines = real_sentences(r"[\u4e00-\u9fff]{4,10}[一二三四五六七八九十]{1,3}条(?:硬措施|措施)[，。、；]")
    assert lines
    for report, sent, match in lines:
        count = re.search(r"[一二三四五六七八九十]{1,3}条(?:硬措施|措施)", match.group(0)).group(0)
        assert any(name.endswith(count) and len(name) > len(count) + 1 for name in programmes(sent)), (report, sent)


def test_national_programmes_recur_across_the_archive():
    """Every entry of lexicon_programmes.jsonl is named in 10 or more archive reports (its stated criterion)."""
    import json
    from extractors.rules import PATTERNS_DIR
    rows = [json.loads(line) for line in (PATTERNS_DIR / "lexicon_programmes.jsonl").read_text(encoding="utf-8")
            .splitlines() if line.strip() and not line.startswith("#")]
    archive = [path.read_text(encoding="utf-8") for path in sorted((SHARED / "archive").glob("*/*.txt"))]
    assert len(archive) >= 100
    rare = [row["pattern"] for row in rows if sum(row["pattern"] in text for text in archive) < 10]
    assert not rare, rare


@pytest.mark.parametrize(("text", "name"), [
    ("严格落实中央八项规定精神。", "中央八项规定"),
    ("巩固拓展脱贫攻坚成果。", "脱贫攻坚"),
    ("深入推进健康中国建设。", "健康中国"),
])
def test_national_programmes_found(text, name):
    assert (name, "Program") in entities(text)


# --- the vocabulary files -----------------------------------------------------------------------------------------

def test_misfire_vocabulary_loads_every_family():
    vocab = misfire_vocabulary()
    assert vocab.lead_verbs[0] == max(vocab.lead_verbs, key=len)  # longest verb tried first


def _misfire_data(change) -> str:
    """The packaged misfires.json with one change applied (a key dropped, renamed or added)."""
    import json
    from extractors.rules import PATTERNS_DIR
    data = json.loads((PATTERNS_DIR / "misfires.json").read_text(encoding="utf-8"))
    change(data)
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(("content", "problem"), [
    (lambda: _misfire_data(lambda d: d.pop("lead_verbs")), r"missing key.*lead_verbs"),
    (lambda: _misfire_data(lambda d: d.__setitem__("lead_verb", d.pop("lead_verbs"))), r"lead_verb"),
    (lambda: _misfire_data(lambda d: d.__setitem__("lead_verbz", [])), r"unknown key lead_verbz"),
    (lambda: _misfire_data(lambda d: d.__setitem__("count_pattern", ["x"])), r"count_pattern"),
    (lambda: "[1, 2]", "JSON object"),
    (lambda: '{"lead_verbs": [', "JSON"),
])
def test_vocabulary_loader_names_file_and_problem(tmp_path: Path, content, problem):
    path = tmp_path / "misfires.json"
    path.write_text(content(), encoding="utf-8")
    with pytest.raises(KGError, match=problem) as error:
        load_vocabulary(path, MisfireVocabulary)
    assert str(path) in str(error.value)


# --- known misses ---------------------------------------------------------------------------------------------------

@pytest.mark.xfail(reason="a programme whose annotated name opens with its report verb (深化…行动) is cut at the verb",
                   strict=True)
def test_known_miss_programme_named_with_its_verb():
    assert ("深化青溪园区改革发展行动", "Program") in entities("扎实开展深化青溪园区改革发展行动。")


def test_built_centre_is_a_project():  # was a known miss before the …创新中心 suffixes (round three)
    assert ("青溪新材料融合创新中心", "Project") in entities("青溪新材料融合创新中心建成投用。")


def test_list_item_with_bracketed_phase():  # was a known miss before phase brackets stayed in items (round three)
    assert ("青岭（二期）水光互补", "Project") in entities("开工建设白溪、青岭（二期）水光互补等4个电站项目。")
