"""The only package that imports pygame: app loop, screens, widgets. Must never import torch."""
