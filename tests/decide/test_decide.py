"""The deciders: the registry, the learned model (fit, apply, calibrate), and the commands that
train, use and cross-validate it (on the project's own sample articles and their gold)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.decide import DECIDERS, RuleDecider, load_decider
from kg.decide.folds import fold_of
from kg.decide.learned import CLASSES, LearnedDecider, calibrated, fit
from kg.errors import KGError
from kg.model import Mention

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "examples" / "articles"
GOLD = ROOT / "tests" / "fixtures" / "gold_examples.jsonl"


def _rows() -> list[tuple[list[str], str, str]]:
    """Synthetic candidates: a held cue makes an occurred event, a future one a planned one, a
    sports cue a non-event; 20 articles."""
    rows = []
    for a in range(20):
        rows += [(["rule=occurred", "cue=cue.held.past", f"n{a % 3}"], "occurred", f"a{a}"),
                 (["rule=planned", "cue=cue.plan.will"], "planned", f"a{a}"),
                 (["rule=occurred", "cue=cue.nondiplomatic.sport"], "none", f"a{a}")]
    return rows


def test_registry_and_errors() -> None:
    assert set(DECIDERS) == {"rules", "learned"}
    assert isinstance(load_decider("rules"), RuleDecider)
    assert isinstance(load_decider(), LearnedDecider)  # the shipped model is the default
    with pytest.raises(KGError, match="choose one of learned, rules"):
        load_decider("oracle")


def test_fit_is_deterministic_and_learns() -> None:
    model = fit(_rows(), c=1.0, threshold=0.5, status_from="model")
    assert model == fit(_rows(), c=1.0, threshold=0.5, status_from="model")
    judge = LearnedDecider(model)
    p = judge.probabilities(["rule=occurred", "cue=cue.held.past"])
    assert abs(sum(p.values()) - 1) < 1e-9 and set(p) == set(CLASSES)
    assert judge.judge(["rule=occurred", "cue=cue.held.past"], "occurred").status == "occurred"
    assert judge.judge(["rule=planned", "cue=cue.plan.will"], "planned").status == "planned"
    assert judge.judge(["rule=occurred", "cue=cue.nondiplomatic.sport"], "occurred").status is None


def test_fit_chooses_its_settings_by_grouped_cross_validation() -> None:
    model = fit(_rows())
    assert model["threshold"] in (0.0, *[round(0.2 + 0.05 * i, 2) for i in range(11)])
    assert model["status_from"] in ("rules", "model") and len(model["calibration"]) == 2
    assert model["trained_on"]["articles"] == 20


def test_min_confidence_drops_what_the_decider_is_unsure_of() -> None:
    model = fit(_rows(), c=1.0, threshold=0.0, status_from="model")
    feats = ["rule=occurred", "cue=cue.held.past"]
    assert LearnedDecider(model).judge(feats, "occurred").status == "occurred"
    assert LearnedDecider(model, min_confidence=0.999).judge(feats, "occurred").status is None


def test_calibration_is_monotone() -> None:
    scale = (0.5, 0.2)
    values = [calibrated(p, scale) for p in (0.1, 0.3, 0.5, 0.7, 0.9)]
    assert values == sorted(values) and all(0 < v < 1 for v in values)
    assert calibrated(0.7, (1.0, 0.0)) == pytest.approx(0.7)


def test_folds_are_stable_by_page() -> None:
    assert [fold_of(f"page{i}", 5) for i in range(50)] == [fold_of(f"page{i}", 5) for i in range(50)]
    assert len({fold_of(f"page{i}", 5) for i in range(50)}) == 5


def test_bad_model_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text('{"format": "something else"}')
    with pytest.raises(KGError, match="not a decider model"):
        LearnedDecider.from_path(bad)
    result = CliRunner().invoke(main, ["build", str(SAMPLES / "04_scholz_xi_phone.txt"), "--out", str(tmp_path / "o"),
                                       "--model", str(bad)])
    assert result.exit_code == 2 and "not a decider model" in result.output


def test_train_then_build_with_the_model(tmp_path: Path) -> None:
    model = tmp_path / "mine.json"
    result = CliRunner().invoke(main, ["train", str(GOLD), str(SAMPLES), "--out", str(model)])
    assert result.exit_code == 0, result.output
    data = json.loads(model.read_text())
    assert data["format"] == "diplomatic-kg/decider" and data["trained_on"]["articles"] >= 10
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SAMPLES), "--out", str(out), "--model", str(model), "-q"])
    assert result.exit_code == 0, result.output
    everything = (out / "graph.events.csv").read_text().count("\n")
    strict = tmp_path / "strict"
    result = CliRunner().invoke(main, ["build", str(SAMPLES), "--out", str(strict), "--model", str(model),
                                       "--min-confidence", "0.99", "-q"])
    assert result.exit_code == 0, result.output
    assert (strict / "graph.events.csv").read_text().count("\n") < everything


def test_crossval_reports_out_of_fold_figures() -> None:
    result = CliRunner().invoke(main, ["crossval", str(GOLD), str(SAMPLES), "--folds", "2", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert len(figures["folds"]) == 2 and "occurred_f1" in figures["mean_sd"]
    assert 0 < figures["pooled"]["occurred"]["f1"] <= 1
    rules = CliRunner().invoke(main, ["crossval", str(GOLD), str(SAMPLES), "--folds", "2", "--decider", "rules"])
    assert rules.exit_code == 0 and "pooled out-of-fold" in rules.output


def _report(*names: str, status: str = "occurred") -> Mention:
    from kg.model import Actor, Span

    actors = tuple(Actor(key=n.lower().replace(" ", "-"), name=n, type="person") for n in names)
    return Mention(article_id="a", kind="meeting", status=status, actors=actors, place=None, begin=None, end=None,
                   evidence=Span("", 0, 0), trigger="met", confidence=0.7)


def test_labels_leave_out_repeats_but_not_false_reports() -> None:
    from kg.decide.labels import NONE, SKIP, label_mentions
    from kg.evaluate import GoldEvent

    golds = [GoldEvent(participants=("Ann Lee", "Bo Park"), status="planned", kind="meeting")]
    reports = [_report("Ann Lee", "Bo Park", status="planned"), _report("Bo Park", "Ann Lee"),
               _report("Ann Lee", "Cy Dunn")]
    # the first report is the event; the second reports it again (merged into one, neither right nor
    # wrong); the third has a side the annotators did not give: not an event
    assert label_mentions(golds, reports) == ["planned", SKIP, NONE]
    optional = [GoldEvent(participants=("Ann Lee", "Bo Park"), status="planned", kind="meeting", optional=True)]
    assert label_mentions(optional, reports) == [SKIP, SKIP, NONE]
