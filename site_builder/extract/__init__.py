"""Article -> Extraction: entities, time expressions, events, quotes, summary and title.

`extract_all` batches articles through spaCy's `nlp.pipe`; everything after the parse is
plain Python over the Doc. spaCy and the rules are imported when `extract_all` first runs, not
with this package: `briefs` and `notes` import the model from here, and a build or an ingest with
nothing new should not pay a second for importing spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..inputs.articles import Article
from .model import Entity, Event, Extraction, Mention, Quote, Timex

__all__ = ["Entity", "Event", "Extraction", "Mention", "Quote", "Timex", "extract", "extract_all"]


def extract(article: Article, known: dict[str, Entity] | None = None) -> Extraction:
    return next(extract_all([article], known))


def extract_all(
    articles: Iterable[Article], known: dict[str, Entity] | None = None, batch_size: int = 16
) -> Iterator[Extraction]:
    """One Extraction per article, in order; an article longer than sections.SECTION is extracted
    section by section (its cost stays linear in its length), the rest in batches."""
    from .sections import SECTION, extract_long

    def one(article: Article, names: dict[str, Entity] | None) -> Extraction:
        return next(_extract_batch([article], names, batch_size))

    batch: list[Article] = []
    for article in articles:
        if len(article.text) > SECTION:
            yield from _extract_batch(batch, known, batch_size)
            batch = []
            yield extract_long(article, known, one)
            continue
        batch.append(article)
        if len(batch) >= 8 * batch_size:
            yield from _extract_batch(batch, known, batch_size)
            batch = []
    yield from _extract_batch(batch, known, batch_size)


def _extract_batch(
    articles: list[Article], known: dict[str, Entity] | None, batch_size: int
) -> Iterator[Extraction]:
    if not articles:
        return
    from .entities import find_entities
    from .events import find_events
    from .nlp import load_nlp
    from .quotes import find_quotes
    from .summaries import make_summary, make_title
    from .times import find_times

    nlp = load_nlp()
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        entities = find_entities(doc, known, article.title_span)
        times = find_times(doc, article.date, article.title_span, article.body_start)
        events = find_events(doc, article.date, entities, times, article.body_start, skip=article.title_span)
        quotes = find_quotes(doc, entities)
        yield Extraction(
            entities=entities,
            times=times,
            events=events,
            quotes=quotes,
            summary=make_summary(article, doc),
            title=article.title or make_title(article, doc),
        )
