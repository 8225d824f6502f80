"""The game's screens; each one draws itself, reacts to intents and describes itself in text.
Must not import torch."""
