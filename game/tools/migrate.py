"""`python main.py migrate [PATH ...] [--dry-run]`: rewrite scenario files written for an older format.

A scenario that validated once must keep validating, or this command rewrites it and says what it
changed, line by line, in the trainer's own file; every other byte of the file stays as it was.
After writing it loads the file again and prints what is still wrong, so nothing passes as fixed
that is not.
"""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path

from game.engine import DiagnosticSink, Migration, SizeLimits, decode, migrated, sort_key
from game.storage.atomic import write_atomically
from game.storage.scenario_files import load_report, read_bytes, scenario_paths

from .common import hint_when_over_size

MIGRATED = "migrated: portrait '{old}' is now '{new}' ({why})"
DRY_RUN = "would migrate: portrait '{old}' to '{new}' ({why})"
BY_HAND = (
    "error: portrait '{old}' needs changing by hand, to '{new}' say ({why}): "
    "migrate rewrites only a portrait written bare or in quotes"
)


@dataclass(slots=True)
class Tally:
    """What the run did, for its one-line summary and its exit status."""

    files: int = 0
    files_changed: int = 0
    portraits: int = 0
    by_hand: int = 0
    missing: int = 0  # paths that do not exist
    unusable: int = 0  # files that could not be read or written

    @property
    def failed(self) -> bool:
        return bool(self.missing or self.unusable or self.by_hand)


def migrate(paths: list[str], dry_run: bool, limits: SizeLimits) -> int:
    """Migrate every scenario file at `paths`; 1 when a path is missing, a file could not be read or
    written, or a portrait is left to change by hand."""
    tally = Tally()
    for name in paths:
        target = Path(name)
        if not target.exists():
            print(f"{name}:1:1: error: no such file or folder")
            tally.missing += 1
            continue
        found = scenario_paths(target)
        if not found:
            print(f"{name}: no scenario files in this folder")
        for path in found:
            migrate_file(path, dry_run, limits, tally)
    print(summary(tally, dry_run), file=sys.stderr)
    return 1 if tally.failed else 0


def migrate_file(path: Path, dry_run: bool, limits: SizeLimits, tally: Tally) -> None:
    """Say what changes in one file, then (unless a dry run) write it and say what is still wrong."""
    tally.files += 1
    sink = DiagnosticSink(str(path))
    data = read_bytes(path, sink, limits)
    text = decode(data, sink, limits) if data is not None else None
    if data is None or text is None:
        for diagnostic in sink.items:
            print(diagnostic)
        hint_when_over_size(sink.items)
        tally.unusable += 1
        return
    migration = migrated(text, limits)
    sentence = DRY_RUN if dry_run else MIGRATED
    told = [(rewrite, sentence) for rewrite in migration.rewrites] + [(r, BY_HAND) for r in migration.by_hand]
    for rewrite, said in sorted(told, key=lambda found: found[0].position):  # in file order
        where = f"{path}:{rewrite.position.line}:{rewrite.position.column}"
        print(f"{where}: {said.format(old=rewrite.old, new=rewrite.new, why=rewrite.why)}")
    tally.by_hand += len(migration.by_hand)
    if not migration.rewrites:
        return
    if not dry_run and not written(path, data, migration):
        tally.unusable += 1
        return
    tally.files_changed += 1
    tally.portraits += len(migration.rewrites)
    if not dry_run:
        report_what_remains(path, limits)


def written(path: Path, data: bytes, migration: Migration) -> bool:
    """Write the migrated text over the file, as UTF-8 with its byte order mark if it had one."""
    mark = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    try:
        write_atomically(path, mark + migration.text.encode("utf-8"))
    except OSError as problem:
        print(f"{path}:1:1: error: cannot write the file, so it is unchanged: {problem.strerror or 'unknown cause'}")
        return False
    return True


def report_what_remains(path: Path, limits: SizeLimits) -> None:
    """The errors the migrated file still has: migrating fixes portraits, not everything."""
    errors = [d for d in load_report(path, limits).diagnostics if d.is_error]
    if errors:
        print(f"{path}: still has {len(errors)} error(s) that migrate does not fix:")
    for diagnostic in sorted(errors, key=sort_key):
        print(diagnostic)


def summary(tally: Tally, dry_run: bool) -> str:
    if tally.portraits:
        done = "would migrate" if dry_run else "migrated"
        line = f"{done} {tally.portraits} portrait(s) in {tally.files_changed} of {tally.files} file(s)"
        line += "; nothing was written (--dry-run)" if dry_run else ""
    elif tally.failed:
        line = f"nothing migrated in {tally.files} file(s)"
    else:
        line = f"nothing to migrate in {tally.files} file(s)"
    problems = [
        f"{tally.by_hand} portrait(s) to change by hand" if tally.by_hand else "",
        f"{tally.unusable} file(s) could not be read or written" if tally.unusable else "",
        f"{tally.missing} path(s) not found" if tally.missing else "",
    ]
    return "; ".join([line, *filter(None, problems)])
