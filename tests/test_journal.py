"""The recovery journal: entries survive until a clean save, owner-only, offered back with their time."""

import datetime as dt
import stat

from poa.files.journal import Journal, describe_time
from poa.files.userdata import data_dir

NOW = dt.datetime(2026, 11, 26, 14, 2, 0)


def test_record_and_read_back(tmp_path):
    journal = Journal(tmp_path / "data" / "journal")
    answers = tmp_path / "appeal.yaml"
    journal.record(answers, "kind: valid_tracking_rate\n", NOW, base="abc")
    entry = journal.entry(answers)
    assert entry is not None
    assert entry.path == answers.absolute()
    assert entry.text == "kind: valid_tracking_rate\n"
    assert entry.written_at == NOW
    assert entry.base == "abc"
    assert [e.path for e in journal.pending()] == [answers.absolute()]


def test_files_are_owner_only(tmp_path):
    folder = tmp_path / "data" / "journal"
    journal = Journal(folder)
    journal.record(tmp_path / "a.yaml", "x", NOW)
    [file] = folder.glob("*.json")
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_discard_after_clean_save(tmp_path):
    journal = Journal(tmp_path / "j")
    answers = tmp_path / "a.yaml"
    journal.record(answers, "text", NOW)
    journal.discard(answers)
    journal.discard(answers)  # twice is fine
    assert journal.entry(answers) is None
    assert journal.pending() == []


def test_entry_already_on_disk_is_not_offered(tmp_path):
    journal = Journal(tmp_path / "j")
    answers = tmp_path / "a.yaml"
    answers.write_text("same\n", encoding="utf-8")
    journal.record(answers, "same\n", NOW)
    assert journal.pending_for(answers) is None
    assert journal.pending() == []
    assert journal.entry(answers) is None  # cleaned up


def test_newest_first_and_unreadable_skipped(tmp_path):
    folder = tmp_path / "j"
    journal = Journal(folder)
    journal.record(tmp_path / "old.yaml", "1", NOW - dt.timedelta(days=1))
    journal.record(tmp_path / "new.yaml", "2", NOW)
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    assert [e.path.name for e in journal.entries()] == ["new.yaml", "old.yaml"]


def test_missing_folder_means_no_entries(tmp_path):
    assert Journal(tmp_path / "nowhere").pending() == []


def test_data_dir_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv("POA_DATA_DIR", str(tmp_path / "poa-data"))
    assert data_dir() == tmp_path / "poa-data"
    assert Journal().folder == tmp_path / "poa-data" / "journal"


def test_data_dir_default_is_platform_user_data(monkeypatch):
    monkeypatch.delenv("POA_DATA_DIR", raising=False)
    from platformdirs import user_data_path

    assert data_dir() == user_data_path("poa", appauthor=False)


def test_describe_time():
    assert describe_time(NOW.replace(hour=9, minute=5), NOW) == "today at 09:05"
    assert describe_time(NOW - dt.timedelta(days=1), NOW) == "yesterday at 14:02"
    assert describe_time(dt.datetime(2026, 3, 12, 8, 0), NOW) == "12 March 2026 at 08:00"
