"""The name functions a build calls again and again are cached (functools.lru_cache): a cached answer is
the function's own answer, immutable, and asking twice is one computation."""

from __future__ import annotations

import pytest

from kg.resolve.actors import clean_person_name, not_a_person
from kg.resolve.keys import match_key, slug

NAMES = ["Erdoğan", "Sergei Lavrov", "Sergey Lavrov", "President Recep Tayyip Erdoğan", "H.E. Sheikh Tamim",
         "Narendra Modi - File Photo", "Lough Erne", "Kazakhstan Kassym-Jomart Tokayev", "King Charles", "France",
         "the European Union", "Function Room", "Barack Obama Hosts Team USA", "Putin's", "", "  ", "Zelenskyy"]


@pytest.mark.parametrize("fn", [slug, match_key, clean_person_name, not_a_person])
def test_cached_answer_is_the_functions_own(fn) -> None:
    for name in NAMES:
        first = fn(name)
        assert first == fn.__wrapped__(name), name
        assert first is None or isinstance(first, str)  # immutable: a caller cannot spoil the cache
        before = fn.cache_info().hits
        assert fn(name) == first
        assert fn.cache_info().hits == before + 1


def test_body_lookup_is_cached() -> None:
    from kg.kb import lookup_body

    for text in ("ECOWAS", "the EU", "Group of 20", "G20 summit", "Acme Holdings", ""):
        first = lookup_body(text)
        assert first == lookup_body.__wrapped__(text), text
        before = lookup_body.cache_info().hits
        assert lookup_body(text) is first  # KBBody is frozen: one shared answer
        assert lookup_body.cache_info().hits == before + 1
    assert lookup_body("ECOWAS") is not None and lookup_body("Acme Holdings") is None
