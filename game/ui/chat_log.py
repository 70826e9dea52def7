"""A conversation's turns as the chat showed them: what each answer adds, and the whole of it
rebuilt from a session's history, for a chat picked up after a live reload or from a save."""

from __future__ import annotations

from game.engine import TIMEOUT, Session

from .dialogue import NOTE, THEM, YOU, ChatEntry
from .displayable import displayable
from .transcript import views_answered

MISSED = "No reply in time"


def said(line: str, reply: ChatEntry) -> list[ChatEntry]:
    """What one turn adds to a chat: the line said (if any), then the reply."""
    return [ChatEntry(THEM, line), reply] if line else [reply]


def chat_of(session: Session) -> list[ChatEntry]:
    """A session's turns as its chat showed them, replayed from its start: the chat after a reload."""
    chat: list[ChatEntry] = []
    for view, step in views_answered(session):
        if step.choice == TIMEOUT:
            reply = ChatEntry(NOTE, MISSED)
        else:
            reply = ChatEntry(YOU, next(option.text for option in view.options if option.choice_id == step.choice))
        chat += said(displayable(view.line), reply)
    return chat
