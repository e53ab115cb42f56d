"""Fixtures of the tests that stop real builds: exports a user already had, and an uninterrupted
--store build to compare with."""

from __future__ import annotations

from pathlib import Path

import pytest
from kgproc import ARTICLES, INPUTS, exports, quiet


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory, nlp) -> dict[str, bytes]:
    """Exports a user already had (of other articles)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("previous")
    build([ARTICLES / "04_scholz_xi_phone.txt"], out, nlp=nlp, on_skip=quiet)
    return exports(out)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    """An uninterrupted --store build of INPUTS: its exports in out/, its store in store/."""
    from kg.build import build

    base = tmp_path_factory.mktemp("reference")
    build(list(INPUTS), base / "out", nlp=nlp, on_skip=quiet, store=base / "store")
    return base
