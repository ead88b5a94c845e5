"""`make agree`: how often poa's judgement agrees with reviewers', on labelled letters.

    python bench/agree.py [--quick] [--corpus DIR|shared|own ...] [--proselint PATH]
                          [--format text|json] [--json FILE] [--poa CMD]

For each corpus (by default ../shared/corpus and the repository's corpus/) and each form
of its letters ("as written": full_text; "sections": the three section fields under plain
headings), poa checks every letter through its command line, and the report says how many
strong letters it calls ready, how noisy it is on them, how many weak letters it holds
back, and how many of the reviewers' points it finds; then which rules fire on strong
letters, and the letters where poa and the reviewers disagree. docs/agreement.md explains
each figure. A corpus that is absent or empty is skipped with a note; the texts are written
only to a temporary folder, never to the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import agree_corpus  # noqa: E402
import agree_runs  # noqa: E402
from agree_figures import figures  # noqa: E402
from agree_report import render  # noqa: E402

DEFAULT_CORPORA = {"shared": ROOT.parent / "shared" / "corpus", "own": ROOT / "corpus"}
QUICK_LETTERS = 3  # per folder: enough to prove the report runs, not to judge poa


def find_proselint(given: str | None) -> str | None:
    for candidate in (given, str(ROOT / ".venv-bench" / "bin" / "proselint")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def proselint_note(path: str | None) -> str:
    if not path:
        return "not found: its rows are skipped (`make bench` installs it into .venv-bench/)"
    out = subprocess.run([path, "version"], capture_output=True, text=True, timeout=60,
                         env=agree_runs.environment(), stdin=subprocess.DEVNULL)
    return f"{path} ({(out.stdout or out.stderr).strip() or 'version unknown'})"


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                              capture_output=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def corpora(chosen: list[str] | None) -> list[tuple[str, Path]]:
    """`shared` and `own` name the default corpora; anything else is a folder."""
    result = []
    for item in chosen or list(DEFAULT_CORPORA):
        if item in DEFAULT_CORPORA:
            result.append((item, DEFAULT_CORPORA[item]))
        else:
            result.append((Path(item).name or item, Path(item)))
    return result


def shown(path: Path) -> str:
    """A corpus folder as the report prints it: relative to the repository when near it."""
    for base, prefix in ((ROOT, ""), (ROOT.parent, "../")):
        try:
            return prefix + str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def measure_corpus(name: str, root: Path, poa: list[str], kinds: set[str], proselint: str | None,
                   limit: int | None, work: Path) -> dict:
    entry = {"name": name, "path": shown(root), "notes": [], "forms": {}}
    if not root.is_dir():
        entry["notes"].append("folder absent: skipped")
        return entry
    letters, notes = agree_corpus.load(root, limit)
    entry["notes"] += notes
    if not letters:
        entry["notes"].append("no letters: skipped")
        return entry
    unknown = sorted({letter.kind for letter in letters
                      if letter.kind not in kinds and letter.kind != "other"})
    if unknown:
        entry["notes"].append(f"kinds poa does not know, checked without --kind: {', '.join(unknown)}")
    for index, (form, make) in enumerate(agree_corpus.FORMS.items()):
        texts = {letter.name: make(letter) for letter in letters}
        empty = sorted(n for n, text in texts.items() if not text)
        if empty:
            entry["notes"].append(f"{form}: {len(empty)} letter(s) have no text in this form, "
                                  f"left out: {', '.join(empty)}")
        texts = {n: t for n, t in texts.items() if t}
        kind_of = {letter.name: letter.kind if letter.kind in kinds else None for letter in letters}
        place = work / f"{name}-{index}"
        results = agree_runs.check_texts(poa, {n: (t, kind_of[n]) for n, t in texts.items()},
                                         place / "poa")
        counts = agree_runs.proselint_counts(proselint, texts, place / "proselint") if proselint else None
        entry["forms"][form] = figures(letters, results, counts)
    return entry


def collect(quick: bool = False, chosen: list[str] | None = None, proselint: str | None = None,
            poa_cmd: str | None = None) -> dict:
    """Every figure of the report, as the JSON output holds them."""
    poa = agree_runs.poa_command(poa_cmd)
    kinds = agree_runs.poa_kinds(poa)
    version = subprocess.run([*poa, "--version"], capture_output=True, text=True, timeout=60,
                             env=agree_runs.environment()).stdout.strip()
    data = {"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "commit": commit(), "poa_version": version or "poa (version unknown)",
            "quick": f"first {QUICK_LETTERS} letters of each folder" if quick else "",
            "proselint": {"path": proselint, "note": proselint_note(proselint)},
            "goals_note": "goals are printed beside the figures; not meeting them is not an error",
            "corpora": []}
    with tempfile.TemporaryDirectory(prefix="poa-agree-") as tmp:
        for name, root in corpora(chosen):
            data["corpora"].append(measure_corpus(name, root, poa, kinds, proselint,
                                                  QUICK_LETTERS if quick else None, Path(tmp)))
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"only the first {QUICK_LETTERS} letters of each folder (CI, tests)")
    parser.add_argument("--corpus", action="append", metavar="DIR",
                        help="a corpus folder, or 'shared' / 'own' for the default ones; repeat to "
                             "add more (default: shared and own)")
    parser.add_argument("--proselint", help="proselint executable (default: .venv-bench/bin/proselint)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here as JSON")
    parser.add_argument("--poa", metavar="CMD", help="the poa command (default: the one beside this Python)")
    args = parser.parse_args(argv)
    try:
        data = collect(args.quick, args.corpus, find_proselint(args.proselint), args.poa)
    except agree_runs.RunError as err:
        print(f"agree: {err}", file=sys.stderr)
        return 2
    if args.json:
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if args.format == "json":
        print(json.dumps(data, indent=2))
    else:
        print(render(data), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
