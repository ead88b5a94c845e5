"""The rubric runs on pieces of bounded length, so no pattern's time grows with the square of a letter.

Rubric patterns run on RE2, whose search is linear in the text; but the re2
wrapper encodes the whole text at every search call, so a text with many
matches costs their number times its length (on a 1 MB letter pasted as one
line, about 10^11 steps for a common word). So the engine hands the rules
pieces of at most MAX_PIECE characters:
a longer answer or paragraph is cut at a sentence end when there is one in
the last half of the window, else at a space, else anywhere. Each piece
keeps its offset, so findings report offsets and file positions in the
whole answer. Real sentences are far shorter than MAX_PIECE, so a cut falls
between sentences and no finding is lost; in a run-on text a phrase that
straddles a cut is not matched.
"""

from __future__ import annotations

from poa.letters.pieces import MAX_PIECE, cut

TYPE_CHECKING = False  # not typing's: importing typing costs `poa check` several milliseconds
if TYPE_CHECKING:
    from poa.letters.draft import Draft, TextPiece


def bounded_draft(draft: "Draft", limit: int = MAX_PIECE) -> "Draft":
    """The same draft with every piece longer than `limit` cut (the draft itself is unchanged)."""
    if all(len(piece.text) <= limit for piece in draft.pieces):
        return draft
    pieces: list["TextPiece"] = []
    for piece in draft.pieces:
        if len(piece.text) <= limit:
            pieces.append(piece)
            continue
        for offset, text in cut(piece.text, limit):
            pieces.append(piece._replace(text=text, offset=piece.offset + offset))
    return draft.with_pieces(pieces)
