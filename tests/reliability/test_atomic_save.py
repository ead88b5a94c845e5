"""Saving never damages what is on disk: backups, leftovers of killed saves, links, full disks, conflicts."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from poa.answers.file import ConflictError, load_answers, save_answers, write_atomic
from poa.answers.model import Answers, RootCause
from poa.errors import InputError


def _answers(what: str) -> Answers:
    return Answers(kind="valid_tracking_rate", root_cause=[RootCause(what=what)])


def _temps(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_each_save_keeps_the_previous_version_as_bak(tmp_path):
    path = tmp_path / "appeal.yaml"
    for what in ("first", "second", "third"):
        save_answers(_answers(what), path)
    assert load_answers(path).answers == _answers("third")
    assert load_answers(tmp_path / "appeal.yaml.bak").answers == _answers("second")
    assert _temps(tmp_path) == []


def test_saving_identical_text_keeps_the_older_backup(tmp_path):
    path = tmp_path / "appeal.yaml"
    save_answers(_answers("first"), path)
    save_answers(_answers("second"), path)
    save_answers(_answers("second"), path)
    assert "first" in (tmp_path / "appeal.yaml.bak").read_text(encoding="utf-8")


def test_leftovers_of_killed_saves_are_removed_by_the_next_save(tmp_path):
    """A kill mid-save leaves .appeal.yaml.PID.XXXX.tmp; the next save removes it once PID is gone."""
    path = tmp_path / "appeal.yaml"
    save_answers(_answers("first"), path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = [tmp_path / f".appeal.yaml.{dead}.abc_123.tmp", tmp_path / f".appeal.yaml.bak.{dead}.x9.tmp"]
    live = tmp_path / f".appeal.yaml.{os.getppid()}.live.tmp"  # a save still running elsewhere
    unrelated = tmp_path / ".notes.txt.123.abc.tmp"
    for leftover in (*stale, live, unrelated):
        leftover.write_text("half a file", encoding="utf-8")
    save_answers(_answers("second"), path)
    assert _temps(tmp_path) == sorted([live.name, unrelated.name])


def test_a_symbolic_link_is_not_written_through(tmp_path):
    elsewhere = tmp_path / "consultant-notes.txt"
    elsewhere.write_text("private notes\n", encoding="utf-8")
    planted = tmp_path / "letter.txt"
    planted.symlink_to(elsewhere)
    with pytest.raises(InputError) as caught:
        write_atomic(planted, "the letter\n")
    assert "poa does not write through links" in str(caught.value)
    assert elsewhere.read_text(encoding="utf-8") == "private notes\n"
    assert not (tmp_path / "letter.txt.bak").exists()


def test_a_folder_is_not_a_file_to_write(tmp_path):
    with pytest.raises(InputError) as caught:
        write_atomic(tmp_path, "x")
    assert "is a folder" in str(caught.value)


def test_a_file_saved_with_a_byte_order_mark_is_not_a_false_conflict(tmp_path):
    path = tmp_path / "appeal.yaml"
    path.write_bytes("\ufeffkind: valid_tracking_rate\n".encode("utf-8"))
    opened = load_answers(path)
    save_answers(opened.answers, path, expected=opened.fingerprint)
    assert load_answers(path).answers == opened.answers


def test_a_conflict_writes_nothing_at_all(tmp_path):
    path = tmp_path / "appeal.yaml"
    save_answers(_answers("first"), path)
    save_answers(_answers("second"), path)
    opened = load_answers(path)
    path.write_text(path.read_text(encoding="utf-8").replace("second", "edited elsewhere"), encoding="utf-8")
    with pytest.raises(ConflictError, match="changed on disk since it was opened"):
        save_answers(_answers("mine"), path, expected=opened.fingerprint)
    assert "edited elsewhere" in path.read_text(encoding="utf-8")
    assert "first" in (tmp_path / "appeal.yaml.bak").read_text(encoding="utf-8")
    assert _temps(tmp_path) == []


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(tmp_path):
    """A write that fails half-way (here: the file-size limit, as on a full disk) changes nothing."""
    path = tmp_path / "appeal.yaml"
    save_answers(_answers("short"), path)
    before = path.read_bytes()
    script = textwrap.dedent(f"""
        import resource, signal
        from pathlib import Path
        from poa.answers.file import save_answers
        from poa.answers.model import Answers, RootCause
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        try:
            save_answers(Answers(kind="valid_tracking_rate", root_cause=[RootCause(what="x" * 100_000)]),
                         Path({str(path)!r}))
        except OSError as err:
            print("refused", err.errno)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("refused"), result.stderr
    assert path.read_bytes() == before
    assert _temps(tmp_path) == []
