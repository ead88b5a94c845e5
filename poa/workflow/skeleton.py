"""A new answers file for a kind: every key present, with the reviewers' questions as comments."""

from __future__ import annotations

from poa.answers.model import SCHEMA_VERSION, SECTION_TITLES
from poa.rubric.compiled import Rubric

_ITEM_KEYS = {
    "root_cause": [("what", "what went wrong, with dates, order counts and order IDs"),
                   ("why", "why your process allowed it"),
                   ("not_caught", "why nobody noticed before Amazon did"),
                   ("evidence", "numbers, reports, order IDs that show it")],
    "corrective_actions": [("what", "what you already did, in the past tense"),
                           ("done_on", "the date it was done, e.g. 2026-11-21"),
                           ("evidence", "what proves it: screenshots, order IDs, a supplier e-mail")],
    "preventive_measures": [("what", "the lasting change to your process"),
                            ("frequency", "how often or on what trigger, e.g. every day at 16:00"),
                            ("owner", "who does it (role or name)"),
                            ("tool", "the report, setting or software used"),
                            ("started_on", "the date it started, e.g. 2026-11-21")],
}


def skeleton(rubric: Rubric, name: str) -> str:
    """Commented YAML that loads as a valid, empty answers file for the rubric's kind."""
    kind = rubric.kind_info
    metric = kind.metric if kind else None
    lines = [
        f"# Plan of Action answers: {kind.title if kind else 'general'}",
        f"# {kind.summary}" if kind else "#",
        "# Fill in the answers below, then run:  poa check " + name,
        "# Long answers: write '|' after the key, then the text on the next lines, indented.",
        f"schema_version: {SCHEMA_VERSION}",
        f"kind: {kind.rubric if kind else 'common'}",
        "",
        "# Context: the facts of Amazon's notice." + (" Reviewers ask:" if rubric.questions.get("context") else ""),
        *[f"#   - {q}" for q in rubric.questions.get("context", [])],
        "context:",
        "  seller: ''               # your seller or store name",
        "  name: ''                 # who signs the letter",
        "  merchant_token: ''       # Settings > Account Info > Merchant Token, for the signature",
        "  marketplace: ''          # e.g. amazon.com",
        "  category: ''             # the category in the notice, e.g. Toys & Games",
    ]
    if metric:
        word = "at least" if metric.direction == "at_least" else "under"
        lines.append(f"  metric_value:            # your {metric.name} in the notice, in percent "
                     f"(target: {word} {metric.target:g}%)")
    else:
        lines.append("  metric_value:            # the metric in the notice, in percent, if any")
    lines += [
        "  notice_date:             # date of Amazon's notice, e.g. 2026-11-20",
        "  affected_orders:         # how many orders the notice covers",
        "  asins: []                # ASINs named in the notice",
        "  order_ids: []            # order IDs named in the notice",
        "  amazon_reply: ''         # paste Amazon's latest reply here, if any",
        "  opening: ''              # a first paragraph of your own, if any (most plans need none)",
        "  sign_off: ''             # closing words above the signature, e.g. Kind regards,",
        "",
        "shipping:",
        "  carriers: []             # e.g.  - name: UPS",
        "                           #         service: Ground",
        "                           #         integrated: true",
        "  buy_shipping:            # true if you buy labels through Amazon Buy Shipping",
        "  handling_time_days:      # your handling time in business days",
        "  tracking_upload: ''      # how tracking reaches Amazon: by hand, file, software",
        "  dropship:                # true if a supplier ships your orders",
        "",
    ]
    for section in ("root_cause", "corrective_actions", "preventive_measures"):
        lines.append(f"# {SECTION_TITLES[section]}. Reviewers ask:")
        for question in rubric.questions.get(section, []):
            lines.append(f"#   - {question}")
        lines.append(f"{section}:")
        for number, (key, hint) in enumerate(_ITEM_KEYS[section]):
            lead = "  - " if number == 0 else "    "
            value = "" if key in ("done_on", "started_on") else " ''"
            lines.append(f"{lead}{key}:{value}".ljust(27) + f" # {hint}")
        lines.append("")
    lines += [
        "documents: []              # e.g.  - name: Corrected tracking list",
        "                           #         description: order IDs with carrier and tracking",
        "",
        "# Findings you overrule, with why (poa lists them as dismissed, not counted). The drafting",
        "# screen writes these; by hand, copy rule, section, item, field and text from",
        "# poa check --format json, and add a reason.",
        "dismissed: []",
    ]
    return "\n".join(lines) + "\n"
