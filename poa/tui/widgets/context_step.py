"""The context step: the facts of the notice, how orders ship and reach Amazon, Amazon's reply.

One-line answers are compact inputs; yes/no answers are selects with 'not
answered' as the blank; how tracking reaches Amazon and Amazon's latest reply
are multi-line editors. Carriers and documents are small lists of rows. The
findings beside it are the context's and the whole letter's.

A value the model refuses (a date typed 14/11/2026) stays in its field, marked,
with what to write instead; the session keeps it (and the journal, so a quit or
a crash does not lose it) until it is corrected.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from poa.answers.model import Carrier, Document
from poa.rubric.finding import Finding, Report
from poa.tui.labels import STEP_PROMPTS, TRACKING_HINT, TRACKING_LABEL
from poa.tui.session import DraftSession
from poa.tui.widgets.answer_area import AnswerArea, Mark
from poa.tui.widgets.edits import BadValue, as_text, read, write
from poa.tui.widgets.findings import FindingsPanel
from poa.tui.widgets.step_common import Edited, has_reply, questions_text, refused_in, status_line
from poa.workflow.status import dismissed_for, findings_for, is_empty

YES_NO = [("Yes", True), ("No", False)]
INTEGRATED = [("Integrated", True), ("Not integrated", False)]
"""Short words, so the carrier's name and service get the room (the label above says "with Amazon")."""


class AnswerInput(Input):
    """A one-line answer; `path` names it in the answers."""

    def __init__(self, path: str, value: str = "", placeholder: str = "", **kwargs) -> None:
        super().__init__(value, placeholder=placeholder, compact=True,
                         id=kwargs.pop("id", "ctx-" + path.replace(".", "-")), **kwargs)
        self.path = path


class AnswerSelect(Select):
    """A yes/no answer ('not answered' is the blank); `path` names it in the answers."""

    def __init__(self, path: str, options, value, prompt: str = "Not answered", **kwargs) -> None:  # noqa: ANN001
        super().__init__(options, prompt=prompt, allow_blank=True, compact=True,
                         value=Select.NULL if value is None else value,
                         id=kwargs.pop("id", "ctx-" + path.replace(".", "-")), **kwargs)
        self.path = path


class ListRows(Vertical):
    """Rows of a small list (carriers, documents); a row beyond the list is a new entry."""

    DEFAULT_CSS = "ListRows { height: auto; }"

    def __init__(self, path: str, model: type, fields: list[tuple[str, str]], noun: str,
                 session: DraftSession, **kwargs) -> None:
        super().__init__(**kwargs)
        self.path, self.model, self.fields, self.noun = path, model, fields, noun
        self.session = session
        refused = [int(p.split(".")[-2]) for p in session.unsaved_in(path + ".")]
        self.rows = max([len(self.entries), *(n + 1 for n in refused)])

    @property
    def entries(self) -> list:
        return read(self.session.answers, self.path)

    def compose(self) -> ComposeResult:
        yield from self._rows()

    def _rows(self) -> list[Widget]:
        rows = []
        entries = self.entries
        for index in range(self.rows):
            entry = entries[index] if index < len(entries) else None
            cells: list[Widget] = []
            for name, placeholder in self.fields:
                path = f"{self.path}.{index}.{name}"
                value = getattr(entry, name) if entry is not None else None
                if name == "integrated":
                    cells.append(AnswerSelect(path, INTEGRATED, value, prompt="Integrated?",
                                              classes="row-select"))
                else:
                    text = self.session.unsaved.get(path, as_text(value))
                    cells.append(AnswerInput(path, text, placeholder, classes="row-input"
                                             + (" row-name" if name == "name" else "")))
            cells.append(Button("✕", compact=True, classes="row-remove", name=str(index),
                                tooltip=f"Remove this {self.noun} (F3)"))
            rows.append(Horizontal(*cells, classes="list-row"))
        rows.append(Button(f"+ Add {self.noun}", compact=True, classes="row-add"))
        return rows

    async def rebuild(self) -> None:
        await self.remove_children()
        await self.mount_all(self._rows())

    def set_value(self, path: str, value: object) -> bool:
        """Write a cell; a new row becomes an entry once it has a name."""
        index, name = int(path.split(".")[-2]), path.split(".")[-1]
        entries = self.entries
        if index >= len(entries):
            if name != "name" or not str(value).strip():
                if value not in ("", None):
                    raise BadValue(f"Type the {self.noun}'s name first.")
                return False
            entries.append(self.model(name=str(value).strip()))
            return True
        if name == "name" and not str(value).strip():
            raise BadValue(f"A {self.noun} needs a name (or remove it).")
        return write(self.session.answers, path, value)

    @on(Button.Pressed, ".row-add")
    async def _add(self, event: Button.Pressed) -> None:
        event.stop()
        self.rows = len(self.entries) + 1
        await self.rebuild()
        # the new row's first box: the carrier's name goes in Name, not in Service
        self.query(".list-row").last().query(".row-input").first().focus()

    @on(Button.Pressed, ".row-remove")
    async def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        await self.remove_row(int(event.button.name or 0))

    def row_of(self, widget: Widget) -> int | None:
        """The row number of a widget inside this list (None when it is not in a row)."""
        for node in (widget, *widget.ancestors):
            if isinstance(node, Horizontal) and node.has_class("list-row") and node.parent is self:
                return list(self.query_children(".list-row")).index(node)
        return None

    async def remove_row(self, index: int) -> None:
        """Remove row `index` (F3 in the row, or its Remove button); the focus stays in the list."""
        entries = self.entries
        if index < len(entries):
            del entries[index]
            self.session.changed()
        self.session.remove_unsaved_index(self.path, index)
        self.post_message(Edited())
        self.rows = max(len(entries), 0)
        await self.rebuild()
        rows = self.query_children(".list-row")
        if rows:
            rows[min(index, len(rows) - 1)].query(".row-input").first().focus()
        else:
            self.query_one(".row-add").focus()


class ContextStep(Vertical):
    """The facts of the notice and of shipping, with the findings about them and the whole letter."""

    BINDINGS = [Binding("f3", "remove_row", "Remove row", tooltip="Remove this carrier or document",
                        id="remove-row")]

    def __init__(self, session: DraftSession, **kwargs) -> None:
        super().__init__(classes="step", **kwargs)
        self.session = session
        self._errors: dict[str, str] = {}
        """What to write instead, for each answer refused now (by path)."""

    def compose(self) -> ComposeResult:
        answers = self.session.answers
        kind = self.session.rubric.kind_info
        metric = kind.metric if kind else None
        ctx = answers.context

        def row(label: str, widget: Widget) -> Horizontal:
            return Horizontal(Label(label, classes="ctx-label"), widget, classes="ctx-row")

        def shown(path: str, value: object) -> str:
            """What a one-line answer shows: the refused text typed there, if any."""
            return self.session.unsaved.get(path, as_text(value))

        yield Static(classes="step-status", id="status-context")
        with Horizontal(classes="step-body"):
            with VerticalScroll(classes="editor-column ctx-form", id="editor-context"):
                yield Static(Content.from_markup("[b]The notice[/b]"), classes="ctx-heading")
                with Horizontal(classes="ctx-row"):
                    yield Label("Kind of suspension", classes="ctx-label")
                    yield from self._kind()
                yield Button("Import a report…", compact=True, id="import-report",
                             tooltip="Fill in the rate, dates, orders and carriers from a report (Ctrl+R)")
                yield row("Seller or store name", AnswerInput("context.seller", ctx.seller,
                                                              "e.g. Brightbox Toys"))
                yield row("Marketplace", AnswerInput("context.marketplace", ctx.marketplace,
                                                     "e.g. amazon.com"))
                yield row("Category in the notice", AnswerInput("context.category", ctx.category,
                                                                "e.g. Toys & Games"))
                if metric:
                    word = "at least" if metric.direction == "at_least" else "under"
                    yield row(f"{metric.name} (%)", AnswerInput(
                        "context.metric_value", shown("context.metric_value", ctx.metric_value),
                        f"e.g. 91.2 (target: {word} {metric.target:g}%)"))
                else:
                    yield row("Metric in the notice (%)", AnswerInput(
                        "context.metric_value", shown("context.metric_value", ctx.metric_value),
                        "if the notice gives one"))
                yield row("Date of the notice", AnswerInput(
                    "context.notice_date", shown("context.notice_date", ctx.notice_date),
                    "YYYY-MM-DD"))
                yield row("Report from", AnswerInput(
                    "context.period_start", shown("context.period_start", ctx.period_start),
                    "YYYY-MM-DD, first day of the report's figures"))
                yield row("Report to", AnswerInput(
                    "context.period_end", shown("context.period_end", ctx.period_end),
                    "YYYY-MM-DD, last day"))
                yield row("Orders affected", AnswerInput(
                    "context.affected_orders", shown("context.affected_orders", ctx.affected_orders),
                    "e.g. 27"))
                yield row("ASINs in the notice", AnswerInput("context.asins", as_text(ctx.asins),
                                                             "comma-separated, if any"))
                yield Static(classes="field-error", id="ctx-error")
                yield Static(Content.from_markup("[b]Who signs the letter[/b]"), classes="ctx-heading")
                yield row("Your name", AnswerInput("context.name", ctx.name, "e.g. Ana Ruiz"))
                yield row("Merchant Token", AnswerInput(
                    "context.merchant_token", ctx.merchant_token,
                    "in Settings > Account Info"))
                yield Static(Content.from_markup("[b]How orders ship[/b]"), classes="ctx-heading")
                yield Label("Carriers you ship with (name, service, integrated with Amazon?)",
                            classes="field-label")
                yield ListRows("shipping.carriers", Carrier,
                               [("name", "Carrier, e.g. UPS"), ("service", "Service, e.g. Ground"),
                                ("integrated", "")], "carrier", self.session, id="carriers")
                yield row("Labels via Buy Shipping?", AnswerSelect(
                    "shipping.buy_shipping", YES_NO, answers.shipping.buy_shipping))
                yield row("Handling time (days)", AnswerInput(
                    "shipping.handling_time_days",
                    shown("shipping.handling_time_days", answers.shipping.handling_time_days),
                    "business days, e.g. 3"))
                yield row("A supplier ships for you?", AnswerSelect(
                    "shipping.dropship", YES_NO, answers.shipping.dropship))
                yield Label(Content.from_markup("[b]$label[/b]  [$text-muted]$hint[/]",
                                                label=TRACKING_LABEL, hint=TRACKING_HINT),
                            classes="field-label")
                yield AnswerArea(answers.shipping.tracking_upload, path="shipping.tracking_upload",
                                 id="ctx-shipping-tracking_upload",
                                 placeholder="e.g. Buy Shipping uploads the tracking number when I "
                                             "buy the label, before I confirm shipment.")
                yield Static(Content.from_markup("[b]Documents you will attach[/b]"),
                             classes="ctx-heading")
                yield ListRows("documents", Document,
                               [("name", "Document, e.g. Affected orders"),
                                ("description", "What it shows")], "document", self.session,
                               id="documents")
                yield Label(Content.from_markup(
                    "[b]Amazon's latest reply[/b]  [$text-muted]paste it as it came[/]"),
                    classes="field-label")
                yield AnswerArea(ctx.amazon_reply, path="context.amazon_reply",
                                 id="ctx-context-amazon_reply",
                                 placeholder="Paste Amazon's message here (for example the "
                                             "'Greater detail on...' reply).")
                yield Static(questions_text(self.session.rubric.questions.get("context", [])),
                             classes="questions")
            yield FindingsPanel(id="findings-context", classes="findings")

    def _kind(self) -> list[Widget]:
        """The kind and a button that lists the kinds; or that it is not set (a letter imported
        of no known kind). The button comes first: a long kind's title is cut, never it."""
        kind = self.session.rubric.kind_info
        if kind is None:
            return [Button("Not set yet: choose it…", compact=True, variant="warning", id="ctx-kind",
                           tooltip="Choose the kind of suspension the notice names")]
        return [Button("Change…", compact=True, id="ctx-kind",
                       tooltip="Choose another kind of suspension (your answers stay)"),
                Static(kind.title, id="ctx-kind-title")]

    def on_mount(self) -> None:
        """Text refused before (offered back from the journal): marked, with what to write."""
        for widget in self.query(AnswerInput):
            if widget.path in self.session.unsaved:
                self._apply(widget, widget.path, widget.value)

    # --- edits --------------------------------------------------------------------------
    def _apply(self, widget: Widget, path: str, value: object) -> None:
        error = self.query_one("#ctx-error", Static)
        session = self.session
        try:
            rows = None
            if path.startswith("shipping.carriers."):
                rows = self.query_one("#carriers", ListRows)
            elif path.startswith("documents."):
                rows = self.query_one("#documents", ListRows)
            changed = rows.set_value(path, value) if rows else write(session.answers, path, value)
        except BadValue as err:
            widget.add_class("-refused")
            self._errors.pop(path, None)
            self._errors[path] = str(err)  # the latest shown first
            error.update(Content.from_markup("[$error]$msg[/]", msg=str(err)))
            if session.set_unsaved(path, str(value)):
                self.post_message(Edited())  # journalled after the pause, like any typing
            return
        widget.remove_class("-refused")
        if self._errors.pop(path, None) is not None or not self._errors:
            # what to write instead, for the answer still refused that was typed last
            error.update(Content.from_markup("[$error]$msg[/]", msg=list(self._errors.values())[-1])
                         if self._errors else "")
        refused = session.clear_unsaved(path)
        if changed:
            session.changed()
        if changed or refused:
            self.post_message(Edited())
        if rows is not None and changed:  # a new row now exists: cells typed before it count
            row = path.rsplit(".", 1)[0] + "."
            for cell in self.query(AnswerInput):
                if cell.path != path and cell.path in session.unsaved_in(row):
                    self._apply(cell, cell.path, cell.value)

    @on(Button.Pressed, "#ctx-kind")
    def _choose_kind(self, event: Button.Pressed) -> None:
        event.stop()
        self.screen.ask_kind()

    @on(Button.Pressed, "#import-report")
    def _import_report(self, event: Button.Pressed) -> None:
        event.stop()
        self.screen.action_import_report()

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if isinstance(event.input, AnswerInput):
            self._apply(event.input, event.input.path, event.value)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.select, AnswerSelect):
            value = None if event.value is Select.NULL else event.value
            self._apply(event.select, event.select.path, value)

    @on(AnswerArea.Changed)
    def _area_changed(self, event: AnswerArea.Changed) -> None:
        event.stop()
        area = event.text_area
        if isinstance(area, AnswerArea):
            self._apply(area, area.path, area.text)

    def sync(self) -> None:
        """Read every editor into the answers (before a save that must not lose text)."""
        for area in self.query(AnswerArea):
            self._apply(area, area.path, area.text)
        for field in self.query(AnswerInput):
            self._apply(field, field.path, field.value)

    async def action_remove_row(self) -> None:
        """F3: remove the carrier or document row the cursor is in, or say how."""
        focused = self.app.focused
        for rows in self.query(ListRows):
            index = rows.row_of(focused) if focused is not None else None
            if index is not None:
                await rows.remove_row(index)
                self.app.notify(f"Removed {rows.noun} {index + 1}.", timeout=3)
                return
        self.app.notify("F3 removes a carrier or a document: put the cursor in its row first "
                        "(or press its Remove button).", timeout=5)

    # --- showing ------------------------------------------------------------------------
    def show_report(self, report: Report) -> None:
        findings = findings_for(report, "context")
        self.query_one("#status-context", Static).update(
            status_line(report, self.session, "context", refused_in(self.session, "context"))
            + Content("  ·  ") + Content(STEP_PROMPTS["context"]))
        self.query_one(FindingsPanel).show(findings, is_empty(self.session.answers, "context"),
                                           dismissed_for(report, "context"),
                                           refused=refused_in(self.session, "context"),
                                           has_reply=has_reply(self.session))
        marks = [Mark(f.start, f.end, f.text or "", f.severity) for f in findings
                 if f.field == "shipping.tracking_upload" and f.start is not None]
        self.query_one("#ctx-shipping-tracking_upload", AnswerArea).set_marks(marks)

    def focus_finding(self, finding: Finding, path: str | None = None) -> None:
        """Move the cursor to the answer a finding is about (or that would answer it)."""
        target: Widget | None = None
        if finding.field == "shipping.tracking_upload":
            target = self.query_one("#ctx-shipping-tracking_upload", AnswerArea)
        elif path:
            for widget in self.query("AnswerInput, AnswerSelect, AnswerArea"):
                if getattr(widget, "path", None) == path:
                    target = widget
                    break
            if target is None and path in ("shipping.carriers", "documents"):
                rows = self.query_one("#carriers" if path == "shipping.carriers" else "#documents",
                                      ListRows)
                target = rows.query(".row-input").first() if rows.query(".row-input") else \
                    rows.query_one(".row-add")
        if target is None:
            target = self.query_one("#ctx-shipping-tracking_upload", AnswerArea)
        target.focus()
        if isinstance(target, AnswerArea) and finding.start is not None and finding.end is not None \
                and finding.field == "shipping.tracking_upload":
            target.select_offsets(finding.start, finding.end)
        self.query_one(FindingsPanel).highlight(finding)
        self.call_after_refresh(target.scroll_visible)
