"""spaCy views of an extraction: a ``zh`` Doc with our jieba tokens, entity spans and displaCy.

The extraction pipeline itself runs as plain registered stages
(:mod:`extractors.pipeline`) to stay close to bare jieba speed; this module
gives the same result as a spaCy ``Doc`` for people who work in spaCy:
``doc.ents`` (non-overlapping, longest first), ``doc.spans["mentions"]`` (every
mention, nested ones included) and ``doc.spans["glossary"]`` (glossary terms).
It also registers the pipeline as spaCy components (``gov_extract``), so
``make_nlp()(text)`` runs the whole extraction inside spaCy.

Example:
    >>> from extractors.components import make_nlp
    >>> doc = make_nlp()("推动“三供一业”改造。")
    >>> [(ent.text, ent.label_) for ent in doc.ents]
    [('三供一业', 'Program')]
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractors.pipeline import Extraction, extract_document
from extractors.records import Document
from extractors.segment import get_segmenter
from extractors.structure import annotate

__all__ = ["JiebaTokenizer", "make_nlp", "to_spacy", "displacy_html", "ENTITY_COLOURS"]

ENTITY_COLOURS = {"Program": "#f6c85f", "Project": "#6fb07f", "Company": "#9dd9f3", "Place": "#ca8bc9",
                  "Agency": "#f29e8e"}

if not Doc.has_extension("extraction"):
    Doc.set_extension("extraction", default=None)


class JiebaTokenizer:
    """A spaCy tokenizer that uses this project's private jieba segmenter."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = [token.text for token in get_segmenter().tokens(text)]
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def _fill(doc: Doc, extraction: Extraction) -> Doc:
    mentions = [s for e in extraction.entities for m in e.mentions if (s := _span(doc, m.start, m.end, e.type))]
    doc.spans["mentions"] = mentions
    doc.ents = filter_spans(mentions)
    doc.spans["glossary"] = [s for g in extraction.glossary if (s := _span(doc, g.start, g.end, "GlossaryEntry"))]
    doc._.extraction = extraction
    return doc


@Language.factory("gov_extract", assigns=["doc.ents", "doc.spans", "doc._.extraction"])
def make_gov_extract(nlp: Language, name: str):
    """The whole extraction (glossary, entities, statuses, relations, indicators) as one component."""

    def gov_extract(doc: Doc) -> Doc:
        report = annotate(Document(id="text", text=doc.text))
        return _fill(doc, extract_document(report))

    return gov_extract


def make_nlp(components: Iterable[str] = ("gov_extract",)) -> Language:
    """A blank ``zh`` pipeline with the private jieba tokenizer and the given components."""
    import spacy  # noqa: PLC0415

    nlp = spacy.blank("zh")
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    for component in components:
        nlp.add_pipe(component)
    return nlp


def to_spacy(extraction: Extraction) -> Doc:
    """The extraction of one document as a spaCy Doc (tokens, ents, mention and glossary spans)."""
    import spacy  # noqa: PLC0415

    nlp = spacy.blank("zh")
    doc = JiebaTokenizer(nlp.vocab)(extraction.document.text)
    return _fill(doc, extraction)


def displacy_html(extraction: Extraction, *, page: bool = True) -> str:
    """The report with its entities highlighted by displaCy (self-contained HTML, no network)."""
    from spacy import displacy  # noqa: PLC0415

    return displacy.render(to_spacy(extraction), style="ent", page=page, jupyter=False,
                           options={"colors": ENTITY_COLOURS, "ents": list(ENTITY_COLOURS)})
