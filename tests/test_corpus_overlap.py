"""No comment, string or lexicon entry in kg/, and no test sentence, repeats eight or more consecutive
words of a corpus page.

Rules and lexicons come from how the language works, with sentences the project wrote; a phrase
copied from a page fixes that page.  Skipped where ../shared/corpus is not beside the project."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
N = 8
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def ngrams(ws: list[str], n: int = N) -> set[tuple[str, ...]]:
    return {tuple(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def project_texts() -> list[tuple[str, str]]:
    """(where, text) of every comment and string literal of kg/*.py and tests/*.py (the fixtures are
    the project's own sentences too), and every data file of kg/."""
    out = []
    paths = [p for p in sorted((ROOT / "kg").rglob("*")) + sorted((ROOT / "tests").rglob("*.py"))
             if p.name != "test_corpus_overlap.py"]
    for path in paths:
        rel = str(path.relative_to(ROOT))
        if path.suffix == ".py":
            source = path.read_text(encoding="utf-8")
            for tok in tokenize.generate_tokens(io.StringIO(source).readline):
                if tok.type in (tokenize.COMMENT, tokenize.STRING):
                    out.append((f"{rel}:{tok.start[0]}", tok.string))
        elif path.suffix in (".jsonl", ".tsv", ".json", ".txt", ".csv", ".rq") and path.name != "model.json" \
                and "kb/data" not in rel:  # the knowledge base holds names (of bodies, people), not wording
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                out.append((f"{rel}:{n}", line))
    return out


def test_ngrams_are_found() -> None:
    text = "one two three four five six seven eight nine"
    assert ngrams(words(text)) == {tuple(words(text)[:8]), tuple(words(text)[1:])}
    assert ngrams(words("one two three")) == set()


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
def test_no_corpus_wording_in_kg() -> None:
    pages: set[tuple[str, ...]] = set()
    for page in CORPUS.glob("*/articles/*.txt"):
        pages |= ngrams(words(page.read_text(encoding="utf-8", errors="replace")))
    assert len(pages) > 10_000  # the corpus was read
    copied = []
    for where, text in project_texts():
        hits = ngrams(words(text)) & pages
        if hits:
            copied.append(f"{where}: {' '.join(sorted(hits)[0])}")
    assert not copied, "corpus wording in the project:\n" + "\n".join(copied)
