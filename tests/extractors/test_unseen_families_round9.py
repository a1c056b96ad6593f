"""Agency, place and company families found on a ninth set of archive reports nobody tuned on (branch w18g).

Found by reading 雅安, 重庆 (cities 2024), 上海市, 山东省 and 广西壮族自治区 (provinces 2026), drawn with
``random.Random(4242)`` one per level, then at random, among the archive reports that neither the closing notes,
README's quality rounds nor the round-8 reading name; judged on the six gold files and the archive_check sample.
Each family is tested on invented sentences (both ways) and on real lines of archive reports that have its shape,
read at test time from ../shared (no report text is in the repository):

- a class of counties (强县|带动弱县, 产粮大县) is no county (suffixes.jsonl place-county reject);
- two levels joined by 及/与 before 镇 (区及街镇) name no town (place-town reject);
- a movement verb before 村 (农产品出村进城, 驻村) names no village (place-village reject);
- a verb's complement before a port's name (建好|X港) and 世界大港 name no harbour (place-harbour reject); an
  adjacency phrase (沿边临港) still does: known miss, xfail;
- the ecosystem enumeration (山水林田湖草…湿地) names no wetland (suffixes_places.jsonl place-wetland reject);
- a count of levels before 局 (市县两级疾控局) names a class of bureaus (agency-bureau reject);
- a hotline answer to whoever calls (“企呼我办”, 接诉即办) is a service mode, a programme, not an office
  (documents.json service_mode_pattern).
"""
from __future__ import annotations

import pytest

from tests.extractors.entity_helpers import archive_lines, entity_names

# --- invented sentences: the rule's intent, both ways ---------------------------------------------------------


@pytest.mark.parametrize(("text", "name", "label"), [
    ("实施县域经济提升行动，提升强县产业带动弱县成效。", "产业带动弱县", "Place"),
    ("巩固提升产粮大县地位。", "产粮大县", "Place"),
    ("健全区及街镇诉求协调办理机制。", "区及街镇", "Place"),
    ("促进农产品出村进城、增值增效。", "农产品出村", "Place"),
    ("建好白鹭港、青溪港两个枢纽。", "好白鹭港", "Place"),
    ("青溪港成为年吞吐量超过1亿吨的世界大港。", "世界大港", "Place"),
    ("统筹山水林田湖草海湿地一体化保护。", "山水林田湖草海湿地", "Place"),
    ("市县两级疾控局挂牌成立。", "两级疾控局", "Agency"),
    ("“企呼我办”等新机制推动企业诉求解决率提高。", "企呼我办", "Agency"),
    ("深化“民呼我办”改革。", "民呼我办", "Agency"),
])
def test_family_drops(text, name, label):
    assert name not in entity_names(text, label)


@pytest.mark.parametrize(("text", "name", "label"), [
    ("青溪县、白鹭县入选全国百强县。", "青溪县", "Place"),
    ("加快白鹭镇、青岭镇特色小镇建设。", "白鹭镇", "Place"),
    ("青溪镇白鹭村获评全国文明村。", "青溪镇白鹭村", "Place"),
    ("建好白鹭港、青溪港两个枢纽。", "青溪港", "Place"),
    ("青溪湖国家湿地公园获批。", "青溪湖", "Place"),
    ("市疾控局挂牌成立。", "市疾控局", "Agency"),
    ("“企呼我办”等新机制推动企业诉求解决率提高。", "企呼我办", "Program"),
])
def test_family_keeps(text, name, label):
    assert name in entity_names(text, label)


@pytest.mark.xfail(reason="a clause verb before a research institute (提质发展|X研究院, 支持重点高校建设|X研究院) "
                          "stays in its name: lead verbs are trimmed from programmes and projects only, and 建设 "
                          "inside a body's name (住房和城乡建设局) is no verb", strict=True)
@pytest.mark.parametrize(("text", "name"), [
    ("提质发展青溪国际免疫研究院等新型研发机构。", "提质发展青溪国际免疫研究院"),
    ("支持重点高校建设前沿技术交叉研究院。", "重点高校建设前沿技术交叉研究院"),
])
def test_clause_verb_before_institute(text, name):
    assert name not in entity_names(text, "Agency")


@pytest.mark.xfail(reason="an adjacency phrase before 港 (沿边临港产业园) is read as a harbour; rejecting it makes the "
                          "place 临港 found inside the park's name and located there (relation sample LOCATED_IN "
                          "falls below its floor)", strict=True)
@pytest.mark.parametrize("name", ["边临港"])
def test_adjacency_before_port(name):
    assert name not in entity_names("推进青溪沿边临港产业园区建设。", "Place")


@pytest.mark.xfail(reason="a firm-in-facility word that is a product acronym or a kind (LNG|加工基地, 枢纽港|产业园) "
                          "is read as a firm: an all-capital word may be a brand (TCL), and kinds are open-ended",
                   strict=True)
@pytest.mark.parametrize(("text", "name"), [
    ("提速建设青溪燃机二期、LNG加工基地等项目。", "LNG"),
    ("加快枢纽港产业园、生命科技城建设。", "枢纽港"),
])
def test_kind_before_facility_is_no_firm(text, name):
    assert name not in entity_names(text, "Company")


# --- real lines of archive reports ----------------------------------------------------------------------------

_READ = ("city-2024/雅安.txt", "city-2024/重庆.txt", "province-2026/上海市.txt", "province-2026/山东省.txt",
         "province-2026/广西壮族自治区.txt")
_MORE = _READ + ("city-2024/乐山.txt", "city-2024/亳州.txt", "city-2024/厦门.txt", "city-2024/嘉兴.txt",
                 "city-2024/宜春.txt", "city-2024/崇左.txt", "city-2024/无锡.txt", "city-2024/遵义.txt",
                 "province-2026/陕西省.txt", "province-2026/黑龙江省.txt")


@pytest.mark.parametrize(("report", "sent", "match"), archive_lines(
    _MORE, r"(?:[强弱]县|[出进驻入]村|两级[\u4e00-\u9fff]{1,4}局|山水林田湖)", 12))
def test_class_words_real_lines(report, sent, match):
    """No place or body name is a class of counties, a movement to a village, a count of levels or the ecosystem
    enumeration."""
    bad = {n for n in entity_names(sent, "Place") | entity_names(sent, "Agency")
           if n.endswith(("强县", "弱县", "出村", "进村", "驻村", "入村")) or n.startswith("山水林田湖") or
           n.startswith(("两级", "三级"))}
    assert not bad, (report, sent)
