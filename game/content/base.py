"""Shared pieces of the content models: the strict base class and id patterns.

Must not import pygame or torch.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
TARGET_PATTERN = r"^([a-z][a-z0-9_]*:)?[a-z][a-z0-9_]*$"

Ident = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
"""A lower-case identifier: letters, digits and underscores, starting with a letter."""

Target = Annotated[str, StringConstraints(pattern=TARGET_PATTERN, max_length=129)]
"""A node in this scene (`node_id`) or in another scene (`scene_id:node_id`)."""


class StrictModel(BaseModel):
    """Base of every content model: unknown keys are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)
