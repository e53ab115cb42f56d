"""The same inputs give byte-identical exports, build after build (all four files)."""

from __future__ import annotations

from pathlib import Path

from kg.build import EXPORTS, OPTIONAL_EXPORTS, build

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "examples" / "articles"


def test_two_builds_of_the_examples_are_byte_identical(tmp_path: Path, nlp: object) -> None:
    outputs = []
    for run in ("first", "second"):
        result = build([ARTICLES], tmp_path / run, nlp=nlp, on_skip=lambda s: None)
        assert result.articles >= 10 and result.events
        names = EXPORTS + tuple(n for n in OPTIONAL_EXPORTS if (tmp_path / run / n).exists())
        outputs.append({name: (tmp_path / run / name).read_bytes() for name in names})
    assert outputs[0].keys() == outputs[1].keys()
    for name in outputs[0]:
        assert outputs[0][name], name
        assert outputs[0][name] == outputs[1][name], f"{name} differs between two builds of the same inputs"


def test_rebuilding_into_the_same_folder_gives_the_same_bytes(tmp_path: Path, nlp: object) -> None:
    build([ARTICLES], tmp_path, nlp=nlp, on_skip=lambda s: None)
    first = {name: (tmp_path / name).read_bytes() for name in EXPORTS}
    build([ARTICLES], tmp_path, nlp=nlp, on_skip=lambda s: None)
    assert {name: (tmp_path / name).read_bytes() for name in EXPORTS} == first
    written = sorted(EXPORTS + tuple(n for n in OPTIONAL_EXPORTS if (tmp_path / n).exists()))
    assert sorted(p.name for p in tmp_path.iterdir()) == written  # no temporary file left over
