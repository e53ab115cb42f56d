"""RDF vocabulary of diplomatic-kg: plain IRI strings, no rdflib needed.

GENERATED from ``ontology/diplomatic-kg.ttl`` by ``python -m kg._genvocab``:
do not edit; edit the ontology and rerun the generator
(tests/test_ontology.py checks that they agree).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

#: Base of the data IRIs: BASE + 'event/…', 'mention/…', 'article/…',
#: 'actor/…', 'place/…'.
BASE: Final = "https://w3id.org/diplomatic-kg/"
#: The ontology's own IRI.
ONTOLOGY: Final = "https://w3id.org/diplomatic-kg/ontology"

#: this project's ontology
DKG: Final = "https://w3id.org/diplomatic-kg/ontology#"
#: Simple Event Model
SEM: Final = "http://semanticweb.cs.vu.nl/2009/11/sem/"
#: Grounded Annotation Framework
GAF: Final = "http://groundedannotationframework.org/gaf#"
#: NLP Interchange Format
NIF: Final = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#: W3C PROV-O
PROV: Final = "http://www.w3.org/ns/prov#"
#: schema.org
SCHEMA: Final = "https://schema.org/"
#: W3C WGS84 geo positioning
GEO: Final = "http://www.w3.org/2003/01/geo/wgs84_pos#"
#: DCMI terms
DCTERMS: Final = "http://purl.org/dc/terms/"
#: SKOS
SKOS: Final = "http://www.w3.org/2004/02/skos/core#"
#: RDF
RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#: RDF Schema
RDFS: Final = "http://www.w3.org/2000/01/rdf-schema#"
#: OWL
OWL: Final = "http://www.w3.org/2002/07/owl#"
#: XML Schema datatypes
XSD: Final = "http://www.w3.org/2001/XMLSchema#"
#: Wikidata entities (owl:sameAs of actors)
WD: Final = "http://www.wikidata.org/entity/"


class DKGTerms:
    """Terms of ``dkg:`` (this project's ontology) as full IRI strings."""

    #: Cancelled: The article reports the event as called off or postponed.
    Cancelled: Final = DKG + "Cancelled"
    #: Contact: A diplomatic contact between actors: the common superclass of the six
    #: kinds. Data types each event with sem:Event and exactly one kind; it need not
    #: state dkg:Contact.
    Contact: Final = DKG + "Contact"
    #: Contact pair: Two actors between whom at least one contact was held (an event
    #: with a mention of status dkg:Occurred), with the figures of the who-met-whom
    #: table precomputed: dkg:firstActor and dkg:secondActor (the first has the smaller
    #: IRI), their rdfs:label as dkg:firstLabel and dkg:secondLabel, dkg:heldContacts
    #: and dkg:heldArticles. Derived from the events at build time, in the named graph
    #: <https://w3id.org/diplomatic-kg/graph/pairs> (no article states it).
    ContactPair: Final = DKG + "ContactPair"
    #: Country: A country or state, as an actor ("Russia and China held talks") or as
    #: the country of a person or place (dkg:inCountry).
    Country: Final = DKG + "Country"
    #: Denied: The article reports that someone denies the event took place or will take
    #: place.
    Denied: Final = DKG + "Denied"
    #: Group: A group of people named collectively (e.g. a delegation, "Syrian rebels",
    #: "the G7 leaders").
    Group: Final = DKG + "Group"
    #: Hypothetical: The article mentions the event as possible, proposed, wished for or
    #: conditional only.
    Hypothetical: Final = DKG + "Hypothetical"
    #: Meeting: An in-person meeting of two or more actors ("X met Y", "X held a meeting
    #: with Y").
    Meeting: Final = DKG + "Meeting"
    #: Mention: One report of an event in one article: the object of gaf:denotedBy.
    #: Shape: nif:referenceContext and prov:wasDerivedFrom the article; nif:beginIndex /
    #: nif:endIndex the character offsets of the evidence sentence in the article text,
    #: nif:anchorOf that sentence; dkg:status how the article reports the event;
    #: dkg:trigger, dkg:isCaption, dkg:confidence.
    Mention: Final = DKG + "Mention"
    #: Occurred: The article reports the event as having happened (or happening now).
    Occurred: Final = DKG + "Occurred"
    #: Organisation: An international or national organisation taking part in a contact
    #: (e.g. NATO, the United Nations, the European Union).
    Organisation: Final = DKG + "Organisation"
    #: Person: A person taking part in a contact, typically a head of state or
    #: government, minister or envoy.
    Person: Final = DKG + "Person"
    #: Phone call: A telephone conversation between actors.
    PhoneCall: Final = DKG + "PhoneCall"
    #: Place: Where a contact takes place (a city, region or country), with rdfs:label,
    #: optionally dkg:geonamesId, geo:lat / geo:long and its country.
    Place: Final = DKG + "Place"
    #: Planned: The article reports the event as scheduled, expected or announced for
    #: the future.
    Planned: Final = DKG + "Planned"
    #: Status: How an article reports an event: one of dkg:Occurred, dkg:Planned,
    #: dkg:Cancelled, dkg:Denied, dkg:Hypothetical.
    Status: Final = DKG + "Status"
    #: Summit: A summit: a high-level gathering of leaders, bilateral or multilateral
    #: (e.g. a G20 summit).
    Summit: Final = DKG + "Summit"
    #: Talks: Talks or negotiations between actors, in person, when the text does not
    #: call them a meeting.
    Talks: Final = DKG + "Talks"
    #: Video call: A video conference or video call between actors.
    VideoCall: Final = DKG + "VideoCall"
    #: Visit: A visit of one actor (dkg:visitor) to a country, place or another actor
    #: (dkg:host).
    Visit: Final = DKG + "Visit"
    #: confidence: The extractor's confidence, an xsd:decimal between 0 and 1, of an
    #: event (over all its mentions) or of one mention.
    confidence: Final = DKG + "confidence"
    #: country name: The name of the country of an actor or place, as a string (see
    #: dkg:inCountry for the country node).
    countryName: Final = DKG + "countryName"
    #: date inferred: True when the event's date was not stated by the text but inferred
    #: (e.g. from the publication date); false when the text states it.
    dateInferred: Final = DKG + "dateInferred"
    #: date precision: Precision of the event's sem:hasBeginTimeStamp: "day" (xsd:date),
    #: "month" (xsd:gYearMonth) or "year" (xsd:gYear).
    datePrecision: Final = DKG + "datePrecision"
    #: first actor: The actor of a contact pair whose IRI sorts first (as a string).
    firstActor: Final = DKG + "firstActor"
    #: first label: The rdfs:label of the pair's dkg:firstActor, copied so that the
    #: who-met-whom table needs no join.
    firstLabel: Final = DKG + "firstLabel"
    #: GeoNames id: The GeoNames identifier of a place (https://www.geonames.org/<id>).
    geonamesId: Final = DKG + "geonamesId"
    #: held articles: The number of distinct articles reporting one of those events as
    #: dkg:Occurred.
    heldArticles: Final = DKG + "heldArticles"
    #: held contacts: The number of distinct events between the two actors that at least
    #: one article reports as dkg:Occurred.
    heldContacts: Final = DKG + "heldContacts"
    #: host: The actor who receives the visitor, in a visit (or hosts a meeting or
    #: summit). Also stated as sem:hasActor.
    host: Final = DKG + "host"
    #: in country: The country of a place (where it lies) or of an actor (the country a
    #: person represents or an organisation is based in).
    inCountry: Final = DKG + "inCountry"
    #: is caption: True when the evidence of the mention is a photo caption rather than
    #: running text.
    isCaption: Final = DKG + "isCaption"
    #: mention count: The number of mentions (reports in articles) of the event, i.e. of
    #: its gaf:denotedBy values.
    mentionCount: Final = DKG + "mentionCount"
    #: met: Convenience shortcut between two actors of the same event when at least one
    #: mention of that event has status dkg:Occurred. Symmetric; both directions are
    #: stated.
    met: Final = DKG + "met"
    #: met with: Inverse of dkg:met; since dkg:met is symmetric the two mean the same.
    #: Provided for readable queries; the export states dkg:met.
    metWith: Final = DKG + "metWith"
    #: role: A role or title under which the text names the actor, as written (e.g.
    #: "Russian President", "U.S. Secretary of State"). May repeat.
    role: Final = DKG + "role"
    #: second actor: The actor of a contact pair whose IRI sorts second (as a string).
    secondActor: Final = DKG + "secondActor"
    #: second label: The rdfs:label of the pair's dkg:secondActor, copied so that the
    #: who-met-whom table needs no join.
    secondLabel: Final = DKG + "secondLabel"
    #: status: How the article of this mention reports the event (one dkg:Status
    #: individual). Different articles may give the same event different statuses.
    status: Final = DKG + "status"
    #: trigger: The word or phrase of the evidence sentence that signalled the event
    #: (e.g. "met", "visit", "phone call").
    trigger: Final = DKG + "trigger"
    #: venue: A venue inside the place the text names for the event, as written (e.g.
    #: "Kremlin", "White House").
    venue: Final = DKG + "venue"
    #: visitor: The actor who travels, in a visit (or in a meeting where one side is the
    #: guest). Also stated as sem:hasActor.
    visitor: Final = DKG + "visitor"


class SEMTerms:
    """Terms of ``sem:`` (Simple Event Model) as full IRI strings."""

    Actor: Final = SEM + "Actor"
    Event: Final = SEM + "Event"
    Place: Final = SEM + "Place"
    hasActor: Final = SEM + "hasActor"
    hasBeginTimeStamp: Final = SEM + "hasBeginTimeStamp"
    hasEndTimeStamp: Final = SEM + "hasEndTimeStamp"
    hasPlace: Final = SEM + "hasPlace"


class GAFTerms:
    """Terms of ``gaf:`` (Grounded Annotation Framework) as full IRI strings."""

    Mention: Final = GAF + "Mention"
    denotedBy: Final = GAF + "denotedBy"
    denotes: Final = GAF + "denotes"


class NIFTerms:
    """Terms of ``nif:`` (NLP Interchange Format) as full IRI strings."""

    Context: Final = NIF + "Context"
    String: Final = NIF + "String"
    anchorOf: Final = NIF + "anchorOf"
    beginIndex: Final = NIF + "beginIndex"
    endIndex: Final = NIF + "endIndex"
    referenceContext: Final = NIF + "referenceContext"


class PROVTerms:
    """Terms of ``prov:`` (W3C PROV-O) as full IRI strings."""

    wasDerivedFrom: Final = PROV + "wasDerivedFrom"


class SCHEMATerms:
    """Terms of ``schema:`` (schema.org) as full IRI strings."""

    NewsArticle: Final = SCHEMA + "NewsArticle"
    containedInPlace: Final = SCHEMA + "containedInPlace"
    datePublished: Final = SCHEMA + "datePublished"
    headline: Final = SCHEMA + "headline"
    sameAs: Final = SCHEMA + "sameAs"
    url: Final = SCHEMA + "url"


class GEOTerms:
    """Terms of ``geo:`` (W3C WGS84 geo positioning) as full IRI strings."""

    lat: Final = GEO + "lat"
    long: Final = GEO + "long"


class DCTERMSTerms:
    """Terms of ``dcterms:`` (DCMI terms) as full IRI strings."""

    description: Final = DCTERMS + "description"
    identifier: Final = DCTERMS + "identifier"
    title: Final = DCTERMS + "title"


class SKOSTerms:
    """Terms of ``skos:`` (SKOS) as full IRI strings."""

    altLabel: Final = SKOS + "altLabel"
    notation: Final = SKOS + "notation"


class RDFTerms:
    """Terms of ``rdf:`` (RDF) as full IRI strings."""

    Property: Final = RDF + "Property"
    first: Final = RDF + "first"
    nil: Final = RDF + "nil"
    rest: Final = RDF + "rest"
    type: Final = RDF + "type"


class RDFSTerms:
    """Terms of ``rdfs:`` (RDF Schema) as full IRI strings."""

    comment: Final = RDFS + "comment"
    domain: Final = RDFS + "domain"
    label: Final = RDFS + "label"
    range: Final = RDFS + "range"
    seeAlso: Final = RDFS + "seeAlso"
    subClassOf: Final = RDFS + "subClassOf"
    subPropertyOf: Final = RDFS + "subPropertyOf"


class OWLTerms:
    """Terms of ``owl:`` (OWL) as full IRI strings."""

    AnnotationProperty: Final = OWL + "AnnotationProperty"
    Class: Final = OWL + "Class"
    DatatypeProperty: Final = OWL + "DatatypeProperty"
    FunctionalProperty: Final = OWL + "FunctionalProperty"
    NamedIndividual: Final = OWL + "NamedIndividual"
    ObjectProperty: Final = OWL + "ObjectProperty"
    Ontology: Final = OWL + "Ontology"
    SymmetricProperty: Final = OWL + "SymmetricProperty"
    differentFrom: Final = OWL + "differentFrom"
    disjointWith: Final = OWL + "disjointWith"
    equivalentClass: Final = OWL + "equivalentClass"
    inverseOf: Final = OWL + "inverseOf"
    oneOf: Final = OWL + "oneOf"
    sameAs: Final = OWL + "sameAs"
    unionOf: Final = OWL + "unionOf"
    versionInfo: Final = OWL + "versionInfo"


class XSDTerms:
    """Terms of ``xsd:`` (XML Schema datatypes) as full IRI strings."""

    anyURI: Final = XSD + "anyURI"
    boolean: Final = XSD + "boolean"
    date: Final = XSD + "date"
    dateTime: Final = XSD + "dateTime"
    decimal: Final = XSD + "decimal"
    double: Final = XSD + "double"
    gYear: Final = XSD + "gYear"
    gYearMonth: Final = XSD + "gYearMonth"
    integer: Final = XSD + "integer"
    nonNegativeInteger: Final = XSD + "nonNegativeInteger"
    string: Final = XSD + "string"


class WDTerms:
    """Terms of ``wd:`` (Wikidata entities (owl:sameAs of actors)) as full IRI strings."""



# Short aliases: ``dkg.Meeting``, ``sem.hasActor``, ``xsd.gYearMonth`` ...
dkg = DKGTerms
sem = SEMTerms
gaf = GAFTerms
nif = NIFTerms
prov = PROVTerms
schema = SCHEMATerms
geo = GEOTerms
dcterms = DCTERMSTerms
skos = SKOSTerms
rdf = RDFTerms
rdfs = RDFSTerms
owl = OWLTerms
xsd = XSDTerms
wd = WDTerms

#: Event kind (kg.model.KINDS) -> its class.
KIND_CLASS: Final[Mapping[str, str]] = {
    "meeting": DKGTerms.Meeting,
    "phone_call": DKGTerms.PhoneCall,
    "summit": DKGTerms.Summit,
    "talks": DKGTerms.Talks,
    "video_call": DKGTerms.VideoCall,
    "visit": DKGTerms.Visit,
}
#: Kind class -> event kind.
CLASS_KIND: Final[Mapping[str, str]] = {
    DKGTerms.Meeting: "meeting",
    DKGTerms.PhoneCall: "phone_call",
    DKGTerms.Summit: "summit",
    DKGTerms.Talks: "talks",
    DKGTerms.VideoCall: "video_call",
    DKGTerms.Visit: "visit",
}

#: Mention status (kg.model.STATUSES) -> its dkg:Status individual.
STATUS_IND: Final[Mapping[str, str]] = {
    "cancelled": DKGTerms.Cancelled,
    "denied": DKGTerms.Denied,
    "hypothetical": DKGTerms.Hypothetical,
    "occurred": DKGTerms.Occurred,
    "planned": DKGTerms.Planned,
}
#: dkg:Status individual -> status.
IND_STATUS: Final[Mapping[str, str]] = {
    DKGTerms.Cancelled: "cancelled",
    DKGTerms.Denied: "denied",
    DKGTerms.Hypothetical: "hypothetical",
    DKGTerms.Occurred: "occurred",
    DKGTerms.Planned: "planned",
}

#: Actor type (kg.model.ACTOR_TYPES) -> its class.
ACTOR_CLASS: Final[Mapping[str, str]] = {
    "country": DKGTerms.Country,
    "group": DKGTerms.Group,
    "organisation": DKGTerms.Organisation,
    "person": DKGTerms.Person,
}
#: Actor class -> actor type.
CLASS_ACTOR: Final[Mapping[str, str]] = {
    DKGTerms.Country: "country",
    DKGTerms.Group: "group",
    DKGTerms.Organisation: "organisation",
    DKGTerms.Person: "person",
}

#: Date precision (dkg:datePrecision) -> datatype of sem:hasBeginTimeStamp.
PRECISION_DATATYPE: Final[Mapping[str, str]] = {
    "day": XSDTerms.date,
    "month": XSDTerms.gYearMonth,
    "year": XSDTerms.gYear,
}
#: Timestamp datatype -> date precision.
DATATYPE_PRECISION: Final[Mapping[str, str]] = {
    XSDTerms.date: "day",
    XSDTerms.gYearMonth: "month",
    XSDTerms.gYear: "year",
}

#: Prefix -> namespace, for serialisers and SPARQL headers.
PREFIXES: Final[Mapping[str, str]] = {
    "dkg": DKG,
    "sem": SEM,
    "gaf": GAF,
    "nif": NIF,
    "prov": PROV,
    "schema": SCHEMA,
    "geo": GEO,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "wd": WD,
}

#: Every term the ontology defines in the dkg: namespace.
ALL_TERMS: Final[frozenset[str]] = frozenset(
    {
        DKGTerms.Cancelled,
        DKGTerms.Contact,
        DKGTerms.ContactPair,
        DKGTerms.Country,
        DKGTerms.Denied,
        DKGTerms.Group,
        DKGTerms.Hypothetical,
        DKGTerms.Meeting,
        DKGTerms.Mention,
        DKGTerms.Occurred,
        DKGTerms.Organisation,
        DKGTerms.Person,
        DKGTerms.PhoneCall,
        DKGTerms.Place,
        DKGTerms.Planned,
        DKGTerms.Status,
        DKGTerms.Summit,
        DKGTerms.Talks,
        DKGTerms.VideoCall,
        DKGTerms.Visit,
        DKGTerms.confidence,
        DKGTerms.countryName,
        DKGTerms.dateInferred,
        DKGTerms.datePrecision,
        DKGTerms.firstActor,
        DKGTerms.firstLabel,
        DKGTerms.geonamesId,
        DKGTerms.heldArticles,
        DKGTerms.heldContacts,
        DKGTerms.host,
        DKGTerms.inCountry,
        DKGTerms.isCaption,
        DKGTerms.mentionCount,
        DKGTerms.met,
        DKGTerms.metWith,
        DKGTerms.role,
        DKGTerms.secondActor,
        DKGTerms.secondLabel,
        DKGTerms.status,
        DKGTerms.trigger,
        DKGTerms.venue,
        DKGTerms.visitor,
    }
)
