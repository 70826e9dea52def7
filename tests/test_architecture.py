"""The layers, checked by reading imports: the engine stays headless and depends on nothing of ours,
and no module of the game imports itself round a cycle (however late or only for type checking)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
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


def imported(path: Path, root: Path = ROOT) -> list[tuple[str, tuple[str, ...]]]:
    """Every import in a file, inside functions and under TYPE_CHECKING too, as (absolute module,
    names taken from it), relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, tuple[str, ...]]] = []
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names = tuple(alias.name for alias in node.names)
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.append((".".join(base + ([node.module] if node.module else [])), names))
            else:
                found.append((node.module or "", names))
    return found


def imports_of(path: Path, root: Path = ROOT) -> set[str]:
    """Absolute names of every module a file imports, relative imports resolved."""
    return {module for module, _ in imported(path, root)}


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Each module of the game to the modules of the game it imports; `from package import module`
    is an edge to that module, not to the package."""
    paths = {module_name(path, root): path for path in sorted((root / "game").rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        targets: set[str] = set()
        for module, names in imported(path, root):
            submodules = {f"{module}.{taken}" for taken in names if f"{module}.{taken}" in paths}
            targets |= submodules
            if module in paths and (not names or len(submodules) < len(names)):
                targets.add(module)
        graph[name] = targets - {name}
    return graph


def a_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Some import cycle as the modules round it (the first again at the end), or None."""
    done: set[str] = set()
    for start in sorted(graph):
        path: list[str] = []
        stack = [(start, iter(sorted(graph[start])))]
        on_path = {start}
        path.append(start)
        while stack:
            module, targets = stack[-1]
            target = next(targets, None)
            if target is None:
                stack.pop()
                path.pop()
                on_path.discard(module)
                done.add(module)
            elif target in on_path:
                return [*path[path.index(target) :], target]
            elif target not in done:
                stack.append((target, iter(sorted(graph.get(target, ())))))
                on_path.add(target)
                path.append(target)
    return None


def modules(layer: str) -> list[Path]:
    return sorted((GAME / layer).rglob("*.py"))


def homes_for_type_checkers() -> dict[str, tuple[str, ...]]:
    """The names game/engine/__init__.py imports for type checkers, by the module they come from."""
    tree = ast.parse((GAME / "engine" / "__init__.py").read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If))
    return {
        node.module or "": tuple(alias.name for alias in node.names)
        for node in block.body
        if isinstance(node, ast.ImportFrom)
    }


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(layer: str) -> None:
    for path in modules(layer):
        ours = {name for name in imports_of(path) if name.startswith("game")}
        strays = {name for name in ours if not any(name.startswith(allowed) for allowed in ALLOWED[layer])}
        assert not strays, f"{path.relative_to(ROOT)} imports {sorted(strays)}"


@pytest.mark.parametrize("layer", ["storage", "ui", "tools"])
def test_outside_the_engine_only_its_public_surface_is_imported(layer: str) -> None:
    for path in modules(layer):
        inner = sorted(name for name in imports_of(path) if name.startswith("game.engine."))
        assert not inner, (
            f"{path.relative_to(ROOT)} imports {inner}: import from game.engine instead "
            "(a name it lacks goes into HOMES in game/engine/__init__.py)"
        )


def test_the_public_surface_names_each_name_once_for_python_and_type_checkers() -> None:
    import game.engine

    assert homes_for_type_checkers() == game.engine.HOMES
    assert sorted(game.engine.__all__) == sorted({name for names in game.engine.HOMES.values() for name in names})
    for name in game.engine.__all__:
        assert getattr(game.engine, name) is not None
    assert issubclass(game.engine.ScenarioError, game.engine.EngineError)
    for error in ("InvalidChoice", "AnalysisError", "SessionStateError"):
        assert issubclass(getattr(game.engine, error), game.engine.EngineError), error


def test_importing_the_engine_loads_nothing_until_a_name_is_used() -> None:
    """The window imports game.engine for a few model types; reading, playing and judging must not
    slow its start."""
    code = (
        "import json, sys, game.engine\n"
        "loaded = lambda: sorted(m for m in sys.modules if m.startswith('game.engine.'))\n"
        "before = loaded(); game.engine.Channel; print(json.dumps([before, loaded()]))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    before, after = json.loads(done.stdout)
    assert before == []
    assert "game.engine.model" in after
    assert not [
        m for m in after if m.startswith(("game.engine.playing", "game.engine.judging", "game.engine.reading.loader"))
    ]


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


def test_no_module_of_the_game_imports_itself_round_a_cycle() -> None:
    cycle = a_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_check_sees_late_and_type_checking_imports(tmp_path: Path) -> None:
    ui = tmp_path / "game" / "ui"
    ui.mkdir(parents=True)
    (ui / "__init__.py").write_text("")
    (ui / "app.py").write_text("def first():\n    from .scenes import title\n")
    (ui / "scenes").mkdir()
    (ui / "scenes" / "__init__.py").write_text("")
    (ui / "scenes" / "title.py").write_text("from .. import scene\n")
    (ui / "scene.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .app import App\n")
    assert a_cycle(import_graph(tmp_path)) == ["game.ui.app", "game.ui.scenes.title", "game.ui.scene", "game.ui.app"]
    (ui / "scene.py").write_text("")
    assert a_cycle(import_graph(tmp_path)) is None


RULES = "game.engine.playing.rules"
RULES_ARITHMETIC = {"ANGER_MIN", "ANGER_MAX", "TEMPERAMENT_MIN", "TEMPERAMENT_MAX", "MAX_ROUTE_HOPS"}
RULES_ARITHMETIC |= {"scaled_anger", "clamp_anger", "gains_on_arrival"}


def test_how_a_conversation_moves_is_defined_only_by_the_machine() -> None:
    """rules.py keeps only bounds and sums; no module takes a move (where an answer leads, what is
    available, routing) from anywhere but the compiled machine (playing/machine.py)."""
    tree = ast.parse((GAME / "engine" / "playing" / "rules.py").read_text(encoding="utf-8"))
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert defined <= RULES_ARITHMETIC, (
        f"rules.py defines {sorted(defined - RULES_ARITHMETIC)}: moves belong to machine.py"
    )
    for path in sorted(GAME.rglob("*.py")):
        for module, names in imported(path):
            if module == RULES:
                assert set(names) <= RULES_ARITHMETIC, f"{path.relative_to(ROOT)} imports {names} from rules"
            if module == "game.engine.playing" and "rules" in names:
                assert path.name == "session.py", f"{path.relative_to(ROOT)} imports the rules module whole"
