"""Generate ``kg/vocab.py`` from ``ontology/diplomatic-kg.ttl``.

Run ``python -m kg._genvocab`` after editing the ontology; ``--check`` only reports
whether ``kg/vocab.py`` is up to date (exit status 1 when it is not).  The generated
module holds plain IRI strings so that the hot path needs no rdflib; this script is
the only user of rdflib here.

What is generated:

* one namespace constant per known prefix (``DKG``, ``SEM``, ...), plus ``BASE``
  (data IRIs) and ``ONTOLOGY`` (the ontology IRI);
* one class per namespace (``DKGTerms``, ``SEMTerms``, ...; aliased ``dkg``,
  ``sem``, ...) with one attribute per term: for ``dkg:`` every term the ontology
  defines, for the other namespaces every term the ontology mentions plus a few
  datatypes the export needs;
* ``KIND_CLASS`` / ``STATUS_IND`` / ``ACTOR_CLASS`` from the ``skos:notation`` of
  the kind classes (subclasses of ``dkg:Contact``), the ``dkg:Status`` individuals
  and the actor classes (``dkg:`` subclasses of ``sem:Actor``), and their inverses;
* ``PRECISION_DATATYPE`` (date precision -> XSD datatype of the timestamps);
* ``PREFIXES`` and ``ALL_TERMS`` (every ``dkg:`` term).
"""

from __future__ import annotations

import argparse
import keyword
import sys
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = ROOT / "ontology" / "diplomatic-kg.ttl"
VOCAB_FILE = ROOT / "kg" / "vocab.py"

BASE = "https://w3id.org/diplomatic-kg/"
ONTOLOGY_IRI = "https://w3id.org/diplomatic-kg/ontology"

# (prefix, constant, namespace IRI, description); the order is the order of the output.
NAMESPACES: tuple[tuple[str, str, str, str], ...] = (
    ("dkg", "DKG", ONTOLOGY_IRI + "#", "this project's ontology"),
    ("sem", "SEM", "http://semanticweb.cs.vu.nl/2009/11/sem/", "Simple Event Model"),
    (
        "gaf",
        "GAF",
        "http://groundedannotationframework.org/gaf#",
        "Grounded Annotation Framework",
    ),
    (
        "nif",
        "NIF",
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
        "NLP Interchange Format",
    ),
    ("prov", "PROV", "http://www.w3.org/ns/prov#", "W3C PROV-O"),
    ("schema", "SCHEMA", "https://schema.org/", "schema.org"),
    (
        "geo",
        "GEO",
        "http://www.w3.org/2003/01/geo/wgs84_pos#",
        "W3C WGS84 geo positioning",
    ),
    ("dcterms", "DCTERMS", "http://purl.org/dc/terms/", "DCMI terms"),
    ("skos", "SKOS", "http://www.w3.org/2004/02/skos/core#", "SKOS"),
    ("rdf", "RDF", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "RDF"),
    ("rdfs", "RDFS", "http://www.w3.org/2000/01/rdf-schema#", "RDF Schema"),
    ("owl", "OWL", "http://www.w3.org/2002/07/owl#", "OWL"),
    ("xsd", "XSD", "http://www.w3.org/2001/XMLSchema#", "XML Schema datatypes"),
    ("wd", "WD", "http://www.wikidata.org/entity/", "Wikidata entities (owl:sameAs of actors)"),
)

# Terms the export needs although the ontology does not mention them.
EXTRA_TERMS: dict[str, tuple[str, ...]] = {
    "rdf": ("type",),
    "rdfs": ("label", "comment"),
    "owl": ("sameAs",),
    "xsd": (
        "anyURI",
        "boolean",
        "date",
        "dateTime",
        "decimal",
        "double",
        "gYear",
        "gYearMonth",
        "integer",
        "nonNegativeInteger",
        "string",
    ),
}

# dkg:datePrecision -> datatype of sem:hasBeginTimeStamp / sem:hasEndTimeStamp.
PRECISION_DATATYPE: tuple[tuple[str, str], ...] = (
    ("day", "date"),
    ("month", "gYearMonth"),
    ("year", "gYear"),
)

WIDTH = 88  # comment wrapping in the generated file


class VocabError(Exception):
    """The ontology does not define what the generator needs."""


def _ns(prefix: str) -> str:
    for p, _const, iri, _desc in NAMESPACES:
        if p == prefix:
            return iri
    raise KeyError(prefix)


def _const(prefix: str) -> str:
    for p, const, _iri, _desc in NAMESPACES:
        if p == prefix:
            return const
    raise KeyError(prefix)


def _class_name(prefix: str) -> str:
    return _const(prefix) + "Terms"


def _local(iri: str, prefix: str) -> str | None:
    ns = _ns(prefix)
    if not iri.startswith(ns):
        return None
    local = iri[len(ns) :]
    if not local or not local.isidentifier() or keyword.iskeyword(local):
        return None
    return local


def load(path: Path = ONTOLOGY_FILE) -> Graph:
    graph = Graph(bind_namespaces="none")
    graph.parse(path, format="turtle")
    return graph


def _check_prefixes(graph: Graph) -> None:
    known = {p: iri for p, _c, iri, _d in NAMESPACES}
    for prefix, iri in graph.namespaces():
        if prefix in known and str(iri) != known[prefix]:
            raise VocabError(
                f"prefix {prefix}: bound to {iri} in the ontology, not {known[prefix]}"
            )


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    en = [str(o) for o in values if o.language in (None, "en")]
    other = [str(o) for o in values]
    chosen = min(en) if en else min(other, default="")
    return " ".join(chosen.split())


def _notation(graph: Graph, subject: URIRef) -> str:
    notations = sorted(str(o) for o in graph.objects(subject, SKOS.notation))
    if len(notations) != 1:
        raise VocabError(
            f"{subject}: expected exactly one skos:notation, found {notations}"
        )
    return notations[0]


def dkg_terms(graph: Graph) -> list[str]:
    """Local names of every dkg: term the ontology defines (subject of an rdf:type)."""
    ns = _ns("dkg")
    defined = {
        str(s)[len(ns) :]
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(ns)
    }
    used = {
        str(node)[len(ns) :]
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(ns)
    }
    missing = used - defined
    if missing:
        raise VocabError(
            f"dkg terms used but not defined in the ontology: {sorted(missing)}"
        )
    bad = [t for t in defined if _local(_ns("dkg") + t, "dkg") is None]
    if bad:
        raise VocabError(f"dkg terms that are not Python identifiers: {sorted(bad)}")
    return sorted(defined)


def other_terms(graph: Graph, prefix: str) -> list[str]:
    names: set[str] = set(EXTRA_TERMS.get(prefix, ()))
    for triple in graph:
        for node in triple:
            if isinstance(node, URIRef):
                local = _local(str(node), prefix)
                if local is not None:
                    names.add(local)
    return sorted(names)


def _subclasses(graph: Graph, parent: URIRef) -> list[URIRef]:
    return sorted(
        (s for s in graph.subjects(RDFS.subClassOf, parent) if isinstance(s, URIRef)),
        key=str,
    )


def _notation_map(graph: Graph, nodes: Iterable[URIRef]) -> list[tuple[str, str]]:
    """(notation, local name) pairs, sorted by notation."""
    pairs = []
    for node in nodes:
        local = _local(str(node), "dkg")
        if local is None:
            raise VocabError(f"{node} is not a dkg term")
        pairs.append((_notation(graph, node), local))
    return sorted(pairs)


def kinds(graph: Graph) -> list[tuple[str, str]]:
    return _notation_map(graph, _subclasses(graph, URIRef(_ns("dkg") + "Contact")))


def statuses(graph: Graph) -> list[tuple[str, str]]:
    individuals = sorted(
        (
            s
            for s in graph.subjects(RDF.type, URIRef(_ns("dkg") + "Status"))
            if isinstance(s, URIRef)
        ),
        key=str,
    )
    return _notation_map(graph, individuals)


def actor_types(graph: Graph) -> list[tuple[str, str]]:
    subclasses = [
        s
        for s in _subclasses(graph, URIRef(_ns("sem") + "Actor"))
        if str(s).startswith(_ns("dkg"))
    ]
    return _notation_map(graph, subclasses)


def _comment_lines(text: str, indent: str) -> list[str]:
    return [
        f"{indent}#: {line}"
        for line in textwrap.wrap(
            text, width=WIDTH - len(indent) - 3, break_on_hyphens=False
        )
    ]


def _mapping(
    name: str, doc: str, pairs: Sequence[tuple[str, str]], value: str
) -> list[str]:
    lines = [f"#: {doc}", f"{name}: Final[Mapping[str, str]] = {{"]
    lines += [f'    "{key}": {value.format(local)},' for key, local in pairs]
    lines += ["}"]
    return lines


def _inverse(
    name: str, doc: str, pairs: Sequence[tuple[str, str]], value: str
) -> list[str]:
    lines = [f"#: {doc}", f"{name}: Final[Mapping[str, str]] = {{"]
    lines += [f'    {value.format(local)}: "{key}",' for key, local in pairs]
    lines += ["}"]
    return lines


def render(path: Path = ONTOLOGY_FILE) -> str:
    """The text of ``kg/vocab.py`` for the ontology at ``path``."""
    graph = load(path)
    _check_prefixes(graph)
    if (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) not in graph:
        raise VocabError(f"{path}: no owl:Ontology {ONTOLOGY_IRI}")

    out: list[str] = [
        '"""RDF vocabulary of diplomatic-kg: plain IRI strings, no rdflib needed.',
        "",
        "GENERATED from ``ontology/diplomatic-kg.ttl`` by ``python -m kg._genvocab``:",
        "do not edit; edit the ontology and rerun the generator",
        "(tests/test_ontology.py checks that they agree).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import Mapping",
        "from typing import Final",
        "",
        "#: Base of the data IRIs: BASE + 'event/…', 'mention/…', 'article/…',",
        "#: 'actor/…', 'place/…'.",
        f'BASE: Final = "{BASE}"',
        "#: The ontology's own IRI.",
        f'ONTOLOGY: Final = "{ONTOLOGY_IRI}"',
        "",
    ]
    for _prefix, const, iri, desc in NAMESPACES:
        out.append(f"#: {desc}")
        out.append(f'{const}: Final = "{iri}"')

    dkg = dkg_terms(graph)
    for prefix, const, _iri, desc in NAMESPACES:
        out += ["", ""]
        out.append(f"class {_class_name(prefix)}:")
        out.append(f'    """Terms of ``{prefix}:`` ({desc}) as full IRI strings."""')
        out.append("")
        if prefix == "dkg":
            for local in dkg:
                node = URIRef(_ns("dkg") + local)
                label = _text(graph, node, RDFS.label)
                comment = _text(graph, node, RDFS.comment)
                out += _comment_lines(
                    f"{label}: {comment}" if label else comment, "    "
                )
                out.append(f'    {local}: Final = {const} + "{local}"')
        else:
            for local in other_terms(graph, prefix):
                out.append(f'    {local}: Final = {const} + "{local}"')
    out += ["", ""]
    out.append(
        "# Short aliases: ``dkg.Meeting``, ``sem.hasActor``, ``xsd.gYearMonth`` ..."
    )
    for prefix, *_rest in NAMESPACES:
        out.append(f"{prefix} = {_class_name(prefix)}")
    out.append("")

    kind_pairs = kinds(graph)
    status_pairs = statuses(graph)
    actor_pairs = actor_types(graph)
    if not kind_pairs or not status_pairs or not actor_pairs:
        raise VocabError("the ontology defines no kinds, statuses or actor types")
    out += _mapping(
        "KIND_CLASS",
        "Event kind (kg.model.KINDS) -> its class.",
        kind_pairs,
        "DKGTerms.{}",
    )
    out += _inverse(
        "CLASS_KIND", "Kind class -> event kind.", kind_pairs, "DKGTerms.{}"
    )
    out.append("")
    out += _mapping(
        "STATUS_IND",
        "Mention status (kg.model.STATUSES) -> its dkg:Status individual.",
        status_pairs,
        "DKGTerms.{}",
    )
    out += _inverse(
        "IND_STATUS", "dkg:Status individual -> status.", status_pairs, "DKGTerms.{}"
    )
    out.append("")
    out += _mapping(
        "ACTOR_CLASS",
        "Actor type (kg.model.ACTOR_TYPES) -> its class.",
        actor_pairs,
        "DKGTerms.{}",
    )
    out += _inverse(
        "CLASS_ACTOR", "Actor class -> actor type.", actor_pairs, "DKGTerms.{}"
    )
    out.append("")
    out += _mapping(
        "PRECISION_DATATYPE",
        "Date precision (dkg:datePrecision) -> datatype of sem:hasBeginTimeStamp.",
        PRECISION_DATATYPE,
        "XSDTerms.{}",
    )
    out += _inverse(
        "DATATYPE_PRECISION",
        "Timestamp datatype -> date precision.",
        PRECISION_DATATYPE,
        "XSDTerms.{}",
    )
    out.append("")
    out.append("#: Prefix -> namespace, for serialisers and SPARQL headers.")
    out.append("PREFIXES: Final[Mapping[str, str]] = {")
    for prefix, const, _iri, _desc in NAMESPACES:
        out.append(f'    "{prefix}": {const},')
    out.append("}")
    out.append("")
    out.append("#: Every term the ontology defines in the dkg: namespace.")
    out.append("ALL_TERMS: Final[frozenset[str]] = frozenset(")
    out.append("    {")
    for local in dkg:
        out.append(f"        DKGTerms.{local},")
    out.append("    }")
    out.append(")")
    out.append("")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kg._genvocab", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--ontology", type=Path, default=ONTOLOGY_FILE)
    parser.add_argument("--output", type=Path, default=VOCAB_FILE)
    parser.add_argument(
        "--check", action="store_true", help="only check the output is up to date"
    )
    args = parser.parse_args(argv)
    text = render(args.ontology)
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(
                f"{args.output} is out of date: run python -m kg._genvocab",
                file=sys.stderr,
            )
            return 1
        return 0
    if current != text:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
