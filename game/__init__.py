"""Torchenstein: a story-driven PyTorch puzzle adventure.

The package root holds only the version; see ARCHITECTURE in the README for the package map.
Nothing here may import pygame or torch.
"""

__version__ = "0.1.0"
