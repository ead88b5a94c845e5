"""Fill a plan from what the reports show, keeping every answer the seller already gave.

New facts are added; an answer the seller filled in differently is kept, with a
note that says what the report gives instead. Nothing the seller wrote is
replaced or deleted: the evidence sentence goes into the first root cause's
`evidence` only when that is empty (else a note gives the sentence to use).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from poa.answers.model import Answers, Carrier, Document, RootCause
from poa.evidence import dates
from poa.evidence.columns import normal
from poa.evidence.summary import Evidence

DOCUMENT = "Affected orders"
LISTED = 50
"""How many order IDs the document entry lists before pointing at the CSV for the rest."""


def affected_csv(evidence: Evidence) -> str:
    """The affected packages as CSV to attach: only the columns poa read, one row per package."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["order-id", "date", "category", "carrier", "service", "tracking-id"])
    for package in evidence.affected:
        writer.writerow([_cell(v) for v in (package.order, package.date.isoformat() if package.date else "",
                                            package.category, package.carrier, package.service,
                                            package.tracking)])
    return out.getvalue()


def _cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (=, +, -, @ at the start)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def apply_evidence(answers: Answers, evidence: Evidence, csv_name: str,
                   marketplace: str | None = None) -> list[str]:
    """Add the report's facts to `answers` (changed in place); one note per decision worth telling."""
    notes: list[str] = []
    ctx = answers.context
    category = evidence.main_category()
    figures = evidence.by_category.get(category) if category else None
    value = figures["value"] if figures and figures["value"] is not None else evidence.value
    facts = [("context.marketplace", ctx, "marketplace", marketplace or ""),
             ("context.category", ctx, "category", category),
             ("context.metric_value", ctx, "metric_value", value),
             ("context.affected_orders", ctx, "affected_orders",
              len(evidence.affected_orders) if evidence.rows else None),
             ("context.period_start", ctx, "period_start", evidence.start),
             ("context.period_end", ctx, "period_end", evidence.end)]
    for path, owner, name, new in facts:
        _fact(notes, path, owner, name, new)
    _carriers(notes, answers, evidence)
    sentence = evidence.sentence()
    if sentence:
        if not answers.root_cause:
            answers.root_cause.append(RootCause(evidence=sentence))
            notes.append("root cause: added an item whose evidence is the report's figures; "
                         "write what happened and why")
        elif not answers.root_cause[0].evidence.strip():
            answers.root_cause[0].evidence = sentence
            notes.append("root_cause.0.evidence: filled in from the report")
        elif normal(sentence) not in normal(answers.root_cause[0].evidence):
            notes.append(f"root_cause.0.evidence: kept yours; the report says: {sentence}")
    if evidence.affected_orders:
        _document(notes, answers, evidence, csv_name)
    return notes


def _fact(notes: list[str], path: str, owner, name: str, new: object) -> None:  # noqa: ANN001
    if new in (None, ""):
        return
    old = getattr(owner, name)
    if old in (None, ""):
        setattr(owner, name, new)
        notes.append(f"{path}: filled in ({_shown(new)})")
    elif _differs(old, new):
        notes.append(f"{path}: kept yours ({_shown(old)}); the report gives {_shown(new)}")


def _differs(old: object, new: object) -> bool:
    if isinstance(old, float) or isinstance(new, float):
        return abs(float(old) - float(new)) > 0.05
    if isinstance(old, str):
        return normal(old) != normal(str(new))
    return old != new


def _shown(value: object) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _carriers(notes: list[str], answers: Answers, evidence: Evidence) -> None:
    listed = {normal(c.name): c for c in answers.shipping.carriers}
    for entry in evidence.carriers:
        mine = listed.get(normal(entry["name"]))
        if mine is None:
            answers.shipping.carriers.append(Carrier(name=entry["name"], integrated=entry["integrated"]))
            notes.append(f"shipping.carriers: added {entry['name']} ({entry['orders']} orders in the report)")
        elif mine.integrated is None and entry["integrated"] is not None:
            mine.integrated = entry["integrated"]
            notes.append(f"shipping.carriers: {mine.name}: integrated filled in ({entry['integrated']})")
        elif entry["integrated"] is not None and mine.integrated != entry["integrated"]:
            notes.append(f"shipping.carriers: {mine.name}: kept yours (integrated: {mine.integrated}); "
                         f"Amazon's list gives {entry['integrated']}")


def _document(notes: list[str], answers: Answers, evidence: Evidence, csv_name: str) -> None:
    orders = evidence.affected_orders
    shown = ", ".join(orders[:LISTED])
    more = f" and {len(orders) - LISTED} more" if len(orders) > LISTED else ""
    window = ""
    if evidence.start and evidence.end:
        window = f" between {dates.long_date(evidence.start)} and {dates.long_date(evidence.end)}"
    what = evidence.phrase if evidence.measured else "had no tracking number"
    description = (f"the {len(orders)} order IDs that {what}{window}, with carrier and tracking "
                   f"number ({csv_name}): {shown}{more}")
    name = f"{DOCUMENT} ({csv_name})"
    for document in answers.documents:
        if document.name == name:
            if document.description != description:
                notes.append(f"documents: kept your '{name}'; the report's list is in {csv_name}")
            return
    answers.documents.append(Document(name=name, description=description))
    notes.append(f"documents: added '{name}' listing the {len(orders)} affected orders")


def import_reports(answers: Answers, reports: list, plan: Path, marketplace: str | None = None):  # noqa: ANN201
    """Read reports for an open plan and fill it: (evidence, notes, CSV path, CSV text or None).

    The kind and marketplace are the plan's unless given; the caller writes the CSV
    (atomically, beside the plan) and saves the plan.
    """
    from poa.errors import InputError, Problem
    from poa.evidence.summary import KINDS, read_reports

    if answers.kind not in KINDS:
        raise InputError(Problem(str(plan), f"reports give the rates of {', '.join(KINDS)}; this plan "
                                            f"is about {answers.kind}"))
    evidence = read_reports(reports, answers.kind, marketplace or answers.context.marketplace or None)
    csv_path = plan.with_name(plan.stem + "-affected-orders.csv")
    notes = apply_evidence(answers, evidence, csv_path.name,
                           evidence.marketplace if marketplace else None)
    return evidence, notes, csv_path, (affected_csv(evidence) if evidence.affected_orders else None)
