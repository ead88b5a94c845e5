"""Reports as Amazon and shipping tools write them, made up for tests and the bench.

Layouts: the Valid Tracking Rate report with the issue's short headers
('vtr'), with Amazon's long ones ('vtr-long'), the shipping-confirmation upload
file ('confirmation', one row per item) and shipping tools' CSV exports
('shipstation', 'tool'). Every layout carries buyer columns holding MARKER
strings, which must never appear in anything poa writes. Order IDs are 3-7-7.
"""

from __future__ import annotations

import datetime as dt
import random

MARKER = "ZZBUYERSECRET"
"""In every buyer column: a test checks no output of poa contains it."""

LAYOUTS = {
    "vtr": (["order-id", "ship-date", "category", "carrier", "tracking-id", "no-valid-tracking",
             "buyer-name", "ship-address"], "\t"),
    "vtr-long": (["Order ID", "Carrier Name", "Tracking ID", "Origin Country", "Promised Delivery Date",
                  "Ship Method", "Ship Option", "Shipped Late", "Delivered Late", "No Valid Tracking",
                  "Package Value", "Product Category", "Buyer Name"], "\t"),
    "confirmation": (["order-id", "order-item-id", "quantity", "ship-date", "carrier-code", "carrier-name",
                      "tracking-number", "ship-method", "recipient-name", "ship-address-1"], "\t"),
    "shipstation": (["Order Number", "Ship Date", "Carrier", "Service", "Tracking Number", "Recipient",
                     "Address", "Email"], ","),
    "tool": (["order_id", "shipped_date", "shipping_provider", "shipping_method", "tracking_code",
              "customer_name", "customer_phone"], ","),
}


class Made:
    """A report's text and the facts it was made from (to compare with what poa finds)."""

    def __init__(self, text: str, packages: int, affected: list[str], start: dt.date, end: dt.date,
                 no_tracking: list[str]) -> None:
        self.text, self.packages, self.affected = text, packages, affected
        self.start, self.end, self.no_tracking = start, end, no_tracking


def order_id(rng: random.Random) -> str:
    return f"{rng.randint(100, 999)}-{rng.randint(0, 9999999):07d}-{rng.randint(0, 9999999):07d}"


def make(layout: str = "vtr", packages: int = 250, affected: int = 25, seed: int = 1,
         start: dt.date = dt.date(2026, 10, 20), end: dt.date = dt.date(2026, 11, 9),
         categories: tuple[str, ...] = ("Toys & Games",), carriers: tuple[str, ...] = ("UPS", "USPS"),
         bad_carrier: str = "QuickShip Couriers", messy: bool = False, date_style: str = "iso") -> Made:
    """A report of `packages` packages, `affected` of them without valid tracking (or tracking)."""
    rng = random.Random(seed)
    header, sep = LAYOUTS[layout]
    days = (end - start).days
    bad = set(rng.sample(range(packages), affected))
    first_last = {0: start, packages - 1: end}
    lines = [sep.join(_quoted(h, sep) for h in header)]
    affected_ids, no_tracking = [], []
    for index in range(packages):
        order = order_id(rng)
        day = first_last.get(index, start + dt.timedelta(days=rng.randint(0, days)))
        is_bad = index in bad
        carrier = bad_carrier if is_bad and index % 2 else rng.choice(carriers)
        tracking = "" if is_bad and index % 3 == 0 else f"1Z{rng.randint(10**9, 10**10 - 1)}"
        if is_bad:
            affected_ids.append(order)
        if not tracking:
            no_tracking.append(order)
        category = categories[index % len(categories)]
        shown = _date(day, date_style if not messy else ("iso", "offset", "us", "dots", "words")[index % 5], index)
        buyer = f"{MARKER} Buyer {index}"
        address = f"{index} Main St, Springfield, {MARKER}"
        values = {
            "vtr": [order, shown, category, carrier, tracking, "X" if is_bad else "", buyer, address],
            "vtr-long": [order, carrier, tracking, "US", shown, "Ground", "Standard", "", "",
                         "X" if is_bad else "", "12.99", category, buyer],
            "confirmation": [order, f"{rng.randint(10**13, 10**14 - 1)}", "1", shown,
                             "Other" if carrier == bad_carrier else carrier,
                             carrier if carrier == bad_carrier else "", tracking, "Ground", buyer, address],
            "shipstation": [order, shown, carrier, "Ground", tracking, buyer, address, f"{MARKER}@example.com"],
            "tool": [order, shown, carrier, "Ground", tracking, buyer, f"+1 555 {MARKER}"],
        }[layout]
        lines.append(sep.join(_quoted(v, sep) for v in values))
        if layout == "confirmation" and index % 7 == 0:  # a second item in the same package
            values[1] = f"{rng.randint(10**13, 10**14 - 1)}"
            lines.append(sep.join(_quoted(v, sep) for v in values))
        if messy and index % 50 == 10:
            lines.append("")
            lines.append(sep * (len(header) - 1))
    newline = "\r\n" if messy else "\n"
    text = newline.join(lines) + newline
    if messy:
        text = "\ufeff" + text
    return Made(text, packages, affected_ids, start, end, list(dict.fromkeys(no_tracking)))


def _quoted(value: str, sep: str) -> str:
    return f'"{value}"' if (sep in value or '"' in value or "," in value) else value


def _date(day: dt.date, style: str, index: int) -> str:
    if style == "offset":
        return f"{day.isoformat()}T10:{index % 60:02d}:00-08:00"
    if style == "us":
        return f"{day.month:02d}/{day.day:02d}/{day.year}"
    if style == "dots":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if style == "words":
        return f"{day.strftime('%b')} {day.day}, {day.year}"
    return day.isoformat()
