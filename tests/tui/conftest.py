"""Isolation for the drafting-screen tests: no real home or data folder, no clock, no blinking."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from poa.tui.app import PoaApp, build_app

NOW = dt.datetime(2026, 11, 26, 14, 2, 0)
EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "valid-tracking-rate.yaml"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Every test runs in its own folder with its own data dir and home."""
    monkeypatch.setenv("POA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
    return tmp_path


@pytest.fixture
def make_app(tmp_path):
    """build_app with the test's folders and a fixed clock; short pauses so tests run fast."""

    def make(path: Path | None = None, **kwargs) -> PoaApp:
        kwargs.setdefault("check_delay", 0.05)
        kwargs.setdefault("save_delay", 0.15)
        return build_app(path, data_dir=tmp_path / "data", cwd=tmp_path, clock=lambda: NOW,
                         **kwargs)

    return make


@pytest.fixture
def example(tmp_path) -> Path:
    """A copy of the bundled example answers file."""
    path = tmp_path / "appeal.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path
