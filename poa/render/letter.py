"""Render the letter from the answers with Jinja templates.

Templates run in Jinja's sandbox with StrictUndefined: a template typo fails
loudly, and a user's own templates (--templates DIR, same file names override
the built-in ones) cannot reach Python internals, files outside their folder,
or build enormous values (see poa/render/sandbox.py). An answer is data, never
template code: '{{ x }}' typed by a seller is printed as typed. Whatever goes
wrong in a template is one located error, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from jinja2 import ChoiceLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from poa.answers.model import Answers
from poa.answers.sections import TEXT_FIELDS
from poa.errors import InputError, Problem
from poa.files.paths import templates_dir

TYPE_CHECKING = False  # not typing's (see poa/rubric/bounded.py)
if TYPE_CHECKING:  # the validated file (pydantic) or the compiled one: both have these fields
    from poa.rubric.compiled import CompiledFile
    from poa.rubric.loader import RubricFile
from poa.render.sandbox import MAX_OUTPUT, BoundedSandbox, FolderLoader, bounded_filters, joined
from poa.terminal import without_controls

LETTER_TEMPLATE = "letter.md.j2"
TEMPLATE_SUFFIX = ".md.j2"
"""`--template NAME` renders NAME.md.j2 (letter, escalation, form...) from the user's folder or poa's."""


def _long_date(value: dt.date | None) -> str:
    """12 March 2026: unambiguous for every marketplace."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")


def _mentions_date(text: str, value: dt.date | str | None) -> bool:
    """Whether `text` already gives this date ("On 21 November...", "Nov 21", "2026-11-21", "21/11"):
    then the template does not print it again in front of the text."""
    if not value or not text:
        return False
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return False
    low = text.lower()
    month = _MONTHS[value.month - 1]
    day = str(value.day)
    forms = [value.isoformat(), f"{value.day}/{value.month}", f"{value.month}/{value.day}",
             f"{value.day:02d}/{value.month:02d}", f"{value.day}.{value.month}."]
    for name in (month, month[:3]):
        forms += [f"{day} {name}", f"{day}th {name}", f"{day}st {name}", f"{day}nd {name}",
                  f"{day}rd {name}", f"{name} {day}", f"{day} of {name}"]
    return any(_has_form(low, form) for form in forms)


def _has_form(text: str, form: str) -> bool:
    """`form` in `text`, not inside a longer number ("1 November" is not in "21 November")."""
    start = text.find(form)
    while start != -1:
        before = text[start - 1] if start else " "
        end = start + len(form)
        after = text[end] if end < len(text) else " "
        if not before.isdigit() and not after.isdigit() and not (form[-1].isalpha() and after.isalpha()):
            return True
        start = text.find(form, start + 1)
    return False


def _is_sentence(text: str) -> bool:
    """A full sentence as a seller writes one: a capital first, a stop last, a few words."""
    text = (text or "").strip().strip("\"'“”‘’()")
    return len(text.split()) >= 4 and text[:1].isupper() and text.endswith((".", "!", "?"))


def _is_prose(item: dict, fields: list[str]) -> bool:
    """An item whose details were written as sentences reads as prose, not as labelled lines."""
    filled = [item.get(name) or "" for name in fields if (item.get(name) or "").strip()]
    return bool(filled) and all(_is_sentence(text) for text in filled)


def _lines(text: str) -> list[str]:
    """The non-empty lines of a text, stripped (a sign-off's lines, each kept on its own line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


_ENVIRONMENTS: dict[Path | None, SandboxedEnvironment] = {}


def environment(user_templates: Path | None = None) -> SandboxedEnvironment:
    """The Jinja environment: user templates first (when given), then the built-in ones.

    One per template folder for the life of the process, so a template is compiled
    once (Jinja still notices a template file changed on disk and reads it again).
    """
    env = _ENVIRONMENTS.get(user_templates)
    if env is None:
        env = _ENVIRONMENTS[user_templates] = _new_environment(user_templates)
    return env


def _new_environment(user_templates: Path | None) -> SandboxedEnvironment:
    loaders = []
    if user_templates is not None:
        if not user_templates.is_dir():
            raise InputError(Problem(str(user_templates), "--templates must name a folder of .j2 templates"))
        loaders.append(FolderLoader(str(user_templates)))
    loaders.append(FolderLoader(str(templates_dir())))
    env = BoundedSandbox(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                         autoescape=False, trim_blocks=True, lstrip_blocks=True,
                         keep_trailing_newline=True)
    env.filters["long_date"] = _long_date
    env.filters["number"] = _number
    env.filters["lines"] = _lines
    env.tests["sentence"] = _is_sentence
    env.tests["prose"] = _is_prose
    env.tests["mentioned_in"] = lambda value, text: _mentions_date(text, value)
    env.filters = bounded_filters(env.filters)
    return env


def render_markdown(answers: Answers, kind: CompiledFile | RubricFile | None,
                    user_templates: Path | None = None, template_name: str = "letter",
                    today: dt.date | None = None, extra: dict | None = None) -> str:
    """The letter (or the template `template_name`) as Markdown.

    Items with no text are left out (a blank item must not merge with the next
    heading), so templates number only what was written. `extra` adds values a
    template names (the escalation letter's submissions).
    """
    env = environment(user_templates)
    context = {
        "answers": _written(answers.model_dump()),
        "kind": _kind_context(kind),
        "today": today or dt.date.today(),
        **(extra or {}),
    }
    try:
        template = env.get_template(template_file(template_name, user_templates))
        text = joined(template.generate(context), MAX_OUTPUT,
                      f"the template writes more than {MAX_OUTPUT // 1024 // 1024} MB of text")
    except InputError:
        raise
    except SecurityError as err:
        name, line = _where(err, user_templates)
        raise InputError(Problem(name, f"template refused: {err}", line)) from None
    except TemplateError as err:
        line = getattr(err, "lineno", None)
        name = getattr(err, "filename", None) or _template_name(err, user_templates)
        raise InputError(Problem(name, f"template error: {err.message or err}", line)) from None
    except RecursionError:
        name, line = _where(None, user_templates)
        raise InputError(Problem(name, "template error: it includes or calls itself without end", line)) from None
    except Exception as err:  # noqa: BLE001 - a template's own mistake (e.g. 'a' + 1) is the user's input
        name, line = _where(err, user_templates)
        raise InputError(Problem(name, f"template error: {type(err).__name__}: {err}", line)) from None
    return _tidy(text)


def template_file(name: str, user_templates: Path | None = None) -> str:
    """The file of the template called `name`; an unknown name lists the ones there are."""
    file = name if name.endswith(".j2") else name + TEMPLATE_SUFFIX
    names = template_names(user_templates)
    if file.startswith("_") or "/" in file or "\\" in file or file[: -len(TEMPLATE_SUFFIX)] not in names:
        raise InputError(Problem(name, "no template of that name; there are: " + ", ".join(names)))
    return file


def template_names(user_templates: Path | None = None) -> list[str]:
    """The templates one can choose (`--template NAME`): built-in and the user's folder's, by name.

    Files starting with '_' are parts other templates import, not letters.
    """
    folders = [templates_dir()] + ([user_templates] if user_templates and user_templates.is_dir() else [])
    found = {p.name[: -len(TEMPLATE_SUFFIX)] for folder in folders for p in folder.glob("*" + TEMPLATE_SUFFIX)
             if not p.name.startswith("_")}
    return sorted(found)


def _written(data: dict) -> dict:
    """The answers with items that hold no text left out (a date alone does not make a paragraph)."""
    for section, fields in TEXT_FIELDS.items():
        data[section] = [item for item in data.get(section, [])
                         if any((item.get(name) or "").strip() for name in fields)]
    return data




def _where(err: BaseException | None, user_templates: Path | None) -> tuple[str, int | None]:
    """The template file and line a rendering error came from (the last template frame)."""
    frames = traceback.extract_tb(err.__traceback__) if err is not None else []
    for frame in reversed(frames):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno
    return _template_name(err, user_templates), None


def _template_name(_err: Exception, user_templates: Path | None) -> str:
    name = getattr(_err, "name", None) if _err is not None else None
    folder = user_templates or templates_dir()
    return str(folder / (name if isinstance(name, str) and name.endswith(".j2") else LETTER_TEMPLATE))


def _kind_context(kind: CompiledFile | RubricFile | None) -> dict:
    if kind is None:
        return {"id": "", "title": "", "summary": "", "metric": None}
    metric = kind.metric
    return {"id": kind.rubric, "title": kind.title, "summary": kind.summary,
            "metric": None if metric is None else {"name": metric.name, "target": metric.target,
                                                   "direction": metric.direction}}


def _tidy(text: str) -> str:
    """No control characters (nothing a seller could paste), no runs of blank lines, no trailing
    spaces, one final newline."""
    lines = [line.rstrip() for line in without_controls(text).splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
