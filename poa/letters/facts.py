"""The facts a letter states, recognised for the answers' context: rate, dates, orders, carriers...

`poa import` puts what it recognises here into the context (and the dates of
actions and measures into their items); the text itself stays as written in
the items. The carriers, marketplaces, categories and patterns are data, in
facts.yaml beside this module.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DATE = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?(?: of)? {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
        r"|\d{4}-\d{2}-\d{2})")
"""A written date with its year: 14 November 2026, Nov 14th, 2026, 2026-11-14 (not 14/11: day or month first?)."""

_DATE_PARTS = re.compile(r"(?i)(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?: of)? (?P<m1>[a-z]{3})[a-z]*\.?,? (?P<y1>\d{4})"
                         r"|(?P<m2>[a-z]{3})[a-z]*\.? (?P<d2>\d{1,2})(?:st|nd|rd|th)?,? (?P<y2>\d{4})"
                         r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))")


class Facts:
    """What was recognised: context fields, carriers, and where each came from (for the notes)."""

    def __init__(self) -> None:
        self.context: dict[str, object] = {}
        self.carriers: list[str] = []


@functools.cache
def _data() -> dict:
    from poa.files import yamlfile  # ruamel.yaml: only `poa import` reads this file

    path = Path(__file__).with_name("facts.yaml")
    data = yamlfile.load(path.read_text(encoding="utf-8"), str(path)).data
    patterns = {name: re.compile(p.replace("{date}", DATE)) for name, p in data["patterns"].items()}
    markets = {value: [re.compile(p, re.IGNORECASE) for p in forms]
               for value, forms in data["marketplaces"].items()}
    carriers = [(name, re.compile(r"\b" + re.escape(name) + r"\b", 0 if name.isupper() else re.IGNORECASE))
                for name in data["carriers"]]
    categories = [(name, re.compile(r"\b" + re.escape(name).replace(r"\&", r"(?:&|and)").replace(r"\ ", r"\s+")
                                    + r"\b", re.IGNORECASE)) for name in data["categories"]]
    return {"patterns": patterns, "markets": markets, "carriers": carriers, "categories": categories,
            "sign_off": re.compile(data["sign_offs"])}


def parse_date(text: str) -> dt.date | None:
    """The date a written date names (None when it names no real day)."""
    match = _DATE_PARTS.search(text)
    if not match:
        return None
    groups = match.groupdict()
    try:
        if groups["y3"]:
            return dt.date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
        month_name = (groups["m1"] or groups["m2"]).lower()
        month = next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(month_name))
        return dt.date(int(groups["y1"] or groups["y2"]), month, int(groups["d1"] or groups["d2"]))
    except (StopIteration, ValueError):
        return None


def recognise(text: str) -> Facts:
    """The facts stated in a whole letter."""
    data = _data()
    patterns = data["patterns"]
    facts = Facts()
    found = facts.context
    for value, forms in data["markets"].items():
        if any(form.search(text) for form in forms):
            found["marketplace"] = value
            break
    for name, regex in data["categories"]:
        if regex.search(text):
            found["category"] = name
            break
    facts.carriers = [name for name, regex in data["carriers"] if regex.search(text)]
    for key in ("seller", "name", "merchant_token"):
        match = patterns[key].search(text)
        if match:
            found[key] = match.group("value").strip()
    match = patterns["metric_value"].search(text)
    if match:
        found["metric_value"] = float(match.group("value").replace(",", "."))
    match = patterns["affected_orders"].search(text)
    if match:
        found["affected_orders"] = int(match.group("value"))
    match = patterns["notice_date"].search(text)
    if match:
        day = parse_date(match.group("date") or match.group("date2"))
        if day:
            found["notice_date"] = day
    orders = _unique(m.group("value") for m in patterns["order_id"].finditer(text))
    if orders:
        found["order_ids"] = orders
    asins = _unique(m.group("value") for m in patterns["asin"].finditer(text))
    if asins:
        found["asins"] = asins
    return facts


def item_date(text: str, field: str) -> dt.date | None:
    """The date an action was done (`done_on`) or a measure started (`started_on`), when its
    text gives exactly one."""
    days = {parse_date(m.group("date")) for m in _data()["patterns"][field].finditer(text)}
    days.discard(None)
    return days.pop() if len(days) == 1 else None


def is_sign_off(text: str) -> bool:
    """A paragraph that closes a letter: "Kind regards,", "Thank you for your time."..."""
    return bool(_data()["sign_off"].match(text.strip()))


_PERSON = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}$")


def signature(sign_off: str) -> dict[str, str]:
    """The name and store under a sign-off ("Kind regards,\nEllen Marsh\nMarsh Garden Supplies")."""
    token = _data()["patterns"]["merchant_token"]
    lines = [line.strip() for line in sign_off.splitlines() if line.strip()]
    rest = [line for line in lines if not is_sign_off(line) and not token.search(line)]
    while rest and (len(rest[0]) > 60 or rest[0].endswith((".", "!", "?"))):
        rest.pop(0)  # the letter's last sentences before the name ("We ask you to reinstate...")
    found: dict[str, str] = {}
    if rest and _PERSON.match(rest[0]) and not any(ch.isdigit() for ch in rest[0]):
        found["name"] = rest[0]
        if len(rest) > 1 and len(rest[1]) <= 60 and not rest[1].endswith((".", "!", "?")):
            found["seller"] = rest[1]
    return found


def _unique(values) -> list[str]:  # noqa: ANN001
    seen: list[str] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen
