"""Settings files, in the manner of Vale's .vale.ini: the level of each rule, rules switched off,
the lowest level shown.

`.poa.yaml` is looked for in the checked file's folder and every folder above it, then
`settings.yaml` in the user's config folder ($POA_CONFIG_DIR, else the platform's, as
platformdirs names it). Each key is taken from the nearest file that sets it: a client's
folder can switch off a rule that a consultant's own settings raise. For example:

    min_level: warning            # error | warning | suggestion: the lowest level shown
    rules:
      tone.*: suggestion          # every rule of a category
      process.preventive-tool: off
      specifics.corrective-date: error

Cheap when there is none: a few `stat` calls, no YAML parser, no platformdirs on Linux
(`poa check` on a letter loads neither PyYAML nor pydantic). A file that exists is read with
the same safe reader as answers files, and a mistake in it is a located, one-line error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from poa.errors import InputError, Problem
from poa.rubric.overrule import LEVELS, OFF, Levels

FOLDER_FILE = ".poa.yaml"
USER_FILE = "settings.yaml"
ENV_VAR = "POA_CONFIG_DIR"
KEYS = ("min_level", "rules")
VALUES = (OFF, *LEVELS)


def config_dir() -> Path:
    """The user's config folder for poa: $POA_CONFIG_DIR, or platformdirs' user_config_path.

    On Linux and the BSDs that is $XDG_CONFIG_HOME/poa or ~/.config/poa, worked out here:
    importing platformdirs costs every `poa check` about 14 ms (a test compares the two).
    """
    value = os.environ.get(ENV_VAR)
    if value:
        return Path(value).expanduser()
    if sys.platform not in ("darwin", "win32", "cygwin") and not hasattr(sys, "getandroidapilevel"):
        base = os.environ.get("XDG_CONFIG_HOME", "").strip()
        return (Path(base) if base else Path.home() / ".config") / "poa"
    from platformdirs import user_config_path

    return user_config_path("poa", appauthor=False)


def settings_files(folder: Path) -> list[Path]:
    """The settings files that apply in `folder`, nearest first (the user's file last)."""
    found = []
    folder = Path(os.path.abspath(folder))
    for place in (folder, *folder.parents):
        candidate = place / FOLDER_FILE
        if candidate.is_file():
            found.append(candidate)
    user = config_dir() / USER_FILE
    if user.is_file() and user not in found:
        found.append(user)
    return found


def load_levels(folder: Path | None = None, explicit: Path | None = None) -> Levels:
    """The settings for a file in `folder` (or those of the one file `explicit`), merged per key."""
    files = [explicit] if explicit is not None else settings_files(folder or Path("."))
    levels = Levels()
    for path in reversed(files):  # farthest first: a nearer file overrides it key by key
        one = read_settings(path)
        levels.rules.update(one.rules)
        if one.min_level is not None:
            levels.min_level = one.min_level
    return levels


_CACHE: dict[tuple[str, str | None], Levels] = {}


def levels_for(path: Path, explicit: Path | None = None) -> Levels:
    """load_levels for the folder of `path`, read once per folder (a folder of drafts shares it)."""
    key = (os.path.abspath(path.parent), None if explicit is None else str(explicit))
    if key not in _CACHE:
        _CACHE[key] = load_levels(path.parent, explicit)
    return _CACHE[key]


def read_settings(path: Path) -> Levels:
    """One settings file; InputError (FILE:LINE:COL: what is wrong) when it is not a valid one."""
    from poa.files import yamlfile
    from poa.files.textfile import read_text

    name = str(path)
    if not path.is_file():
        raise InputError(Problem(name, "no such settings file"))
    loaded = yamlfile.load(read_text(path), name)
    data = loaded.data
    if data is None:
        return Levels()
    problems: list[Problem] = []

    def problem(message: str, where: tuple, key: bool = False) -> None:
        line, col = (loaded.where_key(where) if key else loaded.where(where)) or (None, None)
        problems.append(Problem(name, message, line, col, ".".join(map(str, where))))

    if not isinstance(data, dict):
        raise InputError(Problem(name, "expected 'key: value' lines (min_level:, rules:)", 1, 1))
    levels = Levels()
    for key, value in data.items():
        if key not in KEYS:
            problem(f"unknown key '{key}'{_hint(str(key), KEYS)}; a settings file holds "
                    "min_level and rules", (key,), key=True)
        elif key == "min_level":
            if value not in LEVELS:
                problem(f"expected one of {', '.join(LEVELS)} (got {_shown(value)})", (key,))
            else:
                levels.min_level = (value, name)
        elif value is None:
            continue
        elif not isinstance(value, dict):
            problem("expected one rule a line, as 'RULE_ID: off' or 'category.*: warning'", (key,))
        else:
            for rule, level in value.items():
                level = OFF if level is False else level  # YAML 1.1 reads a bare `off` as false
                rule_ok = isinstance(rule, str) and _valid_rule_name(rule)
                if not rule_ok:
                    problem(f"expected a rule id (tone.apology) or a category (tone.*), got "
                            f"{_shown(rule)}", ("rules", rule), key=True)
                elif level not in VALUES:
                    problem(f"expected one of {', '.join(VALUES)} (got {_shown(level)})",
                            ("rules", rule))
                else:
                    levels.rules[rule] = (level, name)
    if problems:
        raise InputError(problems)
    return levels


def _valid_rule_name(rule: str) -> bool:
    head = rule[:-2] if rule.endswith(".*") else rule
    return bool(head) and all(part and all(c.isalnum() or c in "-_" for c in part)
                              for part in head.split("."))


def _shown(value: object) -> str:
    if isinstance(value, (dict, list)):
        return "a group of values"
    shown = repr(value) if isinstance(value, str) else str(value).lower()
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _hint(word: str, choices: tuple[str, ...]) -> str:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def unknown_rule_names(names: list[str], rule_ids: list[str]) -> list[str]:
    """The names (rule ids, `category.*`, a bare category) that match none of `rule_ids`."""
    from poa.rubric.overrule import rule_pattern_matches

    return [n for n in names if not any(rule_pattern_matches(n, r) for r in rule_ids)]
