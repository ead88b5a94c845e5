"""The human form of a check report: grouped by section, quoted words with their line, a verdict."""

from __future__ import annotations

import textwrap

from poa.answers.sections import SECTION_TITLES
from poa.rubric.finding import Finding, Report
from poa.terminal import one_line

_MARK = {"error": "✖", "warning": "⚠", "suggestion": "·"}
_COLOR = {"error": "\033[31m", "warning": "\033[33m", "suggestion": "\033[36m"}
_BOLD, _DIM, _RESET, _GREEN = "\033[1m", "\033[2m", "\033[0m", "\033[32m"


def format_report(report: Report, color: bool = False, brief: bool = False, width: int = 88) -> str:
    """Text for a terminal (colours only when `color`)."""

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    out: list[str] = []
    title = one_line(report.file) + (f"  ({report.kind})" if report.kind else "")
    out.append(paint(title, _BOLD))
    for note in report.notes:
        out.extend(textwrap.wrap(one_line(f"note: {note}"), width, subsequent_indent="      "))
    section = None
    explained: set[str] = set()
    for finding in report.findings:
        if finding.section != section:
            section = finding.section
            explained = set()
            out.append("")
            out.append(paint(SECTION_TITLES.get(section, section), _BOLD))
        repeat = finding.rule in explained and finding.text is not None
        explained.add(finding.rule)
        out.extend(_finding_lines(finding, paint, brief, width, repeat))
    counts = report.counts
    tally = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in counts.items())
    if report.dismissed:
        out.append("")
        out.append(paint(f"Dismissed, not counted ({len(report.dismissed)})", _BOLD))
        for dismissed in report.dismissed:
            out.extend(_dismissed_lines(dismissed, paint, width))
        tally += f"; {len(report.dismissed)} dismissed"
    out.append("")
    if report.ready:
        verdict = "Ready: no errors" + (f" ({tally})" if report.findings else "") + "."
        out.append(paint(verdict, _GREEN + _BOLD))
    else:
        out.append(paint(f"Not ready: {tally}.", _COLOR["error"] + _BOLD))
    return "\n".join(out) + "\n"


def _dismissed_lines(dismissed, paint, width: int) -> list[str]:  # noqa: ANN001
    """A dismissed finding in two or three lines: rule and place, the words, the reason."""
    finding = dismissed.finding
    where = [SECTION_TITLES.get(finding.section, finding.section)]
    if finding.item is not None:
        where.append(f"item {finding.item + 1}")
    if finding.line is not None:
        where.append(f"line {finding.line}")
    lines = [paint(f"  - {finding.severity:<10} {finding.rule}  ({', '.join(where)})", _DIM)]
    if finding.text:
        quoted = one_line(" ".join(finding.text.split()))
        lines.append(f"      \"{quoted[:97] + '...' if len(quoted) > 100 else quoted}\"")
    lines.extend(textwrap.wrap(one_line(f"reason: {dismissed.reason}"), width,
                               initial_indent="      ", subsequent_indent="        "))
    return lines


def _finding_lines(finding: Finding, paint, brief: bool, width: int,  # noqa: ANN001
                   repeat: bool = False) -> list[str]:
    """A finding's lines; a rule already explained in this section shows only its new words."""
    where = []
    if finding.line is not None:
        where.append(f"line {finding.line}")
    if finding.item is not None:
        where.append(f"item {finding.item + 1}")
    head = f"  {_MARK[finding.severity]} {finding.severity:<10} {finding.rule}"
    if where:
        head += f"  ({', '.join(where)})"
    lines = [paint(head, _COLOR[finding.severity])]
    if finding.text:
        quoted = one_line(" ".join(finding.text.split()))
        if len(quoted) > 100:
            quoted = quoted[:97] + "..."
        lines.append(f"      \"{quoted}\"")
    if repeat:
        return lines
    lines.extend(textwrap.wrap(one_line(finding.message), width, initial_indent="      ",
                               subsequent_indent="      "))
    if not brief:
        lines.extend(paint(line, _DIM) for line in textwrap.wrap(
            one_line(f"Why: {finding.why}"), width, initial_indent="      ", subsequent_indent="      "))
    return lines
