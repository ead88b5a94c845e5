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
import zlib
from pathlib import Path

from jinja2 import BytecodeCache, ChoiceLoader, FileSystemBytecodeCache, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from poa import __version__
from poa.errors import InputError, Problem
from poa.answers.model import Answers
from poa.files.paths import templates_dir

TYPE_CHECKING = False  # not typing's (see poa/rubric/bounded.py)
if TYPE_CHECKING:  # the validated file (pydantic) or the compiled one: both have these fields
    from poa.rubric.compiled import CompiledFile
    from poa.rubric.loader import RubricFile
from poa.render.sandbox import MAX_OUTPUT, BoundedSandbox, FolderLoader, TooLarge, bounded_filters
from poa.terminal import without_controls

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
                         keep_trailing_newline=True,
                         bytecode_cache=None if user_templates else _compiled_templates())
    env.filters["long_date"] = _long_date
    env.filters["number"] = _number
    env.filters = bounded_filters(env.filters)
    return env


def _compiled_templates() -> BytecodeCache | None:
    """The built-in templates as Jinja compiled them, kept in poa's cache folder (poa/files/cache.py).

    Compiling the letter template costs more than rendering it (some 35 ms, at
    every start of the drafting screen). Jinja checks each kept file against
    the template's text and its own and Python's versions; the file names also
    carry poa's version and the time of the code that sets the environment up,
    so a change to it is never run with an older compilation. Only poa's own
    templates are kept: a user's folder is compiled afresh each run.
    """
    from poa.files.cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    here = Path(__file__).resolve().parent
    stamp = [__version__, *(f"{(here / n).stat().st_mtime_ns}" for n in ("letter.py", "sandbox.py"))]
    return FileSystemBytecodeCache(str(folder), f"template-{zlib.crc32(';'.join(stamp).encode()):08x}-%s.cache")


def render_markdown(answers: Answers, kind: CompiledFile | RubricFile | None,
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
        text = _collect(template.generate(context))
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


def _collect(chunks) -> str:  # noqa: ANN001
    """The rendered text, stopped as soon as it grows past MAX_OUTPUT."""
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise TooLarge(f"the template writes more than {MAX_OUTPUT // 1024 // 1024} MB of text")
        out.append(chunk)
    return "".join(out)


def _where(err: BaseException | None, user_templates: Path | None) -> tuple[str, int | None]:
    """The template file and line a rendering error came from (the last template frame)."""
    frames = traceback.extract_tb(err.__traceback__) if err is not None else []
    for frame in reversed(frames):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno
    return _template_name(err, user_templates), None


def _template_name(_err: Exception, user_templates: Path | None) -> str:
    folder = user_templates or templates_dir()
    return str(folder / LETTER_TEMPLATE)


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
