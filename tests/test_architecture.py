"""The layers, checked by reading imports: the engine stays headless and depends on nothing of ours."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.paths import ROOT

GAME = ROOT / "game"
ALLOWED = {
    "engine": {"game.engine"},
    "storage": {"game.engine", "game.storage"},
    "ui": {"game.engine", "game.storage", "game.ui"},
    "tools": {"game.engine", "game.storage", "game.ui", "game.tools"},
}
FORBIDDEN_IN_ENGINE = {"pygame", "pygame_gui", "sqlite3", "socket", "urllib", "http", "requests", "subprocess"}


def imports_of(path: Path, root: Path = ROOT) -> set[str]:
    """Absolute names of every module a file imports, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.add(".".join(base + ([node.module] if node.module else [])))
            else:
                found.add(node.module or "")
    return found


def modules(layer: str) -> list[Path]:
    return sorted((GAME / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(layer: str) -> None:
    for path in modules(layer):
        ours = {name for name in imports_of(path) if name.startswith("game")}
        strays = {name for name in ours if not any(name.startswith(allowed) for allowed in ALLOWED[layer])}
        assert not strays, f"{path.relative_to(ROOT)} imports {sorted(strays)}"


def test_the_engine_does_no_drawing_and_no_io() -> None:
    for path in modules("engine"):
        roots = {name.split(".")[0] for name in imports_of(path)}
        assert not roots & FORBIDDEN_IN_ENGINE, (
            f"{path.relative_to(ROOT)} imports {sorted(roots & FORBIDDEN_IN_ENGINE)}"
        )
        calls = {
            node.func.id
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
        assert not calls & {"open", "print", "input"}, (
            f"{path.name} does I/O: {sorted(calls & {'open', 'print', 'input'})}"
        )


def test_the_screens_never_parse_yaml_themselves() -> None:
    for path in modules("ui"):
        roots = {name.split(".")[0] for name in imports_of(path)}
        assert "yaml" not in roots, f"{path.relative_to(ROOT)} imports yaml; load scenarios through game.storage"


def test_yaml_is_only_ever_loaded_safely() -> None:
    for path in GAME.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for unsafe in (
            "yaml.load(",
            "yaml.unsafe_load",
            "yaml.full_load",
            "FullLoader",
            "UnsafeLoader",
            "eval(",
            "exec(",
        ):
            assert unsafe not in source, f"{path.relative_to(ROOT)} uses {unsafe}"


def test_the_scan_sees_relative_and_absolute_imports(tmp_path: Path) -> None:
    bad = tmp_path / "game" / "engine" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("import pygame.display\nfrom ..storage import saves\nfrom . import model\n")
    assert imports_of(bad, tmp_path) == {"pygame.display", "game.storage", "game.engine"}
