"""Named document spans (extractors.documents): names cut from inside them are dropped."""
from __future__ import annotations

from extractors.documents import OWN_RULES, document_vocabulary, inside_named_spans
from extractors.names import TokenIndex
from extractors.records import Mention
from extractors.segment import get_segmenter


def _brute_force(mentions: list[Mention], index: TokenIndex) -> list[Mention]:
    """inside_named_spans as a scan of every span for every mention (what the bisect window must answer)."""
    spans = [(m.start, m.end) for m in mentions if m.rule in OWN_RULES]
    ends, text = document_vocabulary().title_ends, index.text
    return [m for m in mentions
            if not (m.type in ("Program", "Project") and m.rule.startswith(("program-", "project-", "quote")) and
                    m.rule not in OWN_RULES and
                    any(s <= m.start and m.end <= e and (m.start, m.end) != (s, e) and
                        (m.end == e or not index.is_boundary(m.end) or text.startswith(ends, m.end))
                        for s, e in spans))]


def test_inside_named_spans_reads_every_span_that_can_hold_a_name():
    text = "印发《推进特高压直流工程建设三年行动方案》，实施大别山革命老区振兴工程，编制《乡村振兴规划》。"
    index = TokenIndex(text, get_segmenter().tokens(text))
    spans = [Mention(3, 20, text[3:20], "Program", "document-title"),  # a long title: a far start must be read
             Mention(33, 39, text[33:39], "Program", "policy-package"),
             Mention(35, 39, text[35:39], "Program", "document-title")]  # a short one inside the other
    names = [Mention(s, e, text[s:e], "Program", "program-action") for s in range(len(text))
             for e in range(s + 2, min(len(text), s + 20) + 1)]
    mentions = spans + names
    kept = inside_named_spans(mentions, index)
    assert kept == _brute_force(mentions, index)
    assert len(kept) < len(mentions)  # names cut from inside the titles are dropped…
    assert Mention(23, 34, text[23:34], "Program", "program-action") in kept  # …a name outside them is kept
