"""``kg.evaluate`` gives the figures of the shared ``eval/score.py`` (and ``kg evaluate`` prints them)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # kg without installing

from kg import evaluate
from kg.cli import main
from kg.errors import KGError
from kg.evaluate import format_report, names_match, score

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORE_PY = SHARED / "eval" / "score.py"
needs_shared = pytest.mark.skipif(
    not SCORE_PY.is_file(), reason=f"{SCORE_PY} is absent: no reference scorer to compare with")

PREFIXES = """\
@prefix sem:     <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix dkg:     <https://w3id.org/diplomatic-kg/ontology#> .
@prefix gaf:     <http://groundedannotationframework.org/gaf#> .
@prefix nif:     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@base <https://example.org/kg/> .
"""

# Article a1: E1 matches the occurred meeting; E2 matches the planned visit but says occurred
# (and Meeting, and the wrong month, and no place); E3 is spurious; E4 matches an optional
# hypothetical call. Article a3 is not in the gold (its event only counts in predicted_events).
GRAPH = PREFIXES + """
<article/a1> dcterms:identifier "a1" .
<article/a3> dcterms:identifier "a3" .

<actor/putin>    rdfs:label "Vladimir Putin" ; skos:altLabel "President Putin" .
<actor/kerry>    rdfs:label "John F. Kerry" .
<actor/lavrov>   rdfs:label "Sergey Lavrov" .
<actor/us>       rdfs:label "USA" .
<actor/merkel>   rdfs:label "Angela Merkel" .
<actor/hollande> rdfs:label "Francois Hollande" .
<actor/obama>    rdfs:label "Barack Obama" .
<place/moscow>   rdfs:label "Moscow" .

<event/e1> a sem:Event , dkg:Meeting ; gaf:denotedBy <mention/e1> ;
    sem:hasActor <actor/putin> , <actor/kerry> ; sem:hasPlace <place/moscow> ;
    sem:hasBeginTimeStamp "2016-05-24"^^xsd:date .
<mention/e1> nif:referenceContext <article/a1> ; dkg:status dkg:Occurred .

<event/e2> a sem:Event , dkg:Meeting ; gaf:denotedBy <mention/e2> ;
    sem:hasActor <actor/lavrov> , <actor/us> ;
    sem:hasBeginTimeStamp "2016-05-30"^^xsd:date .
<mention/e2> nif:referenceContext <article/a1> ; dkg:status dkg:Occurred .

<event/e3> a sem:Event , dkg:Talks ; gaf:denotedBy <mention/e3> ;
    sem:hasActor <actor/merkel> , <actor/hollande> .
<mention/e3> nif:referenceContext <article/a1> ; dkg:status dkg:Occurred .

<event/e4> a sem:Event , dkg:PhoneCall ; gaf:denotedBy <mention/e4> ;
    sem:hasActor <actor/obama> , <actor/putin> .
<mention/e4> nif:referenceContext <article/a1> ; dkg:status dkg:Occurred .

<event/e5> a sem:Event , dkg:Summit ; gaf:denotedBy <mention/e5> ;
    sem:hasActor <actor/merkel> , <actor/obama> .
<mention/e5> nif:referenceContext <article/a3> ; dkg:status dkg:Planned .
"""

GOLD = [
    {"id": "a1", "url": None, "published": "2016-06-01", "events": [
        {"kind": "meeting", "status": "occurred", "participants": ["Vladimir Putin", "John Kerry"],
         "place": "Kremlin, Moscow", "date": "2016-05"},
        {"kind": "visit", "status": "planned", "participants": ["Sergei Lavrov", "United States"],
         "place": "Washington", "date": "2016-06"},
        {"kind": "phone_call", "status": "hypothetical", "participants": ["Barack Obama", "Vladimir Putin"],
         "place": None, "date": None, "optional": True},
        {"kind": "summit", "status": "occurred", "participants": ["Xi Jinping", "Narendra Modi"],
         "place": "Goa", "date": "2016-10"},
    ]},
    {"id": "a2", "url": None, "published": None, "events": [
        {"kind": "phone_call", "status": "occurred", "participants": ["Angela Merkel", "Emmanuel Macron"],
         "place": None, "date": None},
    ]},
]

EXPECTED = {
    # occurred: E1 = G1; E2 and E3 false; E4 spared by the optional call; G4 and a2 missed
    "occurred": {"tp": 1, "fp": 2, "fn": 2, "precision": 0.333, "recall": 0.333, "f1": 0.333},
    # contact: E1 = G1, E2 = G2 (E4 = optional G3: neither way); E3 spurious; G4, a2 missed
    "contact": {"tp": 2, "fp": 1, "fn": 2, "precision": 0.667, "recall": 0.5, "f1": 0.571},
    # status: only E1 = G1
    "status": {"tp": 1, "fp": 3, "fn": 3, "precision": 0.25, "recall": 0.25, "f1": 0.25},
    "false_occurred": 1,  # E2: a planned visit exported as held
    "kind_accuracy": 0.667, "kind_scored": 3,  # E2 is a Meeting, gold a visit
    "date_accuracy": 0.5, "date_scored": 2,  # E2 in May, gold June
    "place_accuracy": 0.5, "place_scored": 2,  # E2 has no place
    "articles": 2,
    "predicted_events": 5,
}


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(row) for row in GOLD) + "\n\n", encoding="utf-8")
    ttl = tmp_path / "graph.ttl"
    ttl.write_text(GRAPH, encoding="utf-8")
    return gold, ttl


def reference(gold: Path, graph: Path) -> tuple[dict, list[dict]]:
    """The shared scorer's figures and its non-empty detail lines."""
    proc = subprocess.run([sys.executable, str(SCORE_PY), "--gold", str(gold), "--graph", str(graph),
                           "--json", "--details"], capture_output=True, text=True, check=True)
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return lines[-1], lines[:-1]


def nonempty(details: list[dict]) -> list[dict]:
    return [d for d in details if d["missed"] or d["spurious"] or d["mismatched"]]


# --------------------------------------------------------------------------- figures by hand

def test_figures_by_hand(inputs: tuple[Path, Path]) -> None:
    result, details = score(*inputs)
    assert result == EXPECTED
    assert list(result) == list(EXPECTED)  # same key order as score.py's JSON
    a1, a2 = details
    assert a1["article"] == "a1"
    assert a1["missed"] == [{"participants": ["Xi Jinping", "Narendra Modi"], "status": "occurred",
                             "kind": "summit"}]
    assert a1["spurious"] == [{"actors": ["Angela Merkel", "Francois Hollande"], "status": "occurred",
                               "kind": "talks"}]
    # pairs best first: same status, then shared participants, then agreeing attributes
    assert [m["gold"]["status"] for m in a1["mismatched"]] == ["hypothetical", "planned"]
    assert a1["mismatched"][1]["pred"] == {"status": "occurred", "kind": "meeting",
                                           "date": "2016-05-30", "places": []}
    assert a2 == {"article": "a2", "spurious": [], "mismatched": [],
                  "missed": [{"participants": ["Angela Merkel", "Emmanuel Macron"],
                              "status": "occurred", "kind": "phone_call"}]}


def test_report_lines(inputs: tuple[Path, Path]) -> None:
    report = format_report(score(*inputs)[0]).splitlines()
    assert report[0] == "occurred  P 0.333  R 0.333  F1 0.333   (tp 1, fp 2, fn 2)"
    assert report[3] == "false_occurred 1"
    assert report[4:] == ["kind_accuracy 0.667 over 3", "date_accuracy 0.5 over 2",
                          "place_accuracy 0.5 over 2"]


def test_nquads_union_of_graphs(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    gold, ttl = inputs
    # triples spread over two named graphs: an event's description is only whole in their union
    triples = list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(f"https://example.org/g{i % 2}"))
             for i, t in enumerate(triples)]
    nq = tmp_path / "graph.nq"
    nq.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    assert score(gold, nq) == score(gold, ttl)


@pytest.mark.parametrize("gold, pred, same", [
    ("Vladimir Putin", "President Putin", True),  # surname, title dropped
    ("United States", "USA", True),  # alias
    ("Mohammed bin Salman", "Crown Prince Mohammed", True),  # contained name
    ("Recep Tayyip Erdoğan", "Erdogan", True),  # accents
    ("John Kerry", "USA", False),
    ("Xi Jinping", "Li", False),
])
def test_names_match(gold: str, pred: str, same: bool) -> None:
    assert names_match(gold, pred) is same


def test_query_is_the_contract() -> None:
    shared = SHARED / "contract" / "events.rq"
    if not shared.is_file():
        pytest.skip(f"{shared} is absent")
    assert evaluate.contract_query() == shared.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- same as score.py

@needs_shared
def test_same_as_score_py(inputs: tuple[Path, Path]) -> None:
    result, details = score(*inputs)
    ref_result, ref_details = reference(*inputs)
    assert result == ref_result
    assert nonempty(details) == ref_details


def _synthetic_graph(rows: list[dict]) -> str:
    """A graph made from gold events with deterministic errors, to exercise every rule."""
    kinds = {"meeting": "Meeting", "visit": "Visit", "summit": "Summit", "talks": "Talks",
             "phone_call": "PhoneCall", "video_call": "VideoCall"}
    statuses = ["Occurred", "Planned", "Cancelled", "Denied", "Hypothetical"]
    out = [PREFIXES]
    n = 0
    for row in rows:
        out.append(f'<article/{row["id"]}> dcterms:identifier {json.dumps(row["id"])} .')
        for ev in row["events"]:
            n += 1
            if n % 7 == 0:  # missed
                continue
            kind = kinds[ev["kind"]] if n % 5 else "Talks"
            status = ev["status"].capitalize() if n % 4 else statuses[n % 5]
            if ev["status"] != "occurred" and n % 2:  # reported as held
                status = "Occurred"
            actors = []
            for i, name in enumerate(ev["participants"]):
                label = name.split()[-1] if (n + i) % 3 == 0 else name  # surname only
                actors.append(f"<actor/{n}-{i}>")
                out.append(f"<actor/{n}-{i}> rdfs:label {json.dumps(label)} .")
            if n % 6 == 0:  # drop one participant
                actors = actors[:1]
            out.append(f"<event/{n}> a sem:Event , dkg:{kind} ; gaf:denotedBy <mention/{n}> ; "
                       f"sem:hasActor {' , '.join(actors)} .")
            out.append(f"<mention/{n}> nif:referenceContext <article/{row['id']}> ; dkg:status dkg:{status} .")
            if ev.get("place") and n % 2:
                city = ev["place"].split(",")[-1].strip()
                out.append(f"<event/{n}> sem:hasPlace <place/{n}> . <place/{n}> rdfs:label {json.dumps(city)} .")
            if ev.get("date"):
                date = ev["date"] if n % 3 else ev["date"][:4] + "-01"
                out.append(f'<event/{n}> sem:hasBeginTimeStamp "{date}" .')
            if n % 8 == 0:  # a spurious event
                out.append(f"<event/x{n}> a sem:Event , dkg:Meeting ; gaf:denotedBy <mention/x{n}> ; "
                           f"sem:hasActor <actor/{n}-0> , <actor/putin> . <actor/putin> rdfs:label \"Putin\" . "
                           f"<mention/x{n}> nif:referenceContext <article/{row['id']}> ; dkg:status dkg:Occurred .")
    return "\n".join(out) + "\n"


@needs_shared
@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_same_as_score_py_on_shared_gold(corpus: str, tmp_path: Path) -> None:
    gold = SHARED / "corpus" / corpus / "gold.jsonl"
    if not gold.is_file():
        pytest.skip(f"{gold} is absent")
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    ttl = tmp_path / "graph.ttl"
    ttl.write_text(_synthetic_graph(rows), encoding="utf-8")
    result, details = score(gold, ttl)
    ref_result, ref_details = reference(gold, ttl)
    assert result == ref_result
    assert nonempty(details) == ref_details
    assert 0 < result["contact"]["tp"] and result["contact"]["fp"] and result["false_occurred"]


# --------------------------------------------------------------------------- errors

def test_malformed_gold_line(inputs: tuple[Path, Path]) -> None:
    gold, ttl = inputs
    gold.write_text(json.dumps(GOLD[0]) + "\n{\"id\": \"a2\", \"events\": [\n", encoding="utf-8")
    with pytest.raises(KGError, match=r"gold\.jsonl, line 2: not valid JSON") as err:
        score(gold, ttl)
    assert "\n" not in str(err.value)


def test_gold_event_without_status(inputs: tuple[Path, Path]) -> None:
    gold, ttl = inputs
    gold.write_text(json.dumps({"id": "a", "events": [{"kind": "meeting", "participants": []}]}) + "\n")
    with pytest.raises(KGError, match=r"line 1, event 1: 'status' must be one of"):
        score(gold, ttl)


def test_missing_graph_file(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    gold, _ = inputs
    missing = tmp_path / "nope" / "graph.ttl"
    with pytest.raises(KGError, match=r"graph\.ttl: no such graph file"):
        score(gold, missing)


def test_missing_gold_file(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    with pytest.raises(KGError, match=r"absent\.jsonl: no such gold file"):
        score(tmp_path / "absent.jsonl", inputs[1])


def test_unparsable_turtle(inputs: tuple[Path, Path]) -> None:
    gold, ttl = inputs
    ttl.write_text(PREFIXES + '<a> <b> "unterminated .\n', encoding="utf-8")
    with pytest.raises(KGError, match=r"graph\.ttl: not valid Turtle") as err:
        score(gold, ttl)
    assert "\n" not in str(err.value)


# --------------------------------------------------------------------------- the CLI

def test_cli_evaluate(inputs: tuple[Path, Path]) -> None:
    gold, ttl = inputs
    runner = CliRunner()
    res = runner.invoke(main, ["evaluate", str(gold), "--graph", str(ttl)])
    assert res.exit_code == 0, res.output
    assert "occurred  P 0.333  R 0.333  F1 0.333   (tp 1, fp 2, fn 2)" in res.output.splitlines()
    res = runner.invoke(main, ["evaluate", str(gold), "--graph", str(ttl), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output) == EXPECTED


def test_cli_evaluate_malformed_gold(inputs: tuple[Path, Path]) -> None:
    gold, ttl = inputs
    gold.write_text("not json\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["evaluate", str(gold), "--graph", str(ttl)])
    assert res.exit_code == 2
    assert "line 1: not valid JSON" in res.output
