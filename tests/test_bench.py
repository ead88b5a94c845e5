"""The bench keeps running: its quick mode completes and prints every row (no timing is asserted)."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT


def test_quick_bench_completes_and_prints_the_table(tmp_path):
    env = dict(os.environ, BENCH_QUICK="1", NO_COLOR="1", POA_CACHE_DIR=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick",
                             "--json", str(tmp_path / "bench.json")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "quick mode" in out
    rows = [line.split()[0] for line in out.splitlines() if line[:2].strip() in {"1", "1b", "2", "3", "4"}]
    for section in ("1", "1b", "2", "3", "4"):
        assert section in rows, out
    for words in ("1,004 words", "50,031 words"):
        assert words in out
    assert "whole process" in out and "files/s" in out
    assert (tmp_path / "bench.json").is_file()
