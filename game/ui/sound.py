"""Small procedural sound effects (no sound files): a soft tick when dialogue advances, a
click for choices and menus, a rising chime when code passes and a low buzz when it fails.

The mixer starts after the first frame; without an audio device (or with any mixer error) the
game simply stays silent. Volume comes from the settings. Must not import torch.
"""

from __future__ import annotations

import math
from array import array

import pygame

RATE = 22050

# name -> (notes as (frequency Hz, seconds)), wave shape, loudness
_SOUNDS: dict[str, tuple[list[tuple[float, float]], str, float]] = {
    "tick": ([(1320.0, 0.025)], "square", 0.10),
    "select": ([(660.0, 0.04), (990.0, 0.05)], "square", 0.16),
    "pass": ([(523.3, 0.09), (659.3, 0.09), (784.0, 0.09), (1046.5, 0.22)], "triangle", 0.35),
    "fail": ([(196.0, 0.12), (155.6, 0.22)], "square", 0.22),
    "open": ([(440.0, 0.05), (880.0, 0.08)], "triangle", 0.25),
}


def _wave(shape: str, phase: float) -> float:
    if shape == "square":
        return 1.0 if phase < 0.5 else -1.0
    return 4.0 * abs(phase - 0.5) - 1.0  # triangle


def synthesise(notes: list[tuple[float, float]], shape: str, loudness: float) -> bytes:
    """16-bit mono samples for a little chiptune phrase, with short fades against clicks."""
    out = array("h")
    for freq, seconds in notes:
        n = int(RATE * seconds)
        fade = max(1, min(n // 4, int(RATE * 0.01)))
        for i in range(n):
            envelope = min(1.0, i / fade, (n - i) / fade)
            value = _wave(shape, (i * freq / RATE) % 1.0) * envelope * loudness
            out.append(int(max(-1.0, min(1.0, value)) * 32767))
    return out.tobytes()


class Sound:
    def __init__(self) -> None:
        self.ready = False
        self.volume = 0.7
        self._sounds: dict[str, pygame.mixer.Sound] = {}

    def start(self, volume: float) -> None:
        """Open the mixer (after the first frame); silence is the fallback, never an error."""
        self.volume = volume
        try:
            pygame.mixer.init(frequency=RATE, size=-16, channels=1, buffer=512)
            for name, (notes, shape, loud) in _SOUNDS.items():
                self._sounds[name] = pygame.mixer.Sound(buffer=synthesise(notes, shape, loud))
            self.ready = True
        except (pygame.error, OSError, ValueError):
            self.ready = False

    def play(self, name: str) -> None:
        if not self.ready or self.volume <= 0 or name not in self._sounds:
            return
        sound = self._sounds[name]
        sound.set_volume(self.volume)
        sound.play()

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def close(self) -> None:
        if self.ready:
            pygame.mixer.quit()
            self.ready = False


def duration(name: str) -> float:
    return math.fsum(s for _f, s in _SOUNDS[name][0])
