"""Rebuild the knowledge base's office holders from Wikidata (``kg kb rebuild``).

:data:`QUERY` asks the Wikidata Query Service for everyone who held (property P39 "position held") a
position that is a head of state, a head of government or a minister of foreign affairs of a country
(the position's P1001 "applies to jurisdiction" with an ISO 3166-1 code, P297), with the start and
end qualifiers (P580, P582) and the English label and alternative labels of the person.  The answer,
in the SPARQL 1.1 JSON results format, becomes ``office-holders-wikidata.tsv`` (the columns of
:mod:`kg.kb`): one row per person, office, country and start.  Wikidata is CC0.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import KGError

ENDPOINT = "https://query.wikidata.org/sparql"
COLUMNS = ("name", "alt_names", "country", "office", "start", "end", "source_id")
OFFICE_CLASSES = (("Q48352", "head_of_state"), ("Q2285706", "head_of_government"), ("Q7330070", "foreign_minister"))
SINCE_YEAR = 1945

_VALUES = " ".join(f'(wd:{q} "{o}")' for q, o in OFFICE_CLASSES)
QUERY = """SELECT ?person ?personLabel ?alt ?iso ?office ?start ?end WHERE {
  VALUES (?class ?office) { _VALUES_ }
  ?position wdt:P279* ?class ; wdt:P1001 ?jurisdiction .
  ?jurisdiction wdt:P297 ?iso .
  ?person p:P39 ?held .
  ?held ps:P39 ?position .
  OPTIONAL { ?held pq:P580 ?start }
  OPTIONAL { ?held pq:P582 ?end }
  FILTER(!BOUND(?end) || YEAR(?end) >= _SINCE_)
  OPTIONAL { ?person skos:altLabel ?alt . FILTER(LANG(?alt) = "en") }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
}""".replace("_VALUES_", _VALUES).replace("_SINCE_", str(SINCE_YEAR))


def _value(binding: dict[str, Any], name: str) -> str:
    cell = binding.get(name)
    return str(cell.get("value", "")) if isinstance(cell, dict) else ""


def _date(value: str) -> str:
    """"2019-05-30T00:00:00Z" -> "2019-05-30"; a date at year precision (01-01) is kept as given."""
    m = re.match(r"^\+?(-?\d{4})-(\d{2})-(\d{2})", value)
    return "-".join(m.groups()) if m else ""


def rows_from_results(results: dict[str, Any]) -> list[dict[str, str]]:
    """The rows of ``office-holders-wikidata.tsv`` from a SPARQL JSON answer to :data:`QUERY`,
    sorted by country, office, start and name; alternative names of a person merged."""
    try:
        bindings = results["results"]["bindings"]
    except (KeyError, TypeError) as exc:
        raise KGError("not a SPARQL JSON results document (no results.bindings)") from exc
    rows: dict[tuple[str, str, str, str, str], dict[str, str]] = {}
    alts: dict[str, list[str]] = {}
    for b in bindings:
        qid = _value(b, "person").rsplit("/", 1)[-1]
        name = _value(b, "personLabel").strip()
        office = _value(b, "office")
        iso = _value(b, "iso").upper()
        if not re.fullmatch(r"Q[0-9]+", qid) or not name or name == qid or not office or not iso:
            continue
        start, end = _date(_value(b, "start")), _date(_value(b, "end"))
        key = (iso, office, start, qid, end)
        rows.setdefault(key, {"name": name, "alt_names": "", "country": iso, "office": office, "start": start,
                              "end": end, "source_id": f"wikidata:{qid}"})
        alt = _value(b, "alt").strip()
        if alt and "|" not in alt and "\t" not in alt and alt != name and alt not in alts.setdefault(qid, []):
            alts[qid].append(alt)
    out = []
    for key in sorted(rows):
        row = rows[key]
        row["alt_names"] = "|".join(sorted(alts.get(row["source_id"].removeprefix("wikidata:"), [])))
        out.append(row)
    return out


def write_rows(rows: Iterable[dict[str, str]], path: Path) -> int:
    from ..export.atomic import atomic_write

    lines = ["\t".join(COLUMNS)]
    for row in rows:
        lines.append("\t".join(" ".join(row.get(c, "").split()) for c in COLUMNS))
    with atomic_write(Path(path), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    return len(lines) - 1


def fetch(endpoint: str = ENDPOINT, timeout: float = 300.0) -> dict[str, Any]:
    """Run :data:`QUERY` on ``endpoint`` (needs a network connection)."""
    url = endpoint + "?" + urllib.parse.urlencode({"query": QUERY, "format": "json"})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json",
                                                   "User-Agent": "diplomatic-kg (kg kb rebuild)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - a URL the user chose
            data: dict[str, Any] = json.load(response)
            return data
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise KGError(f"cannot query {endpoint} ({exc}); with no network, pass a saved answer with --from-json") from exc


def rebuild(out: Path, source: Path | None = None, endpoint: str = ENDPOINT) -> int:
    """Write ``out`` from a saved answer (``source``) or from ``endpoint``; returns the number of rows."""
    if source is not None:
        try:
            results = json.loads(Path(source).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KGError(f"cannot read {source} as SPARQL JSON results ({exc})") from exc
    else:
        results = fetch(endpoint)
    rows = rows_from_results(results)
    if not rows:
        raise KGError(f"no office holders in {source or endpoint}: {out} left as it is")
    try:
        return write_rows(rows, out)
    except OSError as exc:
        raise KGError(f"cannot write {out} ({exc.strerror or exc})") from exc
