"""The self-voicing switch the frame loop owns: turning it on and off (F-key or Settings) and,
each frame, handing the top screen's snapshot to the announcer. It remembers whether the player
was already told that no speech engine started, so the notice appears once, not every frame.
"""

from __future__ import annotations

from game.persistence.settings import with_changes
from game.ui.context import Context


class VoicingSwitch:
    def __init__(self) -> None:
        self.told_failed = False

    def _tell_failed(self, ctx: Context) -> None:
        self.told_failed = True
        ctx.notify(f"Self-voicing needs a speech engine: {ctx.voice.why}", "error")

    def toggle(self, ctx: Context) -> None:
        on = not ctx.settings.self_voicing
        ctx.apply_settings(with_changes(ctx.settings, self_voicing=on))
        if not ctx.voice.available:
            self._tell_failed(ctx)
            return
        ctx.notify("Self-voicing on." if on else "Self-voicing off.")
        if on:
            ctx.announcer.reset()  # the screen is read out from the top, after the notice
        else:
            ctx.voice.say("Self-voicing off.")  # the announcer is silent from now on

    def speak(self, ctx: Context) -> None:
        """Hand the top screen's snapshot to the announcer (it speaks on its own thread, so
        this costs the frame only the snapshot)."""
        top = ctx.stack.top
        if top is None or not ctx.settings.self_voicing:
            return
        if not ctx.voice.available:  # the engine failed to start: say so once, on screen
            if not self.told_failed:
                self._tell_failed(ctx)
            return
        ctx.announcer.heard(top, top.snapshot(), ctx.notices)
