"""Every file poa writes (answers, backups, exports) is readable by its owner alone, whatever the umask."""

from __future__ import annotations

import os
import stat

import pytest
from conftest import EXAMPLES
from reliability_helpers import run_main

from poa.answers.file import load_answers, save_answers

EXAMPLE = EXAMPLES / "valid-tracking-rate.yaml"


@pytest.fixture
def permissive_umask():
    """A umask that would make new files readable and writable by everyone."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_answers_and_backups_are_owner_only(tmp_path, permissive_umask):
    path = tmp_path / "appeal.yaml"
    answers = load_answers(EXAMPLE).answers
    save_answers(answers, path)
    save_answers(answers.model_copy(update={"documents": []}), path)
    assert _mode(path) == 0o600 and _mode(tmp_path / "appeal.yaml.bak") == 0o600


def test_a_shared_file_becomes_private_when_poa_saves_it(tmp_path, permissive_umask):
    path = tmp_path / "appeal.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    path.chmod(0o666)
    opened = load_answers(path)
    save_answers(opened.answers, path, expected=opened.fingerprint)
    assert _mode(path) == 0o600


def test_exports_and_new_files_are_owner_only(tmp_path, capsys, permissive_umask):
    letter = tmp_path / "letter.txt"
    letter.write_text("an older letter\n", encoding="utf-8")
    letter.chmod(0o644)
    assert run_main(capsys, "render", str(EXAMPLE), "-o", str(letter)).returncode == 0
    assert run_main(capsys, "new", "--kind", "valid_tracking_rate", "-o", str(tmp_path / "new.yaml")).returncode == 0
    for name in ("letter.txt", "letter.txt.bak", "new.yaml"):
        assert _mode(tmp_path / name) == 0o600, name


def test_the_saving_commands_keep_files_private(tmp_path, capsys, permissive_umask):
    path = tmp_path / "appeal.yaml"
    save_answers(load_answers(EXAMPLE).answers, path)
    reply = tmp_path / "reply.txt"
    reply.write_text("Greater detail on the root causes.\n", encoding="utf-8")
    assert run_main(capsys, "submitted", str(path), "--date", "2026-11-19").returncode == 0
    assert run_main(capsys, "reply", str(path), str(reply)).returncode == 0
    assert _mode(path) == 0o600 and _mode(tmp_path / "appeal.yaml.bak") == 0o600
