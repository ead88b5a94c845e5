"""The review step: the verdict, every finding across the letter, and the letter as reviewers see it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from poa.rubric.finding import Report
from poa.tui.labels import plural
from poa.tui.session import DraftSession
from poa.tui.widgets.findings import FindingsPanel


def verdict(report: Report) -> Content:
    """'Ready to send' or 'Not ready yet', in plain words, with the counts."""
    counts = report.counts
    advice = [plural(counts[s], s) for s in ("warning", "suggestion") if counts[s]]
    if report.ready:
        text = "✔ Ready to send: no errors."
        if advice:
            text += f" Consider the {' and '.join(advice)} below."
        return Content.from_markup("[b $success]$text[/]", text=text)
    text = (f"✖ Not ready yet: {plural(counts['error'], 'error')} to fix"
            + (f", and {' and '.join(advice)}" if advice else "") + ".")
    return Content.from_markup("[b $error]$text[/]  [$text-muted]Choose a finding to go to it.[/]",
                               text=text)


class ReviewStep(Vertical):
    """Verdict on top; all findings and the rendered letter side by side (stacked when narrow)."""

    def __init__(self, session: DraftSession, **kwargs) -> None:
        super().__init__(classes="step", **kwargs)
        self.session = session
        self.letter = ""
        self._letter_at = -1
        """session.edits when the letter shown was rendered."""

    def compose(self) -> ComposeResult:
        self.letter, self._letter_at = self.session.markdown(), self.session.edits
        yield Static(id="verdict", classes="step-status")
        with Horizontal(classes="step-body review-body"):
            yield FindingsPanel(with_step=True, id="findings-review", classes="findings")
            with VerticalScroll(id="letter-scroll", classes="editor-column"):
                yield Static(Content.from_markup(
                    "[b]Your letter[/b]  [$text-muted]Ctrl+E export · Ctrl+L copy as plain text[/]"),
                    classes="letter-title")
                yield Markdown(self.letter, id="letter")

    async def show_report(self, report: Report) -> None:
        """Refresh the verdict, the findings and (when it changed) the letter."""
        self.query_one("#verdict", Static).update(verdict(report))
        self.query_one(FindingsPanel).show(report.findings)
        if self.session.edits == self._letter_at:
            return  # nothing changed since the letter was rendered
        letter, self._letter_at = self.session.markdown(), self.session.edits
        if letter != self.letter:
            self.letter = letter
            await self.query_one("#letter", Markdown).update(letter)
