"""The knowledge base in a build: untitled office holders make contacts, links and labels reach the exports."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from lxml import etree

from kg.build import build
from kg.graph import graph_text
from kg.model import Mention, Span, TimeValue
from kg.resolve.actors import country_actor, person_actor
from kg.resolve.merge import merge_events

PREFIXES = """PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
"""


def run(tmp_path: Path, nlp, *articles: dict[str, str]) -> tuple[list, ox.Store]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    feed = tmp_path / "in.jsonl"
    feed.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    result = build([feed], tmp_path / "out", nlp=nlp, on_skip=lambda s: None)
    store = ox.Store()
    store.load(path=str(tmp_path / "out" / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return result.events, store


def pairs(events: list) -> set[frozenset[str]]:
    return {frozenset(a.key for a in e.actors) for e in events}


def test_an_untitled_office_holder_makes_a_contact(tmp_path: Path, nlp) -> None:
    """No title anywhere in the article: the base knows both hold an office at its date."""
    text = ("Ramaphosa met Lula in Brasilia on Tuesday to talk about farm exports and a shipping route.\n"
            "The two men later walked through the botanical garden.")
    events, store = run(tmp_path, nlp, {"id": "untitled", "published": "2024-07-10", "text": text})
    assert pairs(events) == {frozenset({"cyril-ramaphosa", "luiz-inacio-lula-da-silva"})}
    rows = list(store.query(PREFIXES + "SELECT ?l ?wd WHERE { ?a a dkg:Person ; rdfs:label ?l ; owl:sameAs ?wd }"))
    assert {(r["l"].value, r["wd"].value) for r in rows} == {
        ("Cyril Ramaphosa", "http://www.wikidata.org/entity/Q1148669"),
        ("Luiz Inácio Lula da Silva", "http://www.wikidata.org/entity/Q37181")}


def test_a_past_contact_of_former_office_holders_counts(tmp_path: Path, nlp) -> None:
    events, _ = run(tmp_path, nlp, {"id": "history", "published": "2024-07-10",
                                    "text": "Truman met Stalin at Potsdam."})
    assert pairs(events) == {frozenset({"harry-s-truman", "joseph-stalin"})}


def test_an_office_stated_in_another_article_makes_a_contact(tmp_path: Path, nlp) -> None:
    titled = {"id": "a-titled", "published": "2024-03-01",
              "text": "Norwegian Foreign Minister John Miller met Danish Foreign Minister Anna Lindqvist in Oslo on Monday."}
    untitled = {"id": "b-untitled", "published": "2024-03-06",
                "text": "John Miller met Peter Hansen in Bergen on Tuesday, a hotel clerk said."}
    alone, _ = run(tmp_path / "alone", nlp, untitled)
    assert alone == []  # nothing says either of them holds an office
    both, _ = run(tmp_path / "both", nlp, titled, untitled)
    assert frozenset({"john-miller", "peter-hansen"}) in pairs(both)


def test_a_body_is_labelled_by_its_full_name(tmp_path: Path, nlp) -> None:
    text = "ECOWAS held a summit in Abuja on Saturday to discuss the crisis in the Sahel."
    events, store = run(tmp_path, nlp, {"id": "ecowas", "published": "2024-02-25", "text": text})
    assert any(a.key == "ecowas" for e in events for a in e.actors)
    rows = list(store.query(PREFIXES + "SELECT ?l ?alt WHERE { ?a a dkg:Organisation ; rdfs:label ?l ; "
                                       "skos:altLabel ?alt }"))
    assert [(r["l"].value, r["alt"].value) for r in rows] == [("Economic Community of West African States", "ECOWAS")]


def test_the_network_files_carry_the_wikidata_id(tmp_path: Path, nlp) -> None:
    text = "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha on Monday."
    run(tmp_path, nlp, {"id": "ruto", "published": "2024-05-14", "text": text})
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    graphml = etree.parse(str(tmp_path / "out" / "graph.graphml"))
    keys = {k.get("attr.name"): k.get("id") for k in graphml.findall("g:key", ns)}
    ids = {n.get("id"): n.findtext(f"g:data[@key='{keys['wikidata']}']", namespaces=ns)
           for n in graphml.iter("{http://graphml.graphdrawing.org/xmlns}node")}
    assert ids["william-ruto"] and ids["william-ruto"].startswith("Q")
    gexf = (tmp_path / "out" / "graph.gexf").read_text(encoding="utf-8")
    assert f'<attvalue for="wikidata" value="{ids["william-ruto"]}"/>' in gexf


def test_a_country_has_one_key_everywhere() -> None:
    """"Curaçao" gave three keys before (curacao, curaçao, cura-ao): a person's dkg:inCountry missed the country."""
    person = person_actor("Gilmar Pisas", ("Prime Minister",), "Curaçao")
    m = Mention("a1", "meeting", "occurred", (person, country_actor("Curaçao"), country_actor("Netherlands")),
                None, TimeValue("2024-01-10", "day"), None, Span("They met.", 0, 9), "met", 0.7)
    text = b"".join(graph_text([], merge_events([m])).nquads())
    assert b"/actor/curacao> <https://w3id.org/diplomatic-kg/ontology#inCountry>" not in text
    assert b"<https://w3id.org/diplomatic-kg/ontology#inCountry> <https://w3id.org/diplomatic-kg/actor/curacao>" in text
    assert b"<https://w3id.org/diplomatic-kg/actor/curacao> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" in text


@pytest.mark.parametrize("name", ["Emmanuel Macron", "Elizabeth II"])
def test_home_country_of_people_holding_offices_in_several(name: str) -> None:
    actor = person_actor(name, when="2021-06-01")
    assert actor is not None and actor.country in ("France", "United Kingdom")
