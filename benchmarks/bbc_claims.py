"""What the extractor claims on ordinary news: contacts per category of the BBC feed.

    python benchmarks/bbc_claims.py ../shared/bench/bbc-2004-2005.jsonl exports/graph.ttl [--sample N]

Counts the exported events (one per event x article that reports it) by the feed's category and
status, and prints a random sample (fixed seed) of the held ones with their evidence, to read and judge.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter, defaultdict
from pathlib import Path

import pyoxigraph as ox

QUERY = """
PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?event ?article ?status ?evidence WHERE {
  ?event gaf:denotedBy ?m . ?m nif:referenceContext ?a ; dkg:status ?status . ?a dcterms:identifier ?article .
  OPTIONAL { ?m nif:anchorOf ?evidence }
}"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("feed", type=Path)
    ap.add_argument("graph", type=Path)
    ap.add_argument("--sample", type=int, default=20)
    args = ap.parse_args()
    category = {}
    for line in args.feed.open(encoding="utf-8"):
        row = json.loads(line)
        category[str(row["id"])] = row.get("category", "?")
    store = ox.Store()
    store.bulk_load(path=str(args.graph), format=ox.RdfFormat.TURTLE)
    by_cat: Counter[str] = Counter()
    by_status: dict[str, Counter[str]] = defaultdict(Counter)
    held = []
    for row in store.query(QUERY):
        cat = category.get(row["article"].value, "?")
        status = row["status"].value.rsplit("#", 1)[-1] if row["status"] else "?"
        by_cat[cat] += 1
        by_status[cat][status] += 1
        held.append((cat, status, row["article"].value, row["evidence"].value if row["evidence"] else ""))
    for cat in sorted(by_cat):
        print(f"{cat:14} {by_cat[cat]:4}  " + ", ".join(f"{s} {n}" for s, n in sorted(by_status[cat].items())))
    other = sum(n for c, n in by_cat.items() if c in ("entertainment", "sport", "tech"))
    print(f"entertainment+sport+tech: {other}; total: {sum(by_cat.values())}")
    rng = random.Random(7)
    pool = [h for h in held if h[0] in ("politics", "business")]
    for cat, status, article, evidence in rng.sample(pool, min(args.sample, len(pool))):
        print(f"--- {cat} {article} {status}\n{' '.join(evidence.split())[:400]}")


if __name__ == "__main__":
    main()
