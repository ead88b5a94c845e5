"""A draft as the rubric sees it: pieces of text, each tied to a section, an item and a file position.

Both inputs become a Draft: an answers file (each answer is a piece) and an
imported letter (each paragraph or list entry under a recognised heading is
a piece). The rubric engine reads only Drafts, so it does not care where the
text came from.
"""

from __future__ import annotations

from collections import namedtuple

from poa.answers.sections import SECTIONS, TEXT_FIELDS

TYPE_CHECKING = False  # not typing's: importing typing costs `poa check` several milliseconds
if TYPE_CHECKING:
    from poa.answers.file import LoadedAnswers
    from poa.answers.model import Answers  # pydantic: not loaded to check a letter
    from poa.letters.reply import ReplyReading


class TextPiece(namedtuple("TextPiece", "section item field text source offset", defaults=(None, 0))):
    """One answer (or one paragraph of a letter) and where it sits.

    section: root_cause, corrective_actions, preventive_measures, context or letter;
    item: its index in the section (None for context and letters); field: the answer's
    name (`what`, `why`...); text; source: its SourceMap in the file, when known;
    offset: where this text starts in the whole answer, when it is a cut of a long one
    (rubric/bounded.py). A named tuple, like Problem (see poa/errors.py).
    """

    __slots__ = ()

    def position(self, offset: int) -> tuple[int | None, int | None]:
        """File (line, column) of a character of this text, when known."""
        if self.source is None:
            return None, None
        return self.source.position(self.offset + offset)


class Draft:
    """Everything the rubric checks, from either an answers file or a letter."""

    def __init__(self, pieces: list[TextPiece], origin: str, answers: Answers | None = None,
                 item_counts: dict[str, int] | None = None, headings: int = 0, reply: str = "",
                 earlier_letters: list[str] | None = None,
                 reply_reading: ReplyReading | None = None) -> None:
        self.pieces = pieces
        self.origin = origin
        """'answers' or 'letter'."""
        self.answers = answers
        """The structured answers (None for a letter: then only the text is known)."""
        self.item_counts = item_counts if item_counts is not None else {}
        self.headings = headings
        """Section headings recognised in a letter."""
        self.reply = reply
        """Amazon's latest reply, if the seller gave it (answers file, or poa check --reply)."""
        self.earlier_letters = earlier_letters if earlier_letters is not None else []
        """Letters already submitted, to catch a resubmission that repeats them."""
        self.reply_reading = reply_reading
        """What the reply asks for; filled in by the engine from the rubric's reply rules."""

    def with_pieces(self, pieces: list[TextPiece]) -> Draft:
        """The same draft with other pieces (the draft itself is unchanged)."""
        return Draft(pieces, self.origin, self.answers, self.item_counts, self.headings, self.reply,
                     self.earlier_letters, self.reply_reading)

    def in_section(self, section: str) -> list[TextPiece]:
        """Pieces of one section, or every piece for 'letter'."""
        if section == "letter":
            return self.pieces
        return [p for p in self.pieces if p.section == section]

    def text_of(self, section: str) -> str:
        """All text of a section (or of the letter), one piece per line."""
        return "\n".join(p.text for p in self.in_section(section))


def draft_of(loaded: LoadedAnswers) -> Draft:
    """The draft of a loaded answers file, each piece tied to its place in the file."""
    return draft_from_answers(loaded.answers, loaded.yaml.source_map)


def draft_from_answers(answers: Answers, source_of=None) -> Draft:  # noqa: ANN001
    """Turn answers into pieces; `source_of(path)` gives each answer's SourceMap if known."""
    pieces: list[TextPiece] = []

    def add(section: str, item: int | None, name: str, text: str, path: tuple) -> None:
        if text and text.strip():
            pieces.append(TextPiece(section, item, name, text, source_of(path) if source_of else None))

    add("context", None, "shipping.tracking_upload", answers.shipping.tracking_upload,
        ("shipping", "tracking_upload"))
    counts = {}
    for section in SECTIONS:
        items = answers.items(section)
        counts[section] = sum(1 for item in items if _has_text(item, section))
        for index, item in enumerate(items):
            for name in TEXT_FIELDS[section]:
                add(section, index, name, getattr(item, name), (section, index, name))
    return Draft(pieces, "answers", answers, counts, reply=answers.context.amazon_reply,
                 earlier_letters=[entry.letter for entry in answers.history])


def _has_text(item, section: str) -> bool:  # noqa: ANN001
    return any(getattr(item, name).strip() for name in TEXT_FIELDS[section])
