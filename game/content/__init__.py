"""Content: pydantic models for scenes and puzzles, YAML loading with file:line diagnostics,
mod discovery and lint. PURE: must not import pygame or torch."""
