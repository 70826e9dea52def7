"""Reading a library: a principles file that cannot be used is read once, not again for every scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.storage import scenario_files
from game.storage.scenario_files import PRINCIPLES_FILE, load_library
from tests.paths import ANGRY_WALK_IN


def test_a_broken_principles_file_is_read_once_and_the_scenarios_still_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = ANGRY_WALK_IN.read_text(encoding="utf-8")
    for number in range(3):
        (tmp_path / f"walk-in-{number}.yaml").write_text(
            text.replace("id: angry-walk-in", f"id: walk-in-{number}", 1), encoding="utf-8"
        )
    (tmp_path / PRINCIPLES_FILE).write_text("principles: [unclosed\n", encoding="utf-8")
    reads: list[str] = []
    real_read = scenario_files.read_bounded

    def counted_read(path: Path, limit: int) -> bytes:
        reads.append(path.name)
        return real_read(path, limit)

    monkeypatch.setattr(scenario_files, "read_bounded", counted_read)
    library = load_library([tmp_path])
    assert reads.count(PRINCIPLES_FILE) == 1
    assert len(library.scenarios) == 3, "checked without the principles, as when there are none"
    assert [Path(d.path).name for d in library.diagnostics if d.is_error] == [PRINCIPLES_FILE]
