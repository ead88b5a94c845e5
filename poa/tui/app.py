"""PoaApp: the drafting app, built by `build_app` (every path injectable) and run by `run_app`.

`poa` opens the start screen; `poa FILE` opens FILE, or starts a new draft
saved there when it does not exist yet. Before a draft opens, unsaved text in
the recovery journal is offered back.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from poa import startup_gc
from poa.errors import InputError
from poa.files.journal import Entry, Journal, describe_time
from poa.files.recent import RecentDrafts
from poa.files.userdata import data_dir as default_data_dir
from poa.tui.build_ahead import BUILD_AHEAD
from poa.tui.screens.draft import DraftScreen
from poa.tui.session import ABSENT, DraftSession, split_unsaved

# The start screen and the dialogs are imported where they are opened: `poa FILE` shows
# neither on its first screen.


class PoaApp(App[int]):
    """The drafting app. Holds where things are kept; the screens do the work."""

    CSS_PATH = "app.tcss"
    TITLE = "poa"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", tooltip="Save and quit", priority=True, id="quit"),
        Binding("f1", "help", "Help", tooltip="What the sections and findings mean", id="help"),
    ]

    def __init__(self, path: Path | None = None, *, data_dir: Path, cwd: Path,
                 clock: Callable[[], dt.datetime], check_delay: float = 0.3,
                 save_delay: float = 1.0, journal_every: float = 1.0,
                 build_ahead: float | None = BUILD_AHEAD) -> None:
        super().__init__()
        self.path = Path(path) if path is not None else None
        self.cwd = cwd
        self.clock = clock
        self.journal = Journal(data_dir / "journal")
        self.recent = RecentDrafts(data_dir)
        self.check_delay = check_delay
        self.save_delay = save_delay
        self.journal_every = journal_every
        self.build_ahead = build_ahead
        """Seconds of quiet before the drafting screen builds the steps not opened yet
        (poa/tui/build_ahead.py); None never builds ahead (tests of a cold first visit)."""

    async def on_event(self, event: events.Event) -> None:
        """Every key, click and paste reaches the app first: the drafting screen builds steps
        ahead only while there are none."""
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown,
                              events.MouseScrollUp, events.Paste)):
            screen = self.screen
            if isinstance(screen, DraftScreen):
                screen.seller_active()
        await super().on_event(event)

    def on_mount(self) -> None:
        path = self.path
        if path is None:
            self.show_start()
            return
        path = path if path.is_absolute() else self.cwd / path
        if path.exists() or self.journal.pending_for(path):
            self.open_draft(path, start_on_cancel=True)
        else:
            self.show_start()
            self.ask_new_plan(path, fixed=True)

    def on_ready(self) -> None:
        """The first screen is shown: the collector paused by `poa` may run again (startup_gc)."""
        startup_gc.resume(freeze=True)

    def show_start(self) -> None:
        from poa.tui.screens.start import StartScreen

        self.push_screen(StartScreen())

    # --- opening drafts ---------------------------------------------------------------
    def draft_screen(self) -> DraftScreen | None:
        return next((s for s in reversed(self.screen_stack) if isinstance(s, DraftScreen)), None)

    def ask_new_plan(self, path: Path | None = None, fixed: bool = False) -> None:
        """The new-plan dialog; a draft opens on the chosen kind and file."""
        from poa.rubric.compiled import known_kinds
        from poa.tui.screens.dialogs import NewPlan, NewPlanDialog

        def chosen(plan: NewPlan | None) -> None:
            if plan is not None:
                session = DraftSession.new(plan.path, plan.kind, self.journal, self.clock)
                self.recent.add(plan.path, self.clock())
                self.show_draft(session, initial="context",
                                note=f"New plan: your answers will be saved in {plan.path.name}.")

        self.push_screen(NewPlanDialog(known_kinds(), path or self._free_name(), self.cwd, fixed),
                         chosen)

    def _free_name(self) -> Path:
        for number in range(1, 1000):
            name = "plan-of-action.yaml" if number == 1 else f"plan-of-action-{number}.yaml"
            if not (self.cwd / name).exists():
                return self.cwd / name
        return self.cwd / "plan-of-action.yaml"

    def ask_open(self) -> None:
        from poa.tui.screens.dialogs import OpenDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.open_draft(path)

        self.push_screen(OpenDialog(self.cwd), chosen)

    def open_draft(self, path: Path, start_on_cancel: bool = False) -> None:
        """Open an answers file, first offering back unsaved text from the journal."""
        entry = self.journal.pending_for(path)
        if entry is None:
            self._open(path, None, start_on_cancel)
            return
        from poa.tui.screens.dialogs import ChoiceDialog

        when = describe_time(entry.written_at, self.clock())
        changed = ""
        if path.exists() and entry.base is not None:
            from poa.answers.file import fingerprint

            if fingerprint(path.read_text(encoding="utf-8", errors="replace")) != entry.base:
                changed = "\nThe file itself was changed since then."

        def chosen(choice: str | None) -> None:
            if choice == "recover":
                self._open(path, entry, start_on_cancel)
            elif choice == "discard":
                self.journal.discard(path)
                if path.exists():
                    self._open(path, None, start_on_cancel)
                elif start_on_cancel:
                    self.show_start()
                    self.ask_new_plan(path, fixed=True)
            elif start_on_cancel and not self._has_start():
                self.show_start()

        from poa.tui.recovery import preview

        shown = "\n".join(f"· {line}" for line in preview(entry.text, path))
        self.push_screen(ChoiceDialog(
            "Recover your unsaved changes?",
            f"{path.name} has changes that were not saved when poa last closed, written {when}:"
            f"\n{shown}{changed}",
            [("recover", f"Recover the changes from {when}"),
             ("discard", "Discard them" + (" and open the file as saved" if path.exists() else ""))]),
            chosen)

    def _has_start(self) -> bool:
        return any(_is_start(s) for s in self.screen_stack)

    def _open(self, path: Path, entry: Entry | None, start_on_cancel: bool) -> None:
        note = ""
        try:
            if path.exists():
                session = DraftSession.open(path, self.journal, self.clock)
                if entry is not None:
                    session.recover(entry.text)
            elif entry is not None:
                from poa.answers.file import parse_answers

                text, unsaved = split_unsaved(entry.text)
                answers = parse_answers(text, path).answers
                session = DraftSession(path, answers, ABSENT, self.journal, self.clock)
                session.unsaved = unsaved
                session.changed()
            else:
                return
        except InputError as err:
            if start_on_cancel and not self._has_start():
                self.show_start()
            self.notify("Cannot open it:\n" + "\n".join(str(p) for p in err.problems[:5]),
                        severity="error", timeout=15)
            return
        if entry is not None:
            note = (f"Recovered your changes from {describe_time(entry.written_at, self.clock())}. "
                    "They are being saved now.")
        self.recent.add(path, self.clock())
        self.show_draft(session, note=note)
        if entry is not None:
            self.call_after_refresh(self._save_recovered)

    def _save_recovered(self) -> None:
        screen = self.draft_screen()
        if screen is not None:
            screen.save_now()

    def show_draft(self, session: DraftSession, initial: str | None = None, note: str = "") -> None:
        screen = DraftScreen(session, cwd=self.cwd, check_delay=self.check_delay,
                             save_delay=self.save_delay, journal_every=self.journal_every,
                             initial=initial, note=note, build_ahead=self.build_ahead)
        if _is_start(self.screen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # --- app-wide actions -------------------------------------------------------------
    async def action_quit(self) -> None:
        """Ctrl+Q: save the draft (if one is open), then quit."""
        screen = self.draft_screen()
        if screen is None:
            self.exit(0)
            return
        await screen.request_quit()

    def on_exit_app(self) -> None:
        """Every way out (Ctrl+Q, or `poa serve`'s browser tab closed): nothing typed is lost."""
        screen = self.draft_screen()
        if screen is not None:
            screen.save_on_exit()

    def action_help(self) -> None:
        from poa.tui.screens.dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "The three sections and the findings, in plain words (F1)",
                            self.action_help)
        draft = self.draft_screen()
        if draft is not None:
            for title, help_text, callback in draft.commands():
                yield SystemCommand(title, help_text, callback)
        else:
            yield SystemCommand("New plan of action", "Pick the kind of suspension (Ctrl+N)",
                                self.ask_new_plan)
            yield SystemCommand("Open an answers file", "Open a .yaml file (Ctrl+O)", self.ask_open)


def _is_start(screen: Screen) -> bool:
    """Whether a screen is the start screen (without importing it for a draft opened directly)."""
    start = sys.modules.get("poa.tui.screens.start")
    return start is not None and isinstance(screen, start.StartScreen)


def build_app(path: Path | None = None, *, data_dir: Path | None = None, cwd: Path | None = None,
              clock: Callable[[], dt.datetime] | None = None, check_delay: float = 0.3,
              save_delay: float = 1.0, journal_every: float = 1.0,
              build_ahead: float | None = BUILD_AHEAD) -> PoaApp:
    """The app with everything it touches given explicitly (tests pass temporary folders)."""
    return PoaApp(path, data_dir=data_dir if data_dir is not None else default_data_dir(),
                  cwd=cwd if cwd is not None else Path.cwd(), clock=clock or dt.datetime.now,
                  check_delay=check_delay, save_delay=save_delay, journal_every=journal_every,
                  build_ahead=build_ahead)


def run_app(path: Path | None = None) -> int:
    """Run the drafting screen (called by `poa`, `poa FILE`, `poa edit FILE`); returns the exit code."""
    if path is not None and Path(path).is_file():
        from poa.answers.file import load_answers

        try:
            load_answers(Path(path))
        except InputError as err:
            for problem in err.problems:
                print(f"poa: {problem}", file=sys.stderr)
            return 2
    result = build_app(path).run()
    return result or 0
