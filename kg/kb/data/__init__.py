"""The knowledge base's data files, read once (package data: ``kg/kb/data/*.tsv``)."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent
# later files win for a person's name: the hand-made renames of people-extra.tsv last
PEOPLE_FILES = ("office-holders-wikidata.tsv", "office-holders-history.tsv", "people-extra.tsv")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()}
                for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t",
                                          quoting=csv.QUOTE_NONE)]


@lru_cache(maxsize=1)
def country_rows() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """ISO alpha-2 -> (Wikidata id or "", canonical name, aliases in lower case)."""
    return {r["code"]: (r["wikidata"], r["name"], tuple(a for a in r["aliases"].split("|") if a))
            for r in read_tsv(DATA / "countries.tsv")}
