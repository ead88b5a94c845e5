"""Dates as reports write them: 2026-11-05, 2026-11-05T10:00:00-08:00, 11/05/2026, 05.11.2026, Nov 5, 2026.

A date with a time keeps the day as written (10:00 at -08:00 on 5 November is
5 November, the seller's day, not converted to UTC). Dots are day.month.year,
the convention wherever dots are used. Slashes are ambiguous (05/11/2026 is 5
November in Europe, 11 May in the US), so a column of slash dates is decided
once for the whole file: a part above 12 settles it (25/10/2026 is day first);
when nothing does, the marketplace's convention is used (month first on
amazon.com, day first elsewhere) and a note says so; when a column holds both
(10/25/2026 and 25/10/2026) its slash dates are not read and a note says so.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])")
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:$|[ T,])")
_DOT = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:$|[ T,])")
_WORDS_MDY = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b")
_WORDS_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})\.?[ -](\d{4})\b")

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]

Slash = tuple  # (first, second, year): a slash date not yet decided


def parse(text: str) -> dt.date | Slash | None:
    """A date, a slash date still to decide (first, second, year), or None if it is not a date."""
    text = text.strip()
    if not text:
        return None
    match = _ISO.match(text)
    if match:
        return _date(int(match[1]), int(match[2]), int(match[3]))
    match = _SLASH.match(text)
    if match:
        year = int(match[3])
        return (int(match[1]), int(match[2]), year + 2000 if year < 100 else year)
    match = _DOT.match(text)
    if match:
        return _date(int(match[3]), int(match[2]), int(match[1]))
    match = _WORDS_MDY.match(text)
    if match and match[1].casefold() in MONTHS:
        return _date(int(match[3]), MONTHS[match[1].casefold()], int(match[2]))
    match = _WORDS_DMY.match(text)
    if match and match[2].casefold() in MONTHS:
        return _date(int(match[3]), MONTHS[match[2].casefold()], int(match[1]))
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def slash_order(seen: set[Slash], month_first_default: bool) -> tuple[str | None, str | None]:
    """How to read a column's slash dates: ('md' or 'dm' or None, a note or None)."""
    if not seen:
        return None, None
    day_first = any(first > 12 for first, _, _ in seen)
    month_first = any(second > 12 for _, second, _ in seen)
    if day_first and month_first:
        return None, ("dates with slashes are written both day first and month first "
                      "(for example 25/10 and 10/25), so they were not read; use 2026-10-25")
    if day_first:
        return "dm", None
    if month_first:
        return "md", None
    order = "md" if month_first_default else "dm"
    example = sorted(seen)[0]
    shown = f"{example[0]:02d}/{example[1]:02d}/{example[2]}"
    reading = "month/day/year" if order == "md" else "day/month/year"
    return order, (f"dates like {shown} could be day or month first; read as {reading}, "
                   "the marketplace's convention (give --marketplace if that is wrong)")


def decide(value: dt.date | Slash | None, order: str | None) -> dt.date | None:
    """A parsed value as a date, slash dates read in the column's order."""
    if value is None or isinstance(value, dt.date):
        return value
    if order is None:
        return None
    first, second, year = value
    return _date(year, first, second) if order == "md" else _date(year, second, first)


def long_date(day: dt.date, with_year: bool = True) -> str:
    """20 October 2026, as letters write it."""
    name = MONTH_NAMES[day.month - 1]
    return f"{day.day} {name} {day.year}" if with_year else f"{day.day} {name}"
