"""Where the sentence says the event took place (kg.extract.places), on sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text,trigger,place", [
    # a large city the recogniser labels as a person or an organisation is still a place
    ("The president made a short visit to Asuncion on Monday.", "visit", "Asuncion"),
    ("The prime minister paid a visit to Bamako.", "visit", "Bamako"),
    # a city or venue in front of the trigger is where it happened; a country there is its topic
    ("After a White House meeting with the Kenyan president, he spoke.", "meeting", "White House"),
    ("The Geneva talks ended without a deal.", "talks", "Geneva"),
    ("The Syria talks ended without a deal.", "talks", None),
    # a city named as "the capital city of X"; the place of the gathering a meeting is on the sidelines of
    ("Ana Ruiz met Kofi Mensah at the forum being held in Rwanda's capital city of Kigali.", "met", "Kigali"),
    ("Ana Ruiz will hold a meeting with Kofi Mensah on the sidelines of the African Union summit in Ethiopia.",
     "meeting", "Ethiopia"),
    # "on the sidelines of <gathering> in X", also when the parser hangs "in X" off a stray verb
    ("Maria Lopez is likely to hold a meeting with her Peruvian counterpart Juan Soto today on the sidelines"
     " of the Andean Community Council of Trade Ministers meet in Bolivia.", "meeting", "Bolivia"),
    ("Soto is holding talks with delegations on the sidelines of the ACN Council of Foreign Ministers meeting being"
     " held in Bolivia's capital city of La Paz on May 3 and 4.", "meeting", "La Paz"),
    # "is back in the Kenyan capital for talks": the adverb's verb is where; the war the talks would end is not
    ("The UN envoy Peter Lind is back in the Kenyan capital for further talks with the rebels aimed at ending"
     " the long war in Sudan, officials said.", "talks", "capital of Kenya"),
    ("The envoy held talks with the rebels aimed at ending the long war in Sudan.", "talks", None),
    ("The two presidents gave no statement after their meeting, which took place at Lund's country house in"
     " Bergen, north of Oslo.", "meeting", "Bergen"),
    # a city compounded in front of a gathering the recogniser took whole for an organisation
    ("The two men discussed support to Libya and follow-up to the Madrid Summit held earlier this year.",
     "Summit", "Madrid"),
    # background places stay background
    ("She said the war in Ukraine was discussed when they met.", "met", None),
    ("The two ministers met to discuss the crisis in the Middle East.", "met", None),  # a region is a topic
    # a place a negated clause says the visitor did not go to
    ("The minister has visited Kuwait and Qatar but has not been to Riyadh.", "visited", "Kuwait"),
])
def test_place_of_the_trigger(nlp, text: str, trigger: str, place: str | None) -> None:
    from kg.extract.places import place_of

    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    assert place_of(next(doc.sents), tok) == place
