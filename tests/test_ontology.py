"""The ontology, the SHACL shapes and the generated ``kg/vocab.py`` agree."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # kg without installing

from kg import _genvocab, model, vocab
from kg.vocab import dkg, sem

ROOT = Path(__file__).resolve().parents[1]

ONTOLOGY_FILE = ROOT / "ontology" / "diplomatic-kg.ttl"
SHAPES_FILE = ROOT / "ontology" / "shapes.ttl"
CONTRACT_DIRS = (ROOT.parent / "shared" / "contract", Path("/work/shared/contract"))

PREFIXES = "\n".join(f"@prefix {p}: <{ns}> ." for p, ns in vocab.PREFIXES.items())

VALID = (
    PREFIXES
    + """
@base <https://w3id.org/diplomatic-kg/> .

<event/putin-kerry-2016-05> a sem:Event , dkg:Meeting ;
    sem:hasActor <actor/vladimir-putin> , <actor/john-kerry> ;
    dkg:host <actor/vladimir-putin> ;
    dkg:visitor <actor/john-kerry> ;
    sem:hasPlace <place/moscow> ;
    sem:hasBeginTimeStamp "2016-05"^^xsd:gYearMonth ;
    dkg:datePrecision "month" ;
    dkg:dateInferred false ;
    dkg:venue "Kremlin" ;
    dkg:confidence 0.8 ;
    dkg:mentionCount 2 ;
    gaf:denotedBy <mention/a1-0> , <mention/a2-0> .

<mention/a1-0> a dkg:Mention ;
    dkg:status dkg:Occurred ;
    nif:referenceContext <article/a1> ;
    prov:wasDerivedFrom <article/a1> ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ;
    nif:endIndex "38"^^xsd:nonNegativeInteger ;
    nif:anchorOf "Putin met Kerry in the Kremlin in May." ;
    dkg:trigger "met" ;
    dkg:isCaption false ;
    dkg:confidence 0.8 .

<mention/a2-0> a dkg:Mention ;
    dkg:status dkg:Planned ;
    nif:referenceContext <article/a2> ;
    nif:beginIndex 10 ;
    nif:endIndex 60 .

<article/a1> a schema:NewsArticle , nif:Context ;
    dcterms:identifier "000_0e2ce3b51124aa8f" ;
    schema:url <https://example.org/news/1> ;
    schema:datePublished "2016-05-03"^^xsd:date ;
    schema:headline "Putin meets Kerry" .

<article/a2> a schema:NewsArticle , nif:Context ;
    dcterms:identifier "001_a2" .

<actor/vladimir-putin> a dkg:Person ;
    rdfs:label "Vladimir Putin" ;
    skos:altLabel "Putin" ;
    dkg:role "Russian President" ;
    dkg:countryName "Russia" ;
    dkg:inCountry <actor/russia> ;
    dkg:met <actor/john-kerry> .

<actor/john-kerry> a dkg:Person ;
    rdfs:label "John Kerry" ;
    dkg:met <actor/vladimir-putin> .

<actor/russia> a dkg:Country ;
    rdfs:label "Russia" .

<place/moscow> a dkg:Place ;
    rdfs:label "Moscow" ;
    dkg:geonamesId 524901 ;
    geo:lat 55.75222 ;
    geo:long 37.61556 ;
    dkg:countryName "Russia" ;
    dkg:inCountry <actor/russia> .
"""
)

EVENT = "https://w3id.org/diplomatic-kg/event/putin-kerry-2016-05"
MENTION = "https://w3id.org/diplomatic-kg/mention/a1-0"
ARTICLE = "https://w3id.org/diplomatic-kg/article/a1"
PUTIN = "https://w3id.org/diplomatic-kg/actor/vladimir-putin"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY_FILE, format="turtle")
    return graph


@pytest.fixture(scope="module")
def shapes() -> Graph:
    graph = Graph()
    graph.parse(SHAPES_FILE, format="turtle")
    return graph


def _data(extra_remove: list[tuple[str, str, str | None]] | None = None) -> Graph:
    graph = Graph()
    graph.parse(data=VALID, format="turtle")
    for s, p, o in extra_remove or []:
        graph.remove((URIRef(s), URIRef(p), None if o is None else URIRef(o)))
    return graph


def _validate(data: Graph, shapes: Graph) -> tuple[bool, str]:
    conforms, _report, text = validate(data, shacl_graph=shapes, inference="none")
    return bool(conforms), str(text)


# --- the ontology ---------------------------------------------------------------------


def test_ontology_parses(ontology: Graph) -> None:
    assert (URIRef(vocab.ONTOLOGY), RDF.type, OWL.Ontology) in ontology
    assert len(ontology) > 100


def _vocab_dkg_iris() -> set[str]:
    iris = {
        value
        for name, value in vars(vocab.DKGTerms).items()
        if not name.startswith("_") and isinstance(value, str)
    }
    iris |= set(vocab.ALL_TERMS)
    iris |= set(vocab.KIND_CLASS.values()) | set(vocab.STATUS_IND.values())
    iris |= set(vocab.ACTOR_CLASS.values())
    return iris


def test_every_vocab_term_is_defined_with_label_and_comment(ontology: Graph) -> None:
    iris = _vocab_dkg_iris()
    assert iris == set(vocab.ALL_TERMS)
    for iri in sorted(iris):
        assert iri.startswith(vocab.DKG)
        node = URIRef(iri)
        assert (node, RDF.type, None) in ontology, f"{iri} not defined"
        assert (node, RDFS.label, None) in ontology, f"{iri} has no rdfs:label"
        assert (node, RDFS.comment, None) in ontology, f"{iri} has no rdfs:comment"


def test_every_dkg_term_of_the_ontology_is_in_vocab(ontology: Graph) -> None:
    used = {
        str(node)
        for triple in ontology
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(vocab.DKG)
    }
    assert used == set(vocab.ALL_TERMS)


def test_kinds_are_events(ontology: Graph) -> None:
    assert set(vocab.KIND_CLASS) == set(model.KINDS)
    event = URIRef(sem.Event)
    for kind, iri in vocab.KIND_CLASS.items():
        supers = set(ontology.transitive_objects(URIRef(iri), RDFS.subClassOf))
        assert event in supers, f"{kind}: {iri} is not a subclass of sem:Event"
        assert (URIRef(iri), RDF.type, OWL.Class) in ontology
    assert vocab.CLASS_KIND == {v: k for k, v in vocab.KIND_CLASS.items()}


def test_statuses_are_individuals(ontology: Graph) -> None:
    assert set(vocab.STATUS_IND) == set(model.STATUSES)
    for status, iri in vocab.STATUS_IND.items():
        node = URIRef(iri)
        assert (node, RDF.type, URIRef(dkg.Status)) in ontology, status
        assert (node, RDF.type, OWL.NamedIndividual) in ontology, status
    assert vocab.IND_STATUS == {v: k for k, v in vocab.STATUS_IND.items()}
    instances = {str(s) for s in ontology.subjects(RDF.type, URIRef(dkg.Status))}
    assert instances == set(vocab.STATUS_IND.values())


def test_actor_and_place_classes(ontology: Graph) -> None:
    assert set(vocab.ACTOR_CLASS) == set(model.ACTOR_TYPES)
    for iri in vocab.ACTOR_CLASS.values():
        assert (URIRef(iri), RDFS.subClassOf, URIRef(sem.Actor)) in ontology
    assert (URIRef(dkg.Place), RDFS.subClassOf, URIRef(sem.Place)) in ontology
    assert set(vocab.PRECISION_DATATYPE) == set(model.PRECISIONS)


def test_property_characteristics(ontology: Graph) -> None:
    for prop in (dkg.visitor, dkg.host):
        assert (URIRef(prop), RDFS.subPropertyOf, URIRef(sem.hasActor)) in ontology
    assert (URIRef(dkg.met), RDF.type, OWL.SymmetricProperty) in ontology
    assert (URIRef(dkg.metWith), OWL.inverseOf, URIRef(dkg.met)) in ontology
    assert (URIRef(dkg.status), RDFS.range, URIRef(dkg.Status)) in ontology
    assert (URIRef(dkg.inCountry), RDF.type, OWL.ObjectProperty) in ontology
    assert (URIRef(dkg.countryName), RDF.type, OWL.DatatypeProperty) in ontology


def _query_files() -> list[Path]:
    files = sorted((ROOT / "docs").rglob("*.rq")) + sorted(
        (ROOT / "ontology").glob("*.ttl")
    )
    for directory in CONTRACT_DIRS:
        if directory.is_dir():
            files += sorted(directory.glob("*.rq"))
            break
    return files


def test_dkg_terms_used_in_queries_and_shapes_are_defined() -> None:
    """Every ``dkg:Name`` written in a query, the shapes or the contract is defined."""
    pattern = re.compile(r"\bdkg:([A-Za-z_][A-Za-z0-9_]*)")
    for path in _query_files():
        text = path.read_text(encoding="utf-8")
        for local in sorted(set(pattern.findall(text))):
            assert vocab.DKG + local in vocab.ALL_TERMS, (
                f"{path}: dkg:{local} undefined"
            )


# --- the generated vocabulary ---------------------------------------------------------


def test_vocab_is_up_to_date() -> None:
    expected = _genvocab.render(ONTOLOGY_FILE)
    actual = (ROOT / "kg" / "vocab.py").read_text(encoding="utf-8")
    assert actual == expected, "kg/vocab.py is stale: run python -m kg._genvocab"


def test_vocab_does_not_import_rdflib() -> None:
    tree = ast.parse((ROOT / "kg" / "vocab.py").read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module.split(".")[0])
    assert modules <= {"__future__", "collections", "typing"}


def test_vocab_constants() -> None:
    assert vocab.DKG == "https://w3id.org/diplomatic-kg/ontology#"
    assert vocab.BASE == "https://w3id.org/diplomatic-kg/"
    assert dkg.Meeting == vocab.DKG + "Meeting"
    assert vocab.PREFIXES["schema"] == "https://schema.org/"
    assert vocab.PREFIXES["sem"] == "http://semanticweb.cs.vu.nl/2009/11/sem/"
    assert vocab.xsd.gYearMonth == "http://www.w3.org/2001/XMLSchema#gYearMonth"
    assert vocab.PRECISION_DATATYPE["month"] == vocab.xsd.gYearMonth


# --- the shapes -----------------------------------------------------------------------


def test_shapes_parse(shapes: Graph) -> None:
    sh = "http://www.w3.org/ns/shacl#"
    node_shapes = set(shapes.subjects(RDF.type, URIRef(sh + "NodeShape")))
    assert len(node_shapes) >= 5


def test_valid_data_conforms(shapes: Graph) -> None:
    conforms, text = _validate(_data(), shapes)
    assert conforms, text


def test_valid_data_answers_the_contract_query() -> None:
    pyoxigraph = pytest.importorskip("pyoxigraph")
    contract = next(
        (d / "events.rq" for d in CONTRACT_DIRS if (d / "events.rq").exists()), None
    )
    if contract is None:
        pytest.skip("contract query not found")
    store = pyoxigraph.Store()
    store.load(VALID.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    rows = list(store.query(contract.read_text(encoding="utf-8")))
    assert {str(r["articleId"].value) for r in rows} == {
        "000_0e2ce3b51124aa8f",
        "001_a2",
    }
    assert {r["status"].value for r in rows} == {dkg.Occurred, dkg.Planned}
    assert {r["kind"].value for r in rows} == {dkg.Meeting}


def test_mention_without_status_does_not_conform(shapes: Graph) -> None:
    data = _data([(MENTION, dkg.status, None)])
    conforms, text = _validate(data, shapes)
    assert not conforms
    assert "status" in text


BROKEN = {
    "unknown status": f"<{MENTION}> <{dkg.status}> <{vocab.DKG}Rumoured> .",
    "two statuses": f"<{MENTION}> <{dkg.status}> <{dkg.Denied}> .",
    "dateTime timestamp": (
        f'<{EVENT}> <{sem.hasEndTimeStamp}> "2016-05-03T10:00:00"'
        f"^^<{vocab.xsd.dateTime}> ."
    ),
    "two kinds": f"<{EVENT}> a <{dkg.Visit}> .",
    "two actor labels": f'<{PUTIN}> <{vocab.rdfs.label}> "V. Putin" .',
    "second article id": f'<{ARTICLE}> <{vocab.dcterms.identifier}> "other" .',
    "numeric article id": f"<{ARTICLE}> <{vocab.dcterms.identifier}> 7 .",
    "bad precision": f'<{EVENT}> <{dkg.datePrecision}> "week" .',
    "double confidence": (
        f'<{MENTION}> <{dkg.confidence}> "0.5"^^<{vocab.xsd.double}> .'
    ),
}

REMOVED = {
    "event without actor": (EVENT, sem.hasActor, None),
    "event without mention": (EVENT, vocab.gaf.denotedBy, None),
    "event without kind": (EVENT, vocab.rdf.type, dkg.Meeting),
    "event without sem:Event": (EVENT, vocab.rdf.type, sem.Event),
    "mention without article": (MENTION, vocab.nif.referenceContext, None),
    "mention untyped": (MENTION, vocab.rdf.type, None),
    "article without identifier": (ARTICLE, vocab.dcterms.identifier, None),
    "article not a NewsArticle": (ARTICLE, vocab.rdf.type, vocab.schema.NewsArticle),
    "actor without label": (PUTIN, vocab.rdfs.label, None),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_additions_do_not_conform(shapes: Graph, case: str) -> None:
    data = _data()
    data.parse(data=BROKEN[case], format="turtle")
    conforms, text = _validate(data, shapes)
    assert not conforms, f"{case}: accepted\n{text}"


@pytest.mark.parametrize("case", sorted(REMOVED))
def test_broken_removals_do_not_conform(shapes: Graph, case: str) -> None:
    conforms, text = _validate(_data([REMOVED[case]]), shapes)
    assert not conforms, f"{case}: accepted\n{text}"
