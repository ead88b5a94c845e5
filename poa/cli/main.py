"""The `poa` command line: new, check, render, kinds, and (with no command) the drafting screen.

This module must stay light: it never imports Textual (the `poa` launcher,
poa/__main__.py, hands it the drafting screen), and each command imports only what it uses, so
`poa check` starts fast enough for scripts and for checking folders of drafts.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from poa import __version__, startup_gc

COMMANDS = ("new", "check", "render", "kinds", "edit", "serve", "submitted", "reply", "diff",
            "import", "evidence")
EXIT_READY, EXIT_NOT_READY, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141
"""As a shell reports a program stopped by SIGPIPE (`poa check ... | head`)."""


class _Parser(argparse.ArgumentParser):
    """A usage mistake is one line too, like every other bad input."""

    def error(self, message: str):  # noqa: ANN201 - argparse's signature
        from poa.terminal import one_line

        print(one_line(f"poa: {message} (see: {self.prog} --help)"), file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse builds a formatter for every add_argument, and without a width it imports
        # shutil to measure the terminal: a few milliseconds of every `poa check`.
        return self.formatter_class(prog=self.prog, width=_columns() - 2)


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size gives it: $COLUMNS, the terminal, or 80."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="poa", description="Draft, check and render an Amazon Plan of Action, offline.",
        epilog="With no command, or with just an answers file, poa opens the drafting screen; with a "
               "letter (.txt, .md), it imports it into an answers file beside it first.")
    parser.add_argument("--version", action="version", version=f"poa {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = sub.add_parser("new", help="write a commented answers file to fill in")
    new.add_argument("--kind", required=True, help="suspension kind (see: poa kinds)")
    new.add_argument("-o", "--output", default="-", help="file to write (default: print it)")
    new.add_argument("--force", action="store_true",
                     help="replace an existing file (the old one is kept as FILE.bak)")

    check = sub.add_parser("check", help="check an answers file or a letter against the rubric")
    check.add_argument("file", type=Path, nargs="+",
                       help="answers files (.yaml) or letters (.txt, .md), or folders of them")
    check.add_argument("--kind", help="suspension kind (default: the answers file's, or inferred)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--brief", action="store_true", help="leave out why reviewers ask for it")
    check.add_argument("--reply", type=Path, metavar="REPLY.txt",
                       help="Amazon's reply to your last appeal: the sections it names are checked harder")
    check.add_argument("--ignore", action="append", default=[], metavar="RULE",
                       help="leave out a rule (tone.apology) or a category (tone.*); the findings "
                            "are listed as dismissed (repeatable)")
    check.add_argument("--settings", type=Path, metavar="FILE",
                       help="this settings file, instead of the .poa.yaml files found from the "
                            "file's folder upward and your own")
    check.add_argument("--no-settings", action="store_true", help="use no settings file")
    check.add_argument("--rubrics", type=Path, metavar="DIR",
                       help="house rubrics: a folder laid out like poa's rubrics/ (common.yaml "
                            "and one file per kind), used instead of the built-in ones")

    render = sub.add_parser("render", help="render the letter from an answers file")
    render.add_argument("file", type=Path, help="answers file (.yaml)")
    render.add_argument("--format", choices=("txt", "md", "form"), default="txt",
                        help="txt: plain text to paste into Seller Central (one line per paragraph); "
                             "md: Markdown; form: one text per box of Amazon's appeal form, with its length")
    render.add_argument("--template", default=None, metavar="NAME",
                        help="which letter: letter (the default), escalation (to Executive Seller "
                             "Relations, after two rejections), or one of your own (--templates)")
    render.add_argument("-o", "--output", help="file to write (default: print it)")
    render.add_argument("--templates", type=Path, help="folder of your own templates (override by name)")
    render.add_argument("--wrap", type=int, default=0, metavar="N",
                        help="wrap plain text at N characters, e.g. for an e-mail (default: no wrapping)")
    render.add_argument("--width", type=int, dest="wrap", help=argparse.SUPPRESS)  # the old name of --wrap
    # Merge note: the settings file (.poa.yaml, branch `overrule`) should give the default of
    # --box-limit (a per-box limit, none by default); until it lands the limit is this option only.
    render.add_argument("--box-limit", type=int, metavar="N",
                        help="with --format form: warn when a box has more than N characters "
                             "(Amazon publishes no limit, so there is none by default)")

    imp = sub.add_parser("import", help="read a letter you already wrote into an answers file")
    imp.add_argument("file", type=Path, help="the letter (.txt or .md)")
    imp.add_argument("-o", "--output", type=Path,
                     help="answers file to write (default: beside the letter, same name, .yaml)")
    imp.add_argument("--kind", help="suspension kind (default: inferred from the letter; see: poa kinds)")
    imp.add_argument("--force", action="store_true",
                     help="replace an existing answers file (the old one is kept as FILE.bak)")

    kinds = sub.add_parser("kinds", help="list the suspension kinds poa knows")
    kinds.add_argument("--format", choices=("text", "json"), default="text")

    submitted = sub.add_parser("submitted", help="record that you sent this letter to Amazon today")
    submitted.add_argument("file", type=Path, help="answers file (.yaml)")
    submitted.add_argument("--date", help="the day you sent it, e.g. 2026-11-20 (default: today)")
    submitted.add_argument("--letter", type=Path, metavar="LETTER.txt",
                           help="the letter exactly as you pasted it, e.g. the file poa render wrote "
                                "(default: the letter as poa render prints it now)")
    submitted.add_argument("--force", action="store_true", help="save even if the file is read-only")

    reply = sub.add_parser("reply", help="store Amazon's reply to your last submission")
    reply.add_argument("file", type=Path, help="answers file (.yaml)")
    reply.add_argument("reply", type=Path, help="a text file with Amazon's reply, as it came")
    reply.add_argument("--force", action="store_true", help="save even if the file is read-only")

    diff = sub.add_parser("diff", help="show what changed in the letter since the last submission")
    diff.add_argument("file", type=Path, help="answers file (.yaml), or an older letter (.txt, .md)")
    diff.add_argument("newer", type=Path, nargs="?", metavar="NEW.txt",
                      help="with a letter first: the newer letter to compare it with")

    from poa.cli import evidence

    evidence.add_parser(sub)

    edit = sub.add_parser("edit", help="open the drafting screen on an answers file")
    edit.add_argument("file", type=Path, nargs="?")

    serve = sub.add_parser("serve", help="open the drafting screen in your web browser instead",
                           description="Serve the drafting screen to a browser on this computer "
                                       "(for one person; it prints the address to open).")
    serve.add_argument("file", type=Path, nargs="?", help="answers file (.yaml) to open")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this computer only); "
                            "any other lets whoever can reach it read your plan")
    return parser


Screen = Callable[[Path | None], int]
"""Opens the drafting screen on a file (or the start screen) and returns its exit code."""
Serve = Callable[[Path | None, str, int], int]
"""Serves the drafting screen to a browser: (file, host, port) -> exit code."""


def main(argv: list[str] | None = None, screen: Screen | None = None,
         serve: Serve | None = None) -> int:
    """Run one command; returns the exit code (0 ready/ok, 1 not ready, 2 bad input).

    `screen` opens the drafting screen for `poa`, `poa FILE` and `poa edit`, `serve` runs
    it in a browser for `poa serve`; the `poa` launcher (poa/__main__.py) passes both, so
    this package never imports Textual, not even inside a function.
    """
    startup_gc.pause()
    try:
        return _run(argv, screen, serve)
    finally:
        startup_gc.resume()  # a no-op once the drafting screen has resumed it


def _run(argv: list[str] | None, screen: Screen | None = None, serve: Serve | None = None) -> int:
    _quiet_if_closed()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        argv = ["edit", *argv]
    if not argv:
        argv = ["edit"]
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")  # a terminal that is not UTF-8
    args = _parser().parse_args(argv)
    args.screen = screen
    args.serve = serve
    from poa.errors import ConflictError, InputError  # not answers_file's import: pydantic and ruamel.yaml

    try:
        return _COMMANDS[args.command](args)
    except InputError as err:
        for problem in err.problems:
            print(f"poa: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ConflictError as err:
        print(_one_line(f"poa: {err}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`poa check x | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        print(_one_line(f"poa: {where}{(err.strerror or str(err)).lower()}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as err:  # noqa: BLE001 - the last guard: a bug is one line too
        if os.environ.get("POA_DEBUG"):
            raise
        print(_one_line(f"poa: internal error ({type(err).__name__}: {err}); this is a bug in poa, "
                        "please report it (set POA_DEBUG=1 to see the details)"), file=sys.stderr)
        return EXIT_BUG


def _quiet_if_closed() -> None:
    """A closed stdout or stderr (`poa check x >&-`): output goes nowhere, the exit code still tells."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - for the process


def _one_line(text: str) -> str:
    from poa.terminal import one_line

    return one_line(text)


def _cmd_kinds(args: argparse.Namespace) -> int:
    from poa.rubric.compiled import known_kinds

    kinds = known_kinds()
    if args.format == "json":
        print(json.dumps([{"kind": k.rubric, "title": k.title, "summary": k.summary} for k in kinds],
                         indent=2))
        return 0
    width = max(len(k.rubric) for k in kinds)
    for kind in kinds:
        print(f"{kind.rubric.ljust(width)}  {kind.title}: {kind.summary}")
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    from poa.errors import InputError, Problem
    from poa.rubric.compiled import load_rubric
    from poa.workflow.skeleton import skeleton

    out = None if args.output == "-" else Path(args.output)
    existing = None
    if out is not None:
        _refuse_special_output(out)
    if out is not None and (out.exists() or out.is_symlink()):
        if not args.force:
            raise InputError(Problem(str(out), "already exists; choose another name, or add --force "
                                               "(the old file is then kept as a .bak)"))
        existing = _fingerprint_of(out)
    rubric = load_rubric(args.kind)
    text = skeleton(rubric, "FILE" if out is None else out.name)
    if out is None:
        sys.stdout.write(text)
        return 0
    _write(out, text, expected=existing)
    print(f"wrote {out}: fill it in, then run: poa check {out}", file=sys.stderr)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from poa.cli.report import format_report
    from poa.errors import InputError, Problem
    from poa.workflow.check import check_file, files_to_check

    reply = None
    if args.reply is not None:
        from poa.files.textfile import read_text

        reply = read_text(args.reply)
    if args.settings is not None and args.no_settings:
        raise InputError(Problem("--settings", "give --settings FILE or --no-settings, not both"))
    for rule in args.ignore:
        if not rule.strip() or any(c.isspace() for c in rule):
            raise InputError(Problem("--ignore", f"expected a rule id (tone.apology) or a category "
                                                 f"(tone.*), got {rule!r}"))
    paths = files_to_check(args.file)
    overrule = {"ignore": args.ignore, "settings": args.settings, "use_settings": not args.no_settings}
    if len(paths) == 1 and len(args.file) == 1 and not args.file[0].is_dir():
        report = check_file(paths[0], args.kind, args.rubrics, reply=reply, **overrule)
        if args.format == "json":
            print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
        else:
            sys.stdout.write(format_report(report, color=_use_color(), brief=args.brief))
        return EXIT_READY if report.ready else EXIT_NOT_READY
    # Several files (a consultant's folder of drafts): one result each, then a tally.
    results: list[dict] = []
    tally = {"ready": 0, "not ready": 0, "bad input": 0}
    for path in paths:
        try:
            report = check_file(path, args.kind, args.rubrics, reply=reply, **overrule)
        except InputError as err:
            tally["bad input"] += 1
            problems = [str(problem) for problem in err.problems]
            results.append({"file": str(path), "errors": problems})
            if args.format == "text":
                for problem in problems:
                    print(f"poa: {problem}", file=sys.stderr)
            continue
        tally["ready" if report.ready else "not ready"] += 1
        results.append(report.as_json())
        if args.format == "text":
            sys.stdout.write(format_report(report, color=_use_color(), brief=args.brief) + "\n")
    if args.format == "json":
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        print(f"{len(paths)} files: " + ", ".join(f"{n} {k}" for k, n in tally.items()))
    if tally["bad input"]:
        return EXIT_BAD_INPUT
    return EXIT_NOT_READY if tally["not ready"] else EXIT_READY


def _cmd_render(args: argparse.Namespace) -> int:
    from poa.errors import InputError, Problem
    from poa.letters.draft import draft_of
    from poa.workflow.check import check_draft, open_answers, overrules_for
    from poa.workflow.letter import render_letter

    _refuse_letter(args.file, "render")
    if args.box_limit is not None and args.box_limit <= 0:
        raise InputError(Problem("--box-limit", f"expected a number of characters above 0 (got {args.box_limit})"))
    if args.output:
        _refuse_special_output(Path(args.output))
    loaded, rubric = open_answers(args.file)
    _print_notes(loaded.notes)
    template = args.template or ("form" if args.format == "form" else "letter")
    with _time_limit(args.templates):
        rendered = render_letter(loaded.answers, rubric, template, args.format, max(args.wrap or 0, 0),
                                 args.templates)
    _print_notes(rendered.notes)
    text = rendered.text
    if args.format == "form":
        from poa.render.form import format_form

        text = format_form(rendered.boxes, args.box_limit)
        for box in rendered.boxes:
            if box.over(args.box_limit):
                print(f"poa: warning: the {box.title} box has {box.characters:,} characters, over your "
                      f"limit of {args.box_limit:,}; shorten it or move detail to a document",
                      file=sys.stderr)
    overrules = overrules_for(args.file, rubric, loaded.answers.dismissed)  # as poa check sees it
    report = check_draft(draft_of(loaded), rubric, str(args.file), overrules=overrules)
    if not report.ready:
        errors = report.counts["error"]
        print(f"poa: note: this draft is not ready yet ({errors} error{'s' if errors != 1 else ''}); "
              f"see: poa check {args.file}", file=sys.stderr)
    if args.output:
        out = Path(args.output)
        if _same_file(out, args.file):
            raise InputError(Problem(str(out), "is the answers file itself; write the letter to "
                                               "another file (for example letter.txt)"))
        _write(out, text)
    else:
        sys.stdout.write(text)
    return 0


def _cmd_submitted(args: argparse.Namespace) -> int:
    import datetime as dt

    from poa.errors import InputError, Problem
    from poa.workflow.history import record_submission

    _refuse_letter(args.file, "submitted")
    try:
        day = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        raise InputError(Problem("--date", f"expected a date like 2026-11-20 (got {args.date!r})")) from None
    sent = None
    if args.letter is not None:
        from poa.files.textfile import read_text

        sent = read_text(args.letter)
        if not sent.strip():
            raise InputError(Problem(str(args.letter), "the letter is empty"))
    count = record_submission(args.file, day, tell=_print_notes, letter=sent, force=args.force)
    print(f"recorded submission {count} of {args.file} on {day.isoformat()}; when Amazon answers, "
          f"run: poa reply {args.file} REPLY.txt", file=sys.stderr)
    return 0


def _cmd_reply(args: argparse.Namespace) -> int:
    from poa.files.textfile import read_text
    from poa.workflow.history import record_reply

    _refuse_letter(args.file, "reply", f" {args.reply}")
    record_reply(args.file, read_text(args.reply), tell=_print_notes, force=args.force)
    print(f"stored Amazon's reply in {args.file}; run: poa check {args.file}", file=sys.stderr)
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from poa.terminal import visible
    from poa.workflow.history import diff_letters, diff_since_last

    if args.newer is not None:
        text = diff_letters(args.file, args.newer)
    else:
        _refuse_letter(args.file, "diff", hint=f"or compare two letters: poa diff {args.file} NEW.txt")
        text = diff_since_last(args.file)
    sys.stdout.write(visible(text))  # an old letter may hold escape sequences
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from poa.answers.file import to_yaml
    from poa.errors import InputError, Problem
    from poa.workflow.import_letter import LETTER_SUFFIXES, answers_path_for, import_letter_file

    if args.file.suffix.lower() not in LETTER_SUFFIXES:
        raise InputError(Problem(str(args.file), "import reads a letter (.txt or .md); "
                                                 "this looks like an answers file already"
                                 if args.file.suffix.lower() in (".yaml", ".yml") else
                                 f"import reads a letter ({', '.join(LETTER_SUFFIXES)})"))
    out = args.output or answers_path_for(args.file)
    existing = None
    if out.exists() or out.is_symlink():
        if not args.force:
            raise InputError(Problem(str(out), "already exists; choose another name with -o, or add "
                                               "--force (the old file is then kept as a .bak)"))
        existing = _fingerprint_of(out)
    imported = import_letter_file(args.file, args.kind)
    _print_notes(imported.notes)
    _write(out, to_yaml(imported.answers, out.name), expected=existing)
    print(f"wrote {out}: check it with: poa check {out}, or open it with: poa {out}", file=sys.stderr)
    return 0


def _cmd_edit(args: argparse.Namespace) -> int:
    if args.screen is None:  # an in-process caller of poa.cli.main that gave no screen
        from poa.errors import InputError, Problem

        raise InputError(Problem("poa", "the drafting screen is not available here; run: poa edit FILE"))
    path = args.file
    if path is not None and _is_letter(path):
        path = _answers_for_letter(path)
    return args.screen(path)


def _answers_for_letter(letter: Path) -> Path:
    """`poa LETTER.txt`: the answers file beside the letter, imported now unless it exists."""
    from poa.answers.file import to_yaml
    from poa.errors import InputError, Problem
    from poa.workflow.import_letter import answers_path_for, import_letter_file

    target = answers_path_for(letter)
    if target.exists() or target.is_symlink():
        print(f"poa: opening {target}, the answers file beside {letter} (it exists, so the letter "
              f"was not imported again; to import it afresh: poa import {letter} -o OTHER.yaml)",
              file=sys.stderr)
        return target
    if not letter.exists():
        raise InputError(Problem(str(letter), "no such file"))
    imported = import_letter_file(letter)
    _print_notes(imported.notes)
    _write(target, to_yaml(imported.answers, target.name), expected="")
    print(f"poa: imported {letter} into {target}; the drafting screen opens on it", file=sys.stderr)
    return target


def _is_letter(path: Path) -> bool:
    return path.suffix.lower() in (".txt", ".md", ".markdown", ".text")


def _refuse_letter(path: Path, command: str, rest: str = "", hint: str = "") -> None:
    """`poa submitted letter.txt`: these commands work on an answers file; say how to make one."""
    if not _is_letter(path):
        return
    from poa.errors import InputError, Problem

    target = path.with_suffix(".yaml")
    raise InputError(Problem(str(path), f"this is a letter; {command} works on an answers file. Import "
                                        f"the letter first: poa import {path} -o {target}, then run: "
                                        f"poa {command} {target}{rest}" + (f" ({hint})" if hint else "")))


def _cmd_evidence(args: argparse.Namespace) -> int:
    from poa.cli.evidence import run

    return run(args, _write)


def _cmd_serve(args: argparse.Namespace) -> int:
    from poa.errors import InputError, Problem

    if args.serve is None:  # an in-process caller of poa.cli.main that gave no server
        raise InputError(Problem("poa", "the browser mode is not available here; run: poa serve"))
    return args.serve(args.file, args.host, args.port)


def _write(path: Path, text: str, expected: str | None = None) -> None:
    """Write an output file atomically, the old one kept as FILE.bak; every failure is one line."""
    from poa.answers.file import ConflictError, write_atomic
    from poa.errors import InputError, Problem

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise InputError(Problem(str(path), f"cannot write the file: the folder {folder} {what}"))
    try:
        write_atomic(path, text, expected)
    except ConflictError as err:
        raise InputError(err.problem) from None
    except OSError as err:
        reason = (err.strerror or type(err).__name__).lower()
        raise InputError(Problem(str(path), f"cannot write the file ({reason})")) from None


def _refuse_special_output(path: Path) -> None:
    """An output that exists and is not an ordinary file (a device, a pipe) is left alone, before any work."""
    import stat

    from poa.files.atomic import not_regular, status

    info = status(path)
    if info is not None and not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)
                                 or stat.S_ISLNK(info.st_mode)):
        raise not_regular(path, info.st_mode, "writes only ordinary files")


def _fingerprint_of(path: Path) -> str | None:
    """The fingerprint of a file as it is now (None when it cannot be read: writing will say why)."""
    from poa.answers.file import fingerprint_bytes
    from poa.files.atomic import read_existing

    try:
        raw = read_existing(path)
    except OSError:
        return None
    return None if raw is None else fingerprint_bytes(raw)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


TEMPLATE_SECONDS = 20
"""How long `poa render --templates` lets a user template run (POA_TEMPLATE_SECONDS changes it)."""


@contextlib.contextmanager
def _time_limit(templates: Path | None):
    """Stop a user template that loops without end (the sandbox bounds sizes, not time)."""
    if templates is None:
        yield
        return
    from poa.errors import InputError, Problem
    from poa.render.time_limit import raise_after

    setting = os.environ.get("POA_TEMPLATE_SECONDS", "")
    seconds = int(setting) if setting.isdigit() and int(setting) > 0 else TEMPLATE_SECONDS
    with raise_after(seconds, lambda: InputError(Problem(
            str(templates), f"the template was still rendering after {seconds} s "
                            "(a loop without end?); poa stopped it"))):
        yield


def _print_notes(notes: list[str]) -> None:
    for note in notes:
        print(_one_line(f"poa: note: {note}"), file=sys.stderr)


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


_COMMANDS = {"kinds": _cmd_kinds, "new": _cmd_new, "check": _cmd_check, "render": _cmd_render,
             "edit": _cmd_edit, "serve": _cmd_serve, "submitted": _cmd_submitted,
             "reply": _cmd_reply, "diff": _cmd_diff, "import": _cmd_import,
             "evidence": _cmd_evidence}
