"""The game's window and frame loop (`launch.run_game` builds it for `torchenstein play`).

The first frame is drawn before anything slow happens (content loads in a background thread,
the runner service starts in another), then the loop runs at 60 fps: raw events become intents,
global keys are handled here (quit, fullscreen, quicksave/quickload, content reload), the rest
go to the top screen. `run(frames=N)` quits after N frames with exit 0 and `screenshot(path)`
saves the last frame. Must not import torch.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from game.logging_setup import logger, where_logs_are
from game.persistence.settings import Settings, load_settings
from game.ui.context import Context
from game.ui.intents import Intent, map_event
from game.ui.keyscript import KeyPlayer
from game.ui.notices import draw_notices
from game.ui.screens.title import TitleScreen
from game.ui.stack import Screen
from game.ui.voicing import VoicingSwitch
from game.ui.widgets.ink import LOG

FPS = 60
MIN_SIZE = (1024, 640)
MAX_FAILURES = 20  # a screen failing over and over: stop instead of spinning


@dataclass(frozen=True)
class Warp:
    """`play --at`: where a test playthrough starts, with which flags and solved puzzles."""

    at: str
    flags: tuple[str, ...] = ()
    solved: tuple[str, ...] = ()


class App:
    def __init__(
        self,
        mod_paths: list[Path],
        *,
        headless: bool = False,
        size: tuple[int, int] | None = None,
        start_runner: bool = True,
        dev: bool = False,
        warp: Warp | None = None,
        keys: Path | None = None,
    ):
        self.launched = time.perf_counter()
        self.launched_wall = time.time()
        if headless:
            os.environ["SDL_VIDEODRIVER"] = "dummy"
            os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 35)
        loaded = load_settings()
        settings = loaded.model or Settings()
        self.fullscreen = False
        self.window_size = size or settings.window_size
        self.surface = self._open_window(settings)
        pygame.display.set_caption("Torchenstein")
        self.ctx = Context(settings, mod_paths, on_settings=self._settings_changed)
        self.ctx.content.health_checks = start_runner  # tests without a runner run no puzzles
        self.ctx.dev = dev
        self.warp = warp
        self.keys = KeyPlayer.load(keys) if keys is not None else None
        self.ctx.startup_messages[:0] = loaded.messages
        self.ctx.stack.push(TitleScreen(self.ctx))
        self.frames = 0
        self.pointer = (0, 0)
        self.frame_times: list[float] = []
        self.first_frame_s: float | None = None
        self._services_started = False
        self._failures = 0
        self.voicing = VoicingSwitch()
        self._start_runner = start_runner  # tests that never press Run skip the torch process

    # -- window ---------------------------------------------------------------------------
    def _open_window(self, settings: Settings) -> pygame.Surface:
        if settings.fullscreen:
            self.fullscreen = True
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        # Opens at least at the smallest size the layouts are designed for; the player may
        # still shrink it (everything wraps and scrolls), but never starts below it.
        size = (max(MIN_SIZE[0], self.window_size[0]), max(MIN_SIZE[1], self.window_size[1]))
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    def _settings_changed(self, old: Settings, new: Settings) -> None:
        if old.fullscreen != new.fullscreen:
            self.surface = self._open_window(new)

    def _toggle_fullscreen(self) -> None:
        from game.persistence.settings import with_changes

        self.ctx.apply_settings(
            with_changes(self.ctx.settings, fullscreen=not self.ctx.settings.fullscreen)
        )

    def _resized(self) -> None:
        self.surface = _display()
        if not self.ctx.settings.fullscreen:
            from game.persistence.settings import with_changes

            size = self.surface.get_size()
            if size != tuple(self.ctx.settings.window_size):
                new = with_changes(self.ctx.settings, window_size=size)
                self.ctx.settings = new  # remembered quietly, saved with the next change
                self.ctx.writer.submit("settings-size", lambda: _save_settings(new))

    # -- services -------------------------------------------------------------------------
    def _start_services(self) -> None:
        """After the first frame: load content, start the runner, show startup messages."""
        self._services_started = True
        self.ctx.content.start()
        self.ctx.sound.start(self.ctx.settings.volume)
        if self.ctx.settings.self_voicing:
            self.ctx.voice.start()  # only when wanted: engines load system libraries
        if self._start_runner:
            self.ctx.runner.start()
        if self.ctx.startup_messages:
            from game.ui.flow import show_message

            show_message(self.ctx, "Please note", self.ctx.startup_messages)

    # -- the loop -------------------------------------------------------------------------
    def dispatch(self, intent: Intent) -> None:
        ctx = self.ctx
        name = intent.name
        if name == "quit":
            ctx.request_quit()
        elif name == "resize":
            self._resized()
        elif name == "fullscreen":
            self._toggle_fullscreen()
        elif name == "screenshot":
            self._screenshot_to_user_folder()
        elif name == "voice" and not (ctx.stack.top and ctx.stack.top.takes_text):
            self.voicing.toggle(ctx)
        elif name == "quicksave" and ctx.session is not None:
            from game.ui.flow import quicksave

            quicksave(ctx)
        elif name == "quickload" and ctx.session is not None:
            from game.ui.flow import quickload

            quickload(ctx)
        elif name == "reload":
            from game.ui.reload import reload_content

            reload_content(ctx)
        elif name == "dev" and ctx.dev:
            from game.ui.screens.dev import DevScreen

            if not isinstance(ctx.stack.top, DevScreen):
                ctx.stack.push(DevScreen(ctx))
        elif ctx.stack.top is not None:
            top = ctx.stack.top
            self._safely(top, lambda: top.handle(intent))

    def _authoring(self) -> None:
        """`--at` once the content is in, then the `--keys` script, one step per frame."""
        if not (self._services_started and self.ctx.content.ready):
            return
        if self.warp is not None:
            from game.ui.flow import start_at

            warp, self.warp = self.warp, None
            start_at(self.ctx, warp.at, warp.flags, warp.solved)
        elif self.keys is not None:
            self.keys.tick(self)

    def step(self, dt: float) -> None:
        ctx = self.ctx
        self._authoring()
        for event in pygame.event.get():
            intent = map_event(event, ctx.keys)
            if intent is None:
                continue
            if intent.name == "wheel":  # wheel events carry no position: use the pointer's
                intent = replace(intent, pos=self.pointer)
            elif intent.is_pointer:
                self.pointer = intent.pos
            self.dispatch(intent)
        self._safely(ctx.stack.top, ctx.runner.poll)
        top = ctx.stack.top
        if ctx.session is not None:
            playing = top is not None and top.keeps_session_clock
            if ctx.session.tick(dt, playing=playing):
                ctx.session.autosave(None)  # drafts: the story did not move, keep the picture
        if top is not None:
            self._safely(top, lambda: top.update(dt))
        for notice in ctx.notices:
            notice.left -= dt
        ctx.notices = [n for n in ctx.notices if n.left > 0]
        self.draw()
        self._safely(top, lambda: self.voicing.speak(ctx))
        if ctx.session is not None and ctx.session.autosave_due:
            ctx.session.autosave(ctx.thumbnail_png())
        for error in ctx.writer.errors():
            ctx.notify(error, "error")
        if ctx.content.ready:
            from game.ui.mod_health import apply_health_news

            self._safely(ctx.stack.top, lambda: apply_health_news(ctx))
        for kept in ctx.saves.take_kept_messages():
            logger("saves").warning(kept)
            ctx.notify(kept, "info")

    def draw(self) -> None:
        surface = _display()
        LOG.begin_frame()
        for screen in self.ctx.stack.visible():
            LOG.owner = screen  # what each screen draws is its own ink in its snapshot
            self._safely(screen, partial(screen.draw, surface))
        LOG.owner = None
        draw_notices(surface, self.ctx)
        pygame.display.flip()

    def _safely(self, screen: Screen | None, work: Callable[[], None]) -> None:
        """Run one screen's work; a bug there closes that screen with a message instead of
        ending the game (the autosave already holds the player's progress)."""
        try:
            work()
        except Exception as exc:
            traceback.print_exc()
            logger("ui").exception("a screen failed and was closed")
            self._failures += 1
            if self._failures > MAX_FAILURES:
                raise
            ctx = self.ctx
            if screen is not None:
                ctx.stack.discard(screen)
            if len(ctx.stack) == 0:
                ctx.session = None
                ctx.stack.push(TitleScreen(ctx))
            from game.ui.flow import show_message

            show_message(
                ctx,
                "Something went wrong",
                [
                    f"{type(exc).__name__}: {exc}",
                    "The screen that failed was closed and your progress is in the autosave. "
                    "Please report this, with the session log: " + where_logs_are(),
                ],
            )

    def run(self, frames: int | None = None) -> int:
        clock = pygame.time.Clock()
        dt = 1.0 / FPS
        while not self.ctx.quit_requested:
            start = time.perf_counter()
            self.step(dt)
            self.frames += 1
            if self.first_frame_s is None:
                self.first_frame_s = time.perf_counter() - self.launched
            if not self._services_started:
                self._start_services()
            self.frame_times.append(time.perf_counter() - start)
            if frames is not None and self.frames >= frames:
                break
            if self.keys is not None and self.keys.done:
                break  # a scripted run ends with its script
            dt = min(0.1, clock.tick(FPS) / 1000.0)
        return 1 if self.keys is not None and self.keys.failure else 0

    # -- leaving --------------------------------------------------------------------------
    def screenshot(self, path: Path | str) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(_display(), str(path))

    def _screenshot_to_user_folder(self) -> None:
        from game.persistence.paths import user_home

        folder = user_home() / "screenshots"
        path = folder / time.strftime("torchenstein-%Y%m%d-%H%M%S.png")
        self.screenshot(path)
        self.ctx.notify(f"Screenshot saved: {path}", "success")

    def close(self) -> None:
        ctx = self.ctx
        if ctx.session is not None:
            ctx.session.autosave(None)
        ctx.save_persistent_soon()
        ctx.writer.close()
        ctx.runner.close()
        ctx.sound.close()
        ctx.voice.close()
        ctx.saves.close()
        pygame.display.quit()


def _save_settings(settings: Settings) -> None:
    from game.persistence.settings import save_settings

    save_settings(settings)


def _display() -> pygame.Surface:
    """The window's surface; the app only draws after it opened the window."""
    surface = pygame.display.get_surface()
    if surface is None:
        raise RuntimeError("the game window is not open")
    return surface
