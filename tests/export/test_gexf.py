"""GEXF 1.3 export: dynamic graph with spells, read back with networkx."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from lxml import etree

from kg.export.gexf import GEXF_NS, write_gexf
from kg.model import Actor, Event, Mention, Span, TimeValue

G = f"{{{GEXF_NS}}}"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GEXF_SCHEMAS = SHARED / "schemas" / "gexf"  # gexf.xsd / gexf.rng of GEXF 1.3, if provided

PUTIN = Actor("vladimir-putin", 'Vladimir "Vova" Putin\x01', "person", "RU", ("President",))
KERRY = Actor("john-kerry", "John Kerry <&> \U0001f1fa\U0001f1f8", "person", None)
ABBAS = Actor("abbas", "\u200fمحمود عباس", "person", "PS")
EU = Actor("eu", "European Union", "organisation", None)
LAVROV = Actor("sergey-lavrov", "Sergey Lavrov", "person", "RU")


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


def _event(
    key: str,
    kind: str,
    actors: tuple[Actor, ...],
    status: str,
    begin: TimeValue | None,
    end: TimeValue | None = None,
) -> Event:
    return Event(key, kind, actors, None, begin, end, (_mention(f"art-{key}", status, actors),))


def make_events() -> list[Event]:
    return [
        _event("ev-1", "meeting", (PUTIN, KERRY), "occurred", TimeValue("2016-05", "month")),
        _event("ev-2", "visit", (KERRY, PUTIN), "planned", TimeValue("2016-07-03", "day")),
        # overlaps ev-1: must merge into one spell (Gephi refuses overlapping intervals)
        _event("ev-5", "talks", (PUTIN, KERRY), "occurred", TimeValue("2016-05-20", "day")),
        _event("ev-3", "summit", (EU,), "occurred", TimeValue("2017", "year")),
        _event("ev-4", "phone_call", (ABBAS, KERRY), "cancelled", None),
        _event(
            "ev-6",
            "visit",
            (LAVROV, PUTIN),
            "occurred",
            TimeValue("2018-03-30", "day"),
            TimeValue("2018-04", "month"),
        ),
    ]


@pytest.fixture
def gexf_file(tmp_path: Path) -> Path:
    path = tmp_path / "network.gexf"
    write_gexf(make_events(), path)
    return path


def test_header(gexf_file: Path) -> None:
    root = etree.parse(str(gexf_file)).getroot()
    assert root.tag == f"{G}gexf"
    assert root.get("version") == "1.3"
    graph = root.find(f"{G}graph")
    assert graph is not None
    assert graph.get("mode") == "dynamic"
    assert graph.get("defaultedgetype") == "undirected"
    assert graph.get("timeformat") == "date"
    classes = [a.get("class") for a in graph.findall(f"{G}attributes")]
    assert classes == ["node", "edge"]
    for attributes in graph.findall(f"{G}attributes"):
        ids = [a.get("id") for a in attributes.findall(f"{G}attribute")]
        assert len(ids) == len(set(ids))
        assert not {"weight", "label", "size", "color", "type"} & set(ids)
    edge_ids = [e.get("id") for e in graph.iter(f"{G}edge")]
    assert edge_ids == [f"e{i}" for i in range(len(edge_ids))]


@pytest.mark.parametrize("schema_file", ["gexf.xsd", "gexf.rng"])
def test_validates_against_gexf_schema(gexf_file: Path, schema_file: str) -> None:
    path = GEXF_SCHEMAS / schema_file
    if not path.is_file():
        pytest.skip(f"GEXF 1.3 schema not available at {path}")
    tree = etree.parse(str(path))
    schema = etree.XMLSchema(tree) if schema_file.endswith(".xsd") else etree.RelaxNG(tree)
    assert schema.validate(etree.parse(str(gexf_file))), schema.error_log


def test_networkx_round_trip(gexf_file: Path) -> None:
    g = nx.read_gexf(gexf_file)
    assert g.graph["mode"] == "dynamic"
    assert not g.is_directed()
    assert sorted(g.nodes) == ["abbas", "eu", "john-kerry", "sergey-lavrov", "vladimir-putin"]
    assert g.number_of_edges() == 3

    assert g.nodes["vladimir-putin"]["label"] == 'Vladimir "Vova" Putin'
    assert g.nodes["john-kerry"]["label"] == "John Kerry <&> \U0001f1fa\U0001f1f8"
    assert g.nodes["abbas"]["label"] == "\u200fمحمود عباس"
    assert g.nodes["vladimir-putin"]["country"] == "RU"
    assert "country" not in g.nodes["john-kerry"]
    assert g.nodes["eu"]["actor_type"] == "organisation"
    assert (g.nodes["vladimir-putin"]["events"], g.nodes["vladimir-putin"]["held"]) == (4, 3)

    pk = g.edges["john-kerry", "vladimir-putin"]
    assert pk["weight"] == 2.0
    assert (pk["events"], pk["held"], pk["planned"]) == (3, 2, 1)
    assert pk["kinds"] == "meeting;talks;visit"
    # dates and spells from held contacts only: the planned visit of 2016-07-03 is not on the timeline
    assert (pk["first_date"], pk["last_date"]) == ("2016-05", "2016-05")
    assert pk["spells"] == [("2016-05-01", "2016-05-31")]
    assert pk["articles"] == "art-ev-1;art-ev-2;art-ev-5" and pk["sources"] == 3

    lp = g.edges["sergey-lavrov", "vladimir-putin"]
    assert lp["spells"] == [("2018-03-30", "2018-04-30")]
    assert (lp["first_date"], lp["last_date"]) == ("2018-03-30", "2018-04")

    ak = g.edges["abbas", "john-kerry"]
    assert ak["weight"] == 0.0
    assert "spells" not in ak  # no held contact: no date on the timeline

    # nodes: spells cover their held edges; an edge of held contacts without a date -> always-present nodes
    assert g.nodes["vladimir-putin"]["spells"] == [
        ("2016-05-01", "2016-05-31"),
        ("2018-03-30", "2018-04-30"),
    ]
    assert g.nodes["sergey-lavrov"]["spells"] == [("2018-03-30", "2018-04-30")]
    assert g.nodes["eu"]["spells"] == [("2017-01-01", "2017-12-31")]
    assert g.nodes["john-kerry"]["spells"] == [("2016-05-01", "2016-05-31")]
    assert "spells" not in g.nodes["abbas"]  # no held contact at all


def test_held_only_timeline_drops_unheld_pairs_and_actors(tmp_path: Path) -> None:
    path = tmp_path / "held.gexf"
    write_gexf(make_events(), path, include_unheld=False)
    g = nx.read_gexf(path)
    assert "abbas" not in g.nodes and "eu" not in g.nodes  # a cancelled call; a summit alone: no node in Gephi
    assert sorted(g.edges) == [("john-kerry", "vladimir-putin"), ("sergey-lavrov", "vladimir-putin")]
    spells = [s for _, _, d in g.edges(data=True) for s in d.get("spells", [])]
    assert ("2016-07-03", "2016-07-03") not in spells  # the planned visit
    always = _always_present_edge_events()
    g2 = nx.read_gexf(_write(tmp_path / "undated.gexf", always))
    assert "spells" not in g2.nodes["john-kerry"] and "spells" not in g2.nodes["vladimir-putin"]


def _always_present_edge_events() -> list[Event]:
    # held but undated: the edge is always present, so are its nodes; a planned dated one adds no spell
    return [_event("u-1", "meeting", (PUTIN, KERRY), "occurred", None),
            _event("u-2", "meeting", (PUTIN, KERRY), "planned", TimeValue("2016-05", "month"))]


def _write(path: Path, events: list[Event]) -> Path:
    write_gexf(events, path, include_unheld=False)
    return path


def test_edge_spells_inside_node_spells(gexf_file: Path) -> None:
    g = nx.read_gexf(gexf_file)
    for u, v, data in g.edges(data=True):
        for start, end in data.get("spells", []):
            for node in (u, v):
                spells = g.nodes[node].get("spells")
                if spells is None:
                    continue
                assert any(s <= start and end <= e for s, e in spells), (u, v, node)


def test_spells_do_not_overlap(gexf_file: Path) -> None:
    root = etree.parse(str(gexf_file)).getroot()
    for spells in root.iter(f"{G}spells"):
        pairs = [(s.get("start"), s.get("end")) for s in spells.findall(f"{G}spell")]
        assert pairs == sorted(pairs)
        for (_, end), (start, _) in pairwise(pairs):
            assert end < start


def test_deterministic(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.gexf", tmp_path / "b.gexf", tmp_path / "c.gexf"
    write_gexf(make_events(), a)
    write_gexf(make_events(), b)
    write_gexf(list(reversed(make_events())), c)
    assert a.read_bytes() == b.read_bytes() == c.read_bytes()


def test_failed_write_keeps_previous_file(gexf_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.export.gexf as gexf_module

    before = gexf_file.read_bytes()

    class Boom(Exception):
        pass

    def failing_atomic_write(path: Path, mode: str = "w"):  # type: ignore[no-untyped-def]
        from kg.export.atomic import atomic_write

        class _Failing:
            def __enter__(self):  # type: ignore[no-untyped-def]
                self._cm = atomic_write(path, "wb")
                self._fh = self._cm.__enter__()
                return self

            def write(self, data: bytes) -> None:
                self._fh.write(data[:10])
                raise Boom

            def __exit__(self, *exc):  # type: ignore[no-untyped-def]
                return self._cm.__exit__(*exc)

        return _Failing()

    monkeypatch.setattr(gexf_module, "atomic_write", failing_atomic_write)
    with pytest.raises(Boom):
        write_gexf(make_events()[:1], gexf_file)
    assert gexf_file.read_bytes() == before
    assert [p.name for p in gexf_file.parent.iterdir()] == [gexf_file.name]


def test_sample_timeline_has_no_spell_for_a_contact_that_did_not_happen(sample_build: Any) -> None:
    from kg.export.graphml import event_span, graphml_node_id, merge_spans

    out, result = sample_build
    g = nx.read_gexf(out / "graph.gexf")
    ids = {graphml_node_id(a.key): a.key for e in result.events for a in e.actors}
    held: dict[frozenset[str], list[tuple[str, str]]] = {}
    unheld_dated = 0
    for event in result.events:
        span = event_span(event)
        keys = {a.key for a in event.actors}
        if event.status != "occurred":
            unheld_dated += span is not None and len(keys) > 1
            continue
        if span is not None:
            held.setdefault(frozenset(keys), []).append((span.start, span.end))
    assert unheld_dated >= 2  # the samples have planned/cancelled dated contacts: the test can fail
    for u, v, data in g.edges(data=True):
        pair = {ids[u], ids[v]}
        expected = merge_spans(s for keys, spans in held.items() if pair <= keys for s in spans)
        assert data.get("spells", []) == [(a.isoformat(), b.isoformat()) for a, b in expected], (u, v)
        assert data["weight"] == data["held"] > 0
        assert data["articles"].count(";") + 1 == data["sources"]
    for node, data in g.nodes(data=True):
        assert data["held"] > 0 and g.degree(node) > 0, node  # no isolated actor, none without a held contact
    assert g.number_of_nodes() < len({a.key for e in result.events for a in e.actors})  # some were left out
