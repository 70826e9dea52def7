"""What the scenario format allows, in one place: the validator enforces these limits and the
screens are laid out for them, so any text that `validate` accepts fits and plays.

Lengths count characters after the loader has read the text. Labels are one short line (a
title, a name); lines are what one person says or chooses in one breath; paragraphs are
narration, summaries, feedback and endings.
"""

from __future__ import annotations

MAX_CHOICES = 9  # the number keys 1-9 pick an answer
MAX_LABEL = 80
MAX_LINE = 400
MAX_PARAGRAPH = 1500
MAX_LIST_ITEMS = 12  # objectives of a scenario; alternative wordings of one line
QUOTED_IN_MESSAGES = 64  # a diagnostic quotes at most this much of a file, so every id (1-64) whole
MAX_PROBLEMS_PER_FILE = 100  # then one last diagnostic counts the rest
