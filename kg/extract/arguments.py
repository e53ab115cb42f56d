"""Arguments of a trigger: participants (people, countries, bodies), place and time expression."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..kb import group_first_words, lookup_body, lookup_group, lookup_person
from ..lexicon import roles, words_of
from ..model import RawParticipant
from ..resolve.actors import _HEADLINE_VERBS
from ..resolve.countries import canonical_country, country_name, demonym
from ..resolve.keys import fold
from ..resolve.places import resolve_place
from .modality import LIGHT_VERBS
from .sides import CONSTITUENT_NATIONS, capital_country

TITLE_WORDS = words_of(roles(), "title")  # kg/lexicon/roles.jsonl
NON_PARTICIPANT_ROLES = re.compile("|".join(sorted(words_of(roles(), "non_participant"))), re.IGNORECASE)
REPORTING = words_of(roles(), "reporting")
BODIES = {
    "g20": "G20", "g-20": "G20", "group of 20": "G20", "group of twenty": "G20", "g7": "G7", "g-7": "G7",
    "group of seven": "G7", "g8": "G8", "brics": "BRICS", "asean": "ASEAN", "apec": "APEC",
    "asia-pacific economic cooperation": "APEC", "sco": "Shanghai Cooperation Organisation",
    "shanghai cooperation organisation": "Shanghai Cooperation Organisation",
    "shanghai cooperation organization": "Shanghai Cooperation Organisation",
    "nato": "NATO", "eu": "European Union", "european union": "European Union",
    "african union": "African Union", "au": "African Union", "un": "United Nations",
    "united nations": "United Nations", "opec": "OPEC", "arab league": "Arab League",
    "pacific islands forum": "Pacific Islands Forum", "pif": "Pacific Islands Forum",
    "east asia summit": "East Asia Summit", "gcc": "Gulf Cooperation Council",
    "gulf cooperation council": "Gulf Cooperation Council", "quad": "Quad", "hamas": "Hamas",
    "hezbollah": "Hezbollah", "taliban": "Taliban", "commonwealth": "Commonwealth", "osce": "OSCE",
    "mercosur": "Mercosur", "celac": "CELAC", "ecowas": "ECOWAS", "iaea": "IAEA", "wto": "WTO",
}
GROUP_NOUNS = {"ministers", "minister", "delegation", "delegations", "officials", "official", "team", "negotiators", "diplomats",
               "side", "sides", "government", "governments", "leaders", "representatives",
               "counterparts", "envoys", "authorities"}
PAIR_WORDS = {"two heads of state", "both heads of state", "two leaders", "two men", "two sides", "two presidents",
              "two ministers", "both leaders", "both sides", "the leaders", "the pair", "the two", "both men"}


# nouns that name a person by office ("his Russian counterpart", "the crown prince")
OFFICE_WORDS = words_of(roles(), "office")
REGION = re.compile(r"^(Southeast Asian|South Asian|East Asian|Central Asian|Asian|Pacific|Pacific Island|European|"
                    r"African|Arab|Gulf|Latin American|Caribbean|Nordic|Baltic|Balkan|Western|Central American|"
                    r"West African|East African|Middle Eastern)$")


class Names:
    """People named in one article: full names by surname, with role and country when stated."""

    def __init__(self) -> None:
        self.full: dict[str, str] = {}  # lower full name -> display
        self.by_last: dict[str, str] = {}  # lower surname -> full display name
        self.by_first: dict[str, str] = {}
        self.role: dict[str, str] = {}
        self.country: dict[str, str] = {}
        self.order: list[str] = []
        self.when: str | None = None  # the article's date: whom a surname means in the knowledge base

    def add(self, name: str, role: str | None, country: str | None, ) -> str:
        parts = name.split()
        key = name.lower()
        if len(parts) == 1:
            known = self.lookup(name)
            if known:
                name = known
                key = name.lower()
        if len(parts) >= 2 and key not in self.full:
            # "Ana Maria Costa" and "Ana Maria Costa da Cruz" are one person, as are "Lee Jae" and "Lee
            # Jae-sung" (the words of a hyphenated name): keep the fuller form
            words = _name_parts(name)
            for old in list(self.order):
                old_parts = _name_parts(old)
                if len(old_parts) >= 2 and old_parts != words and words[: len(old_parts)] == old_parts:
                    self._rename(old, name)
                elif len(old_parts) > len(words) and old_parts[: len(words)] == words:
                    name, key = old, old.lower()
                    break
        if key not in self.full:
            self.full[key] = name
            self.order.append(name)
        if len(parts) >= 2:
            self.by_last.setdefault(parts[-1].lower(), name)
            if "-" in parts[-1]:
                self.by_last.setdefault(parts[-1].split("-")[-1].lower(), name)
            self.by_first.setdefault(parts[0].lower(), name)
        if role and all(w.rstrip(".") in COURTESY_TITLES for w in role.lower().split()):
            role = None  # "Mr", "Dr": a courtesy, no office
        if role and (name not in self.role or not any(w in _name_parts(self.role[name]) for w in TITLE_HEADS)):
            self.role[name] = role
        if country and name not in self.country:
            self.country[name] = country
        return name

    def _rename(self, old: str, new: str) -> None:
        self.order = [new if n == old else n for n in self.order]
        self.order = list(dict.fromkeys(self.order))
        for table in (self.full, self.by_last, self.by_first):
            for k, v in table.items():
                if v == old:
                    table[k] = new
        self.full[new.lower()] = new
        for table2 in (self.role, self.country):
            if old in table2 and new not in table2:
                table2[new] = table2.pop(old)

    def lookup(self, text: str) -> str | None:
        key = text.lower()
        if key in self.full and len(text.split()) >= 2:
            return self.full[key]
        last = key.split()[-1] if key.split() else key
        if last in self.by_last:
            return self.by_last[last]
        if len(key.split()) == 1 and key in self.by_first and len(key) >= 2 and key not in TITLE_WORDS:
            return self.by_first[key]
        return self.full.get(key)

    def with_role(self, role_word: str, country: str | None) -> str | None:
        """The one person whose stated role has this word and no other country ("the Chilean Foreign
        Minister" for "Foreign Affairs Minister Ana Ruiz")."""
        if role_word in ("counterpart", "leader"):
            return None
        cands = [n for n in self.order if role_word in (self.role.get(n) or "").lower()
                 and (country is None or self.country.get(n) in (None, country))]
        return cands[0] if len(cands) == 1 else None

    def with_country(self, country: str, role_hint: str | None = None) -> str | None:
        """The person of a country ("the Russian leader"), preferring a matching role."""
        cands = [n for n in self.order if self.country.get(n) == country]
        if role_hint:
            better = [n for n in cands if role_hint in (self.role.get(n) or "").lower()]
            if better:
                return better[0]
        return cands[0] if cands else None


def _name_parts(name: str) -> list[str]:
    return name.lower().replace("-", " ").split()


def clean_person(span: Any) -> tuple[str, str | None, str | None]:
    """(name without titles, role text, country) for a PERSON span, reading the words before it."""
    toks = [t for t in span if t.text not in ("'s", "’s")]
    while toks and (toks[0].lower_.rstrip(".") in TITLE_WORDS or toks[0].lower_ in TITLE_WORDS
                    or toks[0].text == "-" and len(toks) > 1 and toks[1].lower_ in TITLE_WORDS):
        if len(toks) == 2 and toks[0].lower_ in ROYAL:
            break  # "Prince Kofi", "King Tomas": the title is part of how the person is named
        toks = toks[1:]  # "President-elect": the hyphen joins two title words
    name = span.doc[toks[0].i: toks[-1].i + 1].text if toks else ""  # Doc.text would rebuild the whole text
    name = " ".join(name.split()).strip(" ,.'\"-")
    name = re.sub(r"\s+'s$", "", name)
    doc = span.doc
    role_toks: list[str] = []
    country = None
    i = span.start - 1
    while i >= max(0, span.start - 7):
        t = doc[i]
        low = t.lower_
        c = canonical_country(t.text) if t.ent_type_ in ("NORP", "GPE") or t.text[:1].isupper() else None
        if c is None and i > 0 and t.text[:1].isupper() and doc[i - 1].text[:1].isupper():
            c = canonical_country(f"{doc[i - 1].text} {t.text}")  # "South African", "New Zealand"
            if c is not None:
                i -= 1
        if low in TITLE_WORDS and not (low == "of" and not role_toks):
            role_toks.insert(0, t.text)
        elif t.text == "-" and role_toks and i > 0 and doc[i - 1].lower_ in TITLE_WORDS:
            role_toks.insert(0, t.text)  # "Secretary-General", "Vice-President": one title
        elif c and (not role_toks or t.ent_type_ != "NORP") and i > 0 and doc[i - 1].lower_ in ("for", "to"):
            # "Special Envoy for Yemen", "Ambassador to Chile": the office's, not theirs; but in "a visit to
            # Chilean President X" a demonym before the title is the person's
            role_toks.insert(0, t.text)
        elif c and country is None:
            country = c
        elif low in ("'s", "’s") and i > 0:
            pass
        elif t.pos_ == "PROPN" and t.text[:1].isupper() and _ends_an_office(doc, i):
            role_toks.insert(0, t.text)  # "Special Representative for Afghanistan Reconciliation"
        elif low in ("for", "of") and role_toks:
            role_toks.insert(0, t.text)
        else:
            break
        i -= 1
    role = re.sub(r" - ", "-", " ".join(w for w in role_toks if w.lower() not in ("the", "his", "her"))) or None
    return name, role, country


_ORG_WORDS = re.compile(r"\b(ministry|party|council|bank|university|company|group|inc|corp|association|committee|"
                        r"union|organi[sz]ation|forum|agency|department|office|court|army|forces?|fund|institute|"
                        r"summit|palace|house|hall|airport|hotel|square|street|dam|bridge|treaty|accord|news|times)\b",
                        re.I)


def _relabel(doc: Any, ent: Any) -> Any:
    """A name the recogniser took for a facility or organisation ("Samia Suluhu Hassan" as FAC) becomes
    a person when its context is a person's: after a title, "Tanzania's", "with", "and", "met"."""
    from spacy.tokens import Span as SpacySpan

    if ent.label_ not in ("FAC", "ORG", "WORK_OF_ART", "PRODUCT", "LOC") or not 2 <= len(ent) <= 4:
        return ent
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent) or _ORG_WORDS.search(ent.text):
        return ent
    if canonical_country(ent.text) or ent.text.lower() in BODIES or any(t.lower_ in TITLE_WORDS for t in ent):
        return ent
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if prev is None:
        return ent
    person_context = prev.lower_.rstrip(".") in TITLE_HEADS or prev.lower_ in (
        "with", "and", "met", "meet", "meets", "called", "phoned", "telephoned", "received", "hosted") \
        or (prev.lower_ == "to" and ent.start > 1 and doc[ent.start - 2].lower_ in ("spoke", "speaks", "talked", "wrote")) \
        or (prev.lower_ == "by" and ent.start > 1 and doc[ent.start - 2].lower_ in (
            "welcomed", "received", "hosted", "greeted", "welcomes", "receives", "hosts", "greets")) \
        or (prev.lower_ in ("'s", "’s") and ent.start > 1 and doc[ent.start - 2].ent_type_ in ("GPE", "NORP"))
    return SpacySpan(doc, ent.start, ent.end, label="PERSON") if person_context else ent


def _ends_an_office(doc: Any, i: int) -> bool:
    """Is token ``i`` the last word of an office's name ("Special Representative for Afghanistan
    Reconciliation", "Minister of Foreign Affairs"): after a country, "for", "of" or a title word?"""
    j = i - 1
    while j >= 0 and doc[j].pos_ == "PROPN" and doc[j].ent_type_ == "" and doc[j].lower_ not in TITLE_WORDS:
        j -= 1
    if j < 0:
        return False
    prev = doc[j]
    return prev.ent_type_ in ("GPE", "NORP") and j > 0 and doc[j - 1].lower_ in ("for", "of", "to") \
        or prev.lower_ in TITLE_WORDS and j < i - 1


PARTICLES = {"el", "al", "bin", "ibn", "de", "da", "van", "von", "der", "du", "la", "le", "di", "dos", "del"}


def fix_person_entities(doc: Any) -> None:
    """Join PERSON entities the recogniser split ("Samia Suluhu" + "Hassan") and extend them over
    adjacent capitalised proper nouns that are not titles or nationalities."""
    from spacy.tokens import Span as SpacySpan

    ents = [_relabel(doc, e) for e in doc.ents]
    out: list[Any] = []
    for ent in ents:
        if ent.label_ != "PERSON":
            out.append(ent)
            continue
        start, end = ent.start, ent.end
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
                and doc[start - 1].lower_ not in TITLE_WORDS and doc[start - 1].ent_type_ == "" \
                and not doc[start].is_sent_start and canonical_country(doc[start - 1].text) is None \
                and (not out or out[-1].end < start) and not _ends_an_office(doc, start - 1):
            start -= 1
        while end < len(doc) and doc[end].pos_ in ("PROPN", "NOUN", "ADJ") and (
                doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN" or doc[end].lower_ in PARTICLES
                and end + 1 < len(doc) and (doc[end + 1].text[:1].isupper() or doc[end + 1].text == "-")) \
                and doc[end].lower_ not in TITLE_WORDS and doc[end].ent_type_ in ("", "PERSON") \
                and not doc[end].is_sent_start:
            end += 1
        while end + 1 < len(doc) and doc[end].text in ("-", "'") and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper():
            end += 2  # "Al-Sissi", "O'Neill"
        if out and out[-1].label_ == "PERSON" and out[-1].end == start and "\n" not in doc[start - 1].whitespace_:
            start = out.pop().start
        out.append(SpacySpan(doc, start, end, label="PERSON"))
    cleaned: list[Any] = []
    for span in out:
        if cleaned and span.start < cleaned[-1].end:
            continue
        cleaned.append(span)
    try:
        doc.ents = cleaned
    except ValueError:
        pass


COURTESY_TITLES = {"mr", "mrs", "ms", "miss", "dr", "madam", "mme", "mister"}
ROYAL = {"prince", "princess", "king", "queen", "emperor", "empress", "sheikh", "emir", "sultan", "duke", "duchess"}
TITLE_HEADS = {"president", "minister", "secretary", "state", "chancellor", "premier", "king", "queen", "prince",
               "leader", "ambassador", "envoy", "pm", "mr", "mrs", "ms", "dr", "director", "counterpart",
               "governor", "senator", "general", "chairman", "emir", "sheikh", "sultan", "spokesman",
               "spokeswoman", "spokesperson", "commissioner", "representative"}


def _titled_names(doc: Any) -> Iterator[tuple[str, str | None, str | None]]:
    """Names after a title that the recogniser missed or mislabelled ("Secretary of State Rex Tillerson")."""
    i = 0
    while i < len(doc) - 2:
        tok = doc[i]
        if tok.lower_.rstrip(".") in TITLE_HEADS and tok.text[:1].isupper():
            j = i + 1
            while j < len(doc) and j - i <= 5:
                if doc[j].text in ("-", "'") and j > i + 1 and not doc[j - 1].whitespace_ and not doc[j].whitespace_ \
                        and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
                    j += 2  # "Kassym-Jomart", "O'Neill"
                    continue
                if not (doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and doc[j].lower_ not in TITLE_WORDS
                        and doc[j].lower_ not in _HEADLINE_VERBS and doc[j].ent_type_ not in ("GPE", "NORP", "DATE")
                        and canonical_country(doc[j].text) is None):
                    break
                j += 1
            if j - i >= 3:
                span = doc[i + 1: j]
                _, role, country = clean_person(doc[i + 1: j])
                yield span.text, role, country
                i = j
                continue
        i += 1


def harvest_names(doc: Any, names: Names) -> None:
    for text, role, country in _titled_names(doc):
        names.add(text, role, country)
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name, role, country = clean_person(ent)
        if len(name) < 3 or not name[:1].isupper() or re.search(r"[@#/\d]", name):
            continue
        if len(name.split()) > 5 or _not_a_person(name, names) or name.split()[0].lower() in _HEADLINE_VERBS:
            continue  # "... Leader Holds Separate Talks": a headline's verb, not a name
        if role is None:
            role, country = appositive_role(ent) or office_before(ent) or (None, country)
        if country is None and role is not None:
            country = country_after(ent)
        names.add(name, role, country)


def office_before(ent: Any) -> tuple[str, str | None] | None:
    """(role, country) of an office named before the name and a comma: "the Prime Minister of Ghana, Kofi
    Mensah" (read on the words)."""
    doc = ent.doc
    i = ent.start - 1
    if i < 3 or doc[i].text != ",":
        return None
    j = i - 1
    country_toks: list[Any] = []
    while j >= 0 and doc[j].text[:1].isupper() and doc[j].lower_ not in TITLE_WORDS and len(country_toks) < 3:
        country_toks.insert(0, doc[j])
        j -= 1
    country = canonical_country(" ".join(t.text for t in country_toks)) if country_toks else None
    if country is None or j < 1 or doc[j].lower_ != "of":
        return None
    k = j - 1
    words: list[str] = []
    while k >= 0 and doc[k].lower_ in TITLE_WORDS and doc[k].lower_ not in ("for", "to", "the", "his", "her"):
        words.insert(0, doc[k].text)  # "Minister of Foreign Affairs"
        k -= 1
    while words and words[0].lower() == "of":
        words.pop(0)
    if not any(w.lower() in TITLE_HEADS for w in words):
        return None
    return " ".join(words), country


def country_after(ent: Any) -> str | None:
    """The country in "President Ilham Rahimov of Azerbaijan": "of" and a country right after the name."""
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of":
        for n in (3, 2, 1):
            if ent.end + 1 + n <= len(doc):
                country = canonical_country(doc[ent.end + 1: ent.end + 1 + n].text)
                if country is not None:
                    return country
    return None


def appositive_role(ent: Any) -> tuple[str, str | None] | None:
    """(role, country) from an office in apposition after a name, read on the words (no parse needed):
    "Ana Ruiz, Chile's foreign minister,", "Ana Ruiz, the Chilean president,", "Ana Ruiz, foreign minister
    of Chile,".  None when what follows the comma is not an office ("Ana Ruiz, who met ...")."""
    doc = ent.doc
    i = ent.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    country = None
    words: list[str] = []
    while i < len(doc) and len(words) < 6:
        t = doc[i]
        low = t.lower_
        if low in ("the", "a", "an") and not words and country is None:
            pass
        elif low in ("'s", "’s") and country is not None:
            pass
        elif low in TITLE_WORDS and low not in ("of", "for", "to"):
            words.append(t.text)
        elif low in ("of", "for", "to") and words:
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            c = canonical_country(nxt.text) if nxt is not None and nxt.text[:1].isupper() else None
            if c and low == "of" and country is None:
                country = c
                i += 1
            else:
                words.append(t.text)  # "Special Envoy for Yemen": the office's country, not the holder's
        elif t.text[:1].isupper() and country is None and not words and canonical_country(t.text):
            country = canonical_country(t.text)
        elif t.text[:1].isupper() and words and words[-1].lower() in ("for", "to"):
            words.append(t.text)
        else:
            break
        i += 1
    if not any(w.lower().rstrip(".") in TITLE_HEADS for w in words) or i >= len(doc) or doc[i].text not in (",", ".", ";"):
        return None
    return " ".join(words), country


def _is_place_token(tok: Any) -> bool:
    """A GPE/LOC/FAC used as a location (in Moscow, to Washington), not as a side."""
    head = tok.head
    while head.dep_ in ("compound", "conj", "appos") and head.head.i != head.i:
        head = head.head
    if tok.dep_ == "pobj" or (tok.dep_ in ("compound", "conj", "appos") and head.dep_ == "pobj"):
        prep = head.head if tok.dep_ != "pobj" else tok.head
        return prep.lower_ in ("in", "at", "to", "from", "into", "near", "outside", "across", "inside", "of")
    if tok.dep_ == "dobj" and tok.head.lower_ in ("visited", "visit", "visits", "visiting", "toured"):
        return True
    return False


def _does_the_contact(trigger: Any) -> bool:
    """Is the trigger's subject one who takes part: a verb ("talking with"), or a noun a light verb takes
    ("held talks", "paid a visit"), not a noun someone comments on ("sees the visit as important")?"""
    return trigger.pos_ == "VERB" or trigger.dep_ == "dobj" and trigger.head.lower_ in LIGHT_VERBS | {"pay", "paid", "pays"}


def _pronoun_subject(trigger: Any, stop: Any, pronouns: tuple[str, ...] = ("he", "she", "it", "they", "i", "we")) -> bool:
    """Does a pronoun head a clause between the trigger and ``stop`` ("X said he would meet Y")?"""
    tok = trigger
    while tok.i != stop.i and tok.head.i != tok.i:
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in pronouns for c in tok.children):
            return True
        tok = tok.head
    return False


def _speakers(sent: Any, trigger: Any) -> set[int]:
    """Token indices of people who only report the event ("Peskov said", "according to Lavrov")."""
    out: set[int] = set()
    ancestors = {a.i for a in trigger.ancestors}
    for tok in sent:
        if tok.lower_ in REPORTING and tok.i != trigger.i:
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            for s in subj:
                if trigger.i in {t.i for t in s.subtree}:
                    continue
                # "Ruiz said her talks with the king ...": the speaker is also the possessor
                owns = any(c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in trigger.children)
                if owns and tok.i in ancestors:
                    continue
                # "X said he would meet Y": the pronoun subject under the reporting verb is X
                if tok.i in ancestors and _pronoun_subject(trigger, tok):
                    continue
                # "Upon meeting Y, X stated ...": X is the implicit subject of the trigger
                if tok.i in ancestors and trigger.tag_ in ("VBG", "VB") and not any(
                        c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children) and trigger.dep_ in (
                        "advcl", "pcomp", "xcomp") or (trigger.dep_ == "pcomp" and trigger.head.head.i == tok.i):
                    continue
                out.update(t.i for t in s.subtree)
        if tok.lower_ in REPORTING and tok.i != trigger.i and tok.i + 1 < sent.end and tok.i > 0 \
                and tok.doc[tok.i - 1].text in (",", '"'):
            # inverted attribution: ", said Ned Price, spokesman for ..."
            for ent in sent.ents:
                if ent.label_ == "PERSON" and ent.start == tok.i + 1:
                    out.update(range(ent.start, ent.end))
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            for t in tok.doc[tok.i + 1].subtree:
                out.add(t.i)
            for t in tok.doc[tok.i + 2: min(sent.end, tok.i + 8)]:
                out.add(t.i)
    return out


_VENUE_WORDS = re.compile(r"\b(palace|house|hall|airport|hotel|square|street|centre|center|ministry|"
                          r"embassy|parliament|forum|summit|agency|news|times|post|press|tv|radio)\b", re.I)


def _not_a_person(name: str, names: Names) -> bool:
    """Recogniser slips: a dateline city ("Khartoum") or a venue tagged as a person."""
    if _VENUE_WORDS.search(name) or re.search(r"[\d@#/]", name):
        return True
    if len(name.split()) == 1 and name.lower() not in names.by_last and name.lower() not in names.by_first:
        from ..resolve.places import lookup_city

        return lookup_city(name) is not None or canonical_country(name) is not None
    return False


def _quoted(sent: Any, trigger: Any) -> set[int]:
    """Tokens inside quotation marks that do not contain the trigger (names a speaker mentions)."""
    out: set[int] = set()
    inside, start = False, 0
    toks = list(sent)
    for k, t in enumerate(toks):
        if t.text == '"':
            if inside:
                span = range(toks[start].i, t.i)
                if trigger.i not in span:
                    out.update(span)
            inside, start = not inside, k
    return out


def _anchor_subjects(trigger: Any) -> set[int]:
    """The tokens of the subjects of the verbs the trigger is the object or complement of ("the two
    ministers agreed to hold another round of talks")."""
    doc = trigger.doc
    return {t.i for a in _anchors(trigger) for c in doc[a].children if c.dep_ in ("nsubj", "nsubjpass")
            for t in c.subtree}


def _pair_phrase_in(sent: Any, own: set[int]) -> bool:
    """"the two leaders" inside the trigger's own phrase or clause refers to the previous event's sides."""
    low = sent.text.lower()
    for w in PAIR_WORDS:
        pos = low.find(w)
        if pos >= 0:
            span = sent.char_span(pos, pos + len(w), alignment_mode="expand")
            if span is not None and any(t.i in own for t in span):
                return True
    return False


def participants(sent: Any, trigger: Any, names: Names, previous: tuple[RawParticipant, ...],
                 others: tuple[Any, ...] = (), pronoun_ref: str | None = None) -> list[tuple[int, RawParticipant]]:
    """Participants as (token index, participant), in sentence order.

    ``others`` are the sentence's other triggers: people inside another event's clause ("came after
    Rousseff spoke to Obama") are that event's, unless that event governs this one.
    """
    doc = sent.doc
    speakers = _speakers(sent, trigger) | _quoted(sent, trigger)
    own = {t.i for t in trigger.subtree}
    ancestors = {a.i for a in trigger.ancestors}
    # a trigger inside a relative clause with its own subject ("in Quito, where Andean ministers are
    # gathering"): the people outside that clause are not its participants
    clause = next((t for t in [trigger, *trigger.ancestors] if t.dep_ == "relcl"), None)
    if clause is not None and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("who", "which", "that")
                                  for c in clause.children):
        inside = {t.i for t in clause.subtree}
        speakers = speakers | ({t.i for t in sent} - inside)
    # ... and so with a subordinate or coordinate clause that names its own subject ("a day after Ruiz visited
    # Lima", "Quispe met Arce and Ruiz flew home"): who is outside it belongs to the main clause's event
    sub = next((t for t in [trigger, *trigger.ancestors] if t.dep_ in ("advcl", "conj") and t.pos_ in ("VERB", "AUX")), None)
    if sub is not None and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" for c in sub.children):
        speakers = speakers | ({t.i for t in sent} - {t.i for t in sub.subtree})
    for t in sent:
        # "welcoming the plan put forward by X": X belongs to that clause, not to the event
        if t.dep_ in ("acl", "relcl") and t.i not in ancestors and trigger.i not in {x.i for x in t.subtree} \
                and t.tag_ == "VBN" and any(c.dep_ == "agent" for c in t.children):
            speakers |= {x.i for x in t.subtree}
    for other in others:
        if other.i != trigger.i and other.i not in ancestors and other.pos_ in ("VERB", "AUX"):
            speakers |= {t.i for t in other.subtree} - own
        # an event that governs this one keeps its own objects: in "After meeting Ruiz, Quispe held talks
        # with Arce" Arce is in the talks, not the meeting (their shared subject is in both)
        verb = other if other.pos_ in ("VERB", "AUX") else other.head if other.dep_ == "dobj" else None
        if verb is not None and verb.i in ancestors and verb.i != trigger.i:
            for c in verb.children:
                if c.dep_ in ("dobj", "dative", "prep") and trigger.i not in {x.i for x in c.subtree}:
                    speakers |= {x.i for x in c.subtree} - own
    found: dict[str, tuple[int, RawParticipant]] = {}
    person_tokens: set[int] = set()

    def add(i: int, p: RawParticipant) -> None:
        key = p.text.lower()
        if key not in found:
            found[key] = (i, p)

    # people: PERSON entities and any proper noun that is a known person of this article
    for ent in sent.ents:
        if ent.label_ == "PERSON" or (ent.label_ in ("ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART")
                                      and names.lookup(ent.text.split()[-1]) and len(ent.text) > 2
                                      and canonical_country(ent.text) is None):
            if ent.start in speakers or (ent.label_ == "PERSON" and (canonical_country(ent.text) or lookup_group(ent.text))):
                continue  # "Ugandan" taken for a person is a nationality, "Tamil Tiger" an armed group
            pieces = re.split(r"\s*-\s*(?=[A-Z])", ent.text) if "-" in ent.text else [ent.text]
            if len(pieces) > 1 and not all(names.lookup(x) for x in pieces):
                pieces = [ent.text]  # "Al-Sissi" is one name; "Trump-Putin" is two known people
            for piece in pieces:
                name, role, country = clean_person(ent)
                if piece != ent.text:
                    name = piece
                full = names.lookup(name) or (name if len(name.split()) >= 2 else names.lookup(name))
                if not full:
                    full = name
                if len(full) < 2 or not full[:1].isupper() or _not_a_person(full, names):
                    continue
                if NON_PARTICIPANT_ROLES.search((role or "") + " " + (names.role.get(full) or "")):
                    continue
                before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
                after = " ".join(t.lower_ for t in doc[ent.end: ent.end + 3])
                if before in REPORTING or NON_PARTICIPANT_ROLES.search(after):
                    continue  # "..., said Ana Ruiz, a spokeswoman for the ministry"
                add(ent.start, RawParticipant(full, "PERSON", role))
                person_tokens.update(range(ent.start, ent.end))
    # a name the recogniser mislabelled ("Samia Suluhu Hassan" as FAC) in a core argument of the trigger
    for ent in sent.ents:
        if ent.label_ in ("FAC", "ORG", "PRODUCT", "WORK_OF_ART", "LOC") and 2 <= len(ent) <= 4 \
                and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent) \
                and (ent.root.dep_ in ("nsubj", "dobj", "conj", "appos") or ent.root.dep_ == "pobj"
                     and ent.root.head.lower_ in ("with", "between", "and", "by")) \
                and not _not_a_person(ent.text, names) \
                and (ent.root.head.i == trigger.i or ent.root.head.head.i == trigger.i) \
                and canonical_country(ent.text) is None and ent.text.lower() not in BODIES \
                and not any(t.lower_ in TITLE_WORDS for t in ent) and ent.start not in speakers:
            full = names.lookup(ent.text) or ent.text
            add(ent.start, RawParticipant(full, "PERSON", None))
            person_tokens.update(range(ent.start, ent.end))
    # a name the recogniser took for a nationality or a body ("Albanese and Luxon met") that the knowledge
    # base knows as a person in office then, as a core argument of the trigger
    for ent in sent.ents:
        if ent.label_ in ("NORP", "ORG", "GPE", "PRODUCT", "WORK_OF_ART", "FAC", "LOC") and ent.start not in speakers \
                and not person_tokens & set(range(ent.start, ent.end)) and _core_argument(ent.root, trigger) \
                and canonical_country(ent.text) is None and lookup_body(ent.text) is None \
                and ent.text[:1].isupper() and len(ent.text) > 3:
            known = lookup_person(ent.text.removeprefix("the ").strip(), when=names.when, before=names.when)
            if known is not None:
                add(ent.start, RawParticipant(names.lookup(ent.text) or known.name, "PERSON", None))
                person_tokens.update(range(ent.start, ent.end))
    for tok in sent:
        if tok.i in person_tokens or tok.i in speakers:
            continue
        # a surname the tagger took for a common noun at the head of a sentence ("Ruiz also met ...")
        if tok.pos_ != "PROPN" and not (tok.pos_ == "NOUN" and tok.text[:1].isupper() and tok.i == sent.start
                                        and tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ not in TRIGGER_WORDS):
            continue
        hit = names.lookup(tok.text) if len(tok.text) > 2 else None
        courtesy = tok.i > 0 and doc[tok.i - 1].lower_.rstrip(".") in COURTESY_TITLES  # "Mr Albanese" is a person
        if hit and (courtesy or not (tok.ent_type_ in ("GPE", "NORP") and canonical_country(tok.text))):
            if NON_PARTICIPANT_ROLES.search(names.role.get(hit) or ""):
                continue
            add(tok.i, RawParticipant(hit, "PERSON", names.role.get(hit)))
            person_tokens.add(tok.i)
    # "She met X", "his visit to Y": the person the previous sentences were about
    anc_subjects = {c.i for a in trigger.ancestors for c in a.children if c.dep_ in ("nsubj", "nsubjpass")}
    own_subject = any(i in anc_subjects or any(c.dep_ == "nsubj" and c.i == i for c in trigger.children)
                      for i in person_tokens)  # "Trump said his meeting ...": his = Trump
    if pronoun_ref and not own_subject and not any(p.label == "PERSON" and p.text == pronoun_ref
                                                   for _, p in found.values()):
        tok = trigger
        for _ in range(3):
            pron = [c for c in tok.children if (c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("he", "she"))
                    or (c.dep_ == "poss" and c.lower_ in ("his", "her") and tok.i == trigger.i)]
            if pron and pron[0].i not in speakers:
                add(pron[0].i, RawParticipant(pronoun_ref, "PERSON", names.role.get(pronoun_ref)))
                break
            if tok.dep_ not in ("xcomp", "advcl", "conj", "dobj", "pobj", "prep") or tok.head.i == tok.i:
                break
            tok = tok.head
    # a sovereign named by title alone: "welcomed by the Queen", "received by the King"
    for tok in sent:
        if tok.text in ("Queen", "King", "Pope", "Emperor", "Empress") and tok.i not in person_tokens \
                and tok.i not in speakers and tok.i > 0 and doc[tok.i - 1].lower_ == "the" \
                and not (tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper()):
            add(tok.i, RawParticipant(tok.text, "PERSON", tok.text))
            person_tokens.add(tok.i)
    # role references: "his Russian counterpart", "the Russian leader", "the two leaders"
    low = sent.text.lower()
    for tok in sent:
        if (tok.lower_ in OFFICE_WORDS or tok.lower_ == "general" and tok.i > 0 and doc[tok.i - 1].text == "-") \
                and tok.i not in person_tokens and tok.i not in speakers:
            if any(c.dep_ == "appos" and c.i in person_tokens for c in tok.children):
                continue
            named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i not in speakers
                          and c.text[:1].isupper()), None)
            if named is not None:  # "his Peruvian counterpart, Ana Ruiz": the name the office is given
                text = doc[named.left_edge.i: named.i + 1].text
                full = names.lookup(text) or (text if len(text.split()) >= 2 else None)
                if full and canonical_country(full) is None and not _not_a_person(full, names):
                    add(named.i, RawParticipant(full, "PERSON", tok.text))
                    person_tokens.update(range(named.left_edge.i, named.i + 1))
                    continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.i in person_tokens:
                continue
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
            country = next((canonical_country(m.text) for m in mods if canonical_country(m.text)), None)
            if country and (tok.lower_ != "president" or any(m.lower_ in ("the", "his", "her") for m in tok.children)):
                hint = "minister" if tok.lower_ in ("diplomat", "minister") else None
                who = names.with_country(country, hint) or names.with_role(tok.lower_, country)
                if who and who.lower() in found:
                    who = None  # "Minister X received the Togolese minister": X's guest is not X
                if not who and tok.lower_ == "counterpart":
                    # "X said she had talked to her Chilean counterpart ... once Ana Ruiz announced": a person
                    # of that country, or of no stated country, named in the same sentence
                    for ent in sent.ents:
                        if ent.label_ == "PERSON" and ent.start != tok.i:
                            cand = names.lookup(clean_person(ent)[0])
                            if cand and names.country.get(cand) in (None, country) and cand.lower() not in found:
                                who = cand
                                break
                if who:
                    add(tok.i, RawParticipant(who, "PERSON", tok.text))
                    person_tokens.add(tok.i)
                elif tok.lower_ == "counterpart" or _core_argument(tok, trigger):
                    # "his Togolese counterpart", "received the Togolese foreign minister": no name, the country
                    add(tok.i, RawParticipant(country, "COUNTRY"))
            elif not country and tok.lower_ in ("prince", "king", "queen", "emir", "sheikh", "sultan", "chancellor",
                                                "premier") and any(c.lower_ == "the" for c in tok.children):
                who = names.with_role(tok.lower_, None)  # "the crown prince": the one the article named so
                if who and who.lower() not in found:
                    add(tok.i, RawParticipant(who, "PERSON", tok.text))
                    person_tokens.add(tok.i)
            elif not country and any(c.lower_ == "the" for c in tok.children) and _core_argument(tok, trigger):
                # "The Secretary-General met ...", "the foreign minister received ...": the one person the
                # article gave that office
                office = re.sub(r"\s*-\s*", "-", doc[tok.left_edge.i: tok.i + 1].text.lower()).removeprefix("the ")
                office_words = office.split()
                # "the UN secretary-general": the office with or without the body or country before it
                offices = [" ".join(office_words[k:]) for k in range(len(office_words))] + [tok.lower_]
                who = next((w for w in (names.with_role(o, None) for o in offices if len(o) > 3) if w), None) \
                    if len(office) > 3 else None
                if who and who.lower() not in found:
                    add(tok.i, RawParticipant(who, "PERSON", names.role.get(who)))
                    person_tokens.add(tok.i)
    leaders_of = re.search(r"\b(leaders|presidents|heads of state|heads of government|prime ministers) of\b", low)
    if leaders_of and len(found) < 2:
        for ent in sent.ents:
            country = canonical_country(ent.text) if ent.label_ in ("GPE", "NORP") else None
            if country and ent.start_char - sent.start_char > leaders_of.start():
                add(ent.start, RawParticipant(country, "LEADER"))
    if re.search(r"\b(two|both) (countries|nations|states|governments)\b", low) and len(found) < 2:
        for p in previous:
            c = names.country.get(p.text) if p.label == "PERSON" else p.text if p.label == "COUNTRY" else None
            if c:
                add(trigger.i, RawParticipant(c, "COUNTRY"))
    elif len(found) < 2 and not leaders_of and _pair_phrase_in(sent, own | _anchor_subjects(trigger)):
        # "the two leaders": two people named earlier in this sentence, else the previous event's sides
        earlier = []
        for ent in sent.ents:
            if ent.label_ == "PERSON" and ent.start < trigger.i and ent.start not in _quoted(sent, trigger):
                who = names.lookup(clean_person(ent)[0])
                if who and who not in earlier and not NON_PARTICIPANT_ROLES.search(names.role.get(who) or ""):
                    earlier.append(who)
        if len(earlier) >= 2:
            for who in earlier[-2:]:
                add(trigger.i, RawParticipant(who, "PERSON", names.role.get(who)))
        else:
            for p in previous:
                add(trigger.i, p)
    if not found and trigger.pos_ == "VERB" and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "they" for a in _anchors(trigger) for c in doc[a].children):
        for p in previous:  # "They last met in March": the two of the previous event, when no one else is named
            add(trigger.i, p)
    if not found and trigger.pos_ == "NOUN" and any(
            c.lower_ in ("further", "more", "subsequent", "these", "such", "follow-up", "another", "other", "next",
                         "fresh", "new", "second", "third", "their")
            for c in trigger.children):
        for p in previous:  # "More rounds were held in Lima": the same sides again
            add(trigger.i, p)
    # "a delegation from ECOWAS": an acronym the recogniser missed, that a group of its people is named after
    for t in sent:
        if t.text.isupper() and len(t.text) >= 2 and t.pos_ in ("PROPN", "NOUN") and not t.ent_type_ \
                and (_group_of(t) or _before_group(doc[t.i: t.i + 1])):
            kb_body = lookup_body(t.text)
            if kb_body is not None and _is_side(doc[t.i: t.i + 1], trigger):
                add(t.i, RawParticipant(kb_body.name, "ORG"))
    # bodies: G20, ASEAN, ... (participants of their summits)
    for ent in sent.ents:
        key = ent.text.lower().removeprefix("the ").strip()
        body = BODIES.get(key) or BODIES.get(key.split()[0] if key.split() else key) or next(
            (v for k, v in BODIES.items() if len(k) > 4 and key.startswith(k + " ")), None)
        if body is None and ent.label_ in ("ORG", "NORP", "EVENT", "FAC"):
            kb_body = lookup_body(ent.text)  # the knowledge base: acronyms and full names
            body = kb_body.name if kb_body is not None else None
        if body is None and ent.label_ in ("ORG", "EVENT") and ent.end < len(doc) \
                and doc[ent.end].lower_.startswith("summit") and canonical_country(ent.text) is None \
                and all(t.text[:1].isupper() for t in ent if t.lower_ != "the") \
                and (len([t for t in ent if t.lower_ != "the"]) >= 2 or ent.text.isupper() and len(ent.text) >= 2):
            body = ent.text.removeprefix("the ").removeprefix("The ")  # "the Pacific Alliance summit": its forum
        if ent.label_ in ("ORG", "NORP", "GPE", "EVENT", "FAC", "PRODUCT", "CARDINAL") and body:
            if trigger.lower_.startswith("summit") or ent.end == trigger.i or trigger.lower_ in _GATHER \
                    or trigger.lower_.startswith("attend") and ent.end < len(doc) and doc[ent.end].lower_.startswith(
                        "summit") \
                    or (_group_of(ent.root) or _before_group(ent)) and _is_side(ent, trigger):
                # "G20 leaders open summit", "a NATO meeting", "a delegation from ECOWAS met ...", "an ECOWAS
                # delegation met ..."
                add(ent.start, RawParticipant(body, "ORG"))
    attends_summit = trigger.lower_.startswith("attend") and any(
        t.lower_.startswith("summit") for t in trigger.subtree)  # "will attend the ECOWAS summit"
    if trigger.lower_.startswith("summit") or trigger.lower_ in _GATHER or attends_summit:
        for t in sent:  # "the BRICS summit", "SCO leaders gathered"
            body = BODIES.get(t.lower_)
            if body is None and t.text.isupper() and len(t.text) >= 2 and t.pos_ in ("PROPN", "NOUN"):
                kb_body = lookup_body(t.text)  # an acronym the knowledge base knows
                body = kb_body.name if kb_body is not None else None
            nxt = doc[t.i + 1].lower_ if t.i + 1 < len(doc) else ""
            if body and nxt in TITLE_HEADS - {"leader"} and attends_summit:
                continue  # "the UN secretary-general attended": the person, not the body
            if body and t.text[:1].isupper():
                add(t.i, RawParticipant(body, "ORG"))
        for key, body in BODIES.items():
            if " " in key and re.search(r"\b" + re.escape(key) + r"\b", low):
                add(trigger.i, RawParticipant(body, "ORG"))  # "Leaders of the Group of 20 ... opened their summit"
    # armed groups and movements in peace talks ("Colombia and the ELN rebels resumed talks"), and then the
    # state's side as the text names it ("talks between the Sudanese army and the RSF")
    state_sides: set[str] = set()  # countries whose side the text names as their government or army
    armed = [(span, name, home) for span, name, home in armed_groups(sent) if span.start not in speakers
             and (_is_side(span, trigger) or _group_of(span.root) or _led_side(span, trigger))]
    # a country's opposition in talks with its government ("the Venezuelan opposition") is such a movement
    for tok in sent:
        if tok.lower_ == "opposition" and tok.i not in speakers and _is_side(doc[tok.i: tok.i + 1], trigger):
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss") and canonical_country(c.text)]
            if mods:
                armed.append((doc[tok.i: tok.i + 1], f"{_adjective(mods[0])} opposition", canonical_country(mods[0].text)))
    for span, name, _ in armed:
        add(span.start, RawParticipant(name, "GROUP"))
    fought = {home for _, _, home in armed if home}  # the states the groups fight: their side is the government
    if armed:
        inside = {i for span, _, _ in armed for i in range(span.start, span.end)}  # "National Liberation Army"
        for tok in sent:
            if tok.lower_ in STATE_SIDES - {"opposition"} and tok.i not in speakers | inside \
                    and _is_side(doc[tok.i: tok.i + 1], trigger):
                mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss") and canonical_country(c.text)]
                country = canonical_country(mods[0].text) if mods else next(iter(fought)) if len(fought) == 1 else None
                if country:  # "the Sudanese army"; "the government" of the one state a group here fights
                    adjective = _adjective(mods[0]) if mods else demonym(country) or country
                    add(tok.i, RawParticipant(f"{adjective} {tok.lower_}", "GROUP"))
                    state_sides.add(country)
    # regional groups as a side: "Southeast Asian leaders are meeting", "talks with Pacific leaders"
    for tok in sent:
        if tok.lower_ in ("leaders", "ministers", "heads") and tok.i not in speakers:
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.text[:1].isupper()]
            words = [w for c in mods for w in (list(c.subtree) if c.dep_ == "amod" else [c])]
            label = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
            if label and REGION.search(label) and canonical_country(label) is None:
                add(tok.i, RawParticipant(f"{label} {tok.lower_}", "GROUP"))
    # "Ghana-Togo talks", "a U.S.-North Korea summit", "the Zimbabwe-Zambia Joint Commission meeting"
    if not any(p.label == "COUNTRY" for _, p in found.values()):
        for name, label in _paired_sides(trigger):
            add(trigger.i, RawParticipant(name, label))
    # "arrived in Accra for talks", "flew to Lome for a meeting": the talks are with the state the journey
    # reaches (its host), when the sentence names no one there
    if trigger.dep_ == "pobj" and trigger.head.lower_ in ("for", "on") and trigger.head.head.lower_ in JOURNEYS \
            and TRIGGER_WORDS.get(trigger.lower_) in ("meeting", "talks"):
        host = _destination_country(trigger.head.head)
        if host and all(p.label != "COUNTRY" or p.text != host for _, p in found.values()) and sum(
                1 for _, p in found.values() if p.label == "PERSON") <= 1:
            add(trigger.i, RawParticipant(host, "COUNTRY"))
    # countries as sides: delegations, officials, "between Russia and the US"
    people = sum(1 for _, p in found.values() if p.label == "PERSON")
    if people < 2:
        for ent in _country_mentions(sent):
            if ent.start in speakers:
                continue
            if ent.text.lower().removeprefix("the ") in CONSTITUENT_NATIONS:
                continue  # a team, not a state
            if ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in COURTESY_TITLES:
                continue  # "Mr German", "Ms England": a surname
            country = canonical_country(ent.text)
            root = ent.root
            if not country:
                # a capital standing for its government: "Seoul and Hanoi held talks"
                country = capital_country(ent.text) if ent.label_ == "GPE" and (
                    not _is_place_token(root) or _group_of(root)) else None  # "the delegations of Moscow and Ankara"
                if not country:
                    continue
            if _is_place_token(root) and not (root.head.lower_ == "to" and _a_journey(trigger)) \
                    and not _group_of(root):
                continue
            if not _is_side(ent, trigger):
                continue
            nxt = doc[ent.end] if ent.end < len(doc) else None
            # a nationality word before a person's name is that person's country, not a side
            if nxt is not None and (nxt.i in person_tokens or nxt.lower_ in TITLE_WORDS and nxt.lower_ not in ("officials",)):
                if not any(g in doc[ent.end: ent.end + 4].text.lower() for g in GROUP_NOUNS):
                    continue
            side = None
            if root.head.lower_ in ("to",) and _a_journey(trigger):
                side = "host"
            add(ent.start, RawParticipant(country, "COUNTRY", None, side))
    out = []
    for i, p in sorted(found.values(), key=lambda x: x[0]):
        if p.label == "COUNTRY" and p.text in state_sides:
            continue  # "the Sudanese army" is that state's side already
        if p.label == "COUNTRY" and p.text in fought:
            p = RawParticipant(f"{demonym(p.text) or p.text} government", "GROUP")  # "Colombia and the ELN"
        out.append((i, p))
    return out


_GATHER = {"gathered", "gather", "gathers", "gathering", "convened", "convene", "convenes"}


JOURNEYS = {"arrived", "arrives", "arriving", "landed", "flew", "travelled", "traveled", "came", "went", "headed"}


def _destination_country(verb: Any) -> str | None:
    """The country a journey verb goes to: "arrived in Accra" (a city's country), "flew to Togo"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "to", "at"):
            for g in c.children:
                if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC"):
                    text = next((e.text for e in verb.doc.ents if e.start <= g.i < e.end), g.text)
                    place = resolve_place(text)
                    if place is not None and place.country:
                        return place.country
    return None


def _a_journey(trigger: Any) -> bool:
    """A visit's trigger ("visit", "trip", "travel"): a country it goes "to" is its host."""
    return TRIGGER_WORDS.get(trigger.lower_) == "visit"


def _country_mentions(sent: Any) -> Iterator[Any]:
    """Spans that may name a country: the recogniser's places, nationalities and persons, a place it
    called a location ("Togo"), and a capitalised country name or demonym it left out ("Ghanaian")."""
    covered: set[int] = set()
    for ent in sent.ents:
        covered.update(range(ent.start, ent.end))
        if ent.label_ in ("GPE", "NORP", "PERSON") or ent.label_ in ("LOC", "ORG") and canonical_country(ent.text):
            yield ent  # a country the recogniser called a location or, heading a sentence, a body
    for tok in sent:
        if tok.i not in covered and tok.text[:1].isupper() and tok.pos_ in ("PROPN", "ADJ", "NOUN") \
                and len(tok.text) > 3 and canonical_country(tok.text):
            yield sent.doc[tok.i: tok.i + 1]
_PAIR = re.compile(r"([A-Z][\w.’']*(?:\s[A-Z][\w.’']*){0,2})\s?[-–]\s?([A-Z][\w.’']*(?:\s[A-Z][\w.’']*){0,2})")


def _paired_sides(trigger: Any) -> list[tuple[str, str]]:
    """Two countries or bodies joined by a hyphen in front of the trigger, or of the body it is a meeting
    of: "Ghana-Togo talks", "a U.S.-North Korea summit", "a meeting of the Ghana-Togo Joint Commission"."""
    doc = trigger.doc
    spans = [doc[trigger.left_edge.i: trigger.i]]
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            spans.append(doc[obj.left_edge.i: obj.i + 1])
    for span in spans:
        for m in _PAIR.finditer(span.text):
            out: list[tuple[str, str]] = []
            for k, part in enumerate(m.groups()):
                words = part.split()
                for n in range(len(words), 0, -1):  # "the U.S." -> "U.S."; "North Korea Joint" -> "North Korea"
                    head = " ".join(words[-n:] if k == 0 else words[:n])
                    country = canonical_country(head)
                    body = lookup_body(head) if country is None else None
                    if country or body:
                        out.append((country, "COUNTRY") if country else (body.name, "ORG"))  # type: ignore[union-attr]
                        break
            if len(out) == 2 and out[0] != out[1]:
                return out
    return []


def _adjective(tok: Any) -> str:
    """A country modifier as an adjective: "Sudan's" -> "Sudanese", "Sudanese" as it is."""
    text = tok.text.removesuffix("'s").removesuffix("’s")
    country = canonical_country(text)
    return (demonym(country) or text) if country and country.lower() == text.lower() else text


def fold_word(word: str) -> str:
    """A word as the knowledge base compares names: folded accents, lower case, straight apostrophes."""
    return fold(word).replace("’", "'")


ARMED_HEADS = {"army", "forces", "front", "movement", "brigades", "militia", "militias"}
STATE_SIDES = {"government", "army", "military", "opposition", "junta", "regime"}


def armed_groups(sent: Any) -> Iterator[tuple[Any, str, str | None]]:
    """Armed groups and movements named in the sentence, as (span, name): those of the knowledge base
    (``kg/kb/data/groups.tsv``: "the ELN", "Houthi rebels"), and a named force, front or movement that is
    no state's ("the Arakan Liberation Army"; "the Sudanese Armed Forces" is a state's army)."""
    doc = sent.doc
    seen: set[int] = set()
    firsts = group_first_words()
    for ent in sent.ents:
        if ent.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
            continue
        text = ent.text.removeprefix("the ").removeprefix("The ")
        group = lookup_group(text) if text.split() and fold_word(text.split()[0]) in firsts else None
        if group is not None:
            seen.update(range(ent.start, ent.end))
            yield ent, group.name, country_name(group.country)
        elif ent.label_ == "ORG" and ent[-1].lower_ in ARMED_HEADS and len(ent) >= 2 \
                and not any(canonical_country(t.text) for t in ent) and all(t.text[:1].isupper() for t in ent
                                                                            if t.lower_ not in ("the", "of", "for")):
            seen.update(range(ent.start, ent.end))
            yield ent, text, None
    for tok in sent:  # a group the recogniser left out or cut ("Houthi rebels", "the Tamil Tiger leader")
        if tok.i in seen or not tok.text[:1].isupper() or len(tok.text) < 2 or fold_word(tok.text) not in firsts:
            continue
        for n in (3, 2, 1):
            span = doc[tok.i: min(tok.i + n, sent.end)]
            if len(span) == n and all(t.text[:1].isupper() for t in span) and not seen & {t.i for t in span}:
                group = lookup_group(span.text)
                if group is not None:
                    seen.update(t.i for t in span)
                    yield span, group.name, country_name(group.country)
                    break


def _led_side(span: Any, trigger: Any) -> bool:
    """A group named before its leader or its people who are the side: "met the rebel group's leader",
    "will meet the Tamil Tiger leader", "an ELN delegation"."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in GROUP_NOUNS | {"leader", "chief", "commander", "head"}:
        return False
    return _is_side(doc[span.end: span.end + 1], trigger)


def _before_group(span: Any) -> bool:
    """A body or country that names the group of its people after it: "an ECOWAS delegation", "AU envoys"."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in GROUP_NOUNS


def _group_of(tok: Any) -> bool:
    """"the trade ministers of Chile and Peru", "negotiators from Ghana": a country that a group of its
    people is named after."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return bool(tok.dep_ == "pobj" and tok.head.lower_ in ("of", "from")
                and tok.head.head.lower_ in GROUP_NOUNS | {"countries", "negotiators", "envoys", "diplomats"})


def _anchors(trigger: Any) -> set[int]:
    """The trigger and the verbs it is the object or complement of: "agreed to hold talks", "plans to
    visit" (not a saying: "said they met" keeps the sayer out)."""
    out = {trigger.i, trigger.head.i}
    tok = trigger.head if trigger.dep_ in ("dobj", "xcomp", "pobj", "attr") else trigger
    for _ in range(2):
        if tok.dep_ == "xcomp" or tok.dep_ == "dobj" and tok.head.dep_ == "xcomp":
            tok = tok.head
            out.add(tok.i)
            if tok.dep_ == "xcomp":
                out.add(tok.head.i)
        else:
            break
    return out


def _core_argument(tok: Any, trigger: Any) -> bool:
    """Is ``tok`` (or the phrase it heads) the subject, object or with-object of the trigger?"""
    anchors = _anchors(trigger)
    t = tok
    for _ in range(3):
        if t.dep_ in ("nsubj", "nsubjpass", "dobj", "conj", "appos") and t.head.i in anchors:
            return True
        if t.dep_ == "pobj" and t.head.lower_ in ("with", "between", "among", "by") and t.head.head.i in anchors:
            return True
        if t.head.i == t.i or t.dep_ not in ("conj", "appos", "compound"):
            break
        t = t.head
    return False


def _is_side(ent: Any, trigger: Any) -> bool:
    """A country mention that stands for a side of the contact, not background."""
    doc = ent.doc
    after = doc[ent.end: min(len(doc), ent.end + 4)]
    if any(t.lower_ in GROUP_NOUNS for t in after):
        return True  # "Russian and US officials", "an Israeli delegation"
    root = ent.root
    if _group_of(root):
        return True  # "the trade ministers of Chile, Peru and Bolivia", "a delegation from Ghana"
    anchors = _anchors(trigger)
    tok = root
    for _ in range(3):  # the country, or what it modifies, is a core argument of the trigger
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "compound", "amod", "conj", "appos") \
                and tok.head.i in anchors:
            return True
        if tok.dep_ == "poss" and tok.head.lower_ not in GROUP_NOUNS | TRIGGER_WORDS.keys():
            return False  # "visited Saudi Arabia's allies": the allies were visited, not Saudi Arabia
        if tok.dep_ == "pobj" and tok.head.lower_ in ("with", "between", "among", "to", "by", "involving") \
                and tok.head.head.i in anchors:
            return True
        if tok.dep_ == "dobj" and tok.head.lower_ in ("involving", "including", "bringing") \
                and tok.head.head.i in anchors:
            return True  # "negotiations involving Chile, Peru and Norway"
        if tok.dep_ == "nsubj" and tok.head.lower_ in REPORTING and tok.head.i in {a.i for a in trigger.ancestors} \
                and _does_the_contact(trigger) and _pronoun_subject(trigger, tok.head, ("it", "they", "we")):
            return True  # "Chile said it had held talks with Peru": the sayer is the pronoun's antecedent
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


from .triggers import WORDS as TRIGGER_WORDS  # noqa: E402
