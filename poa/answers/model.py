"""The answers a seller gives: pydantic models of one Plan of Action.

The three sections are lists of items so that each item (one cause, one
action, one measure) can be checked on its own. Every item has a free-text
`what`, so a letter imported from plain text fits as one item per paragraph
or list entry; the other fields are the details reviewers ask for.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from poa.answers.sections import SECTION_TITLES, SECTIONS, TEXT_FIELDS  # noqa: F401 - re-exported

SCHEMA_VERSION = 3
"""Version of the answers-file layout written by this poa (2: `issues` and `history`; 3: `dismissed`;
see poa/answers/migrate.py)."""


class _Strict(BaseModel):
    """Unknown keys are errors (a typo must not silently drop an answer).

    `.nan` and `.inf` are not numbers a seller means (a rate of .inf): refused.
    Defaults are plain values (`[]`, `Context()`): pydantic copies them for each
    instance, and a `default_factory` costs every start ~1 ms of pydantic
    inspecting the factory's signature.
    """

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, validate_assignment=True,
                              allow_inf_nan=False)


class Carrier(_Strict):
    """A carrier the seller ships with, and whether Amazon reads its tracking."""

    name: str
    service: str = ""
    integrated: bool | None = None
    """True when the carrier is in Amazon's carrier list on the Confirm shipment page."""


class Shipping(_Strict):
    """How orders leave the seller and how tracking reaches Amazon."""

    carriers: list[Carrier] = []
    buy_shipping: bool | None = None
    """True when labels are bought through Amazon's Buy Shipping (tracking is then automatic)."""
    handling_time_days: int | None = None
    tracking_upload: str = ""
    """How tracking numbers reach Amazon: by hand, bulk file, shipping software, Buy Shipping."""
    dropship: bool | None = None


class Context(_Strict):
    """Facts from the notice: what was removed, where, and by how much; and who signs the letter."""

    seller: str = ""
    """The seller or store name, as Amazon knows it."""
    name: str = ""
    """Who signs the letter (a person's name)."""
    merchant_token: str = ""
    """The Merchant Token (seller ID) from Seller Central > Settings > Account Info, for the signature."""
    marketplace: str = ""
    category: str = ""
    metric_value: float | None = None
    """The metric's value in the notice, in percent (for example 91.2)."""
    metric_target: float | None = None
    """Overrides the kind's target when the notice states another one."""
    notice_date: dt.date | None = None
    affected_orders: int | None = None
    period_start: dt.date | None = None
    """First day of the report the figures come from (poa evidence fills it in)."""
    period_end: dt.date | None = None
    """Last day of that report."""
    asins: list[str] = []
    order_ids: list[str] = []
    """Order IDs named in the notice or in an imported letter (111-1234567-1234567)."""
    amazon_reply: str = ""
    """Amazon's latest reply, pasted as it came (for example a 'Greater detail on...' rejection)."""
    opening: str = ""
    """A first paragraph of the seller's own, printed before the plan (an imported letter's greeting)."""
    sign_off: str = ""
    """The closing words ("Kind regards,"), printed above the signature."""


class RootCause(_Strict):
    """One cause: what happened, why, and why it was not caught."""

    what: str = ""
    why: str = ""
    not_caught: str = ""
    evidence: str = ""
    issue: str = ""


class CorrectiveAction(_Strict):
    """One action already taken, with when it was done and the proof."""

    what: str = ""
    done_on: dt.date | None = None
    evidence: str = ""
    issue: str = ""


class PreventiveMeasure(_Strict):
    """One lasting control: what, how often, who owns it, with what tool."""

    what: str = ""
    frequency: str = ""
    owner: str = ""
    tool: str = ""
    started_on: dt.date | None = None
    issue: str = ""


class Issue(_Strict):
    """One issue named in the notice (a defect type, a category): each gets its own chain."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    """A short name the items refer to with `issue: ID`, for example late-delivery."""
    title: str


class Submission(_Strict):
    """A letter sent to Amazon, and Amazon's answer to it (kept for the next appeal)."""

    date: dt.date
    letter: str
    reply: str = ""


class Document(_Strict):
    """A supporting document the seller attaches to the appeal."""

    name: str
    description: str = ""


class Dismissal(_Strict):
    """A finding the seller decided to overrule, with why: it is listed as dismissed, not counted.

    It matches a finding of the same rule at the same place (section, item, field) with the
    same words (`text`; null for a finding about something missing). When the words change,
    the entry no longer matches and `poa check` says so. The key is `date`, not `on`: YAML
    1.1 readers take a bare `on` for the value true.
    """

    rule: str = Field(min_length=1)
    section: str = Field(min_length=1)
    item: int | None = Field(default=None, ge=0)
    """0-based, as in `poa check --format json`; null for the section or letter as a whole."""
    field: str | None = None
    text: str | None = None
    reason: str = Field(min_length=1, max_length=300, pattern=r"\S")
    """A short reason, required: a consultant reading the file later must see why."""
    date: dt.date | None = None


class Answers(_Strict):
    """Everything in one answers file."""

    schema_version: int = SCHEMA_VERSION
    kind: str
    context: Context = Context()
    shipping: Shipping = Shipping()
    issues: list[Issue] = []
    """Leave empty for a single issue; list them when the notice names several."""
    root_cause: list[RootCause] = []
    corrective_actions: list[CorrectiveAction] = []
    preventive_measures: list[PreventiveMeasure] = []
    documents: list[Document] = []
    history: list[Submission] = []
    """Earlier submissions, oldest first (see: poa submitted, poa reply, poa diff)."""
    dismissed: list[Dismissal] = []
    """Findings the seller overruled, with the reason (see: README, Overruling findings)."""

    def items(self, section: str) -> list[BaseModel]:
        """The items of one of the three sections."""
        return getattr(self, section)


ITEM_TYPES: dict[str, type[BaseModel]] = {
    "root_cause": RootCause,
    "corrective_actions": CorrectiveAction,
    "preventive_measures": PreventiveMeasure,
}


def _text_schema(model: type[BaseModel]) -> dict:
    """Which keys hold text, for poa.files.yamlfile: read as typed, never as a number or a date."""
    out: dict = {}
    for name, info in model.model_fields.items():
        kind = info.annotation
        args = getattr(kind, "__args__", ())
        if kind is str:
            out[name] = True
        elif isinstance(kind, type) and issubclass(kind, BaseModel):
            out[name] = _text_schema(kind)
        elif getattr(kind, "__origin__", None) is list and args:
            inner = args[0]
            if inner is str:
                out[name] = [True]
            elif isinstance(inner, type) and issubclass(inner, BaseModel):
                out[name] = [_text_schema(inner)]
    return out


TEXT_SCHEMA = _text_schema(Answers)
"""The text fields of an answers file: `owner: 0755` is the text 0755, `frequency: 16:00` is 16:00."""
