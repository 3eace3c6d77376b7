"""The pipeline's two speed-ups give spaCy's own answers: the indexed attribute rules and on-demand lemmas."""

from __future__ import annotations

import pytest
from conftest import SEED

from site_builder.extract.attributes import AttributeIndex, UnsupportedPattern
from site_builder.extract.nlp import lemma, load_model
from site_builder.extract.paragraphs import NAME as PARAGRAPHS

# Sentences that reach the model's exception rules: contractions, "there is", pronouns as objects,
# "do/have" as main verbs, determiners as pronouns, "gonna", "y'all", "nothin'".
SENTENCES = [
    "Y'all gonna go? I ain't got nothin' but c'mon, let's do it.",
    "There is no deal, and there were no talks. That was that.",
    "She told me and you, and I saw it; he gets it and it got him.",
    "They have done what they had to do, and do it they did.",
    "Ministers didn't say whether talks that began on Monday would resume, though both are\n\nready.",
]


@pytest.fixture(scope="module")
def stock():
    """The same model with spaCy's own attribute_ruler and lemmatizer running on every token (and
    paragraph breaks as sentence breaks, as in the pipeline, so that both parse alike)."""
    model = load_model()
    model.add_pipe(PARAGRAPHS, before="parser")
    return model


def texts() -> list[str]:
    return [SEED.read_text(encoding="utf-8"), *SENTENCES]


def test_the_pipeline_runs_the_indexed_rules_instead_of_the_matcher(nlp):
    assert "briefing_attribute_index" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names
    assert "lemmatizer" not in nlp.pipe_names


def test_indexed_rules_set_the_same_pos_and_morph_as_the_attribute_ruler(nlp, stock):
    compared = changed_by_rules = 0
    for ours, theirs in zip(nlp.pipe(texts()), stock.pipe(texts()), strict=True):
        assert [t.text for t in ours] == [t.text for t in theirs]
        for a, b in zip(ours, theirs, strict=True):
            assert (a.pos_, str(a.morph), a.dep_) == (b.pos_, str(b.morph), b.dep_), a.text
            compared += 1
            changed_by_rules += b.pos_ == "AUX" and b.tag_ in ("VB", "VBZ", "VBP")
    assert compared > 400
    assert changed_by_rules >= 5  # the exception rules (not only the tag map) were exercised


def test_lemma_on_demand_equals_the_lemmatizer(nlp, stock):
    for ours, theirs in zip(nlp.pipe(texts()), stock.pipe(texts()), strict=True):
        assert [lemma(t) for t in ours] == [t.lemma_ for t in theirs]


def test_a_rule_of_another_shape_is_refused_so_spacy_keeps_its_component(stock):
    ruler = stock.get_pipe("attribute_ruler").__class__(stock.vocab)
    ruler.add([[{"LENGTH": {">": 3}}]], {"POS": "NOUN"})
    with pytest.raises(UnsupportedPattern):
        AttributeIndex(ruler)
