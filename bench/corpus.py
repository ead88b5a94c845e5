"""Deterministic test texts for the bench: drafts of N words and folders of answers files.

Nothing here is committed output: every text is generated from the sentences
below (a drop-shipping seller answering a Valid Tracking Rate notice, some
sentences strong, some of the kind reviewers reject), with a seeded random
generator, so two runs on two machines check exactly the same words.
"""

from __future__ import annotations

import random
from pathlib import Path

KIND = "valid_tracking_rate"

ROOT_CAUSE = [
    "Between {d1} and {d2} November 2026, {n} of {total} seller-fulfilled orders were confirmed "
    "with our internal order number instead of a carrier tracking number.",
    "My supplier ships these orders and sends each tracking number to me by e-mail.",
    "I confirmed shipment in Manage Orders first and typed the real tracking number in by hand "
    "later, when the supplier's e-mail arrived.",
    "From {d1} October the supplier's e-mails went to my spam folder, so I missed them.",
    "Our process depended entirely on that e-mail arriving, and no other step gave me the number.",
    "I had no check that compared confirmed orders with the tracking numbers Amazon received.",
    "For no apparent reason the messages stopped reaching my inbox.",
    "The affected orders include 113-4829301-5562011 and 114-0938475-1209384; the list is attached.",
    "Nobody looked at the Valid Tracking Rate page, so the gap was only seen when the notice came.",
    "We had a small problem with the supplier's e-mails.",
    "The rate fell to {rate}% against the 95% target in Toys & Games.",
]
CORRECTIVE = [
    "On {d1} November 2026 I entered the correct UPS tracking number for all {n} affected orders.",
    "I added the supplier's address to my address book so the e-mails will not go to spam again.",
    "I stopped confirming orders with internal numbers on {d2} November 2026.",
    "I now buy every UPS Ground label myself through Buy Shipping, using the supplier's warehouse "
    "as the ship-from address, so tracking reaches Amazon when the label is bought.",
    "My supplier agreed in writing on {d2} November 2026 to hand each parcel to UPS within 24 hours.",
    "I raised my handling time in Shipping Settings from 1 to 3 business days.",
    "I will check the spam folder every day to make sure everything is fine.",
    "The spreadsheet of the {n} order IDs with carrier and tracking number is attached.",
]
PREVENTIVE = [
    "Every order is confirmed only through the Buy Shipping label purchase, which uploads the "
    "tracking number before the ship-by date.",
    "Every working day at 16:00 I, the owner, compare the day's confirmed orders with UPS pickup "
    "scans in our shared order sheet and fix any order without a scan the same day.",
    "Every Monday I open the Valid Tracking Rate page in Account Health; if it falls below 97% I "
    "review every order without a scan that day.",
    "I will pay more attention to the e-mails from now on.",
    "I will continue to ship with tracking, as I always did.",
    "My assistant checks the supplier's upload report every morning at 9:00 and tells me of any gap.",
    "We will be more careful in the future.",
]
SECTIONS = {"root_cause": ROOT_CAUSE, "corrective_actions": CORRECTIVE,
            "preventive_measures": PREVENTIVE}
FIELD = {"root_cause": "what", "corrective_actions": "what", "preventive_measures": "what"}


def _sentence(rng: random.Random, pool: list[str]) -> str:
    return rng.choice(pool).format(d1=rng.randint(1, 14), d2=rng.randint(15, 28),
                                   n=rng.randint(5, 60), total=rng.randint(200, 900),
                                   rate=f"{rng.uniform(80, 94.9):.1f}")


def _items(rng: random.Random, words: int) -> dict[str, list[str]]:
    """Sections of items of 2 to 5 sentences, until the draft holds `words` words."""
    items: dict[str, list[str]] = {name: [] for name in SECTIONS}
    count = 0
    order = list(SECTIONS)
    index = 0
    while count < words:
        section = order[index % 3]
        index += 1
        sentences = []
        for _ in range(rng.randint(2, 5)):
            sentence = _sentence(rng, SECTIONS[section])
            sentences.append(sentence)
            count += len(sentence.split())
            if count >= words:
                break
        items[section].append(" ".join(sentences))
    return items


def _block(text: str, indent: str) -> str:
    """A YAML `|` block of `text`, wrapped at about 90 columns."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > 90:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "|\n" + "".join(f"{indent}{entry}\n" for entry in lines)


def answers_yaml(words: int, seed: int = 0, seller: str = "Brightbox Toys") -> str:
    """The text of an answers file whose three sections hold about `words` words."""
    rng = random.Random(seed)
    out = [
        "schema_version: 1",
        f"kind: {KIND}",
        "context:",
        f"  seller: {seller}",
        "  marketplace: amazon.com",
        "  category: Toys & Games",
        f"  metric_value: {rng.uniform(80, 94.9):.1f}",
        f"  notice_date: 2026-11-{rng.randint(10, 28):02d}",
        f"  affected_orders: {rng.randint(5, 80)}",
        "shipping:",
        "  carriers:",
        "    - name: UPS",
        "      service: Ground",
        f"      integrated: {'true' if rng.random() < 0.7 else 'false'}",
        f"  buy_shipping: {'true' if rng.random() < 0.5 else 'false'}",
        "  dropship: true",
    ]
    for section, items in _items(rng, words).items():
        out.append(f"{section}:")
        for item in items:
            out.append(f"  - {FIELD[section]}: " + _block(item, "      ").rstrip("\n"))
    return "\n".join(out) + "\n"


def word_count(text_pieces: list[str]) -> int:
    return sum(len(piece.split()) for piece in text_pieces)


def write_answers_folder(folder: Path, count: int, words: tuple[int, int] = (250, 700)) -> list[Path]:
    """`count` answers files of `words[0]` to `words[1]` words each, as a consultant's folder."""
    rng = random.Random(1000)
    sellers = ["Brightbox Toys", "Northwind Home", "Kestrel Outdoor", "Lumen Kitchen",
               "Harbor Pets", "Copperleaf Garden", "Pinecone Crafts", "Atlas Auto Parts"]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"seller-{index:04d}.yaml"
        path.write_text(answers_yaml(rng.randint(*words), seed=index, seller=rng.choice(sellers)),
                        encoding="utf-8")
        paths.append(path)
    return paths
