"""Deciders: which candidate reports are events, and with which status.

The extractor proposes candidates (:class:`kg.model.Mention`, with the status its rules read); a
decider keeps, drops and re-labels them.  Two are registered: ``rules`` (the extractor's own verdicts,
as they are) and ``learned`` (:mod:`kg.decide.learned`, trained on annotated articles, shipped as
``model.json``).  ``kg build --decider NAME`` or ``--model FILE`` chooses one; adding a decider is
one entry in :data:`DECIDERS`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Protocol

from ..errors import KGError
from ..model import Article, Mention


class Decider(Protocol):
    name: str

    def decide(self, article: Article | None, mentions: Sequence[Mention]) -> list[Mention]: ...


class RuleDecider:
    """The extractor's rules decide: every candidate is kept with the status they read."""

    name = "rules"

    def __init__(self, min_confidence: float | None = None) -> None:
        self.min_confidence = min_confidence or 0.0

    def decide(self, article: Article | None, mentions: Sequence[Mention]) -> list[Mention]:
        return [m for m in mentions if m.confidence >= self.min_confidence]


def _shipped(min_confidence: float | None) -> Decider:
    from .learned import LearnedDecider

    path = resources.files(__package__).joinpath("model.json")
    return LearnedDecider.from_path(Path(str(path)), min_confidence)


DECIDERS: dict[str, Callable[[float | None], Decider]] = {
    "rules": RuleDecider,
    "learned": _shipped,
}
DEFAULT = "learned"


def load_decider(name: str | None = None, model: Path | None = None,
                 min_confidence: float | None = None) -> Decider:
    """The decider named ``name`` (default: the shipped learned one), or the model file ``model``."""
    if model is not None:
        from .learned import LearnedDecider

        return LearnedDecider.from_path(model, min_confidence)
    name = name or DEFAULT
    if name not in DECIDERS:
        raise KGError(f"unknown decider {name!r}: choose one of {', '.join(sorted(DECIDERS))}")
    return DECIDERS[name](min_confidence)


def apply(decider: Decider, articles: Sequence[Article], mentions: Sequence[Mention]) -> list[Mention]:
    """Decide each article's reports together (a report's siblings are features)."""
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article_id].append(m)
    meta = {a.id: a for a in articles}
    out: list[Mention] = []
    for article_id in sorted(by_article):
        out.extend(decider.decide(meta.get(article_id), by_article[article_id]))
    return out
