"""Save-format versions and the steps that upgrade older saves. Must not import pygame or torch.

Every change to the meaning of a saved field bumps SAVE_VERSION and adds a step here that turns
a version-N document into version N+1, so every save ever written keeps loading.
"""

from __future__ import annotations

from game.persistence.jsonfile import Migration

SAVE_VERSION = 1

SAVE_MIGRATIONS: dict[int, Migration] = {}
