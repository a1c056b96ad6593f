"""The jieba wrapper: a private dictionary, per-document words, offsets."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.segment import get_segmenter


@pytest.fixture(scope="module")
def segmenter():
    return get_segmenter()


@pytest.mark.parametrize("text, word", [("推进雪亮工程建设", "雪亮工程"), ("推动三供一业改造", "三供一业")])
def test_segment_extra_words_keep_terms_whole(segmenter, text, word):
    assert word not in segmenter.words(text)  # jieba's default dictionary splits them (pinned behaviour)
    with segmenter.extra_words([(word, "nz")]):
        tokens = segmenter.tokens(text)
        assert word in [t.text for t in tokens]
        assert next(t for t in tokens if t.text == word).tag == "nz"
    assert word not in segmenter.words(text)  # restored after the block


def test_segment_does_not_touch_global_jieba(segmenter):
    import jieba

    before = dict(jieba.dt.FREQ) if jieba.dt.FREQ else None
    with segmenter.extra_words([("雪亮工程", "nz")]):
        segmenter.tokens("推进雪亮工程建设")
    assert (dict(jieba.dt.FREQ) if jieba.dt.FREQ else None) == before
    assert "雪亮工程" not in (jieba.dt.FREQ or {})


def test_segment_offsets_cover_text(segmenter, hetang_text):
    text = hetang_text[:3000]
    tokens = segmenter.tokens(text)
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start:t.end] == t.text for t in tokens)


def test_segment_dot_splits_compound_name(segmenter):
    # jieba issue 749: '·' always splits, so names are found on characters, not tokens
    tokens = segmenter.words("株洲·中国动力谷·新材料城")
    assert "·" in tokens and len(tokens) > 3


def _reports(corpus_dir):
    archive = corpus_dir.parent / "archive"
    paths = sorted(corpus_dir.glob("*.txt"))
    if archive.is_dir():  # every fifth report of the archive too: other provinces, other phrasing
        paths += sorted(archive.rglob("*.txt"))[::5]
    return paths


def test_segment_words_are_exactly_jiebas_on_real_reports(corpus_dir):
    # Segmenter segments block by block with its own route search and remembers repeated blocks
    # (kg build's hot spot); the words must stay jieba's own, word for word, whatever the text
    from extractors.segment import Segmenter

    segmenter = Segmenter()
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in _reports(corpus_dir)]
    texts.append("ab12.5%  x\r\n\t——“雪亮工程”·株洲 C++ 3.0-rc #1 ")  # skip pieces, letters, digits, symbols
    for text in texts:
        assert segmenter.words(text) == segmenter.tokenizer.lcut(text)
    for text in texts[:3]:  # a second time: from the remembered blocks
        assert segmenter.words(text) == segmenter.tokenizer.lcut(text)


def test_segment_remembered_blocks_follow_the_dictionary():
    from extractors.segment import Segmenter

    segmenter = Segmenter()
    text = "推进雪亮工程建设。推进雪亮工程建设"
    before = segmenter.words(text)
    with segmenter.extra_words([("雪亮工程", "nz")]):
        assert "雪亮工程" in segmenter.words(text) and segmenter.words(text) == segmenter.tokenizer.lcut(text)
    assert segmenter.words(text) == before == segmenter.tokenizer.lcut(text)
    segmenter.tokenizer.add_word("亮工程建", freq=10**7)  # a word added behind the segmenter's back counts too
    assert segmenter.words(text) == segmenter.tokenizer.lcut(text) != before


def test_segment_two_documents_words_with_equal_counts_share_no_memory(monkeypatch):
    """Two extra_words blocks in a row whose words leave the same total and dictionary size (equal suggested
    frequencies, equal numbers of new prefixes) still segment by their own words."""
    from extractors.segment import Segmenter

    segmenter = Segmenter()
    monkeypatch.setattr(segmenter.tokenizer, "suggest_freq", lambda word, tune=False: 500)
    text = "推进戊己庚辛鼋鼍蛟螭建设"
    frequency = segmenter.tokenizer.FREQ
    assert [word[:i] in frequency for word in ("戊己庚辛", "鼋鼍蛟螭") for i in (2, 3, 4)] == [False] * 6
    with segmenter.extra_words([("戊己庚辛", "nz")]):
        first = segmenter.words(text)
    with segmenter.extra_words([("鼋鼍蛟螭", "nz")]):
        second = segmenter.words(text)
        assert second == segmenter.tokenizer.lcut(text)
    assert "戊己庚辛" in first and "鼋鼍蛟螭" in second


def test_segment_hmm_words_are_jiebas_finalseg(corpus_dir):
    """The HMM words of a run of single characters (our Viterbi with back pointers) are jieba's
    ``finalseg.cut`` word for word: every run the dictionary leaves single in real reports, their pieces,
    Latin, digits and marks mixed in, characters the model never saw, and a forced split word."""
    import random

    import jieba.finalseg as finalseg

    from extractors.segment import Segmenter, _hmm_words

    segmenter = Segmenter()
    runs: set[str] = set()
    original = segmenter._hmm_cut

    def record(run: str) -> tuple[str, ...]:
        runs.add(run)
        return original(run)

    segmenter._hmm_cut = record  # type: ignore[method-assign]  # collect the runs handed to the HMM
    for path in _reports(corpus_dir)[:8]:
        segmenter.words(path.read_text(encoding="utf-8", errors="replace"))
    assert len(runs) > 500
    rng = random.Random(3)
    pool = "".join(sorted({ch for run in runs for ch in run})) + "ab12.5%X#鿕龘〇"
    odd = ["一", "的的的的", "ab12.5%", "雪亮ab工程12", "鿕龘", "〇〇年", "abc", "12", "%%"]
    odd += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 12))) for _ in range(2000)]
    for run in sorted(runs) + odd + [run[1:] for run in runs if len(run) > 2]:
        assert _hmm_words(run, finalseg) == tuple(finalseg.cut(run)), run
    finalseg.add_force_split("的的")
    try:
        assert _hmm_words("的的的的", finalseg) == tuple(finalseg.cut("的的的的"))
    finally:
        finalseg.Force_Split_Words.discard("的的")


def test_segment_token_tags_from_remembered_blocks_are_the_dictionarys(corpus_dir):
    """Tags are remembered with each block's words: every token's tag is the dictionary's tag of its word, on
    first sight and from memory, inside a document's extra words (their own tag) and after them."""
    from extractors.segment import Segmenter

    segmenter = Segmenter()
    text = (corpus_dir / "hetang-2019.txt").read_text(encoding="utf-8")[:8000] + "推进雪亮工程建设。ab12.5%，“C++”"

    def check() -> list:
        tokens = segmenter.tokens(text)
        assert [t.tag for t in tokens] == [segmenter.tag_of(t.text) for t in tokens]
        return tokens

    first = check()
    assert check() == first  # from the remembered blocks
    assert ("建设", "vn") in {(t.text, t.tag) for t in first}
    with segmenter.extra_words([("雪亮工程", "nz"), ("建设", "nz")]):  # a new word, and a known one retagged
        inside = check()
        assert {("雪亮工程", "nz"), ("建设", "nz")} <= {(t.text, t.tag) for t in inside}
    assert check() == first


def test_segment_dictionary_comes_from_one_cache_of_jiebas_own(tmp_path, monkeypatch):
    """Word counts, total and tags are jieba's, whether read from jieba (and written to the cache folder) or from
    the one cache file; a cache of another dictionary state or a damaged file is not used; a read-only cache
    folder still works (jieba is asked)."""
    import marshal
    import sys

    import jieba
    import jieba.posseg

    from extractors import segment

    reference = jieba.Tokenizer()
    reference.initialize()
    expected = dict(jieba.posseg.dt.word_tag_tab)

    def load() -> tuple[dict, dict, int]:
        tokenizer = jieba.Tokenizer()
        tags = segment._load_dictionary(tokenizer, jieba)
        assert tokenizer.initialized
        return tags, tokenizer.FREQ, tokenizer.total

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    assert load() == (expected, reference.FREQ, reference.total)  # from jieba (posseg imported here), cache written
    [cache] = [p for p in tmp_path.iterdir() if p.name.startswith(segment._DICTIONARY_CACHE)]
    key, freq, total, tags = marshal.loads(cache.read_bytes())
    assert (freq, total, tags) == (reference.FREQ, reference.total, expected)
    monkeypatch.delitem(sys.modules, "jieba.posseg")  # as in a fresh process: read from the cache
    cache.write_bytes(marshal.dumps((key, {"雪亮": 7}, 7, {"雪亮": "nz"})))
    assert load() == ({"雪亮": "nz"}, {"雪亮": 7}, 7)  # (the cache is what is read)
    cache.write_bytes(marshal.dumps(((key[0], (key[1][0], key[1][1] + 1, key[1][2]), *key[2:]), {"雪亮": 7}, 7, {})))
    assert load() == (expected, reference.FREQ, reference.total)  # another dictionary file: jieba's again
    cache.write_bytes(b"\x00garbage")
    assert load() == (expected, reference.FREQ, reference.total)
    assert marshal.loads(cache.read_bytes())[1:] == (reference.FREQ, reference.total, expected)  # written again
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocked / "cache"))  # a folder that cannot be made (root writes anywhere)
    assert load() == (expected, reference.FREQ, reference.total)


# Words jieba-rs's own HMM (emission table rounded to six decimals) splits otherwise than jieba: the HMM step is jieba's.
_HMM_NEAR_TIES = ["韧杭汽珍", "冻信稳竿须&韧杭汽珍涡见减系&", "乔膜应脊槃桶鿕"]


def test_segment_best_route_comes_from_jieba_rs_with_jiebas_dictionary():
    from extractors.segment import Segmenter

    segmenter = Segmenter()
    assert segmenter._native is not None  # (rjieba is a dependency: the fast path is the one the tests check)
    for text in _HMM_NEAR_TIES:
        assert segmenter.words(text) == segmenter.tokenizer.lcut(text)


@pytest.mark.parametrize("text", [
    "推进5G-A网络建设，PM_2.5浓度下降，31.5GW光伏，1.2.3版，AT&T与C++、T恤衫",  # joined Latin runs, dictionary words
    "鿖鿿㐀豈𠀀𪜀中国\u9fd5建设㐀经济",  # characters jieba-rs counts as Chinese and jieba does not
    "ab12 cd\r\n\t\u3000\x1c推进\r\r\n建设\x00雪亮工程",  # whitespace, \\r\\n, a NUL
    "GDPCPIPPI增长abc123",  # a run of Latin letters and digits no dictionary word covers
    "",
])
def test_segment_native_words_are_jiebas_on_odd_text(segmenter, text):
    assert segmenter.words(text) == segmenter.tokenizer.lcut(text)
    assert [t.tag for t in segmenter.tokens(text)] == [segmenter.tag_of(w) for w in segmenter.tokenizer.lcut(text)]


def test_segment_native_words_are_jiebas_on_random_text(corpus_dir):
    """Random strings of the characters of real reports, Latin letters, digits, jieba's block marks, whitespace and
    characters only jieba-rs counts as Chinese: jieba-rs's route plus jieba's HMM step give jieba's words."""
    import random

    from extractors.segment import Segmenter

    segmenter = Segmenter()
    rng = random.Random(11)
    pool = "".join(sorted({c for p in _reports(corpus_dir)[:6] for c in p.read_text(encoding="utf-8", errors="replace")}))
    odd = "abcXYZ0123456789+#&._%-\r\n \t\u3000鿖㐀𠀀\u9fd5"
    for _ in range(5000):
        text = "".join(rng.choice(odd) if rng.random() < 0.4 else rng.choice(pool) for _ in range(rng.randint(1, 30)))
        assert segmenter.words(text) == segmenter.tokenizer.lcut(text), text


def test_segment_words_inside_extra_words_are_jiebas_on_real_reports(corpus_dir):
    """With per-document words the dictionary is not jieba's own: jieba's word graph walked in Python, block by block,
    with extra words that are new, that are dictionary words (their count changes), and that overlap both."""
    from extractors.segment import Segmenter

    segmenter = Segmenter()
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in _reports(corpus_dir)[::4]]
    extra = [("雪亮工程", "nz"), ("工程建设", "nz"), ("发展质量", "nz"), ("高质量发展", "nz"), ("量发", "nz"), ("营商环境", "nz")]
    with segmenter.extra_words(extra):
        assert segmenter._native is not None and segmenter.tokenizer.FREQ["量发"]  # (the native path is off here)
        for text in texts + _HMM_NEAR_TIES:
            assert segmenter.words(text) == segmenter.tokenizer.lcut(text)
    for text in texts[:2]:
        assert segmenter.words(text) == segmenter.tokenizer.lcut(text)


def test_segment_native_route_needs_a_dictionary_without_latin_runs():
    """jieba-rs joins the single Latin letters and digits of a route, so a dictionary word made of them only would be
    ambiguous: such a dictionary is segmented in Python. A total above the counts (a repeated line) is carried."""
    from extractors.segment import Segmenter, _native_cutter

    assert _native_cutter({"ab": 5, "a": 1, "b": 1}, 7) is None
    assert _native_cutter({"中国": 5}, 4) is None  # counts above the total: not jieba's arithmetic
    assert _native_cutter({"中国": 5, "中": 0}, 9) is not None
    segmenter = Segmenter()
    segmenter.tokenizer.add_word("ab12", freq=10**6)  # behind the segmenter's back: the dictionary is not the native one
    text = "推进ab12项目和ab12x建设"
    assert segmenter.words(text) == segmenter.tokenizer.lcut(text)
    assert "ab12" in segmenter.words(text)


def _fresh_process_lines(script: str) -> list[str]:
    """The lines a Python ``script`` prints in a fresh process started in the repository (import-time behaviour)."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=str(Path(__file__).resolve().parents[2]))
    return done.stdout.split("\n")


def test_jieba_is_imported_without_pkg_resources():
    """try_jieba_import keeps jieba from importing pkg_resources (a start-up cost in every worker) and jieba still
    finds its own files (the dictionary and the tag table) and the block is lifted afterwards."""
    script = ("import sys\n"
              "from extractors.segment import try_jieba_import\n"
              "jieba = try_jieba_import(posseg=True)\n"
              "print('pkg_resources' in sys.modules, len(jieba.posseg.dt.word_tag_tab) > 300000,\n"
              "      jieba.lcut('雪亮工程建设进展顺利') == ['雪亮', '工程建设', '进展', '顺利'])\n"
              "print(sys.modules.get('pkg_resources', 'absent'))\n")
    first, second = _fresh_process_lines(script)[:2]
    assert first == "False True True"
    assert second == "absent"  # the block is lifted: a later import of pkg_resources works as usual


def test_other_threads_wait_while_a_report_has_extra_words():
    """A Dask worker runs several threads in one process: while one report's words are in the dictionary, another
    thread's segmentation waits for the block to end and gets jieba's own words, not that report's."""
    import threading  # noqa: PLC0415
    import time  # noqa: PLC0415

    segmenter = get_segmenter()
    text = "雪亮工程建设进展顺利"
    plain = segmenter.words(text)
    assert "雪亮工程建设" not in plain
    inside, seen = threading.Event(), []

    def other_thread() -> None:
        inside.wait()
        seen.append(segmenter.words(text))

    worker = threading.Thread(target=other_thread)
    worker.start()
    with segmenter.extra_words([("雪亮工程建设", "nz")]):
        assert "雪亮工程建设" in segmenter.words(text)
        inside.set()
        time.sleep(0.3)  # the other thread tries to segment now
        assert seen == []  # ... and waits
    worker.join(timeout=30)
    assert seen == [plain]


def test_jieba_rs_class_is_loaded_without_its_default_dictionary():
    """_rjieba_class loads rjieba's extension module without the package's __init__ (which builds an instance over
    jieba-rs's own dictionary that is never used); a later ``import rjieba`` still works and finds the same class."""
    script = ("import sys\n"
              "from extractors.segment import _rjieba_class\n"
              "cls = _rjieba_class()\n"
              "print('rjieba' in sys.modules, cls.__name__, _rjieba_class() is cls)\n"
              "import rjieba\n"
              "print(rjieba.Jieba is cls, rjieba.cut('雪亮工程建设进展顺利', False) == ['雪亮', '工程建设', '进展', '顺利'])\n")
    assert _fresh_process_lines(script)[:2] == ["False Jieba True", "True True"]


def test_segment_dictionary_cache_shares_the_words_of_counts_and_tags(tmp_path, monkeypatch):
    """The cache file keys the tags by the counts' own strings and holds each tag once, so that reading it decodes
    each word once (the layout is part of the key: a file of an older layout is written again)."""
    import sys  # noqa: PLC0415

    import jieba  # noqa: PLC0415

    from extractors import segment  # noqa: PLC0415

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    segment._load_dictionary(jieba.Tokenizer(), jieba)  # writes the cache
    monkeypatch.delitem(sys.modules, "jieba.posseg", raising=False)  # as in a fresh process: read from the cache
    tokenizer = jieba.Tokenizer()
    tags = segment._load_dictionary(tokenizer, jieba)
    words = {id(word) for word in tokenizer.FREQ}
    assert len(tags) > 300000 and all(id(word) in words for word in tags)
    assert len({id(tag) for tag in tags.values()}) == len(set(tags.values()))
    [cache] = [p for p in tmp_path.iterdir() if p.name.startswith(segment._DICTIONARY_CACHE)]
    key = __import__("marshal").loads(cache.read_bytes())[0]
    assert key[-1] == segment._DICTIONARY_LAYOUT


@pytest.mark.parametrize(("word", "kind"), [
    ("的", 1), ("a", 1), ("7", 1), ("+", 1), (".", 1),  # single characters of jieba's blocks of Chinese text
    ("ab12", 2), ("GDP", 2), ("2024", 2),  # what jieba-rs joins of single Latin letters and digits
    ("中国", 0), ("，", 0), ("鿖", 0), ("A股", 0), ("ab-1", 0), ("10.5", 0), (" ", 0), ("ａ", 0),
])
def test_segment_route_word_kinds(word, kind):
    """The kind a route word has for jieba's step after the route: the runs to join are found by these kinds."""
    from extractors.segment import _word_kind

    assert _word_kind(word) == kind


def test_segment_tokens_words_offsets_and_tags_are_jiebas(corpus_dir):
    """Every token of real reports and of random text: jieba's word (``lcut``), offsets that are the running sums of
    the word lengths, jieba.posseg's dictionary tag ('x' for a word it has none for), and the lengths handed to the
    token index; the same again when the runs of single characters come from memory, and after a forced split
    word of jieba's HMM came and went (the remembered runs are forgotten with it)."""
    import random

    import jieba.finalseg as finalseg
    import jieba.posseg

    from extractors.segment import Segmenter

    segmenter = Segmenter()
    jieba.posseg.dt.initialize()
    tag_table = jieba.posseg.dt.word_tag_tab
    rng = random.Random(5)
    reports = [path.read_text(encoding="utf-8", errors="replace") for path in _reports(corpus_dir)[::6]]
    pool = "".join(sorted({c for text in reports[:4] for c in text}))
    odd = "abcXYZ0123456789+#&._%-\r\n \t\u3000鿖㐀𠀀\u9fd5"
    texts = reports + ["".join(rng.choice(odd) if rng.random() < 0.3 else rng.choice(pool)
                               for _ in range(rng.randint(1, 40))) for _ in range(1500)]

    def check(text: str) -> None:
        words = segmenter.tokenizer.lcut(text)
        tokens, lengths = segmenter.tokens_and_lengths(text)
        assert [t.text for t in tokens] == words, text
        ends = [sum(map(len, words[:i + 1])) for i in range(len(words))] if len(words) < 200 else None
        assert all(text[t.start:t.end] == t.text for t in tokens) and (ends is None or [t.end for t in tokens] == ends)
        assert all(a.end == b.start for a, b in zip(tokens, tokens[1:])) and (not tokens or tokens[0].start == 0)
        assert [t.tag for t in tokens] == [tag_table.get(w, "x") for w in words], text
        assert lengths == list(map(len, words))

    for text in texts + texts[:300]:
        check(text)
    finalseg.add_force_split("发展")
    try:
        for text in reports[:1] + texts[-50:]:
            assert segmenter.words(text) == segmenter.tokenizer.lcut(text)
    finally:
        finalseg.Force_Split_Words.discard("发展")
    for text in reports[:1] + texts[-50:]:
        check(text)
