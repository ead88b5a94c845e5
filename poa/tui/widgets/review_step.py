"""The review step: the verdict, every finding across the letter, the letter as reviewers see it,
and the same plan cut into the boxes of Amazon's appeal form, each with its length and a copy key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Markdown, Static

from poa.render.form import Box
from poa.rubric.finding import Report
from poa.tui.labels import plural
from poa.tui.session import DraftSession
from poa.tui.widgets.findings import FindingsPanel
from poa.tui.widgets.step_common import has_reply
from poa.workflow.letter import render_letter


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


def form_boxes(session: DraftSession) -> list[Box]:
    """The form's boxes as `poa render FILE --format form` gives them."""
    return render_letter(session.answers, session.rubric, "form", "form").boxes


class ReviewStep(Vertical):
    """Verdict on top; all findings and the rendered letter side by side (stacked when narrow);
    under the letter, the appeal form's boxes, keys 1 to 4 copying each."""

    DEFAULT_CSS = """
    ReviewStep .form-title { padding: 1 1 0 1; }
    ReviewStep .form-box { height: auto; padding: 0 1; }
    ReviewStep .form-box Static { width: 1fr; padding: 1 0 0 0; }
    ReviewStep .form-box Button { min-width: 10; }
    """
    BINDINGS = [Binding(str(n), f"copy_box({n - 1})", f"Copy box {n}", show=False) for n in range(1, 5)]

    def __init__(self, session: DraftSession, **kwargs) -> None:
        super().__init__(classes="step", **kwargs)
        self.session = session
        self.letter = ""
        self._letter_at = -1
        """session.edits when the letter shown was rendered."""
        self.boxes: list[Box] = []

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
                yield Static(Content.from_markup(
                    "[b]Amazon's appeal form[/b]  [$text-muted]one box per question: "
                    "press its number to copy it[/]"), classes="form-title")
                self.boxes = form_boxes(self.session)
                for number, box in enumerate(self.boxes[:4], 1):
                    with Horizontal(classes="form-box"):
                        yield Static(box.heading(), id=f"box-{number}")
                        yield Button(f"Copy {number}", id=f"copy-box-{number}", compact=True)

    async def show_report(self, report: Report) -> None:
        """Refresh the verdict, the findings and (when it changed) the letter."""
        self.query_one("#verdict", Static).update(verdict(report))
        self.query_one(FindingsPanel).show(report.findings, dismissed=report.dismissed,
                                           has_reply=has_reply(self.session))
        if self.session.edits == self._letter_at:
            return  # nothing changed since the letter was rendered
        letter, self._letter_at = self.session.markdown(), self.session.edits
        if letter != self.letter:
            self.letter = letter
            await self.query_one("#letter", Markdown).update(letter)
        self.boxes = form_boxes(self.session)
        for number, box in enumerate(self.boxes[:4], 1):
            self.query_one(f"#box-{number}", Static).update(box.heading())

    def action_copy_box(self, index: int) -> None:
        """Keys 1-4 (or a box's Copy button): that box's plain text to the clipboard."""
        if index >= len(self.boxes):
            return
        box = self.boxes[index]
        self.app.copy_to_clipboard(box.text)
        self.notify(f"Copied the {box.title} box ({box.characters:,} characters). If pasting does not "
                    "work in your terminal, use: poa render FILE --format form", timeout=6)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("copy-box-"):
            event.stop()
            self.action_copy_box(int(event.button.id.rsplit("-", 1)[1]) - 1)
