"""One step per section (root cause, corrective actions, preventive measures).

The seller picks an item (one cause, one action, one measure) in the list,
writes its answers in multi-line editors below, and reads the findings beside
them. Items can be added, removed and reordered. The guiding questions for the
kind come from the rubric YAML.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from poa.answers.model import ITEM_TYPES, TEXT_FIELDS
from poa.rubric.finding import Finding, Report
from poa.tui.labels import (
    FIELD_LABELS,
    ITEM_NOUN,
    SEVERITY_MARK,
    SEVERITY_STYLE,
    STEP_PROMPTS,
    placeholder,
)
from poa.tui.session import DraftSession
from poa.tui.widgets.answer_area import AnswerArea, Mark
from poa.tui.widgets.edits import BadValue, as_text, write
from poa.tui.widgets.findings import FindingsPanel
from poa.tui.widgets.step_common import Edited, has_reply, questions_text, refused_in, status_line
from poa.workflow.status import dismissed_for, findings_for, is_empty, item_errors

__all__ = ["Edited", "ItemList", "SectionStep", "questions_text", "status_line"]

ADD = "add"


class ItemList(OptionList):
    """The items of a section, with a mark for each, and a last entry to add one."""

    def on_resize(self) -> None:
        """Labels are cut to the list's width: make them again once it is known or changed."""
        step = self.parent
        while step is not None and not isinstance(step, SectionStep):
            step = step.parent
        if step is not None:
            step.refresh_items()


class SectionStep(Vertical):
    """Item list, item editor, guiding questions and the findings panel of one section."""

    BINDINGS = [
        Binding("f2", "add_item", "Add", tooltip="Add another item to this section", id="add-item"),
        Binding("f3", "remove_item", "Remove", tooltip="Remove this item", id="remove-item"),
        Binding("alt+up", "move_item(-1)", "Move up", tooltip="Move this item up", id="move-up"),
        Binding("alt+down", "move_item(1)", "Move down", tooltip="Move this item down",
                id="move-down"),
    ]

    def __init__(self, section: str, session: DraftSession, **kwargs) -> None:
        super().__init__(classes="step", **kwargs)
        self.section = section
        self.session = session
        self.index = 0
        self.noun = ITEM_NOUN[section]
        self._labels: list[tuple[str, Content]] = []

    # --- layout -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        section = self.section
        yield Static(classes="step-status", id=f"status-{section}")
        with Horizontal(classes="step-body"):
            with Vertical(classes="editor-column"):
                yield ItemList(id=f"items-{section}", classes="item-list", compact=True)
                with VerticalScroll(classes="item-editor", id=f"editor-{section}"):
                    yield Static(classes="item-title", id=f"item-title-{section}")
                    for name, (label, hint, _) in FIELD_LABELS[section].items():
                        yield Label(Content.from_markup("[b]$label[/b]  [$text-muted]$hint[/]",
                                                        label=label, hint=hint),
                                    classes="field-label")
                        if name in TEXT_FIELDS[section]:
                            yield AnswerArea(path=name, id=f"{section}-{name}",
                                             placeholder=placeholder(section, name,
                                                                     self.session.rubric))
                        else:
                            yield Input(placeholder="YYYY-MM-DD", compact=True,
                                        id=f"{section}-{name}", classes="date-input")
                            yield Static(classes="field-error", id=f"{section}-{name}-error")
                    yield Static(questions_text(self.session.rubric.questions.get(section, [])),
                                 classes="questions")
            yield FindingsPanel(id=f"findings-{section}", classes="findings")

    def on_mount(self) -> None:
        if not self.query(ItemList):
            return  # taken down before it was mounted: the app closed while it was built ahead
        self.index = 0
        self.refresh_items()
        self.load_item()

    # --- the model ----------------------------------------------------------------------
    @property
    def items(self) -> list:
        return self.session.answers.items(self.section)

    def _ensure_item(self) -> object:
        items = self.items
        while self.index >= len(items):
            items.append(ITEM_TYPES[self.section]())
        return items[self.index]

    def apply(self, field: str, value: str) -> bool:
        """Write one field of the current item from its editor; True if the answers changed.

        A value the model refuses (a date typed 14/11/2026) stays in its field with what to
        write instead, and is kept by the session (and so in the journal) until corrected.
        """
        items = self.items
        path = f"{self.section}.{self.index}.{field}"
        if self.index >= len(items):
            if not value.strip():
                return False
            self._ensure_item()
        try:
            changed = write(self.session.answers, path, value)
        except BadValue as err:
            self.query_one(f"#{self.section}-{field}-error", Static).update(str(err))
            self.query_one(f"#{self.section}-{field}").add_class("-refused")
            if self.session.set_unsaved(path, value):
                self.post_message(Edited())  # journalled after the pause, like any typing
            return False
        if field not in TEXT_FIELDS[self.section]:
            self.query_one(f"#{self.section}-{field}-error", Static).update("")
            self.query_one(f"#{self.section}-{field}").remove_class("-refused")
        refused = self.session.clear_unsaved(path)
        if changed:
            self.session.changed()
            self.refresh_items()
        if changed or refused:
            self.post_message(Edited())
        return changed

    def sync(self) -> None:
        """Read every editor of this step into the answers (before a save that must not lose text)."""
        for name in FIELD_LABELS[self.section]:
            widget = self.query_one(f"#{self.section}-{name}")
            value = widget.text if isinstance(widget, AnswerArea) else widget.value
            self.apply(name, value)

    @on(AnswerArea.Changed)
    def _area_changed(self, event: AnswerArea.Changed) -> None:
        event.stop()
        area = event.text_area
        if isinstance(area, AnswerArea):
            self.apply(area.path, area.text)

    @on(Input.Changed, ".date-input")
    def _date_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.apply(event.input.id.removeprefix(f"{self.section}-"), event.value)

    # --- showing ------------------------------------------------------------------------
    def refresh_items(self) -> None:
        """Update the item list (labels and marks), keeping the current item highlighted.

        Only changed labels are replaced, so typing inside an answer does not
        re-lay out the list on every key.
        """
        labels = self._item_labels()
        item_list = self.query_one(ItemList)
        if len(labels) != len(self._labels):
            item_list.set_options([Option(label, id=key) for key, label in labels])
        else:
            for index, ((key, label), (_, old)) in enumerate(zip(labels, self._labels)):
                if label != old:
                    item_list.replace_option_prompt_at_index(index, label)
        self._labels = labels
        highlighted = min(self.index, max(len(self.items) - 1, 0))
        if item_list.highlighted != highlighted:
            item_list.highlighted = highlighted

    def _item_labels(self) -> list[tuple[str, Content]]:
        report = self.session.report
        labels = []
        items = self.items
        for number, item in enumerate(items or [None]):
            if item is None:
                mark = Content.from_markup("[$text-muted]○[/]")
                first = "(not written yet)"
            else:
                counts = item_errors(report, self.section, number)
                severity = next((s for s in ("error", "warning") if counts[s]), None)
                first = " ".join((item.what or "").split()) or "(no text yet)"
                if not any(getattr(item, f).strip() for f in TEXT_FIELDS[self.section]):
                    mark = Content.from_markup("[$text-muted]○[/]")
                elif severity:
                    mark = Content.from_markup(f"[{SEVERITY_STYLE[severity]}]"
                                               f"{SEVERITY_MARK[severity]}[/]")
                else:
                    mark = Content.from_markup("[$success]✔[/]")
            room = max(20, self.query_one(ItemList).size.width - 8) \
                if self.query_one(ItemList).size.width else 48
            if len(first) > room:
                first = first[:room - 1].rstrip() + "…"
            labels.append((str(number), Content(f"{number + 1}. ") + mark + Content(" ")
                           + Content(first)))
        labels.append((ADD, Content.from_markup(f"[$accent]+ Add another {self.noun} (F2)[/]")))
        return labels

    def load_item(self) -> None:
        """Show the current item in the editors."""
        items = self.items
        item = items[self.index] if self.index < len(items) else None
        total = max(len(items), self.index + 1)
        self.query_one(f"#item-title-{self.section}", Static).update(
            Content.from_markup("[b]$title[/b]", title=f"{self.noun.capitalize()} {self.index + 1} "
                                                       f"of {total}"))
        for name in FIELD_LABELS[self.section]:
            value = as_text(getattr(item, name)) if item is not None else ""
            widget = self.query_one(f"#{self.section}-{name}")
            if isinstance(widget, AnswerArea):
                if widget.text != value:
                    widget.load_text(value)
            else:
                value = self.session.unsaved.get(f"{self.section}.{self.index}.{name}", value)
                self.query_one(f"#{self.section}-{name}-error", Static).update("")
                widget.remove_class("-refused")
                if widget.value != value:
                    widget.value = value  # refused text comes back with its message (Changed)
                elif value and f"{self.section}.{self.index}.{name}" in self.session.unsaved:
                    self.apply(name, value)
        self.show_marks()

    def show_report(self, report: Report) -> None:
        """New findings: update the status line, panel, item marks and underlined words."""
        findings = findings_for(report, self.section)
        self.query_one(f"#status-{self.section}", Static).update(
            status_line(report, self.session, self.section, refused_in(self.session, self.section))
            + Content("  ·  ") + Content(STEP_PROMPTS[self.section]))
        self.query_one(FindingsPanel).show(findings, is_empty(self.session.answers, self.section),
                                           dismissed_for(report, self.section),
                                           refused=refused_in(self.session, self.section),
                                           has_reply=has_reply(self.session))
        self.refresh_items()
        self.show_marks()

    def show_marks(self) -> None:
        findings = findings_for(self.session.report, self.section)
        for name in TEXT_FIELDS[self.section]:
            marks = [Mark(f.start, f.end, f.text or "", f.severity) for f in findings
                     if f.item == self.index and f.field == name and f.start is not None]
            self.query_one(f"#{self.section}-{name}", AnswerArea).set_marks(marks)

    # --- items --------------------------------------------------------------------------
    def select_item(self, index: int) -> None:
        if index == self.index:
            return
        self.index = index
        self.refresh_items()
        self.load_item()

    @on(OptionList.OptionSelected, ".item-list")
    def _item_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == ADD:
            self.action_add_item()
        else:
            self.select_item(int(event.option.id))
            self.query_one(f"#{self.section}-what", AnswerArea).focus()

    def action_add_item(self) -> None:
        """Add an empty item after the others and start writing it."""
        items = self.items
        if items and self.index < len(items) and not _has_any(items[-1]):
            self.index = len(items) - 1  # reuse the empty last one
        else:
            items.append(ITEM_TYPES[self.section]())
            self.index = len(items) - 1
            self.session.changed()
            self.post_message(Edited())
        self.refresh_items()
        self.load_item()
        self.query_one(f"#{self.section}-what", AnswerArea).focus()

    def action_remove_item(self) -> None:
        """Remove the current item (asks first when it holds text)."""
        items = self.items
        if self.index >= len(items):
            return
        if not _has_any(items[self.index]):
            self._remove()
            return
        from poa.tui.screens.dialogs import ConfirmDialog

        number = self.index + 1
        self.app.push_screen(
            ConfirmDialog(f"Remove {self.noun} {number}?",
                          "Its text will be deleted from the plan.", yes="Remove", no="Keep it"),
            lambda yes: self._remove() if yes else None)

    def _remove(self) -> None:
        items = self.items
        if self.index < len(items):
            del items[self.index]
            self.session.remove_unsaved_index(self.section, self.index)
            self.session.item_removed(self.section, self.index)
            self.index = max(0, min(self.index, len(items) - 1))
            self.session.changed()
            self.post_message(Edited())
        self.refresh_items()
        self.load_item()

    def action_move_item(self, delta: int) -> None:
        """Move the current item up or down the list (the letter numbers them in this order)."""
        items = self.items
        target = self.index + delta
        if self.index >= len(items) or not 0 <= target < len(items):
            return
        items[self.index], items[target] = items[target], items[self.index]
        self.session.swap_unsaved_index(self.section, self.index, target)
        self.session.items_swapped(self.section, self.index, target)
        self.index = target
        self.session.changed()
        self.post_message(Edited())
        self.refresh_items()
        self.load_item()

    # --- findings -----------------------------------------------------------------------
    def focus_finding(self, finding: Finding, field: str | None = None) -> None:
        """Move the cursor to a finding: its item, its field, its words."""
        if finding.item is not None and finding.item < len(self.items):
            self.select_item(finding.item)
        name = finding.field or field or "what"
        widget = self.query_one(f"#{self.section}-{name}") if name in FIELD_LABELS[self.section] \
            else self.query_one(f"#{self.section}-what")
        widget.focus()
        if isinstance(widget, AnswerArea) and finding.start is not None and finding.end is not None:
            widget.select_offsets(finding.start, finding.end)
        self.query_one(FindingsPanel).highlight(finding)
        self.call_after_refresh(widget.scroll_visible)

    def focused_area(self) -> AnswerArea | None:
        focused = self.app.focused
        return focused if isinstance(focused, AnswerArea) and focused in self.query(AnswerArea) \
            else None


def _has_any(item) -> bool:  # noqa: ANN001
    return any(v not in (None, "") and not (isinstance(v, str) and not v.strip())
               for v in item.model_dump().values())
