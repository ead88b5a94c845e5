"""Render the letter from the answers with Jinja templates.

Templates run in Jinja's sandbox with StrictUndefined: a template typo fails
loudly, and a user's own templates (--templates DIR, same file names override
the built-in ones) cannot reach Python internals. An answer is data, never
template code: '{{ x }}' typed by a seller is printed as typed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from poa.errors import InputError, Problem
from poa.model import Answers
from poa.paths import templates_dir
from poa.rubric.loader import RubricFile

LETTER_TEMPLATE = "letter.md.j2"


def _long_date(value: dt.date | None) -> str:
    """12 March 2026: unambiguous for every marketplace."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def environment(user_templates: Path | None = None) -> SandboxedEnvironment:
    """The Jinja environment: user templates first (when given), then the built-in ones."""
    loaders = []
    if user_templates is not None:
        if not user_templates.is_dir():
            raise InputError(Problem(str(user_templates), "--templates must name a folder of .j2 templates"))
        loaders.append(FileSystemLoader(str(user_templates)))
    loaders.append(FileSystemLoader(str(templates_dir())))
    env = SandboxedEnvironment(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                               autoescape=False, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=True)
    env.filters["long_date"] = _long_date
    env.filters["number"] = _number
    return env


def render_markdown(answers: Answers, kind: RubricFile | None,
                    user_templates: Path | None = None) -> str:
    """The letter as Markdown."""
    env = environment(user_templates)
    context = {
        "answers": answers.model_dump(),
        "kind": _kind_context(kind),
        "today": dt.date.today(),
    }
    try:
        template = env.get_template(LETTER_TEMPLATE)
        text = template.render(context)
    except SecurityError as err:
        raise InputError(Problem(_template_name(err, user_templates), f"template refused: {err}")) from None
    except TemplateError as err:
        line = getattr(err, "lineno", None)
        name = getattr(err, "filename", None) or _template_name(err, user_templates)
        raise InputError(Problem(name, f"template error: {err.message or err}", line)) from None
    return _tidy(text)


def _template_name(_err: Exception, user_templates: Path | None) -> str:
    folder = user_templates or templates_dir()
    return str(folder / LETTER_TEMPLATE)


def _kind_context(kind: RubricFile | None) -> dict:
    if kind is None:
        return {"id": "", "title": "", "summary": "", "metric": None}
    return {"id": kind.rubric, "title": kind.title, "summary": kind.summary,
            "metric": kind.metric.model_dump() if kind.metric else None}


def _tidy(text: str) -> str:
    """No runs of blank lines, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
