"""Colours of the game (STORY.md palette: deep purples and charcoal, neon orange and cyan,
error red) and a high-contrast variant. Must not import torch.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Theme:
    name: str
    bg: RGB  # window background, deep charcoal-purple
    panel: RGB  # boxes and panels
    panel_alt: RGB  # raised or selected panels
    border: RGB
    text: RGB  # body text
    text_dim: RGB  # secondary text
    accent: RGB  # neon orange: titles, the Professor, primary buttons
    accent2: RGB  # cyan: the player, links, the caret
    success: RGB
    warning: RGB
    error: RGB  # error-red highlights
    selection: RGB
    current_line: RGB
    # Colour-blind-safe pair (blue/orange) for "matches" vs "differs" in tensor views.
    ok_cell: RGB
    bad_cell: RGB
    # Unavailable items (greyed menu entries): clearly apart from body text in both themes.
    disabled: RGB = (112, 100, 134)


DEFAULT = Theme(
    name="default",
    bg=(22, 16, 32),
    panel=(36, 27, 52),
    panel_alt=(52, 38, 76),
    border=(88, 66, 122),
    text=(236, 230, 245),
    text_dim=(168, 156, 190),
    accent=(255, 154, 60),
    accent2=(94, 231, 255),
    success=(120, 220, 140),
    warning=(255, 214, 102),
    error=(255, 84, 96),
    selection=(70, 90, 150),
    current_line=(44, 34, 64),
    ok_cell=(0, 114, 178),
    bad_cell=(230, 159, 0),
)

HIGH_CONTRAST = Theme(
    name="high_contrast",
    bg=(0, 0, 0),
    panel=(12, 12, 12),
    panel_alt=(40, 40, 40),
    border=(255, 255, 255),
    text=(255, 255, 255),
    text_dim=(220, 220, 220),
    accent=(255, 176, 0),
    accent2=(0, 255, 255),
    success=(0, 255, 0),
    warning=(255, 255, 0),
    error=(255, 60, 60),
    selection=(0, 70, 200),
    current_line=(30, 30, 30),
    ok_cell=(0, 114, 178),
    bad_cell=(230, 159, 0),
    disabled=(140, 140, 140),
)


def theme_for(high_contrast: bool) -> Theme:
    return HIGH_CONTRAST if high_contrast else DEFAULT
