"""Reusable drawing pieces: rich text, menus, buttons, scrolling, Markdown. Must not import torch."""
