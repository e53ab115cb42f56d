"""GraphML export: schema validity, Gephi's rules, round trips through networkx and igraph."""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from kg.export.atomic import atomic_write
from kg.export.graphml import graphml_node_id, time_interval, write_graphml
from kg.model import Actor, Event, Mention, Span, TimeValue

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GRAPHML_XSD = SHARED / "schemas" / "graphml" / "graphml.xsd"

STANDARD_TYPES = {"boolean", "int", "long", "float", "double", "string"}
GEPHI_VISUAL_NAMES = {"size", "color", "colour", "r", "g", "b", "x", "y", "z", "type"}

PUTIN = Actor(
    "vladimir-putin",
    'Vladimir "Vova" Putin\x01',
    "person",
    "RU",
    ("President of Russia", "a;b"),
)
KERRY = Actor("john-kerry", "John Kerry <&> \U0001f1fa\U0001f1f8", "person", None)
ABBAS = Actor("abbas", "\u200fمحمود عباس", "person", "PS")
EU = Actor("eu", "European Union", "organisation", None)


def _mention(article: str, status: str, actors: tuple[Actor, ...]) -> Mention:
    return Mention(
        article_id=article,
        kind="meeting",
        status=status,
        actors=actors,
        place=None,
        begin=None,
        end=None,
        evidence=Span("met", 0, 3),
        trigger="met",
        confidence=0.9,
    )


def make_events() -> list[Event]:
    pk = (PUTIN, KERRY)
    return [
        Event(  # held, reported by two articles
            "ev-1",
            "meeting",
            pk,
            None,
            TimeValue("2016-05", "month"),
            None,
            (_mention("a1", "occurred", pk), _mention("a2", "planned", pk)),
        ),
        Event(  # same pair, only planned
            "ev-2",
            "visit",
            (KERRY, PUTIN),
            None,
            TimeValue("2016-07-03", "day"),
            None,
            (_mention("a3", "planned", pk),),
        ),
        Event(  # one actor alone: node counts only
            "ev-3",
            "summit",
            (EU,),
            None,
            TimeValue("2017", "year"),
            None,
            (_mention("a4", "occurred", (EU,)),),
        ),
        Event(  # undated, cancelled: an edge with weight 0
            "ev-4",
            "phone_call",
            (ABBAS, KERRY),
            None,
            None,
            None,
            (_mention("a5", "cancelled", (ABBAS, KERRY)),),
        ),
    ]


@pytest.fixture
def graphml_file(tmp_path: Path) -> Path:
    path = tmp_path / "network.graphml"
    write_graphml(make_events(), path)
    return path


def test_validates_against_graphml_xsd(graphml_file: Path) -> None:
    if not GRAPHML_XSD.is_file():
        pytest.skip(f"GraphML schema not available at {GRAPHML_XSD} (../shared is absent)")
    schema = etree.XMLSchema(etree.parse(str(GRAPHML_XSD)))
    document = etree.parse(str(graphml_file))
    assert schema.validate(document), schema.error_log


def test_keys_follow_gephi_rules(graphml_file: Path) -> None:
    root = etree.parse(str(graphml_file)).getroot()
    keys = root.findall(f"{GRAPHML}key")
    assert keys
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))
    for domain in ("node", "edge"):
        names = [k.get("attr.name") for k in keys if k.get("for") == domain]
        assert len(names) == len(set(names)), f"duplicate attr.name for {domain}"
        assert not set(names) & GEPHI_VISUAL_NAMES
    assert {k.get("attr.type") for k in keys} <= STANDARD_TYPES
    by_id = {k.get("id"): k for k in keys}
    assert by_id["n_label"].get("attr.name") == "label"
    assert by_id["e_weight"].get("attr.name") == "weight"
    assert by_id["e_weight"].get("attr.type") == "double"
    # every data element refers to a key declared for its element kind
    for element in root.iter(f"{GRAPHML}node", f"{GRAPHML}edge"):
        kind = etree.QName(element).localname
        for data in element.findall(f"{GRAPHML}data"):
            assert by_id[data.get("key")].get("for") == kind
            assert data.text != ""  # absent values are omitted, not empty


def test_edges_unique_ids_sorted_one_per_pair(graphml_file: Path) -> None:
    root = etree.parse(str(graphml_file)).getroot()
    edges = root.findall(f"{GRAPHML}graph/{GRAPHML}edge")
    assert [e.get("id") for e in edges] == [f"e{i}" for i in range(len(edges))]
    pairs = [(e.get("source"), e.get("target")) for e in edges]
    assert pairs == sorted(pairs)
    assert all(s < t for s, t in pairs)
    assert len(set(pairs)) == len(pairs)
    nodes = [n.get("id") for n in root.findall(f"{GRAPHML}graph/{GRAPHML}node")]
    assert nodes == sorted(nodes)


def test_networkx_round_trip(graphml_file: Path) -> None:
    g = nx.read_graphml(graphml_file)
    assert not g.is_directed()
    assert sorted(g.nodes) == ["abbas", "eu", "john-kerry", "vladimir-putin"]
    assert g.number_of_edges() == 2

    putin = g.nodes["vladimir-putin"]
    assert putin["label"] == 'Vladimir "Vova" Putin'  # \x01 removed
    assert putin["actor_type"] == "person"
    assert putin["country"] == "RU"
    assert putin["roles"] == "President of Russia;a,b"
    assert (putin["events"], putin["held"]) == (2, 1)
    assert g.nodes["john-kerry"]["label"] == "John Kerry <&> \U0001f1fa\U0001f1f8"
    assert "country" not in g.nodes["john-kerry"]
    assert g.nodes["abbas"]["label"] == "\u200fمحمود عباس"
    eu = g.nodes["eu"]
    assert (eu["events"], eu["held"], g.degree("eu")) == (1, 1, 0)
    assert eu["actor_type"] == "organisation"

    pk = g.edges["john-kerry", "vladimir-putin"]
    assert pk["weight"] == 1.0
    assert (pk["events"], pk["held"], pk["planned"], pk["cancelled"]) == (2, 1, 1, 0)
    assert (pk["denied"], pk["hypothetical"]) == (0, 0)
    assert pk["kinds"] == "meeting;visit"
    assert (pk["first_date"], pk["last_date"]) == ("2016-05", "2016-05")  # held contacts only
    assert pk["sources"] == 3 and pk["articles"] == "a1;a2;a3"
    ak = g.edges["abbas", "john-kerry"]
    assert ak["weight"] == 0.0
    assert (ak["events"], ak["cancelled"]) == (1, 1)
    assert "first_date" not in ak and "last_date" not in ak


def test_igraph_round_trip(graphml_file: Path) -> None:
    igraph = pytest.importorskip("igraph")
    g = igraph.Graph.Read_GraphML(str(graphml_file))
    assert not g.is_directed()
    assert (g.vcount(), g.ecount()) == (4, 2)
    labels = dict(zip(g.vs["id"], g.vs["label"], strict=True))
    assert labels["vladimir-putin"] == 'Vladimir "Vova" Putin'
    assert labels["john-kerry"] == "John Kerry <&> \U0001f1fa\U0001f1f8"
    weights = {frozenset((g.vs[e.source]["id"], g.vs[e.target]["id"])): e["weight"] for e in g.es}
    assert weights == {
        frozenset(("john-kerry", "vladimir-putin")): 1.0,
        frozenset(("abbas", "john-kerry")): 0.0,
    }


def test_include_unheld_false_drops_pairs_without_held_contact(tmp_path: Path) -> None:
    path = tmp_path / "held.graphml"
    write_graphml(make_events(), path, include_unheld=False)
    g = nx.read_graphml(path)
    assert list(g.edges) == [("john-kerry", "vladimir-putin")]
    assert sorted(g.nodes) == ["john-kerry", "vladimir-putin"]  # abbas, eu: no held contact with anyone, no node


def test_deterministic(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.graphml", tmp_path / "b.graphml", tmp_path / "c.graphml"
    write_graphml(make_events(), a)
    write_graphml(make_events(), b)
    write_graphml(list(reversed(make_events())), c)
    assert a.read_bytes() == b.read_bytes() == c.read_bytes()


def test_node_ids_are_nmtokens() -> None:
    assert graphml_node_id("vladimir-putin") == "vladimir-putin"
    assert graphml_node_id("müller") == "müller"
    assert graphml_node_id("a b") == "a_x0020_b"
    assert graphml_node_id("") == "_x_"


def test_odd_keys_validate(tmp_path: Path) -> None:
    if not GRAPHML_XSD.is_file():
        pytest.skip(f"GraphML schema not available at {GRAPHML_XSD} (../shared is absent)")
    odd = (Actor("a b", "A B", "group"), Actor("müller", "Müller", "person"))
    event = Event("x", "talks", odd, None, None, None, (_mention("a", "occurred", odd),))
    path = tmp_path / "odd.graphml"
    write_graphml([event], path)
    schema = etree.XMLSchema(etree.parse(str(GRAPHML_XSD)))
    assert schema.validate(etree.parse(str(path))), schema.error_log
    assert sorted(nx.read_graphml(path).nodes) == ["a_x0020_b", "müller"]


def test_time_interval_precisions() -> None:
    day = time_interval(TimeValue("2016-05-03", "day"))
    assert day is not None and (str(day.start), str(day.end)) == ("2016-05-03", "2016-05-03")
    feb = time_interval(TimeValue("2016-02", "month"))
    assert feb is not None and (str(feb.start), str(feb.end)) == ("2016-02-01", "2016-02-29")
    year = time_interval(TimeValue("2017", "year"))
    assert year is not None and (str(year.start), str(year.end)) == ("2017-01-01", "2017-12-31")
    coarse = time_interval(TimeValue("2016-05-03", "month"))  # precision wins over the value
    assert coarse is not None and coarse.start_label == "2016-05"
    assert time_interval(TimeValue("2016-13", "month")) is None
    assert time_interval(TimeValue("soon", "day")) is None


# --- atomic_write ---------------------------------------------------------------------------


def test_atomic_failure_keeps_previous_file(graphml_file: Path) -> None:
    before = graphml_file.read_bytes()
    with pytest.raises(RuntimeError), atomic_write(graphml_file, "wb") as fh:
        fh.write(b"<partial")
        raise RuntimeError("boom")
    assert graphml_file.read_bytes() == before
    assert sorted(p.name for p in graphml_file.parent.iterdir()) == [graphml_file.name]


def test_atomic_text_mode_utf8_and_newlines(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    with atomic_write(path) as fh:
        fh.write("é\n€\n")
    assert path.read_bytes() == "é\n€\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["t.txt"]


def test_atomic_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text("old")
    os.chmod(path, 0o640)
    with atomic_write(path) as fh:
        fh.write("new")
    assert path.read_text() == "new"
    assert path.stat().st_mode & 0o777 == 0o640


def test_atomic_rejects_other_modes(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        atomic_write(tmp_path / "x", "a")  # type: ignore[call-overload]
