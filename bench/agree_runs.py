"""poa and proselint over many letters, through their command lines only.

The report never imports poa: poa's modules are free to move, and what is measured is
what a seller gets from `poa check`. One process per letter would cost ~0.3 s each, so
letters are written into one temporary folder per kind and each folder is checked by
one `poa check DIR --format json [--kind K]` (a list of per-file objects comes back).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse


class RunError(RuntimeError):
    """poa or proselint printed something that is not the JSON it promises."""


def poa_command(given: str | None = None) -> list[str]:
    if given:
        return [given]
    script = Path(sys.executable).parent / "poa"
    return [str(script)] if script.exists() else [sys.executable, "-m", "poa"]


def environment() -> dict:
    """The environment of every poa run: no colours, and no user settings file (a folder that
    does not exist), so that the figures measure the rubric as shipped, not someone's settings."""
    return dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8",
                POA_CONFIG_DIR=os.path.join(tempfile.gettempdir(), "poa-agree-no-user-settings"))


def poa_kinds(poa: list[str]) -> set[str]:
    """The kind ids `poa kinds` lists (the first word of each line)."""
    out = subprocess.run([*poa, "kinds"], env=environment(), capture_output=True, text=True,
                         timeout=60, stdin=subprocess.DEVNULL)
    if out.returncode != 0:
        raise RunError(f"poa kinds failed: {out.stderr.strip()}")
    return {line.split()[0] for line in out.stdout.splitlines() if line.strip()}


def check_folder(poa: list[str], folder: Path, kind: str | None) -> dict[str, dict]:
    """poa's JSON object for each file of `folder`, by file name."""
    cmd = [*poa, "check", str(folder), "--format", "json", *(["--kind", kind] if kind else [])]
    out = subprocess.run(cmd, env=environment(), capture_output=True, text=True, timeout=600,
                         stdin=subprocess.DEVNULL)
    try:  # exit 0 ready, 1 not ready, 2 some file unreadable: the list comes back in each case
        report = json.loads(out.stdout)
    except json.JSONDecodeError:
        raise RunError(f"{' '.join(cmd)} exited {out.returncode} without JSON: "
                       f"{(out.stderr or out.stdout).strip()[:500]}") from None
    if isinstance(report, dict):  # a folder of one file
        report = [report]
    return {Path(item["file"]).name: item for item in report}


def check_texts(poa: list[str], texts: dict[str, tuple[str, str | None]], work: Path) -> dict[str, dict]:
    """Check each text (`name: (text, kind or None)`) as a .txt letter; poa's object by name."""
    by_kind: dict[str | None, list[str]] = {}
    for name, (_, kind) in texts.items():
        by_kind.setdefault(kind, []).append(name)
    results: dict[str, dict] = {}
    for index, (kind, names) in enumerate(sorted(by_kind.items(), key=lambda kv: kv[0] or "")):
        folder = work / f"{index:02d}-{kind or 'no-kind'}"
        folder.mkdir(parents=True)
        files = {}
        for number, name in enumerate(names):
            path = folder / f"{number:03d}.txt"
            path.write_text(texts[name][0] + "\n", encoding="utf-8")
            files[path.name] = name
        for file_name, item in check_folder(poa, folder, kind).items():
            if file_name in files:
                results[files[file_name]] = item
    missing = set(texts) - set(results)
    if missing:
        raise RunError(f"poa returned no result for {len(missing)} letter(s), e.g. {sorted(missing)[0]}")
    return results


def proselint_counts(proselint: str, texts: dict[str, str], work: Path) -> dict[str, int]:
    """How many diagnostics proselint gives each text, from one `proselint check -o json DIR`
    (the option goes after `check`: the subcommand's own default would override it). A file
    proselint could not lint is left out, and so not counted."""
    work.mkdir(parents=True)
    files = {}
    for number, (name, text) in enumerate(texts.items()):
        path = work / f"{number:03d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        files[path.name] = name
    out = subprocess.run([proselint, "check", "-o", "json", str(work)], env=environment(),
                         capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    try:
        result = json.loads(out.stdout)["result"]
    except (json.JSONDecodeError, KeyError, TypeError):
        raise RunError(f"proselint exited {out.returncode} without its JSON: "
                       f"{(out.stderr or out.stdout).strip()[:500]}") from None
    counts = {}
    for uri, entry in result.items():
        name = files.get(Path(unquote(urlparse(uri).path)).name)
        if name is not None and "diagnostics" in entry:
            counts[name] = len(entry["diagnostics"])
    return counts
