"""`poa serve` started for a test: a free port on 127.0.0.1, a draft with no root cause yet."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from poa.answers.file import load_answers, save_answers

from .conftest import EXAMPLE


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if process.poll() is not None:
            raise AssertionError(f"poa serve stopped: {process.stdout.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("poa serve did not open its port")


@pytest.fixture
def served(tmp_path):
    """`poa serve` on a free loopback port, on a draft whose root cause is still empty."""
    answers = load_answers(EXAMPLE).answers
    answers.root_cause = []
    path = tmp_path / "appeal.yaml"
    save_answers(answers, path)
    port = _free_port()
    env = {**os.environ, "POA_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "poa", "serve", str(path), "--port",
                                str(port)], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for_port(port, process)
        yield port, path, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
