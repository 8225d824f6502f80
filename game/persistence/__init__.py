"""Saves, settings and the user's folders. PURE: must not import pygame or torch."""
