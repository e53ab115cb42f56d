"""Folds by page: an article always falls in the same fold, whatever else is in the set."""

from __future__ import annotations

import hashlib


def fold_of(article_id: str, k: int) -> int:
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % k
