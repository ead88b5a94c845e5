"""Shared helpers: paths to fixtures and a way to run the real `poa` command."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# Tests (and the poa processes they start) keep poa's cache in a folder of their own.
os.environ.setdefault("POA_CACHE_DIR", tempfile.mkdtemp(prefix="poa-test-cache-"))
# ... and an empty config folder: the developer's own settings.yaml must not change any result.
os.environ["POA_CONFIG_DIR"] = tempfile.mkdtemp(prefix="poa-test-config-")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def run_poa(*args: str, cwd: Path | None = None, input: str | None = None,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m poa ARGS` as a separate process, the way a user or a script would."""
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8", **(env or {}))
    return subprocess.run([sys.executable, "-m", "poa", *args], cwd=cwd or ROOT, env=env,
                          capture_output=True, text=True, input=input, timeout=60)


@pytest.fixture
def poa():
    return run_poa
