"""A stage verb opening a project name (开业|…购物中心, 投用|…三期) is cut off, and it gives the name its status.

The stage words are those of ``patterns/stages.jsonl`` (read here, never listed again); white space at a name's
ends (a PDF gap before a list item) is no part of the name. Real lines are read from archive reports at test
time (no report text is in the repository); invented lines test the rule both ways.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors.misfires import misfire_vocabulary
from extractors.pipeline import extract_file
from extractors.rules import PATTERNS_DIR
from extractors.statuses import stage_words
from tests.conftest import SHARED

_HEAD = "各位代表：\n一、2023年工作回顾\n"
_PLAN = "\n二、2024年工作安排\n全年工作平稳。\n"


def _extract(tmp_path: Path, body: str) -> tuple[set[str], set[tuple[str, str]]]:
    """(project and programme names, (project, status)) of a report whose review part is ``body``."""
    path = tmp_path / "r.txt"
    path.write_text(_HEAD + body + _PLAN, encoding="utf-8")
    x = extract_file(path)
    return ({e.name for e in x.entities if e.type in ("Project", "Program")}, {(s.project, s.status) for s in x.statuses})


def _stages_of(verb: str) -> set[str]:
    return set(stage_words().words[verb].stages)


def test_stage_words_are_lead_verbs_listed_once():
    # one fact in one place: misfires.json lists no stage word, yet every stage word leads like a report verb
    import json
    listed = json.loads((PATTERNS_DIR / "misfires.json").read_text(encoding="utf-8"))["lead_verbs"]
    assert not set(listed) & set(stage_words().words)
    assert set(stage_words().words) <= set(misfire_vocabulary().lead_verbs)


# --- invented lines, both ways ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "verb", "name"), [
    ("开业星河万达购物中心、云岭国际广场等6个大型商业项目。", "开业", "星河万达购物中心"),
    ("投用市青溪福利服务中心三期，加强养老服务保障。", "投用", "市青溪福利服务中心三期"),
    ("开通试运营云岭地铁3号线二期、5号线一期。", "试运营", "云岭地铁3号线二期"),
])
def test_stage_verb_is_cut_and_gives_the_status(tmp_path, body, verb, name):
    names, statuses = _extract(tmp_path, body)
    assert name in names
    assert not [n for n in names if n.startswith(verb)]
    assert any((name, stage) in statuses for stage in _stages_of(verb))


@pytest.mark.parametrize(("body", "name"), [
    # a stage word before a suffix word (大道, 路, 项目) is part of the name, not a verb over it
    ("加快开园大道改造工程建设。", "开园大道改造工程"),
    ("建成开街大道二期。", "开街大道二期"),
    ("实施开港路延伸工程。", "开港路延伸工程"),
    ("开展招引项目攻坚行动。", "招引项目攻坚行动"),
])
def test_stage_word_before_a_suffix_word_stays(tmp_path, body, name):
    names, _ = _extract(tmp_path, body)
    assert name in names


def test_verb_before_a_whole_suffix_name_is_still_cut(tmp_path):
    # the suffix word is the whole name left (大运会), not the head of a longer one
    names, _ = _extract(tmp_path, "圆满完成大运会各项保障任务。")
    assert "大运会" in names and "圆满完成大运会" not in names


def test_white_space_is_no_part_of_a_name(tmp_path):
    names, statuses = _extract(tmp_path, "开工建设云岭抽水蓄能电站、 青溪储能电站二期等项目。")
    assert "青溪储能电站二期" in names
    assert not [n for n in names if n != n.strip()]
    assert ("青溪储能电站二期", "开工") in statuses


# --- real lines of archive reports, read at test time ---------------------------------------------------------

# (report, stage verb): reports where a list or phase name opened with the verb
_REAL = [("city-2024/武汉.txt", "开业"), ("city-2024/成都.txt", "试运营"), ("city-2024/烟台.txt", "投用"),
         ("city-2024/广元.txt", "落地")]


def _sentences_with(report: str, pattern: str) -> list[str]:
    path = SHARED / "archive" / report
    if not path.exists():
        pytest.fail(f"{path} not found; set KG_SHARED_DIR")
    text = path.read_text(encoding="utf-8")
    return [s.strip() for s in re.split(r"(?<=[。；！？\n])", text) if re.search(pattern, s)]


@pytest.mark.parametrize(("report", "verb"), _REAL)
def test_real_stage_verb_lead_is_cut(tmp_path, report, verb):
    # the verb right after a mark or another stage word, then a name-like run up to 、 or ，
    shape = rf"{verb}[^，。；、\s]{{4,}}[、，]"
    found = _sentences_with(report, shape)
    assert found, f"no line of {report} has the shape"
    cut = []
    for sent in found[:12]:
        names, statuses = _extract(tmp_path, sent)
        assert not [n for n in names if n.startswith(verb) and len(n) - len(verb) >= 3], (report, names)
        for match in re.finditer(shape, sent):
            after = sent[match.start() + len(verb):]
            cut += [(n, any((n, s) in statuses for s in _stages_of(verb))) for n in names if after.startswith(n)]
    assert cut, f"no project named right after {verb} in {report}"
    assert all(has_status for _, has_status in cut), cut


def test_real_name_after_a_white_space_gap_is_trimmed(tmp_path):
    found = _sentences_with("city-2024/枣庄.txt", r"、 [^，。；、\s]{4,}电站")
    assert found
    names, _ = _extract(tmp_path, found[0])
    assert names and not [n for n in names if n != n.strip()]
