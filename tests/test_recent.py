"""Recently opened drafts: newest first, once each, only existing files, owner-only."""

import datetime as dt
import stat

from poa.files.recent import RecentDrafts

NOW = dt.datetime(2026, 11, 26, 14, 2, 0)


def test_newest_first_once_each(tmp_path):
    recent = RecentDrafts(tmp_path / "data")
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("x"), b.write_text("y")
    recent.add(a, NOW)
    recent.add(b, NOW + dt.timedelta(minutes=1))
    recent.add(a, NOW + dt.timedelta(minutes=2))
    assert [d.path for d in recent.list()] == [a, b]
    assert recent.list()[0].opened_at == NOW + dt.timedelta(minutes=2)
    assert stat.S_IMODE(recent.file.stat().st_mode) == 0o600


def test_missing_files_left_out_and_limit(tmp_path):
    recent = RecentDrafts(tmp_path / "data", limit=3)
    paths = [tmp_path / f"{n}.yaml" for n in range(5)]
    for n, path in enumerate(paths):
        path.write_text("x")
        recent.add(path, NOW + dt.timedelta(minutes=n))
    paths[4].unlink()
    assert [d.path.name for d in recent.list()] == ["3.yaml", "2.yaml"]


def test_unreadable_list_is_empty(tmp_path):
    recent = RecentDrafts(tmp_path)
    recent.file.write_text("[{]")
    assert recent.list() == []
