from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from kg.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus" / "seeds" / "input.jsonl").exists():
        pytest.skip(f"../shared is absent ({SHARED}): the corpus tests need it beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory, nlp):
    """The sample articles (examples/articles) built once: (export folder, BuildResult)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("sample-build")
    result = build([ROOT / "examples" / "articles"], out, nlp=nlp, on_skip=lambda s: None)
    return out, result
