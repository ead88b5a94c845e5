"""Every suspension kind: the kinds the CLI lists, new and check for each, and kind inference.

(Each rule's own pass/fail examples run in test_rubric_examples.py.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from poa.rubric.compiled import infer_kind, kind_files, load_rubric

ROOT = Path(__file__).resolve().parents[1]

KINDS = [
    "valid_tracking_rate", "late_shipment_rate", "pre_fulfillment_cancel_rate",
    "order_defect_rate", "on_time_delivery_rate", "inauthentic", "intellectual_property",
    "restricted_product", "condition_complaint", "listing_policy", "related_account",
]


def _own_rules(kind: str | None):
    rubric = load_rubric(kind)
    return rubric, (rubric.kind.rules if rubric.kind else rubric.common.rules)


def test_every_kind_has_a_rubric_file():
    assert sorted(kind_files()) == sorted(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_kind_file_is_complete(kind):
    rubric, rules = _own_rules(kind)
    kind_file = rubric.kind
    assert kind_file.extends == "common"
    assert len(kind_file.detect) >= 2, "a kind needs words to be recognised by"
    for section in ("context", "root_cause", "corrective_actions", "preventive_measures"):
        assert kind_file.questions.get(section), f"{kind} has no questions for {section}"
    common_ids = {r.id for r in rubric.common.rules}
    for rule in rules:
        assert rule.id.startswith("kind."), f"{rule.id}: kind rules start with 'kind.'"
        assert rule.id not in common_ids
    if kind_file.metric:
        assert any(r.kind == "field" and r.path == "context.metric_value" for r in rules), \
            f"{kind} has a metric target but no rule asking for the metric's value"


TARGETS = {"valid_tracking_rate": (95, "at_least"), "late_shipment_rate": (4, "below"),
           "pre_fulfillment_cancel_rate": (2.5, "below"), "order_defect_rate": (1, "below"),
           "on_time_delivery_rate": (90, "at_least")}


@pytest.mark.parametrize("kind", sorted(TARGETS))
def test_metric_targets(kind):
    metric = load_rubric(kind).kind.metric
    assert (metric.target, metric.direction) == TARGETS[kind]


@pytest.mark.parametrize("kind", ["intellectual_property", "related_account", "inauthentic"])
def test_hard_kinds_recommend_professional_help(kind):
    assert "poa still" in load_rubric(kind).kind.professional_help


# --- the command line ---------------------------------------------------------------

def _poa() -> list[str]:
    script = ROOT / ".venv" / "bin" / "poa"
    return [str(script)] if script.exists() else [sys.executable, "-m", "poa"]


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([*_poa(), *args], capture_output=True, text=True, env=env, timeout=60)


def test_poa_kinds_lists_every_kind():
    result = _run("kinds")
    assert result.returncode == 0, result.stderr
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert sorted(listed) == sorted(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_new_then_check_is_not_ready(kind, tmp_path):
    answers = tmp_path / f"{kind}.yaml"
    made = _run("new", "--kind", kind, "-o", str(answers))
    assert made.returncode == 0, made.stderr
    text = answers.read_text(encoding="utf-8")
    assert f"kind: {kind}" in text
    checked = _run("check", str(answers))
    assert checked.returncode == 1, checked.stdout + checked.stderr  # not ready, but valid input


# --- kind inference -----------------------------------------------------------------
# Short letters written for these tests, one per kind, as a seller would write them.

LETTERS = {
    "valid_tracking_rate": """
Root cause: 31 of 402 orders in Toys were confirmed without valid tracking numbers, so my
Valid Tracking Rate fell to 92.3%. I typed the tracking numbers by hand and sometimes forgot.
Corrective actions: I now use an integrated carrier, UPS, and buy labels in Buy Shipping.
""",
    "late_shipment_rate": """
Root cause: My Late Shipment Rate was 7.2% over 30 days. My handling time was 1 day, but I
pack orders only on Tuesdays and Fridays, so 19 orders were confirmed after the expected
ship date and counted as shipped late.
Corrective actions: On 4 March I changed the handling time to 3 days.
""",
    "pre_fulfillment_cancel_rate": """
Root cause: My pre-fulfillment cancel rate was 4.1%. I sell the same stock on eBay and my
inventory sync ran only once a night, so I oversold 14 orders and had to cancel them.
Corrective actions: Since 2 May the stock syncs every 15 minutes, so nothing is oversold.
""",
    "order_defect_rate": """
Root cause: My Order Defect Rate was 1.8% in 60 days: 7 A-to-z Guarantee claims and 5
negative feedback ratings. Four buyers got a different item because of a picking error.
Corrective actions: I refunded each A-to-z claim and answered every negative feedback.
""",
    "on_time_delivery_rate": """
Root cause: My On-Time Delivery Rate was 84% against 90%. My shipping template promised
2-3 days transit time, but Royal Mail Tracked 48 often took 4 days, so parcels were
delivered late after the promised delivery date.
Corrective actions: I turned on Shipping Settings Automation.
""",
    "inauthentic": """
Root cause: Amazon received authenticity complaints about 2 ASINs. I bought those units from
a wholesaler who is not an authorised distributor of the brand, and I kept no invoices that
prove the supply chain, so the items were flagged as inauthentic.
Corrective actions: I removed the stock and now buy only from authorised distributors.
""",
    "intellectual_property": """
Root cause: Acme Ltd, the rights owner, filed a trademark complaint against ASIN B0TEST1234
because my title used their brand name. This was an intellectual property infringement.
Corrective actions: I deleted the listing and contacted the rights owner to ask for a
retraction of the complaint.
""",
    "restricted_product": """
Root cause: ASIN B0TEST5678, a pillowcase, was removed under the Restricted Products policy
because its title said "antibacterial", a pesticide claim. I listed it without checking.
Corrective actions: I deleted the listing (not out of stock) and checked every restricted
product category page before listing again.
""",
    "condition_complaint": """
Root cause: Three buyers complained the item was used sold as new: the box had been opened.
These were customer returns that went back to sellable stock without an inspection of the
product condition.
Corrective actions: I now check every return against the condition guidelines and list
opened items as used.
""",
    "listing_policy": """
Root cause: Amazon said the bullet points of ASIN B0TEST9012 broke the Product detail page
rules: bullet 3 said "free shipping and best price". My listing template copied that text.
Corrective actions: I removed the text and checked every listing against the style guide.
""",
    "related_account": """
Root cause: Amazon deactivated my account as a related account. My brother's selling
account, which was closed in 2023, was opened on the same laptop and home Wi-Fi, so the
accounts are linked. I do not own or control his account.
Corrective actions: I stopped using the shared laptop and have my own internet line.
""",
}


def test_every_kind_has_a_letter():
    assert sorted(LETTERS) == sorted(KINDS)


@pytest.mark.parametrize("kind", sorted(LETTERS))
def test_infer_kind(kind):
    guess = infer_kind(LETTERS[kind])
    assert guess is not None, f"no kind inferred for the {kind} letter"
    assert guess[0] == kind, f"{kind} letter inferred as {guess[0]} ({guess[1]})"


# --- the documentation --------------------------------------------------------------

def test_docs_describe_every_kind_and_rule():
    docs = (ROOT / "docs" / "rubrics.md").read_text(encoding="utf-8")
    for kind in ["common", *KINDS]:
        assert f"\n## {kind}" in docs, f"docs/rubrics.md has no section for {kind}"
    for kind in [None, *KINDS]:
        _, rules = _own_rules(kind)
        for rule in rules:
            assert f"`{rule.id}`" in docs, f"docs/rubrics.md does not list {rule.id}"
            assert rule.link in docs, f"docs/rubrics.md does not cite {rule.link} ({rule.id})"
