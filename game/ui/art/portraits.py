"""Procedural pixel-art portraits, drawn on a 32x32 canvas and scaled up without smoothing.

Ids: professor, hammer, backprop (the rubber duck), ceo, committee, apprentice, oneai,
narrator. An unknown id gets a hooded silhouette tinted from its name, so a modder's new
speaker still has a face. Must not import torch.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.ui.art.palette import INK, darker, lighter

RGB = tuple[int, int, int]
SIZE = 32

SKIN = (236, 188, 150)
SKIN_DARK = (196, 140, 104)


@dataclass(frozen=True)
class Bust:
    """The features of a drawn person."""

    backdrop: RGB
    coat: RGB
    hair: RGB
    hair_style: str  # wild, slick, neat, hood, bald
    skin: RGB = SKIN
    eyes: str = "dots"  # dots, glasses, narrow
    goggles: bool = False
    tie: RGB | None = None
    grin: bool = False


def _px(s: pygame.Surface, color: RGB, pts: list[tuple[int, int]]) -> None:
    for x, y in pts:
        s.set_at((x, y), color)


def _backdrop(s: pygame.Surface, color: RGB) -> None:
    s.fill(darker(color, 0.55))
    pygame.draw.circle(s, color, (16, 14), 14)
    pygame.draw.circle(s, lighter(color, 0.15), (16, 14), 9)


def _hair(s: pygame.Surface, b: Bust) -> None:
    hair = b.hair
    if b.hair_style == "wild":  # singed, standing on end
        for x, top in ((7, 3), (9, 1), (12, 2), (15, 0), (18, 2), (21, 1), (24, 4)):
            pygame.draw.polygon(s, hair, [(x - 2, 10), (x, top), (x + 2, 10)])
        pygame.draw.ellipse(s, hair, (7, 5, 18, 9))
        _px(s, lighter(hair, 0.4), [(10, 4), (15, 2), (20, 4), (13, 6)])
        _px(s, (80, 70, 60), [(9, 8), (22, 7)])  # singed tips
    elif b.hair_style == "slick":
        pygame.draw.ellipse(s, hair, (8, 4, 16, 10))
        pygame.draw.rect(s, hair, (8, 8, 3, 6))
        pygame.draw.line(s, lighter(hair, 0.35), (11, 6), (21, 6))
    elif b.hair_style == "neat":
        pygame.draw.ellipse(s, hair, (8, 5, 16, 8))
        pygame.draw.rect(s, hair, (8, 8, 2, 4))
        pygame.draw.rect(s, hair, (22, 8, 2, 4))
    elif b.hair_style == "hood":
        pygame.draw.ellipse(s, b.coat, (5, 3, 22, 24))
        pygame.draw.ellipse(s, darker(b.coat, 0.3), (8, 6, 16, 19))


def _face(s: pygame.Surface, b: Bust) -> None:
    pygame.draw.rect(s, darker(b.skin, 0.12), (14, 20, 4, 4))  # neck
    pygame.draw.ellipse(s, b.skin, (9, 7, 14, 16))
    _px(s, darker(b.skin, 0.15), [(10, 16), (21, 16), (11, 19), (20, 19)])
    eye = INK
    if b.eyes == "glasses":
        pygame.draw.rect(s, (30, 30, 40), (10, 12, 5, 4), 1)
        pygame.draw.rect(s, (30, 30, 40), (17, 12, 5, 4), 1)
        pygame.draw.line(s, (30, 30, 40), (15, 13), (16, 13))
        _px(s, eye, [(12, 14), (19, 14)])
    elif b.eyes == "narrow":
        pygame.draw.line(s, eye, (11, 14), (14, 13))
        pygame.draw.line(s, eye, (17, 13), (20, 14))
    else:
        _px(s, eye, [(12, 13), (12, 14), (19, 13), (19, 14)])
        _px(s, (255, 255, 255), [(13, 13), (20, 13)])
    if b.grin:
        pygame.draw.line(s, INK, (13, 18), (18, 18))
        _px(s, (255, 255, 255), [(14, 19), (15, 19), (16, 19), (17, 19)])
        _px(s, INK, [(12, 17), (19, 17)])
    else:
        pygame.draw.line(s, darker(b.skin, 0.45), (14, 19), (17, 19))
    if b.goggles:  # pushed up on the forehead, lenses glowing orange
        pygame.draw.line(s, (70, 50, 40), (8, 10), (24, 10), 2)
        for cx in (12, 20):
            pygame.draw.circle(s, (60, 45, 35), (cx, 9), 3)
            pygame.draw.circle(s, (255, 154, 60), (cx, 9), 2)
            s.set_at((cx - 1, 8), (255, 230, 180))


def _body(s: pygame.Surface, b: Bust) -> None:
    pygame.draw.ellipse(s, b.coat, (3, 23, 26, 16))
    pygame.draw.polygon(s, darker(b.coat, 0.25), [(12, 24), (16, 31), (10, 31)])
    pygame.draw.polygon(s, darker(b.coat, 0.25), [(20, 24), (16, 31), (22, 31)])
    if b.tie:
        pygame.draw.polygon(s, b.tie, [(15, 24), (17, 24), (17, 31), (15, 31)])


def draw_bust(b: Bust) -> pygame.Surface:
    s = pygame.Surface((SIZE, SIZE))
    _backdrop(s, b.backdrop)
    if b.hair_style == "hood":
        _hair(s, b)
    _body(s, b)
    _face(s, b)
    if b.hair_style != "hood":
        _hair(s, b)
    return s


def _duck() -> pygame.Surface:
    s = pygame.Surface((SIZE, SIZE))
    _backdrop(s, (40, 90, 120))
    yellow, shade = (255, 214, 64), (214, 160, 30)
    pygame.draw.ellipse(s, yellow, (5, 17, 22, 13))
    pygame.draw.ellipse(s, shade, (8, 22, 14, 6))
    pygame.draw.circle(s, yellow, (14, 12), 7)
    pygame.draw.polygon(s, (255, 130, 40), [(19, 12), (27, 13), (19, 15)])
    _px(s, INK, [(15, 10), (15, 11)])
    _px(s, (255, 255, 255), [(16, 10)])
    pygame.draw.polygon(s, yellow, [(5, 20), (2, 16), (8, 19)])  # tail
    pygame.draw.line(s, (120, 200, 230), (3, 30), (29, 30))  # bath water line
    return s


def _committee() -> pygame.Surface:
    s = pygame.Surface((SIZE, SIZE))
    _backdrop(s, (70, 60, 80))
    for cx, hair in ((7, (180, 180, 180)), (16, (60, 50, 40)), (25, (200, 200, 200))):
        pygame.draw.ellipse(s, (70, 72, 84), (cx - 6, 22, 12, 12))
        pygame.draw.circle(s, SKIN if cx != 16 else SKIN_DARK, (cx, 17), 4)
        pygame.draw.ellipse(s, hair, (cx - 4, 12, 8, 4))
        _px(s, INK, [(cx - 2, 17), (cx + 1, 17)])
        pygame.draw.line(s, darker(SKIN, 0.5), (cx - 1, 19), (cx + 1, 19))
    pygame.draw.rect(s, (90, 60, 40), (0, 27, SIZE, 5))  # the long table
    return s


def _oneai() -> pygame.Surface:
    s = pygame.Surface((SIZE, SIZE))
    s.fill((10, 12, 20))
    pygame.draw.rect(s, (34, 38, 52), (9, 3, 14, 29))
    pygame.draw.rect(s, (60, 66, 86), (9, 3, 14, 29), 1)
    pygame.draw.circle(s, (255, 84, 96), (16, 13), 5)
    pygame.draw.circle(s, (40, 0, 8), (16, 13), 2)
    s.set_at((14, 11), (255, 220, 220))
    for y in range(20, 30, 3):
        pygame.draw.line(s, (94, 231, 255), (11, y), (20, y))
    return s


def _narrator() -> pygame.Surface:
    s = pygame.Surface((SIZE, SIZE))
    _backdrop(s, (60, 40, 90))
    pygame.draw.polygon(s, (230, 220, 200), [(4, 20), (16, 23), (16, 29), (4, 26)])
    pygame.draw.polygon(s, (210, 200, 180), [(28, 20), (16, 23), (16, 29), (28, 26)])
    pygame.draw.line(s, (120, 100, 80), (16, 23), (16, 29))
    pygame.draw.polygon(s, (255, 154, 60), [(16, 5), (20, 13), (16, 18), (12, 13)])  # a flame
    pygame.draw.polygon(s, (255, 230, 120), [(16, 9), (18, 14), (16, 17), (14, 14)])
    return s


_BUSTS: dict[str, Bust] = {
    "professor": Bust(
        backdrop=(120, 60, 170),
        coat=(236, 236, 228),
        hair=(225, 225, 235),
        hair_style="wild",
        goggles=True,
        grin=True,
        tie=(255, 154, 60),
    ),
    "hammer": Bust(
        backdrop=(150, 40, 60),
        coat=(40, 40, 56),
        hair=(200, 160, 60),
        hair_style="slick",
        eyes="narrow",
        tie=(255, 84, 96),
        grin=True,
    ),
    "ceo": Bust(
        backdrop=(200, 110, 40),
        coat=(30, 30, 36),
        hair=(70, 45, 30),
        hair_style="neat",
        eyes="glasses",
        tie=None,
        skin=SKIN_DARK,
        grin=True,
    ),
    "apprentice": Bust(
        backdrop=(30, 110, 130),
        coat=(70, 60, 110),
        hair=(40, 30, 30),
        hair_style="hood",
        eyes="dots",
    ),
}

_SPECIAL: dict[str, Callable[[], pygame.Surface]] = {
    "backprop": _duck,
    "duck": _duck,
    "committee": _committee,
    "oneai": _oneai,
    "narrator": _narrator,
}

PORTRAIT_IDS = (*_BUSTS, *_SPECIAL)


def _stranger(name: str) -> pygame.Surface:
    seed = zlib.crc32(name.encode())
    tint = (60 + seed % 140, 60 + (seed >> 8) % 140, 80 + (seed >> 16) % 140)
    return draw_bust(Bust(backdrop=tint, coat=darker(tint, 0.3), hair=INK, hair_style="hood"))


def draw_portrait(portrait_id: str) -> pygame.Surface:
    """The 32x32 portrait for `portrait_id`; unknown ids get a generated stranger."""
    if portrait_id in _SPECIAL:
        return _SPECIAL[portrait_id]()
    if portrait_id in _BUSTS:
        return draw_bust(_BUSTS[portrait_id])
    return _stranger(portrait_id)
