"""Settings persist, stay in range, and a damaged file falls back without a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from game.persistence.settings import Settings, load_settings, save_settings, with_changes


def test_defaults_when_missing(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "settings.json")
    assert loaded.model == Settings() and loaded.messages == []


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    changed = with_changes(
        Settings(),
        font_scale=1.6,
        high_contrast=True,
        device="cpu",
        text_speed=0,
        disabled_mods=["silly_mod"],
    )
    save_settings(changed, path)
    assert load_settings(path).model == changed


@pytest.mark.parametrize(
    "field,value", [("font_scale", 2.5), ("font_scale", 0.5), ("volume", 1.5), ("device", "tpu")]
)
def test_out_of_range_values_are_refused(field: str, value: object) -> None:
    with pytest.raises(ValidationError):
        with_changes(Settings(), **{field: value})


def test_reduced_motion_makes_text_instant() -> None:
    assert with_changes(Settings(), reduced_motion=True).effective_text_speed == 0


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"schema_version": 1, "font_scale": 1.2, "from_the_future": true}')
    loaded = load_settings(path)
    assert loaded.model.font_scale == 1.2 and loaded.messages == []


def test_garbage_file_gives_defaults_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"\x00\x01 not json")
    loaded = load_settings(path)
    assert loaded.model == Settings()
    assert any("Default settings" in m for m in loaded.messages)
    assert list(tmp_path.glob("settings.json.damaged-*"))
