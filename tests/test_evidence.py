"""poa evidence: reports made by tests/report_maker.py, read as a user would (the CLI as a subprocess)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from report_maker import MARKER, make

from poa.evidence import dates
from poa.evidence.columns import columns, normal
from poa.evidence.summary import read_reports

TRACKING_RULES = ("specifics.root-cause-numbers", "kind.vtr-rate-value", "kind.vtr-category",
                  "evidence.documents-listed", "kind.vtr-rate-agrees", "kind.vtr-count-agrees",
                  "specifics.period-agrees")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_vtr_report_gives_rate_window_orders_and_carriers(tmp_path, poa):
    made = make("vtr", packages=250, affected=25)
    report = _write(tmp_path, "vtr.tsv", made.text)
    result = poa("evidence", str(report), "--marketplace", "amazon.com", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"kind", "rows", "window", "metric", "affected_orders", "carriers", "notes"}
    assert data["kind"] == "valid_tracking_rate" and data["rows"] == 250
    assert data["window"] == {"start": "2026-10-20", "end": "2026-11-09"}
    assert data["metric"]["name"] == "Valid Tracking Rate" and data["metric"]["target"] == 95
    assert data["metric"]["value"] == 90.0
    assert data["metric"]["by_category"] == {"Toys & Games": {"value": 90.0, "packages": 250, "affected": 25}}
    assert sorted(data["affected_orders"]) == sorted(made.affected)
    integrated = {c["name"]: c["integrated"] for c in data["carriers"]}
    assert integrated == {"UPS": True, "USPS": True, "QuickShip Couriers": False}
    assert sum(c["orders"] for c in data["carriers"]) == 250
    assert any("no tracking number at all" in n and made.no_tracking[0] in n for n in data["notes"])


@pytest.mark.parametrize("layout", ["vtr", "vtr-long", "confirmation", "shipstation", "tool"])
@pytest.mark.parametrize("messy", [False, True])
def test_every_layout_messy_or_not(tmp_path, layout, messy):
    made = make(layout, packages=120, affected=12, seed=3, messy=messy,
                categories=("Toys & Games", "Home & Kitchen"))
    evidence = read_reports([_write(tmp_path, f"r-{layout}.csv", made.text)], marketplace="amazon.com")
    assert (evidence.start, evidence.end) == (made.start, made.end), evidence.notes
    assert not any("cannot read" in n for n in evidence.notes), evidence.notes
    if layout.startswith("vtr"):
        assert sorted(evidence.affected_orders) == sorted(made.affected)
        assert evidence.value == 90.0
        assert set(evidence.by_category) == {"Toys & Games", "Home & Kitchen"}
    else:  # no validity column: the affected are the orders without any tracking number
        assert sorted(evidence.affected_orders) == sorted(made.no_tracking)
        assert evidence.value is None
        assert any("does not say which tracking numbers" in n for n in evidence.notes)
    # a package is counted once, even when the confirmation file has a row per item
    assert sum(f["packages"] for f in evidence.by_category.values()) in (0, 120)
    assert {c["name"] for c in evidence.carriers} == {"UPS", "USPS", "QuickShip Couriers"}


def test_plan_filled_from_a_report_passes_the_tracking_rules(tmp_path, poa):
    made = make("vtr", packages=250, affected=25)
    report = _write(tmp_path, "vtr.tsv", made.text)
    plan = tmp_path / "appeal.yaml"
    result = poa("evidence", str(report), "--marketplace", "amazon.com", "-o", str(plan))
    assert result.returncode == 0, result.stderr
    text = plan.read_text(encoding="utf-8")
    assert "25 of 250 packages in Toys & Games between 20 October and 9 November 2026 had no valid tracking" in text
    csv_text = (tmp_path / "appeal-affected-orders.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[0] == "order-id,date,category,carrier,service,tracking-id"
    assert sorted(line.split(",")[0] for line in csv_text.splitlines()[1:]) == sorted(made.affected)
    check = poa("check", str(plan), "--format", "json")
    fired = {f["rule"] for f in json.loads(check.stdout)["findings"]}
    assert not fired & set(TRACKING_RULES), fired & set(TRACKING_RULES)
    # The seller then writes numbers that disagree with the report: the rules say so.
    text = text.replace("root_cause:\n", "root_cause:\n  - what: Between 2 November and 16 November 2026, "
                        "23 orders were confirmed with no tracking; my Valid Tracking Rate was 91.5%.\n", 1)
    plan.write_text(text, encoding="utf-8")
    check = poa("check", str(plan), "--format", "json")
    flagged = {f["rule"]: f["text"] for f in json.loads(check.stdout)["findings"]}
    assert flagged.get("kind.vtr-rate-agrees") == "91.5"
    assert flagged.get("kind.vtr-count-agrees") == "23"
    assert flagged.get("specifics.period-agrees") in ("2 November", "16 November 2026")


def test_updating_a_plan_keeps_what_the_seller_wrote(tmp_path, poa):
    plan = tmp_path / "appeal.yaml"
    plan.write_text("kind: valid_tracking_rate\ncontext:\n  marketplace: amazon.com\n  category: Toys\n"
                    "  metric_value: 91.2\nshipping:\n  carriers:\n    - name: ups\n      service: Ground\n"
                    "root_cause:\n  - what: My supplier e-mailed tracking late.\n"
                    "    evidence: the supplier's e-mails\n", encoding="utf-8")
    report = _write(tmp_path, "vtr.tsv", make("vtr").text)
    (tmp_path / "appeal-affected-orders.csv").write_text("mine\n", encoding="utf-8")
    result = poa("evidence", str(report), "-o", str(plan))
    assert result.returncode == 0, result.stderr
    text = plan.read_text(encoding="utf-8")
    assert "category: Toys\n" in text and "metric_value: 91.2" in text
    assert "My supplier e-mailed tracking late." in text and "evidence: the supplier's e-mails" in text
    assert "affected_orders: 25" in text and "period_start: 2026-10-20" in text
    assert text.count("name: ups") == 1 and "name: USPS" in text
    assert "context.category: kept yours (Toys); the report gives Toys & Games" in result.stdout
    assert "context.metric_value: kept yours (91.2); the report gives 90" in result.stdout
    assert "root_cause.0.evidence: kept yours; the report says: 25 of 250" in result.stdout
    assert (tmp_path / "appeal-affected-orders.csv.bak").read_text(encoding="utf-8") == "mine\n"
    assert (tmp_path / "appeal.yaml.bak").exists()


def test_no_buyer_column_reaches_any_output(tmp_path, poa):
    for layout in ("vtr", "vtr-long", "confirmation", "shipstation", "tool"):
        report = _write(tmp_path, f"{layout}.csv", make(layout, messy=True).text)
        plan = tmp_path / f"{layout}.yaml"
        outputs = [poa("evidence", str(report), "--format", "json"),
                   poa("evidence", str(report), "--marketplace", "amazon.com", "-o", str(plan))]
        written = [p.read_text(encoding="utf-8") for p in tmp_path.glob(f"{layout}*") if p != report]
        assert len(written) >= 2
        for text in [o.stdout + o.stderr for o in outputs] + written:
            assert MARKER not in text
            assert "Main St" not in text and "Buyer " not in text


def test_columns_it_cannot_map_are_one_line_and_exit_2(tmp_path, poa):
    report = _write(tmp_path, "orders.csv", f"name,address,total\n{MARKER},1 Main St,3\n")
    result = poa("evidence", str(report))
    assert result.returncode == 2
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    line = result.stderr.strip()
    assert "found: name, address, total" in line and "needed: order-id and no-valid-tracking or tracking-number" in line
    assert MARKER not in line and "Traceback" not in line


@pytest.mark.parametrize("content", [b"", b"\n\n", b"PK\x03\x04\x00\x00binary", "é".encode("cp1252") * 3])
def test_bad_input_is_one_line_never_a_traceback(tmp_path, poa, content):
    report = tmp_path / "report.csv"
    report.write_bytes(content)
    result = poa("evidence", str(report))
    assert result.returncode == 2, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_missing_file_folder_and_wrong_output(tmp_path, poa):
    assert poa("evidence", str(tmp_path / "nope.csv")).returncode == 2
    assert poa("evidence", str(tmp_path)).returncode == 2
    report = _write(tmp_path, "vtr.tsv", make("vtr").text)
    result = poa("evidence", str(report), "-o", str(tmp_path / "plan.txt"))
    assert result.returncode == 2 and "needs an answers file" in result.stderr


def test_kind_of_plan_and_report_must_match(tmp_path, poa):
    plan = tmp_path / "appeal.yaml"
    plan.write_text("kind: late_shipment_rate\n", encoding="utf-8")
    report = _write(tmp_path, "vtr.tsv", make("vtr").text)
    result = poa("evidence", str(report), "-o", str(plan))
    assert result.returncode == 2 and "late_shipment_rate" in result.stderr


def test_dates_and_how_ambiguity_is_settled():
    assert dates.parse("2026-11-05T10:00:00-08:00") == dt.date(2026, 11, 5)
    assert dates.parse("05.11.2026") == dt.date(2026, 11, 5)
    assert dates.parse("Nov 5, 2026") == dt.date(2026, 11, 5)
    assert dates.parse("5 November 2026") == dt.date(2026, 11, 5)
    assert dates.parse("not a date") is None and dates.parse("2026-02-30") is None
    assert dates.slash_order({(25, 10, 2026), (5, 11, 2026)}, True) == ("dm", None)
    assert dates.slash_order({(10, 25, 2026), (11, 5, 2026)}, False) == ("md", None)
    order, note = dates.slash_order({(5, 11, 2026)}, False)
    assert order == "dm" and "day/month/year" in note
    order, note = dates.slash_order({(25, 10, 2026), (10, 25, 2026)}, True)
    assert order is None and "both day first and month first" in note


def test_headers_match_ignoring_case_spaces_hyphens_and_underscores():
    table = columns()
    found = table.mapping(["ORDER_ID", " Tracking Number ", "carrier-code", "Carrier Name", "no valid-tracking"])
    assert found == {"order_id": [0], "carrier": [2, 3], "tracking": [1], "no_valid_tracking": [4]}
    assert normal("Order-ID") == normal("order_id") == normal("\ufefforder id")


def test_every_known_layout_maps_through_the_aliases():
    table = columns()
    for name, layout in table.layouts.items():
        found = table.mapping([str(c) for c in layout["columns"]])
        assert "order_id" in found, name
        assert any(f in found for f in ("tracking", "no_valid_tracking")), name


def test_other_carrier_code_takes_the_carrier_name(tmp_path):
    text = ("order-id\tship-date\tcarrier-code\tcarrier-name\ttracking-number\n"
            "111-1111111-1111111\t2026-11-02\tOther\tSpeedy Local\t\n"
            "111-1111111-2222222\t2026-11-03\tUPS\t\t1Z1\n")
    evidence = read_reports([_write(tmp_path, "c.txt", text)], marketplace="uk")
    assert {c["name"]: c["integrated"] for c in evidence.carriers} == {"Speedy Local": False, "UPS": True}
    assert evidence.affected_orders == ["111-1111111-1111111"]
