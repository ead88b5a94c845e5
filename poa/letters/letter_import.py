"""Read a letter someone already wrote (.txt or .md) into the three sections.

Sections are found by their headings ("Root cause", "What happened", "Section 2",
"Actions:", "Steps to prevent:", "1. What was the root cause?", Amazon's own
"Greater detail on the actions..."), whatever the numbering, bullets, Markdown marks
or case, and by lead-ins that open a paragraph ("I found the root cause...", "The
actions I have taken are these.", "Going forward..."). Each paragraph or list entry
under a heading becomes one item.

What a letter holds besides the plan is kept as 'letter' text, checked but never taken
for a measure: the salutation and opening before the first section, attachment and
evidence lists ("Attached: ...", "Supporting documents:"), thank-you lines, the sign-off
and the signature after it (name, company, merchant token). Where a paragraph opened by
no heading reads as the next part of the plan (dated actions already done after the
cause; recurring checks after the actions), it moves to that section, so a letter in
plain paragraphs is split by its content rather than only flagged.
"""

from __future__ import annotations

import re

from poa.answers.sections import SECTIONS
from poa.files.sourcemap import SourceMap
from poa.letters.draft import Draft, TextPiece


def _regex(pattern: str, flags: int = 0):  # noqa: ANN202 - a re2 pattern
    """One of the letter's patterns, compiled by RE2 at import: RE2 compiles these in a fraction
    of re's time, which `poa check` of a letter paid at every start (nothing compiled is kept
    between runs: the cache holds data only). RE2's \\s, \\w and \\b are ASCII, and its $ is
    the end of the text (the lines these read are stripped)."""
    import re2

    options = re2.Options()
    options.case_sensitive = not flags & re.IGNORECASE
    options.log_errors = False
    return re2.compile(pattern, options)


_LEAD = r"^[\s>#*_\-–—•\\\"“”'‘’]*(?:(?:\d+|[ivx]+|[a-c])[.):]\s*)?(?:section\s*\d\s*[:.\-–—)]?\s*)?[*_\"“”]*\s*"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"

_HEADINGS = {
    "root_cause": [
        r"greater detail on the (?:root )?causes?", r"greater detail on the reasons?",
        r"greater detail on the issues?", r"(?:the )?root[- ]causes?", r"what (?:has )?happened",
        r"what went wrong", r"causes? of the (?:issue|problem)", r"why (?:it|this) happened",
        r"reasons? for the (?:issue|problem|violation)", r"explanation of the (?:issue|problem)",
        r"investigation", r"section\s*1\b", r"what caused",
        r"description of the (?:issues?|problems?|causes?)", r"(?:the )?(?:issues?|problems?) that (?:caused|led to)",
        r"what (?:was|were|is|are) the (?:root )?causes?",
    ],
    "corrective_actions": [
        r"greater detail on the actions", r"corrective(?: actions?| measures?| steps?)?",
        r"actions? (?:i|we) (?:have )?(?:already )?taken", r"actions? (?:already )?taken",
        r"actions?", r"(?:immediate|remedial) actions?", r"what (?:i|we) (?:have )?(?:done|did|fixed)",
        r"(?:issue )?resolution", r"how (?:i|we) (?:fixed|resolved|solved)", r"section\s*2\b",
        r"steps (?:i|we) (?:have )?(?:already )?taken to (?:resolve|fix|correct)",
        r"what (?:actions|steps) (?:have )?(?:i|we) (?:have )?(?:already )?taken",
        r"confirmation that (?:all )?(?:the )?(?:restricted |affected |infringing )?(?:listings?|products?|asins?|items?)"
        r" (?:were|are|have been|has been) (?:deleted|removed|closed)",
    ],
    "preventive_measures": [
        r"greater detail on the steps", r"prevent(?:ive|ative)(?: actions?| measures?| steps?)?",
        r"prevention", r"going forward", r"moving forward", r"(?:in the )?future(?: steps| actions| measures)?",
        r"steps (?:i|we) (?:have )?taken to prevent", r"how (?:i|we) will prevent",
        r"to prevent (?:this|it|the issue|recurrence)", r"steps to prevent", r"long[- ]term (?:steps|measures|plan)",
        r"section\s*3\b", r"what (?:steps|actions) (?:have )?(?:i|we) (?:have )?taken to prevent",
    ],
}
_CHANGED = r"what (?:i|we) (?:have )?changed"
"""'What we changed' follows 'What we did' as the prevention, or stands for the actions."""

_REGEXES = {section: _regex(_LEAD + "(?:" + "|".join(_HEADINGS[section]) + r")\b", re.IGNORECASE)
            for section in ("preventive_measures", "root_cause", "corrective_actions")}
"""Prevention first: "What steps have we taken to prevent this?" is not the actions."""
_CHANGED_REGEX = _regex(_LEAD + _CHANGED + r"\b", re.IGNORECASE)
_LABELS = {  # one word and a colon, the way short letters in basic English head their parts
    "root_cause": _regex(_LEAD + r"(?:the )?(?:main )?(?:problems?|issues?|reasons?)(?:\s*[:–—]|[\s*_]*$)", re.IGNORECASE),
    "corrective_actions": _regex(_LEAD + r"(?:the |my |our )?(?:solutions?|fix)(?:\s*[:–—]|[\s*_]*$)", re.IGNORECASE),
}
"""...or the word alone on its line ("The problem", "Solution")."""
_WILL_DO = _regex(_LEAD + r"what (?:i|we) (?:will|are going to|plan to) do\b", re.IGNORECASE)
"""'What we will do': the actions when it comes first, the prevention after 'What we did'."""
_PLAN_REGEX = _regex(_LEAD + r"(?:my |our |the )?plan of action\s*:?\s*$", re.IGNORECASE)
"""'Plan of action:' after the cause opens the actions; at the top of a letter it is its title."""

_KEYWORDS = {  # a short heading line that names its section anywhere in it
    "preventive_measures": _regex(
        r"\bprevent\w*|\bin the future\b|\bgoing forward\b|\bmoving forward\b|\bavoid\b|\blong[- ]term\b"
        r"|\bfrom now on\b|\brecurrence\b|\bagain\b|\bsafeguards?\b|\bsystemic\b|\bwhat happens next\b", re.IGNORECASE),
    "root_cause": _regex(r"\broot[- ]causes?\b|\bwhat (?:has )?happened\b|\bwhy (?:it|this) happened\b"
                                r"|\bwhat went wrong\b|\bhow\b.{0,60}\bcame (?:to be|about)\b"
                                r"|^why (?:the|this|it|these|our|we|i)\b[^.]{0,60}\b(?:was|were|happened|occurred|came)\b",
                                re.IGNORECASE),
    "corrective_actions": _regex(r"\bcorrective\b|\bactions? taken\b|\bsteps taken\b|\bto resolve\b"
                                        r"|\bresolution\b|\bwhat (?:i|we) (?:have )?(?:done|did)\b"
                                        r"|\bput (?:it |this |things )?right\b", re.IGNORECASE),
}

_LEAD_INS = {  # a paragraph that starts like this opens the section and stays part of it
    "root_cause": _regex(
        r"^(?:the |our |my )?(?:main |real |actual )?root causes?(?: of [^.]{0,120}?)? (?:was|were|is|are)\b"
        r"|^(?:i|we) (?:have )?(?:found|identified|determined|investigated|traced)\b[^.]{0,60}\b(?:root )?causes?\b"
        r"|^after (?:investigating|an investigation|a review|reviewing)\b"
        r"|^(?:the )?(?:main |real |actual |underlying )?(?:reasons?|causes?)\b[^.]{0,80}?\b(?:was|is|were|are)\b"
        r"|^this happened because\b",
        re.IGNORECASE),
    "corrective_actions": _regex(
        r"^(?:the )?(?:corrective )?actions? (?:i|we) (?:have )?(?:already )?(?:taken|took)\b"
        r"|^(?:i|we) have (?:already )?(?:taken|done) the following\b"
        r"|^to (?:fix|resolve|correct) (?:this|the problem|the issue|it|these)\b"
        r"|^(?:here is |this is )?what (?:i|we) (?:have )?(?:already )?(?:did|done|fixed)\b",
        re.IGNORECASE),
    "preventive_measures": _regex(
        r"^(?:going|moving) forward\b|^from now on\b|^in (?:the )?future\b"
        r"|^to (?:prevent|avoid|make sure|ensure|stop)\b[^.]{0,60}\b(?:again|recurr\w*|future|happening)\b"
        r"|^(?:the )?(?:preventive|preventative) (?:measures?|steps?|actions?) (?:i|we) (?:have )?(?:put|taken|now)\b",
        re.IGNORECASE),
}

_ASIDE = _regex(
    r"^[\s>#*_\-–—•]*(?:\d{1,2}[.)]\s*)?(?:attachments?|attached(?: (?:documents?|files?|evidence|are|is|please find))?"
    r"|enclosed(?: documents?| files?| are| is)?|enclosures?|please (?:see|find) (?:the )?attached"
    r"|(?:supporting )?(?:documents?|documentation|evidence)(?: (?:attached|provided|enclosed|available|submitted)| *:)"
    r"|list of (?:attachments|documents|evidence))\b",
    re.IGNORECASE)
"""Attachment and evidence lists: the line and the list under it are not measures."""

_CLOSING = _regex(
    r"^[\s*_]*(?:(?:yours )?(?:sincerely|faithfully|truly|respectfully(?: submitted)?|cordially)"
    r"|(?:(?:kind|best|warm|warmest|with) )?regards|best(?: wishes)?|thanks(?: again| and (?:kind |best |warm )?regards)?"
    r"|thank you(?: (?:again|very much|so much|kindly))?(?: for [^.!\n]{0,120})?"
    r"|with (?:thanks|appreciation|gratitude)|we appreciate your (?:time|consideration|review)"
    r"|(?:i|we) look forward to [^.!\n]{0,80})(?:[,.!]|\s*$)",
    re.IGNORECASE)
"""A thank-you line or a sign-off: it and the signature after it are not measures."""

_SIGNATURE = _regex(r"^\s*(?:merchant token(?: id)?|seller id|seller name|store(?: name)?|e-?mail"
                           r"|phone|contact)\s*:", re.IGNORECASE)

_OPENING = _regex(
    r"\b(?:privileges|account|listings?) (?:was|were|has been|have been|had been) (?:removed|suspended|deactivated)"
    r"|\b(?:i|we) am writing\b|\b(?:i|we) are writing\b|\bbelow (?:is|are)\b|\bthis (?:letter|plan|appeal)\b"
    r"|\b(?:plan of action|plan|appeal|letter) below\b|\bbelow (?:i|we) (?:will )?(?:explain|describe|set out)\b"
    r"|\bi am writing\b|\b(?:account|category|listings?|privileges) (?:is|are) (?:now )?at risk\b"
    r"|\b(?:rate|ODR|VTR|LSR|OTDR)\b[^.]{0,30}\b(?:has|have|had)? ?(?:apparently )?(?:fallen|dropped|fell|gone down|went down)\b",
    re.IGNORECASE)

_SIGNALS = {  # what a paragraph that no heading opened reads as
    "root_cause": [_regex(p, re.IGNORECASE) for p in (
        r"\bbecause\b", r"\bcaused\b|\bled to\b|\bresulted in\b", r"\breasons?\b", r"\bhappened\b",
        r"\b(?:i|we) (?:had no|did not|didn't|never|assumed|relied)\b|\b(?:i|we) (?:not|dont|don't) know\b",
        r"\bfault\b|\bmistaken?\b|\bcontrol\b|\bnot possible\b",
        r"\b(?:must|may|might) have\b|\bmaybe\b|\bprobably\b|\bwe think\b|\bit seems\b")],
    "corrective_actions": [_regex(p, re.IGNORECASE) for p in (
        r"^(?:on|by) (?:\d{1,2}(?:st|nd|rd|th)? " + _MONTH + r"|" + _MONTH + r" \d{1,2})",
        r"\b(?:i|we) (?:have )?(?:already |immediately |then |also )?(?:removed|deleted|refunded|contacted|wrote|replaced"
        r"|corrected|cancell?ed|closed|hired|moved|switched|fixed|re-?entered|uploaded|disposed|destroyed|created"
        r"|sent|stopped|retrained|trained|added|installed|returned|reimbursed|apologi[sz]ed|emailed|e-mailed"
        r"|called|filed|submitted|issued|recalled|withdrew|suspended|shipped|put|set|changed|checked and fixed"
        r"|complained|informed|requested|messaged)\b",
        r"\b(?:fixed|resolved|corrected) (?:the|this|that|all)\b",
        r"\b(?:were|was|have been|has been) (?:all )?(?:shipped|refunded|corrected|removed|deleted|cancell?ed"
        r"|destroyed|disposed|replaced|updated|fixed)\b",
        r"\b(?:go|goes|going|went|read|reading) through (?:all|every|each|the whole)\b",
        r"\b(?:i|we) (?:have |has )?already (?:change|remove|fix|delete|correct|update|refund|send|ship|contact"
        r"|replace|close|stop|edit|upload|cancel|return|destroy|put)\b")],  # basic English: 'I already change the title'
    "preventive_measures": [_regex(p, re.IGNORECASE) for p in (
        r"\b(?:going|moving) forward\b|\bfrom now on\b|\bin (?:the )?future\b|\b(?:happens?|happening|occurs?) again\b",
        r"\b(?:every|each) (?:working |business )?(?:day|week|month|morning|evening|order|shipment"
        r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?:daily|weekly|monthly)\b",
        r"\bnow (?:check|review|use|keep|buy|require|run|compare|inspect|open)s?\b", r"\bbefore (?:any|each|every)\b",
        r"\b(?:i|we) will (?:continue|keep|always|only|never|make sure|ensure|check|monitor|use|ship|try|be"
        r"|carry on|consider|inspect|pack|follow|train|review|ask|require)\b")],
}
_REQUEST = _regex(
    r"^[\s*_]*(?:(?:so |therefore |now )?(?:please|kindly)(?: (?:kindly|consider))? (?:reinstate|restore|reactivate|review|reconsider|lift|give|remove)\b"
    r"|(?:please|kindly) (?:look|check|see)\b[^.!?\n]{0,60}\b(?:reinstat|restor|reactivat)\w*"
    r"|(?:please,? )?(?:i|we) (?:would )?(?:kindly |respectfully |humbly )?(?:ask|request|expect|hope|beg|appeal)\b[^.!?\n]{0,80}\b(?:reinstat|restor|reactivat|review|reconsider|lift)\w*"
    r"|it is (?:outrageous|ridiculous|unacceptable|absurd|unfair)\b"
    r"|(?:i|we) (?:trust|hope) (?:that )?(?:this|it|the matter) will be (?:resolved|settled|sorted)\b)",
    re.IGNORECASE)
"""A request to reinstate (or a protest) at the end of a letter: it is the letter's, not a measure."""

_THANKS = _regex(
    r"^[\s*_]*(?:thank you|thanks|we thank you|i thank you)(?: (?:very much|so much|kindly))? for "
    r"(?:giving|providing|offering|allowing|the|this|your)\b[^\n]{0,300}?\b(?:opportunit\w*|chance)\b",
    re.IGNORECASE)
"""'Thank you for the opportunity to appeal...': an opening wherever it stands, never a measure."""
_SALUTATION = _regex(r"^[\s*_]*(?:dear|hello|hi|to whom it may concern)\b[^\n.!?]{0,60}[,:!]?\s*$", re.IGNORECASE)
"""'Dear Seller Performance Team,' on its own: the letter's, wherever it stands."""

_ORDER = ("letter", "root_cause", "corrective_actions", "preventive_measures")

_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)]|[a-z][.)])\s+")


def _heading(line: str, opened: set[str]) -> str | None:
    """The section a line opens, when it is a heading or a lead-in."""
    stripped = line.strip()
    if not stripped:
        return None
    head = stripped[:300]
    if _WILL_DO.match(head) and len(stripped.split()) <= 14:
        return "preventive_measures" if "corrective_actions" in opened else "corrective_actions"
    for section, regex in _REGEXES.items():
        match = regex.match(head)
        if not match:
            continue
        rest = head[match.end():].strip(" *_\"“”")
        if rest and rest[0] in ":–—-)" or "greater detail" in stripped.lower():
            return section  # "Root cause: text..." however long
        if len(stripped) > 200:
            continue
        short = len(stripped.split()) <= 14
        if not rest or rest[0] == "." or (short and not rest.endswith((".", "!"))) or rest.startswith(","):
            if section != "preventive_measures" and _KEYWORDS["preventive_measures"].search(rest):
                return "preventive_measures"  # "Actions taken to ensure compliance in the future:"
            return section
    for section, regex in _LABELS.items():
        if regex.match(head):
            return section  # "Problem: we turned the store on a day early..."
    if _PLAN_REGEX.match(stripped):
        return "corrective_actions" if "root_cause" in opened else None
    if len(stripped) <= 120 and _looks_like_heading(stripped):
        if _CHANGED_REGEX.match(stripped):
            if _KEYWORDS["corrective_actions"].search(stripped):
                return "corrective_actions"  # "What we have changed (corrective steps already taken)"
            return "preventive_measures" if "corrective_actions" in opened else "corrective_actions"
        for section, regex in _KEYWORDS.items():
            if regex.search(stripped):
                return section
    return None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


_PROMISED_TASK = _regex(r"^\s*(?:we|i) (?:will|shall|are going to|am going to) (?:talk|speak|change|remove|delete|"
                        r"close|contact|ask|send|call|update|replace|correct|fix|refund|cancel|reset|"
                        r"return|recall|destroy|dispose|edit|rewrite|write|inform|tell|pay|issue|file|open|"
                        r"move|transfer|sell off|take down)\b", re.IGNORECASE)
"""'We will change the password...': in a plan, before any measure, a task still to do (an action
written as a promise, which the rubric then asks to be written as done)."""


def _ends_with_request(body: str) -> bool:
    """'Our customers are happy with this cream. Kindly reinstate the listing.': a paragraph that
    says nothing of the plan (no signal of any part) and ends by asking to be reinstated."""
    last = _SENTENCE_END.split(body.strip())[-1]
    return last != body.strip() and bool(_REQUEST.match(last)) and not any(_scores(body).values())


def _plan_parts(body: str) -> list[tuple[str, int, int]]:
    """Where the entries of a plan that holds both parts go: an entry that reads as done to the
    actions, the rest to the prevention. A paragraph that reads as both is cut at its
    sentences, consecutive sentences of the same part staying together: (section, start, end)."""
    text = _LIST_ITEM.sub("", body, count=1)
    scores = _scores(text)
    if not (scores["corrective_actions"] and scores["preventive_measures"]):
        return [(_plan_part(text), 0, len(body))]
    parts: list[tuple[str, int, int]] = []
    start = 0
    for end in [m.start() for m in _SENTENCE_END.finditer(body)] + [len(body)]:
        sentence = body[start:end]
        where = _plan_part(_LIST_ITEM.sub("", sentence, count=1))
        if parts and parts[-1][0] == where:
            parts[-1] = (where, parts[-1][1], end)
        else:
            parts.append((where, start, end))
        start = end + len(body[end:]) - len(body[end:].lstrip())
    return parts


def _plan_part(text: str) -> str:
    """An entry of a plan goes to the actions when it reads as done or as a one-off task ("go
    through every product"), to the prevention otherwise (a lasting rule or a promise)."""
    return "corrective_actions" if _reads_as(text, 1) == "corrective_actions" else "preventive_measures"


def _is_plan(line: str) -> bool:
    """'Plan of action:' or 'Solution:': a heading that may hold both the actions and the prevention."""
    return bool(_PLAN_REGEX.match(line) or _LABELS["corrective_actions"].match(line))


def _own_headings(lines: list[str]) -> dict[int, str]:
    """Headings in the writer's own words ("The link between the accounts", "Systemic changes"),
    by where they stand: lines that look like headings, among the ones poa knows, take the
    sections missing in between, in the plan's order, when there are exactly as many of them
    as sections missing there (a sub-heading or a list's lead-in makes the count differ, and
    then none is taken)."""
    probe: set[str] = set()
    known: list[tuple[int, str]] = []
    candidates: list[int] = []
    for number, line in enumerate(lines):
        stripped = line.strip()
        found = _heading(line, probe)
        if found is not None:
            probe.add(found)
            known.append((number, found))
        elif _own_heading_line(lines, number):
            candidates.append(number)
    if not candidates:
        return {}
    order = list(_ORDER[1:])
    bounds = [(-1, -1)] + [(n, order.index(sec)) for n, sec in known] + [(len(lines), len(order))]
    assigned: dict[int, str] = {}
    for (start, low), (end, high) in zip(bounds, bounds[1:]):
        missing = [sec for i, sec in enumerate(order) if low < i < high and sec not in probe]
        between = [n for n in candidates if start < n < end]
        if missing and len(between) == len(missing):
            assigned.update(zip(between, missing))
    return assigned


def _own_heading_line(lines: list[str], number: int) -> bool:
    """A short title on its own line, between blank lines or the letter's edges, with text after
    it: not a salutation, sign-off, attachment list, title of the whole plan or sentence."""
    stripped = lines[number].strip().strip("*_#").strip()
    if not stripped or not stripped[0].isupper() or "," in stripped or _LIST_ITEM.match(stripped):
        return False
    if stripped.split()[0].lower() in ("i", "we", "he", "she", "they", "it", "you", "this", "there"):
        return False  # "I will increase the handling days": a sentence without its full stop
    if len(stripped.split()) > 10 or stripped.endswith((".", "!", ",")) or not _looks_like_heading(stripped):
        return False
    if number > 0 and lines[number - 1].strip():
        return False
    after = next((line.strip() for line in lines[number + 1:] if line.strip()), "")
    if not after or _looks_like_heading(after.strip("*_#").strip()):
        return False
    return not (_SALUTATION.match(stripped) or _CLOSING.match(stripped) or _ASIDE.match(stripped)
                or _SIGNATURE.match(stripped) or _PLAN_REGEX.match(stripped)
                or _LABELS["root_cause"].match(stripped))


def _looks_like_heading(line: str) -> bool:
    """Short, and not a sentence: it ends with a colon, a question mark or no stop at all."""
    words = len(line.split())
    text = line.rstrip(" *_#")
    return words <= 14 and (text.endswith((":", "?")) or (words <= 10 and not text.endswith((".", "!", ","))))


def _lead_in(line: str) -> str | None:
    """The section a paragraph opens by its first words ("Going forward, ...")."""
    text = _LIST_ITEM.sub("", line.strip().lstrip("*_#> ").strip())
    for section, regex in _LEAD_INS.items():
        if regex.match(text):
            return section
    return None


def _scores(text: str) -> dict[str, int]:
    """How strongly a paragraph reads as each part of the plan (its signals, at most 3 each)."""
    return {section: sum(min(3, len(regex.findall(text))) for regex in regexes)
            for section, regexes in _SIGNALS.items()}


def _reads_as(text: str, needed: int = 2) -> str | None:
    """The section a paragraph's content points to, when it points clearly to one. In a letter
    with no heading at all one signal is enough: the content is all there is to go by."""
    scores = _scores(text)
    top = max(scores.values())
    if top < needed:
        return None
    best = [section for section in _ORDER if scores.get(section) == top]
    if len(best) == 1 or needed == 1:
        return best[-1]  # with no headings at all, the plan's order breaks a tie: the later part
    return None


def _moves_to(text: str, current: str, needed: int) -> str | None:
    """The later part a paragraph that no heading opened reads as, if any. Of parts it reads as
    equally, the nearest one: the plan only moves forward, so a part skipped is lost."""
    scores = _scores(text)
    later = _ORDER[_ORDER.index(current) + 1:]
    top = max(scores[section] for section in later) if later else 0
    if top < needed:
        return None
    best = [section for section in later if scores[section] == top]
    if len(best) > 1 and needed > 1:
        return None
    if max(scores.values()) > top and needed > 1:
        return None  # it reads more as a part already behind: it stays where it is
    return best[0]


def import_letter(text: str) -> Draft:
    """Split a letter into section items; positions are exact lines and columns in the file.

    A letter with no heading of its own is read twice: the first reading notes each paragraph
    the content has to place, and the parts are then chosen for all of them at once
    (`_by_content`), so that one early paragraph with a stray signal cannot skip the root cause
    for the rest of the letter."""
    draft, titled, blocks = _split(text, None)
    if titled or not any(kind == "content" for kind, _, _ in blocks):
        return draft
    draft = _split(text, _by_content(blocks))[0]
    if [kind for kind, _, _ in blocks] == ["content"]:
        return _by_sentence(draft, blocks[0][1] + 1)
    return draft


def _by_sentence(draft: Draft, line: int) -> Draft:
    """A letter written as one paragraph ("Hello, I received a warning... I did not know this
    rule... I fixed it. It will not happen again. Please remove the warning."): its sentences
    take the plan's parts in order, chosen together as paragraphs are (`_by_content`); a request
    or a thank-you among the last sentences stays the letter's."""
    placed = [piece for piece in draft.pieces if piece.position(0)[0] == line]
    if len(placed) != 1:
        return draft
    piece = placed[0]  # the one paragraph (at `line`) that is not a greeting or a sign-off
    body = piece.text
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(body)]
    if len(starts) < 3:
        return draft
    spans = list(zip(starts, [*starts[1:], len(body)]))
    sentences = [body[start:end].strip() for start, end in spans]
    blocks = [("content", i, (_scores(sentence), False)) for i, sentence in enumerate(sentences)]
    parts = _by_content(blocks)
    closing = len(sentences)
    while closing > 0 and (_REQUEST.match(sentences[closing - 1]) or _THANKS.match(sentences[closing - 1])
                           or _CLOSING.match(sentences[closing - 1])
                           or _SIGNATURE.match(sentences[closing - 1])):
        closing -= 1
    runs: list[list] = []  # [part, start, end]: consecutive sentences of one part stay together
    for index, (start, end) in enumerate(spans):
        where = parts[index] if index < closing else "letter"
        end = start + len(body[start:end].rstrip())
        if runs and runs[-1][0] == where:
            runs[-1][2] = end
        else:
            runs.append([where, start, end])
    pieces, counts = [], dict.fromkeys(SECTIONS, 0)
    for where, start, end in runs:
        item = None if where == "letter" else counts[where]
        if where != "letter":
            counts[where] += 1
        pieces.append(TextPiece(where, item, "text", body[start:end], piece.source, piece.offset + start))
    at = draft.pieces.index(piece)
    return Draft([*draft.pieces[:at], *pieces, *draft.pieces[at + 1:]], "letter", None, counts,
                 draft.headings)


_Block = tuple[str, int, object]
"""How the first reading saw a paragraph: ("content", first line, (scores, stays letter)) or
("fixed", first line, the part a lead-in opened)."""


def _by_content(blocks: list[_Block]) -> dict[int, str]:
    """The part of each content paragraph, chosen together: the plan's parts in their order
    (a lead-in's part fixed), a paragraph moving on only to a part it has a signal for, the
    most signals in all, and of equal choices the nearer part. Linear in the paragraphs."""
    order = _ORDER
    best = [0] * len(order)  # best[at]: most signals for the paragraphs after, the one before being in `at`
    picks: list[list[int]] = []  # picks[i][at]: the part paragraph i takes after one in `at`
    for kind, _, value in reversed(blocks):
        step, pick = [0] * len(order), [0] * len(order)
        for at in range(len(order)):
            if kind == "fixed":
                target = order.index(value)
                choices = [max(target, at)]
            else:
                scores, stays = value
                moves = [s for s in range(at + 1, len(order)) if scores[order[s]] > 0]  # only towards a signal
                choices = [0] if at == 0 and stays else [at, *moves]
            if kind == "fixed":
                options = [(best[s], -s) for s in choices]
            else:
                options = [((scores[order[s]] if s else 0) + best[s], -s) for s in choices]
            total, nearer = max(options)
            step[at], pick[at] = total, -nearer
        best = step
        picks.append(pick)
    parts, at = {}, 0
    for (kind, line, _), pick in zip(blocks, reversed(picks)):
        at = pick[at]
        if kind == "content":
            parts[line] = order[at]
    return parts


def _split(text: str, assigned: dict[int, str] | None) -> tuple[Draft, bool, list[_Block]]:
    """One reading of the letter: its draft, whether it has headings of its own, and its
    paragraphs as `_by_content` needs them. `assigned`: the part chosen for each content
    paragraph, by its first line."""
    blocks: list[_Block] = []
    pieces: list[TextPiece] = []
    lines = text.split("\n")
    section = "letter"
    by_heading = False  # the current section was opened by a heading (then content never moves it)
    aside = closed = False  # in an attachment list; after the sign-off
    opened: set[str] = set()
    headings = 0
    titled = False  # a real heading was read: lead-ins alone leave the content to decide
    counts = dict.fromkeys(SECTIONS, 0)
    block: list[tuple[int, str]] = []  # (0-based line number, line text)
    block_aside = False
    probe: set[str] = set()
    headed = {found for line in lines if (found := _heading(line, probe)) and not probe.add(found)}
    one_heading = len(headed) <= 1
    """With one section heading at most ("About my root causes..."), the content shows where the
    other sections begin."""
    plan_only = not {"corrective_actions", "preventive_measures"} & {
        found for line in lines if not _is_plan(line.strip()) and (found := _heading(line, set()))}
    """'Problem:' then 'Plan of action:' (or 'Solution:') and no action or prevention heading:
    the plan holds both."""
    plan = False  # the current section is such a plan: each entry goes where it reads
    own_headings = _own_headings(lines)
    heading_at = 0  # len(pieces) when the current section's heading was read

    led = False  # the block opens with a lead-in ("The cause was...")
    plan_later = False  # in a plan holding both parts, an entry has gone to the prevention

    def flush() -> None:
        nonlocal block, section, closed, led, plan_later
        while block and not block[-1][1].strip():
            block.pop()
        if not block:
            return
        first_line = block[0][0]
        body_lines = [line for _, line in block]
        indents = [len(line) - len(line.lstrip()) for line in body_lines]
        body = "\n".join(line.lstrip() for line in body_lines)
        source = SourceMap.lines_from(body, first_line + 1, [i + 1 for i in indents])
        where = section
        if block_aside or closed:
            where = "letter"
        elif section != "letter" and (_THANKS.match(body) or _SALUTATION.match(body)):
            where = "letter"
        elif section != "letter" and (_REQUEST.match(body) or _ends_with_request(body)):
            where = "letter"
            closed = section != "root_cause"  # the request ends the plan: a name after it is the signature
        elif plan:
            parts = _plan_parts(body)
            if len(parts) > 1:  # "I removed the products. I will be more careful.": each its part
                for where, start, end in parts:
                    item = counts[where]
                    counts[where] += 1
                    opened.add(where)
                    pieces.append(TextPiece(where, item, "text", body[start:end], source, start))
                plan_later = plan_later or any(where == "preventive_measures" for where, _, _ in parts)
                block = []
                led = False
                return
            where = parts[0][0]
            if (where == "preventive_measures" and not plan_later and not any(_scores(body).values())
                    and _PROMISED_TASK.match(_LIST_ITEM.sub("", body, count=1))):
                where = "corrective_actions"  # "We will change the password": a one-off task, first in the plan
            plan_later = plan_later or where == "preventive_measures"
            opened.add(where)
        elif (not by_heading or one_heading) and not led:  # a lead-in says where its paragraph goes
            stays = section == "letter" and not opened and bool(_OPENING.search(body) or "root_cause" in headed)
            blocks.append(("content", first_line, (_scores(body), stays)))
            if assigned is not None and first_line in assigned:
                moved = assigned[first_line] if assigned[first_line] != section else None
            else:
                moved = _moves_to(body, section, 2 if titled else 1)
            if moved is not None and not stays:
                section = where = moved
                opened.add(moved)
        elif led:
            blocks.append(("fixed", first_line, section))
        if where == "letter":
            item = None
        else:
            item = counts[where]
            counts[where] += 1
        pieces.append(TextPiece(where, item, "text", body, source))
        block = []
        led = False

    previous_blank = True
    for number, line in enumerate(lines):
        stripped = line.strip()
        heading = _heading(line, opened) or own_headings.get(number)
        lead = _lead_in(line) if heading is None and (previous_blank or _LIST_ITEM.match(line)) else None
        if heading is not None and _PLAN_REGEX.match(stripped):
            if by_heading and len(pieces) == heading_at and not any(text.strip() for _, text in block):
                previous_blank = False
                continue  # "Preventive measures" then "Plan of action:": a subtitle, not a new section
        if heading is not None or lead is not None:
            flush()
            plan = heading is not None and plan_only and _is_plan(stripped)
            plan_later = False  # the plan's entries have reached the prevention
            heading_at = len(pieces)
            headings += 1
            titled = titled or heading is not None
            section = heading or lead
            opened.add(section)
            by_heading = heading is not None
            aside = closed = False
            block_aside = False
            if lead is not None or _is_lead_in(line):
                block.append((number, line))
                led = True
            previous_blank = False
            continue
        if not stripped:
            flush()
            previous_blank = True
            continue
        if section != "letter" and (_CLOSING.match(stripped) and (previous_blank or not block)):
            flush()
            closed = True
        elif _SIGNATURE.match(stripped) or (_ASIDE.match(stripped) and (previous_blank or not block)):
            flush()
            aside = block_aside = True
        elif aside and previous_blank and not _LIST_ITEM.match(line):
            flush()
            aside = block_aside = False
        if _LIST_ITEM.match(line) and block:
            flush()
            block_aside = aside
        block.append((number, line))
        previous_blank = False
    flush()
    return Draft(pieces, "letter", None, counts, headings), titled, blocks


def _is_lead_in(line: str) -> bool:
    """A lead-in ("Going forward, I check...") carries text; a heading ("Root cause:") does not."""
    stripped = line.strip()
    lowered = stripped.lower()
    if "greater detail" in lowered or stripped.rstrip(" *_").endswith((":", "?")):
        return False  # a heading, however long: "Actions taken to make sure it does not happen again:"
    for regex in (*_REGEXES.values(), *_LABELS.values()):
        match = regex.match(stripped)
        if match:
            rest = stripped[match.end():].strip(" *_:\"“”–—-)")
            words = len(rest.split())
            return words >= 3 and not rest.endswith(("?", ":")) and (rest.endswith((".", "!")) or words >= 8)
    return False
