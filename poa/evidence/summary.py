"""What a set of reports shows: the metric per category and overall, the window, the affected
orders and the carriers, worked out row by row without keeping any column poa does not need.

A package is one order and tracking number (the shipping-confirmation file has a
row per item, so items shipped together count once); late shipments and
cancellations count orders. The target and the metric's name come from the
kind's rubric (rubrics/KIND.yaml, `metric:`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from poa.errors import InputError, Problem
from poa.evidence import dates
from poa.evidence.carriers import carriers
from poa.evidence.columns import Columns, columns, normal
from poa.evidence.read import Report, open_report
from poa.rubric.compiled import load_rubric

NO_CATEGORY = "(no category)"
LISTED = 20
"""How many order IDs a note lists before saying how many more there are."""


class KindSpec:
    """How one metric is read from a report: which columns it needs and what marks an affected row."""

    def __init__(self, kind: str, unit: str, needs: list[tuple[str, ...]], phrase: str) -> None:
        self.kind, self.unit, self.needs, self.phrase = kind, unit, needs, phrase

    def served_by(self, found: dict) -> bool:
        return all(any(f in found for f in group) for group in self.needs)


KINDS = {
    "valid_tracking_rate": KindSpec("valid_tracking_rate", "packages",
                                    [("order_id",), ("no_valid_tracking", "tracking")],
                                    "had no valid tracking"),
    "late_shipment_rate": KindSpec("late_shipment_rate", "orders",
                                   [("order_id",), ("late", "expected_ship_date")], "shipped late"),
    "pre_fulfillment_cancel_rate": KindSpec("pre_fulfillment_cancel_rate", "orders",
                                            [("order_id",), ("cancelled", "order_status")],
                                            "were cancelled before shipping"),
}
INFER_ORDER = [("no_valid_tracking", "valid_tracking_rate"), ("late", "late_shipment_rate"),
               ("expected_ship_date", "late_shipment_rate"), ("cancelled", "pre_fulfillment_cancel_rate"),
               ("tracking", "valid_tracking_rate"), ("order_status", "pre_fulfillment_cancel_rate")]
MONTH_FIRST_MARKETS = {"amazon.com"}


class Package:
    __slots__ = ("order", "tracking", "category", "date", "carrier", "service", "affected", "line")

    def __init__(self, order: str, tracking: str, line: int) -> None:
        self.order, self.tracking, self.line = order, tracking, line
        self.category = self.carrier = self.service = ""
        self.date: object = None
        self.affected = False


class Evidence:
    """The figures of one or more reports (see as_json for their shape)."""

    def __init__(self, kind: str, metric_name: str, target: float | None, direction: str) -> None:
        self.kind, self.metric_name, self.target, self.direction = kind, metric_name, target, direction
        self.rows = 0
        self.start: dt.date | None = None
        self.end: dt.date | None = None
        self.value: float | None = None
        self.by_category: dict[str, dict] = {}
        self.affected_orders: list[str] = []
        self.affected: list[Package] = []
        self.carriers: list[dict] = []
        self.notes: list[str] = []
        self.marketplace: str | None = None
        self.measured = True
        """False when the report cannot tell valid from invalid (a shipping-confirmation file)."""
        self.unit = KINDS[kind].unit
        self.phrase = KINDS[kind].phrase

    def as_json(self) -> dict:
        return {"kind": self.kind, "rows": self.rows,
                "window": {"start": _iso(self.start), "end": _iso(self.end)},
                "metric": {"name": self.metric_name, "value": self.value, "target": self.target,
                           "by_category": self.by_category},
                "affected_orders": self.affected_orders, "carriers": self.carriers, "notes": self.notes}

    def text(self) -> str:
        """What the reports show, for a person (poa evidence, and the screen's Import a report)."""
        lines = [f"{self.metric_name}: {self.rows} rows"
                 + (f", {dates.long_date(self.start)} to {dates.long_date(self.end)}" if self.start else "")]
        word = "at least" if self.direction == "at_least" else "under"
        target = f" (target: {word} {self.target:g}%)" if self.target is not None else ""
        if self.value is not None:
            lines.append(f"  overall: {self.value:g}%{target}")
        for name, figures in self.by_category.items():
            value = f"{figures['value']:g}%, " if figures["value"] is not None else ""
            lines.append(f"  {name}: {value}{figures['affected']} of {figures['packages']} {self.unit} affected")
        orders = self.affected_orders
        lines.append(f"affected orders ({len(orders)}): {', '.join(orders) if orders else 'none'}")
        if self.carriers:
            lines.append("carriers:")
            for entry in self.carriers:
                integrated = {True: "integrated with Amazon", False: "not integrated",
                              None: "integrated: unknown"}[entry["integrated"]]
                lines.append(f"  {entry['name']}: {entry['orders']} orders, {entry['affected']} affected, "
                             f"{integrated}")
        sentence = self.sentence()
        if sentence:
            lines.append(f"for the root cause: {sentence}")
        lines += [f"note: {note}" for note in self.notes]
        return "\n".join(lines) + "\n"

    def main_category(self) -> str:
        """The category the plan is about: the one with the most affected, when the report has any."""
        named = {k: v for k, v in self.by_category.items() if k != NO_CATEGORY}
        if not named:
            return ""
        return max(named, key=lambda k: (named[k]["affected"], named[k]["packages"]))

    def sentence(self) -> str:
        """'25 of 250 packages in Toys & Games between 20 October and 9 November 2026 had no valid tracking.'"""
        if not self.affected_orders:
            return ""
        parts = []
        for category, figures in sorted(self.by_category.items(), key=lambda kv: -kv[1]["affected"]):
            if figures["affected"]:
                where = f" in {category}" if category != NO_CATEGORY else ""
                parts.append(f"{figures['affected']} of {figures['packages']} {self.unit}{where}")
        if not parts:
            total = sum(1 for _ in self.affected)
            parts.append(f"{total} {self.unit}")
        head = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"{head}{self.between()} {self.phrase if self.measured else 'had no tracking number'}."

    def between(self) -> str:
        if self.start is None or self.end is None:
            return ""
        if self.start == self.end:
            return f" on {dates.long_date(self.start)}"
        same_year = self.start.year == self.end.year
        return f" between {dates.long_date(self.start, not same_year)} and {dates.long_date(self.end)}"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def read_reports(paths: list[Path], kind: str | None = None, marketplace: str | None = None) -> Evidence:
    """Read every report and work out the figures; InputError (one line each) for a file it cannot use."""
    table = columns()
    reports = [open_report(Path(p), table) for p in paths]
    kind = kind or _infer_kind(reports, table)
    if kind not in KINDS:
        raise InputError(Problem("--kind", f"poa reads reports for {', '.join(KINDS)} (got {kind!r})"))
    spec = KINDS[kind]
    for report in reports:
        if not spec.served_by(report.found):
            raise InputError(_unmapped(report, table, [spec]))
    metric = load_rubric(kind).kind_info.metric
    evidence = Evidence(kind, metric.name if metric else kind, metric.target if metric else None,
                        metric.direction if metric else "at_least")
    known = carriers()
    market = known.marketplace(marketplace) if marketplace else None
    if marketplace and market is None:
        evidence.notes.append(f"poa has no list of integrated carriers for {marketplace!r} (it has: "
                              f"{', '.join(known.marketplaces)}); integrated is left unknown")
    elif not marketplace:
        evidence.notes.append("no marketplace given (--marketplace, or context: marketplace in the plan): "
                              "whether each carrier is integrated is left unknown")
    evidence.marketplace = market
    packages = _collect(evidence, reports, spec, table)
    _carriers(evidence, packages, known, market)
    return evidence


def _infer_kind(reports: list[Report], table: Columns) -> str:
    found = reports[0].found
    for field, kind in INFER_ORDER:
        if field in found and "order_id" in found:
            return kind
    raise InputError(_unmapped(reports[0], table, list(KINDS.values())))


def _unmapped(report: Report, table: Columns, specs: list[KindSpec]) -> Problem:
    """One line: the columns found, and the ones needed."""
    shown = ", ".join(h for h in report.header[:30] if h) or "none"
    if len(report.header) > 30:
        shown += f" (and {len(report.header) - 30} more)"
    needs = []
    for spec in specs:
        groups = [" or ".join(table.fields[f].aliases[0] for f in group) for group in spec.needs]
        needs.append(f"{' and '.join(groups)} ({spec.kind})")
    return Problem(str(report.path), f"cannot tell which columns to read; found: {shown}; needed: "
                                     + "; or ".join(needs)
                                     + " (names poa knows: rubrics/evidence/columns.yaml)", 1, 1)


def _collect(evidence: Evidence, reports: list[Report], spec: KindSpec, table: Columns) -> list[Package]:
    packages: dict[tuple[str, str], Package] = {}
    flag_values, cancelled = table.flag_values, table.cancelled
    by_orders = spec.unit == "orders"
    parsed: dict[str, object] = {}
    slashes: set[tuple] = set()
    no_order = bad_dates = 0
    first_no_order = first_bad_date = None
    measured = True
    for report in reports:
        found = report.found
        has_flag = "no_valid_tracking" in found
        if spec.kind == "valid_tracking_rate" and not has_flag:
            measured = False
        count = 0
        for row in report.rows:
            count += 1
            values = row.values
            order = values.get("order_id", "")
            if not order:
                no_order += 1
                first_no_order = first_no_order or f"{report.path.name}:{row.line}"
                continue
            tracking = values.get("tracking", "")
            key = (order, "" if by_orders else tracking)
            package = packages.get(key)
            if package is None:
                package = packages[key] = Package(order, tracking, row.line)
            for name in ("category", "carrier", "service"):
                if not getattr(package, name) and values.get(name):
                    setattr(package, name, values[name])
            raw = values.get("date", "")
            if raw:
                value = parsed.get(raw)
                if value is None:
                    value = parsed[raw] = dates.parse(raw) or False
                if value is False:
                    bad_dates += 1
                    first_bad_date = first_bad_date or f"{report.path.name}:{row.line}"
                else:
                    if isinstance(value, tuple):
                        slashes.add(value)
                    package.date = package.date or value
            if _affected(spec.kind, values, found, flag_values, cancelled, parsed, slashes):
                package.affected = True
        evidence.rows += count
        layout = _layout(report, table)
        evidence.notes[:0] = report.notes
        evidence.notes.append(f"{report.path.name}: {count} rows" + (f", read as the {layout}" if layout else ""))
    if no_order:
        evidence.notes.append(f"{no_order} rows without an order ID were left out (first: {first_no_order})")
    if bad_dates:
        evidence.notes.append(f"{bad_dates} rows have a date poa cannot read (first: {first_bad_date}); "
                              "expected dates like 2026-11-05")
    order, note = dates.slash_order(slashes, evidence.marketplace in MONTH_FIRST_MARKETS
                                    or evidence.marketplace is None)
    if note:
        evidence.notes.append(note)
    evidence.measured = measured
    result = list(packages.values())
    _figures(evidence, result, order, spec)
    return result


def _affected(kind: str, values: dict, found: dict, flags: set, cancelled: set, parsed: dict,
              slashes: set) -> bool:
    if kind == "valid_tracking_rate":
        if "no_valid_tracking" in found:
            return normal(values.get("no_valid_tracking", "")) in flags
        return not values.get("tracking")
    if kind == "late_shipment_rate":
        if "late" in found:
            return normal(values.get("late", "")) in flags
        shipped, expected = dates.parse(values.get("date", "")), dates.parse(values.get("expected_ship_date", ""))
        return (isinstance(shipped, dt.date) and isinstance(expected, dt.date) and shipped > expected)
    if "cancelled" in found:
        return normal(values.get("cancelled", "")) in flags
    return normal(values.get("order_status", "")) in cancelled


def _layout(report: Report, table: Columns) -> str:
    """The known layout whose columns the header holds (the one with most), for the notes."""
    keys = {normal(h) for h in report.header}
    best, size = "", 0
    for entry in table.layouts.values():
        names = {normal(str(c)) for c in entry.get("columns", [])}
        if names and names <= keys and len(names) > size:
            best, size = str(entry.get("title", "")), len(names)
    return best


def _figures(evidence: Evidence, packages: list[Package], order: str | None, spec: KindSpec) -> None:
    categories: dict[str, list[int]] = {}
    days = []
    for package in packages:
        package.date = dates.decide(package.date, order)
        if package.date is not None:
            days.append(package.date)
        figures = categories.setdefault(package.category or NO_CATEGORY, [0, 0])
        figures[0] += 1
        figures[1] += package.affected
    if days:
        evidence.start, evidence.end = min(days), max(days)
    total = len(packages)
    affected = [p for p in packages if p.affected]
    evidence.affected = sorted(affected, key=lambda p: (p.date or dt.date.max, p.order))
    seen: dict[str, None] = {}
    for package in evidence.affected:
        seen.setdefault(package.order, None)
    evidence.affected_orders = list(seen)
    if total:
        evidence.value = _rate(total, len(affected), evidence) if evidence.measured else None
    has_categories = any(p.category for p in packages)
    for name in sorted(categories):
        if name == NO_CATEGORY and not has_categories:
            continue
        count, bad = categories[name]
        evidence.by_category[name] = {"value": _rate(count, bad, evidence) if evidence.measured else None,
                                      "packages": count, "affected": bad}
    if not evidence.measured:
        evidence.notes.append("this file does not say which tracking numbers Amazon found valid, so the "
                              "rate is not worked out; the affected orders are those with no tracking "
                              "number (the Valid Tracking Rate report has the rate)")
    missing = [p.order for p in packages if spec.kind == "valid_tracking_rate" and not p.tracking]
    if missing and evidence.measured:
        unique = list(dict.fromkeys(missing))
        evidence.notes.append(f"{len(unique)} orders have no tracking number at all: {_listed(unique)}")
    if not total:
        evidence.notes.append("the report has no rows with an order ID")


def _rate(total: int, bad: int, evidence: Evidence) -> float:
    share = (total - bad) / total if evidence.direction == "at_least" else bad / total
    return round(100 * share, 2)


def _listed(orders: list[str]) -> str:
    shown = ", ".join(orders[:LISTED])
    return shown + (f" and {len(orders) - LISTED} more" if len(orders) > LISTED else "")


def _carriers(evidence: Evidence, packages: list[Package], known, market: str | None) -> None:  # noqa: ANN001
    """Each carrier with its orders, how many were affected, and whether it is integrated."""
    groups: dict[str, tuple[dict, dict]] = {}
    names: dict[str, str] = {}
    unnamed = 0
    for package in packages:
        if not package.carrier:
            unnamed += 1
            continue
        name = names.get(package.carrier)
        if name is None:
            name = names[package.carrier] = known.name(package.carrier)
        orders, bad = groups.setdefault(normal(name), ({}, {}))
        orders.setdefault("name", name)
        orders[package.order] = None
        if package.affected:
            bad[package.order] = None
    rows = []
    for orders, bad in groups.values():
        name = orders.pop("name")
        rows.append({"name": name, "orders": len(orders), "affected": len(bad),
                     "integrated": known.integrated(name, market)})
    evidence.carriers = sorted(rows, key=lambda r: (-r["orders"], r["name"].casefold()))
    if unnamed:
        evidence.notes.append(f"{unnamed} {evidence.unit} have no carrier name")
    outside = [r["name"] for r in evidence.carriers if r["integrated"] is False]
    if outside:
        evidence.notes.append(
            f"not in Amazon's list of integrated carriers for {market}: {', '.join(outside)} (list read "
            f"on {known.read_on} from {known.sources[market]}; check the carrier list on the Confirm "
            "shipment page)")
