"""`poa evidence REPORT... [--kind K] [--marketplace M] [--format json] [-o appeal.yaml]`.

Reads the seller's reports (poa/evidence), prints what they show, and with -o fills
the plan: facts into the context, carriers into shipping, the evidence sentence
into the root cause, and a CSV of the affected orders beside the plan to attach.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parser(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    evidence = sub.add_parser("evidence", help="read Amazon's reports: the rate, the dates, the affected orders")
    evidence.add_argument("report", type=Path, nargs="+",
                          help="Valid Tracking Rate report, shipping confirmation file or shipping-tool "
                               "CSV (tab- or comma-separated)")
    evidence.add_argument("--kind", help="the metric to work out (default: the plan's kind, or from the columns)")
    evidence.add_argument("--marketplace", help="e.g. amazon.com, for which carriers are integrated "
                                                "(default: the plan's)")
    evidence.add_argument("--format", choices=("text", "json"), default="text")
    evidence.add_argument("-o", "--output", type=Path, metavar="appeal.yaml",
                          help="create or update this plan with what the reports show")


def run(args: argparse.Namespace, write) -> int:  # noqa: ANN001 - write: main._write
    from poa.errors import InputError, Problem
    from poa.evidence.apply import affected_csv, apply_evidence
    from poa.evidence.summary import read_reports

    loaded = answers = None
    out: Path | None = args.output
    if out is not None and out.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(Problem(str(out), "-o needs an answers file (.yaml)"))
    if out is not None and (out.exists() or out.is_symlink()):
        from poa.answers.file import load_answers

        loaded = load_answers(out)
        answers = loaded.answers
    kind = args.kind or (answers.kind if answers is not None else None)
    marketplace = args.marketplace or (answers.context.marketplace if answers is not None else "") or None
    evidence = read_reports(args.report, kind, marketplace)
    if answers is not None and answers.kind != evidence.kind:
        raise InputError(Problem(str(out), f"this plan is about {answers.kind}, the report about "
                                           f"{evidence.kind}; give --kind {answers.kind} or another plan"))
    if out is not None:
        from poa.answers.file import save_answers
        from poa.answers.model import Answers

        if answers is None:
            answers = Answers(kind=evidence.kind)
        csv_path = out.with_name(out.stem + "-affected-orders.csv")
        notes = apply_evidence(answers, evidence, csv_path.name,
                               evidence.marketplace if args.marketplace else None)
        if evidence.affected_orders:
            write(csv_path, affected_csv(evidence))
            notes.append(f"wrote {csv_path} ({len(evidence.affected)} {evidence.unit}) to attach")
        save_answers(answers, out, loaded.fingerprint if loaded is not None else None)
        notes.append(f"saved {out}; run: poa check {out}")
        evidence.notes.extend(notes)
    if args.format == "json":
        print(json.dumps(evidence.as_json(), indent=2, ensure_ascii=False))
    else:
        from poa.terminal import visible

        sys.stdout.write(visible(text_report(evidence)))
    return 0


def text_report(evidence) -> str:  # noqa: ANN001 - an Evidence
    """What the reports show, for a person."""
    from poa.evidence.dates import long_date

    lines = [f"{evidence.metric_name}: {evidence.rows} rows"
             + (f", {long_date(evidence.start)} to {long_date(evidence.end)}" if evidence.start else "")]
    word = "at least" if evidence.direction == "at_least" else "under"
    target = f" (target: {word} {evidence.target:g}%)" if evidence.target is not None else ""
    if evidence.value is not None:
        lines.append(f"  overall: {evidence.value:g}%{target}")
    for name, figures in evidence.by_category.items():
        value = f"{figures['value']:g}%, " if figures["value"] is not None else ""
        lines.append(f"  {name}: {value}{figures['affected']} of {figures['packages']} {evidence.unit} affected")
    orders = evidence.affected_orders
    lines.append(f"affected orders ({len(orders)}): {', '.join(orders) if orders else 'none'}")
    if evidence.carriers:
        lines.append("carriers:")
        for entry in evidence.carriers:
            integrated = {True: "integrated with Amazon", False: "not integrated",
                          None: "integrated: unknown"}[entry["integrated"]]
            lines.append(f"  {entry['name']}: {entry['orders']} orders, {entry['affected']} affected, {integrated}")
    sentence = evidence.sentence()
    if sentence:
        lines.append(f"for the root cause: {sentence}")
    lines += [f"note: {note}" for note in evidence.notes]
    return "\n".join(lines) + "\n"
