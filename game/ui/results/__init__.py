"""The results panel the lab terminal embeds, and the tensor pictures it draws."""

from game.ui.results.panel import ResultsPanel

__all__ = ["ResultsPanel"]
