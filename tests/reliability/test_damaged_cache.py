"""poa's cache folder holds data, never code, and a cache damaged in any way is ignored and rebuilt.

Issue 13: a pickle planted in the cache folder ran a command on the next `poa render` (Jinja's
bytecode cache); random edits of the kept `_sre` code killed `poa check` with SIGSEGV; a FIFO or
a link to /dev/zero in the cache folder hung `poa check`.
"""

from __future__ import annotations

import os
import pickle
import resource
import stat
import subprocess
import sys

import pytest
from conftest import EXAMPLES, FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_helpers import hang_guard

from poa.files import cache
from poa.rubric import compiled

LETTER = FIXTURES / "weak-vtr-letter.txt"
ANSWERS = EXAMPLES / "valid-tracking-rate.yaml"


def _poa(*args: str, cache_dir) -> subprocess.CompletedProcess:  # noqa: ANN001
    """`python -m poa ARGS` with this cache folder, bounded in time and memory (a hang or a read
    of /dev/zero fails the test instead of the machine)."""
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8", POA_CACHE_DIR=str(cache_dir))
    return subprocess.run([sys.executable, "-m", "poa", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, preexec_fn=limits)


class _Planted:
    """What an attacker would pickle: unpickling it creates a file."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):  # noqa: ANN204
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_planted_in_the_cache_folder_is_never_run(tmp_path):
    """Every file poa left in its cache folder is replaced by Jinja's bytecode header followed by a
    pickle that creates a file when loaded; the next render and check must not load it."""
    from jinja2.bccache import bc_magic

    folder, marker = tmp_path / "cache", tmp_path / "ran"
    assert _poa("render", str(ANSWERS), cache_dir=folder).returncode == 0
    assert _poa("check", str(LETTER), cache_dir=folder).returncode == 1
    planted = list(folder.iterdir())
    assert planted
    for path in planted:
        path.write_bytes(bc_magic + pickle.dumps(_Planted(str(marker)), 2))
    render = _poa("render", str(ANSWERS), cache_dir=folder)
    check = _poa("check", str(LETTER), cache_dir=folder)
    assert (render.returncode, check.returncode) == (0, 1), (render.stderr, check.stderr)
    assert not marker.exists(), "a file from the cache folder was run"


def test_the_cache_folder_is_created_owner_only(tmp_path):
    folder = tmp_path / "made" / "cache"
    assert _poa("check", str(LETTER), cache_dir=folder).returncode == 1
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert list(folder.glob("rubric-*.json"))


def _same_findings_without_using(folder, why: str) -> None:  # noqa: ANN001
    want = _poa("check", str(LETTER), "--format", "json", cache_dir="")
    got = _poa("check", str(LETTER), "--format", "json", cache_dir=folder)
    assert (got.returncode, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr), why


def test_a_folder_others_can_write_is_not_used(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    _same_findings_without_using(folder, "a world-writable cache still checks, without a cache")
    assert list(folder.iterdir()) == [], "poa wrote into a folder others can write"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a folder's owner needs root")
def test_a_folder_owned_by_someone_else_is_not_used(tmp_path, monkeypatch):
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o700)
    good = cache.pack({"key": "x"})
    (folder / "x.json").write_bytes(good)
    os.chown(folder, 65534, 65534)
    os.chown(folder / "x.json", 65534, 65534)
    monkeypatch.setenv("POA_CACHE_DIR", str(folder))
    assert cache.read_json("x.json") is None
    cache.write_json("y.json", {"a": 1})
    assert not (folder / "y.json").exists()
    _same_findings_without_using(folder, "someone else's cache folder")


def _warm(folder):  # noqa: ANN001, ANN202
    """A cache folder as poa leaves it after a check of the letter."""
    assert _poa("check", str(LETTER), cache_dir=folder).returncode == 1
    files = sorted(folder.glob("rubric-*.json"))
    assert files
    return files


DAMAGES = ["truncated", "random bytes", "json of the wrong shape", "right checksum, wrong shape",
           "fifo", "link to /dev/zero", "folder", "empty", "deep json"]


def _damage(path, how: str) -> None:  # noqa: ANN001
    raw = path.read_bytes()
    path.unlink()
    if how == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "random bytes":
        path.write_bytes(os.urandom(5000))
    elif how == "json of the wrong shape":
        path.write_text('{"key": [1, 2], "file": null}', encoding="utf-8")
    elif how == "right checksum, wrong shape":
        data = cache.unpack(raw)
        data["file"]["rules"] = [{"fields": {"kind": "existence"}, "matchers": 5}]
        data["file"]["detect"] = {"patterns": "spam"}
        path.write_bytes(cache.pack(data))
    elif how == "fifo":
        os.mkfifo(path)
    elif how == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif how == "folder":
        path.mkdir()
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "deep json":
        body = b"[" * 100_000 + b"]" * 100_000
        path.write_bytes(b"%08x\n" % __import__("zlib").crc32(body) + body)


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path, how):
    folder = tmp_path / "cache"
    files = _warm(folder)
    for path in files:
        _damage(path, how)
    _same_findings_without_using(folder, how)
    for path in files:
        if how != "folder":  # poa does not delete a folder it did not make; it just does not use it
            assert stat.S_ISREG(path.lstat().st_mode), (how, path)
            assert cache.unpack(path.read_bytes()) is not None, f"{how}: {path.name} was not rebuilt"


# --- fuzz: random edits of the cached files -----------------------------------------------------

_BASELINE: dict = {}


def _check_in_process() -> str:
    from poa.workflow.check import check_file

    compiled.compiled_file.cache_clear()
    compiled.load_rubric.cache_clear()
    with hang_guard(30):
        return str(check_file(LETTER, "valid_tracking_rate").as_json())


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz") / "cache"
    old = os.environ.get("POA_CACHE_DIR")
    os.environ["POA_CACHE_DIR"] = str(folder)
    try:
        baseline = _check_in_process()
        files = {path: path.read_bytes() for path in folder.glob("rubric-*.json")}
        assert len(files) >= 2
        yield folder, files, baseline
    finally:
        if old is None:
            os.environ.pop("POA_CACHE_DIR", None)
        else:
            os.environ["POA_CACHE_DIR"] = old


_EDIT = st.tuples(st.floats(0, 1), st.integers(0, 3), st.sampled_from(["replace", "insert", "delete", "word"]),
                  st.binary(min_size=1, max_size=8))


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_EDIT, min_size=1, max_size=3), st.data())
def test_random_edits_of_cached_files_change_no_finding(warm_cache, edits, data):
    """Like the issue's trial (120 random changes of one to three words), on every cached file."""
    folder, files, baseline = warm_cache
    path = data.draw(st.sampled_from(sorted(files)))
    raw = bytearray(files[path])
    for where, size, kind, new in edits:
        at = int(where * (len(raw) - 1))
        if kind == "replace":
            raw[at:at + len(new)] = new
        elif kind == "insert":
            raw[at:at] = new
        elif kind == "delete":
            del raw[at:at + size + 1]
        else:  # swap a word for another word of the file, as a text edit would
            words = bytes(raw).split(b'"')
            if len(words) > 3:
                index = 1 + int(where * (len(words) - 3))
                words[index] = words[(index * 7) % len(words)]
                raw = bytearray(b'"'.join(words))
    for other, original in files.items():
        other.write_bytes(original)
    path.write_bytes(bytes(raw))
    assert _check_in_process() == baseline
