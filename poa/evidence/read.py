"""Read a report row by row (csv module), keeping only the cells of the columns poa needs.

Tab- or comma-separated (or semicolons), decided from the header line; a BOM,
Windows line endings, quoted commas and blank lines are read as such. A file
that is not UTF-8 is read as Windows-1252 (how spreadsheet programs save CSV in
western Europe and the US), with a note. No other column than those named in
rubrics/evidence/columns.yaml is kept, so buyers' names and addresses never go
further than the csv module's row.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections import namedtuple
from collections.abc import Iterator
from pathlib import Path

from poa.errors import InputError, Problem
from poa.evidence.columns import Columns, columns, normal

MAX_BYTES = 512 * 1024 * 1024
"""A report larger than this is refused (Amazon's reports are far smaller)."""
MAX_FIELD = 64 * 1024
"""A cell longer than this is a broken file, not a report."""

Row = namedtuple("Row", "line values")
"""One data row: its line in the file, and {field: cell} for the fields found (stripped)."""


class Report:
    """One report file being read: its name, the fields found, and its rows (read once)."""

    def __init__(self, path: Path, header: list[str], found: dict[str, list[int]],
                 rows: Iterator[Row], notes: list[str]) -> None:
        self.path, self.header, self.found, self.rows, self.notes = path, header, found, rows, notes


def open_report(path: Path, table: Columns | None = None) -> Report:
    """Open a report and map its header; the rows are read as they are iterated."""
    table = table or columns()
    name = str(path)
    handle = _open_regular(path)
    notes: list[str] = []
    for encoding in ("utf-8-sig", "cp1252"):
        os.lseek(handle, 0, os.SEEK_SET)
        stream = io.open(os.dup(handle), "r", encoding=encoding, newline="", errors="strict")
        try:
            sample = stream.read(64 * 1024)
        except UnicodeDecodeError:
            stream.close()
            continue
        if encoding == "cp1252":
            notes.append(f"{path.name} is not UTF-8; read as Windows-1252")
        break
    else:  # cp1252 decodes almost anything; only its five unused bytes get here
        os.close(handle)
        raise InputError(Problem(name, "is not a text report (expected a CSV or tab-separated file)"))
    os.close(handle)
    stream.seek(0)
    if "\x00" in sample:
        stream.close()
        raise InputError(Problem(name, "is not a text report (it holds NUL bytes; expected a CSV "
                                       "or tab-separated file, not a spreadsheet)"))
    delimiter = _delimiter(sample)
    reader = csv.reader(stream, delimiter=delimiter, quotechar='"', strict=False)
    header = None
    line = 0
    try:
        for cells in reader:
            line = reader.line_num
            if any(c.strip() for c in cells):
                header = [c.strip() for c in cells]
                break
    except (csv.Error, UnicodeDecodeError) as err:
        stream.close()
        raise InputError(Problem(name, f"cannot read the header ({_reason(err)})", line or 1, 1)) from None
    if header is None:
        stream.close()
        raise InputError(Problem(name, "is empty; expected a report with a header line"))
    found = table.mapping(header)
    return Report(path, header, found, _rows(stream, reader, found, table, name), notes)


def _rows(stream, reader, found: dict[str, list[int]], table: Columns, name: str) -> Iterator[Row]:  # noqa: ANN001
    wanted = [(field, indexes, table.fields[field].blank) for field, indexes in found.items()]
    line = reader.line_num
    try:
        for cells in reader:
            line = reader.line_num
            if not cells or not any(cells):
                continue
            values = {}
            width = len(cells)
            for field, indexes, blank in wanted:
                value = fallback = ""
                for index in indexes:
                    cell = cells[index].strip() if index < width else ""
                    if cell and blank and normal(cell) in blank:
                        fallback = fallback or cell  # "Other": kept only if no name follows
                    elif cell:
                        value = cell
                        break
                values[field] = value or fallback
            if any(values.values()):
                yield Row(line, values)
    except csv.Error as err:
        raise InputError(Problem(name, f"cannot read the file ({_reason(err)})", line + 1, 1)) from None
    except UnicodeDecodeError:
        raise InputError(Problem(name, "is not UTF-8 text after its first 64 KB; save it as UTF-8",
                                 line + 1, 1)) from None
    finally:
        stream.close()


def _reason(err: Exception) -> str:
    text = str(err)
    if "field larger than field limit" in text:
        return f"a cell is longer than {MAX_FIELD // 1024} KB"
    return text.split(":")[0] if isinstance(err, UnicodeDecodeError) else text


def _delimiter(sample: str) -> str:
    """Tab, comma or semicolon: whichever splits the first line into the most columns."""
    first = next((line for line in sample.splitlines() if line.strip()), "")
    best, most = ",", 1
    for candidate in ("\t", ",", ";"):
        try:
            count = len(next(csv.reader([first], delimiter=candidate)))
        except (csv.Error, StopIteration):
            continue
        if count > most:
            best, most = candidate, count
    return best


def _open_regular(path: Path) -> int:
    """A handle on a regular file (a pipe or a device would make poa wait), within the size limit."""
    name = str(path)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(Problem(name, "no such file")) from None
    except IsADirectoryError:
        raise InputError(Problem(name, "is a folder, expected a report file")) from None
    except OSError as err:
        raise InputError(Problem(name, f"cannot read the file ({(err.strerror or str(err)).lower()})")) from None
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):
        os.close(handle)
        raise InputError(Problem(name, "is not a regular file; expected a report file"))
    if info.st_size > MAX_BYTES:
        os.close(handle)
        raise InputError(Problem(name, f"is larger than {MAX_BYTES // 1024 // 1024} MB; "
                                       "expected one report"))
    return handle


csv.field_size_limit(MAX_FIELD)
