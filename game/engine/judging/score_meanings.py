"""What each of the three scores measures, in one plain sentence for a new hire.

The debrief shows these under the score bars, so a trainee reads "Assertiveness 40" knowing
what it is about; written once here, beside the scoring, so every screen says the same.
"""

from __future__ import annotations

SCORE_MEANINGS: dict[str, str] = {
    "composure": "Keeping your own calm and tone, whatever the customer does.",
    "assertiveness": "Saying clearly what you can and cannot do, and sticking to it kindly.",
    "resolution": "Moving the problem towards a real fix, or at least a clear next step.",
}
