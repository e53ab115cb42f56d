from __future__ import annotations

from kg.resolve.actors import person_key
from kg.resolve.countries import canonical_country
from kg.resolve.dates import resolve_time
from kg.resolve.places import resolve_place


def test_countries_by_one_name() -> None:
    assert canonical_country("U.S.") == canonical_country("American") == "United States"
    assert canonical_country("Russian") == canonical_country("Russia") == "Russia"
    assert canonical_country("Saudi") == "Saudi Arabia"
    assert canonical_country("Brussels") is None


def test_spelling_variants_share_a_key() -> None:
    assert person_key("Sergei Lavrov") == person_key("Sergey Lavrov")
    assert person_key("Abdel Fattah el-Sissi") == person_key("Abdel Fattah Al-Sisi")
    assert person_key("Recep Tayyip Erdoğan") == person_key("Recep Tayyip Erdogan")


def test_dates_follow_tense_and_publication() -> None:
    b, _ = resolve_time("Tuesday", "2024-03-14", "past")  # a Thursday
    assert b is not None and b.value == "2024-03-12" and b.precision == "day"
    b, _ = resolve_time("Tuesday", "2024-03-14", "future")
    assert b is not None and b.value == "2024-03-19"
    b, _ = resolve_time("in July", "2024-03-14", "future")
    assert b is not None and (b.value, b.precision) == ("2024-07", "month")
    b, _ = resolve_time("in July", "2024-03-14", "past")
    assert b is not None and b.value == "2023-07"
    b, _ = resolve_time("last month", "2024-03-14", "past")
    assert b is not None and b.value == "2024-02"
    b, e = resolve_time("this week", "2024-03-14", "past")
    assert b is not None and e is not None and (b.value, e.value) == ("2024-03-11", "2024-03-17")
    b, _ = resolve_time("July 7, 2017", None, "past")
    assert b is not None and b.value == "2017-07-07"
    assert resolve_time("Feb. 28", None, "past") == (None, None)  # no year anywhere: unresolved


def test_places_venue_city_country() -> None:
    p = resolve_place("the Kremlin")
    assert p is not None and (p.name, p.country, p.venue) == ("Moscow", "Russia", "Kremlin")
    assert p.geonames_id is not None and p.lat is not None
    idaho = resolve_place("Moscow", ("United States",))
    assert idaho is not None and idaho.country == "United States"
    riyadh = resolve_place("Riyadh")
    assert riyadh is not None and riyadh.country == "Saudi Arabia"
