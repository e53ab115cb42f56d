"""Hostile names and sentences survive the four exports.

Records built by hand (no spaCy) with quotes, backslashes, line breaks, ``<>&``, control characters,
bidi marks, emoji and lone surrogates go through :func:`kg.graph.build_quads` and the writers, and
are read back by pyoxigraph, rdflib and networkx: every string comes back equal, except for the
characters XML 1.0 forbids, which are dropped from all four exports (the rule in the README)."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from kg.export.gexf import write_gexf
from kg.export.graphml import graphml_node_id, write_graphml
from kg.export.rdf import write_nquads, write_turtle
from kg.graph import actor_iri, article_iri, build_quads, event_iri, mention_iri, place_iri
from kg.model import Actor, Article, Event, Mention, Place, Span, TimeValue

pytestmark = pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DKG = "https://w3id.org/diplomatic-kg/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
DCTERMS_ID = "http://purl.org/dc/terms/identifier"
SCHEMA = "https://schema.org/"

HOSTILE = [
    'He said "hi" and \'bye\'',
    "back\\slash \\n \\u0041 \\U0001F600 trailing\\",
    "line1\nline2\r\nline3\rend",
    "tab\there\tand\tthere",
    "<b>&amp; & < > ]]> <!-- --> <?pi?>",
    "ctrl\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x85 end",
    "rtl \u200f\u202e\u2066mark\u2069\u200e \u0645\u062d\u0645\u0648\u062f \u05e9\u05dc\u05d5\u05dd",
    "emoji \U0001f642\U0001f44d\U0001f3fd\U0001f1fa\U0001f1f8 \U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\ufeffBOM and zero\u200bwidth",
    "non\ufffe\uffffcharacters",
    "lone \ud800 and \udfff surrogates",
    "'''t''' \"\"\"q\"\"\" @prefix x: <http://e/> . # not a comment",
    "\u2028line sep\u2029para sep",
    "e\u0301 vs \u00e9, \ufb01 ligature",
    " ",
    "",
    ".",
    "..",
    "0.",
    "ends with a dot.",
    "a b",
    "a_x0020_b",
    "_x_",
    "semi;colon",
    "http://example.org/x?y=1#z",
    "%41%zz",
    "x" * 300,
]
# XML 1.0 forbids these (production [2] Char); every export drops them.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    return FORBIDDEN.sub("", text)


def _records(strings: list[str]) -> tuple[list[Article], list[Event]]:
    actors = [Actor(key=s, name=s or "-", type="person", country=s or None, roles=(s,) if s else ()) for s in strings]
    arts: list[Article] = []
    events: list[Event] = []
    for i, s in enumerate(strings):
        a, b = actors[i], actors[(i + 1) % len(actors)]
        place = Place(key=f"place {s}", name=s or "-", country=s or None, venue=s or None)
        m = Mention(article_id=s, kind="meeting", status="occurred", actors=(a, b), place=place,
                    begin=TimeValue("2020-01-02", "day", text=s), end=None, evidence=Span(s, 0, len(s)),
                    trigger=s, confidence=0.5)
        events.append(Event(key=s, kind="meeting", actors=(a, b), place=place, begin=m.begin, end=None,
                            mentions=(m,)))
        arts.append(Article(id=s, text=s, source="test", url=s or None, title=s or None, published="2020-01-02"))
    return arts, events


def _write(out: Path, strings: list[str]) -> tuple[list[Article], list[Event]]:
    arts, events = _records(strings)
    quads = build_quads(arts, events)
    write_turtle(quads, out / "graph.ttl")
    write_nquads(quads, out / "graph.nq")
    write_graphml(events, out / "graph.graphml")
    write_gexf(events, out / "graph.gexf")
    return arts, events


def _ox_values(path: Path, fmt: ox.RdfFormat) -> dict[tuple[str, str], set[str]]:
    values: dict[tuple[str, str], set[str]] = {}
    for q in ox.parse(path=str(path), format=fmt):
        if isinstance(q.object, ox.Literal):
            values.setdefault((q.subject.value, q.predicate.value), set()).add(q.object.value)
    return values


def _rdflib_values(graph: rdflib.Graph) -> dict[tuple[str, str], set[str]]:
    values: dict[tuple[str, str], set[str]] = {}
    spo = ((s, p, o) for s, p, o, _ in graph.quads((None, None, None, None))) if isinstance(graph, rdflib.Dataset) \
        else graph.triples((None, None, None))
    for s, p, o in spo:
        if isinstance(o, rdflib.Literal):
            values.setdefault((str(s), str(p)), set()).add(str(o))
    return values


def _check_rdf(out: Path, strings: list[str]) -> None:
    readers = {
        "oxigraph ttl": _ox_values(out / "graph.ttl", ox.RdfFormat.TURTLE),
        "oxigraph nq": _ox_values(out / "graph.nq", ox.RdfFormat.N_QUADS),
        "rdflib ttl": _rdflib_values(rdflib.Graph().parse(out / "graph.ttl", format="turtle")),
        "rdflib nq": _rdflib_values(rdflib.Dataset().parse(out / "graph.nq", format="nquads")),
    }
    for reader, values in readers.items():
        for s in strings:
            expected = {clean(s)}
            assert values[(actor_iri(s), RDFS_LABEL)] == {clean(s or "-")}, (reader, s)
            if s:
                assert values[(actor_iri(s), DKG + "countryName")] == expected, (reader, s)
                assert values[(actor_iri(s), DKG + "role")] == expected, (reader, s)
                assert values[(article_iri(s), SCHEMA + "headline")] == expected, (reader, s)
                assert values[(article_iri(s), SCHEMA + "url")] == expected, (reader, s)
            assert values[(article_iri(s), DCTERMS_ID)] == expected, (reader, s)
            assert values[(mention_iri(s, s), NIF + "anchorOf")] == expected, (reader, s)
            assert values[(mention_iri(s, s), DKG + "trigger")] == expected, (reader, s)
            assert values[(place_iri(f"place {s}"), RDFS_LABEL)] == {clean(s or "-")}, (reader, s)


def _iris(strings: list[str]) -> list[str]:
    return [f(s) for s in strings for f in (article_iri, actor_iri, event_iri, place_iri)] + \
        [mention_iri(s, t) for s in strings[:5] for t in strings[:5]]


def _check_iris(strings: list[str]) -> None:
    iris = _iris(strings)
    for iri in iris:
        ox.NamedNode(iri)  # raises on an invalid IRI
        assert re.fullmatch(r"https://w3id\.org/diplomatic-kg/[a-z]+/[A-Za-z0-9._~/-]+", iri), iri
        assert not re.search(r"/\.\.?(/|$)", iri), iri  # no dot segment that resolution would remove
        assert rdflib.URIRef(iri) == rdflib.URIRef(iri).defrag()
    distinct = list(dict.fromkeys(strings))
    for f in (article_iri, actor_iri, event_iri):
        assert len({f(s) for s in distinct}) == len(distinct), f.__name__


def _check_xml(out: Path, events: list[Event], strings: list[str]) -> None:
    actors = {a.key: a for e in events for a in e.actors}
    ids = {graphml_node_id(k) for k in actors}
    assert len(ids) == len(actors)  # distinct keys, distinct node ids
    graphml = nx.read_graphml(out / "graph.graphml")
    gexf = nx.read_gexf(out / "graph.gexf")
    for key, actor in actors.items():
        node = graphml_node_id(key)
        expected_roles = ";".join(sorted({clean(r).replace(";", ",").strip() for r in actor.roles} - {""}))
        for reader, graph in (("graphml", graphml), ("gexf", gexf)):
            data = graph.nodes[node]
            assert data["label"] == clean(actor.name), (reader, key)
            assert data.get("country") == ((clean(actor.country) or None) if actor.country else None), (reader, key)
            assert data.get("roles", "") == expected_roles, (reader, key)
    assert graphml.number_of_edges() == gexf.number_of_edges() == len({frozenset((graphml_node_id(e.actors[0].key),
                                                                                   graphml_node_id(e.actors[1].key)))
                                                                        for e in events})
    for name in ("graph.graphml", "graph.gexf"):
        etree.parse(str(out / name))  # well-formed XML 1.0


def test_hostile_strings_survive_every_export(tmp_path: Path) -> None:
    arts, events = _write(tmp_path, HOSTILE)
    _check_rdf(tmp_path, HOSTILE)
    _check_iris(HOSTILE)
    _check_xml(tmp_path, events, HOSTILE)


def test_xml_forbidden_characters_are_the_only_ones_dropped(tmp_path: Path) -> None:
    _write(tmp_path, HOSTILE)
    for name in ("graph.ttl", "graph.nq", "graph.graphml", "graph.gexf"):
        data = (tmp_path / name).read_bytes().decode("utf-8")  # valid UTF-8: no lone surrogate
        assert not FORBIDDEN.search(data.replace("\r", "")), name
    # what is kept, by the readers: bidi marks, emoji, the C1 control U+0085, carriage returns
    values = _ox_values(tmp_path / "graph.ttl", ox.RdfFormat.TURTLE)
    anchors = {v for (s, p), vs in values.items() if p == NIF + "anchorOf" for v in vs}
    assert "line1\nline2\r\nline3\rend" in anchors
    assert "ctrl\x7f\x85 end" in anchors
    assert "emoji \U0001f642\U0001f44d\U0001f3fd\U0001f1fa\U0001f1f8 \U0001f468\u200d\U0001f469\u200d\U0001f467" in anchors


def test_dot_segments_and_unsafe_ids_get_hashed_iris() -> None:
    assert article_iri("abc-1.2_x~y") == "https://w3id.org/diplomatic-kg/article/abc-1.2_x~y"
    for value in (".", "..", "0.", "x.", "", "a/b", "a b", "x" * 121, "\ud800"):
        segment = article_iri(value).rsplit("/", 1)[1]
        assert re.fullmatch(r"([A-Za-z0-9-]+-)?[0-9a-f]{10}", segment), (value, segment)


def test_graphml_ids_are_injective() -> None:
    keys = ["a b", "a_x0020_b", "a\x01b", "ab", "", "_x_", "_", "a:b", "1abc", "\ud800", "caf\u00e9"]
    ids = [graphml_node_id(k) for k in keys]
    assert len(set(ids)) == len(keys)
    assert graphml_node_id("vladimir-putin") == "vladimir-putin" and graphml_node_id("a b") == "a_x0020_b"
    assert graphml_node_id("a_x0020_b") == "a_x005F_x0020_x005F_b"


# any Unicode text, lone surrogates included
_TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), max_size=40)


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXT, min_size=2, max_size=5, unique=True))
def test_random_strings_survive_every_export(tmp_path_factory: pytest.TempPathFactory, strings: list[str]) -> None:
    out = tmp_path_factory.mktemp("esc")
    arts, events = _write(out, strings)
    _check_rdf(out, strings)
    _check_iris(strings)
    _check_xml(out, events, strings)
