"""The jieba wrapper: a private dictionary, per-document words, offsets."""
from __future__ import annotations

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
