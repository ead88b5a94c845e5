"""poa opens no network connection: every command runs with connections forbidden, and none is tried.

In this process the socket functions are replaced by ones that refuse and
record; in a subprocess, no_network/sitecustomize.py does the same before
poa is even imported. The drafting screen's own test comes with the TUI
(see docs/reliability.md).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES
from reliability_helpers import ROOT, run_main

NO_NETWORK = Path(__file__).with_name("no_network")
REPLY = "Greater detail on the root causes of not providing valid tracking numbers.\n"


def _commands(folder: Path) -> list[list[str]]:
    """Every command of poa, on real files, in an order that makes each succeed."""
    answers = folder / "appeal.yaml"
    answers.write_text((EXAMPLES / "valid-tracking-rate.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    reply = folder / "reply.txt"
    reply.write_text(REPLY, encoding="utf-8")
    (folder / "templates").mkdir()
    (folder / "templates" / "letter.md.j2").write_text("For {{ answers.context.seller }}\n", encoding="utf-8")
    return [
        ["kinds"],
        ["new", "--kind", "valid_tracking_rate", "-o", str(folder / "new.yaml")],
        ["check", str(answers)],
        ["check", str(answers), "--format", "json", "--reply", str(reply)],
        ["check", str(FIXTURES / "weak-vtr-letter.txt")],
        ["render", str(answers), "--format", "md", "-o", str(folder / "letter.md")],
        ["render", str(answers), "--templates", str(folder / "templates")],
        ["submitted", str(answers), "--date", "2026-11-19"],
        ["reply", str(answers), str(reply)],
        ["diff", str(answers)],
    ]


def test_no_command_tries_the_network_in_process(tmp_path, capsys, monkeypatch):
    attempts: list[str] = []

    def refuse(what):
        def refused(*args, **kwargs):
            attempts.append(what)
            raise OSError(f"network access attempted ({what})")
        return refused

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, name, refuse(name))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))
    with pytest.raises(OSError):  # the guard is in place
        socket.create_connection(("127.0.0.1", 9))
    attempts.clear()
    for args in _commands(tmp_path):
        result = run_main(capsys, *args)
        assert result.returncode in (0, 1), (args, result.stderr)
    assert attempts == []


def _run(code: str, log: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(NO_NETWORK), os.environ.get("PYTHONPATH", "")]),
               POA_NETWORK_LOG=str(log), NO_COLOR="1", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_no_command_tries_the_network_in_a_subprocess(tmp_path):
    log = tmp_path / "network.log"
    probe = _run("import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9))\nexcept OSError as e:\n"
                 "    print(e)\n", log)
    assert "network access attempted" in probe.stdout, probe.stderr  # sitecustomize is active
    log.unlink()
    commands = _commands(tmp_path)
    driver = textwrap.dedent(f"""
        import sys
        from poa.cli import main
        for args in {commands!r}:
            code = main(args)
            if code not in (0, 1):
                sys.exit(f"{{args}} exited {{code}}")
        print("all commands ran")
    """)
    result = _run(driver, log)
    assert result.returncode == 0 and "all commands ran" in result.stdout, result.stderr
    assert not log.exists(), log.read_text(encoding="utf-8")
    module = _run(f"import runpy, sys\nsys.argv = ['poa', 'check', {str(tmp_path / 'appeal.yaml')!r}]\n"
                  "runpy.run_module('poa', run_name='__main__')", log)
    assert "Traceback" not in module.stderr and not log.exists()
