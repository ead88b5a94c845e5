"""A letter someone already wrote, brought into an answers file (`poa import`, `poa LETTER.txt`).

The sections and items come from the import the rubric uses on a letter
(poa/letters/letter_import.py): each paragraph or list entry under a heading
becomes one item's `what`, as written. Around that:

- the greeting before the first heading becomes the letter's opening, and the
  closing paragraphs ("Kind regards, ...") its sign-off;
- headings that quote Amazon's reply ("Greater detail on the root causes...")
  become Amazon's latest reply, which the check then holds the plan to;
- the facts the letter states (rate, dates, order IDs, carriers, marketplace,
  category) fill the context where they are recognised (poa/letters/facts.py);
- a letter whose preventive steps sit under its actions heading (the promises
  at the end, "I will...") gets them as preventive measures.

Nothing of the letter is dropped: every paragraph lands in an item, the
opening, the sign-off or the reply; only list numbers and the section
headings poa writes itself go.
"""

from __future__ import annotations

import re
from pathlib import Path

from poa.answers.model import Answers, Carrier, Context, Shipping
from poa.answers.sections import SECTION_TITLES, SECTIONS
from poa.errors import InputError, Problem
from poa.files.textfile import read_text
from poa.letters.draft import TextPiece
from poa.letters.facts import is_sign_off, item_date, recognise, signature
from poa.letters.letter_import import import_letter
from poa.rubric.compiled import infer_kind, load_rubric

_LIST_MARK = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)]|[a-z][.)])\s+")
"""A list entry's number or bullet: the letter poa renders numbers the items itself."""
_FUTURE = re.compile(r"(?i)\b(?:i|we)(?: will|'ll| shall| am going to)\b|\bwill\b|\bgoing forward\b|"
                     r"\bfrom now on\b|\bin the future\b")
"""A promise: what a seller will do is a preventive measure, not an action already taken."""
_QUOTED_REPLY = re.compile(r"(?i)greater detail on")

LETTER_SUFFIXES = (".txt", ".md", ".markdown", ".text")


class Imported:
    """The answers read from a letter, and plain-language notes on how they were read."""

    def __init__(self, answers: Answers, notes: list[str]) -> None:
        self.answers = answers
        self.notes = notes


def import_letter_file(path: Path, kind: str | None = None) -> Imported:
    """Read the letter at `path` into answers (raises InputError when it is empty or unreadable)."""
    text = read_text(path)
    if not text.strip():
        raise InputError(Problem(str(path), "the letter is empty"))
    return letter_to_answers(text, kind)


def letter_to_answers(text: str, kind: str | None = None) -> Imported:
    """The answers a letter gives (see the module's docstring for where each part goes)."""
    notes: list[str] = []
    if kind is None:
        guess = infer_kind(text)
        if guess:
            kind = guess[0]
            notes.append(f"kind inferred: {kind} ({guess[1]}); use --kind to choose another")
        else:
            kind = "common"
            notes.append("kind not recognised from the letter; choose it on the Context step of "
                         "the drafting screen, or set it in the answers file (see: poa kinds)")
    else:
        load_rubric(kind)  # an unknown kind is an error here, not in the file written
    draft = import_letter(text)
    pieces = list(draft.pieces)

    sign_off = _take_sign_off(pieces)
    opening = [p for p in _leading_letter_pieces(pieces)]
    for piece in opening:
        pieces.remove(piece)
    closing = _trailing_letter_pieces(pieces)
    if closing:
        del pieces[len(pieces) - len(closing):]
        sign_off = "\n".join([*(p.text for p in closing), *([sign_off] if sign_off else [])])
    sections: dict[str, list[str]] = {section: [] for section in SECTIONS}
    loose = []  # letter text after the first heading that no section took
    for piece in pieces:
        if piece.section in sections:
            sections[piece.section].append(_item_text(piece.text))
        else:
            loose.append(piece.text)
    if not any(sections.values()):
        sections["root_cause"] = [_item_text(t) for t in loose]
        loose = []
        if sections["root_cause"]:
            notes.append("no section headings recognised: every paragraph is under Root cause; "
                         "move each to its section in the drafting screen")
    elif loose:
        sections["root_cause"] = [_item_text(t) for t in loose] + sections["root_cause"]
    moved = _promises_to_measures(sections)
    if moved:
        notes.append(f"the last {moved} paragraph{'s' if moved != 1 else ''} under the actions "
                     f"heading promise{'s' if moved == 1 else ''} what you will do: "
                     f"{'they are' if moved != 1 else 'it is'} under Preventive measures")

    facts = recognise(text)
    context = dict(facts.context)
    asked = _quoted_reply(text, draft.pieces)
    if asked:
        context["amazon_reply"] = asked
        notes.append("the letter's headings quote Amazon's reply: kept as Amazon's latest reply, so "
                     "the check asks for the detail it asked for")
    context["opening"] = "\n\n".join(p.text for p in opening)
    context["sign_off"] = sign_off
    for key, value in signature(sign_off).items():
        context.setdefault(key, value)
    shipping = Shipping(carriers=[Carrier(name=name) for name in facts.carriers])
    answers = Answers(
        kind=kind, context=Context(**context), shipping=shipping,
        root_cause=[{"what": t} for t in sections["root_cause"]],
        corrective_actions=[{"what": t, "done_on": item_date(t, "done_on")}
                            for t in sections["corrective_actions"]],
        preventive_measures=[{"what": t, "started_on": item_date(t, "started_on")}
                             for t in sections["preventive_measures"]],
    )
    counts = ", ".join(f"{len(sections[s])} into {SECTION_TITLES[s]}" for s in SECTIONS)
    notes.append(f"read the paragraphs of the letter: {counts}" + _recognised(context, facts.carriers))
    return Imported(answers, notes)


def answers_path_for(letter: Path) -> Path:
    """Where `poa LETTER.txt` keeps the answers it imports: beside the letter, same name, .yaml."""
    return letter.with_suffix(".yaml")


def _item_text(text: str) -> str:
    """An item's text as written, without the list number in front of it."""
    return _LIST_MARK.sub("", text, count=1).strip()


def _leading_letter_pieces(pieces: list[TextPiece]) -> list[TextPiece]:
    """The text before the first section: the greeting and any opening words."""
    lead = []
    for piece in pieces:
        if piece.section != "letter":
            break
        lead.append(piece)
    if len(lead) == len(pieces):  # no section at all: only a greeting's first paragraph is an opening
        return lead[:1] if lead and len(pieces) > 1 and len(lead[0].text.split()) <= 20 else []
    return lead


def _trailing_letter_pieces(pieces: list[TextPiece]) -> list[TextPiece]:
    """The letter's own text after its last measure: a request to reinstate, a thank-you, an
    attachment list or a name with no "Regards" before it. It closes the letter, so it joins the
    sign-off rather than becoming a root cause."""
    last = max((i for i, piece in enumerate(pieces) if piece.section != "letter"), default=None)
    return [] if last is None else pieces[last + 1:]


def _take_sign_off(pieces: list[TextPiece]) -> str:
    """Remove the closing paragraphs from the end of the letter and return them."""
    for start in range(len(pieces) - 1, max(len(pieces) - 4, -1), -1):
        if is_sign_off(pieces[start].text):
            while start > 0 and is_sign_off(pieces[start - 1].text):
                start -= 1
            if start == 0:
                return ""
            closing = pieces[start:]
            if sum(len(p.text.splitlines()) for p in closing) > 8:
                return ""  # too long for a sign-off: leave it where it is
            del pieces[start:]
            return "\n".join(p.text for p in closing)
    return ""


def _promises_to_measures(sections: dict[str, list[str]]) -> int:
    """With no preventive measures, the promises at the end of the actions become them."""
    actions = sections["corrective_actions"]
    if sections["preventive_measures"] or len(actions) < 2:
        return 0
    start = len(actions)
    while start > 1 and _FUTURE.search(actions[start - 1]):
        start -= 1
    if start == len(actions):
        return 0
    sections["preventive_measures"] = actions[start:]
    del actions[start:]
    return len(sections["preventive_measures"])


def _quoted_reply(text: str, pieces: list[TextPiece]) -> str:
    """Lines the import took as headings that quote Amazon's reply ("Greater detail on...")."""
    covered = set()
    for piece in pieces:
        if piece.source is not None:
            covered.update(line for line, _col in piece.source.positions)
    asked = []
    for number, line in enumerate(text.split("\n"), 1):
        if number not in covered and _QUOTED_REPLY.search(line):
            asked.append("– " + line.strip().strip("\"“”'*_#-–— ").strip())
    return "\n".join(asked) + "\n" if asked else ""


def _recognised(context: dict, carriers: list[str]) -> str:
    labels = {"marketplace": "marketplace", "category": "category", "metric_value": "rate",
              "notice_date": "notice date", "affected_orders": "number of orders",
              "order_ids": "order IDs", "asins": "ASINs", "seller": "store name",
              "name": "your name", "merchant_token": "Merchant Token"}
    found = [label for key, label in labels.items() if context.get(key)]
    if carriers:
        found.append("carrier" + ("s" if len(carriers) > 1 else "") + " " + ", ".join(carriers))
    return "; recognised: " + ", ".join(found) if found else ""
