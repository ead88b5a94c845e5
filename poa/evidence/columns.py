"""Which column of a report holds which field, from the names in rubrics/evidence/columns.yaml.

Header names are compared after dropping case, spaces, hyphens and underscores
("Order ID" = "order-id" = "order_id"). A field may have several columns in one
file (carrier-code and carrier-name): they are kept in the order the aliases list
them, and a row takes the first that is not blank.
"""

from __future__ import annotations

import re
from functools import lru_cache

from poa.errors import InputError, Problem
from poa.files import yamlfile
from poa.files.paths import evidence_dir
from poa.files.textfile import read_text

_DROP = re.compile(r"[\s\-_]+")


@lru_cache(maxsize=4096)  # cells repeat (X, carrier names): a report reads each few times
def normal(name: str) -> str:
    """A header name as it is compared: no case, spaces, hyphens or underscores (nor a BOM)."""
    return _DROP.sub("", name.replace("\ufeff", "")).casefold()


class Field:
    """One field poa reads, the names its column goes by, and how its cells are read."""

    def __init__(self, name: str, data: dict) -> None:
        self.name = name
        self.meaning = str(data.get("meaning", ""))
        self.aliases = [str(a) for a in data.get("aliases", [])]
        self.keys = [normal(a) for a in self.aliases]
        self.blank = {normal(str(b)) for b in data.get("blank", [])}
        self.flag = bool(data.get("flag", False))


class Columns:
    """The fields, the values that set a flag, and the known layouts."""

    def __init__(self, data: dict, name: str) -> None:
        try:
            self.fields = {key: Field(key, value) for key, value in data["fields"].items()}
            self.flag_values = {normal(str(v)) for v in data["flag_values"]}
            self.cancelled = {normal(str(v)) for v in data["cancelled_statuses"]}
            self.layouts = {key: dict(value) for key, value in data.get("layouts", {}).items()}
        except (KeyError, TypeError, AttributeError, ValueError) as err:
            raise InputError(Problem(name, f"expected fields, flag_values and cancelled_statuses ({err})")) from None

    def mapping(self, header: list[str]) -> dict[str, list[int]]:
        """For each field found, the indexes of its columns, best first."""
        keys = [normal(h) for h in header]
        found: dict[str, list[int]] = {}
        taken: set[int] = set()
        # The most specific names first: "carrier-name" is the carrier only if nothing else is.
        for field in self.fields.values():
            for key in field.keys:
                for index, header_key in enumerate(keys):
                    if header_key == key and index not in taken:
                        found.setdefault(field.name, []).append(index)
                        taken.add(index)
        return found


@lru_cache(maxsize=1)
def columns() -> Columns:
    path = evidence_dir() / "columns.yaml"
    return Columns(yamlfile.load(read_text(path), str(path)).data or {}, str(path))
