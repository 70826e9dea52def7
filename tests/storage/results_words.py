"""What SQLite says, which a player must never read: our sentences say what happened instead."""

from __future__ import annotations

SQLITE_PHRASES = (
    "disk image is malformed",
    "file is not a database",
    "database is locked",
    "readonly database",
    "unable to open database file",
    "database or disk is full",
    "disk i/o error",
)
NAMES = ("SQLite", "Error")  # the library's name, an exception's class name


def assert_ours(message: str) -> None:
    """`message` is whole sentences of ours: none of SQLite's wording, and ends like a sentence."""
    assert message and message.rstrip().endswith("."), message
    for phrase in SQLITE_PHRASES:
        assert phrase not in message.lower(), message
    for name in NAMES:
        assert name not in message, message
