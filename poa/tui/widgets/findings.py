"""The findings panel: what the rubric says about the step being written, beside the editor.

Each finding shows its severity, the words it is about, the message (what to
write instead) and, dimmed, why reviewers ask for it. Choosing one (Enter or a
click) asks the screen to move the cursor to those words.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from poa.rubric.finding import SEVERITIES, Finding
from poa.tui.labels import (CATEGORY_LABELS, ITEM_NOUN, SEVERITY_MARK, SEVERITY_STYLE, STEP_TITLES,
                            field_name, plural)


def summary(findings: list[Finding], empty: bool = False) -> Content:
    """'3 errors · 1 warning', or a plain word of encouragement when there is nothing to fix."""
    if empty and not findings:
        return Content.from_markup("[$text-muted]Nothing written here yet.[/]")
    if not findings:
        return Content.from_markup("[$success]✔ No problems found here.[/]")
    counts = {"error": 0, "warning": 0, "suggestion": 0}
    for finding in findings:
        counts[finding.severity] += 1
    parts = []
    for severity, count in counts.items():
        if count:
            parts.append(Content.from_markup(f"[{SEVERITY_STYLE[severity]}]$text[/]",
                                             text=plural(count, severity)))
    return Content(" · ").join(parts)


def where(finding: Finding, with_step: bool = False) -> str:
    """'cause 2 · Why your process allowed it' — where in the draft a finding is."""
    parts = []
    if with_step:
        parts.append(STEP_TITLES.get(finding.section, "Whole letter"))
    if finding.item is not None and finding.section in ITEM_NOUN:
        parts.append(f"{ITEM_NOUN[finding.section]} {finding.item + 1}")
    name = field_name(finding.section, finding.field)
    if name and finding.field != "what":
        parts.append(name)
    if finding.section == "letter" and not with_step:
        parts.append("whole letter")
    return " · ".join(parts)


def finding_prompt(finding: Finding, with_step: bool = False) -> Content:
    """The text of one finding in the list."""
    style = SEVERITY_STYLE[finding.severity]
    head = Content.from_markup(f"[{style}]{SEVERITY_MARK[finding.severity]} $category[/]",
                               category=CATEGORY_LABELS.get(finding.category, finding.category))
    place = where(finding, with_step)
    if place:
        head = head + Content.from_markup("[$text-muted]  $place[/]", place=place)
    body = Content(finding.message)
    why = Content.from_markup("[$text-muted]Reviewers: $why[/]", why=finding.why)
    return Content("\n").join([head, body, why])


class FindingsList(OptionList):
    """The findings, one option each; the index maps back to the Finding."""

    DEFAULT_CSS = """
    FindingsList, FindingsList:focus { height: 1fr; border: none; padding: 0;
                                       background: transparent; }
    FindingsList > .option-list--option { padding: 0 0 1 0; }
    """


class FindingsPanel(Vertical):
    """Summary line plus the list of findings of one step."""

    DEFAULT_CSS = """
    FindingsPanel { height: 1fr; }
    FindingsPanel > .summary { height: auto; padding: 0 1; text-style: bold; }
    """

    class Chosen(Message):
        """The seller chose a finding: move the cursor to it."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, *, with_step: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.findings: list[Finding] = []
        self.with_step = with_step

    def compose(self) -> ComposeResult:
        yield Static(summary([], True), classes="summary")
        yield FindingsList()

    def show(self, findings: list[Finding], empty: bool = False) -> None:
        """Replace the findings shown (keeps the highlighted one when it is still there)."""
        self.query_one(".summary", Static).update(summary(findings, empty))
        findings = sorted(findings, key=lambda f: SEVERITIES.index(f.severity))  # errors first
        if findings == self.findings:
            return
        options = self.query_one(FindingsList)
        old = options.highlighted_option
        kept = self.findings[int(old.id)] if old is not None and old.id is not None else None
        self.findings = list(findings)
        entries: list[Option | None] = []
        for number, finding in enumerate(findings):
            if number:
                entries.append(None)  # a rule between findings
            entries.append(Option(finding_prompt(finding, self.with_step), id=str(number)))
        options.set_options(entries)
        if kept in self.findings:
            self.highlight(kept)

    def highlight(self, finding: Finding) -> None:
        """Highlight a finding in the list (when the cursor was moved to it another way)."""
        if finding in self.findings:
            options = self.query_one(FindingsList)
            options.highlighted = options.get_option_index(str(self.findings.index(finding)))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(self.findings[int(event.option.id)]))
