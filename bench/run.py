"""`make bench`: how fast poa checks, measured in one run on one machine, as one table.

    python bench/run.py [--quick] [--proselint PATH] [--letter FILE] [--json FILE]

1. in-process check of drafts of 200, 1,000, 5,000 and 50,000 words (median of
   many runs, every rubric loaded), the growth between sizes, and the time per
   rule as rules are added;
2. the whole `poa check` process on the forum letter, beside proselint on the
   same letter;
3. `poa check` over a folder of 1,000 answers files, in files per second;
4. the drafting screen (see tui_section.py; skipped when poa.tui is absent);
5. `poa evidence` reading a 100,000-row report (evidence_section.py; goal under 2 s);
then the agreement report (agree.py, `make agree`): not speed, but how often poa's
judgement agrees with reviewers on labelled letters, with proselint on the same texts.

--quick (or BENCH_QUICK=1) runs each measure a few times only, so CI can keep
the bench from rotting; its numbers are not worth quoting. Texts are generated
(corpus.py) into a temporary folder; nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

import agree  # noqa: E402
import evidence_section  # noqa: E402
import tui_section  # noqa: E402
from agree_report import render as render_agreement  # noqa: E402
from table import Row, format_table, ms  # noqa: E402

import corpus  # noqa: E402

SHARED_LETTER = ROOT.parent / "shared" / "examples" / "forum-letter.txt"
OWN_LETTER = BENCH / "weak-letter.txt"
SIZES = (200, 1_000, 5_000, 50_000)
GOALS_MS = {1_000: 2.0, 50_000: 100.0}


def repeat(fn, min_runs: int, budget: float, max_runs: int = 5000) -> list[float]:  # noqa: ANN001
    """Run `fn` at least `min_runs` times and for about `budget` seconds; the time of each run."""
    fn()  # warm up: caches, first-use compilation
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < min_runs or (time.perf_counter() - start < budget and len(times) < max_runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                                capture_output=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return {"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "commit": commit,
            "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}


# --- 1. in-process ----------------------------------------------------------------------


def all_rubrics():
    """Load every rubric (common and each kind), as the TUI has them; return the bench kind's."""
    from poa.rubric.compiled import kind_files, load_rubric

    for kind in [None, *kind_files()]:
        load_rubric(kind)
    return load_rubric(corpus.KIND)


def draft_of(words: int, seed: int = 0):
    from poa.answers.file import parse_answers
    from poa.letters.draft import draft_of as answers_draft

    text = corpus.answers_yaml(words, seed=seed)
    return answers_draft(parse_answers(text, Path(f"draft-{words}-{seed}.yaml")))


def in_process(quick: bool) -> tuple[list[Row], dict]:
    from poa.workflow.check import check_draft

    rubric = all_rubrics()
    drafts = {size: draft_of(size) for size in SIZES}
    for draft in drafts.values():
        check_draft(draft, rubric, "bench.yaml")  # warm up
    # Round robin over the sizes, so that a burst of other work on the machine
    # falls on every size alike and the ratios between sizes stay meaningful.
    times: dict[int, list[float]] = {size: [] for size in SIZES}
    reps = {size: 1 if quick else max(1, min(20, round(10_000 / size))) for size in SIZES}
    start = time.perf_counter()
    rounds = 0
    while rounds < (1 if quick else 30) or (not quick and time.perf_counter() - start < 12.0):
        for size in SIZES:
            draft = drafts[size]
            for _ in range(reps[size]):
                t0 = time.perf_counter()
                check_draft(draft, rubric, "bench.yaml")
                times[size].append(time.perf_counter() - t0)
        rounds += 1
    # Before timing first checks, let other new drafts compile the pattern combinations
    # they need (kept in poa's cache, as on a machine where poa has run before).
    for size in (1_000, 5_000):
        for seed in range(11, 12 if quick else 21):
            check_draft(draft_of(size, seed), rubric, "bench.yaml")
    rows, data = [], {}
    previous = None
    for size in SIZES:
        draft = drafts[size]
        words = corpus.word_count([p.text for p in draft.pieces])
        median = statistics.median(times[size])
        per_kword = median / words * 1000
        # The first check of text never seen before: other drafts of the same size.
        fresh = [draft_of(size, seed) for seed in range(1, 2 if quick or size > 5_000 else 11)]
        cold = []
        for other in fresh:
            t0 = time.perf_counter()
            check_draft(other, rubric, "bench.yaml")
            cold.append(time.perf_counter() - t0)
        data[size] = {"words": words, "runs": len(times[size]), "median_s": median,
                      "first_check_median_s": statistics.median(cold), "first_check_drafts": len(cold),
                      "findings": len(check_draft(draft, rubric, "bench.yaml").findings)}
        goal = verdict = cold_verdict = ""
        if size in GOALS_MS:
            goal = f"< {GOALS_MS[size]:g} ms median"
            verdict = "met" if median * 1000 < GOALS_MS[size] else "NOT met"
            cold_verdict = "met" if statistics.median(cold) * 1000 < GOALS_MS[size] else "NOT met"
        growth = ""
        if previous is not None:
            growth = (f"; x{words / previous[0]:.1f} words -> x{median / previous[1]:.1f} time")
        rows.append(Row("1", f"check_draft, {words:,} words, re-check ({len(times[size])} runs)",
                        f"{ms(median)} ({ms(per_kword)}/1k words{growth})", goal, verdict))
        rows.append(Row("1", f"  same size, first check of a new draft ({len(cold)} drafts)",
                        ms(statistics.median(cold)), goal and "(same goal)", cold_verdict))
        previous = (words, median)
    first, last = data[SIZES[1]], data[SIZES[-1]]
    ratio = (last["median_s"] / last["words"]) / (first["median_s"] / first["words"])
    rows.append(Row("1", "growth: time per word at 50,000 vs 1,000 words", f"x{ratio:.2f}",
                    "linear or better (<= ~1.2)", "met" if ratio <= 1.2 else "NOT met"))
    data["per_word_ratio_50k_vs_1k"] = ratio
    return rows, data


def per_rule(quick: bool) -> tuple[list[Row], dict]:
    """Time of the engine on the 1,000-word draft as rules are added (first k rules of the rubric)."""
    from poa.rubric.engine import run

    rubric = all_rubrics()
    rules = list(rubric.rules)
    draft = draft_of(1_000)
    steps = sorted({0, len(rules) // 4, len(rules) // 2, 3 * len(rules) // 4, len(rules)})
    rows, data = [], {}
    base = None
    for k in steps:
        subset = SimpleNamespace(rules=tuple(rules[:k]))
        times = repeat(lambda: run(draft, subset), 1 if quick else 30, 0 if quick else 1.0)
        median = statistics.median(times)
        base = median if base is None else base
        per = (median - base) / k * 1e6 if k else 0.0
        data[k] = {"median_s": median, "us_per_rule": per}
        rows.append(Row("1b", f"engine, 1,000 words, first {k} of {len(rules)} rules",
                        f"{ms(median)}" + (f" ({per:.0f} us per rule)" if k else ""), "", ""))
    return rows, data


# --- 2. whole process -------------------------------------------------------------------


def poa_command() -> list[str]:
    script = Path(sys.executable).parent / "poa"
    return [str(script)] if script.exists() else [sys.executable, "-m", "poa"]


def process_env(cache: Path) -> dict:
    """The environment of the measured processes: poa's cache in the bench's folder, and Python's
    bytecode caches written and used, as after an install (some shells set PYTHONDONTWRITEBYTECODE)."""
    env = dict(os.environ, NO_COLOR="1", POA_CACHE_DIR=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # not on this platform: CPU time is not reported
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall time, CPU time) of one run. CPU time (user + system) is steadier than wall time on
    a machine shared with other work; it is 0 where the platform does not report it."""
    cpu = _children_cpu()
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL, timeout=120)
    return time.perf_counter() - t0, _children_cpu() - cpu


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def whole_process(quick: bool, letter: Path, proselint: str | None, cache: Path) -> tuple[list[Row], dict]:
    env = process_env(cache)
    poa = [*poa_command(), "check", str(letter)]
    runs = 1 if quick else 21
    rows, data = [], {}
    # First run on this machine: nothing cached yet.
    cold = []
    for _ in range(1 if quick else 5):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(run_once(poa, env))
    run_once(poa, env)  # warm: the poa cache and the OS file cache
    other = [proselint, "check", str(letter)] if proselint else None
    if other:
        run_once(other, env)
    poa_runs, other_runs = [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        poa_runs.append(run_once(poa, env))
        if other:
            other_runs.append(run_once(other, env))
    poa_wall, poa_cpu = medians(poa_runs)
    cold_wall, _ = medians(cold)
    data.update(poa_median_s=poa_wall, poa_cpu_median_s=poa_cpu, poa_cold_median_s=cold_wall,
                runs=runs)
    rows.append(Row("2", f"poa check {letter.name}, whole process ({runs} runs)",
                    f"{ms(poa_wall)} (CPU {ms(poa_cpu)})"))
    rows.append(Row("2", "  same, first run (empty poa cache: rubric compiled)", ms(cold_wall)))
    if other:
        other_wall, other_cpu = medians(other_runs)
        ratio = poa_wall / other_wall
        cpu_ratio = poa_cpu / other_cpu if other_cpu else 0.0
        data.update(proselint_median_s=other_wall, proselint_cpu_median_s=other_cpu, ratio=ratio,
                    cpu_ratio=cpu_ratio)
        rows.append(Row("2", f"proselint check {letter.name}, whole process",
                        f"{ms(other_wall)} (CPU {ms(other_cpu)})"))
        rows.append(Row("2", "ratio poa / proselint (wall time)",
                        f"{ratio:.2f} (CPU time: {cpu_ratio:.2f})", "< 1 (aim: <= 0.5)",
                        "met" if ratio <= 0.5 else ("faster, aim not met" if ratio < 1 else "NOT met")))
    else:
        rows.append(Row("2", "proselint check, whole process", "not installed",
                        "< 1 (aim: <= 0.5)", "skipped (run: make bench)"))
    return rows, data


# --- 3. folder --------------------------------------------------------------------------


def folder(quick: bool, work: Path, cache: Path) -> tuple[list[Row], dict]:
    count = 3 if quick else 1_000
    paths = corpus.write_answers_folder(work / "answers", count)
    env = process_env(cache)
    poa = poa_command()
    run_once([*poa, "check", str(paths[0])], env)
    t0 = time.perf_counter()
    for path in paths:
        subprocess.run([*poa, "check", str(path)], env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=120)
    elapsed = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run([*poa, "check", str(work / "answers")], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=600)
    whole_folder = time.perf_counter() - t0
    from poa.workflow.check import check_file

    check_file(paths[0])
    t1 = time.perf_counter()
    for path in paths:
        check_file(path)
    inside = time.perf_counter() - t1
    data = {"files": count, "process_per_file_s": elapsed, "folder_s": whole_folder,
            "in_process_s": inside}
    rows = [Row("3", f"poa check FILE over {count:,} answers files, one process each",
                f"{count / elapsed:.1f} files/s ({ms(elapsed / count)} per file)"),
            Row("3", "poa check FOLDER of the same files, one process",
                f"{count / whole_folder:.0f} files/s ({ms(whole_folder / count)} per file)"),
            Row("3", f"check_file over the same {count:,} files in one process",
                f"{count / inside:.0f} files/s ({ms(inside / count)} per file)")]
    return rows, data


# --- main -------------------------------------------------------------------------------


def find_proselint(given: str | None) -> str | None:
    for candidate in (given, str(ROOT / ".venv-bench" / "bin" / "proselint")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", default=os.environ.get("BENCH_QUICK") == "1",
                        help="few repetitions (CI); numbers not worth quoting")
    parser.add_argument("--proselint", help="proselint executable (default: .venv-bench/bin/proselint)")
    parser.add_argument("--letter", type=Path, help="letter for section 2 (default: the forum letter)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    letter = args.letter or (SHARED_LETTER if SHARED_LETTER.is_file() else OWN_LETTER)
    which = ("the forum letter (../shared/examples/forum-letter.txt)" if letter == SHARED_LETTER
             else "bench/weak-letter.txt (stand-in for the forum letter)" if letter == OWN_LETTER
             else str(letter))
    proselint = find_proselint(args.proselint)
    info = machine()
    print(f"poa bench{' (quick mode: few runs, numbers not worth quoting)' if args.quick else ''}")
    print(f"date {info['date']}; {info['nproc']} CPUs, {info['cpu']}; Python {info['python']}; "
          f"commit {info['commit'] or '?'}; load average {info['load']}")
    print(f"letter: {which}")
    print(flush=True)

    rows: list[Row] = []
    results: dict = {"machine": info, "quick": args.quick, "letter": which}
    with tempfile.TemporaryDirectory(prefix="poa-bench-") as tmp:
        work = Path(tmp)
        cache = work / "cache"
        os.environ["POA_CACHE_DIR"] = str(cache)
        for name, step in (("in_process", lambda: in_process(args.quick)),
                           ("per_rule", lambda: per_rule(args.quick)),
                           ("whole_process", lambda: whole_process(args.quick, letter, proselint, cache)),
                           ("folder", lambda: folder(args.quick, work, cache)),
                           ("evidence", lambda: evidence_section.rows(args.quick, work))):
            new_rows, results[name] = step()
            rows.extend(new_rows)
            print(f"  ... {name} done", file=sys.stderr, flush=True)
        rows.extend(tui_section.rows(args.quick))
    if args.quick:  # one run each: a verdict would mean nothing
        for row in rows:
            if row.verdict in ("met", "NOT met", "faster, aim not met"):
                row.verdict = "(quick: not judged)"
    print(format_table(rows))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average at the end {load} (other work on the machine skews every number)")
    results["load_at_end"] = load
    print(flush=True)
    try:  # in quick mode, the first letters of each corpus folder only
        results["agreement"] = agree.collect(args.quick, None, proselint)
    except agree.agree_runs.RunError as err:
        print(f"agreement report failed: {err}", file=sys.stderr)
        return 1
    print(render_agreement(results["agreement"]), end="")
    if args.json:
        results["rows"] = [vars(r) for r in rows]
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
