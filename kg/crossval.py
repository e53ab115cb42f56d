"""Cross-validation by page: train the decider on k-1 folds, decide the held-out fold, score it.

Each article falls in one fold (:func:`kg.decide.folds.fold_of`); candidates are extracted once.
For every fold the held-out articles' graph is built and scored with the contract query
(:func:`kg.evaluate.score`, the figures of the shared scorer); the report gives each fold, their mean
and spread, the pooled out-of-fold figures (every article decided by a model that never saw it), the
confusion between gold and predicted statuses, and the calibration of the confidences.
"""

from __future__ import annotations

import json
import statistics
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .decide import Decider, RuleDecider, apply
from .decide.features import rule_status
from .decide.folds import fold_of
from .decide.labels import NONE, SKIP
from .decide.learned import LearnedDecider, fit
from .decide.training import candidates, rows_for
from .evaluate import score
from .model import Article, Mention

FIGURES = ("occurred", "contact", "status")
ACCURACIES = ("kind", "date", "place")
BANDS = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def _graph_score(gold_lines: list[str], metas: Sequence[Article], mentions: Sequence[Mention],
                 workdir: Path, name: str) -> dict[str, Any]:
    from .export.rdf import write_turtle_triples
    from .graph import graph_text
    from .resolve.merge import merge_events

    events = merge_events(list(mentions), list(metas))
    ttl = workdir / f"{name}.ttl"  # the scorer reads graph.ttl alone
    write_turtle_triples(graph_text(list(metas), events).triples, ttl)
    gold = workdir / f"{name}.gold.jsonl"
    gold.write_text("".join(gold_lines), encoding="utf-8")
    result, _ = score(gold, ttl)
    return result


def _flat(result: dict[str, Any]) -> dict[str, float]:
    out = {f"{k}_f1": result[k]["f1"] for k in FIGURES}
    out.update({f"{k}_p": result[k]["precision"] for k in FIGURES})
    out.update({f"{k}_r": result[k]["recall"] for k in FIGURES})
    out["false_occurred"] = result["false_occurred"]
    for k in ACCURACIES:
        out[f"{k}_accuracy"] = result.get(f"{k}_accuracy") or 0.0
    return out


def crossvalidate(gold_path: Path, inputs: Sequence[str | Path], *, folds: int = 5, decider: str = "learned",
                  nlp: Any = None, workers: int = 1, echo: Any = print) -> dict[str, Any]:
    metas, found = candidates(inputs, nlp=nlp, workers=workers)
    gold_rows = {json.loads(line)["id"]: line if line.endswith("\n") else line + "\n"
                 for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()}
    ids = sorted(set(gold_rows) & set(metas))
    rows = rows_for(gold_path, metas, found)
    per_fold: list[dict[str, float]] = []
    oof: list[Mention] = []
    pairs: list[tuple[str, str, float]] = []  # label, predicted status (or none), confidence
    with tempfile.TemporaryDirectory(prefix="kg-cv-") as tmp:
        work = Path(tmp)
        for k in range(folds):
            held = [i for i in ids if fold_of(i, folds) == k]
            if not held:
                continue
            judge: Decider
            if decider == "learned":
                model = fit([r for r in rows if fold_of(r[2], folds) != k])
                judge = LearnedDecider(model)
            else:
                judge = RuleDecider()
            ms = [m for i in held for m in found.get(i, [])]
            decided = apply(judge, [metas[i] for i in held], ms)
            oof.extend(decided)
            if isinstance(judge, LearnedDecider):  # each held-out candidate's decision, for the tables
                for features, label, article_id in rows:
                    if label != SKIP and fold_of(article_id, folds) == k:
                        d = judge.judge(features, rule_status(features))
                        pairs.append((label, d.status or NONE, d.confidence))
            res = _flat(_graph_score([gold_rows[i] for i in held], [metas[i] for i in held], decided, work, f"fold{k}"))
            res["articles"] = len(held)
            per_fold.append(res)
            echo(f"fold {k}: {len(held)} articles, occurred F1 {res['occurred_f1']:.3f}, "
                 f"status F1 {res['status_f1']:.3f}, false_occurred {res['false_occurred']}")
        pooled = _graph_score([gold_rows[i] for i in ids], [metas[i] for i in ids], oof, work, "pooled")
    summary = {k: {"mean": round(statistics.mean(f[k] for f in per_fold), 3),
                   "sd": round(statistics.pstdev(f[k] for f in per_fold), 3)}
               for k in per_fold[0] if k != "articles"}
    return {"folds": per_fold, "mean_sd": summary, "pooled": pooled,
            "confusion": _confusion(pairs), "calibration": _calibration(pairs), "decider": decider}


def _confusion(pairs: list[tuple[str, str, float]]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter[str]] = {}
    for label, pred, _ in pairs:
        table.setdefault(label, Counter())[pred] += 1
    return {g: dict(sorted(c.items())) for g, c in sorted(table.items())}


def _calibration(pairs: list[tuple[str, str, float]]) -> list[dict[str, Any]]:
    """Of the kept candidates whose confidence falls in each band, how many have the right status."""
    bands = []
    for lo, hi in BANDS:
        kept = [(label, pred, conf) for label, pred, conf in pairs if pred != NONE and lo <= conf < hi]
        if kept:
            right = sum(1 for label, pred, _ in kept if label == pred)
            bands.append({"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", "n": len(kept),
                          "mean_confidence": round(sum(c for *_, c in kept) / len(kept), 3),
                          "right": round(right / len(kept), 3)})
    return bands


def format_crossval(result: dict[str, Any]) -> str:
    lines = [f"decider: {result['decider']}; folds: {len(result['folds'])} (by page)", "mean (sd) over folds:"]
    for k, v in result["mean_sd"].items():
        lines.append(f"  {k:18} {v['mean']:.3f} ({v['sd']:.3f})")
    p = result["pooled"]
    lines.append("pooled out-of-fold:")
    for k in FIGURES:
        f = p[k]
        lines.append(f"  {k:9} P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}   "
                     f"(tp {f['tp']}, fp {f['fp']}, fn {f['fn']})")
    lines.append(f"  false_occurred {p['false_occurred']}")
    for k in ACCURACIES:
        lines.append(f"  {k}_accuracy {p.get(f'{k}_accuracy')} over {p.get(f'{k}_scored', '?')}")
    if result["confusion"]:
        lines.append("candidates, gold label -> decision (out of fold):")
        for g, row in result["confusion"].items():
            lines.append(f"  {g:12} " + ", ".join(f"{k} {n}" for k, n in row.items()))
    if result["calibration"]:
        lines.append("calibration (kept candidates; right = the gold status):")
        for b in result["calibration"]:
            lines.append(f"  {b['band']}: n {b['n']:4}  mean confidence {b['mean_confidence']:.3f}  right {b['right']:.3f}")
    return "\n".join(lines)
