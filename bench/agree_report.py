"""The agreement report as plain text: one table of figures per corpus, the noisy rules,
then the letters where poa and the reviewers disagree, worst first."""

from __future__ import annotations

FORMS = ("as written", "sections")


def table(rows: list[list[str]], head: list[str]) -> str:
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(head, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def num(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def verdict(met: bool | None) -> str:
    return "n/a" if met is None else ("met" if met else "NOT met")


def figure_rows(forms: dict[str, dict]) -> list[list[str]]:
    def cell(form: str, value: str, goal_index: int | None = None) -> str:
        if goal_index is None:
            return value
        return f"{value}  {verdict(forms[form]['goals'][goal_index]['met'])}"

    def count(figure: dict) -> str:
        return f"{figure['count']}/{figure['of']} = {pct(figure['share'])}"

    specs = [
        ("strong letters judged ready", ">= 85%", lambda f: count(f["strong_ready"]), 0),
        ("mean errors per strong letter", "<= 0.3", lambda f: num(f["strong_mean"]["error"]), 1),
        ("mean warnings per strong letter", "", lambda f: num(f["strong_mean"]["warning"]), None),
        ("mean suggestions per strong letter", "", lambda f: num(f["strong_mean"]["suggestion"]), None),
        ("mean findings per strong letter", "<= 5", lambda f: num(f["strong_mean"]["findings"]), 2),
        ("weak letters judged not ready", "100%", lambda f: count(f["weak_not_ready"]), 3),
        ("labelled points found", ">= 85%",
         lambda f: f"{f['points']['found']}/{f['points']['of']} = {pct(f['points']['share'])}", 4),
        ("lint score, poa (see docs/agreement.md)", "", lambda f: num(f["lintscore_poa"], 1), None),
    ]
    rows = [[what, goal, *(cell(form, value(forms[form]), index) for form in FORMS)]
            for what, goal, value, index in specs]
    if any(forms[form]["proselint"] for form in FORMS):
        p = {form: forms[form]["proselint"] or {} for form in FORMS}
        for what, key, fmt in (("proselint: strong letters with no finding", "strong_clean", pct),
                               ("proselint: mean findings per strong letter", "strong_mean", num),
                               ("proselint: weak letters with a finding", "weak_flagged", pct),
                               ("proselint: mean findings per weak letter", "weak_mean", num),
                               ("lint score, proselint", "lintscore", lambda v: num(v, 1))):
            rows.append([what, "", *(fmt(p[form].get(key)) for form in FORMS)])
    return rows


def rule_rows(figures: dict) -> list[list[str]]:
    return [[r["rule"], r["severity"], str(r["strong_letters"]), str(r["weak_letters"]),
             str(r["strong_findings"]), str(r["weak_findings"])] for r in figures["rules"]]


def inferred(entry: dict) -> str:
    """For a letter of kind `other`, the kind poa guessed: a wrong guess brings a kind's rules."""
    if entry["kind"] != "other":
        return ""
    return f"; poa read it as {entry['checked_kind'] or 'no kind (common rubric)'}"


def disagreements(figures: dict) -> list[str]:
    d = figures["disagreements"]
    lines = [f"  strong letters judged not ready: {len(d['strong_not_ready'])}"]
    lines += [f"    {x['letter']}: {x['errors']} errors ({', '.join(x['rules'])}){inferred(x)}"
              for x in d["strong_not_ready"]]
    lines.append(f"  weak letters judged ready: {len(d['weak_ready'])}")
    lines += [f"    {x['letter']}: {x['counts']['warning']} warnings, {x['counts']['suggestion']} suggestions"
              for x in d["weak_ready"]]
    lines.append(f"  labelled points not found: {len(d['points_missed'])}")
    lines += [f"    {x['letter']}: {x['category']} in {x['section']}"
              for x in d["points_missed"]]
    return lines


def render(data: dict) -> str:
    out = [f"poa agreement report{' (quick mode: ' + data['quick'] + ')' if data['quick'] else ''}",
           f"date {data['date']}; commit {data['commit'] or '?'}; {data['poa_version']}",
           f"proselint: {data['proselint']['note']}", ""]
    for corpus in data["corpora"]:
        title = f"== {corpus['name']}: {corpus['path']}"
        if not corpus["forms"]:
            out += [title + " ==", *(f"  note: {n}" for n in corpus["notes"]), ""]
            continue
        first = corpus["forms"][FORMS[0]]["letters"]
        out.append(f"{title} ({first['strong']} strong, {first['weak']} weak letters) ==")
        out += [f"  note: {n}" for n in corpus["notes"]]
        out += ["", table(figure_rows(corpus["forms"]), ["figure", "goal", *FORMS]), ""]
        for form in FORMS:
            figures = corpus["forms"][form]
            out.append(f"-- {corpus['name']}, {form}: rules by strong letters they fire on --")
            out.append(table(rule_rows(figures), ["rule", "severity", "strong letters", "weak letters",
                                                  "findings on strong", "findings on weak"]))
            out.append(f"-- {corpus['name']}, {form}: disagreements --")
            out += disagreements(figures)
            if figures["letters"]["unreadable"]:
                out.append(f"  poa could not read: {', '.join(figures['letters']['unreadable'])}")
            out.append("")
    return "\n".join(out).rstrip() + "\n"
