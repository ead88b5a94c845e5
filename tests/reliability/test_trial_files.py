"""The breaks an adversarial trial found in how poa treats files (issue 13), each as a test.

Special files as outputs and in the journal, YAML 1.1 meanings, lost updates,
files poa wrote but could not read back, links in a checked folder, and the
smaller ones. Tests that need root (a device file, another user's file) skip
without it; CI runs them as root.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT
from reliability_helpers import hang_guard, run_main

from poa.answers.file import load_answers, parse_answers
from poa.errors import InputError

EXAMPLE = EXAMPLES / "valid-tracking-rate.yaml"
AS_ROOT = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (device files, chown); CI runs as root")
POA = [sys.executable, "-m", "poa"]


@pytest.fixture
def poa_main(capsys):
    return lambda *args: run_main(capsys, *args)


def _refused(result, *words: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("poa: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _copy_example(folder: Path, name: str = "a.yaml") -> Path:
    path = folder / name
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


# --- 1. -o onto something that is not a regular file ------------------------------------

@AS_ROOT
@pytest.mark.parametrize("command", ["render", "new"])
def test_output_onto_a_character_device_is_refused_and_left_alone(tmp_path, poa_main, command):
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    before = os.lstat(device)
    args = (["render", str(_copy_example(tmp_path)), "-o", str(device)] if command == "render"
            else ["new", "--kind", "valid_tracking_rate", "-o", str(device), "--force"])
    _refused(poa_main(*args), "not a regular file")
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


@AS_ROOT
@pytest.mark.parametrize("minor", [3, 5], ids=["null", "zero"])
def test_output_onto_dev_null_and_dev_zero_is_refused(tmp_path, poa_main, minor):
    """Private copies of /dev/null and /dev/zero (same device numbers): never the system's own,
    which a poa without this fix would replace."""
    device = tmp_path / ("null" if minor == 3 else "zero")
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    line = _refused(poa_main("render", str(_copy_example(tmp_path)), "-o", str(device)),
                    "is a device, not a regular file")
    assert "MemoryError" not in line
    assert stat.S_ISCHR(os.lstat(device).st_mode) and os.lstat(device).st_rdev == os.makedev(1, minor)


@pytest.mark.parametrize("command", ["render", "new"])
def test_output_onto_a_named_pipe_neither_hangs_nor_replaces_it(tmp_path, command):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    args = (["render", str(_copy_example(tmp_path)), "-o", str(fifo)] if command == "render"
            else ["new", "--kind", "valid_tracking_rate", "-o", str(fifo), "--force"])
    result = subprocess.run(POA + args, capture_output=True, text=True, timeout=60, cwd=ROOT)
    _refused(result, "named pipe", "not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@AS_ROOT
def test_root_saving_another_users_file_keeps_owner_group_and_mode(tmp_path, poa_main):
    path = _copy_example(tmp_path)
    os.chown(path, 1234, 5678)
    os.chmod(path, 0o640)
    assert poa_main("submitted", str(path), "--date", "2026-11-20").returncode == 0
    for saved in (path, tmp_path / "a.yaml.bak"):
        info = os.stat(saved)
        assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (1234, 5678, 0o640), saved


def test_a_read_only_answers_file_is_refused_unless_forced(tmp_path, poa_main):
    path = _copy_example(tmp_path)
    os.chmod(path, 0o444)
    before = path.read_bytes()
    _refused(poa_main("submitted", str(path)), "read-only", "--force")
    assert path.read_bytes() == before
    reply = tmp_path / "reply.txt"
    reply.write_text("We could not accept your appeal.\n", encoding="utf-8")
    _refused(poa_main("reply", str(path), str(reply)), "read-only")
    assert poa_main("submitted", str(path), "--force").returncode == 0
    assert len(load_answers(path).answers.history) == 1


# --- 8. a journal entry whose file became a named pipe -------------------------------------

def test_a_journal_entry_whose_file_became_a_pipe_does_not_hang_the_recovery_check(tmp_path):
    from poa.files.journal import Journal

    journal = Journal(tmp_path / "journal")
    answers = tmp_path / "a.yaml"
    journal.record(answers, "kind: valid_tracking_rate\n", dt.datetime(2026, 11, 20, 9, 15))
    os.mkfifo(answers)
    planted = tmp_path / "journal" / "planted.json"
    os.mkfifo(planted)
    with hang_guard(20):
        pending = journal.pending()
    assert [entry.path for entry in pending] == [answers.absolute()]


# --- 3. YAML 1.1 changed what the seller typed --------------------------------------------

SELLER_TEXT = """\
kind: valid_tracking_rate
context:
  asins: [0123456789, B0TOY]
preventive_measures:
  - what: Check the tracking report
    frequency: 16:00
    owner: 0755
    tool: 0x10
  - what: no
    frequency: on
    owner: off
"""


def test_answers_keep_the_text_the_seller_typed(tmp_path, poa_main):
    answers = parse_answers(SELLER_TEXT, Path("typed.yaml")).answers
    first, second = answers.preventive_measures
    assert (first.frequency, first.owner, first.tool) == ("16:00", "0755", "0x10")
    assert (second.what, second.frequency, second.owner) == ("no", "on", "off")
    assert answers.context.asins == ["0123456789", "B0TOY"]
    path = tmp_path / "typed.yaml"
    path.write_text(SELLER_TEXT, encoding="utf-8")
    render = poa_main("render", str(path))
    assert "16:00" in render.stdout and "960" not in render.stdout
    assert poa_main("submitted", str(path)).returncode == 0
    saved = path.read_text(encoding="utf-8")
    assert "frequency: 16:00\n" in saved and "owner: 0755\n" in saved and "'960'" not in saved
    assert load_answers(path).answers.preventive_measures[0].frequency == "16:00"


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
def test_nan_and_infinity_are_refused_for_a_rate(value):
    with pytest.raises(InputError) as caught:
        parse_answers(f"kind: valid_tracking_rate\ncontext:\n  metric_value: {value}\n", Path("r.yaml"))
    assert str(caught.value).startswith("r.yaml:3:17: context.metric_value: expected a number")


def test_a_merge_key_cannot_override_kind():
    text = "kind: valid_tracking_rate\n<<: {kind: inauthentic}\n"
    with pytest.raises(InputError) as caught:
        parse_answers(text, Path("m.yaml"))
    assert str(caught.value).startswith("m.yaml:2:1: merge keys (<<) are not allowed")


def test_a_yaml_1_1_directive_is_refused():
    with pytest.raises(InputError) as caught:
        parse_answers("%YAML 1.1\n---\nkind: valid_tracking_rate\n", Path("d.yaml"))
    assert str(caught.value).startswith("d.yaml:1:1: poa reads YAML 1.2")


# --- 7. lost updates -----------------------------------------------------------------------

def _submit(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(POA + ["submitted", str(path), "--date", "2026-11-20"], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env={**os.environ, "POA_LOCK_SECONDS": "60"})


def test_twelve_parallel_submissions_are_all_recorded(tmp_path):
    path = _copy_example(tmp_path)
    expected = 0
    for _ in range(3):
        with ThreadPoolExecutor(12) as pool:
            results = list(pool.map(_submit, [path] * 12))
        counts = []
        for result in results:
            assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
            counts.append(int(result.stderr.split("recorded submission ")[1].split()[0]))
        expected += 12
        assert len(load_answers(path).answers.history) == expected
        assert sorted(counts) == list(range(expected - 11, expected + 1))  # each saw its own entry


def test_a_second_writer_waits_then_refuses_clearly(tmp_path):
    from filelock import FileLock

    from poa.answers.lock import lock_path

    path = _copy_example(tmp_path)
    before = path.read_bytes()
    with FileLock(str(lock_path(path))):
        started = time.monotonic()
        result = subprocess.run(POA + ["submitted", str(path)], capture_output=True, text=True,
                                timeout=60, cwd=ROOT, env={**os.environ, "POA_LOCK_SECONDS": "1"})
        waited = time.monotonic() - started
    _refused(result, "another poa is saving this file", "nothing was changed")
    assert "recorded" not in result.stderr and waited >= 1
    assert path.read_bytes() == before


def test_the_screen_saves_through_the_same_lock(tmp_path):
    from filelock import FileLock

    from poa.answers.lock import lock_path
    from poa.files.journal import Journal
    from poa.tui.session import DraftSession

    path = _copy_example(tmp_path)
    session = DraftSession.open(path, Journal(tmp_path / "journal"), dt.datetime.now)
    session.answers.context.seller = "Toy Corner"
    session.changed()
    os.environ["POA_LOCK_SECONDS"] = "0.2"
    try:
        with FileLock(str(lock_path(path))), pytest.raises(InputError, match="another poa is saving"):
            session.save()
    finally:
        del os.environ["POA_LOCK_SECONDS"]
    session.save()
    assert load_answers(path).answers.context.seller == "Toy Corner"


# --- 9. poa wrote files it then refused to read --------------------------------------------

def test_twenty_submissions_of_a_large_file_stay_readable(tmp_path, poa_main):
    from poa.files.textfile import MAX_BYTES

    path = tmp_path / "big.yaml"
    causes = "".join(f"  - what: |\n      Cause {i}: " + "orders were confirmed before tracking. " * 40 +
                     "\n" for i in range(200))
    path.write_text("kind: valid_tracking_rate\nroot_cause:\n" + causes, encoding="utf-8")
    assert 300_000 < path.stat().st_size < 400_000
    for day in range(1, 21):
        result = poa_main("submitted", str(path), "--date", f"2026-11-{day:02d}")
        assert result.returncode == 0, result.stderr
        assert path.stat().st_size <= MAX_BYTES
        history = load_answers(path).answers.history
        assert history[-1].date == dt.date(2026, 11, day)
        assert f"recorded submission {len(history)} " in result.stderr
    assert "oldest letter" in result.stderr


# --- 10. folder checks followed links --------------------------------------------------------

def test_a_folder_check_skips_links_that_point_outside_the_folder(tmp_path, poa_main):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:$6$saltsaltsalt$" + "x" * 80 + ":19000:0:99999:7:::\n", encoding="utf-8")
    folder = tmp_path / "client"
    folder.mkdir()
    _copy_example(folder, "appeal.yaml")
    (folder / "shadow.yaml").symlink_to(secret)
    (folder / "inside.yaml").symlink_to(folder / "appeal.yaml")
    result = poa_main("check", str(folder))
    assert "saltsalt" not in result.stdout + result.stderr
    assert "shadow.yaml" not in result.stdout + result.stderr
    assert "2 files:" in result.stdout


def test_error_excerpts_quote_only_a_few_dozen_characters(tmp_path, poa_main):
    path = tmp_path / "long.yaml"
    path.write_text("kind: valid_tracking_rate\nroot:$6$" + "s" * 200 + ":19000:0:99999:7:::\n",
                    encoding="utf-8")
    line = poa_main("check", str(path)).stderr.strip()
    assert "unknown key" in line and "s" * 41 not in line


# --- 11. smaller ones ----------------------------------------------------------------------

def test_a_closed_stdout_is_a_quiet_exit():
    for args in (["kinds"], ["check", str(EXAMPLE)], ["new", "--kind", "valid_tracking_rate"]):
        result = subprocess.run(POA + args, stderr=subprocess.PIPE, text=True, timeout=60, cwd=ROOT,
                                preexec_fn=lambda: os.close(1))  # the child starts with no stdout
        assert result.stderr == "", (args, result.stderr)
        assert result.returncode in (0, 1), (args, result.returncode)


def test_ctrl_c_in_the_first_milliseconds_prints_no_traceback():
    """Ctrl+C while poa imports its modules and starts: no traceback through poa's code.

    The interpreter's own start (site, .pth files) is left out (-S, with the packages on
    PYTHONPATH), and so is a signal in the launcher's line itself (no poa frame): those are
    Python's, before poa runs."""
    import sysconfig

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), sysconfig.get_paths()["purelib"]])}
    code = "import sys; from poa.__main__ import main; sys.exit(main(['check', sys.argv[1]]))"
    tracebacks = []
    for attempt in range(40):
        process = subprocess.Popen([sys.executable, "-S", "-c", code, str(EXAMPLE)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        time.sleep((attempt % 20) * 0.003)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        if "Traceback" in err and f"{os.sep}poa{os.sep}" in err:
            tracebacks.append(err)
    assert not tracebacks, tracebacks[0]


def test_a_bak_that_is_a_folder_is_named_in_the_error(tmp_path, poa_main):
    path = _copy_example(tmp_path)
    (tmp_path / "a.yaml.bak").mkdir()
    before = path.read_bytes()
    line = _refused(poa_main("submitted", str(path)), "a.yaml.bak: is a folder")
    assert line.startswith(f"poa: {tmp_path / 'a.yaml.bak'}:")
    assert path.read_bytes() == before


def test_an_impossible_date_has_a_field_path_and_hides_no_other_problem():
    text = ("kind: valid_tracking_rate\ncorrective_actions:\n  - what: fixed it\n    done_on: 2026-13-45\n"
            "    evidnce: a typo\ncontext:\n  affected_orders: many\n")
    with pytest.raises(InputError) as caught:
        parse_answers(text, Path("d.yaml"))
    lines = [str(p) for p in caught.value.problems]
    assert "d.yaml:4:14: corrective_actions.0.done_on: expected a date like 2026-03-12 (got '2026-13-45')" in lines
    assert any("unknown key 'evidnce'" in line for line in lines)
    assert any("context.affected_orders: expected a whole number" in line for line in lines)
