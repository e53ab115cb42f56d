"""Status cues read from how news phrases expectations (sentences written for this project)."""

from __future__ import annotations

import pytest

from kg.model import Article


def _statuses(nlp, text: str) -> list[str]:
    from kg.extract import extract_article

    art = Article(id="s", text=text, source="t", published="2024-03-15")
    return [m.status for m in extract_article(art, nlp).mentions]


@pytest.mark.parametrize("text, status", [
    ("Foreign Minister Ana Ruiz is likely to hold talks with her Ghanaian counterpart Kofi Mensah on Friday.", "planned"),
    ("President Ana Ruiz promised President Kofi Mensah a visit to Accra soon.", "planned"),
    ("A meeting is being arranged between President Ana Ruiz and President Kofi Mensah.", "planned"),
    ("A meeting between President Ana Ruiz and President Kofi Mensah is unlikely before the election.", "hypothetical"),
    ("President Ana Ruiz met President Kofi Mensah in Accra on Tuesday.", "occurred"),
    # reported future: "would" with a day named is a plan; with a condition, or no day, a possibility
    ("An embassy statement said President Ana Ruiz would hold talks with President Kofi Mensah on Tuesday.",
     "planned"),
    ("President Ana Ruiz would hold talks with President Kofi Mensah on Tuesday if the border reopens.",
     "hypothetical"),
    ("President Ana Ruiz said she would meet President Kofi Mensah.", "hypothetical"),
    # a verb of judging with a denial as its verdict
    ("The ministry termed the reports of a secret meeting between President Ana Ruiz and President Kofi Mensah "
     "as baseless.", "denied"),
    ("The ministry called reports of a secret meeting between President Ana Ruiz and President Kofi Mensah "
     "baseless.", "denied"),
    ("The ministry described the meeting between President Ana Ruiz and President Kofi Mensah as useful.",
     "occurred"),
    # an appositive that tells the fate of the plan
    ("President Ana Ruiz agreed to visit President Kofi Mensah in 1990, a visit ultimately cancelled by the coup.",
     "cancelled"),
    ("President Ana Ruiz visited President Kofi Mensah in 1990, a visit that was widely praised.", "occurred"),
    # one-word cues of the lexicon reach the status rules ("rescheduled", "froze")
    ("The meeting between President Ana Ruiz and President Kofi Mensah was rescheduled.", "cancelled"),
    # what is on someone's agenda lies ahead
    ("Holding talks with Ghanaian President Kofi Mensah is on President Ana Ruiz's agenda.", "planned"),
    ("A meeting between President Ana Ruiz and President Kofi Mensah is on the agenda for Friday.", "planned"),
    # "no plans", "put on hold"
    ("President Ana Ruiz has no plans to meet President Kofi Mensah, her spokesman said.", "denied"),
    ("The Ghanaian president's visit to Togo, planned for May, has been put on hold.", "cancelled"),
    ("President Ana Ruiz called for talks with President Kofi Mensah.", "hypothetical"),
    ("President Ana Ruiz urged President Kofi Mensah to return to the negotiating table.", "hypothetical"),
    ("President Ana Ruiz's planned meeting with President Kofi Mensah will not take place, officials said.",
     "cancelled"),
    ("The meeting between President Ana Ruiz and President Kofi Mensah took place in Accra.", "occurred"),
    # setting off on a trip: its stops lie ahead
    ("On Friday, President Ana Ruiz left for a trip to Ghana, Togo and Benin.", "planned"),
    # a premodifier the parser hangs on another word still qualifies the trigger
    ("The leaders of Ghana and Togo discussed the agenda of the upcoming ECOWAS and AU summits in September.",
     "planned"),
])
def test_expectation_cues(nlp, text, status) -> None:
    assert status in _statuses(nlp, text), _statuses(nlp, text)


@pytest.mark.parametrize("text, status", [
    # a phrasal cue of the lexicon: the verb on the trigger's path, its particle after it
    ("Ghana ruled out talks with Togo until the border reopens.", "denied"),
    ("President Ana Ruiz turned down a meeting with President Kofi Mensah.", "denied"),
    ("The talks between Ghana and Togo were pushed back to the autumn.", "cancelled"),
    # the verb without its particle says nothing of the contact
    ("President Ana Ruiz, who ruled Ghana for a decade, met President Kofi Mensah in Accra on Tuesday.", "occurred"),
])
def test_phrasal_cues_of_the_lexicon(nlp, text, status) -> None:
    assert status in _statuses(nlp, text), _statuses(nlp, text)


@pytest.mark.parametrize("text, status", [
    # the purpose of a journey under way or ahead is planned; of a journey made, held
    ("Foreign Minister Ana Ruiz is travelling to Accra on Tuesday to meet her Ghanaian counterpart Kofi Mensah.",
     "planned"),
    ("Foreign Minister Ana Ruiz travelled to Accra on Tuesday to meet her Ghanaian counterpart Kofi Mensah.",
     "occurred"),
])
def test_the_purpose_of_a_journey(nlp, text, status) -> None:
    assert status in _statuses(nlp, text), _statuses(nlp, text)


@pytest.mark.parametrize("text, status", [
    ("President Ana Ruiz is not planning a meeting with President Kofi Mensah.", "denied"),
    ("President Ana Ruiz does not intend to visit Accra this year.", "denied"),
    ("President Ana Ruiz is planning a meeting with President Kofi Mensah.", "planned"),
])
def test_a_negated_plan_is_a_denial(nlp, text, status) -> None:
    assert status in _statuses(nlp, text), _statuses(nlp, text)


def test_under_discussion_is_no_event_and_a_rescheduling_cancels(nlp) -> None:
    """"is under discussion" says a topic is being discussed, not that anyone met; what is being
    rescheduled was called off."""
    text = "Hiroshi Tanaka said a rescheduling of Chinese President Li Wei's state visit to Japan is not under discussion."
    assert _statuses(nlp, text) == ["cancelled"], _statuses(nlp, text)


@pytest.mark.parametrize("text", [
    "President Ana Ruiz is seeking a meeting with President Kofi Mensah.",
    "President Ana Ruiz is weighing a visit to Accra.",
    "Perhaps President Ana Ruiz will meet President Kofi Mensah.",
])
def test_hoped_for_cues_of_the_lexicon(nlp, text) -> None:
    """The lexicon's one-word hoped-for cues reach the status rules (one data line each)."""
    assert "hypothetical" in _statuses(nlp, text), _statuses(nlp, text)


@pytest.mark.parametrize("text, status", [
    ("President Ana Ruiz said she looks forward to talks with President Kofi Mensah one day.", "hypothetical"),
])
def test_looking_forward(nlp, text, status) -> None:
    assert status in _statuses(nlp, text), _statuses(nlp, text)
