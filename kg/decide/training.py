"""Training data: candidates of annotated articles, with their features and gold labels."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import KGError
from ..model import Article, Mention
from .features import candidate_features
from .labels import label_mentions

Row = tuple[list[str], str, str]  # features, label, article id


def candidates(inputs: Sequence[str | Path], nlp: Any = None, workers: int = 1
               ) -> tuple[dict[str, Article], dict[str, list[Mention]]]:
    """Every article of ``inputs`` and the candidate reports the extractor finds in it."""
    from ..build import read_inputs
    from ..ingest import Skipped
    from ..parallel import chunked, run_chunks

    arts = (a for a in read_inputs(inputs) if not isinstance(a, Skipped))
    metas: dict[str, Article] = {}
    found: dict[str, list[Mention]] = {}
    for outcomes in run_chunks(chunked(arts, 64), workers=workers, nlp=nlp):
        for o in outcomes:
            if o.error is None:
                metas[o.article.id] = o.article
                found[o.article.id] = list(o.mentions)
    return metas, found


def rows_for(gold_path: Path, metas: dict[str, Article], found: dict[str, list[Mention]]) -> list[Row]:
    from ..evaluate import read_gold

    gold = {g.id: g for g in read_gold(gold_path)}
    rows: list[Row] = []
    for article_id in sorted(set(gold) & set(metas)):
        ms = found.get(article_id, [])
        for m, label in zip(ms, label_mentions(gold[article_id].events, ms), strict=True):
            rows.append((candidate_features(m, metas[article_id], ms), label, article_id))
    if not rows:
        raise KGError(f"{gold_path}: no article of the gold is among the inputs (ids must agree)")
    return rows
