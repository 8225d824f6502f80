"""Lint: the story as a graph. Every ending must be reachable from the start; a node from which
no ending can be reached is a dead end (error); nodes nobody reaches are warnings; places where
the player may get stuck because every way out has a condition are warnings.

Conditions are ignored when walking (any choice may be taken, every puzzle can be solved), so
reachability is an upper bound: lint never calls a reachable ending unreachable.
Must not import pygame or torch.
"""

from __future__ import annotations

from collections import defaultdict, deque

from game.content.diagnostics import Diagnostic, Severity
from game.content.library import ContentLibrary
from game.content.references import manifest_start, resolve
from game.content.scene_models import Node

Key = tuple[str, str]


def _targets(node: Node) -> list[str]:
    out = [c.goto for c in node.choices or []]
    if isinstance(node.next, str):
        out.append(node.next)
    elif isinstance(node.next, list):
        out.extend(b.goto for b in node.next)
    if node.puzzle is not None:
        out.append(node.puzzle.success)
    return out


def edges(lib: ContentLibrary) -> tuple[dict[Key, list[Key]], set[Key]]:
    """Every node's successors, and the nodes with a target that does not resolve (references
    report those; here they count as 'may reach an ending', so one typo is one error)."""
    graph: dict[Key, list[Key]] = {}
    broken: set[Key] = set()
    for scene in lib.scenes.values():
        for nid, node in scene.nodes.items():
            found = [resolve(lib, t, scene.id) for t in _targets(node)]
            graph[(scene.id, nid)] = [f for f in found if isinstance(f, tuple)]
            if len(graph[(scene.id, nid)]) < len(found):
                broken.add((scene.id, nid))
    return graph, broken


def _walk(graph: dict[Key, list[Key]], starts: list[Key]) -> set[Key]:
    seen, queue = set(starts), deque(starts)
    while queue:
        for nxt in graph.get(queue.popleft(), []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _stuck_risk(node: Node) -> str | None:
    if node.choices and all(c.requires is not None for c in node.choices):
        return "every choice here has a condition; if none holds the player is stuck"
    if isinstance(node.next, list) and all(b.requires is not None for b in node.next):
        return "no branch without `requires`: add a last branch as the fallback"
    return None


def check_graph(lib: ContentLibrary) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def report(key: Key, loc: tuple, severity: Severity, code: str, message: str) -> None:
        doc = lib.scene_docs[key[0]]
        out.append(
            Diagnostic(
                file=doc.file,
                line=doc.line_of(("nodes", key[1], *loc)),
                severity=severity,
                code=code,
                message=message,
            )
        )

    graph, broken = edges(lib)
    start = manifest_start(lib)
    if not isinstance(start, tuple):
        return out  # no start: reachability is meaningless, and references reported why
    reachable = _walk(graph, [start])
    reverse: dict[Key, list[Key]] = defaultdict(list)
    for src, dsts in graph.items():
        for dst in dsts:
            reverse[dst].append(src)
    endings = [k for k in graph if lib.scenes[k[0]].nodes[k[1]].ending is not None]
    finishing = _walk(reverse, [*endings, *broken])
    for key in sorted(reachable & finishing):
        risk = _stuck_risk(lib.scenes[key[0]].nodes[key[1]])
        if risk is not None:
            report(key, (), "warning", "maybe-stuck", risk)
    for key in sorted(reachable - finishing):
        report(
            key,
            (),
            "error",
            "dead-end",
            f"dead end: from `{key[0]}:{key[1]}` no ending can be reached",
        )
    if reachable & broken:
        return out  # the walk stopped at a broken link: what lies beyond would be guesswork
    lost_scenes = sorted(
        sid
        for sid, scene in lib.scenes.items()
        if not any((sid, nid) in reachable for nid in scene.nodes)
    )
    for sid in lost_scenes:
        doc = lib.scene_docs[sid]
        out.append(
            Diagnostic(
                file=doc.file,
                line=doc.line_of(("id",)),
                severity="warning",
                code="unreachable",
                message=f"scene `{sid}` is never reached from the start",
            )
        )
    for key in sorted(set(graph) - reachable):
        node = lib.scenes[key[0]].nodes[key[1]]
        if node.ending is not None:
            report(
                key,
                ("ending",),
                "error",
                "unreachable-ending",
                f"ending `{node.ending.id}` cannot be reached from the start",
            )
        elif key[0] not in lost_scenes:
            report(
                key,
                (),
                "warning",
                "unreachable",
                f"node `{key[0]}:{key[1]}` is never reached from the start",
            )
    return out
