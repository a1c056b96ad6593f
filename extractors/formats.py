"""Text out of the two non-text formats ingest accepts: saved web pages and Word .docx files.

Government sites wrap a report in navigation, headers, share bars and footers; only the
main content block is the report. Both functions return plain text with one line per
block element (paragraph, heading, list item, table cell), ready for ``ingest.clean_text``.
"""
from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING, Any

from extractors.errors import InputError

if TYPE_CHECKING:
    from bs4 import Tag

__all__ = ["html_to_text", "docx_to_text"]

# Elements that never hold report text.
_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside",
              "form", "iframe", "button", "select", "input", "svg", "canvas", "object", "embed")
# class/id fragments of page chrome on government sites (navigation, share bars, font-size tools…).
_CHROME = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|header|head|footer|foot|breadcrumb|crumbs?|share|bdshare|"
    r"sidebar|side|toolbar|tools?|print|fontsize|related|relate|pager|copyright|qrcode|"
    r"login|search|position|location|weizhi)([-_\s\d]|$)",
    re.IGNORECASE,
)
# class/id fragments that usually mark the article body.
_CONTENT = re.compile(r"(content|article|TRS_Editor|zoom|detail|main|text|body|zw)", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td",
               "th", "table", "section", "article", "blockquote", "pre", "dd", "dt", "dl", "main",
               "center", "hr"}
_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def _attr(tag: Tag, key: str) -> str:
    """An attribute as text: multi-valued ones (class) joined by spaces, a missing one as ''."""
    value = tag.get(key)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def _is_chrome(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    names = _attr(tag, "class") + " " + _attr(tag, "id")
    return bool(names.strip()) and bool(_CHROME.search(names)) and not _CONTENT.search(_attr(tag, "id"))


def _own_text_length(tag: Tag) -> int:
    """Characters in a block's paragraphs and direct strings (not in nested blocks)."""
    from bs4 import NavigableString, Tag

    total = 0
    for child in tag.children:
        if isinstance(child, NavigableString):
            total += len(child.strip())
        elif isinstance(child, Tag) and child.name in ("p", "br", "span", "font", "strong", "b", "h2", "h3"):
            total += len(child.get_text(strip=True))
    return total


def _main_block(body: Tag) -> Tag:
    """The block holding most of the page's running text (the report itself)."""
    best, best_score = body, _own_text_length(body)
    for tag in body.find_all(["div", "article", "main", "section", "td"]):
        score = _own_text_length(tag)
        ident = _attr(tag, "class") + " " + _attr(tag, "id")
        if _CONTENT.search(ident):
            score = int(score * 1.2)
        if score > best_score:
            best, best_score = tag, score
    return best


def _lines(tag: Tag) -> list[str]:
    from bs4 import NavigableString, Tag

    parts: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # skip comments, CDATA, doctype
                    parts.append(_SPACE.sub(" ", str(child)))
            elif isinstance(child, Tag):
                block = child.name in _BLOCK_TAGS
                if block:
                    parts.append("\n")
                walk(child)
                if block:
                    parts.append("\n")

    walk(tag)
    lines = (line.strip(" \u00a0\u3000") for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def html_to_text(html: str) -> str:
    """The report text of a saved government web page, one line per block element.

    Scripts, navigation, headers, footers and share bars are dropped; the main content block
    is the one with the most running text. A page title (h1) outside that block is kept first.
    """
    from bs4 import BeautifulSoup  # imported here: most builds read no web page (~0.45 s a process)

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if not tag.decomposed and _is_chrome(tag):
            tag.decompose()
    body = soup.body or soup
    main = _main_block(body)
    lines = _lines(main)
    heading = body.find("h1")
    if heading is not None and main not in heading.parents and heading not in main.descendants:
        title = heading.get_text(" ", strip=True)
        if title and (not lines or lines[0] != title):
            lines.insert(0, title)
    return "\n".join(lines) + ("\n" if lines else "")


def docx_to_text(data: bytes, source: str) -> str:
    """Paragraphs and table cells of a Word .docx file, in document order, one per line."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{source} is not a Word .docx file (it is not a zip archive); save it again as .docx or convert it to .txt.")
    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError  # type: ignore[import-untyped]

    try:
        word = open_docx(io.BytesIO(data))
        return _docx_lines(word)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, LxmlError, AttributeError, IndexError):
        # lxml's errors carry an error log that cannot be pickled: only this plain line leaves a worker
        raise InputError(f"{source} is a zip archive but not a readable Word document (broken XML inside); "
                         "open it in Word and save it as .docx again.") from None


def _docx_lines(word: Any) -> str:
    """Paragraphs and table cells of an opened python-docx document, one per line."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for element in word.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(element, word).text)
        elif tag == "tbl":
            seen: dict[int, object] = {}  # holds the <w:tc> elements so their ids stay unique
            for row in Table(element, word).rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:  # merged cells repeat the same <w:tc>
                        seen[id(cell._tc)] = cell._tc
                        lines.append(cell.text)
    return "\n".join(lines) + ("\n" if lines else "")
