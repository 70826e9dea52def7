"""What each of the three scores measures, in one plain sentence for a new hire.

The debrief shows these under the score bars, so a trainee reads "Assertiveness 40" knowing
what it is about; written once here, beside the scoring, so every screen says the same.
"""

from __future__ import annotations

SCORE_MEANINGS: dict[str, str] = {
    "composure": "Staying calm and civil, whatever they say.",
    "assertiveness": "Being clear and firm, but never rude.",
    "resolution": "Moving their problem towards a fix.",
}
