"""The drafting screen's footer: Textual's, rebuilt at most once per refresh, and only when
the keys it shows changed.

Textual's Footer rebuilds all its keys after every change of focus or bindings. Changing
step moves the focus several times in one go (off the old field, then to the new one), and
moving between fields of one step changes nothing the footer shows; each was a rebuild of
~10 widgets, restyled and laid out again.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class StepFooter(Footer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._rebuild_pending = False
        self._shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        shown = self._keys()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()

    def _keys(self) -> tuple:
        """What compose() would show: the keys, their words and state, in order."""
        active = self.screen.active_bindings
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return (self.show_command_palette, palette and palette[1:], *(
            (binding.key, binding.key_display, binding.description, binding.action, enabled,
             tooltip, binding.group)
            for _, binding, enabled, tooltip in active.values() if binding.show))
