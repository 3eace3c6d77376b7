"""Quotes are attributed to their speaker's entity id."""

from conftest import SEED

from site_builder.extract import extract
from site_builder.extract.entities import find_entities
from site_builder.extract.quotes import find_quotes
from site_builder.inputs.articles import read_article


def quotes_of(nlp, text):
    doc = nlp(text)
    return find_quotes(doc, find_entities(doc))


def test_speaker_is_subject_of_say_verb_resolved_to_full_name(nlp):
    text = (
        "Maria Lopez, the mayor, met Juan Perez on Tuesday.\n\n"
        "\u201cWe will rebuild the bridge before winter,\u201d Lopez told reporters."
    )
    (q,) = quotes_of(nlp, text)
    assert q.speaker == "maria-lopez"


def test_standalone_quote_continues_previous_speaker(nlp):
    text = (
        "\u201cThe water has reached the second floor of the school,\u201d John Smith said.\n\n"
        "\u201cWe are waiting for boats to take the children out.\u201d"
    )
    qs = quotes_of(nlp, text)
    assert [q.speaker for q in qs] == ["john-smith", "john-smith"]


def test_seed_quotes_by_zaher():
    quotes = extract(read_article(SEED)).quotes
    assert len(quotes) == 2
    assert all(q.speaker == "mohammad-zaher" for q in quotes)
