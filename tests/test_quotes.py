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


# The same text, parsed again, must give the same speaker: each parse is a new Doc, and a choice
# that hangs on the order of a set of its sentences (hashed by the Doc's address) changes with it.
VERB_PAST_A_BLANK_LINE = (
    "Nordwind Energy opened a second wind turbine plant in Rostock on Monday.\n\n"
    "Anna Berg, the Nordwind chief executive, announced the opening at an industry fair, where she "
    'praised the plant by saying that, " just one year after opening the first plant, we are doubling '
    'our output at half the cost. "\n\n'
    "Nordwind has claimed that the new plant will employ 900 people by next spring."
)
NAMED_VERB_BEFORE_PRONOUN_AFTER = (
    'Barry Holt, the director of the water agency, said, "we welcome the hearing. There is a need for '
    'closer monitoring of the river." The statement was met with applause from the audience. Senator '
    'Jim Dunn responded, "we thank the agency for being here tonight. We will bring independent '
    'scientists to the next hearing," he said.'
)


def test_a_verb_of_saying_in_the_next_paragraph_is_not_the_speakers(nlp):
    """The closing quote mark is parsed into the next paragraph's sentence ("Nordwind has claimed"):
    the speaker is still the one who announced it in the quote's own paragraph."""
    speakers = {quotes_of(nlp, VERB_PAST_A_BLANK_LINE)[0].speaker for _ in range(12)}
    assert speakers == {"anna-berg"}


def test_the_verb_of_saying_nearest_the_quote_names_the_speaker(nlp):
    """`Dunn responded, "...," he said`: the nearest verb's subject is Dunn, not the pronoun that
    would hand the quote to the previous speaker (Holt)."""
    runs = {tuple(q.speaker for q in quotes_of(nlp, NAMED_VERB_BEFORE_PRONOUN_AFTER)) for _ in range(12)}
    assert runs == {("barry-holt", "jim-dunn")}
