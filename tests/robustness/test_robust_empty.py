"""A build whose inputs yield no article (a typo, an empty feed, only bad files) writes nothing: the
exports a user had stay byte for byte, the store too, and the command says so and exits 1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import EXPORTS, build
from kg.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "examples" / "articles"
ONE = ARTICLES / "04_scholz_xi_phone.txt"


def quiet(s: object) -> None:
    pass


def _exports(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in EXPORTS}


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "oxigraph" not in p.parts}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    """Exports (out/) and a store (store/) a user already has."""
    base = tmp_path_factory.mktemp("built")
    build([ONE], base / "out", nlp=nlp, on_skip=quiet, store=base / "store")
    return base


def _nothing(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "binary.txt").write_bytes(b"\x00\x01" * 64)
    (tmp_path / "bad" / "blank.txt").write_text("   \n")
    (tmp_path / "bad" / "notext.jsonl").write_text('{"id": "x"}\n')
    return {"typo": tmp_path / "typo.jsonl", "empty": tmp_path / "empty.jsonl", "bad": tmp_path / "bad"}


@pytest.mark.parametrize("case", ["typo", "empty", "bad"])
def test_no_article_leaves_the_exports_as_they_were(built: Path, tmp_path: Path, case: str) -> None:
    out = tmp_path / "out"
    shutil.copytree(built / "out", out)
    source = _nothing(tmp_path)[case]
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-1] == f"kg: no article could be read; nothing was written: the exports in {out} are unchanged"
    assert not any(line.startswith("wrote ") for line in lines)
    assert _exports(out) == _exports(built / "out")
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in (built / "out").iterdir())
    assert set(EXPORTS) <= {p.name for p in out.iterdir()}


def test_no_article_into_a_new_folder_creates_no_export(tmp_path: Path) -> None:
    result = build([tmp_path / "typo.jsonl"], tmp_path / "out", on_skip=quiet)
    assert result.nothing_read and result.outputs == []
    assert not any((tmp_path / "out" / name).exists() for name in EXPORTS)


def test_no_article_leaves_the_store_and_its_exports_as_they_were(built: Path, tmp_path: Path) -> None:
    out, store = tmp_path / "out", tmp_path / "store"
    shutil.copytree(built / "out", out)
    shutil.copytree(built / "store", store)
    before = _files(store)
    result = CliRunner().invoke(main, ["build", str(_nothing(tmp_path)["bad"]), "--store", str(store),
                                       "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"kg: no article could be read; nothing was written: the store {store} and the exports in {out} are unchanged")
    assert _exports(out) == _exports(built / "out") and _files(store) == before


def test_an_empty_store_exports_nothing(tmp_path: Path, built: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(built / "out", out)
    result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "new-store"), "--out", str(out)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"kg: the store {tmp_path / 'new-store'} holds no article; nothing was written: the exports in {out} are unchanged")
    assert _exports(out) == _exports(built / "out")


def test_articles_read_again_unchanged_count_as_read(built: Path, tmp_path: Path) -> None:
    """A store build whose inputs are all unchanged did read articles: it exports the store."""
    store = tmp_path / "store"
    shutil.copytree(built / "store", store)
    result = CliRunner().invoke(main, ["build", str(ONE), "--store", str(store), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert _exports(tmp_path / "out") == _exports(built / "out")
    assert json.loads((store / "index.json").read_text())["articles"].keys() == {ONE.stem}
