"""The in-game code editor (pygame side): `EditorPane` is what the lab terminal embeds,
`EditorWidget` the code view inside it. The text logic lives in `game.text` (pure).
Must not import torch.
"""

from game.text.markers import Marker
from game.ui.editor.pane import EditorPane
from game.ui.editor.widget import EditorWidget

__all__ = ["EditorPane", "EditorWidget", "Marker"]
