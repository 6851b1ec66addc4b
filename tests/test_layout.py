"""The package's layout follows the data's path, and imports point one way only: down it (docs/design.md).

Every `digitpad` import in every module, at the top, inside functions and for type checking alike, goes to a step at or
below the importing module's own; and reading, the first step, is pictures only, without TensorFlow or Keras."""

from __future__ import annotations

import ast
from pathlib import Path

from digitpad.config import REPO_ROOT

PACKAGE = REPO_ROOT / "digitpad"
# Each step may import the steps before it. The first holds what every step shares.
STEPS = ("shared", "reading", "models", "learning", "serving", "command line")
SHARED = {"config", "files", "stats", "__init__"}
COMMAND_LINE = {"cli", "__main__"}


def step_of(module: str) -> str:
    """'digitpad.reading.preprocess' -> 'reading'; 'digitpad.config' -> 'shared'."""
    parts = module.split(".")[1:] or ["__init__"]
    if parts[0] in SHARED:
        return "shared"
    if parts[0] in COMMAND_LINE:
        return "command line"
    assert parts[0] in STEPS, f"{module} is in no step of the path"
    return parts[0]


def imports(path: Path) -> set[str]:
    """Every module `path` imports, wherever in the file the import is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            if node.module in ("digitpad", *(f"digitpad.{step}" for step in STEPS)):  # from digitpad.x import module
                found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def modules() -> dict[str, Path]:
    return {".".join(p.relative_to(REPO_ROOT).with_suffix("").parts): p for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_is_in_a_step_and_the_steps_are_subpackages():
    steps = {step_of(name.removesuffix(".__init__")) for name in modules()}
    assert steps == set(STEPS)
    assert {p.name for p in PACKAGE.glob("*.py")} == {f"{name}.py" for name in SHARED | COMMAND_LINE}


def test_imports_point_down_the_path_only():
    upward = []
    for name, path in modules().items():
        own = STEPS.index(step_of(name.removesuffix(".__init__")))
        for imported in imports(path):
            if imported.startswith("digitpad.") and STEPS.index(step_of(imported)) > own:
                upward.append(f"{name} imports {imported}")
    assert not upward


def test_reading_is_pictures_only():
    heavy = [
        f"{name} imports {imported}"
        for name, path in modules().items()
        if step_of(name) == "reading"
        for imported in imports(path)
        if imported.split(".")[0] in ("tensorflow", "keras")
    ]
    assert not heavy
