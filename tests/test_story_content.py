"""The shipped story, played through the pure engine: every ending can be reached, every node is
visited by some route, no route gets stuck, Act I's decisions echo in later acts, and every puzzle
gate names a puzzle folder. Also checks the house style of the scene files (line length, cast,
backdrops). No pygame, no torch.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pytest

from game.content.library import ContentLibrary, load_library
from game.content.lint import check_library
from game.content.puzzle_entry import PUZZLE_FILES
from game.content.scene_models import SpokenLine
from game.story.engine import Story

REPO = Path(__file__).resolve().parent.parent
SCENES = REPO / "scenes"
MAX_LINE = 220
BACKGROUNDS = {
    "lab",
    "library",
    "lecture_hall",
    "defense_hall",
    "startup",
    "corporate",
    "server_room",
    "dawn",
    "rebellion",
}
PORTRAITS = {
    "professor",
    "hammer",
    "backprop",
    "ceo",
    "committee",
    "apprentice",
    "oneai",
    "narrator",
}
# The origin story's MkDocs icons, which the dialogue box draws as glyphs.
ICONS = {
    "shield-check",
    "coffee",
    "fan",
    "key-variant",
    "bookshelf",
    "duck",
    "ladder",
    "rocket-launch-outline",
    "pizza",
    "office-building",
    "crown",
    "wall",
    "gavel",
    "torch",
    "sword-cross",
    "forest",
    "alert-circle-outline",
    "brain-flash-outline",
    "fire",
    "lightning-bolt",
}
ICON = re.compile(r":material-([a-z0-9-]+):")
ENDINGS = {"open_lab", "glass_box", "lone_genius", "last_courtesy"}
PLANNED_PUZZLES = {
    "summon_tensors",
    "tensor_surgery",
    "chain_rule",
    "gelu_from_scratch",
    "forgetting_penalty",
    "leak_finder",
    "warmup_cosine",
    "batchnorm_modes",
    "chunked_attention",
    "vectorise_demo",
    "state_dict_surgery",
    "module_composition",
    "memory_footprint",
    "grad_accumulation",
    "worker_seeding",
    "stable_cross_entropy",
    "masked_attention",
    "positional_encoding",
    "multi_head_attention",
    "encoder_block",
    "hook_probe",
    # the course's core, added for issue #15
    "tensor_metamorphosis",
    "training_loop",
    "adamw_by_hand",
    "module_forge",
    "checkpoint_triage",
    "loss_scaling",
    "norm_duel",
    "einsum_heads",
    "gradient_hooks",
    # the drill room, a side chapter down the stairs from the lab hub
    "drill_outer",
    "drill_triu",
    "drill_cumsum",
    "drill_diag",
    "drill_eye",
    "drill_roll",
    "drill_flip",
    "drill_bincount",
}
ACT1_DECISIONS = {
    "duck": ("duck_kept", "duck_boxed"),
    "research": ("research_open", "research_hoarded"),
    "defense": ("hammer_exposed", "hammer_confronted", "hammer_silent"),
}

Key = tuple[str, str, frozenset[str], frozenset[str]]


@lru_cache(maxsize=1)
def library() -> ContentLibrary:
    return load_library([REPO])


def scene_diagnostics(lib: ContentLibrary) -> list[str]:
    """Everything lint says about the scene files, warnings included, except gates on puzzles
    whose folder is not written yet (`test_every_puzzle_gate_has_a_puzzle_folder` skips those)."""
    unwritten = [pid for pid in puzzle_gates(lib) if not written(pid)]
    return [
        d.render()
        for d in check_library(lib)
        if Path(d.file).parts[:1] == ("scenes",)
        and not (d.code == "unknown-puzzle" and any(f"`{pid}`" in d.message for pid in unwritten))
    ]


def written(puzzle_id: str) -> bool:
    """The puzzle's folder holds all its files (a puzzle helper may still be writing it)."""
    return all((REPO / "puzzles" / puzzle_id / f).is_file() for f in PUZZLE_FILES)


def puzzle_gates(lib: ContentLibrary) -> dict[str, str]:
    """Puzzle id -> the `scene:node` that gates on it."""
    return {
        node.puzzle.id: f"{scene.id}:{nid}"
        for scene in lib.scenes.values()
        for nid, node in scene.nodes.items()
        if node.puzzle is not None
    }


# -- walking the story ----------------------------------------------------------------------
@lru_cache(maxsize=1)
def routing_flags() -> frozenset[str]:
    """Flags some choice or branch tests: the only ones that change where the story can go."""
    found: set[str] = set()
    for scene in library().scenes.values():
        for node in scene.nodes.values():
            reqs = [c.requires for c in node.choices or []]
            reqs += [b.requires for b in node.next] if isinstance(node.next, list) else []
            found.update(f for r in reqs if r for f in [*r.flags, *r.not_flags])
    return frozenset(found)


def _key(story: Story) -> Key:
    # Flags that only colour lines cannot open or close a path, so states that differ only in
    # them are walked once.
    state = story.state
    solved = frozenset(p for p, prog in state.puzzles.items() if prog.solved)
    return state.scene, state.node, frozenset(state.flags) & routing_flags(), solved


def _fork(story: Story) -> Story:
    # History and `seen` never change where the story can go; dropping them (and copying only
    # what a step mutates) keeps the exhaustive walk cheap.
    old = story.state
    puzzles = {pid: progress.model_copy() for pid, progress in old.puzzles.items()}
    state = old.model_copy(
        update={
            "flags": list(old.flags),
            "puzzles": puzzles,
            "history": [],
            "seen": [],
            "endings": list(old.endings),
        }
    )
    return Story(story.library, state)


def _moves(story: Story) -> list[Callable[[Story], None]]:
    """Every way the player can leave the current node (empty at an ending)."""
    view = story.view()
    if view.ending is not None:
        return []
    if view.puzzle is not None:
        puzzle = view.puzzle
        return [lambda s: s.puzzle_solved(puzzle)]
    if view.choices:
        return [lambda s, i=c.index: s.choose(i) for c in view.choices if c.enabled]
    return [lambda s: s.advance()]


@lru_cache(maxsize=1)
def explore() -> tuple[frozenset[tuple[str, str]], frozenset[str], tuple[str, ...]]:
    """Walk every reachable story state once: (nodes visited, endings reached, stuck states).
    A state is stuck when no ending can be reached from it (no way out, or only loops)."""
    start = Story.new_game(library())
    seen: dict[Key, str] = {_key(start): "start"}
    came_from: dict[Key, set[Key]] = {}
    queue = deque([start])
    nodes: set[tuple[str, str]] = set()
    endings: set[str] = set()
    finished: list[Key] = []
    while queue:
        story = queue.popleft()
        here = _key(story)
        nodes.add((story.state.scene, story.state.node))
        view = story.view()
        if view.ending is not None:
            endings.add(view.ending.id)
            finished.append(here)
            continue
        moves = _moves(story)
        for i, move in enumerate(moves):
            # The last move may reuse this story: nothing reads it again.
            nxt = story if i == len(moves) - 1 else _fork(story)
            del nxt.state.history[:], nxt.state.seen[:]
            move(nxt)
            key = _key(nxt)
            came_from.setdefault(key, set()).add(here)
            if key not in seen:
                seen[key] = f"{key[0]}:{key[1]} with flags {sorted(key[2])}"
                queue.append(nxt)
    can_finish, back = set(finished), deque(finished)
    while back:
        for prev in came_from.get(back.popleft(), ()):
            if prev not in can_finish:
                can_finish.add(prev)
                back.append(prev)
    stuck = tuple(sorted(where for key, where in seen.items() if key not in can_finish))
    return frozenset(nodes), frozenset(endings), stuck


def play(picks: dict[str, str] | None = None) -> tuple[Story, dict[str, list[str]]]:
    """Play from the start to an ending. At a choice node named in `picks` ("scene:node" ->
    a piece of the choice text), take that choice; elsewhere the first enabled one. Puzzles are
    solved as they come. Returns the story and the lines shown at each node, by "scene:node"."""
    picks = picks or {}
    story = Story.new_game(library())
    shown: dict[str, list[str]] = {}
    for _ in range(2000):
        view = story.view()
        where = f"{view.scene_id}:{view.node_id}"
        shown[where] = [line.text for line in view.lines]
        if view.ending is not None:
            return story, shown
        if view.puzzle is not None:
            story.puzzle_solved(view.puzzle)
        elif view.choices:
            enabled = [c for c in view.choices if c.enabled]
            wanted = picks.get(where)
            pick = next((c for c in enabled if wanted and wanted.lower() in c.text.lower()), None)
            assert wanted is None or pick is not None, f"no enabled choice {wanted!r} at {where}"
            story.choose((pick or enabled[0]).index)
        else:
            story.advance()
    raise AssertionError("the route never reached an ending")


# Scripted routes: where the Act I decisions are taken, and the one that lets the duck come back.
DUCK = "backprop_duck:gradients"
RESEARCH = "forgetting:remembered"
DEFENSE = "hammer_pipeline:found"
REUNION = "sanctuary:drawer_found"
VERDICT = "the_verdict:decide"


# -- structure ------------------------------------------------------------------------------
def test_scenes_lint_clean():
    lib = library()
    assert lib.manifest is not None
    assert scene_diagnostics(lib) == []


def test_every_scene_belongs_to_a_known_act_and_every_act_has_scenes():
    lib = library()
    act_ids = [a.id for a in lib.manifest.acts]
    assert act_ids == ["prologue", "act1", "act2", "act3", "act4", "course", "epilogue"]
    by_act = {a: [s.id for s in lib.scenes.values() if s.act == a] for a in act_ids}
    assert all(s.act in act_ids for s in lib.scenes.values())
    assert all(by_act[a] for a in act_ids), by_act
    assert all(a.summary for a in lib.manifest.acts)


def test_house_style_backdrops_portraits_speakers_and_line_length():
    problems = []
    for scene in library().scenes.values():
        if scene.background not in BACKGROUNDS:
            problems.append(f"{scene.id}: background {scene.background!r}")
        for sid, speaker in scene.speakers.items():
            if speaker.portrait not in PORTRAITS or speaker.color is None:
                problems.append(f"{scene.id}: speaker {sid} needs a built-in portrait and a colour")
        for nid, node in scene.nodes.items():
            for line in node.lines:
                if isinstance(line, str):
                    speaker, text = None, line
                elif isinstance(line, SpokenLine):
                    speaker, text = line.speaker, line.text
                else:
                    speaker, text = next(iter(line.items()))
                if speaker is not None and speaker not in scene.speakers:
                    problems.append(f"{scene.id}:{nid}: unknown speaker {speaker}")
                if len(text) > MAX_LINE:
                    problems.append(f"{scene.id}:{nid}: {len(text)} characters: {text[:40]}...")
                problems += [
                    f"{scene.id}:{nid}: no glyph for {i}"
                    for i in ICON.findall(text)
                    if i not in ICONS
                ]
    assert problems == []


def test_prologue_hub_is_a_choices_node_right_after_the_first_puzzle():
    hub = library().scenes["prologue"].nodes["hub"]
    assert hub.choices, "mods attach their doors to prologue:hub's choices"
    story = Story.new_game(library())
    while story.view().puzzle is None:
        view = story.view()
        story.choose(0) if view.choices else story.advance()
    assert story.view().puzzle == "summon_tensors"
    story.puzzle_solved("summon_tensors")
    while story.view().can_advance:
        story.advance()
    assert (story.state.scene, story.state.node) == ("prologue", "hub")


def test_every_flag_that_is_set_is_also_read_somewhere():
    set_flags: set[str] = set()
    read_flags: set[str] = set()
    for scene in library().scenes.values():
        for node in scene.nodes.values():
            effects = [node.on_enter, *(c.effects for c in node.choices or [])]
            set_flags.update(f for e in effects if e for f in [*e.set])
            reqs = [c.requires for c in node.choices or []]
            reqs += [ln.requires for ln in node.lines if isinstance(ln, SpokenLine)]
            reqs += [b.requires for b in node.next] if isinstance(node.next, list) else []
            read_flags.update(f for r in reqs if r for f in [*r.flags, *r.not_flags])
    assert set_flags - read_flags == set(), "a choice whose flag nobody reads does not matter"
    assert read_flags - set_flags == set(), "a condition on a flag nobody sets"


# -- every route ----------------------------------------------------------------------------
def test_every_node_is_visited_by_some_route():
    nodes, _, _ = explore()
    every = {(s.id, n) for s in library().scenes.values() for n in s.nodes}
    assert every - nodes == set()


def test_no_route_gets_stuck():
    _, _, stuck = explore()
    assert stuck == ()


def test_every_ending_is_reached_by_some_route():
    _, endings, _ = explore()
    assert endings == ENDINGS


@pytest.mark.parametrize("k", [1, 2, 3])
def test_a_player_who_always_picks_the_same_number_still_finishes(k):
    """Revisitable side doors must not trap a player who keeps pressing one key."""
    story = Story.new_game(library())
    for _ in range(2000):
        view = story.view()
        if view.ending is not None:
            return
        if view.puzzle is not None:
            story.puzzle_solved(view.puzzle)
        elif view.choices:
            enabled = [c.index for c in view.choices if c.enabled]
            story.choose(k - 1 if k - 1 in enabled else enabled[0])
        else:
            story.advance()
    raise AssertionError(f"pressing {k} forever never ends the story: stuck near {view.node_id}")


@pytest.mark.parametrize(
    ("picks", "ending"),
    [
        ({DUCK: "drawer", RESEARCH: "publish", VERDICT: "publish everything"}, "open_lab"),
        ({DUCK: "permanent", RESEARCH: "drawer", VERDICT: "glass box"}, "glass_box"),
        ({DUCK: "drawer", REUNION: "back on the desk", VERDICT: "glass box"}, "glass_box"),
        ({DUCK: "permanent", RESEARCH: "publish", VERDICT: "unmask"}, "lone_genius"),
        ({DEFENSE: "privately", VERDICT: "retract"}, "last_courtesy"),
    ],
)
def test_scripted_routes_reach_their_endings(picks, ending):
    story, _ = play(picks)
    assert story.view().ending.id == ending
    assert story.state.endings == [ending]


def test_endings_are_closed_by_earlier_choices():
    # Kept the code in a drawer and the duck too: only the lone genius is left.
    picks = {DUCK: "drawer", RESEARCH: "drawer", REUNION: "close the drawer"}
    story = _story_at(VERDICT, {**picks, DEFENSE: "say nothing"})
    enabled = [c.text for c in story.view().choices if c.enabled]
    assert len(enabled) == 1 and "unmask" in enabled[0].lower()


@pytest.mark.parametrize(
    ("defense", "courtesy_open"), [("privately", True), ("out loud", False), ("say nothing", False)]
)
def test_the_hammer_choice_decides_whether_the_last_courtesy_is_open(defense, courtesy_open):
    story = _story_at(VERDICT, {DEFENSE: defense})
    enabled = [c.text for c in story.view().choices if c.enabled]
    assert any("retract" in text for text in enabled) is courtesy_open


def _story_at(where: str, picks: dict[str, str]) -> Story:
    story = Story.new_game(library())
    for _ in range(2000):
        view = story.view()
        if f"{view.scene_id}:{view.node_id}" == where:
            return story
        if view.puzzle is not None:
            story.puzzle_solved(view.puzzle)
        elif view.choices:
            here = f"{view.scene_id}:{view.node_id}"
            enabled = [c for c in view.choices if c.enabled]
            wanted = picks.get(here, "")
            pick = next(
                (c for c in enabled if wanted and wanted.lower() in c.text.lower()), enabled[0]
            )
            story.choose(pick.index)
        else:
            story.advance()
    raise AssertionError(f"never reached {where}")


# -- Act I decisions echo later -------------------------------------------------------------
def _later_lines(shown: dict[str, list[str]]) -> dict[str, list[str]]:
    """The lines shown after Act I, by node."""
    lib = library()
    early = {"prologue", "act1"}
    return {k: v for k, v in shown.items() if lib.scenes[k.split(":")[0]].act not in early}


@pytest.mark.parametrize("decision", sorted(ACT1_DECISIONS))
def test_each_act1_decision_changes_later_lines(decision):
    where = {"duck": DUCK, "research": RESEARCH, "defense": DEFENSE}[decision]
    options = {
        "duck": ["permanent", "drawer"],
        "research": ["publish", "drawer"],
        "defense": ["privately", "out loud", "say nothing"],
    }[decision]
    routes = []
    for option in options:
        story, shown = play({where: option, REUNION: "close the drawer"})
        flag = next(f for f in ACT1_DECISIONS[decision] if f in story.state.flags)
        routes.append((flag, _later_lines(shown)))
    flags = [flag for flag, _ in routes]
    assert sorted(flags) == sorted(ACT1_DECISIONS[decision])
    for i, (flag_a, later_a) in enumerate(routes):
        for flag_b, later_b in routes[i + 1 :]:
            differing = [k for k in later_a if k in later_b and later_a[k] != later_b[k]]
            assert len(differing) >= 2, f"{flag_a} vs {flag_b}: later acts barely notice"


def test_the_defense_choice_picks_different_scene_variants_later():
    variants = {}
    for option in ["privately", "out loud", "say nothing"]:
        _, shown = play({DEFENSE: option})
        variants[option] = {k for k in shown if k.startswith("oneai_keynote:keynote_")}
    assert len({frozenset(v) for v in variants.values()}) == 3


def test_the_duck_can_come_back_from_the_drawer():
    story, shown = play({DUCK: "drawer", REUNION: "back on the desk"})
    assert "duck_kept" in story.state.flags and "duck_boxed" not in story.state.flags
    assert REUNION in shown


# -- puzzle gates ---------------------------------------------------------------------------
PUZZLE_IDS = sorted(puzzle_gates(library()))


def test_the_story_gates_on_every_planned_puzzle_once():
    assert set(PUZZLE_IDS) == PLANNED_PUZZLES
    gates = [n.puzzle.id for s in library().scenes.values() for n in s.nodes.values() if n.puzzle]
    assert sorted(gates) == PUZZLE_IDS, "each puzzle gates exactly one beat"


@pytest.mark.parametrize("puzzle_id", PUZZLE_IDS)
def test_every_puzzle_gate_has_a_puzzle_folder(puzzle_id):
    if not written(puzzle_id):
        pytest.skip(f"puzzles/{puzzle_id}/ is not written yet (a puzzle helper is on it)")
    gate = puzzle_gates(library())[puzzle_id]
    entry = library().puzzles.get(puzzle_id)
    assert entry is not None, f"puzzles/{puzzle_id}/ does not load"
    scene = library().scenes[gate.split(":")[0]]
    assert entry.model.chapter == scene.act, f"{puzzle_id} is gated in {scene.act}"
