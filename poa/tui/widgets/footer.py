"""The keys line at the bottom: the keys that matter most always show, the rest as room allows.

Textual's Footer lays out every key as its own widget and cuts what does not fit at
the right, so Quit and Help (bound last) vanished below 110 columns, and a cut key
left a stray letter in the last column. This footer is one line of text: each key
has a rank, keys are dropped lowest rank first until the line fits, and the kept
ones stay in their usual order. One Static updated in place is also far cheaper
than Footer's rebuild of ~10 widgets after every change of focus (each step change
moved the focus several times). A click on a key runs its action, as in Footer.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

RANK = {
    "quit": 100, "help": 95, "next_step": 90, "previous_step": 88, "new_plan": 90,
    "open_file": 88, "save": 80, "export": 75, "add_item": 70, "remove_item": 68,
    "next_finding": 60, "command_palette": 55, "copy_letter": 40, "external_editor": 30,
    "move_item": 20, "dismiss_finding": 72, "remove_row": 66,
}
"""Which keys stay when the line is too short: the highest rank is dropped last."""

ORDER = ("new_plan", "open_file", "save", "export", "next_step", "previous_step", "add_item",
         "remove_item", "remove_row", "move_item", "dismiss_finding", "next_finding", "copy_letter", "external_editor",
         "command_palette", "help", "quit")
"""The order on the line (as the sketch has it); keys not named here come before Commands."""

SEPARATOR = "  "


def action_name(binding: Binding) -> str:
    """'move_item(-1)' -> 'move_item'."""
    return binding.action.split("(")[0].rsplit(".", 1)[-1]


class KeyFooter(Static):
    """Docked at the bottom; follows the bindings of the focused widget and its screen."""

    DEFAULT_CSS = """
    KeyFooter { dock: bottom; height: 1; background: $panel; color: $text-muted;
                text-wrap: nowrap; text-overflow: clip; padding: 0 1;
                link-style: none; link-style-hover: reverse; link-background-hover: $panel; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._keys: list[tuple[DOMNode, str, str, str]] = []
        """(node, action, key shown, description) of each key on the line, in order."""
        self._shown: tuple | None = None
        self._lines: dict[tuple, Content] = {}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.refresh_keys)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._shown = None
        self.refresh_keys()

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.refresh_keys()

    def keys(self) -> list[tuple[DOMNode, str, str, str]]:
        """Every key the footer could show: one entry per action (Alt+Up/Down is one)."""
        app = self.app
        found: dict[str, tuple[DOMNode, str, str, str]] = {}
        for node, binding, enabled, _ in self.screen.active_bindings.values():
            if not binding.show or not enabled:
                continue
            name = action_name(binding)
            key = _shown_key(app.get_key_display(binding))
            if name in found:  # a second key of the same action: 'alt+↑' and 'alt+↓'
                node0, action0, key0, text0 = found[name]
                modifier, _, last = key.rpartition("+")
                found[name] = (node0, action0, f"{key0}/{last}" if modifier else key0, text0)
                continue
            found[name] = (node, binding.action, key, binding.description)
        if app.ENABLE_COMMAND_PALETTE and "command_palette" not in found:
            found["command_palette"] = (app, "command_palette",
                                        app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING,
                                                                    "")), "Commands")
        last = ORDER.index("command_palette")
        place = {name: ORDER.index(name) if name in ORDER else last - 0.5 for name in found}
        return [found[name] for name in sorted(found, key=lambda n: place[n])]

    def refresh_keys(self) -> None:
        """Lay the line out again for the keys and width of now (only when they changed)."""
        if not self.is_attached:
            return
        entries = self.keys()
        width = self.content_region.width or self.app.size.width - 2
        shown = (width, tuple((id(n), a, k, d) for n, a, k, d in entries))
        if shown == self._shown:
            return
        self._shown = shown
        kept = list(entries)
        while kept and _width(kept) > width:
            kept.remove(min(kept, key=lambda e: RANK.get(e[1].split("(")[0].rsplit(".", 1)[-1],
                                                         10)))  # the first of the lowest rank
        self._keys = kept
        words = (width, tuple((key, text) for _, _, key, text in kept))
        line = self._lines.get(words)
        if line is None:  # changing step goes back and forth between a few lines: made once each
            parts = [Content.from_markup(
                f"[@click=footer_key({number})][b $foreground]$key[/] $text[/]", key=key, text=text)
                for number, (_, _, key, text) in enumerate(kept)]
            line = self._lines[words] = Content(SEPARATOR).join(parts)
        self.update(line)

    async def action_footer_key(self, number: int) -> None:
        """A key on the line was clicked: run its action where it is bound."""
        if 0 <= number < len(self._keys):
            node, action, _, _ = self._keys[number]
            await self.app.run_action(action, node)

    def shown_descriptions(self) -> list[str]:
        """The words of the keys on the line now (tests read them)."""
        return [text for _, _, _, text in self._keys]


def _shown_key(key: str) -> str:
    """'f1' -> 'F1' (as printed on the keyboard); others as Textual shows them ('^s')."""
    return key.upper() if key[:1] == "f" and key[1:].isdigit() else key


def _width(entries: list[tuple[DOMNode, str, str, str]]) -> int:
    return sum(len(key) + 1 + len(text) for _, _, key, text in entries) + \
        len(SEPARATOR) * max(len(entries) - 1, 0)
