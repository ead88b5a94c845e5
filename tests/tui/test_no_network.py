"""A whole drafting session (open, type, check, review, export, quit) tries no network connection."""

from __future__ import annotations

import socket

from poa.tui.screens.dialogs import ExportDialog
from poa.tui.screens.draft import DraftScreen
from poa.tui.widgets.answer_area import AnswerArea

from .helpers import quit_with, type_text, wait_checked, wait_for


async def test_a_drafting_session_opens_no_connection(make_app, example, tmp_path, monkeypatch):
    attempts: list[str] = []

    def refuse(what):  # noqa: ANN001, ANN202
        def refused(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            attempts.append(what)
            raise OSError(f"network access attempted ({what})")
        return refused

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(name))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))

    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        while screen.step != "root_cause":
            await pilot.press("ctrl+b")
            await pilot.pause()
        area = screen.query_one("#root_cause-what", AnswerArea)
        area.focus()
        before = screen.checks
        await type_text(pilot, " For no apparent reason.")
        await wait_checked(pilot, screen, before)
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: (tmp_path / "appeal.txt").exists())
        await quit_with(pilot)
    assert attempts == []
    assert "For no apparent reason." in example.read_text(encoding="utf-8")
