"""The findings panel: what the rubric says about the step being written, beside the editor.

Each finding shows its severity, the words it is about, the message (what to
write instead) and, dimmed, why reviewers ask for it. Choosing one (Enter or a
click) asks the screen to move the cursor to those words. `d` asks the screen to
dismiss the highlighted finding (it asks for a reason); dismissed findings are listed
after the others, under "Dismissed", with their reason, and `r` asks to restore one.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from poa.rubric.finding import SEVERITIES, Finding
from poa.rubric.overrule import Dismissed
from poa.tui.labels import (
    CATEGORY_LABELS,
    ITEM_NOUN,
    SEVERITY_MARK,
    SEVERITY_STYLE,
    STEP_TITLES,
    field_name,
    plural,
    reviewer_note,
)


def summary(findings: list[Finding], empty: bool = False, refused: int = 0) -> Content:
    """'3 errors · 1 warning', or a plain word of encouragement when there is nothing to fix.

    An answer poa could not accept (a date typed 14/11/2026) is counted first: the step
    never says "No problems" while a box is marked in red.
    """
    if refused:
        counted = summary(findings, empty) if findings else None
        head = Content.from_markup("[$error]✖ $text[/]", text=plural(refused, "answer")
                                   + " not accepted: see the box marked in red")
        return head if counted is None else Content(" · ").join([head, counted])
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


def finding_prompt(finding: Finding, with_step: bool = False, has_reply: bool = True) -> Content:
    """The text of one finding in the list."""
    style = SEVERITY_STYLE[finding.severity]
    head = Content.from_markup(f"[{style}]{SEVERITY_MARK[finding.severity]} $category[/]",
                               category=CATEGORY_LABELS.get(finding.category, finding.category))
    place = where(finding, with_step)
    if place:
        head = head + Content.from_markup("[$text-muted]  $place[/]", place=place)
    body = Content(finding.message)
    why = Content.from_markup("[$text-muted]$why[/]", why=reviewer_note(finding.why, has_reply))
    return Content("\n").join([head, body, why])


def dismissed_prompt(dismissed: Dismissed, with_step: bool = False) -> Content:
    """A dismissed finding in the list: dimmed, its place, its words, and the reason."""
    finding = dismissed.finding
    head = Content.from_markup("[$text-muted]⊘ $category[/]",
                               category=CATEGORY_LABELS.get(finding.category, finding.category))
    place = where(finding, with_step)
    if place:
        head = head + Content.from_markup("[$text-muted]  $place[/]", place=place)
    lines = [head]
    if finding.text:
        quoted = " ".join(finding.text.split())
        lines.append(Content.from_markup("[$text-muted]“$words”[/]",
                                         words=quoted if len(quoted) <= 60 else quoted[:57] + "…"))
    lines.append(Content.from_markup("[$text-muted i]Dismissed: $reason[/]", reason=dismissed.reason))
    return Content("\n").join(lines)


class FindingsList(OptionList):
    """The findings, one option each; the index maps back to the Finding."""

    # The gutter is kept even with no scrollbar: OptionList counts each finding's lines at the
    # width it had before the scrollbar appeared, and cut the last line of those that wrap
    # once more in two columns less ("...is a promise, not a"). One width, no cut.
    # No bottom padding either: OptionList does not count it, so it pushed out the rule.
    DEFAULT_CSS = """
    FindingsList, FindingsList:focus { height: 1fr; border: none; padding: 0;
                                       background: transparent; scrollbar-gutter: stable; }
    FindingsList > .option-list--option { padding: 0; }
    """

    def on_focus(self) -> None:
        """Tabbed into: the first finding is under the cursor, so d or Enter acts on it at once."""
        if self.highlighted is None and self.option_count:
            self.action_first()


class FindingsPanel(Vertical):
    """Summary line plus the list of findings of one step."""

    DEFAULT_CSS = """
    FindingsPanel { height: 1fr; }
    FindingsPanel > .summary { height: auto; padding: 0 1; text-style: bold; }
    """

    BINDINGS = [
        Binding("d", "dismiss_finding", "Dismiss", tooltip="Dismiss this finding, with a reason",
                id="dismiss-finding"),
        Binding("r", "restore_finding", "Restore", tooltip="Count this dismissed finding again",
                id="restore-finding", show=False),  # the "Dismissed" heading says so; room for Quit
    ]

    class Chosen(Message):
        """The seller chose a finding: move the cursor to it."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    class DismissAsked(Message):
        """The seller wants to dismiss this finding (the screen asks for the reason)."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    class RestoreAsked(Message):
        """The seller wants this dismissed finding counted again."""

        def __init__(self, dismissed: Dismissed) -> None:
            super().__init__()
            self.dismissed = dismissed

    def __init__(self, *, with_step: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.findings: list[Finding] = []
        self.dismissed: list[Dismissed] = []
        self.with_step = with_step
        self.has_reply = True

    def compose(self) -> ComposeResult:
        yield Static(summary([], True), classes="summary")
        yield FindingsList()

    def show(self, findings: list[Finding], empty: bool = False,
             dismissed: list[Dismissed] | None = None, refused: int = 0,
             has_reply: bool = True) -> None:
        """Replace the findings shown (keeps the highlighted one when it is still there).

        `refused`: answers of this step poa could not accept; `has_reply`: whether Amazon's
        reply was pasted (a note about "Amazon's reply to this case" needs one).
        """
        dismissed = list(dismissed or [])
        text = summary(findings, empty, refused)
        if dismissed:
            text = text + Content.from_markup("[$text-muted] · $n dismissed[/]", n=len(dismissed))
        self.query_one(".summary", Static).update(text)
        findings = sorted(findings, key=lambda f: SEVERITIES.index(f.severity))  # errors first
        if findings == self.findings and dismissed == self.dismissed and has_reply == self.has_reply:
            return
        self.has_reply = has_reply
        options = self.query_one(FindingsList)
        kept = self.highlighted()
        self.findings = list(findings)
        self.dismissed = dismissed
        entries: list[Option | None] = []
        for number, finding in enumerate(findings):
            if number:
                entries.append(None)  # a rule between findings
            entries.append(Option(finding_prompt(finding, self.with_step, has_reply),
                                  id=str(number)))
        if dismissed:
            if entries:
                entries.append(None)
            entries.append(Option(Content.from_markup(
                "[b]Dismissed[/b] [$text-muted](not counted; r restores)[/]"), id="dismissed",
                disabled=True))
            for number, gone in enumerate(dismissed):
                entries.append(Option(dismissed_prompt(gone, self.with_step), id=f"x{number}"))
        options.set_options(entries)
        if kept is not None:
            self.highlight(kept)

    def highlighted(self) -> Finding | Dismissed | None:
        """The finding (or dismissed finding) under the list's cursor."""
        option = self.query_one(FindingsList).highlighted_option
        return None if option is None else self._entry(option.id)

    def _entry(self, option_id: str | None) -> Finding | Dismissed | None:
        if option_id is None or option_id == "dismissed":
            return None
        if option_id.startswith("x"):
            return self.dismissed[int(option_id[1:])]
        return self.findings[int(option_id)]

    def highlight(self, finding: Finding | Dismissed) -> None:
        """Highlight a finding in the list (when the cursor was moved to it another way)."""
        options = self.query_one(FindingsList)
        if isinstance(finding, Dismissed):
            if finding in self.dismissed:
                options.highlighted = options.get_option_index(f"x{self.dismissed.index(finding)}")
        elif finding in self.findings:
            options.highlighted = options.get_option_index(str(self.findings.index(finding)))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = self._entry(event.option.id)
        if chosen is not None:
            finding = chosen.finding if isinstance(chosen, Dismissed) else chosen
            self.post_message(self.Chosen(finding))

    def action_dismiss_finding(self) -> None:
        chosen = self.highlighted()
        if isinstance(chosen, Dismissed):
            self.app.notify("This finding is dismissed already; r counts it again.", timeout=3)
        elif chosen is None:
            self.app.notify("Highlight a finding in the list first.", timeout=3)
        else:
            self.post_message(self.DismissAsked(chosen))

    def action_restore_finding(self) -> None:
        chosen = self.highlighted()
        if isinstance(chosen, Dismissed):
            self.post_message(self.RestoreAsked(chosen))
        else:
            self.app.notify("Highlight a dismissed finding (under “Dismissed”) to restore it.",
                            timeout=3)
