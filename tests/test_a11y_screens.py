"""Readable at every setting: on every screen, at font scales 80-200%, from 1024x640 to
3840x2160, in both themes, every word of the screen's content is on screen now or reachable with
the keys its snapshot names (pages, scrolling), no text is drawn below the player's scale, and
no text is drawn over other text (a heading over a menu).

Every check runs with notices up, which must land where no text is; and every key of a screen's
hint bar is drawn (a bar too long for one row wraps, it never drops the keys that come last).

Checked through the screens' typed snapshots (their content, and the ink the drawing helpers
record: text drawn whole inside its clip), not through pixels."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from game.persistence.paths import user_home
from game.ui.keymap import show_chord, split_chord
from game.ui.snapshot import Box, Ink, Snapshot, words

SIZES = [(1024, 640), (1920, 1080), (3840, 2160)]
SCALES = [0.8, 1.0, 1.5, 2.0]
# Every size at every scale; the themes alternate, and the tightest case runs in both.
CASES = [
    (size, scale, (i + j) % 2 == 1)
    for i, size in enumerate(SIZES)
    for j, scale in enumerate(SCALES)
] + [((1024, 640), 2.0, False)]
MAX_PRESSES = 80
NOTICES = ("Quicksaved.", "Hint 1 of 3 unlocked.")


def press(d, chord: str) -> None:
    """Press a key the way a snapshot names it: a pygame key name or a chord (`ctrl+m`)."""
    mods, key = split_chord(chord)
    d.press(key, ctrl="ctrl" in mods, shift="shift" in mods)


def meets(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def covered_by_notices(snap: Snapshot) -> list[tuple[str, str]]:
    """The screen's text runs a notice is drawn over, as (notice, text) pairs."""
    from game.ui import notices

    return [(n.text, i.text) for n in notices.ink() for i in snap.ink if meets(n.box, i.box)]


def explore(d, part: Callable[[], Snapshot] | None = None) -> tuple[Snapshot, set[str], list[Ink]]:
    """Read a screen (or a `part` of it) as a keyboard-only player would: note its content,
    then press the keys its snapshot offers for more until every word was seen (or nothing
    more is offered). Its first frame has no text drawn over text, notices included. Returns
    the first snapshot, the words never seen, and any text drawn too small."""
    d.step()
    screen = d.screen
    read = part or screen.snapshot
    first = snap = read()
    assert first.content, f"{first.screen} describes no content"
    need, seen, small = first.content_words, set(first.shown_words), list(first.too_small)
    assert not first.overlaps, f"{first.screen}: text drawn over text: {first.overlaps[:2]}"
    covered = covered_by_notices(first)
    assert not covered, f"{first.screen}: notices drawn over {covered}"
    for _ in range(MAX_PRESSES):
        if need <= seen or not snap.more or d.screen is not screen:
            break
        press(d, snap.more[0])
        snap = read()
        seen |= snap.shown_words
        small += snap.too_small
    return first, need - seen, small


def unnamed_keys(snap: Snapshot) -> list[str]:
    """The keys that bring more into view which nothing on screen names (the hint bar, or a
    "more below (PgDn)" sign): a player who cannot see them named cannot know to press them."""
    drawn = " ".join(ink.text for ink in snap.ink)
    return [key for key in snap.more if show_chord(key) not in drawn]


TAILORED_BARS = {"message", "ending"}  # name PgUp/PgDn only when their text scrolls


def dropped_hints(d, snap: Snapshot) -> list[str]:
    """The keys of the screen's hint bar (from the key table) that were not drawn."""
    if snap.screen in TAILORED_BARS:
        return []
    drawn = {ink.text for ink in snap.ink}
    return [key for key, _ in d.app.ctx.hints(snap.screen) if key not in drawn]


def check(d, what: str, part: Callable[[], Snapshot] | None = None) -> Snapshot:
    ctx = d.app.ctx
    ctx.notices.clear()
    for text in NOTICES:  # up for the first frame read; they must cover no words there
        ctx.notify(text)
    first, missing, small = explore(d, part)
    assert not missing, f"{what}: words never shown: {sorted(missing)}\n{first.text()}"
    assert not small, f"{what}: text below {first.min_px}px: {small[:3]}"
    assert not unnamed_keys(first), f"{what}: {unnamed_keys(first)} scroll it, unnamed"
    if part is None:  # a part (the code editor) pages its own keys in its strip
        assert not dropped_hints(d, first), f"{what}: hint bar drops {dropped_hints(d, first)}"
    return first


@pytest.mark.parametrize(
    "size,scale,contrast",
    CASES,
    ids=[f"{s[0]}x{s[1]}-{k}-{'hc' if c else 'std'}" for s, k, c in CASES],
)
def test_every_word_reachable(size, scale, contrast) -> None:
    from game.ui.driver import Driver
    from game.ui.screens.chapters import ChapterMapScreen
    from game.ui.screens.confirm import ConfirmScreen
    from game.ui.screens.dev import DevScreen
    from game.ui.screens.ending import EndingScreen
    from game.ui.screens.history import HistoryScreen
    from game.ui.screens.keys import KeysScreen
    from game.ui.screens.message import MessageScreen
    from game.ui.screens.mods import ModsScreen
    from game.ui.screens.notebook import NotebookScreen
    from game.ui.screens.pause import PauseScreen
    from game.ui.screens.saves import SavesScreen
    from game.ui.screens.settings import SettingsScreen
    from tests.test_ui_slice import walk

    (user_home() / "settings.json").write_text(
        json.dumps({"font_scale": scale, "high_contrast": contrast, "text_speed": 0})
    )
    with Driver(size=size, runner=False) as d:
        ctx = d.app.ctx
        check(d, "title")
        d.press("home")  # reading moved the selection: back to New game
        d.press("return")
        # Every line of the opening, page by page, then its choices.
        for _ in range(12):
            snap = check(d, "dialogue")
            if snap.choices:
                break
            d.press("space")
        assert d.screen.snapshot().choices, "the opening never reached its choices"
        for screen in (
            PauseScreen(ctx),
            SettingsScreen(ctx),
            KeysScreen(ctx),
            SavesScreen(ctx, mode="save"),
            HistoryScreen(ctx),
            ChapterMapScreen(ctx),
            ConfirmScreen(ctx, "Start a new game?", "Your manual saves stay as they are."),
            MessageScreen(ctx, "Your save's place is missing", ["A long note. " * 40, "And more."]),
            NotebookScreen(ctx),
            ModsScreen(ctx),
            DevScreen(ctx),
        ):
            ctx.stack.push(screen)
            check(d, screen.name)
            ctx.stack.pop(screen)
        # A solved puzzle in the notebook: its title, scores and code.
        assert ctx.session is not None
        progress = ctx.session.state.progress("summon_tensors")
        progress.solved, progress.solution = True, "def summon(n, device):\n    return n\n" * 30
        progress.best = {"ops": 3.0, "code_lines": 2.0}
        ctx.stack.push(NotebookScreen(ctx))
        check(d, "notebook with a solved puzzle")
        ctx.stack.pop()
        ending = next(
            node.ending
            for scene in ctx.content.library.scenes.values()
            for node in scene.nodes.values()
            if node.ending is not None and node.ending.text
        )
        ctx.stack.push(EndingScreen(ctx, ending))
        check(d, "ending")
        ctx.stack.pop()
        d.press("1")
        walk(d, lambda t: t.startswith("screen: terminal"))
        check(d, "terminal")
        # The code editor's strip under the code (its keys, the runner's findings) pages a
        # message longer than its lines: every word is read with the key it names.
        for _ in range(3):
            if d.screen.snapshot().focus == "Code pane":
                break
            d.press("f3")
        check(d, "code editor", d.screen.editor.snapshot)


def test_credits_stand_still_and_scroll_with_reduced_motion() -> None:
    """With reduced motion the credits do not roll: every word is reached with the keys."""
    from game.ui.driver import Driver
    from game.ui.screens.ending import EndingScreen

    (user_home() / "settings.json").write_text(
        json.dumps({"font_scale": 2.0, "reduced_motion": True, "text_speed": 0})
    )
    with Driver(size=(1024, 640), runner=False) as d:
        ctx = d.app.ctx
        d.step()
        ending = next(
            node.ending
            for scene in ctx.content.library.scenes.values()
            for node in scene.nodes.values()
            if node.ending is not None
        )
        ctx.persistent.endings.append(ending.id)
        ctx.stack.push(EndingScreen(ctx, ending))
        d.press("return")  # on to the credits
        check(d, "credits")


def center(box: tuple[int, int, int, int]) -> tuple[int, int]:
    x, y, w, h = box
    return x + w // 2, y + h // 2


def test_named_click_targets_do_what_they_name() -> None:
    """The snapshot's targets are where the pointer does what their names say."""
    from game.ui.driver import Driver

    (user_home() / "settings.json").write_text(json.dumps({"font_scale": 2.0, "text_speed": 0}))
    with Driver(size=(1024, 640), runner=False) as d:
        d.step()
        d.click(center(d.screen.snapshot().targets["item:new"]))
        assert d.screen.name == "scene"
        d.click(center(d.screen.snapshot().targets["chip:history"]))
        assert d.screen.name == "history"
        d.step()
        d.click(center(d.screen.snapshot().targets["back"]))
        assert d.screen.name == "scene"
        d.click(center(d.screen.snapshot().targets["chip:back"]))
        assert d.screen.name == "pause"
        d.press("page down")  # the menu scrolls; the targets move with it
        d.step()
        d.click(center(d.screen.snapshot().targets["item:settings"]))
        assert d.screen.name == "settings"


def test_the_more_below_sign_scrolls_when_clicked() -> None:
    """A mouse-only player reaches hidden menu items through the signs."""
    from game.ui.driver import Driver
    from game.ui.screens.pause import PauseScreen

    (user_home() / "settings.json").write_text(json.dumps({"font_scale": 2.0, "text_speed": 0}))
    with Driver(size=(1024, 640), runner=False) as d:
        d.app.ctx.stack.push(PauseScreen(d.app.ctx))
        seen: set[str] = set()
        for _ in range(10):
            d.step()
            snap = d.screen.snapshot()
            seen |= snap.shown_words
            if "marker:more below" not in snap.targets:
                break
            d.click(center(snap.targets["marker:more below"]))
        assert "quit" in seen and "marker:more above" in snap.targets
        assert d.screen.name == "pause"  # clicking a sign never picks an item


@pytest.mark.parametrize("room", [None, 150])
def test_a_word_cut_with_an_ellipsis_fails_the_check(room: int | None) -> None:
    """The check is not blind to an ellipsis: a title drawn as "The Transmiss…" fails it (the
    ink holds the cut text, never "Transmission"), while the same title drawn whole passes."""
    import pygame

    from game.ui.driver import Driver
    from game.ui.stack import Screen
    from game.ui.widgets.draw import label

    title = "The Transmission"

    class Titled(Screen):
        name = "titled"

        def draw(self, surface: pygame.Surface) -> None:
            surface.fill(self.ctx.theme.bg)
            fonts, color = self.ctx.fonts, self.ctx.theme.text
            label(surface, title, (20, 20), fonts, color, max_width=room)

        def snapshot(self) -> Snapshot:
            return self.snap(content=(title,))

    (user_home() / "settings.json").write_text(json.dumps({"font_scale": 2.0, "text_speed": 0}))
    with Driver(size=(1024, 640), runner=False) as d:
        d.app.ctx.stack.push(Titled(d.app.ctx))
        if room is None:
            check(d, "a title drawn whole")
        else:
            with pytest.raises(AssertionError, match=r"words never shown: \['transmission'\]"):
                check(d, "a title cut short")
            (cut,) = (ink.text for ink in d.screen.snapshot().ink)
            assert title.startswith(cut) and cut != title  # drawn, but cut short


def test_paging_keys_do_what_the_hint_bars_say() -> None:
    """PgDn / PgUp / End / Home, named in the save slots' and the dev panel's hint bars, move
    the choice a window at a time there, and the window follows it."""
    from game.ui.driver import Driver
    from game.ui.screens.dev import DevScreen
    from game.ui.screens.saves import SavesScreen

    (user_home() / "settings.json").write_text(json.dumps({"font_scale": 2.0, "text_speed": 0}))
    with Driver(size=(1024, 640), runner=False) as d:
        ctx = d.app.ctx
        for screen in (SavesScreen(ctx, mode="save"), DevScreen(ctx)):
            ctx.stack.push(screen)
            d.step()
            first = d.screen.snapshot()
            assert "PgDn" in {ink.text.split("/")[-1] for ink in first.ink}, screen.name
            d.press("page down")
            paged = d.screen.snapshot()
            assert paged.focus and paged.focus != first.focus, screen.name
            assert words(paged.focus) <= paged.shown_words, screen.name
            d.press("end")
            assert d.screen.snapshot().focus == first.choices[-1].label
            d.press("page up")
            d.press("home")
            assert d.screen.snapshot().focus == first.focus
            ctx.stack.pop(screen)


def test_read_only_saves_say_so_in_full() -> None:
    """With another window holding the saves, the page says so in words that wrap, not cut."""
    from game.ui.driver import Driver
    from game.ui.screens.saves import SavesScreen

    (user_home() / "settings.json").write_text(json.dumps({"font_scale": 2.0, "text_speed": 0}))
    with Driver(size=(1024, 640), runner=False) as d:
        d.app.ctx.saves.writable = False
        d.app.ctx.stack.push(SavesScreen(d.app.ctx, mode="save"))
        snap = check(d, "read-only saves")
        assert words("Read-only: another window holds the saves.") <= snap.shown_words


@pytest.mark.parametrize("contrast", [False, True])
def test_a_tall_last_line_is_read_in_full_beside_the_choices(contrast: bool) -> None:
    """A line typed out page by page, too tall for the box the choices leave, is paged again
    from its beginning once they show: every word of it can be read while choosing."""
    from game.ui.driver import Driver

    (user_home() / "settings.json").write_text(
        json.dumps({"font_scale": 2.0, "text_speed": 20, "high_contrast": contrast})
    )
    with Driver(size=(1024, 640), runner=False) as d:
        d.step()
        d.press("return")
        for _ in range(40):
            if d.screen.snapshot().choices:
                break
            d.press("space")
        snap = check(d, "choices beside a tall line")
        assert snap.choices and "space" in snap.more, "the line beside them has one page"


@pytest.mark.parametrize("contrast", [False, True])
def test_scene_titles_show_in_full_in_both_themes(contrast: bool) -> None:
    """The longest scene titles, at the largest text in the smallest window, wrap beside the
    corner chips rather than end in an ellipsis ("The Transmiss…"), in either theme."""
    from game.ui import flow
    from game.ui.driver import Driver

    (user_home() / "settings.json").write_text(
        json.dumps({"font_scale": 2.0, "text_speed": 0, "high_contrast": contrast})
    )
    with Driver(size=(1024, 640), runner=False) as d:
        d.step()
        scenes = d.app.ctx.content.library.scenes
        longest = sorted(scenes, key=lambda sid: -len(scenes[sid].title))[:3]
        for scene_id in [*longest, "prologue"]:  # "The Transmission" first
            assert flow.start_at(d.app.ctx, scene_id), scene_id
            d.step(2)
            snap = d.screen.snapshot()
            title = scenes[scene_id].title
            drawn = " ".join(ink.text.strip() for ink in snap.ink)
            assert snap.screen == "scene" and title in drawn, f"{title!r} drawn as: {drawn}"
