"""The figures of one corpus in one form: how often poa's "ready" agrees with the labels.

Pure functions of the letters and of poa's JSON objects, so the tests can check the
arithmetic without running poa. Strong letters should be ready and quiet, weak ones not
ready, and the points reviewers made should come back as findings of the same category in
the same section (anywhere, for a point about the whole letter).
"""

from __future__ import annotations

from agree_corpus import Letter, Point

SEVERITIES = ("error", "warning", "suggestion")
GOALS = (  # (figure, how it is judged, goal as printed, test)
    ("strong_ready", "share of strong letters ready", ">= 85%", lambda v: v >= 0.85),
    ("strong_errors", "mean errors per strong letter", "<= 0.3", lambda v: v <= 0.3),
    ("strong_findings", "mean findings per strong letter", "<= 5", lambda v: v <= 5),
    ("weak_not_ready", "share of weak letters not ready", "100%", lambda v: v >= 1.0),
    ("points_found", "share of labelled points found", ">= 85%", lambda v: v >= 0.85),
)


def found(point: Point, findings: list[dict]) -> bool:
    """Same category, and: for a point about a section, the same section; for a point about the
    whole `letter` (its tone, its length, no evidence), any place in the letter, since a
    reviewer's "the tone is argumentative" is borne out by poa flagging the argumentative words
    wherever they stand. A finding on the whole letter (all an imported letter gets when poa
    finds no headings) never matches a point about a section."""
    return any(f.get("category") == point.category
               and (point.section == "letter" or f.get("section") == point.section)
               for f in findings)


def lintscore(hits: int, false_alarms: int) -> float:
    """proselint's lint score (proselint/score.py in 0.14.0; 0.16.0 has none), TP * (TP / (TP + FP)) ** 2:
    hits count, false alarms cost more. Which findings count as hits: docs/agreement.md."""
    return hits * (hits / (hits + false_alarms)) ** 2 if hits + false_alarms else 0.0


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def figures(letters: list[Letter], results: dict[str, dict],
            proselint: dict[str, int] | None = None) -> dict:
    """Everything the report prints for one corpus x form; `results` are poa's objects by
    letter name (a letter missing from it was not checked in this form)."""
    checked = [letter for letter in letters if letter.name in results and "findings" in results[letter.name]]
    unreadable = sorted(letter.name for letter in letters
                        if letter.name in results and "findings" not in results[letter.name])
    strong = [letter for letter in checked if letter.group == "strong"]
    weak = [letter for letter in checked if letter.group == "weak"]

    rows, rules, missed = [], {}, []
    points = points_found = 0
    for letter in checked:
        result = results[letter.name]
        findings = result["findings"]
        counts = {s: sum(1 for f in findings if f.get("severity") == s) for s in SEVERITIES}
        hit = [point for point in letter.points if found(point, findings)]
        points += len(letter.points)
        points_found += len(hit)
        missed.extend({"letter": letter.name, "category": p.category, "section": p.section}
                      for p in letter.points if p not in hit)
        for finding in findings:
            rule = rules.setdefault(finding.get("rule", "?"), {
                "rule": finding.get("rule", "?"), "severity": finding.get("severity", "?"),
                "strong_letters": set(), "weak_letters": set(),
                "strong_findings": 0, "weak_findings": 0})
            rule[f"{letter.group}_letters"].add(letter.name)
            rule[f"{letter.group}_findings"] += 1
        rows.append({"letter": letter.name, "group": letter.group, "kind": letter.kind,
                     "checked_kind": result.get("kind"), "ready": bool(result.get("ready")),
                     "counts": counts, "findings": len(findings),
                     "error_rules": sorted({f.get("rule", "?") for f in findings
                                            if f.get("severity") == "error"}),
                     "points": len(letter.points), "points_found": len(hit),
                     "proselint": (proselint or {}).get(letter.name)})

    by_name = {row["letter"]: row for row in rows}
    strong_rows = [by_name[letter.name] for letter in strong]
    weak_rows = [by_name[letter.name] for letter in weak]
    mean = {s: (sum(r["counts"][s] for r in strong_rows) / len(strong_rows) if strong_rows else None)
            for s in SEVERITIES}
    mean["findings"] = sum(r["findings"] for r in strong_rows) / len(strong_rows) if strong_rows else None
    strong_ready = sum(r["ready"] for r in strong_rows)
    weak_not_ready = sum(not r["ready"] for r in weak_rows)
    values = {"strong_ready": share(strong_ready, len(strong_rows)), "strong_errors": mean["error"],
              "strong_findings": mean["findings"],
              "weak_not_ready": share(weak_not_ready, len(weak_rows)),
              "points_found": share(points_found, points)}
    goals = [{"figure": key, "what": what, "goal": goal, "value": values[key],
              "met": None if values[key] is None else bool(test(values[key]))}
             for key, what, goal, test in GOALS]

    letter_missed: dict[str, int] = {}
    for miss in missed:
        letter_missed[miss["letter"]] = letter_missed.get(miss["letter"], 0) + 1
    out = {
        "letters": {"strong": len(strong_rows), "weak": len(weak_rows), "unreadable": unreadable},
        "strong_ready": {"count": strong_ready, "of": len(strong_rows), "share": values["strong_ready"]},
        "strong_mean": mean,
        "weak_not_ready": {"count": weak_not_ready, "of": len(weak_rows), "share": values["weak_not_ready"]},
        "points": {"found": points_found, "of": points, "share": values["points_found"]},
        "goals": goals,
        "rules": sorted(({**rule, "strong_letters": len(rule["strong_letters"]),
                          "weak_letters": len(rule["weak_letters"])} for rule in rules.values()),
                        key=lambda r: (-r["strong_letters"], -r["strong_findings"],
                                       -r["weak_letters"], r["rule"])),
        "disagreements": {
            "strong_not_ready": sorted(({"letter": r["letter"], "errors": r["counts"]["error"],
                                         "rules": r["error_rules"], "kind": r["kind"],
                                         "checked_kind": r["checked_kind"]}
                                        for r in strong_rows if not r["ready"]),
                                       key=lambda d: (-d["errors"], d["letter"])),
            "weak_ready": sorted(({"letter": r["letter"], "counts": r["counts"]}
                                  for r in weak_rows if r["ready"]),
                                 key=lambda d: (-d["counts"]["warning"] - d["counts"]["suggestion"],
                                                d["letter"])),
            "points_missed": sorted(missed, key=lambda m: (-letter_missed[m["letter"]], m["letter"],
                                                           m["section"], m["category"])),
        },
        "per_letter": rows,
    }
    poa_hits = sum(r["findings"] for r in weak_rows)
    poa_alarms = sum(r["findings"] for r in strong_rows)
    out["lintscore_poa"] = lintscore(poa_hits, poa_alarms) if rows else None
    out["proselint"] = proselint_figures(strong_rows, weak_rows, proselint)
    return out


def proselint_figures(strong_rows: list[dict], weak_rows: list[dict],
                      counts: dict[str, int] | None) -> dict | None:
    """proselint on the same texts: how quiet on strong letters, how loud on weak ones, and the
    lint score with findings on weak letters taken as hits and on strong ones as false alarms."""
    if counts is None:
        return None
    strong = [counts[r["letter"]] for r in strong_rows if r["letter"] in counts]
    weak = [counts[r["letter"]] for r in weak_rows if r["letter"] in counts]
    return {"strong_letters": len(strong), "weak_letters": len(weak),
            "strong_clean": share(sum(1 for n in strong if n == 0), len(strong)),
            "strong_mean": sum(strong) / len(strong) if strong else None,
            "weak_flagged": share(sum(1 for n in weak if n > 0), len(weak)),
            "weak_mean": sum(weak) / len(weak) if weak else None,
            "lintscore": lintscore(sum(weak), sum(strong)) if strong or weak else None}
