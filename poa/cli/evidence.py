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
    from poa.evidence.apply import import_reports
    from poa.evidence.summary import read_reports

    out: Path | None = args.output
    if out is None:
        evidence = read_reports(args.report, args.kind, args.marketplace)
    else:
        from poa.answers.file import load_answers, save_answers
        from poa.answers.model import Answers

        if out.suffix.lower() not in (".yaml", ".yml"):
            raise InputError(Problem(str(out), "-o needs an answers file (.yaml)"))
        loaded = load_answers(out) if out.exists() or out.is_symlink() else None
        if loaded is not None:
            answers = loaded.answers
            if args.kind and args.kind != answers.kind:
                raise InputError(Problem(str(out), f"this plan is about {answers.kind}, not {args.kind}"))
        else:  # a new plan: its kind is the report's
            answers = Answers(kind=args.kind or read_reports(args.report, None, args.marketplace).kind)
        evidence, notes, csv_path, csv_text = import_reports(answers, args.report, out, args.marketplace)
        if csv_text is not None:
            write(csv_path, csv_text)
            notes.append(f"wrote {csv_path} ({len(evidence.affected)} {evidence.unit}) to attach")
        save_answers(answers, out, loaded.fingerprint if loaded is not None else None)
        notes.append(f"saved {out}; run: poa check {out}")
        evidence.notes.extend(notes)
    if args.format == "json":
        print(json.dumps(evidence.as_json(), indent=2, ensure_ascii=False))
    else:
        from poa.terminal import visible

        sys.stdout.write(visible(evidence.text()))
    return 0
