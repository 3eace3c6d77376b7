"""A title and a short summary made from the article's lead."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..inputs.articles import Article
from ..inputs.datelines import is_date_only
from .nlp import doc_text

MAX_TITLE_WORDS = 14
CLAUSE_BREAKS = re.compile(r",| as | which | who | after | while | because | according to ")


def lead_paragraph(article: Article) -> tuple[int, int]:
    """The story's first paragraph: a date standing alone above it (`Wednesday, September 7, 2016`)
    is skipped."""
    text = article.text
    return next((p for p in article.paragraphs if not is_date_only(text[p[0] : p[1]])), article.paragraphs[0])


def lead_sentences(article: Article, doc: Doc, n: int) -> list[str]:
    a, b = lead_paragraph(article)
    start = article.dateline_span[1] if article.dateline_span and a <= article.dateline_span[0] < b else a
    out, full = [], doc_text(doc)
    for sent in doc.char_span(a, b, alignment_mode="expand").sents:
        text = " ".join(full[max(sent.start_char, start) : sent.end_char].split()).lstrip(":-\u2014 ")
        if text:
            out.append(text)
        if len(out) == n:
            break
    return out


def make_summary(article: Article, doc: Doc) -> str:
    return " ".join(lead_sentences(article, doc, 2))


def make_title(article: Article, doc: Doc) -> str:
    first = (lead_sentences(article, doc, 1) or [article.path.stem])[0].rstrip(".")
    words = first.split()
    if len(words) > MAX_TITLE_WORDS:
        cut = CLAUSE_BREAKS.search(first, len(" ".join(words[:5])))
        first = first[: cut.start()] if cut else " ".join(words[:MAX_TITLE_WORDS]) + "\u2026"
    return first[:1].upper() + first[1:]
