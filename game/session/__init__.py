"""The application layer between the UI and the game's rules: one playthrough (story, saves,
drafts, play time, the cross-playthrough record) and what a run, a hint or an ending means for
it (attempts, scores, kept solutions, story progress, which saves are due). Screens call it and
present what it decides; it never imports pygame or torch (import-linter contracts hold this).
"""

from game.session.playthrough import DRAFT_SAVE_DELAY_S, GameSession
from game.session.runs import RunOutcome, record_run

__all__ = ["DRAFT_SAVE_DELAY_S", "GameSession", "RunOutcome", "record_run"]
