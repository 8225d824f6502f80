"""The puzzles in the order a player meets them, and README.md's puzzle table written from it.

Order: by act (as `_story.yaml` lists them), then by how few story steps lead from the start
to the puzzle's first gate. Regenerate the table with `python -m game.content.docgen --readme`;
a test fails when README.md and the content disagree. Must not import pygame or torch.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

from game.content.graph import Key, edges
from game.content.library import ContentLibrary
from game.content.puzzle_entry import PuzzleEntry
from game.content.references import manifest_start

START, END = "<!-- puzzles:start -->", "<!-- puzzles:end -->"


def _distances(lib: ContentLibrary) -> dict[Key, int]:
    start = manifest_start(lib)
    if not isinstance(start, tuple):
        return {}
    graph, _ = edges(lib)
    dist, queue = {start: 0}, deque([start])
    while queue:
        here = queue.popleft()
        for nxt in graph.get(here, []):
            if nxt not in dist:
                dist[nxt] = dist[here] + 1
                queue.append(nxt)
    return dist


def story_order(lib: ContentLibrary) -> list[PuzzleEntry]:
    """Every gated puzzle in playing order, then puzzles no gate reaches (by act, then id)."""
    acts = {a.id: i for i, a in enumerate(lib.manifest.acts if lib.manifest else [])}
    dist = _distances(lib)
    first: dict[str, tuple[int, int]] = {}
    for scene in lib.scenes.values():
        for nid, node in scene.nodes.items():
            if node.puzzle is None or (scene.id, nid) not in dist:
                continue
            here = (acts.get(scene.act, len(acts)), dist[(scene.id, nid)])
            first[node.puzzle.id] = min(first.get(node.puzzle.id, here), here)
    unplaced = (len(acts) + 1, 0)

    def rank(entry: PuzzleEntry) -> tuple[tuple[int, int], int, str]:
        act = acts.get(entry.model.chapter, len(acts))
        return first.get(entry.model.id, unplaced), act, entry.model.id

    return sorted(lib.puzzles.values(), key=rank)


def render_table(lib: ContentLibrary) -> str:
    titles = {a.id: a.title for a in (lib.manifest.acts if lib.manifest else [])}
    rows = ["| # | puzzle | act | difficulty | teaches |", "| --- | --- | --- | --- | --- |"]
    for i, entry in enumerate(story_order(lib), 1):
        m = entry.model
        act = titles.get(m.chapter, m.chapter).split(":")[0]
        stars = "★" * m.difficulty + "☆" * (5 - m.difficulty)
        rows.append(f"| {i} | {m.title} (`{m.id}`) | {act} | {stars} | {m.topic} |")
    return "\n".join(rows) + "\n"


def splice(readme: str, lib: ContentLibrary) -> str:
    """`readme` with the text between the puzzle markers replaced by a fresh table."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{render_table(lib)}{END}{tail}"


def write_readme(path: Path, lib: ContentLibrary) -> None:
    path.write_text(splice(path.read_text(encoding="utf-8"), lib), encoding="utf-8")
