"""A draft as the rubric sees it: pieces of text, each tied to a section, an item and a file position.

Both inputs become a Draft: an answers file (each answer is a piece) and an
imported letter (each paragraph or list entry under a recognised heading is
a piece). The rubric engine reads only Drafts, so it does not care where the
text came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from poa.sections import SECTIONS, TEXT_FIELDS
from poa.sourcemap import SourceMap

TYPE_CHECKING = False  # not typing's: importing typing costs `poa check` several milliseconds
if TYPE_CHECKING:
    from poa.model import Answers  # pydantic: not loaded to check a letter
    from poa.reply import ReplyReading


@dataclass
class TextPiece:
    """One answer (or one paragraph of a letter) and where it sits."""

    section: str
    """root_cause, corrective_actions, preventive_measures, context or letter."""
    item: int | None
    field: str
    text: str
    source: SourceMap | None = None
    offset: int = 0
    """Where this text starts in the whole answer, when it is a cut of a long one (rubric/bounded.py)."""

    def position(self, offset: int) -> tuple[int | None, int | None]:
        """File (line, column) of a character of this text, when known."""
        if self.source is None:
            return None, None
        return self.source.position(self.offset + offset)


@dataclass
class Draft:
    """Everything the rubric checks, from either an answers file or a letter."""

    pieces: list[TextPiece]
    origin: str
    """'answers' or 'letter'."""
    answers: Answers | None = None
    """The structured answers (None for a letter: then only the text is known)."""
    item_counts: dict[str, int] = field(default_factory=dict)
    headings: int = 0
    """Section headings recognised in a letter."""
    reply: str = ""
    """Amazon's latest reply, if the seller gave it (answers file, or poa check --reply)."""
    earlier_letters: list[str] = field(default_factory=list)
    """Letters already submitted, to catch a resubmission that repeats them."""
    reply_reading: ReplyReading | None = None
    """What the reply asks for; filled in by the engine from the rubric's reply rules."""

    def in_section(self, section: str) -> list[TextPiece]:
        """Pieces of one section, or every piece for 'letter'."""
        if section == "letter":
            return self.pieces
        return [p for p in self.pieces if p.section == section]

    def text_of(self, section: str) -> str:
        """All text of a section (or of the letter), one piece per line."""
        return "\n".join(p.text for p in self.in_section(section))


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
