"""The process test_kill_while_saving.py kills: it saves an answers file in a loop until SIGKILL.

It runs as a small server so that poa is imported once, not once per kill:
each `go` line on stdin forks a child that reads the file, then saves the
other of two versions with the real `save_answers` (conflict check
included), over and over, as fast as it can; once the child has read the
file and is about to save, the server prints its pid (so the test's random
delay falls in the save loop on any machine). After the test has killed
it, `reap PID` prints how the child ended and how many saves it completed.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from pathlib import Path

from poa.answers.file import fingerprint_bytes, save_answers, to_yaml
from poa.answers.model import Answers, CorrectiveAction, PreventiveMeasure, RootCause


def versions() -> tuple[Answers, Answers]:
    """Two clearly different files of a realistic size (a few kilobytes each)."""

    def make(tag: str, items: int) -> Answers:
        return Answers(
            kind="valid_tracking_rate",
            root_cause=[RootCause(what=f"{tag} cause {i}: " + "orders confirmed early. " * 20)
                        for i in range(items)],
            corrective_actions=[CorrectiveAction(what=f"{tag} action {i}: fixed " * 15)
                                for i in range(items)],
            preventive_measures=[PreventiveMeasure(what=f"{tag} measure {i}", owner="me",
                                                   frequency="daily") for i in range(items)])

    return make("alpha", 2), make("beta", 3)


def _save_forever(path: Path, done: int, first: Answers, second: Answers, first_text: bytes) -> None:
    on_disk = path.read_bytes()
    expected = fingerprint_bytes(on_disk)
    following = second if on_disk == first_text else first
    os.write(done, b"R")
    while True:
        expected = save_answers(following, path, expected=expected)
        os.write(done, b".")
        following = second if following is first else first


def main() -> None:
    path = Path(sys.argv[1])
    first, second = versions()
    first_text = to_yaml(first, path.name).encode("utf-8")
    counters: dict[int, int] = {}
    gc.freeze()  # children share the server's memory instead of copying it
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "go":
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_end)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                _save_forever(path, write_end, first, second, first_text)
            os.close(write_end)
            counters[pid] = read_end
            ready = os.read(read_end, 1)
            print(pid if ready == b"R" else f"failed {pid}", flush=True)
        elif command == "reap":
            pid = int(arg)
            _, status = os.waitpid(pid, 0)
            read_end = counters.pop(pid)
            saves = 0
            while chunk := os.read(read_end, 65536):
                saves += len(chunk)
            os.close(read_end)
            how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit {os.WEXITSTATUS(status)}"
            print(f"{how} saves {saves}", flush=True)


if __name__ == "__main__":
    main()
