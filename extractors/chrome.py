"""Web-page chrome in scraped reports (来源：…, 【字号：, 分享到, 相关报道：, 责任编辑：…).

Pages scraped from government and newspaper sites keep their controls and credits around the
report. :func:`chrome_spans` finds those lines so that :func:`extractors.ingest.clean_text` can
drop them as it drops Word debris (offsets still map back to the raw text). A line is chrome
when it matches one of the patterns of ``patterns/chrome.txt`` as a whole, and only where a page
puts it: before the report's greeting (各位代表) or in the run of lines after its last sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from extractors.vocabulary import load_patterns

__all__ = ["chrome_spans", "is_chrome"]

_FILE = Path(__file__).parent / "patterns" / "chrome.txt"
_GREETING = re.compile(r"^\s*各位代表")
_HEAD_LINES = 40  # the page head never runs longer than this before the report starts


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    return load_patterns(_FILE, "chrome") or re.compile(r"(?!)")


def is_chrome(line: str) -> bool:
    """Whether a whole line is page chrome (not where it sits: see :func:`chrome_spans`)."""
    stripped = line.strip(" \t\r\u3000\u00a0")
    return bool(stripped) and bool(_pattern().fullmatch(stripped))


def chrome_spans(text: str) -> list[tuple[int, int]]:
    """Spans (line and its newline) of the chrome lines in the page head and tail of ``text``."""
    lines: list[tuple[int, int, str]] = []
    start = 0
    for line in text.split("\n"):
        lines.append((start, start + len(line) + 1, line))
        start += len(line) + 1
    spans: list[tuple[int, int]] = []
    greeting = next((i for i, (_s, _e, line) in enumerate(lines[:_HEAD_LINES]) if _GREETING.match(line)), None)
    if greeting is not None:
        spans.extend((s, min(e, len(text))) for s, e, line in lines[:greeting] if is_chrome(line))
    tail: list[tuple[int, int]] = []
    for s, e, line in reversed(lines[(greeting or 0) + 1:]):
        if not line.strip(" \t\r\u3000\u00a0"):
            continue
        if not is_chrome(line):
            break
        tail.append((s, min(e, len(text))))
    return spans + tail[::-1]
