"""Only contacts between states count: a side must be a country, a body, or a person with a state role."""

from __future__ import annotations

from kg.model import Actor
from kg.resolve.actors import is_diplomatic, is_state_actor


def person(name: str, *roles: str) -> Actor:
    return Actor(key=name.lower().replace(" ", "-"), name=name, type="person", roles=roles)


def test_state_roles() -> None:
    assert is_state_actor(person("Olaf Scholz", "Chancellor"))
    assert is_state_actor(person("Penny Wong", "Foreign Minister"))
    assert is_state_actor(person("Mohammed bin Salman", "Crown Prince"))
    assert is_state_actor(Actor(key="germany", name="Germany", type="country", country="Germany"))
    assert is_state_actor(Actor(key="g20", name="G20", type="organisation"))
    assert not is_state_actor(person("Helen Okafor", "chief executive"))
    assert not is_state_actor(person("Daniel Kiprono"))


def test_business_partners_and_athletes_are_not_diplomacy() -> None:
    assert not is_diplomatic([person("Helen Okafor"), person("Armando Faria")], "phone_call")
    athlete = person("Daniel Kiprono")
    austria = Actor(key="austria", name="Austria", type="country", country="Austria")
    assert not is_diplomatic([athlete, austria], "visit", visitors=[athlete.key])
    # one state actor is enough for a meeting: a leader receiving a businessman is a contact of that state
    assert is_diplomatic([person("Narendra Modi", "Prime Minister"), person("Elon Musk")], "meeting")
    minister = person("Annalena Baerbock", "Foreign Minister")
    assert is_diplomatic([minister, austria], "visit", visitors=[minister.key])


def test_people_without_a_role_count_in_an_article_about_states() -> None:
    pair = [person("Emmanuel Macron"), person("Olaf Scholz")]
    assert is_diplomatic(pair, "meeting", political=True)  # the article names someone as a state actor
    assert not is_diplomatic(pair, "meeting", political=False)  # "the two men met regularly in a car park"
    # a stated role that is not a state role stays one, whatever the article
    assert not is_diplomatic([person("Helen Okafor", "chief executive"), person("Armando Faria", "chairman")],
                             "phone_call", political=True)


def test_a_visit_at_home_by_one_governments_people_is_not_diplomacy() -> None:
    """The prime minister touring a city with a minister of the same government is domestic politics; a
    visit abroad has the host state among its sides and stays a contact."""
    pm = Actor(key="pm", name="Ama Owusu", type="person", country="Ghana", roles=("Prime Minister",))
    minister = Actor(key="min", name="Kojo Boateng", type="person", country="Ghana", roles=("Interior Minister",))
    togo = Actor(key="togo", name="Togo", type="country", country="Togo")
    assert not is_diplomatic([pm, minister], "visit", visitors=[pm.key, minister.key])
    assert is_diplomatic([pm, minister, togo], "visit", visitors=[pm.key, minister.key])


def test_offices_of_companies_and_other_bodies_are_not_state_roles() -> None:
    from kg.resolve.actors import state_role

    for role in ("Foreign Minister", "Peruvian President", "UN Secretary-General", "Solomon Islands PM",
                 "Labour Prime Minister", "Special Representative for Afghanistan Reconciliation"):
        assert state_role(role), role
    # an organisation named before the office that is no state or body; a company office; a bare counterpart
    for role in ("Fifa president", "Gazprom chairman", "Chief Executive", "counterpart", "Tory leader"):
        assert not state_role(role), role
    # two exchange chiefs meeting are no contact between states, even called each other's counterpart
    ceo = person("Helen Okafor", "chief")
    other = person("Armando Faria", "counterpart")
    assert not is_diplomatic([ceo, other], "meeting")
