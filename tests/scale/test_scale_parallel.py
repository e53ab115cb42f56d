"""One process, worker processes: the same graph, byte for byte; articles streamed without text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import EXPORTS, build, estimate_articles
from kg.ingest import Article, read_inputs
from kg.parallel import chunked, process_chunk, run_chunks

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="module")
def single(nlp, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("single")
    result = build([ARTICLES], out, nlp=nlp, on_skip=lambda s: None, workers=1, batch=5)
    assert result.articles == 12 and len(result.events) > 20 and result.triples > 1000
    return out


def test_worker_processes_give_byte_identical_exports(single: Path, nlp, tmp_path: Path) -> None:
    seen = []
    result = build([ARTICLES], tmp_path, nlp=nlp, on_skip=lambda s: None, workers=2, batch=3,
                   progress=lambda r: seen.append(r.articles))
    assert result.articles == 12 and result.engine == "2 worker processes"
    assert seen[-1] == 12 and seen == sorted(seen)
    for name in EXPORTS:
        assert (tmp_path / name).read_bytes() == (single / name).read_bytes(), name


def test_chunks_come_back_in_order_without_text(nlp) -> None:
    arts = [a for a in read_inputs([ARTICLES]) if isinstance(a, Article)][:6]
    outcomes = [o for chunk in run_chunks(chunked(arts, 2), workers=2, nlp=nlp) for o in chunk]
    assert [o.article.id for o in outcomes] == [a.id for a in arts]
    assert all(o.article.text == "" and o.error is None and o.words > 0 for o in outcomes)
    assert [o.mentions for o in outcomes] == [o.mentions for o in process_chunk(arts, nlp)]


def test_a_failing_article_is_skipped_with_its_reason(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.extract

    real = kg.extract.extract_batch

    def flaky(articles, pipeline, *args, **kwargs):
        if any(a.id == "bad" for a in articles):
            raise RuntimeError("boom")
        return real(articles, pipeline, *args, **kwargs)

    monkeypatch.setattr(kg.extract, "extract_batch", flaky)
    good = Article("good", "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha.", "g")
    outcomes = process_chunk([good, Article("bad", "Whatever.", "b.txt")], nlp)
    assert outcomes[0].error is None and outcomes[0].mentions
    assert outcomes[1].error == "extraction failed (RuntimeError: boom)" and outcomes[1].article.source == "b.txt"


def test_estimate_counts_files_and_jsonl_lines(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": 1, "text": "x"}\n{"id": 2, "text": "y"}\n{"id": 3, "text": "z"}')
    (tmp_path / "b.txt").write_text("text")
    (tmp_path / "c.md").write_text("not an input")
    assert estimate_articles([tmp_path, tmp_path / "missing"]) == 4
    assert estimate_articles([ARTICLES]) == 12
