"""Killing poa at any moment of a save leaves the old or the new file, complete and loadable.

A helper process (saver.py) saves an answers file in a loop with the real
save_answers, alternating two versions; this test kills it with SIGKILL at
random moments, KILLS times, and after each kill requires the file and its
backup to be, byte for byte, one of the two complete versions (each of which
loads). Temporary files of a killed save are removed by the next save, so at
most one is ever left. The figures are printed (run with -s to see them).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from reliability_helpers import hang_guard

from poa.answers.file import load_answers, parse_answers, save_answers, to_yaml

KILLS = 200
SAVER = Path(__file__).with_name("saver.py")
sys.path.insert(0, str(SAVER.parent))
from saver import versions  # noqa: E402


def test_sigkill_while_saving_never_leaves_a_mix(tmp_path):
    path = tmp_path / "appeal.yaml"
    first, second = versions()
    complete = {to_yaml(answers, path.name).encode("utf-8"): answers for answers in (first, second)}
    for text, answers in complete.items():
        assert parse_answers(text.decode("utf-8"), path).answers == answers
    save_answers(first, path)
    rng = random.Random(5)
    figures: Counter[str] = Counter()
    server = subprocess.Popen([sys.executable, str(SAVER), str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        with hang_guard(120):
            for _ in range(KILLS):
                server.stdin.write("go\n")
                server.stdin.flush()
                pid = int(server.stdout.readline())
                time.sleep(rng.uniform(0.0, 0.03))  # a random moment in the save loop
                os.kill(pid, signal.SIGKILL)
                server.stdin.write(f"reap {pid}\n")
                server.stdin.flush()
                how, saves = _ended(server.stdout.readline())
                assert how == f"signal {signal.SIGKILL}"
                figures["saves completed"] += saves
                temps = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
                assert len(temps) <= 1, temps
                figures["kills that left a temp file"] += len(temps)
                now = complete.get(path.read_bytes())
                assert now is not None, "the file is not one of the two complete versions"
                figures["file held the first version" if now == first else "file held the second version"] += 1
                backup = tmp_path / "appeal.yaml.bak"
                if backup.exists():
                    assert backup.read_bytes() in complete
                figures["kills"] += 1
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    assert load_answers(path).answers in (first, second)
    print("\nkill-while-saving:", dict(figures))
    assert figures["kills"] == KILLS
    # The kills did land inside saves: some left a half-written temp file, and the
    # file went back and forth between the versions.
    assert figures["kills that left a temp file"] > 0
    assert figures["file held the first version"] and figures["file held the second version"]


def _ended(line: str) -> tuple[str, int]:
    how, _, saves = line.strip().rpartition(" saves ")
    return how, int(saves)
