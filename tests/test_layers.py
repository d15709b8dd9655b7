"""The package's layers, read from its imports with ``ast``: each folder may import only the layers below it.

Order, bottom to top: the core (errors, images, files, provenance, faces, label, data),
fakes and forensics, (detector, game), show, widgets, course. The rules below
are the ones a newcomer relies on when reading the folder names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "realorfake"
CORE = {"errors", "images", "files", "provenance", "faces", "label", "data"}
WIDGET_LIBRARIES = {"ipywidgets", "IPython.display", "voila", "panel", "solara"}


def module_name(path: Path) -> str:
    """'realorfake.fakes.swap' for src/realorfake/fakes/swap.py ('realorfake.fakes' for its __init__)."""
    parts = ["realorfake", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (inside functions too), as absolute dotted names."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            found.add(stem)
            found.update(f"{stem}.{alias.name}" for alias in node.names)  # `from . import swap` names a module
    return found


def layer(name: str) -> str:
    """The layer of a module of the package: 'core', 'fakes', 'forensics', 'show', 'widgets', 'course', ... or ''."""
    parts = name.split(".")
    if parts[0] != "realorfake" or len(parts) == 1:
        return ""
    if parts[1] in CORE:
        return "core"
    if parts[1] == "course" and len(parts) > 2 and parts[2] == "checks":
        return "checks"
    return parts[1]


def package_imports(path: Path) -> set[str]:
    """The layers (and outside widget libraries) a file imports."""
    layers = set()
    for name in imports_of(path):
        if name.split(".")[0] == "realorfake":
            layers.add(layer(name))
        elif any(name == lib or name.startswith(lib + ".") for lib in WIDGET_LIBRARIES):
            layers.add("widget library")
    layers.discard("")
    return layers


FILES = sorted(path for path in PACKAGE.rglob("*.py"))

#: layer -> what it must never import. "widget library" is ipywidgets or IPython's display.
FORBIDDEN = {
    "core": {"fakes", "forensics", "detector", "game", "show", "widgets", "course", "checks", "widget library"},
    "fakes": {"forensics", "detector", "game", "show", "widgets", "course", "checks", "widget library"},
    "forensics": {"fakes", "detector", "game", "show", "widgets", "course", "checks", "widget library"},
    "detector": {"game", "show", "widgets", "course", "checks", "widget library"},
    "game": {"show", "widgets", "course", "checks", "widget library"},
    "show": {"widgets", "course", "checks", "widget library"},
    "widgets": {"course", "checks"},
    "checks": {"widgets", "widget library"},
}


def violations(path: Path) -> set[str]:
    """The forbidden layers a file imports, by its own layer's rule."""
    own = layer(module_name(path))
    return package_imports(path) & FORBIDDEN.get(own, set())


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_layers_below_it(path):
    assert not violations(path), f"{module_name(path)} ({layer(module_name(path))}) imports {sorted(violations(path))}"


def test_a_wrong_import_is_caught(tmp_path):
    """The rule really bites: a core module that imports a widget, and forensics importing fakes, are both found."""
    fake_package = tmp_path / "realorfake"
    (fake_package / "forensics").mkdir(parents=True)
    bad_core = fake_package / "faces.py"
    bad_core.write_text("from .widgets import explorer\n")
    bad_view = fake_package / "forensics" / "ela.py"
    bad_view.write_text("def f():\n    from ..fakes import swap\n    import ipywidgets\n")
    globals()["PACKAGE"] = fake_package
    try:
        assert violations(bad_core) == {"widgets"}
        assert violations(bad_view) == {"fakes", "widget library"}
    finally:
        globals()["PACKAGE"] = Path(__file__).resolve().parents[1] / "src" / "realorfake"


def test_every_layer_folder_says_what_it_may_import():
    for folder in ("fakes", "forensics", "detector", "show", "widgets", "course", "course/checks"):
        doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "import" in doc.lower() and len(doc) > 200, f"{folder}/__init__.py needs a docstring saying what lives there and what it may import"


def test_checks_has_no_import_loop():
    """Each lesson's checks import the shared helpers from checks.feedback, not from the package that imports them."""
    for path in (PACKAGE / "course" / "checks").glob("lesson*.py"):
        assert "realorfake.course.checks" not in imports_of(path), f"{path.name} imports checks/__init__"


def test_every_public_function_and_class_has_a_docstring():
    missing = []
    for path in FILES:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            members = [node] + (node.body if isinstance(node, ast.ClassDef) and not node.name.startswith("_") else [])
            for item in members:
                if isinstance(item, (ast.FunctionDef, ast.ClassDef)) and not item.name.startswith("_") and not ast.get_docstring(item):
                    missing.append(f"{module_name(path)}.{item.name}")
    assert not missing, f"public names without a docstring: {missing}"


def test_the_checks_do_not_load_pytorch():
    """Lessons 01-04 import the checks; PyTorch (about 180 MB) once came with them through Lesson 05's metrics."""
    import subprocess
    import sys

    code = "import sys; from realorfake.course import checks; import realorfake.detector.evaluation; print('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
