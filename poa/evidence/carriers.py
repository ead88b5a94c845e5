"""Whether a carrier is integrated with Amazon in a marketplace, from rubrics/evidence/carriers.yaml."""

from __future__ import annotations

from functools import lru_cache

from poa.errors import InputError, Problem
from poa.evidence.columns import normal
from poa.files import yamlfile
from poa.files.paths import evidence_dir
from poa.files.textfile import read_text


class Carriers:
    """The integrated carriers of each marketplace, and other spellings of carrier names."""

    def __init__(self, data: dict, name: str) -> None:
        try:
            self.read_on = str(data["read_on"])
            self.marketplaces: dict[str, set[str]] = {}
            self.sources: dict[str, str] = {}
            self._names: dict[str, str] = {}
            self._canonical: dict[str, str] = {}
            for market, entry in data["marketplaces"].items():
                self.marketplaces[market] = {normal(str(c)) for c in entry["carriers"]}
                self.sources[market] = str(entry["source"])
                for alias in [market, *entry.get("names", [])]:
                    self._names[normal(str(alias))] = market
                for carrier in entry["carriers"]:
                    self._canonical.setdefault(normal(str(carrier)), str(carrier))
            for carrier, aliases in data.get("aliases", {}).items():
                self._canonical[normal(str(carrier))] = str(carrier)
                for alias in aliases:
                    self._canonical[normal(str(alias))] = str(carrier)
        except (KeyError, TypeError, AttributeError) as err:
            raise InputError(Problem(name, f"expected read_on and marketplaces with carriers ({err})")) from None

    def marketplace(self, given: str) -> str | None:
        """The marketplace key for what the seller wrote (amazon.com, US, www.amazon.co.uk...)."""
        key = normal(given.strip().lower().removeprefix("https://").removeprefix("http://").rstrip("/"))
        if key in self._names:
            return self._names[key]
        return self._names.get(normal("amazon." + given.strip().lower().lstrip(".")))

    def name(self, written: str) -> str:
        """The carrier's usual name for a spelling (UPS Mail Innovations is UPSMI); else as written."""
        return self._canonical.get(normal(written), written.strip())

    def integrated(self, carrier: str, marketplace: str | None) -> bool | None:
        """True or False when the marketplace is listed; None when poa has no list for it."""
        if marketplace is None or marketplace not in self.marketplaces:
            return None
        return normal(self.name(carrier)) in self.marketplaces[marketplace]


@lru_cache(maxsize=1)
def carriers() -> Carriers:
    path = evidence_dir() / "carriers.yaml"
    return Carriers(yamlfile.load(read_text(path), str(path)).data or {}, str(path))
