"""Every way a command can fail ends as one line on stderr and exit 2: no traceback, nothing overwritten.

Most cases call the command line's `main` in this process (fast); those
that depend on the process itself (a closed pipe, the terminal's encoding,
a file changed by another program while poa works) run poa as a real
subprocess. Where a failure needs something to happen at one precise
moment (another editor saving the file), a small wrapper makes it happen
there, around the real functions.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, ROOT
from reliability_helpers import run_main

EXAMPLE = EXAMPLES / "valid-tracking-rate.yaml"


@pytest.fixture
def poa_main(capsys):
    """Run `poa ARGS` through cli.main in this process."""
    return lambda *args: run_main(capsys, *args)


def _one_line(result, *expected: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("poa: "), result.stderr
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


def _copy_example(folder: Path) -> Path:
    path = folder / "appeal.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_render_output_into_a_missing_folder(tmp_path, poa_main):
    _one_line(poa_main("render", str(EXAMPLE), "-o", str(tmp_path / "nope" / "letter.txt")),
              "nope/letter.txt: cannot write the file: the folder", "does not exist")


def test_render_output_onto_a_folder(tmp_path, poa_main):
    (tmp_path / "letter.txt").mkdir()
    _one_line(poa_main("render", str(EXAMPLE), "-o", str(tmp_path / "letter.txt")), "is a folder")


def test_render_output_through_a_link_is_refused(tmp_path, poa_main):
    target = tmp_path / "notes.txt"
    target.write_text("mine\n", encoding="utf-8")
    (tmp_path / "letter.txt").symlink_to(target)
    _one_line(poa_main("render", str(EXAMPLE), "-o", str(tmp_path / "letter.txt")), "does not write through links")
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_render_output_onto_the_answers_file_itself_is_refused(tmp_path, poa_main):
    path = _copy_example(tmp_path)
    before = path.read_bytes()
    _one_line(poa_main("render", str(path), "-o", str(tmp_path / "." / "appeal.yaml")), "is the answers file itself")
    assert path.read_bytes() == before


def _read_only_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    probe = folder / "probe"
    try:
        probe.write_text("x")
    except OSError:
        return folder
    probe.unlink()  # root writes anyway: use a folder that refuses even root, if there is one
    if os.path.isdir("/sys") and not os.access("/sys", os.W_OK | os.X_OK) or _refuses("/sys"):
        return Path("/sys")
    pytest.skip("no folder here refuses writing")


def _refuses(folder: str) -> bool:
    try:
        with open(os.path.join(folder, "poa-probe"), "x"):
            pass
    except OSError:
        return True
    os.unlink(os.path.join(folder, "poa-probe"))
    return False


def test_render_output_into_a_read_only_folder(tmp_path, poa_main):
    folder = _read_only_folder(tmp_path)
    _one_line(poa_main("render", str(EXAMPLE), "-o", str(folder / "letter.txt")),
              "letter.txt: cannot write the file (permission denied)")


def test_saving_commands_into_a_read_only_folder(tmp_path, poa_main):
    folder = _read_only_folder(tmp_path)
    if folder == Path("/sys"):
        pytest.skip("cannot place an answers file in a folder that refuses root")
    path = folder / "appeal.yaml"
    folder.chmod(0o700)
    _copy_example(folder)
    folder.chmod(0o500)
    _one_line(poa_main("submitted", str(path), "--date", "2026-11-20"), "appeal.yaml", "permission denied")


def test_render_over_an_existing_file_keeps_a_backup(tmp_path, poa_main):
    out = tmp_path / "letter.txt"
    out.write_text("my hand-edited letter\n", encoding="utf-8")
    result = poa_main("render", str(EXAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "letter.txt.bak").read_text(encoding="utf-8") == "my hand-edited letter\n"
    assert "Section 1: Root cause" in out.read_text(encoding="utf-8")


def test_new_force_keeps_a_backup_and_without_force_refuses(tmp_path, poa_main):
    path = _copy_example(tmp_path)
    before = path.read_text(encoding="utf-8")
    _one_line(poa_main("new", "--kind", "valid_tracking_rate", "-o", str(path)), "already exists")
    result = poa_main("new", "--kind", "valid_tracking_rate", "-o", str(path), "--force")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "appeal.yaml.bak").read_text(encoding="utf-8") == before


def _run_with_edit_at(hook: str, args: list[str], path: Path) -> subprocess.CompletedProcess:
    """Run poa in a subprocess where `hook` (a real poa function) is followed by an edit of `path`.

    That is what another editor or a sync client saving the file at that very
    moment looks like to poa. The real function still runs.
    """
    module, _, name = hook.rpartition(".")
    code = textwrap.dedent(f"""
        import importlib, sys
        from pathlib import Path
        module = importlib.import_module({module!r})
        real = getattr(module, {name!r})
        def edited_meanwhile(*args, **kwargs):
            result = real(*args, **kwargs)
            path = Path({str(path)!r})
            path.write_text(path.read_text(encoding="utf-8") + "# edited in another window\\n", encoding="utf-8")
            return result
        setattr(module, {name!r}, edited_meanwhile)
        from poa.cli import main
        sys.exit(main({args!r}))
    """)
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


def test_submitted_refuses_a_file_changed_since_poa_read_it(tmp_path):
    """As a real process: another program saves the file right after poa has read it."""
    path = _copy_example(tmp_path)
    result = _run_with_edit_at("poa.workflow.check.load_answers", ["submitted", str(path), "--date", "2026-11-20"], path)
    _one_line(result, "appeal.yaml: the file changed on disk since it was opened; not overwriting it")
    assert path.read_text(encoding="utf-8").endswith("# edited in another window\n")


def _edit_right_after(monkeypatch, module, name: str, path: Path) -> None:
    """Make the real `module.name` be followed by an edit of `path`, as another editor would make."""
    real = getattr(module, name)

    def edited_meanwhile(*args, **kwargs):
        result = real(*args, **kwargs)
        path.write_text(path.read_text(encoding="utf-8") + "# edited in another window\n", encoding="utf-8")
        return result

    monkeypatch.setattr(module, name, edited_meanwhile)


def test_reply_refuses_a_file_changed_since_poa_read_it(tmp_path, poa_main, monkeypatch):
    import poa.workflow.history

    path = _copy_example(tmp_path)
    assert poa_main("submitted", str(path), "--date", "2026-11-19").returncode == 0
    reply = tmp_path / "reply.txt"
    reply.write_text("Greater detail on the root causes of not providing valid tracking numbers.\n", encoding="utf-8")
    _edit_right_after(monkeypatch, poa.workflow.history, "load_answers", path)
    _one_line(poa_main("reply", str(path), str(reply)), "appeal.yaml: the file changed on disk since it was opened")
    assert path.read_text(encoding="utf-8").endswith("# edited in another window\n")
    assert "Greater detail" not in path.read_text(encoding="utf-8")


def test_new_force_refuses_a_file_changed_while_it_worked(tmp_path, poa_main, monkeypatch):
    import poa.workflow.skeleton

    path = _copy_example(tmp_path)
    _edit_right_after(monkeypatch, poa.workflow.skeleton, "skeleton", path)
    result = poa_main("new", "--kind", "valid_tracking_rate", "-o", str(path), "--force")
    _one_line(result, "appeal.yaml: the file changed on disk since it was opened")
    assert path.read_text(encoding="utf-8").endswith("# edited in another window\n")


def test_a_usage_mistake_is_one_line(poa_main):
    _one_line(poa_main("check"), "the following arguments are required: file", "--help")
    _one_line(poa_main("render", "x.yaml", "--format", "docx"), "invalid choice: 'docx'")


def test_a_reader_that_stops_early_is_not_a_traceback(tmp_path):
    """`poa check big.txt | head -1`: the report is far larger than the pipe holds."""
    letter = tmp_path / "big.txt"
    letter.write_text((FIXTURES / "weak-vtr-letter.txt").read_text(encoding="utf-8") * 60, encoding="utf-8")
    env = dict(os.environ, NO_COLOR="1")
    process = subprocess.Popen([sys.executable, "-m", "poa", "check", str(letter), "--format", "json"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(1)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) in (1, 141)
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_a_terminal_that_is_not_utf8_gets_escapes_not_a_crash(tmp_path):
    letter = tmp_path / "lettre-été.txt"
    letter.write_text("Root cause\nLes e-mails sont allés dans le dossier spam — désolé ✓.\n", encoding="utf-8")
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="ascii")
    result = subprocess.run([sys.executable, "-m", "poa", "check", str(letter)], cwd=ROOT, env=env,
                            capture_output=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr and b"lettre-\\xe9t\\xe9.txt" in result.stdout


def test_a_file_name_that_is_not_utf8_is_shown_not_a_crash(tmp_path, poa_main):
    name = os.fsdecode(b"appeal-\xff.txt")
    (tmp_path / name).write_text("Root cause\nThe e-mails went to spam.\n", encoding="utf-8")
    result = poa_main("check", str(tmp_path / name))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    nothing = poa_main("check", str(tmp_path / os.fsdecode(b"missing-\xff.yaml")))
    _one_line(nothing, "no such file")


def test_a_bug_is_one_line_with_exit_3(monkeypatch, capsys):
    """The last guard: an unexpected exception (a bug) is reported in one line, not a traceback."""
    import poa.workflow.check
    from poa.cli import main

    def broken(*_args, **_kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(poa.workflow.check, "check_file", broken)
    assert main(["check", str(EXAMPLE)]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["poa: internal error (RuntimeError: simulated bug); this is a bug in poa, please "
                   "report it (set POA_DEBUG=1 to see the details)"]
