"""The player's preferences, persisted as `settings.json` in the user folder.

The model is the single source of truth: its field descriptions are shown in the settings
screen's help line. A damaged file falls back to its backup, then to defaults, with a message.
Must not import pygame or torch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from game.persistence.jsonfile import Loaded, Migration, load_model, store_model
from game.persistence.paths import settings_file

SETTINGS_VERSION = 1

FONT_SCALE_MIN = 0.8
FONT_SCALE_MAX = 2.0
TEXT_SPEEDS = (0, 20, 40, 70, 120)  # characters per second; 0 means "show at once"
CODE_ZOOMS = (0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0, 2.4, 2.8)


class Settings(BaseModel):
    """Preferences. Unknown keys are dropped (older or newer games wrote them), never fatal."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    schema_version: int = SETTINGS_VERSION
    text_speed: int = Field(
        default=40,
        ge=0,
        le=500,
        description="Typewriter speed, characters per second (0: instant).",
    )
    font_scale: float = Field(
        default=1.0, ge=FONT_SCALE_MIN, le=FONT_SCALE_MAX, description="Text size, 80% to 200%."
    )
    code_zoom: float = Field(
        default=1.0,
        ge=CODE_ZOOMS[0],
        le=CODE_ZOOMS[-1],
        description="Size of the code in the lab terminal, on top of the text size "
        "(Ctrl + and Ctrl - in the editor change it too).",
    )
    fullscreen: bool = Field(default=False, description="Fill the screen instead of a window.")
    window_size: tuple[int, int] = Field(
        default=(1280, 800), description="Size of the window when not fullscreen."
    )
    volume: float = Field(default=0.7, ge=0.0, le=1.0, description="Sound volume, 0 to 100%.")
    device: Literal["auto", "cpu", "cuda"] = Field(
        default="auto", description="Where your code runs: auto picks a GPU when there is one."
    )
    high_contrast: bool = Field(default=False, description="Black, white and bright accents.")
    reduced_motion: bool = Field(
        default=False, description="No typewriter, blinking or sliding: text appears at once."
    )
    self_voicing: bool = Field(
        default=False,
        description="Speak dialogue, choices, menu items, results and hints aloud through the "
        "system's speech engine (V toggles it anywhere but the code editor).",
    )
    skip_unseen: bool = Field(
        default=False, description="Let Skip run through lines you have not read yet."
    )
    disabled_mods: list[str] = Field(
        default_factory=list, description="Ids of mods you switched off on the Mods screen."
    )
    keys: dict[str, str] = Field(
        default_factory=dict,
        description="Your own keys for the game's commands (command: key, e.g. `hint: f4`); "
        "the others keep their defaults. Press Enter to change them.",
    )

    @property
    def effective_text_speed(self) -> int:
        return 0 if self.reduced_motion else self.text_speed


MIGRATIONS: dict[int, Migration] = {}


def load_settings(path: Path | None = None) -> Loaded[Settings]:
    """Settings from disk; defaults when missing or beyond repair (with a message)."""
    outcome = load_model(
        path or settings_file(),
        Settings,
        current=SETTINGS_VERSION,
        migrations=MIGRATIONS,
        what="settings file",
    )
    if outcome.model is None:
        outcome.model = Settings()
        if outcome.messages:
            outcome.messages.append("Default settings are used.")
    return outcome


def save_settings(settings: Settings, path: Path | None = None) -> None:
    store_model(path or settings_file(), settings, keep_backups=1)


def with_changes(settings: Settings, **changes: Any) -> Settings:
    """A validated copy with `changes` applied (raises ValueError on an out-of-range value)."""
    return Settings.model_validate({**settings.model_dump(), **changes})
