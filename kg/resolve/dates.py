"""Time expressions -> ISO values with their precision, against the publication date.

The tense decides the direction of an underspecified expression: "Tuesday" in a past-tense
sentence is the last Tuesday before publication; "in July" for a planned summit is the next July.
Without a publication date only expressions that state their year are resolved.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ..model import TimeValue

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")


def parse_published(value: str | None) -> tuple[date | None, str | None]:
    """(date, precision) of an article's publication value (YYYY-MM-DD or YYYY-MM)."""
    if not value:
        return None, None
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 3:
        return date(*parts), "day"
    return date(parts[0], parts[1], 1), "month"


def _tv(d: date, precision: str, text: str | None, inferred: bool = False) -> TimeValue:
    value = {"day": d.isoformat(), "month": d.strftime("%Y-%m"), "year": f"{d.year:04d}"}[precision]
    return TimeValue(value, precision, text, inferred)


def _shift_month(d: date, n: int) -> date:
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, 1)


def resolve_time(text: str | None, published: str | None, tense: str = "past"
                 ) -> tuple[TimeValue | None, TimeValue | None]:
    """(begin, end) for a time expression; end only for spans ("this week", "Aug 22-24")."""
    if not text:
        return None, None
    t = " ".join(text.lower().replace(",", " ").split())
    t = re.sub(r"^(on|in|at|since|by|from|the)\s+", "", t)
    base, base_prec = parse_published(published)
    future = tense == "future"

    # a span of days in one month: "October 19 to 20, 2021", "July 13 and 14", "24-25 Nov."
    m = re.search(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and|until)\s*(\d{1,2})(?:st|nd|rd|th)?"
                  r"(?:\s+((?:19|20)\d\d))?\b", t)
    if m:
        mon, d1, d2, year = m.groups()
    else:
        m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and|until)\s*(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH
                      + r"(?:\s+((?:19|20)\d\d))?\b", t)
        if m:
            d1, d2, mon, year = m.groups()
    if m and int(d1) < int(d2):
        first, _ = resolve_time(f"{mon} {d1} {year}" if year else f"{mon} {d1}", published, tense)
        if first is not None and first.precision == "day":
            y, mo, _d = (int(x) for x in first.value.split("-"))
            try:
                return _tv(date(y, mo, int(d1)), "day", text), _tv(date(y, mo, int(d2)), "day", text)
            except ValueError:
                return first, None

    # an explicit year
    m = re.search(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s+((?:19|20)\d\d)\b", t) or \
        re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"\s+((?:19|20)\d\d)\b", t)
    if m:
        g = m.groups()
        mon, day = (g[0], g[1]) if not g[0].isdigit() else (g[1], g[0])
        try:
            month = MONTHS[mon[:4].rstrip(".") if mon[:4] in MONTHS else mon[:3]]
            return _tv(date(int(g[2]), month, int(day)), "day", text), None
        except (ValueError, KeyError):
            return None, None
    m = re.search(r"\b" + _MONTH + r"\s+((?:19|20)\d\d)\b", t)
    if m:
        return TimeValue(f"{int(m.group(2)):04d}-{MONTHS[m.group(1)[:3]]:02d}", "month", text), None
    m = re.search(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b", t)
    if m:
        try:
            return _tv(date(int(m[1]), int(m[2]), int(m[3])), "day", text), None
        except ValueError:
            return None, None
    m = re.fullmatch(r"(?:early |late |mid-?|the end of |the beginning of )?((?:19|20)\d\d)", t)
    if m:
        return TimeValue(m.group(1), "year", text), None

    if base is None:
        return None, None
    day_known = base_prec == "day"

    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening|right now|now)\b", t) \
            or re.fullmatch(r"(later|earlier) in the day", t):
        return (_tv(base, "day", text) if day_known else _tv(base, "month", text)), None
    if re.search(r"\byesterday\b", t):
        return (_tv(base - timedelta(days=1), "day", text) if day_known else None), None
    if re.search(r"\btomorrow\b", t):
        return (_tv(base + timedelta(days=1), "day", text) if day_known else None), None
    if re.search(r"\b(this|earlier this|later this) week\b", t) and day_known:
        monday = base - timedelta(days=base.weekday())
        return _tv(monday, "day", text), _tv(monday + timedelta(days=6), "day", text)
    if re.search(r"\blast week\b", t) and day_known:
        monday = base - timedelta(days=base.weekday() + 7)
        return _tv(monday, "day", text), _tv(monday + timedelta(days=6), "day", text)
    m = re.search(r"\b(" + "|".join(WEEKDAYS) + r")\W+(?:of\s+)?(next|last|this) week\b|\b(next|last|this) week\W+(?:on\s+)?("
                  + "|".join(WEEKDAYS) + r")\b", t)
    if m and day_known:  # "Tuesday next week", "next week on Tuesday"
        wd_i = WEEKDAYS.index(m.group(1) or m.group(4))
        rel = m.group(2) or m.group(3)
        monday = base - timedelta(days=base.weekday()) + timedelta(days={"next": 7, "last": -7, "this": 0}[rel])
        return _tv(monday + timedelta(days=wd_i), "day", text), None
    if re.search(r"\bnext week\b", t) and day_known:
        monday = base - timedelta(days=base.weekday() - 7)
        return _tv(monday, "day", text), _tv(monday + timedelta(days=6), "day", text)
    if re.search(r"\b(this|earlier this|later this) month\b", t):
        return _tv(base, "month", text), None
    if re.search(r"\blast month\b", t):
        return _tv(_shift_month(base, -1), "month", text), None
    if re.search(r"\bnext month\b", t):
        return _tv(_shift_month(base, 1), "month", text), None
    m = re.search(r"\b" + _MONTH + r"\s+(last|this|next) year\b", t) or re.search(
        r"\b(last|this|next) year\W+(?:in\s+)?" + _MONTH + r"\b", t)
    if m:  # "April last year", "in May this year"
        parts = [x for x in m.groups() if x]
        rel = next(x for x in parts if x in ("last", "this", "next"))
        mon = next(x for x in parts if x not in ("last", "this", "next"))
        year = base.year + {"last": -1, "this": 0, "next": 1}[rel]
        return TimeValue(f"{year:04d}-{MONTHS[mon[:3]]:02d}", "month", text), None
    m = re.fullmatch(r"(last|this|next|early|late)\s+" + _MONTH, t)
    if m and m.group(1) in ("last", "next"):  # "last November", "next March"
        month = MONTHS[m.group(2)[:3]]
        year = base.year
        if m.group(1) == "last" and month >= base.month:
            year -= 1
        if m.group(1) == "next" and month <= base.month:
            year += 1
        return TimeValue(f"{year:04d}-{month:02d}", "month", text), None
    if re.search(r"\b(this|earlier this|later this) year\b", t):
        return _tv(base, "year", text), None
    if re.search(r"\blast year\b", t):
        return TimeValue(f"{base.year - 1:04d}", "year", text), None
    if re.search(r"\bnext year\b", t):
        return TimeValue(f"{base.year + 1:04d}", "year", text), None

    # a weekday: the last one before publication (past) or the next one (future); with only the
    # month of publication known, the month
    if not day_known and any(re.search(r"\b" + wd + r"\b", t) for wd in WEEKDAYS):
        return _tv(base, "month", text), None
    for i, wd in enumerate(WEEKDAYS):
        if re.search(r"\b" + wd + r"\b", t) and day_known:
            m = re.search(r"\b" + _MONTH + r"\s+(\d{1,2})\b", t)
            if m:
                break  # "Thursday, June 4": the explicit date below wins
            delta = (base.weekday() - i) % 7
            if future:
                return _tv(base + timedelta(days=(i - base.weekday()) % 7), "day", text), None
            return _tv(base - timedelta(days=delta), "day", text), None

    # month and day without a year: the nearest one in the tense's direction; a weekday named with them
    # picks the year in which they agree ("Tuesday, January 16")
    m = re.search(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b", t) or \
        re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"\b", t)
    if m:
        g = m.groups()
        mon, day = (g[0], g[1]) if not g[0].isdigit() else (g[1], g[0])
        try:
            cand = date(base.year, MONTHS[mon[:3]], int(day))
        except (ValueError, KeyError):
            return None, None
        if future and cand < base - timedelta(days=31):
            cand = cand.replace(year=base.year + 1)
        elif not future and cand > base + timedelta(days=31):
            cand = cand.replace(year=base.year - 1)
        named = [i for i, wd in enumerate(WEEKDAYS) if re.search(r"\b" + wd + r"\b", t)]
        if len(named) == 1 and cand.weekday() != named[0]:
            step = 1 if future else -1
            for k in range(1, 7):  # the nearest year, in the tense's direction, where the weekday fits
                try:
                    other = cand.replace(year=cand.year + step * k)
                except ValueError:
                    continue
                if other.weekday() == named[0]:
                    cand = other
                    break
        return _tv(cand, "day", text), None
    m = re.fullmatch(r"(?:early |late |mid-?|the end of |the beginning of )?" + _MONTH, t)
    if m:
        month = MONTHS[m.group(1)[:3]]
        year = base.year
        if future and month < base.month:
            year += 1
        elif not future and month > base.month:
            year -= 1
        return TimeValue(f"{year:04d}-{month:02d}", "month", text), None
    return None, None


def publication_time(published: str | None) -> TimeValue | None:
    """The publication date as an inferred event date (marked so, never presented as stated)."""
    base, prec = parse_published(published)
    if base is None or prec is None:
        return None
    return _tv(base, prec, None, inferred=True)


_FULL_DATE = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b|\b(\d{1,2})\s+" + _MONTH
                        + r",?\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def text_anchor(text: str) -> str | None:
    """With no publication date, the latest full date the article states (a caption's "Feb. 14, 2024",
    a dateline) anchors its relative expressions ("Tuesday")."""
    best: date | None = None
    for m in _FULL_DATE.finditer(text):
        g = m.groups()
        mon, day, year = (g[0], g[1], g[2]) if g[0] else (g[4], g[3], g[5])
        try:
            d = date(int(year), MONTHS[mon.lower()[:3]], int(day))
        except (KeyError, ValueError):
            continue
        best = d if best is None or d > best else best
    return best.isoformat() if best else None


def inferred_month(published: str | None) -> TimeValue | None:
    """The publication month, marked as inferred: for a held, planned or called-off event the text
    does not date."""
    base, prec = parse_published(published)
    if base is None:
        return None
    return TimeValue(base.strftime("%Y-%m"), "month", None, inferred=True)
