"""Procedural pixel-art backdrops, drawn on a 320x180 canvas and scaled up without smoothing.

Ids: lab, library, lecture_hall, startup, corporate, server_room, dawn, rebellion,
defense_hall. An unknown id gets a quiet purple grid ("the void") instead of an error.
Deterministic: the same id always draws the same picture. Must not import torch.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pygame

from game.ui.art.palette import CYAN, INK, ORANGE, RED, darker, lighter, mix

W, H = 320, 180
RGB = tuple[int, int, int]


def _gradient(s: pygame.Surface, top: RGB, bottom: RGB, y0: int = 0, y1: int = H) -> None:
    for y in range(y0, y1):
        pygame.draw.line(s, mix(top, bottom, (y - y0) / max(1, y1 - y0 - 1)), (0, y), (W, y))


def _glow(s: pygame.Surface, pos: tuple[int, int], color: RGB, radius: int) -> None:
    layer = pygame.Surface((radius * 2, radius * 2), pygame.SRCALPHA)
    for r in range(radius, 0, -2):
        alpha = int(70 * (1 - r / radius) ** 1.5)
        pygame.draw.circle(layer, (*color, alpha), (radius, radius), r)
    s.blit(layer, (pos[0] - radius, pos[1] - radius))


def _floor(s: pygame.Surface, y: int, color: RGB) -> None:
    pygame.draw.rect(s, color, (0, y, W, H - y))
    for x in range(-H, W, 24):  # perspective lines
        pygame.draw.line(s, lighter(color, 0.06), (W // 2 + (x - W // 2) // 4, y), (x, H))


def _lab(s: pygame.Surface, rng: random.Random) -> None:
    _gradient(s, (30, 18, 46), (52, 30, 74), 0, 130)
    _floor(s, 130, (28, 20, 36))
    for x in range(10, 110, 20):  # shelves of flasks
        for row, y in enumerate((40, 70)):
            pygame.draw.line(s, (90, 66, 50), (x - 8, y), (x + 10, y), 2)
            c = (CYAN, ORANGE, (140, 255, 120), RED)[(x // 20 + row) % 4]
            pygame.draw.rect(s, darker(c, 0.2), (x - 2, y - 8, 6, 8))
            pygame.draw.rect(s, lighter(c, 0.3), (x - 1, y - 7, 2, 2))
            _glow(s, (x + 1, y - 4), c, 8)
    pygame.draw.rect(s, (20, 14, 28), (130, 36, 96, 64))  # the big terminal
    pygame.draw.rect(s, (100, 80, 130), (130, 36, 96, 64), 2)
    for i in range(7):
        width = rng.randint(20, 80)
        pygame.draw.line(s, CYAN if i % 3 else ORANGE, (138, 46 + i * 7), (138 + width, 46 + i * 7))
    _glow(s, (178, 68), CYAN, 60)
    pygame.draw.rect(s, (60, 44, 70), (122, 100, 112, 34))  # the desk
    pygame.draw.rect(s, (80, 60, 90), (122, 100, 112, 4))
    for x in (252, 272, 292):  # vacuum tubes
        pygame.draw.rect(s, (70, 60, 60), (x - 5, 108, 10, 6))
        pygame.draw.ellipse(s, (90, 70, 80), (x - 5, 84, 10, 26), 1)
        pygame.draw.line(s, ORANGE, (x, 92), (x, 104), 2)
        _glow(s, (x, 98), ORANGE, 16)
    pygame.draw.rect(s, (236, 236, 228), (150, 92, 8, 8))  # a coffee mug
    pygame.draw.rect(s, (120, 70, 40), (151, 93, 6, 2))


def _library(s: pygame.Surface, rng: random.Random) -> None:
    _gradient(s, (26, 16, 30), (46, 28, 40))
    _floor(s, 150, (40, 26, 24))
    spines = [(120, 40, 50), (50, 70, 110), (90, 110, 60), (140, 100, 50), (80, 50, 100)]
    for sx in (0, 110, 220):
        pygame.draw.rect(s, (64, 40, 30), (sx + 4, 14, 96, 136))
        for y in range(22, 146, 26):
            x = sx + 8
            while x < sx + 96:
                w = rng.randint(4, 8)
                hgt = rng.randint(14, 20)
                pygame.draw.rect(s, rng.choice(spines), (x, y + 20 - hgt, w - 1, hgt))
                x += w
            pygame.draw.rect(s, (90, 60, 40), (sx + 4, y + 20, 96, 3))
    pygame.draw.rect(s, (30, 30, 60), (104, 20, 12, 30))  # a slit of moonlit window
    _glow(s, (110, 36), (180, 200, 255), 26)
    pygame.draw.rect(s, (60, 40, 30), (140, 140, 60, 8))  # reading desk and lamp
    pygame.draw.polygon(s, (60, 110, 60), [(160, 124), (176, 124), (172, 132), (164, 132)])
    _glow(s, (168, 134), ORANGE, 34)


def _lecture_hall(s: pygame.Surface, rng: random.Random) -> None:
    _gradient(s, (36, 26, 44), (60, 44, 60))
    pygame.draw.rect(s, (30, 50, 40), (70, 16, 180, 70))  # chalkboard
    pygame.draw.rect(s, (110, 80, 50), (70, 16, 180, 70), 3)
    for i in range(6):
        x = 82 + rng.randint(0, 20)
        pygame.draw.line(
            s, (220, 230, 220), (x, 28 + i * 9), (x + rng.randint(40, 140), 28 + i * 9)
        )
    pygame.draw.circle(s, (220, 230, 220), (220, 60), 12, 1)
    for row in range(4):  # tiered seats towards the viewer
        y = 104 + row * 19
        pygame.draw.rect(s, (80, 44, 40), (0, y, W, 12))
        pygame.draw.rect(s, (110, 60, 50), (0, y, W, 3))
        for x in range(6 + row * 3, W, 26 + row * 2):
            pygame.draw.rect(s, (60, 30, 30), (x, y - 6, 16, 8))
    pygame.draw.rect(s, (90, 60, 40), (148, 88, 24, 16))  # lectern


def _startup(s: pygame.Surface, rng: random.Random) -> None:
    _gradient(s, (34, 24, 52), (70, 40, 80))
    _floor(s, 128, (46, 40, 56))
    pygame.draw.rect(s, (220, 220, 230), (24, 30, 110, 62))  # whiteboard full of arrows
    for i in range(5):
        c = (200, 60, 60) if i % 2 else (60, 90, 200)
        pygame.draw.line(s, c, (32, 40 + i * 10), (32 + rng.randint(30, 90), 44 + i * 9), 2)
    pygame.draw.polygon(s, (60, 160, 90), [(100, 84), (126, 40), (126, 84)], 2)  # hockey stick
    pygame.draw.rect(s, (255, 80, 200), (170, 22, 120, 20), 2)  # neon sign
    for x in range(178, 284, 12):
        pygame.draw.line(s, (255, 120, 220), (x, 28), (x + 6, 36), 2)
    _glow(s, (230, 32), (255, 80, 200), 60)
    for i in range(5):  # a tower of pizza boxes
        pygame.draw.rect(s, (200, 160, 100), (220 + i % 2 * 3, 122 - i * 7, 44, 6))
        pygame.draw.rect(s, (150, 110, 60), (220 + i % 2 * 3, 122 - i * 7, 44, 6), 1)
    pygame.draw.ellipse(s, ORANGE, (150, 118, 40, 24))  # beanbag
    pygame.draw.rect(s, (40, 40, 50), (40, 110, 70, 6))  # desk + laptop glow
    pygame.draw.rect(s, CYAN, (60, 100, 18, 10))
    _glow(s, (69, 105), CYAN, 20)


def _corporate(s: pygame.Surface, rng: random.Random) -> None:
    _gradient(s, (20, 30, 60), (120, 160, 200))
    for x in range(0, W, 30):  # cold glass towers
        hgt = rng.randint(50, 120)
        c = mix((40, 60, 90), (90, 120, 160), rng.random())
        pygame.draw.rect(s, c, (x, H - hgt, 26, hgt))
        for wy in range(H - hgt + 6, H, 8):
            for wx in range(x + 3, x + 24, 6):
                if rng.random() < 0.5:
                    pygame.draw.rect(s, (190, 220, 240), (wx, wy, 3, 4))
    pygame.draw.rect(s, (14, 16, 26), (136, 10, 48, 170))  # the OneAI monolith
    pygame.draw.circle(s, RED, (160, 40), 10)
    pygame.draw.circle(s, (60, 0, 10), (160, 40), 4)
    _glow(s, (160, 40), RED, 40)
    for x in range(0, W, 7):  # snow
        pygame.draw.rect(s, (230, 240, 255), (x, rng.randint(0, H), 1, 1))


def _server_room(s: pygame.Surface, rng: random.Random) -> None:
    _gradient(s, (14, 16, 28), (30, 28, 46))
    _floor(s, 150, (24, 24, 34))
    for x in range(8, W, 52):
        pygame.draw.rect(s, (34, 34, 46), (x, 18, 44, 132))
        pygame.draw.rect(s, (70, 70, 92), (x, 18, 44, 132), 1)
        for y in range(24, 146, 6):
            pygame.draw.rect(s, (50, 50, 66), (x + 3, y, 38, 4))
            if rng.random() < 0.6:
                c = rng.choice((CYAN, (120, 255, 140), ORANGE))
                s.set_at((x + 6 + rng.randint(0, 30), y + 1), c)
    _glow(s, (160, 90), CYAN, 90)


def _dawn(s: pygame.Surface, rng: random.Random) -> None:
    _gradient(s, (40, 24, 80), (255, 160, 90), 0, 140)
    pygame.draw.circle(s, (255, 214, 140), (160, 140), 28)
    _glow(s, (160, 140), ORANGE, 90)
    x = 0
    while x < W:  # skyline
        w, hgt = rng.randint(10, 26), rng.randint(14, 50)
        pygame.draw.rect(s, (30, 18, 40), (x, 150 - hgt, w, hgt + 30))
        x += w
    pygame.draw.rect(s, (30, 18, 40), (0, 150, W, 30))


def _rebellion(s: pygame.Surface, rng: random.Random) -> None:
    _gradient(s, (16, 8, 24), (70, 24, 40))
    _floor(s, 140, (30, 16, 30))
    for x in range(30, W, 64):  # torches and banners
        pygame.draw.rect(s, (70, 44, 30), (x, 80, 4, 60))
        pygame.draw.polygon(s, ORANGE, [(x - 4, 80), (x + 2, 62), (x + 8, 80)])
        pygame.draw.polygon(s, (255, 230, 120), [(x, 80), (x + 2, 70), (x + 4, 80)])
        _glow(s, (x + 2, 72), ORANGE, 36)
        pygame.draw.rect(s, (120, 40, 160), (x + 20, 20, 22, 50))
        pygame.draw.polygon(s, (120, 40, 160), [(x + 20, 70), (x + 31, 62), (x + 42, 70)])
        pygame.draw.circle(s, CYAN, (x + 31, 40), 6, 2)
    for _ in range(30):  # embers
        s.set_at((rng.randint(0, W - 1), rng.randint(0, 130)), (255, 180, 80))


def _defense_hall(s: pygame.Surface, rng: random.Random) -> None:
    _gradient(s, (50, 30, 26), (80, 50, 36))
    for x in range(0, W, 16):  # wood panelling
        pygame.draw.line(s, (60, 38, 28), (x, 0), (x, 120))
    for x in (40, 140, 240):  # portraits of stern predecessors
        pygame.draw.rect(s, (160, 120, 40), (x, 14, 40, 46), 2)
        pygame.draw.rect(s, (40, 30, 30), (x + 2, 16, 36, 42))
        pygame.draw.circle(s, (150, 120, 100), (x + 20, 32), 8)
    _floor(s, 120, (60, 34, 30))
    pygame.draw.rect(s, (90, 56, 36), (40, 96, 240, 20))  # the committee table
    pygame.draw.rect(s, (110, 70, 44), (40, 96, 240, 4))
    for x in range(70, 260, 50):
        pygame.draw.circle(s, (50, 46, 60), (x, 88), 7)
        pygame.draw.rect(s, (50, 46, 60), (x - 8, 90, 16, 8))
    pygame.draw.rect(s, (100, 64, 40), (146, 140, 28, 30))  # the candidate's podium
    _glow(s, (160, 60), (255, 220, 160), 80)


def _void(s: pygame.Surface, rng: random.Random) -> None:
    _gradient(s, (22, 16, 32), (44, 28, 66))
    for x in range(0, W, 20):
        pygame.draw.line(s, (54, 38, 78), (x, 0), (x, H))
    for y in range(0, H, 20):
        pygame.draw.line(s, (54, 38, 78), (0, y), (W, y))


BACKDROPS: dict[str, Callable[[pygame.Surface, random.Random], None]] = {
    "lab": _lab,
    "library": _library,
    "lecture_hall": _lecture_hall,
    "startup": _startup,
    "corporate": _corporate,
    "server_room": _server_room,
    "dawn": _dawn,
    "rebellion": _rebellion,
    "defense_hall": _defense_hall,
}


def draw_backdrop(backdrop_id: str | None) -> pygame.Surface:
    """The 320x180 canvas for `backdrop_id` (unknown or None: the void)."""
    s = pygame.Surface((W, H))
    s.fill(INK)
    BACKDROPS.get(backdrop_id or "", _void)(s, random.Random(backdrop_id or "void"))
    return s
