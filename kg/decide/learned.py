"""The learned decider: a multinomial logistic regression over candidate features.

Classes are ``none`` (not an event) and the five statuses.  A report is kept when the probability
that it is an event at all (1 - P(none)) reaches the model's threshold; its status is the likeliest
one (or, when the training found that better, the status the extractor's rules read), and the
probability of that status is its confidence.  The
model is a small JSON file (feature names, weights, threshold): deterministic to apply, readable,
and retrained by ``kg train`` (scikit-learn is needed only to train)."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import KGError
from ..model import STATUSES, Article, Mention
from .features import candidate_features, rule_status
from .folds import fold_of
from .labels import NONE, SKIP

CLASSES = (NONE, *STATUSES)
FORMAT = "diplomatic-kg/decider"
C_GRID = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = (0.0, *(round(0.2 + 0.05 * i, 2) for i in range(11)))  # keep all, or 0.2 .. 0.7
STATUS_FROM = ("rules", "model")
MARGIN = 0.03  # a setting that changes the rules' verdicts must beat keeping them by this much (candidate F1)


@dataclass(frozen=True)
class Decision:
    status: str | None  # None: not an event
    confidence: float
    probabilities: dict[str, float]


class LearnedDecider:
    name = "learned"

    def __init__(self, model: dict[str, Any], min_confidence: float | None = None) -> None:
        if model.get("format") != FORMAT:
            raise KGError(f"not a decider model (format {model.get('format')!r}, expected {FORMAT!r})")
        self.model = model
        self.classes: list[str] = model["classes"]
        self.index = {f: i for i, f in enumerate(model["features"])}
        self.coef: list[list[float]] = model["coef"]
        self.intercept: list[float] = model["intercept"]
        self.threshold = float(model["threshold"])
        self.min_confidence = min_confidence or 0.0
        self.status_from = model.get("status_from", "model")
        self.scale = tuple(model.get("calibration", (1.0, 0.0)))

    @classmethod
    def from_path(cls, path: Path, min_confidence: float | None = None) -> LearnedDecider:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise KGError(f"{path}: cannot read the decider model ({exc}); train one with `kg train`") from exc
        return cls(data, min_confidence)

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        idx = [self.index[f] for f in features if f in self.index]
        z = [b + sum(row[i] for i in idx) for row, b in zip(self.coef, self.intercept, strict=True)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return {c: v / total for c, v in zip(self.classes, e, strict=True)}

    def judge(self, features: Sequence[str], rule_status: str | None = None) -> Decision:
        p = self.probabilities(features)
        if self.status_from == "rules" and rule_status in STATUSES:
            status = rule_status
        else:
            status = max(STATUSES, key=lambda s: (p.get(s, 0.0), -STATUSES.index(s)))
        conf = calibrated(p.get(status, 0.0), self.scale)
        kept = 1.0 - p.get(NONE, 0.0) >= self.threshold and conf >= self.min_confidence
        return Decision(status if kept else None, conf, p)

    def decide(self, article: Article | None, mentions: Sequence[Mention]) -> list[Mention]:
        out = []
        for m in mentions:
            d = self.judge(candidate_features(m, article, mentions), m.status)
            if d.status is not None:
                out.append(replace(m, status=d.status, confidence=round(d.confidence, 3)))
        return out


def fit(rows: Sequence[tuple[list[str], str, str]], *, c: float | None = None,
        threshold: float | None = None, status_from: str | None = None) -> dict[str, Any]:
    """Train on ``rows`` of (features, label, group); C and the threshold are chosen by grouped
    cross-validation inside ``rows`` unless given."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - scikit-learn is a dependency
        raise KGError("training needs scikit-learn: pip install scikit-learn") from exc
    rows = [r for r in rows if r[1] != SKIP]
    if not rows or len({r[1] for r in rows}) < 2:
        raise KGError("not enough labelled candidates to train on (need events and non-events)")
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([dict.fromkeys(r[0], 1.0) for r in rows])
    y = np.array([CLASSES.index(r[1]) for r in rows])
    groups = [r[2] for r in rows]
    rule = np.array([CLASSES.index(rule_status(r[0]) or "occurred") for r in rows])

    def model_for(cc: float, xs: Any, ys: Any) -> Any:
        clf = LogisticRegression(C=cc, max_iter=5000, tol=1e-6)
        clf.fit(xs, ys)
        return clf

    scale: tuple[float, float] = (1.0, 0.0)
    if c is None or threshold is None or status_from is None:
        folds = [fold_of(g, 5) for g in groups]
        best: tuple[float, float, float, str, Any] = (-1.0, C_GRID[0], 0.5, "model", None)
        for cc in ([c] if c is not None else C_GRID):
            proba = np.zeros((len(rows), len(CLASSES)))
            for k in range(5):
                test = np.array([f == k for f in folds])
                if test.all() or not test.any() or len(set(y[~test])) < 2:
                    continue
                clf = model_for(cc, x[~test], y[~test])
                proba[np.ix_(test, clf.classes_)] = clf.predict_proba(x[test])
            for t in ([threshold] if threshold is not None else THRESHOLDS):
                for how in ([status_from] if status_from is not None else STATUS_FROM):
                    f1 = _f1(proba, y, t, rule if how == "rules" else None)
                    if (t, how) != (0.0, "rules"):
                        f1 -= MARGIN  # the rules' own verdicts are kept unless a change clearly pays
                    if f1 > best[0] + 1e-9:
                        best = (f1, cc, t, how, proba.copy())
        c, threshold, status_from, held_out = best[1], best[2], best[3], best[4]
        # confidences calibrated on the held-out predictions of the chosen setting
        chosen = rule if status_from == "rules" else held_out[:, 1:].argmax(axis=1) + 1
        kept = 1.0 - held_out[:, 0] >= threshold
        scale = _platt(held_out[np.arange(len(y)), chosen][kept], (chosen == y)[kept].astype(int))
    clf = model_for(c, x, y)
    coef = np.zeros((len(CLASSES), x.shape[1]))
    intercept = np.full(len(CLASSES), -30.0)  # a class never seen in training is never predicted
    if len(clf.classes_) == 2:  # binary: scikit-learn gives one row for the second class
        coef[clf.classes_[1]] = clf.coef_[0]
        intercept[clf.classes_[1]] = clf.intercept_[0]
        intercept[clf.classes_[0]] = 0.0
    else:
        coef[clf.classes_] = clf.coef_
        intercept[clf.classes_] = clf.intercept_
    names = list(vec.get_feature_names_out())
    keep = [j for j in range(len(names)) if np.abs(coef[:, j]).max() >= 1e-4]
    return {"format": FORMAT, "version": 1, "classes": list(CLASSES), "C": c, "threshold": threshold,
            "status_from": status_from, "calibration": list(scale),
            "trained_on": {"candidates": len(rows), "articles": len(set(groups)),
                           "labels": {cl: int((y == i).sum()) for i, cl in enumerate(CLASSES)}},
            "features": [names[j] for j in keep],
            "coef": [[round(float(coef[i, j]), 5) for j in keep] for i in range(len(CLASSES))],
            "intercept": [round(float(v), 5) for v in intercept]}


def calibrated(p: float, scale: Sequence[float]) -> float:
    """Platt scaling of a probability: sigmoid(a * logit(p) + b), fitted on held-out folds."""
    p = min(max(p, 1e-6), 1 - 1e-6)
    z = scale[0] * math.log(p / (1 - p)) + scale[1]
    return 1.0 / (1.0 + math.exp(-z))


def _platt(conf: Any, right: Any) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    if len(set(right.tolist())) < 2:
        return (1.0, 0.0)
    logit = np.log(np.clip(conf, 1e-6, 1 - 1e-6) / (1 - np.clip(conf, 1e-6, 1 - 1e-6))).reshape(-1, 1)
    clf = LogisticRegression(C=100.0).fit(logit, right)
    return (round(float(clf.coef_[0][0]), 5), round(float(clf.intercept_[0]), 5))


def _f1(proba: Any, y: Any, t: float, rule: Any = None) -> float:
    """F1 of kept candidates with the right status (status-aware, candidate level)."""
    status = proba[:, 1:].argmax(axis=1) + 1 if rule is None else rule
    kept = 1.0 - proba[:, 0] >= t
    tp = int(((status == y) & kept).sum())
    fp = int(kept.sum()) - tp
    fn = int((y != 0).sum()) - tp
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
