"""The start screen (`poa` with no file): a new plan, open a file, recover or reopen a draft."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from poa.files.journal import describe_time
from poa.tui.labels import shown_path
from poa.tui.widgets.footer import KeyFooter

INTRO = ("poa helps you write the Plan of Action Amazon asks for: the root cause, what you "
         "already fixed, and what you changed for good. It checks every answer the way "
         "reviewers read it, and gives you the letter to paste into Seller Central. "
         "Everything stays on this computer.")


class StartScreen(Screen):
    """One menu: new plan, open a file, unsaved drafts to recover, recent drafts."""

    BINDINGS = [
        Binding("ctrl+n", "new_plan", "New plan", tooltip="Start a new plan of action",
                id="new-plan"),
        Binding("ctrl+o", "open_file", "Open file", tooltip="Open an answers file", id="open-file"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.targets: dict[str, tuple[str, Path | None]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static(Content.from_markup("[b]poa[/b]  ·  draft a Plan of Action Amazon will "
                                             "accept"), id="start-title")
            yield Static(INTRO, id="start-intro")
            yield OptionList(id="start-menu")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_menu()
        self.query_one("#start-menu").focus()

    def refresh_menu(self) -> None:
        """Build the menu from the journal and the recent list (both may change between visits)."""
        app = self.app
        now = app.clock()
        options: list[Option | None] = []
        self.targets = {}

        def add(key: str, prompt: Content, action: str, path: Path | None = None,
                disabled: bool = False) -> None:
            self.targets[key] = (action, path)
            options.append(Option(prompt, id=key, disabled=disabled))

        add("new", Content.from_markup("[b]Start a new plan of action[/b]  [$text-muted]Ctrl+N[/]\n"
                                       "[$text-muted]Pick your kind of suspension, then answer "
                                       "the reviewers' questions.[/]"), "new")
        add("open", Content.from_markup("[b]Open an answers file…[/b]  [$text-muted]Ctrl+O[/]\n"
                                        "[$text-muted]A .yaml file written by poa.[/]"), "open")
        pending = app.journal.pending()
        if pending:
            options.append(None)
            add("h-recover", Content.from_markup("[b $warning]Not saved when poa last closed[/]"),
                "", disabled=True)
            for number, entry in enumerate(pending):
                add(f"recover-{number}", Content.from_markup(
                    "$name  [$text-muted]unsaved changes from $when · $where[/]",
                    name=entry.path.name, when=describe_time(entry.written_at, now),
                    where=shown_path(entry.path, app.cwd)), "open", entry.path)
        recent = [r for r in app.recent.list() if r.path not in {e.path for e in pending}]
        if recent:
            options.append(None)
            add("h-recent", Content.from_markup("[b]Recent drafts[/b]"), "", disabled=True)
            for number, draft in enumerate(recent):
                add(f"recent-{number}", Content.from_markup(
                    "$name  [$text-muted]opened $when · $where[/]", name=draft.path.name,
                    when=describe_time(draft.opened_at, now),
                    where=shown_path(draft.path, app.cwd)), "open", draft.path)
        menu = self.query_one("#start-menu", OptionList)
        menu.set_options(options)
        menu.highlighted = 0

    @on(OptionList.OptionSelected, "#start-menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        action, path = self.targets.get(event.option.id or "", ("", None))
        if action == "new":
            self.action_new_plan()
        elif action == "open" and path is None:
            self.action_open_file()
        elif action == "open" and path is not None:
            self.app.open_draft(path)

    def action_new_plan(self) -> None:
        self.app.ask_new_plan()

    def action_open_file(self) -> None:
        self.app.ask_open()
