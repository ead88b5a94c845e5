"""The one kind of error poa shows a user: a located, one-line problem.

Every bad input (a broken answers file, a letter that is not text, a rubric
with a bad pattern) ends as an `InputError` holding one or more `Problem`s.
The command line prints each problem on its own line and exits with 2; it
never shows a traceback. A problem is always one line: words quoted from the
file are shown with their control characters escaped (see poa.terminal).
"""

from __future__ import annotations

from collections import namedtuple

from poa.terminal import one_line


class Problem(namedtuple("Problem", "file message line column path", defaults=(None, None, ""))):
    """One thing wrong with one file, where we know it: file, message, line and column (1-based, or
    None), and the path of the answer in the file (`root_cause.0.what`, or "").

    poa's records on the path of `poa check` are named tuples: a dataclass costs that
    command the import of `dataclasses` (with `inspect`) and a millisecond per class.
    """

    __slots__ = ()

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.path}:" if self.path else ""
        return one_line(f"{where}:{field} {self.message}")


class InputError(Exception):
    """Raised when a file poa was given cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConflictError(Exception):
    """The file changed on disk since poa read it; saving would lose someone's edits."""

    def __init__(self, path: object, when: str = "since it was opened"):
        self.problem = Problem(str(path), f"the file changed on disk {when}; not overwriting it "
                                          "(reopen it, or save under another name)")
        """The same as a problem with the file, for commands that report InputError."""
        super().__init__(f"{path}: {self.problem.message}")
