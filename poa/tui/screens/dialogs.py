"""Typed modal dialogs: each returns its answer through dismiss(), Escape means 'no' or 'cancel'."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Markdown, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from poa.rubric.compiled import CompiledFile
from poa.tui.labels import shown_path, typed_path


def _literal(text: str | Content) -> Content:
    """Text shown as it is: a seller's words may hold [brackets] that are not markup."""
    return text if isinstance(text, Content) else Content(text)


SHORT = 30
"""Terminals with fewer rows get compact dialogs: buttons and lists without borders (80x24)."""


class Dialog(ModalScreen):
    """A centred box; Escape cancels. On a short terminal its widgets are compact, so the
    whole dialog, buttons included, fits 80x24."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    @property
    def short(self) -> bool:
        return self.app.size.height < SHORT

    def on_mount(self) -> None:
        self.set_class(self.short, "-short")

    def button(self, label: str, id: str, primary: bool = False) -> Button:  # noqa: A002
        return Button(label, id=id, variant="primary" if primary else "default",
                      compact=self.short)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(Dialog):
    """A yes/no question. Returns True for yes."""

    def __init__(self, title: str, text: str, yes: str = "Yes", no: str = "No",
                 safe: str = "no") -> None:
        super().__init__()
        self.title_text, self.text, self.yes, self.no = title, text, yes, no
        self.safe = safe
        """The answer focused first, 'yes' or 'no': the one that loses nothing."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.from_markup("[b]$t[/b]", t=self.title_text), classes="dialog-title")
            yield Static(_literal(self.text), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield self.button(self.no, "no", primary=self.safe == "no")
                yield self.button(self.yes, "yes", primary=self.safe == "yes")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(f"#{self.safe}", Button).focus()  # Enter (or a stray Space) does no harm

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_cancel(self) -> None:
        self.dismiss(False)


class ChoiceDialog(Dialog):
    """Several labelled choices as buttons. Returns the chosen id, or None on Escape."""

    def __init__(self, title: str, text: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text, self.text, self.choices = title, text, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.from_markup("[b]$t[/b]", t=self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-text-scroll"):
                yield Static(_literal(self.text), classes="dialog-text")
            with Vertical(classes="dialog-choices"):
                for number, (choice, label) in enumerate(self.choices):
                    yield self.button(label, choice, primary=number == 0)

    def on_mount(self) -> None:
        super().on_mount()
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


def kind_list(kinds: list[CompiledFile], compact: bool) -> OptionList:
    """The suspension kinds, each with its one line, as `poa kinds` prints them."""
    return OptionList(*[Option(Content.from_markup("[b]$title[/b]\n[$text-muted]$summary[/]",
                                                   title=k.title, summary=k.summary),
                               id=k.rubric) for k in kinds],
                      id="kinds", compact=compact)


class KindDialog(Dialog):
    """Choose the kind of suspension of an open draft. Returns the kind's id, or None."""

    def __init__(self, kinds: list[CompiledFile], current: str | None) -> None:
        super().__init__()
        self.kinds, self.current = kinds, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content.from_markup("[b]Which kind of suspension is it?[/b]"),
                         classes="dialog-title")
            yield Static("The notice from Amazon says. The questions and the checks follow the "
                         "kind; your answers stay as they are.", classes="dialog-text")
            yield kind_list(self.kinds, self.short)
            with Horizontal(classes="dialog-buttons"):
                yield self.button("Choose", "choose", primary=True)
                yield self.button("Cancel", "cancel")

    def on_mount(self) -> None:
        super().on_mount()
        kinds = self.query_one("#kinds", OptionList)
        ids = [k.rubric for k in self.kinds]
        kinds.highlighted = ids.index(self.current) if self.current in ids else 0
        kinds.focus()

    @on(OptionList.OptionSelected, "#kinds")
    def _kind_chosen(self) -> None:
        self._choose()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "choose":
            self._choose()
        else:
            self.dismiss(None)

    def _choose(self) -> None:
        highlighted = self.query_one("#kinds", OptionList).highlighted
        self.dismiss(None if highlighted is None else self.kinds[highlighted].rubric)


@dataclass(frozen=True)
class NewPlan:
    """What the new-plan dialog returns."""

    kind: str
    path: Path


class NewPlanDialog(Dialog):
    """Pick the suspension kind (one line on each) and where to save the answers."""

    def __init__(self, kinds: list[CompiledFile], path: Path, cwd: Path, fixed: bool = False) -> None:
        super().__init__()
        self.kinds, self.path, self.cwd, self.fixed = kinds, path, cwd, fixed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content.from_markup("[b]Start a new plan of action[/b]"),
                         classes="dialog-title")
            yield Label("Which kind of suspension is it? (the notice from Amazon says)")
            yield kind_list(self.kinds, self.short)
            with Horizontal(classes="dialog-row"):
                yield Label("Save the answers in ", classes="dialog-row-label")
                yield Input(shown_path(self.path, self.cwd), id="new-path", disabled=self.fixed,
                            compact=True)
            yield Static(classes="field-error", id="new-error")
            with Horizontal(classes="dialog-buttons"):
                yield self.button("Start", "create", primary=True)
                yield self.button("Cancel", "cancel")

    def on_mount(self) -> None:
        super().on_mount()
        kinds = self.query_one("#kinds", OptionList)
        kinds.highlighted = 0
        kinds.focus()

    @on(OptionList.OptionSelected, "#kinds")
    def _kind_chosen(self) -> None:
        self._start()

    @on(Input.Submitted, "#new-path")
    def _submitted(self) -> None:
        self._start()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self._start()
        else:
            self.dismiss(None)

    def _start(self) -> None:
        kinds = self.query_one("#kinds", OptionList)
        text = self.query_one("#new-path", Input).value
        error = self.query_one("#new-error", Static)
        if kinds.highlighted is None:
            error.update("Choose the kind of suspension first.")
            return
        if not text.strip():
            error.update("Type a file name for your answers, e.g. appeal.yaml.")
            return
        path = typed_path(text, self.cwd)
        if path.suffix.lower() not in (".yaml", ".yml"):
            path = path.with_name(path.name + ".yaml")
        if path.exists() and not self.fixed:
            error.update(f"{shown_path(path, self.cwd)} already exists: open it from the start "
                         "screen, or choose another name.")
            return
        if not path.parent.is_dir():
            error.update(f"There is no folder {shown_path(path.parent, self.cwd)}.")
            return
        self.dismiss(NewPlan(self.kinds[kinds.highlighted].rubric, path))


class OpenDialog(Dialog):
    """Type the answers file to open (the .yaml files of this folder are listed to pick from)."""

    def __init__(self, cwd: Path, error: str = "") -> None:
        super().__init__()
        self.cwd = cwd
        self.error = error

    def compose(self) -> ComposeResult:
        files = sorted(p for p in self.cwd.glob("*.y*ml") if p.is_file())[:50]
        with Vertical(classes="dialog wide"):
            yield Static(Content.from_markup("[b]Open an answers file[/b]"), classes="dialog-title")
            yield Label("File (a .yaml answers file)")
            yield Input(placeholder="e.g. appeal.yaml", id="open-path", compact=self.short)
            yield Static(self.error, classes="field-error", id="open-error")
            if files:
                yield Label("In this folder:")
                yield OptionList(*[Option(p.name, id=p.name) for p in files], id="open-files",
                                 compact=self.short)
            with Horizontal(classes="dialog-buttons"):
                yield self.button("Open", "open", primary=True)
                yield self.button("Cancel", "cancel")

    @on(OptionList.OptionHighlighted, "#open-files")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#open-path", Input).value = str(event.option.id)

    @on(OptionList.OptionSelected, "#open-files")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#open-path", Input).value = str(event.option.id)
        self._open()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._open()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "open":
            self._open()
        else:
            self.dismiss(None)

    def _open(self) -> None:
        text = self.query_one("#open-path", Input).value
        if not text.strip():
            self.query_one("#open-error", Static).update("Type the name of the answers file.")
            return
        path = typed_path(text, self.cwd)
        if not path.is_file():
            self.query_one("#open-error", Static).update(
                f"There is no file {shown_path(path, self.cwd)}.")
            return
        self.dismiss(path)


@dataclass(frozen=True)
class ExportChoice:
    """What the export dialog returns."""

    path: Path
    fmt: str
    """'md' or 'txt'."""


class ExportDialog(Dialog):
    """Choose Markdown or plain text and the file; proposes a name next to the answers file."""

    BINDINGS = [Binding("enter", "submit", "Export", show=False, priority=True)]

    def __init__(self, proposed: dict[str, Path], cwd: Path, not_ready: str = "") -> None:
        super().__init__()
        self.proposed, self.cwd, self.not_ready = proposed, cwd, not_ready

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content.from_markup("[b]Export the letter[/b]"), classes="dialog-title")
            if self.not_ready:
                yield Static(Content.from_markup("[$warning]$t[/]", t=self.not_ready),
                             classes="dialog-text")
            with RadioSet(id="format"):
                yield RadioButton("Plain text, to paste into Seller Central", value=True, id="txt")
                yield RadioButton("Markdown", id="md")
            with Horizontal(classes="dialog-row"):
                yield Label("Save it as ", classes="dialog-row-label")
                yield Input(shown_path(self.proposed["txt"], self.cwd), id="export-path",
                            compact=True, select_on_focus=False)
            yield Static(classes="field-error", id="export-note")
            with Horizontal(classes="dialog-buttons"):
                yield self.button("Export", "export", primary=True)
                yield self.button("Cancel", "cancel")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RadioSet).focus()  # a Space chooses a format; it cannot wipe the name
        self._note()

    @property
    def fmt(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.id if pressed is not None and pressed.id else "txt"

    @on(RadioSet.Changed)
    def _format_changed(self) -> None:
        field = self.query_one("#export-path", Input)
        shown = {fmt: shown_path(path, self.cwd) for fmt, path in self.proposed.items()}
        if field.value in shown.values():
            field.value = shown[self.fmt]
        self._note()

    @on(Input.Changed, "#export-path")
    def _note(self) -> None:
        text = self.query_one("#export-path", Input).value
        note = ""
        if text.strip() and typed_path(text, self.cwd).exists():
            note = "This file exists: it will be replaced (the old one is kept as .bak)."
        self.query_one("#export-note", Static).update(note)

    def action_submit(self) -> None:
        """Enter exports from the format list or the file name; on a button, it presses it."""
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
        else:
            self._export()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self._export()
        elif event.button.id == "cancel":
            self.dismiss(None)

    def _export(self) -> None:
        text = self.query_one("#export-path", Input).value
        if not text.strip():
            self.query_one("#export-note", Static).update("Type a file name.")
            return
        path = typed_path(text, self.cwd)
        if path.suffix.lower() in (".yaml", ".yml"):
            self.query_one("#export-note", Static).update(
                "That is an answers file name; the letter goes in a .txt or .md file.")
            return
        self.dismiss(ExportChoice(path, self.fmt))


class SaveAsDialog(Dialog):
    """Type another file name to save the answers under."""

    def __init__(self, proposed: Path, cwd: Path) -> None:
        super().__init__()
        self.proposed, self.cwd = proposed, cwd

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content.from_markup("[b]Save your answers under another name[/b]"),
                         classes="dialog-title")
            yield Input(shown_path(self.proposed, self.cwd), id="saveas-path", compact=True,
                        select_on_focus=False)
            yield Static(classes="field-error", id="saveas-error")
            with Horizontal(classes="dialog-buttons"):
                yield self.button("Save", "save", primary=True)
                yield self.button("Cancel", "cancel")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._save()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def _save(self) -> None:
        path = typed_path(self.query_one("#saveas-path", Input).value, self.cwd)
        if path.exists():
            self.query_one("#saveas-error", Static).update(
                f"{shown_path(path, self.cwd)} already exists; choose a new name.")
            return
        self.dismiss(path)


class ImportReportDialog(Dialog):
    """Type the path of a report (Valid Tracking Rate report, shipping confirmation file, CSV)."""

    def __init__(self, cwd: Path) -> None:
        super().__init__()
        self.cwd = cwd

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content.from_markup("[b]Import a report[/b]"), classes="dialog-title")
            yield Static("Amazon's Valid Tracking Rate report, your shipping confirmation file, or a "
                         "shipping tool's CSV. poa reads only the order, date, category, carrier and "
                         "tracking columns.", classes="dialog-text")
            yield Input(placeholder="e.g. vtr-report.txt", id="report-path")
            yield Static(classes="field-error", id="report-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import", variant="primary", id="import")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._import()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "import":
            self._import()
        else:
            self.dismiss(None)

    def _import(self) -> None:
        text = self.query_one("#report-path", Input).value
        path = typed_path(text, self.cwd)
        if not text.strip() or not path.is_file():
            self.query_one("#report-error", Static).update("Type the name of a report file that exists.")
            return
        self.dismiss(path)


class HelpScreen(Dialog):
    """F1: the three sections and the rubric in plain words, and the keys."""

    BINDINGS = [Binding("escape,f1,q", "cancel", "Close", id="close-help")]

    def compose(self) -> ComposeResult:
        text = (Path(__file__).parent.parent / "help.md").read_text(encoding="utf-8")
        with VerticalScroll(classes="dialog help"):
            yield Markdown(text)
            yield Button("Close (Esc)", id="close")

    @on(Button.Pressed)
    def _close(self) -> None:
        self.dismiss(None)


class DismissDialog(Dialog):
    """Dismiss a finding: a short reason is required. Returns the reason, or None (Cancel, Escape)."""

    def __init__(self, rule: str, place: str, message: str, check=None) -> None:  # noqa: ANN001
        super().__init__()
        self.rule, self.place, self.message = rule, place, message
        self.check = check
        """Why a reason cannot be kept (None when it can): the core's rule, given by the screen."""

    def compose(self) -> ComposeResult:
        message = self.message if len(self.message) <= 160 else self.message[:157] + "…"
        with Vertical(classes="dialog"):
            yield Static(Content.from_markup("[b]Dismiss this finding?[/b]"), classes="dialog-title")
            yield Static(Content.from_markup("[b]$rule[/b][$text-muted]  $place[/]\n$message",
                                             rule=self.rule, place=self.place, message=message),
                         classes="dialog-text")
            yield Label("Why it does not apply: a short reason, kept in the answers file")
            yield Input(placeholder="e.g. our shipping software uploads tracking itself",
                        max_length=300, id="dismiss-reason")
            yield Static(classes="field-error", id="dismiss-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Dismiss", variant="primary", id="dismiss")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#dismiss-reason", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._dismiss()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "dismiss":
            self._dismiss()
        else:
            self.dismiss(None)

    def _dismiss(self) -> None:
        reason = self.query_one("#dismiss-reason", Input).value
        problem = self.check(reason) if self.check else (None if reason.strip() else "Type a reason.")
        if problem:
            self.query_one("#dismiss-error", Static).update(problem)
            return
        self.dismiss(reason.strip())
