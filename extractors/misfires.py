"""Programme and project misfires: mentions that a rule found but that name no programme or project.

Each family is one small check over a mention in its text; :func:`misfire_of`
names the family that rejects a mention (or None), :func:`trim_lead_verb`
mends a name that swallowed a report verb, and :func:`drop_misfires` applies
both to a list of mentions. The families and their vocabulary
(``patterns/misfires.json``):

- ``meeting``: 召开生态环境保护大会, 召开“…”现场会 (an official meeting);
- ``title``: 获“国家农业产业强镇”称号, “绿水青山就是金山银山”实践创新基地;
- ``counted-class``: “骨干教师”500人, 良繁基地9个 (a class of things counted);
- ``date-code``: “9·5”泸定地震 (an incident named by its date);
- ``magnitude``: “五百亿”, 二十三个 (a figure);
- ``class-word``: …等节会活动, 等招商活动 (the class word closing a list);
- ``generic-head``: 产业改革, 招商活动, 新一轮政府机构改革 (a kind of work);
- ``time-prefix``: 三年行动方案 (a period and a plan word);
- ``designation``: 省级法治宣传教育基地, 世界级旅游景区, 中国晶硅光伏制造基地 (a designation or positioning, not a facility);
- ``field-item``: 市政设施、道路交通等基础设施项目 (fields of work listed, not projects);
- ``modifier``: “长牙齿”的硬措施 (a quote qualifying the noun after 的);
- ``problem``: 打击“黄赌毒”, 化解处置“问题楼盘” (the problem fought);
- ``vision``: “工业来宾”目标, “多点”发展格局 (a vision or position);
- ``ranking``: “中国500强”, “前20强”;
- ``numeric-run``: 百县千乡|万村, 千万千瓦|级 (a numeral pair that runs on);
- ``metaphor``: “火车头”作用, 做好“土特产”文章, “一票否决”风险 (a quote standing for a role, risk or field);
- ``transformation``: 从“天生丽质”向“治理提质”转变, 变“坐堂等访”为“主动下访” (two states of a change);
- ``platform``: “天下来宾”APP, “糖业云”大数据平台 (a product, not a programme);
- ``route-end``: 新都桥|至炉霍高速公路 (the start of a route, not a project);
- ``slogan-frame``: “只能更好、不能变坏”的刚性底线, “绕不开、挪不走”的问题 (a slogan of clauses framing a duty or
  a problem);
- ``outcome``: 实现“全焚烧、零填埋”。 (a slogan of clauses stating a state reached);
- ``result``: 事故起数、死亡人数实现“双下降”。 (a count of changes in figures reported);
- ``conversion``: a suffix name that is a quoted switch (“索改桥”7座: the policy, not a bridge).

A quote after a figure-of-speech verb (过“紧日子”) is a ``metaphor``; a quoted positioning (…之都) a ``vision``.

A quote right after a verb of winning (夺得, 荣登, 获评) is a ``title``.

- ``event-part``: “天下来宾” in “天下来宾”马拉松赛 (the event is named with its event word);
- ``joint-part``: 运动会 in …运动会暨艺术节 (the joint event is named whole).

A scope word (全州, 全市) opening a programme name is trimmed like a report verb. One family
retypes instead of dropping: ``service-mode`` (“一次办”, 零材料办 are ways of
serving, programmes of the reform, not offices).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from extractors.derived import derived
from extractors.documents import document_vocabulary
from extractors.matcher import affixes, any_word
from extractors.names import NUMERAL, TokenIndex, has_proper
from extractors.quotes import title_after_gap
from extractors.records import Mention
from extractors.regions import region_vocabulary
from extractors.rules import PATTERNS_DIR, RuleBook
from extractors.statuses import stage_words
from extractors.typed_data import load_vocabulary

__all__ = ["MisfireVocabulary", "misfire_vocabulary", "misfire_of", "trim_lead_verb", "cut_inner_verb", "trim_sibling_verbs",
           "retype_service_mode",
           "retype_class_works",
           "drop_misfires", "FAMILIES"]

FAMILIES = ("meeting", "title", "counted-class", "date-code", "magnitude", "class-word", "generic-head",
            "time-prefix", "designation", "field-item", "modifier", "problem", "vision", "ranking", "numeric-run",
            "metaphor", "transformation", "platform", "route-end", "slogan-frame", "outcome", "result", "conversion")
_TYPES = ("Program", "Project")
HOSTED = "program-hosted-event"
_QUOTE_RULES = ("quote", "quote-tail")
SIBLING_RULE = "program-sibling-item"
_SUFFIX_RULES = ("program-", "project-", "list-", "policy-package")
_NUMERIC_START = re.compile(r"^[一二三四五六七八九十两双百千万\d]")
_CLAUSE_TAIL = re.compile(r"[^，。；：、\n]*\Z")  # the words after the last clause mark
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class MisfireVocabulary:
    """The words and patterns of ``patterns/misfires.json``."""

    lead_verbs: tuple[str, ...]
    inner_verbs: tuple[str, ...]
    scope_words: tuple[str, ...]
    joint_markers: tuple[str, ...]
    meeting_verbs: tuple[str, ...]
    edition_pattern: re.Pattern[str]
    meeting_words: tuple[str, ...]
    title_followers: tuple[str, ...]
    designation_followers: tuple[str, ...]
    count_pattern: re.Pattern[str]
    date_code_pattern: re.Pattern[str]
    magnitude_pattern: re.Pattern[str]
    class_markers: tuple[str, ...]
    max_class_tail: int
    generic_heads: tuple[str, ...]
    generic_modifiers: tuple[str, ...]
    open_heads: tuple[str, ...]
    generic_tails: tuple[str, ...]
    modifier_leads: tuple[str, ...]
    time_prefix_pattern: re.Pattern[str]
    designation_prefixes: tuple[str, ...]
    positioning_pattern: re.Pattern[str]
    max_field_chars: int
    field_ends: tuple[str, ...]
    attributive_followers: tuple[str, ...]
    problem_verbs: tuple[str, ...]
    max_problem_field_chars: int
    target_class_followers: tuple[str, ...]
    vision_followers: tuple[str, ...]
    ranking_pattern: re.Pattern[str]
    numeric_run_followers: tuple[str, ...]
    named_works_pattern: re.Pattern[str]
    housing_works: tuple[str, ...]
    metaphor_followers: tuple[str, ...]
    transformation_pattern: re.Pattern[str]
    award_verbs: tuple[str, ...]
    metaphor_verbs: tuple[str, ...]
    verb_prefix_tags: tuple[str, ...]
    approval_verbs: tuple[str, ...]
    route_markers: tuple[str, ...]
    max_policy_field_chars: int
    level_openers: tuple[str, ...]
    max_verb_prefix_chars: int
    positioning_name_pattern: re.Pattern[str]
    platform_followers: tuple[str, ...]
    slogan_frame_pattern: re.Pattern[str]
    award_follower_pattern: re.Pattern[str]
    result_pattern: re.Pattern[str]
    system_name_pattern: re.Pattern[str]
    app_ends: str
    app_max_chars: int
    app_not_openers: str
    app_mode_ends: tuple[str, ...]
    outcome_verbs: tuple[str, ...]
    outcome_closers: str
    vision_place_marks: str
    program_inner_verbs: tuple[str, ...]
    verb_only_heads: tuple[str, ...]
    quote_programme_ends: tuple[str, ...]


@lru_cache(maxsize=1)
def misfire_vocabulary() -> MisfireVocabulary:
    """The packaged vocabulary, loaded and checked once per process."""
    vocab = load_vocabulary(PATTERNS_DIR / "misfires.json", MisfireVocabulary)
    # the stage words of stages.jsonl lead a name like the report verbs (开业|武汉京东购物中心, 试运营|地铁8号线二期);
    # longest first, so that 广泛开展 is tried before 开展 and 全面深化 before 深化
    lead_verbs = set(vocab.lead_verbs) | set(stage_words().words)
    return replace(vocab, lead_verbs=tuple(sorted(lead_verbs, key=len, reverse=True)),
                   modifier_leads=tuple(sorted(vocab.modifier_leads, key=len, reverse=True)))


def _suffix_grown(m: Mention) -> bool:
    return m.rule.startswith(_SUFFIX_RULES)


def trim_lead_verb(m: Mention, index: TokenIndex, vocab: MisfireVocabulary, rules: RuleBook | None = None) -> Mention:
    """The mention without white space at its ends and without a report or stage verb its suffix rule swallowed
    (出台|生态环境保护十条措施, 投用|市老年福利服务中心三期); a verb before a suffix word of ``rules`` (开园|大道,
    招引|项目攻坚行动) is part of the name."""
    name = m.text.strip()
    if name and name != m.text:  # white space never belongs to a name (a line break or a PDF gap before it)
        start = m.start + m.text.index(name)
        m = replace(m, start=start, end=start + len(name), text=name, name=m.name.strip())
    if m.type not in _TYPES or not _suffix_grown(m) or m.text != m.canonical:
        return m
    verb = affixes(vocab.lead_verbs).prefix(m.text)  # the longest lead verb opening the name (longest first)
    if verb is None and m.type == "Program":
        verb = next((w for w in vocab.scope_words if m.text.startswith(w)), None)
    # the verb must end on a word boundary and leave a name of at least three characters
    if verb is None or len(m.text) - len(verb) < 3 or not index.is_boundary(m.start + len(verb)):
        return m
    start = m.start + len(verb)
    # a suffix word opening a longer rest heads no name of its own (大道|改造工程): a stage word before it is part of
    # the name (开园|大道); a report verb never is (打好|中心城区…攻坚战)
    head = index.token(start).text
    if rules is not None and head in rules.suffixes and head not in rules.level_chars and len(head) < m.end - start \
            and verb in stage_words().words:
        return m
    # verbs may come in a chain (配合|接受|省环保督察): the rest is trimmed again
    return trim_lead_verb(replace(m, start=start, text=m.text[len(verb):], name=m.text[len(verb):]), index, vocab, rules)


def cut_inner_verb(m: Mention, index: TokenIndex, vocab: MisfireVocabulary) -> Mention:
    """The project name after a report verb its rule grew over (鄞州获批|国家数字种业创新应用基地); the programme name
    after a verb of taking in (常态化帮扶纳入|乡村振兴战略)."""
    if m.type == "Program" and _suffix_grown(m):
        verbs = vocab.program_inner_verbs  # a programme taken in (常态化帮扶纳入|乡村振兴战略)
    elif m.type == "Project" and (_suffix_grown(m) or m.rule.startswith("list-")):
        verbs = vocab.inner_verbs
    else:
        return m
    if m.text != m.canonical or not any_word(verbs).search(m.text):  # (most names hold none of the verbs)
        return m
    cut = 0
    for verb in verbs:
        at = m.text.find(verb)
        while at >= 0:
            after = at + len(verb)
            if index.is_boundary(m.start + at) and index.is_boundary(m.start + after) and len(m.text) - after >= 3:
                cut = max(cut, after)
            at = m.text.find(verb, at + 1)
    if not cut:
        return m
    return replace(m, start=m.start + cut, text=m.text[cut:], name=m.text[cut:])


def retype_service_mode(m: Mention, vocab: MisfireVocabulary) -> Mention:
    """“一次办”, 零材料办: a way of doing a service named with 办 is a programme, not an office."""
    if m.type == "Agency" and document_vocabulary().service_mode_pattern.match(m.canonical):
        return replace(m, type="Program")
    return m


def retype_class_works(m: Mention, index: TokenIndex, rules: RuleBook) -> Mention:
    """乡村道路安全生命防护工程, 城市生态修复工程: works named by a class of places, with no proper name, are a
    programme carried out in many places; a works name with a proper element (桂花干渠截污工程) stays a project."""
    if m.rule != "program-project-word":  # (both checks read only this rule's mentions: most are of others)
        return m
    # (a bracketed alternative word, 自然村（屯）, is no proper name: the words after the bracket are read)
    after_bracket = m.start + m.text.rfind("）") + 1
    if m.type == "Project" and \
            not has_proper(index, after_bracket, m.end, rules) and \
            not any(word in m.canonical for word in misfire_vocabulary().housing_works):
        return replace(m, type="Program")
    # named-works: a proper-named hydraulic or power work (引大济岷工程) is a project
    if m.type == "Program" and \
            misfire_vocabulary().named_works_pattern.search(m.canonical) and has_proper(index, m.start, m.end, rules):
        return replace(m, type="Project")
    return m


def misfire_of(m: Mention, index: TokenIndex, rules: RuleBook, vocab: MisfireVocabulary) -> str | None:
    """The misfire family that rejects the mention, or None when it may name a programme or project."""
    text, name = index.text, m.canonical
    # a government app in quotes (“京办”, “苏服办”), whichever rule found it (an office word ends it)
    wrapped = m.start > 0 and text[m.start - 1] in "“\"" and text.startswith(("”", "\""), m.end)
    if wrapped and _app_name(name, vocab):
        return "platform"
    # a quoted switch (“索改桥”7座) is the policy the quote rule names, not a facility of its suffix
    if wrapped and m.rule not in _QUOTE_RULES and m.type != "Program" and \
            re.match(rules.quote["conversion_pattern"], name):
        return "conversion"
    # a quoted name typed by its suffix (“中国生鱼之乡”称号, “i绵阳·爱家园”平台) is read by the quote families too
    if m.type not in _TYPES and m.rule not in _QUOTE_RULES:
        return None
    before, after = text[max(0, m.start - 6):m.start].rstrip("“\"‘"), text[m.end:m.end + 8].lstrip("”\"’")
    quoted = m.rule in _QUOTE_RULES
    # meeting: a meeting convened, named by a suffix or by a quote before a meeting word
    # (the meeting word first: most names end in none, and the clause is then never cut out)
    if (name.endswith(vocab.meeting_words) or quoted and after.startswith(vocab.meeting_words)) and \
            not vocab.edition_pattern.match(name):
        tail = _CLAUSE_TAIL.search(text, max(0, m.start - 8), m.start)  # this clause's words before it
        clause = tail.group() if tail else ""
        meeting_verb = any_word(vocab.meeting_verbs)  # (one scan for any of the verbs, not one per verb)
        if meeting_verb.search(clause) or meeting_verb.search(name):
            return "meeting"
    if quoted and after.startswith(vocab.meeting_words) and not name.endswith(vocab.meeting_words):
        return "meeting"
    # title: a title won or the qualifier of a designation
    if (quoted or _suffix_grown(m)) and after.startswith(vocab.title_followers) or \
            quoted and (after.startswith(vocab.designation_followers) or name.endswith(vocab.designation_followers)):
        return "title"
    # …and a suffix name that is the whole quoted title after a verb of winning (获评“国家优质工程”, 被授予“…教育基地”,
    # 获评“…优质工程奖”): the title, not a programme or a facility (a policy nested in a longer title stays: 争创“四好
    # 农村路”示范县)
    if _suffix_grown(m) and m.start > 0 and text[m.start - 1] == "“" and text.startswith(("”", "奖”"), m.end) and \
            text[max(0, m.start - 7):m.start - 1].endswith((*rules.quote["title_triggers"], *vocab.award_verbs)):
        return "title"
    # counted-class: a quoted noun phrase, or a suffix name with no proper element, right before a count
    # (a facility counted right after its suffix word, 良繁基地|9个, is a class even with an unknown word)
    # (the last item of a list closed by its count, 甲、乙、丙3个项目, is counted as a list, not as a class)
    if vocab.count_pattern.match(after) and not m.rule.startswith("list-") and \
            (quoted and _plain_noun_phrase(m, index) or
             _suffix_grown(m) and (not has_proper(index, m.start, m.end, rules) or
                                   m.type == "Project" and not m.rule.startswith("list-") and
                                   text[m.end:m.end + 1].isdigit())):
        return "counted-class"
    if m.rule == "quote" and text.startswith(document_vocabulary().event_words, m.end + 1):
        return "event-part"
    if quoted and vocab.date_code_pattern.match(name):
        return "date-code"
    plain = not _NUMERIC_START.match(name) and "、" not in name
    chained = _chained_before(text, m.start) if m.rule == "quote" else ""  # (read by three quote families)
    if quoted and m.rule == "quote" and plain and after.startswith(vocab.attributive_followers):
        return "modifier"
    if quoted and m.rule == "quote" and plain and _after_problem_verb(chained, vocab) and \
            not after.startswith(vocab.target_class_followers):
        return "problem"  # 重拳打击“盗抢骗”“黄赌毒”: every quote of the chain is a problem fought
    if quoted and m.rule == "quote" and plain and after.startswith(vocab.vision_followers):
        return "vision"
    if quoted and m.rule == "quote" and after.startswith(vocab.metaphor_followers):
        return "metaphor"
    if quoted and m.rule == "quote" and plain and chained.endswith(vocab.metaphor_verbs):
        return "metaphor"
    if quoted and m.rule == "quote" and vocab.positioning_name_pattern.search(_SPACE.sub("", name)):
        return "vision"
    if quoted and m.rule == "quote" and _place_to_become(m, index, vocab):
        return "vision"
    if quoted and m.rule == "quote" and (after.startswith(vocab.platform_followers) or
                                         vocab.system_name_pattern.search(name)):
        return "platform"
    # a count of changes in figures closing its clause (实现“双下降”。) is a result reported
    if (quoted and m.rule == "quote" or wrapped) and vocab.result_pattern.match(name) and \
            text[m.end + 1:m.end + 2] in tuple(vocab.outcome_closers):
        return "result"
    # a slogan of clauses (“A、B”) framing a duty or a problem, or stating a state reached
    if quoted and m.rule == "quote" and "、" in name:
        if vocab.slogan_frame_pattern.match(after):
            return "slogan-frame"
        # (service modes reached, 实现“就近办、家门口办”, stay programmes of the reform)
        if before.endswith(vocab.outcome_verbs) and text[m.end + 1:m.end + 2] in tuple(vocab.outcome_closers) and \
                not any(item.endswith("办") for item in name.split("、")):
            return "outcome"
        if chained.endswith(vocab.problem_verbs):
            return "problem"  # 坚决杜绝“光喊口号、不见行动”
    if quoted and m.rule == "quote" and _in_transformation(m, text, vocab):
        return "transformation"
    if quoted and m.rule == "quote" and (before.endswith(vocab.award_verbs) or vocab.award_follower_pattern.match(after)
                                         or wrapped and title_after_gap(text, m.start - 1, m.end + 1, rules.quote)):
        return "title"
    if quoted and vocab.ranking_pattern.search(name):
        return "ranking"
    if m.rule.startswith("numeric") and text.startswith(vocab.numeric_run_followers, m.end):
        return "numeric-run"
    if (quoted or m.rule.startswith("numeric")) and vocab.magnitude_pattern.match(name):
        return "magnitude"
    if _suffix_grown(m) and not m.rule.startswith("list-") and m.type == "Project" and \
            any(0 <= name.find(k) for k in vocab.class_markers):
        return "class-word"  # 亭子码头等文旅商特色街区: a list closed by its class, not one facility
    if _suffix_grown(m) and not m.rule.startswith("list-"):
        # class-word: the name opens right after 等 (…等|招商活动) or holds it (情歌节等节会活动)
        if before.endswith(vocab.class_markers) or \
                any(0 <= name.find(k) and len(name) - name.find(k) - len(k) <= vocab.max_class_tail
                    for k in vocab.class_markers):
            return "class-word"
        head = _generic_head_word(name, vocab)  # (read by both families: found once)
        if _generic_head(name, head, vocab) or m.type == "Program" and _verb_prefix(m, index, head, vocab):
            return "generic-head"
        if vocab.time_prefix_pattern.match(name) and not has_proper(index, m.start, m.end, rules):
            return "time-prefix"
    if m.type == "Project" and _suffix_grown(m) and not m.rule.startswith("list-") and \
            text.startswith(vocab.route_markers, m.end):
        return "route-end"
    if m.type == "Project" and name.startswith(vocab.level_openers) and before.endswith(vocab.approval_verbs):
        return "designation"
    if m.type == "Project" and _suffix_grown(m) and (name.startswith(vocab.designation_prefixes) or
                                                     vocab.positioning_pattern.search(name)):
        return "designation"
    # field-item: an item of a project list that is a short common field (市政设施、道路交通等基础设施项目)
    if m.type == "Project" and m.rule.startswith("list-") and len(name) <= vocab.max_field_chars and \
            name.endswith(vocab.field_ends) and not has_proper(index, m.start, m.end, rules):
        return "field-item"
    # …or a field of policy written as a verb phrase (产业结构调整, 保障和改善民生): no proper name, no works word
    if m.type == "Project" and m.rule.startswith("list-") and _policy_field(m, index, rules, vocab):
        return "field-item"
    return None


_QUOTE_JOINERS = "、和及与"
_QUOTE_RUN = re.compile(rf"(?:“[^“”]{{1,20}}”[{_QUOTE_JOINERS}]?)+$")


def _app_name(name: str, vocab: MisfireVocabulary) -> bool:
    """A government app: a short name opening with a division's abbreviation and ending in a service character
    (京办, 渝快办, 闽政通), not a service mode (川渝通办)."""
    return 2 <= len(name) <= vocab.app_max_chars and name[0] in _division_abbreviations() and \
        name[0] not in vocab.app_not_openers and \
        name[-1] in vocab.app_ends and not name.endswith(vocab.app_mode_ends)


@lru_cache(maxsize=1)
def _division_abbreviations() -> frozenset[str]:
    """The provinces' one-character abbreviations and the cities' listed ones (蓉, 穗, 甬) from regions.json."""
    vocab = region_vocabulary()
    rows = [line.split() for line in (*vocab.provinces, *vocab.city_abbreviations)]
    return frozenset(ch for row in rows for ch in row[1:] if len(ch) == 1)


def _after_problem_verb(before: str, vocab: MisfireVocabulary) -> bool:
    """``before`` ends with a verb of fighting, or with one and the short field it acts on (降低义务教育|“大班额”,
    遏制耕地|“非农化”, 解决群众|“急难愁盼”)."""
    if before.endswith(vocab.problem_verbs):
        return True
    for k in range(1, vocab.max_problem_field_chars + 1):
        field = before[len(before) - k:]
        if len(field) < k or not all("\u4e00" <= ch <= "\u9fff" for ch in field) or "的" in field:
            return False
        if before.endswith(vocab.problem_verbs, 0, len(before) - k):
            return True
    return False


def _place_to_become(m: Mention, index: TokenIndex, vocab: MisfireVocabulary) -> bool:
    """The quote ends in a place word right after a mark of becoming (经济繁荣新|河池, 六新|河池): a vision."""
    last = index.token_at(m.end - 1)
    return last is not None and last.end == m.end and last.tag == "ns" and last.start - 1 > m.start and \
        index.text[last.start - 1] in vocab.vision_place_marks


def _chained_before(text: str, start: int) -> str:
    """The words before a quote and the quotes chained before it (打击“盗抢骗”|“黄赌毒” → …打击)."""
    lo = max(0, start - 60)
    before = text[lo:start].rstrip("“\"‘")
    # a run of quotes ends the words (or the words but a last line break, where $ also matches) with a closing
    # quote, or with one and a joining word: most quotes have none before them, and the scan is then skipped
    tail = before[:-1] if before.endswith("\n") else before
    if not (tail.endswith("”") or tail[-1:] in _QUOTE_JOINERS and tail[-2:-1] == "”"):
        return before
    run = _QUOTE_RUN.search(before)
    return before[:run.start()] if run else before


def _in_transformation(m: Mention, text: str, vocab: MisfireVocabulary) -> bool:
    """The quote is one of the two states of a change written 从“A”向“B” / 变“A”为“B” / “A”变成“B”."""
    window = 40
    lo = max(0, m.start - window)
    for match in vocab.transformation_pattern.finditer(text, lo, min(len(text), m.end + window)):
        if match.start() <= m.start and m.end <= match.end():
            return True
    return False


def _plain_noun_phrase(m: Mention, index: TokenIndex) -> bool:
    """A quote of four or more characters without numerals (but inside a place word) or verbs (骨干教师, 口袋公园,
    长三角名医工作室).

    A numeric abbreviation (“两点一哨”2个) or a short verb shorthand (“个转企”80家) counted is a policy target.
    """
    if len(m.canonical) < 4:
        return False
    i = index.at[m.start]
    while i < len(index.tokens) and index.tokens[i].start < m.end:
        token = index.tokens[i]
        if token.tag.startswith("v"):
            return False
        # (a numeral inside a place word, 长三角|名医工作室, counts nothing)
        if token.tag != "ns" and any(ch.isdigit() or ch in NUMERAL for ch in token.text):
            return False
        i += 1
    return True


def _policy_field(m: Mention, index: TokenIndex, rules: RuleBook, vocab: MisfireVocabulary) -> bool:
    """A list item that names a field of policy: no proper element, no facility suffix, and a verb of policy
    at its end (产业结构|调整) or a field word after a verb (保障和改善|民生)."""
    name = m.canonical
    # a facility or body word anywhere in it (市第五医院|迁建) makes the item a works, not a field
    if len(name) > vocab.max_policy_field_chars or has_proper(index, m.start, m.end, rules) or \
            any(len(word) > 1 and any(r.label in ("Project", "Agency") for r in rules.suffixes[word])
                for _, word in rules.suffix_automaton.iter(name)):
        return False
    last = index.token_at(m.end - 1)
    verbs = [t for t in index.tokens[index.at[m.start]:index.at[m.end - 1] + 1] if t.tag.startswith("v")]
    return last is not None and (last.tag in ("v", "vn") or
                                 name.endswith(vocab.field_ends) and (bool(verbs) or last.tag == "l"))


def _head_order(vocab: MisfireVocabulary) -> tuple[dict[str, int], tuple[int, ...]]:
    """Each generic head's first place in the data, and the lengths of the heads (built once per vocabulary)."""
    order: dict[str, int] = {}
    for i, head in enumerate(vocab.generic_heads):
        order.setdefault(head, i)
    return order, tuple(sorted({len(head) for head in order}))


def _generic_modifier_set(vocab: MisfireVocabulary) -> frozenset[str]:
    return frozenset(vocab.generic_modifiers)


def _generic_head_word(name: str, vocab: MisfireVocabulary) -> str | None:
    """The first generic head of the data that ends ``name`` (the answer of a scan of the list in its order,
    ``next(h for h in generic_heads if name.endswith(h))``, in one look-up per head length)."""
    order, lengths = derived(vocab, _head_order)
    found = [order[tail] for size in lengths if size <= len(name) and (tail := name[len(name) - size:]) in order]
    return vocab.generic_heads[min(found)] if found else None


def _verb_prefix(m: Mention, index: TokenIndex, head: str | None, vocab: MisfireVocabulary) -> bool:
    """A short prefix read as a verb, adjective or adverb before a programme word (迈入|工程, 注重|改革); ``head`` is
    the generic head ending the name (:func:`_generic_head_word`)."""
    if head is None or len(m.canonical) - len(head) > vocab.max_verb_prefix_chars or m.text != m.canonical:
        return False
    first = index.token_at(m.start)
    return first is not None and first.start == m.start and first.end == m.end - len(head) and \
        first.tag in vocab.verb_prefix_tags


def _generic_head(name: str, head: str | None, vocab: MisfireVocabulary) -> bool:
    """X + a programme word with X a generic field (产业|改革, 新一轮|政府机构|改革); ``head`` is the generic head ending
    ``name`` (:func:`_generic_head_word`)."""
    if head is None or head in vocab.verb_only_heads:
        return False
    modifier = name[:-len(head)]
    lead = affixes(vocab.modifier_leads).prefix(modifier) or ""  # the longest lead (the leads are longest first)
    # (a lead that is itself a generic modifier, 诸多|战略, leaves the modifier whole)
    modifiers = derived(vocab, _generic_modifier_set)
    if modifier in modifiers or modifier[len(lead):] in modifiers:
        return True
    # an activity or works word after a generic field word (群众性文化|活动, 国内国际重大赛事|活动, …重大|工程)
    return head in vocab.open_heads and modifier.endswith(vocab.generic_tails)


def drop_misfires(mentions: Iterable[Mention], index: TokenIndex, rules: RuleBook) -> list[Mention]:
    """The mentions with swallowed report verbs trimmed and every misfire family's matches dropped."""
    vocab = misfire_vocabulary()
    out = []
    for m in mentions:
        m = cut_inner_verb(trim_lead_verb(retype_class_works(retype_service_mode(m, vocab), index, rules), index, vocab, rules),
                           index, vocab)
        if misfire_of(m, index, rules, vocab) is None:
            out.append(m)
    out = [m for m in out if not (m.type == "Program" and _suffix_grown(m) and _piece_of_quote(m, index.text, vocab, rules.stop_words))]
    return _without_nested_heads(_without_hosted_duplicates(_without_joint_parts(out, index.text, vocab)), index.text)


_PHASE_OR_STATUS = re.compile(r"(?:[一二三四五六七八九十\d]+期|（|\(|项目|工程)")  # matched at the name's end


def trim_sibling_verbs(mentions: list[Mention], index: TokenIndex, rules: RuleBook) -> list[Mention]:
    """A sibling item of a programme list (:func:`extractors.lists.sibling_items`, found after the misfire pass)
    without the report verb that opens its clause (提标升级|城市防洪工程、海塘安澜工程)."""
    vocab, out = misfire_vocabulary(), []
    spans = {(m.start, m.end) for m in mentions}
    for m in mentions:
        if m.rule == SIBLING_RULE:
            trimmed = trim_lead_verb(m, index, vocab, rules)
            if trimmed is not m and (trimmed.start, trimmed.end) in spans:
                continue  # (the rest is a name found already)
            m = trimmed
        out.append(m)
    return out


def _piece_of_quote(m: Mention, text: str, vocab: MisfireVocabulary, stops: frozenset[str]) -> bool:
    """cut-in-quote: the name lies inside a quoted programme name and is not all of it (“一号改革|工程”, “共同|成长计划”)."""
    window = 40
    lo = text.rfind("“", max(0, m.start - window), m.start)
    if lo < 0 or "”" in text[lo + 1:m.start]:
        return False
    hi = text.find("”", m.end, m.end + window)
    if hi < 0 or "“" in text[m.end:hi] or (lo + 1, hi) == (m.start, m.end):
        return False
    core, lead = text[lo + 1:hi], text[lo + 1:m.start]
    # (a quoted task, “深化商事制度改革”, names the programme after its verb)
    return core.endswith(vocab.quote_programme_ends) and not any(ch in "、，,；‘《" for ch in core) and \
        not (lead and (lead in stops or lead.endswith(vocab.lead_verbs)))


def _without_nested_heads(mentions: list[Mention], text: str) -> list[Mention]:
    """A facility named at the start of a longer works name (内蒙古腾格里沙漠基地|送电江西工程) is part of it,
    not a project of its own; a phase or a bracket after it (…基地|一期) keeps it as the short form."""
    longer: dict[int, int] = {}
    # a longer works name or quote (“枫桥式…”), not a document or plan named after the facility (…景区总体规划)
    for m in mentions:
        if m.type == "Project" or m.rule == "program-project-word" or m.rule in _QUOTE_RULES:
            longer[m.start] = max(longer.get(m.start, m.end), m.end)
    out = []
    for m in mentions:
        end = longer.get(m.start, m.end)
        # (a park hosts the works named after it, 迁江工业园|源网荷储一体化: the park stays a project of its own)
        if m.type == "Project" and m.rule.startswith("project-") and end > m.end and text[m.end - 1] != "园" and \
                not _PHASE_OR_STATUS.match(text, m.end) and not re.search(r"[，。；、：\s]", text[m.end:end]):
            continue
        out.append(m)
    return out


def _without_hosted_duplicates(mentions: list[Mention]) -> list[Mention]:
    """A hosted event (举办…大会) that another programme name ends with is that name grown too far left."""
    ends = {m.end for m in mentions if m.type == "Program" and m.rule != HOSTED}
    return [m for m in mentions if not (m.rule == HOSTED and m.end in ends)]


def _without_joint_parts(mentions: list[Mention], text: str, vocab: MisfireVocabulary) -> list[Mention]:
    """joint-part: the first event of A暨B is named with the second (…运动会暨艺术节), not alone."""
    joint = [(m.start, m.end) for m in mentions if m.type == "Program" and any(k in m.text for k in vocab.joint_markers)]
    if not joint:
        return mentions
    return [m for m in mentions
            if not (m.type == "Program" and text.startswith(vocab.joint_markers, m.end) and
                    any(s <= m.start and m.end < e for s, e in joint))]
