"""The story state machine. PURE: must not import pygame or torch."""
