"""Art the game draws itself, named by id in content instead of a file under `assets/`.

The UI must draw every id listed here (its tests compare against these sets); lint warns about
a bare id missing from them, since the UI would fall back to generic art. Must not import
pygame or torch.
"""

from __future__ import annotations

PORTRAITS: frozenset[str] = frozenset(
    {
        "professor",
        "hammer",
        "ceo",
        "apprentice",
        "backprop",
        "duck",
        "committee",
        "oneai",
        "narrator",
    }
)
"""Built-in portrait ids for `speakers.<id>.portrait`."""

BACKDROPS: frozenset[str] = frozenset(
    {
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
)
"""Built-in backdrop ids for a scene's `background`."""

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")
SOUND_SUFFIXES = (".ogg", ".wav", ".mp3", ".flac")
