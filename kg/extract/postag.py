"""Coarse part-of-speech from the tagger's fine tags, without the pipeline's attribute ruler.

The English pipelines set ``Token.pos_`` with an ``attribute_ruler``: a Matcher over about 180 rules
(a tag map plus exceptions such as "that" as a relative pronoun). Matching them costs about as much
as the parser over the same sentences, and the rest of what the ruler sets (morphology, a few
lemmas) is never read here. This component applies the same rules' ``POS`` values, compiled into
lookups, with the ruler's precedence (a later rule wins): the same coarse tags at a fraction of the
cost (tests/extract/test_postag.py compares the two over real text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["FACTORY", "PosFromTag", "use_pos_from_tag"]

FACTORY = "kg_pos_from_tag"
Check = Callable[[Any], bool]


def _value_check(attr: str, value: Any) -> Check:
    get: Callable[[Any], Any] = {
        "TAG": lambda t: t.tag_, "LOWER": lambda t: t.lower_, "DEP": lambda t: t.dep_,
        "IS_SPACE": lambda t: t.is_space, "ORTH": lambda t: t.text, "POS": lambda t: t.pos_,
    }[attr]
    if isinstance(value, dict):
        if set(value) == {"IN"}:
            allowed = frozenset(value["IN"])
            return lambda t: get(t) in allowed
        if set(value) == {"NOT_IN"}:
            banned = frozenset(value["NOT_IN"])
            return lambda t: get(t) not in banned
        raise ValueError(f"unsupported attribute ruler predicate {value!r}")
    return lambda t: get(t) == value


def _token_check(spec: dict[str, Any]) -> Check:
    checks = [_value_check(k, v) for k, v in spec.items()]
    return lambda t: all(c(t) for c in checks)


Rule = tuple[int, str, int, list[Check]]  # (order, POS, offset of the tagged token, checks of the pattern)


def _keys(spec: dict[str, Any]) -> list[tuple[str, str]]:
    """Index keys for a token pattern: its LOWER values, else its TAG, DEP values, else any token."""
    for attr, kind in (("LOWER", "L"), ("TAG", "T"), ("DEP", "D")):
        value = spec.get(attr)
        if isinstance(value, str):
            return [(kind, value)]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [(kind, v) for v in value["IN"]]
    if spec.get("IS_SPACE") is True:
        return [("S", "")]
    return [("*", "")]


class PosFromTag:
    """Set ``Token.pos`` as the attribute ruler's rules would (only their POS values)."""

    def __init__(self, nlp: Language, name: str = FACTORY) -> None:
        self.name = name
        # ("L", lower) | ("T", tag) | ("D", dep) | ("S", "") for spaces | ("*", "") -> rules
        self.rules: dict[tuple[str, str], list[Rule]] = {}
        self.ready = False

    def compile(self, rules: list[dict[str, Any]]) -> None:
        """Compile the patterns of an ``AttributeRuler`` (its ``.patterns``), in their order."""
        self.rules.clear()
        for order, rule in enumerate(rules):
            pos = rule.get("attrs", {}).get("POS")
            if pos is None:
                continue
            index = int(rule.get("index", 0))
            for pattern in rule["patterns"]:
                offset = index if index >= 0 else len(pattern) + index
                at = pattern[offset]
                keys = _keys(at)
                plain = len(pattern) == 1 and len(at) == 1 and keys[0][0] != "*"
                checks = [] if plain else [_token_check(spec) for spec in pattern]  # the key is the whole test
                for key in keys:
                    self.rules.setdefault(key, []).append((order, pos, offset, checks))
        self.ready = True

    def __call__(self, doc: Doc) -> Doc:
        if not self.ready:
            return doc
        rules = self.rules
        anywhere = rules.get(("*", ""), [])
        n = len(doc)
        for tok in doc:
            best_order, best_pos = -1, ""
            spaces = rules.get(("S", "")) if tok.is_space else None
            for candidates in (rules.get(("T", tok.tag_)), rules.get(("L", tok.lower_)), rules.get(("D", tok.dep_)),
                               spaces, anywhere):
                if not candidates:
                    continue
                for order, pos, offset, checks in candidates:
                    if order <= best_order:
                        continue
                    if checks:
                        start = tok.i - offset
                        if start < 0 or start + len(checks) > n or not all(
                                check(doc[start + k]) for k, check in enumerate(checks)):
                            continue
                    best_order, best_pos = order, pos
            if best_order >= 0:
                tok.pos_ = best_pos
        return doc


@Language.factory(FACTORY)
def make_pos_from_tag(nlp: Language, name: str) -> PosFromTag:
    return PosFromTag(nlp, name)


def use_pos_from_tag(nlp: Language) -> bool:
    """Swap the pipeline's ``attribute_ruler`` for :class:`PosFromTag` (same rules, POS only).
    Returns False (pipeline unchanged) when there is no ruler or its rules use what we do not read."""
    if "attribute_ruler" not in nlp.pipe_names or FACTORY in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe("attribute_ruler")
    rules = list(ruler.patterns)
    compiled = PosFromTag(nlp)
    try:
        compiled.compile(rules)  # rules it cannot read: keep the ruler
    except (KeyError, ValueError, TypeError):
        return False
    names = nlp.pipe_names
    after = names[names.index("attribute_ruler") - 1] if names.index("attribute_ruler") > 0 else None
    nlp.remove_pipe("attribute_ruler")
    added: Any = nlp.add_pipe(FACTORY, after=after) if after else nlp.add_pipe(FACTORY, first=True)
    added.rules, added.ready = compiled.rules, True
    return True
