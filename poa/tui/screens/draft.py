"""The drafting screen: one tab per step, findings beside the answers, saved after every pause.

Only the step shown first is built with the screen; each other step is built
(mounted) the first time it is opened, and the letter is rendered only on the
review step. So the first screen costs one step, not five (~300 widgets). A step's
widgets live as long as the screen: once built they are kept out of the cycle
collector's full scans (poa.startup_gc.settle), which had stalled step changes.

After each edit two timers restart: a short one re-checks the draft and keeps
the unsaved text in the recovery journal, a longer one saves the answers file.
Typing that never pauses restarts them forever, so a third timer, started by the
first edit after a journal write and never restarted, writes the journal every
`journal_every` seconds (1; at most 2 was asked for) while the seller types: a
killed terminal loses at most that much, plus the keys not handled yet. A journal
write is the whole file's text, about 6 ms for the bundled example.
Changing step, exporting and quitting save at once. A file changed on disk is
never overwritten silently: the seller is asked.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
import time
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import AwaitMount, Widget
from textual.widgets import TabbedContent, TabPane

from poa import startup_gc
from poa.answers.model import SECTIONS
from poa.errors import InputError
from poa.rubric.finding import Finding, Report
from poa.tui.build_ahead import BUILD_AHEAD, BuildAhead
from poa.tui.labels import (
    FIELD_LABELS,
    STATUS_MARK,
    STATUS_STYLE,
    STEP_TITLES,
    answer_name,
    plural,
    shown_path,
)
from poa.tui.session import ABSENT, ConflictError, DraftSession
from poa.tui.widgets.findings import FindingsPanel
from poa.tui.widgets.footer import KeyFooter
from poa.tui.widgets.step_common import Edited
from poa.tui.widgets.step_pane import StepPane
from poa.tui.widgets.title_bar import TitleBar, save_state, title_text
from poa.workflow.status import STEPS, findings_for, step_of, step_status

# Dialogs and the editors of the other steps are imported when first needed, so the
# first screen loads only what it shows.

ALL_STEPS = (*STEPS, "review")


def set_width_class(screen: Screen) -> None:
    """Give a screen its width class (-wide or -narrow) before its widgets exist.

    Textual sets it on the screen's first resize, by which time every widget is
    mounted, and so restyles them all once more; set now, that resize changes nothing.
    """
    breakpoints = screen.HORIZONTAL_BREAKPOINTS or screen.app.HORIZONTAL_BREAKPOINTS or []
    width = screen.app.size.width
    wanted = next((name for at, name in sorted(breakpoints, reverse=True) if width >= at), None)
    screen.update_classes({name: name == wanted for _, name in breakpoints}, animate=False)


def first_step(session: DraftSession) -> str:
    """Where to start: the first step holding text poa could not accept (offered back from
    the journal); the Context step, where the kind is chosen, when it is not set (a letter
    imported of no known kind); else the first step that is not ready (the review when all are)."""
    if session.unsaved:
        head = min(session.unsaved, key=lambda p: STEPS.index(p.split(".")[0])
                   if p.split(".")[0] in STEPS else 0).split(".")[0]
        return head if head in SECTIONS else "context"
    if session.rubric.kind_info is None:
        return "context"
    for step in STEPS:
        if step_status(session.report, session.answers, step) != "ready":
            return step
    return "review"


class DraftScreen(Screen):
    """Context, the three sections and the review, as tabs."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the answers file now", id="save"),
        Binding("ctrl+e", "export", "Export", tooltip="Export the letter to a file",
                priority=True, id="export"),
        Binding("ctrl+n", "next_step", "Next", tooltip="Go to the next step", priority=True,
                id="next-step"),
        Binding("ctrl+b", "previous_step", "Back", tooltip="Go to the previous step",
                priority=True, id="previous-step"),
        Binding("ctrl+g", "next_finding", "Next finding",
                tooltip="Put the cursor on the next finding of this step", id="next-finding"),
        Binding("ctrl+l", "copy_letter", "Copy letter",
                tooltip="Copy the letter as plain text to the clipboard", id="copy-letter"),
        Binding("ctrl+r", "import_report", "Import report", show=False,
                tooltip="Read a report: the rate, the dates, the affected orders", id="import-report"),
        Binding("f4", "external_editor", "Editor", tooltip="Edit this answer in your own editor",
                id="external-editor"),
    ]

    def __init__(self, session: DraftSession, *, cwd: Path, check_delay: float = 0.3,
                 save_delay: float = 1.0, journal_every: float = 1.0, initial: str | None = None,
                 note: str = "", build_ahead: float | None = BUILD_AHEAD) -> None:
        super().__init__()
        self.session = session
        self.cwd = cwd
        self.check_delay = check_delay
        self.save_delay = save_delay
        self.journal_every = journal_every
        self.initial = initial or first_step(session)
        self.note = note
        self._check_timer: Timer | None = None
        self._save_timer: Timer | None = None
        self._journal_timer: Timer | None = None
        """Runs while edits are not journalled yet; not restarted by further edits."""
        self.journals = 0
        """How many journal writes were made while typing (tests wait on it)."""
        self.problem = ""
        """Why saving is stopped (shown in the title), e.g. the file changed on disk."""
        self.blocked = False
        self.checks = 0
        """How many checks ran (tests and the benchmark wait on it)."""
        self.switches = 0
        """How many step changes were handled (the benchmark waits on it)."""
        self.last_check_ms = 0.0
        """Time from the end of the pause in typing to the findings shown (benchmark)."""
        self._finding_cursor: dict[str, int] = {}
        self._step = self.initial
        self._wanted: str | None = None
        """The step asked for by goto_step while it is still being built."""
        self._title: Content | None = None
        self._steps: dict[str, Widget] = {}
        """Step widgets built so far (a step is built the first time it is shown)."""
        self._mounting: dict[str, AwaitMount] = {}
        self._ready: set[str] = set()
        """Steps whose widgets are mounted and showing the latest report."""
        self.ahead = BuildAhead(self, build_ahead, self._not_built, self.build_step)
        """Builds the steps not opened yet while the seller reads (poa/tui/build_ahead.py)."""

    # --- layout -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        set_width_class(self)
        yield TitleBar(id="title")
        labels = self.tab_labels(self.session.report)  # with their marks from the start
        with TabbedContent(initial=self.initial, id="steps"):
            for step in ALL_STEPS:
                with StepPane(labels[step], id=step):
                    if step == self.initial:
                        yield self._build_step(step)
        yield KeyFooter()

    async def on_mount(self) -> None:
        self._ready.add(self.initial)
        await self.show_report(self.session.report)
        if self.note:
            self.notify(self.note, timeout=8)
        if self.session.settings_problem:
            self.notify(f"Settings not applied: {self.session.settings_problem}", severity="warning",
                        timeout=10)
        self.call_after_refresh(self._focus_step)
        self.ahead.restart()

    def seller_active(self) -> None:
        """A key, click or paste (the app tells): building ahead waits for the next quiet."""
        self.ahead.restart()

    def _not_built(self) -> list[str]:
        """The steps never built, the ones after the step shown first (Ctrl+N's order)."""
        at = ALL_STEPS.index(self._wanted or self.step)
        return [step for step in (*ALL_STEPS[at + 1:], *ALL_STEPS[:at])
                if step not in self._ready and step not in self._mounting]

    def _build_step(self, step: str) -> Widget:
        """The widget of one step (its module is imported only when the step is first shown)."""
        if step == "context":
            from poa.tui.widgets.context_step import ContextStep

            widget: Widget = ContextStep(self.session, id="step-context")
        elif step == "review":
            from poa.tui.widgets.review_step import ReviewStep

            widget = ReviewStep(self.session, id="step-review")
        else:
            from poa.tui.widgets.section_step import SectionStep

            widget = SectionStep(step, self.session, id=f"step-{step}")
        self._steps[step] = widget
        return widget

    async def build_step(self, step: str) -> None:
        """Mount a step's widgets if it was never shown, showing the latest report in them."""
        if step in self._ready:
            return
        if step not in self._mounting:
            widget = self._steps.get(step) or self._build_step(step)
            self._mounting[step] = self.query_one(f"TabPane#{step}", TabPane).mount(widget)
        await self._mounting[step]
        if step in self._ready:
            return
        if not self.is_attached or not self._steps[step].children:
            return  # the screen was taken down (the app closing) while the step was built
        self._ready.add(step)
        startup_gc.settle()  # the step's widgets live as long as the screen
        if step in STEPS:
            self._steps[step].show_report(self.session.report)

    def step_widget(self, step: str):  # noqa: ANN201
        """The widget of a step that was shown (raises NoMatches for a step never opened)."""
        return self.query_one(f"#step-{step}")

    def built_steps(self) -> list[str]:
        """The steps whose widgets exist, in order."""
        return [step for step in ALL_STEPS if step in self._ready]

    @property
    def step(self) -> str:
        return self.query_one(TabbedContent).active or self.initial

    # --- findings ---------------------------------------------------------------------
    async def show_report(self, report: Report) -> None:
        """Show a report everywhere: panels, marks, tab labels, the title."""
        for step in self.built_steps():
            if step in STEPS:
                self.step_widget(step).show_report(report)
        if self.step == "review" and "review" in self._ready:
            await self.step_widget("review").show_report(report)
        tabs = self.query_one(TabbedContent)
        for step, label in self.tab_labels(report).items():
            tab = tabs.get_tab(step)
            if tab.label != label:  # a new label lays the tabs out again
                tab.label = label
        self.update_title()

    def tab_labels(self, report: Report) -> dict[str, Content]:
        """Each step's tab: its title and a mark (○ empty, ● needs work, ✔ ready)."""
        labels = {}
        for step in STEPS:
            status = step_status(report, self.session.answers, step)
            labels[step] = Content(STEP_TITLES[step] + " ") + Content.from_markup(
                f"[{STATUS_STYLE[status]}]{STATUS_MARK[status]}[/]")
        review_mark = "[$success]✔[/]" if report.ready else "[$error]✖[/]"
        labels["review"] = Content("Review ") + Content.from_markup(review_mark)
        return labels

    def update_title(self) -> None:
        session = self.session
        kind = session.rubric.kind_info.title if session.rubric.kind_info else \
            "kind not set (choose it in Context)"
        problem = self.problem
        if not problem and session.unsaved:
            problem = plural(len(session.unsaved), "answer") + " not accepted yet"
        state = save_state(session.dirty, session.saved_at, session.expected != ABSENT, problem)
        text = title_text(kind, session.answers.context.category, shown_path(session.path, self.cwd),
                          state)
        if text != self._title:  # an update re-lays out the screen: not on every key
            self._title = text
            self.query_one(TitleBar).update(text)

    @on(Edited)
    def _edited(self, event: Edited) -> None:
        event.stop()
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(self.check_delay, self._after_pause)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(self.save_delay, self._autosave)
        self.ahead.restart()
        if self._journal_timer is None:
            self._journal_timer = self.set_timer(self.journal_every, self._journal_while_typing)
        self.update_title()

    def _journal_while_typing(self) -> None:
        """Steady typing, no pause yet: keep what is typed so far in the journal."""
        self._journal_timer = None
        self._journal(tell=True)
        self.journals += 1

    async def _after_pause(self) -> None:
        """The seller paused: check the draft, show the findings, journal the text."""
        self._check_timer = None
        started = time.perf_counter()
        report = self.session.check()
        await self.show_report(report)
        self.last_check_ms = (time.perf_counter() - started) * 1000
        self.checks += 1
        self._journal(tell=True)

    async def check_now(self) -> None:
        """Run a pending check at once (before leaving a step, saving or exporting)."""
        if self._check_timer is not None:
            self._check_timer.stop()
            await self._after_pause()

    def sync(self) -> None:
        """Read every editor into the answers (keys may still be in flight)."""
        for step in self.built_steps():
            if step in STEPS:
                self.step_widget(step).sync()

    # --- saving -----------------------------------------------------------------------
    def _autosave(self) -> None:
        self._save_timer = None
        if not self.blocked:
            self.save_now()

    def save_now(self, ask: bool = True) -> str | None:
        """Save if there are changes; returns None when saved, else 'conflict' or the OS error."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not self.session.dirty:
            return None
        try:
            self.session.save()
        except ConflictError:
            self.problem = "not saved: the file changed on disk (Ctrl+S)"
            self.blocked = True
            self._journal()
            self.update_title()
            if ask and not self.app.screen.is_modal:
                self.ask_conflict()
            return "conflict"
        except (OSError, InputError) as err:
            # The file system refused (full disk, no permission), or poa did: the path is a
            # link or a folder. The text stays in the journal either way.
            reason = err.strerror if isinstance(err, OSError) else err.problems[0].message
            self.problem = f"not saved: {reason}"
            self._journal()
            self.update_title()
            self.notify(f"Could not save {self.session.path.name}: {reason}. Your text is kept "
                        "and poa will offer it back next time.", severity="error", timeout=10)
            return reason or "error"
        self.problem = ""
        self.blocked = False
        self.update_title()
        return None

    def save_on_exit(self) -> None:
        """The app is closing without Ctrl+Q (the browser tab of `poa serve` closed): save what
        can be saved, asking nothing; what cannot stays in the journal."""
        try:
            self.sync()
        except Exception:  # noqa: BLE001 - widgets half torn down: the answers are as last typed
            pass
        if self.save_now(ask=False) is not None or self.session.unsaved:
            self._journal()

    def _journal(self, tell: bool = False) -> None:
        """Write the recovery journal now; the timer of steady typing starts again at the next edit."""
        if self._journal_timer is not None:
            self._journal_timer.stop()
            self._journal_timer = None
        try:
            self.session.record_journal()
        except OSError as err:
            if tell:
                self.notify(f"Could not keep a recovery copy: {err.strerror}", severity="warning")

    def ask_conflict(self, then=None) -> None:  # noqa: ANN001
        """The file changed on disk: ask what to do; `then(saved)` runs after the choice."""
        from poa.tui.screens.dialogs import ChoiceDialog

        name = self.session.path.name

        def chosen(choice: str | None) -> None:
            saved = False
            if choice == "overwrite":
                self.session.save(overwrite=True)
                saved = True
            elif choice == "save_as":
                self.ask_save_as(then)
                return
            elif choice == "reload":
                self.session.reload()
                self.app.switch_screen(DraftScreen(self.session, cwd=self.cwd,
                                                   check_delay=self.check_delay,
                                                   save_delay=self.save_delay,
                                                   journal_every=self.journal_every,
                                                   initial=self.step,
                                                   build_ahead=self.ahead.delay))
                return
            if saved:
                self.problem = ""
                self.blocked = False
                self.update_title()
                self.notify(f"Saved. The other version is kept as {name}.bak.")
            if then is not None:
                then(saved)

        self.app.push_screen(ChoiceDialog(
            f"{name} was changed outside poa",
            f"Since poa opened {name}, something else changed it (another program, or poa in "
            "another window). poa has not overwritten it. Your text is safe until you choose.",
            [("overwrite", f"Keep my version (the other one is kept as {name}.bak)"),
             ("save_as", "Save my version under another name"),
             ("reload", "Load the version on disk (drop my unsaved changes)"),
             ("later", "Decide later (saving is paused)")]), chosen)

    def ask_save_as(self, then=None) -> None:  # noqa: ANN001
        from poa.tui.screens.dialogs import SaveAsDialog

        path = self.session.path
        proposed = path.with_name(f"{path.stem}-mine{path.suffix}")

        def chosen(new: Path | None) -> None:
            if new is None:
                if then is not None:
                    then(False)
                return
            try:
                self.session.save_as(new)
            except OSError as err:
                self.notify(f"Could not save {new.name}: {err.strerror}", severity="error")
                if then is not None:
                    then(False)
                return
            self.problem = ""
            self.blocked = False
            self.app.recent.add(new, self.session.clock())
            self.update_title()
            self.notify(f"Saved as {shown_path(new, self.cwd)}; poa now saves there.")
            if then is not None:
                then(True)

        self.app.push_screen(SaveAsDialog(proposed, self.cwd), chosen)

    async def action_save(self) -> None:
        """Ctrl+S: save now (and, after a conflict, ask again)."""
        self.sync()
        await self.check_now()
        self.blocked = False
        result = self.save_now()
        if result is None:
            self.notify(f"Saved {self.session.path.name}.", timeout=2)

    async def request_quit(self) -> None:
        """Save, then quit; if saving fails, say so and let the seller choose."""
        await self.ahead.finish()
        self.sync()
        await self.check_now()
        self.blocked = False
        result = self.save_now(ask=False)
        if result is None and self.session.unsaved:
            self._ask_quit_with_refused()
            return
        if result is None:
            self.app.exit(0)
            return
        conflict = result == "conflict"

        def chosen(choice: str | None) -> None:
            if choice == "quit":
                self.app.exit(0)
            elif choice == "overwrite":
                self.session.save(overwrite=True)
                self.app.exit(0)
            elif choice == "save_as":
                self.ask_save_as(lambda saved: self.app.exit(0) if saved else None)

        reason = ("it was changed outside poa since you opened it" if conflict
                  else f"of an error: {result}")
        choices = [("save_as", "Save my version under another name")]
        if conflict:
            choices.insert(0, ("overwrite", "Keep my version (the other one is kept as .bak)"))
        choices += [("quit", "Quit; offer my text back next time"), ("stay", "Stay in poa")]
        from poa.tui.screens.dialogs import ChoiceDialog

        while len(self.app.screen_stack) > 1 and self.app.screen.is_modal:
            self.app.pop_screen()
        self.app.push_screen(ChoiceDialog(
            f"Your answers are not saved to {self.session.path.name}",
            f"poa could not save because {reason}. Nothing is lost: your text is kept, and poa "
            "offers it back the next time it starts.", choices), chosen)

    def _ask_quit_with_refused(self) -> None:
        """Quitting with text the model refused: it cannot be saved in the file, so ask."""
        from poa.tui.screens.dialogs import ChoiceDialog

        self._journal()  # whatever is chosen, the journal holds it from now on
        listed = "\n".join(f"· {answer_name(path)}: {text!r}"
                           for path, text in sorted(self.session.unsaved.items()))

        def chosen(choice: str | None) -> None:
            if choice == "quit":
                self.app.exit(0)
            elif choice == "fix":
                self.goto_step(self._step_of_path(min(self.session.unsaved)))

        while len(self.app.screen_stack) > 1 and self.app.screen.is_modal:
            self.app.pop_screen()
        self.app.push_screen(ChoiceDialog(
            "Some answers are not accepted yet",
            "poa saved your answers, but these are not in a form it can save, so they are not in "
            f"{self.session.path.name}:\n{listed}\nThey are kept: if you quit now, poa offers them "
            "back the next time you open this file.",
            [("fix", "Go back and correct them"), ("quit", "Quit; offer them back next time")]),
            chosen)

    @staticmethod
    def _step_of_path(path: str) -> str:
        head = path.split(".")[0]
        return head if head in SECTIONS else "context"

    # --- steps ------------------------------------------------------------------------
    @on(TabbedContent.TabActivated)
    async def _step_changed(self, event: TabbedContent.TabActivated) -> None:
        new = event.pane.id or ""
        old, self._step = self._step, new
        if old == new:
            self.switches += 1
            return
        await self.build_step(new)  # a tab clicked: built now (goto_step builds it first)
        if old in STEPS:
            self.step_widget(old).sync()
        if old in SECTIONS:
            self._drop_blank_items(old)
        await self.check_now()
        if not self.blocked:
            self.save_now()
        if new == "review":
            await self.step_widget("review").show_report(self.session.report)
        self.switches += 1
        self.ahead.restart()

    def _focus_step(self) -> None:
        """The cursor to the step's first answer, the step shown from its top (no scrolling:
        Textual would centre the box, animated, in the frames after the step appears)."""
        step = self.step
        if step in SECTIONS:
            self.query_one(f"#{step}-what").focus(scroll_visible=False)
        elif step == "context":
            first = "#ctx-kind" if self.session.rubric.kind_info is None else "#ctx-context-seller"
            self.query_one(first).focus(scroll_visible=False)
        else:
            self.query_one("#findings-review FindingsList").focus(scroll_visible=False)

    def goto_step(self, step: str, then=None) -> None:  # noqa: ANN001
        """Show a step (built first if it never was), then run `then` (default: focus it)."""
        then = then or self._focus_step
        self.ahead.restart()
        if step in self._ready:
            self._wanted = None
            self._activate(step)
            then()  # in the same frame: a focus moved after the refresh lays the step out again
            return
        self._wanted = step

        async def show() -> None:
            await self.build_step(step)
            if self._wanted == step:
                self._wanted = None
                self._activate(step)
                then()

        self.call_later(show)

    def _activate(self, step: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active != step:
            # Not left on a widget of the step being hidden: Textual would move the focus to
            # one of its siblings, and focusing a widget in a hidden tab shows that tab again.
            self.set_focus(None)
            tabs.active = step

    def action_next_step(self) -> None:
        index = ALL_STEPS.index(self._wanted or self.step)
        if index + 1 < len(ALL_STEPS):
            self.goto_step(ALL_STEPS[index + 1])

    def action_previous_step(self) -> None:
        index = ALL_STEPS.index(self._wanted or self.step)
        if index > 0:
            self.goto_step(ALL_STEPS[index - 1])

    # --- findings ---------------------------------------------------------------------
    @on(FindingsPanel.Chosen)
    def _finding_chosen(self, event: FindingsPanel.Chosen) -> None:
        event.stop()
        self.goto_finding(event.finding)

    def goto_finding(self, finding: Finding) -> None:
        """Open the finding's step and put the cursor on its words (or on the answer it needs)."""
        step = step_of(finding)
        hint = self._answer_for(finding)
        self.goto_step(step, lambda: self.step_widget(step).focus_finding(finding, hint))

    def _answer_for(self, finding: Finding) -> str | None:
        """The answer that would settle a finding about something missing (from the rule)."""
        rule = next((r for r in self.session.rubric.rules if r.id == finding.rule), None)
        if rule is None:
            return None
        path = getattr(rule, "path", None)
        if path:
            return path
        for candidate in getattr(rule, "satisfied_by", []) or []:
            if finding.section in FIELD_LABELS and candidate in FIELD_LABELS[finding.section]:
                return candidate
            if "." in candidate:
                return candidate.split(".*")[0]
        return None

    # --- overruling findings -------------------------------------------------------------
    @on(FindingsPanel.DismissAsked)
    def _dismiss_asked(self, event: FindingsPanel.DismissAsked) -> None:
        event.stop()
        self.ask_dismiss(event.finding)

    @on(FindingsPanel.RestoreAsked)
    def _restore_asked(self, event: FindingsPanel.RestoreAsked) -> None:
        event.stop()
        self.restore(event.dismissed)

    def ask_dismiss(self, finding: Finding) -> None:
        """Ask for a short reason, then keep the dismissal in the answers; Cancel keeps the finding."""
        from poa.tui.screens.dialogs import DismissDialog
        from poa.tui.widgets.findings import where
        from poa.workflow.dismiss import reason_problem

        def chosen(reason: str | None) -> None:
            if reason is None:
                return
            self.session.dismiss(finding, reason)
            self._overruled()
            self.notify("Dismissed: it is listed under “Dismissed” and no longer counted. "
                        "r on it restores it.", timeout=4)

        place = where(finding, with_step=True)
        self.app.push_screen(DismissDialog(finding.rule, place, finding.message, reason_problem),
                             chosen)

    def restore(self, dismissed) -> None:  # noqa: ANN001 - an overrule.Dismissed
        """Count a dismissed finding again; one switched off by a setting or --ignore says where."""
        if not self.session.restore(dismissed):
            self.notify(f"Not dismissed in this file: {dismissed.reason}. Change it there.",
                        severity="warning", timeout=6)
            return
        self._overruled()
        self.notify("Restored: the finding counts again.", timeout=3)

    def _overruled(self) -> None:
        """A dismissal was added or removed: show the new report, save soon (as after typing)."""
        self.call_later(self.show_report, self.session.report)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(self.save_delay, self._autosave)
        self.update_title()

    def highlighted_finding(self):  # noqa: ANN201
        """The finding (or dismissed finding) under the cursor of this step's findings list."""
        try:
            panel = self.query_one(f"#findings-{self.step}", FindingsPanel)
        except Exception:  # noqa: BLE001 - a step not built yet
            return None
        return panel.highlighted()

    def _dismiss_highlighted(self) -> None:
        from poa.rubric.overrule import Dismissed

        chosen = self.highlighted_finding()
        if chosen is None or isinstance(chosen, Dismissed):
            self.notify("Highlight a finding in the findings list first (Tab to it), then "
                        "press d.", timeout=4)
            return
        self.ask_dismiss(chosen)

    def _restore_highlighted(self) -> None:
        from poa.rubric.overrule import Dismissed

        chosen = self.highlighted_finding()
        if isinstance(chosen, Dismissed):
            self.restore(chosen)
        elif self.session.report.dismissed:
            self.notify("Highlight a finding under “Dismissed” first, then press r.", timeout=4)
        else:
            self.notify("Nothing is dismissed.", timeout=3)

    def action_next_finding(self) -> None:
        """Ctrl+G: the cursor goes to the next finding of this step, round and round."""
        step = self.step
        findings = self.session.report.findings if step == "review" else \
            findings_for(self.session.report, step)
        if not findings:
            self.notify("No findings here.", timeout=2)
            return
        index = (self._finding_cursor.get(step, -1) + 1) % len(findings)
        self._finding_cursor[step] = index
        self.goto_finding(findings[index])

    # --- the letter -------------------------------------------------------------------
    async def _ready_letter(self) -> None:
        """Before the letter leaves poa: no empty items, checked, saved (so it equals `poa render`)."""
        self.sync()
        for section in SECTIONS:
            self._drop_blank_items(section)
        await self.check_now()
        if not self.blocked:
            self.save_now()

    def _drop_blank_items(self, section: str) -> None:
        """Remove items left empty (they would be empty numbered lines in the letter), then re-check."""
        if not self.session.drop_blank_items(section):
            return
        if section in self._ready:
            step = self.step_widget(section)
            step.index = min(step.index, max(len(step.items) - 1, 0))
            step.refresh_items()
            step.load_item()
        if self._check_timer is None:
            self._check_timer = self.set_timer(0, self._after_pause)

    async def action_export(self) -> None:
        """Ctrl+E: choose plain text or Markdown and the file."""
        from poa.tui.screens.dialogs import ExportDialog

        await self._ready_letter()
        report = self.session.report
        not_ready = "" if report.ready else (
            f"Not ready yet: {plural(report.counts['error'], 'error')}. You can export it now, but "
            "fix the errors before you send it.")
        self.app.push_screen(ExportDialog({"txt": self.session.export_path("txt"),
                                           "md": self.session.export_path("md")},
                                          self.cwd, not_ready), self._export_to)

    def export_as(self, fmt: str) -> None:
        """Palette entries: export in one format straight away (to the proposed file)."""
        from poa.tui.screens.dialogs import ExportChoice

        self._export_to(ExportChoice(self.session.export_path(fmt), fmt))

    def _export_to(self, choice) -> None:  # noqa: ANN001 - an ExportChoice or None
        if choice is None:
            return
        try:
            self.session.export(choice.path, choice.fmt)
        except (OSError, InputError) as err:
            self.notify(f"Could not write {choice.path.name}: {err}", severity="error", timeout=10)
            return
        what = "Markdown" if choice.fmt == "md" else "plain text"
        if self.app.is_web:  # `poa serve`: the browser downloads it too, byte for byte the file
            import io

            text = choice.path.read_text(encoding="utf-8")
            self.app.deliver_text(io.StringIO(text), save_filename=choice.path.name,
                                  mime_type="text/markdown" if choice.fmt == "md" else "text/plain",
                                  encoding="utf-8")
            self.notify(f"Your browser is downloading the letter as {what} ({choice.path.name}); "
                        f"it is also in {shown_path(choice.path, self.cwd)}.", timeout=8)
            return
        self.notify(f"Wrote the letter as {what} to {shown_path(choice.path, self.cwd)}.", timeout=6)

    async def action_copy_letter(self) -> None:
        """Ctrl+L: the plain-text letter to the clipboard (where the terminal allows it)."""
        await self._ready_letter()
        self.app.copy_to_clipboard(self.session.plain_text())
        self.notify("Copied the letter as plain text. If pasting does not work in your terminal, "
                    "export it with Ctrl+E instead.", timeout=6)

    # --- the kind of suspension ------------------------------------------------------------
    def ask_kind(self) -> None:
        """Choose the kind (the Context step's button, or the palette): the list of kinds, then,
        for a draft that had one, a confirmation that the questions change and nothing is lost."""
        from poa.rubric.compiled import known_kinds
        from poa.tui.screens.dialogs import ConfirmDialog, KindDialog

        kinds = {k.rubric: k for k in known_kinds()}
        current = self.session.rubric.kind_info

        async def chosen(kind: str | None) -> None:
            if kind is None or (current is not None and kind == current.rubric):
                return
            if current is None:
                await self.change_kind(kind)
                return

            async def confirmed(yes: bool | None) -> None:
                if yes:
                    await self.change_kind(kind)

            title = kinds[kind].title
            self.app.push_screen(ConfirmDialog(
                f"Change the kind to {title}?",
                f"Each step will ask the questions of {title}, and poa will check the plan with "
                f"its rules instead of those of {current.title}. No answer is lost: everything "
                "you wrote stays as it is.",
                yes="Change the kind", no=f"Keep {current.title}"), confirmed)

        self.app.push_screen(KindDialog(list(kinds.values()), current.rubric if current else None),
                             chosen)

    async def change_kind(self, kind: str) -> None:
        """Give the draft another kind, keeping every answer, and show its questions and findings.

        The steps are built anew, as when a draft is opened, on the step the seller is on: the
        steps built before (ahead or visited) asked the old kind's questions, and go with this
        screen. A step being built ahead is finished first, so none is left half mounted.
        """
        self.sync()
        await self.check_now()
        build_ahead = self.ahead.delay
        await self.ahead.finish()
        try:
            self.session.set_kind(kind)
        except InputError as err:
            self.notify(f"Cannot use that kind: {err.problems[0]}", severity="error", timeout=10)
            self.ahead.delay = build_ahead
            self.ahead.restart()
            return
        if not self.blocked:
            self.save_now()
        self._journal()  # what could not be saved is kept; no timer of this screen is left
        title = self.session.rubric.kind_info.title if self.session.rubric.kind_info else kind
        screen = DraftScreen(self.session, cwd=self.cwd, check_delay=self.check_delay,
                             save_delay=self.save_delay, journal_every=self.journal_every,
                             initial=self._wanted or self.step, build_ahead=build_ahead,
                             note=f"The kind is now {title}: each step asks its questions, and "
                                  "the findings use its rules. All your answers are kept.")
        screen.problem, screen.blocked = self.problem, self.blocked
        self.app.switch_screen(screen)

    # --- evidence from a report -----------------------------------------------------------
    def action_import_report(self) -> None:
        """Ctrl+R (or the Context step's button): fill the plan from a report (poa evidence)."""
        from poa.tui.screens.dialogs import ImportReportDialog

        self.app.push_screen(ImportReportDialog(self.cwd), self._import_from)

    async def _import_from(self, path: Path | None) -> None:
        from poa.answers.file import write_atomic
        from poa.evidence.apply import import_reports
        from poa.tui.screens.dialogs import ChoiceDialog

        if path is None:
            return
        self.sync()
        try:
            evidence, notes, csv_path, csv_text = import_reports(self.session.answers, [path],
                                                                 self.session.path)
            if csv_text is not None:
                write_atomic(csv_path, csv_text)
                notes.append(f"wrote {shown_path(csv_path, self.cwd)} to attach")
        except (InputError, OSError) as err:
            self.notify(f"Could not import {path.name}: {err}", severity="error", timeout=10)
            return
        self.session.changed()
        if "context" in self._ready:
            await self.step_widget("context").recompose()
        for step in SECTIONS:
            if step in self._ready:
                self.step_widget(step).refresh_items()
                self.step_widget(step).load_item()
        self.post_message(Edited())
        evidence.notes.extend(notes)
        self.app.push_screen(ChoiceDialog(f"What {path.name} shows", Content(evidence.text()),  # type: ignore[arg-type]
                                          [("ok", "OK")]))

    # --- $EDITOR ----------------------------------------------------------------------
    def action_external_editor(self) -> None:
        """F4: edit the focused answer in $VISUAL/$EDITOR (a temp file, the app suspended)."""
        from poa.tui.widgets.answer_area import AnswerArea

        area = self.app.focused
        if not isinstance(area, AnswerArea):
            self.notify("Put the cursor in an answer box first, then press F4.", timeout=4)
            return
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        handle, name = tempfile.mkstemp(prefix="poa-", suffix=".txt")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(area.text)
            try:
                with self.app.suspend():
                    subprocess.call([*shlex.split(editor), name])
            except Exception as err:  # noqa: BLE001 - SuspendNotSupported, editor missing
                self.notify(f"Could not open your editor ({editor}): {err}", severity="error")
                return
            text = Path(name).read_text(encoding="utf-8")
        finally:
            try:
                os.unlink(name)
            except FileNotFoundError:
                pass
        if text.endswith("\n") and not area.text.endswith("\n"):
            text = text[:-1]
        if text != area.text:
            area.replace(text, area.document.start, area.document.end)

    # --- palette ----------------------------------------------------------------------
    def commands(self):  # noqa: ANN201
        """(title, help, callback) for the command palette."""
        yield "Save", "Save the answers file now (Ctrl+S)", self.action_save
        yield "Export the letter…", "Plain text or Markdown, to a file (Ctrl+E)", self.action_export
        yield ("Export as plain text", f"Write {self.session.export_path('txt').name} next to the "
               "answers file", lambda: self.export_as("txt"))
        yield ("Export as Markdown", f"Write {self.session.export_path('md').name} next to the "
               "answers file", lambda: self.export_as("md"))
        yield "Copy the letter", "Copy it as plain text to the clipboard (Ctrl+L)", \
            self.action_copy_letter
        yield "Next step", "Ctrl+N", self.action_next_step
        yield "Previous step", "Ctrl+B", self.action_previous_step
        for step in ALL_STEPS:
            yield f"Go to {STEP_TITLES[step]}", f"Open the {STEP_TITLES[step]} step", \
                (lambda s=step: self.goto_step(s))
        yield "Next finding", "Put the cursor on the next finding (Ctrl+G)", \
            self.action_next_finding
        kind = self.session.rubric.kind_info
        yield ("Change the kind of suspension…" if kind else "Choose the kind of suspension…",
               f"Now: {kind.title if kind else 'not set'}; the questions and checks follow it",
               self.ask_kind)
        yield "Import a report…", "The rate, dates, affected orders and carriers from a report " \
            "(Ctrl+R)", self.action_import_report
        yield "Edit in $EDITOR", "Edit the answer under the cursor in your editor (F4)", \
            self.action_external_editor
        yield "Dismiss the finding…", "Overrule the highlighted finding, with a reason (d)", \
            self._dismiss_highlighted
        yield "Restore the dismissed finding", "Count the highlighted dismissed finding again (r)", \
            self._restore_highlighted
        if self.step in SECTIONS:
            step = self.step_widget(self.step)
            yield "Add an item", f"Add another {step.noun} (F2)", step.action_add_item
            yield "Remove this item", f"Remove this {step.noun} (F3)", step.action_remove_item
            yield "Move item up", "Alt+Up", lambda: step.action_move_item(-1)
            yield "Move item down", "Alt+Down", lambda: step.action_move_item(1)
        yield "Save as…", "Save the answers under another name", self.ask_save_as
