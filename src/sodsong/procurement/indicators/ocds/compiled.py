"""The per-release folds compiled to C with mypyc, used when built, else the same Python.

Why: the folds are most of the CPU time of `sodsong indicators`; mypyc compiles the very same
modules (same source, same semantics, same output) and roughly halves that time. Nothing is
built at install time: `sodsong indicators --compile` (and the benchmark) builds them into
`_mypyc/<key>/` next to this file, where `key` hashes the compiled sources, this Python and
this machine, so an edited source is never shadowed by a stale build: the key changes and the
pure Python modules are used until the next `--compile`. Without mypy (a dev dependency), a C
compiler, or with `SODSONG_PURE_PYTHON=1`, the pure Python modules are used.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import importlib.util
import inspect
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

__all__ = ["MODULES", "activate", "active", "build", "key", "module_doc"]

PACKAGE = "sodsong.procurement.indicators.ocds"
HERE = Path(__file__).resolve().parent
# The hot modules, in dependency order; `release` (msgspec Structs) and the engine stay Python.
MODULES = (
    "common",
    "base",
    "rfc3339",
    "price",
    "tenderers",
    "organizations",
    "r003",
    "r018",
    "r024",
    "r025",
    "r028",
    "r030",
    "r035",
    "r036",
    "r038",
    "r044",
    "r048",
    "r058",
    "fold",
    "output",
)
# Sources the compiled code depends on without being compiled itself.
DEPENDS = ("release", "settings", "../numeric", "../registry")
_state = {"active": False}


def key() -> str:
    """Hash of the compiled sources, their dependencies, the Python version and the machine."""
    digest = hashlib.sha256()
    digest.update(f"{sys.implementation.cache_tag} {sys.version} {platform.machine()}".encode())
    for name in (*MODULES, *DEPENDS):
        digest.update(name.encode())
        digest.update((HERE / f"{name}.py").read_bytes())
    return digest.hexdigest()[:20]


def module_doc(module_name: str) -> str:
    """A module's docstring (the indicator's definition), read from its source when compiled:
    a mypyc module has no `__doc__`."""
    doc = getattr(sys.modules.get(module_name), "__doc__", None)
    if doc:
        return inspect.cleandoc(doc)
    source = HERE / f"{module_name.rpartition('.')[2]}.py"
    return ast.get_docstring(ast.parse(source.read_text(encoding="utf-8"))) or ""


def target() -> Path:
    return HERE / "_mypyc" / key()


def active() -> bool:
    """Whether the compiled modules are the ones in use."""
    return _state["active"]


def activate(package_path: list[str]) -> bool:
    """Put a matching build first on the package's path (called by the package before any
    indicator module is imported); any problem leaves the pure Python modules in use."""
    if os.environ.get("SODSONG_PURE_PYTHON") or not (target() / "complete").exists():
        return False
    built = target()
    compiled_dir = str(built.joinpath(*PACKAGE.split(".")))
    loaded: list[str] = []
    try:
        for lib in sorted(built.glob("*__mypyc*")):
            name = lib.name.split(".")[0]
            if name not in sys.modules:
                spec = importlib.util.spec_from_file_location(name, lib)
                assert spec is not None and spec.loader is not None
                module = importlib.util.module_from_spec(spec)
                sys.modules[name] = module
                loaded.append(name)
                spec.loader.exec_module(module)
        package_path.insert(0, compiled_dir)
        for name in MODULES:
            full = f"{PACKAGE}.{name}"
            module = importlib.import_module(full)
            loaded.append(full)
            if not str(module.__file__).startswith(compiled_dir):
                raise ImportError(f"{full} was already imported from {module.__file__}")
            if not module.__doc__:  # mypyc leaves it out; help() and the docs read it
                module.__doc__ = module_doc(full)
    except Exception:  # any failure: back to the pure Python modules
        if compiled_dir in package_path:
            package_path.remove(compiled_dir)
        for name in loaded:
            sys.modules.pop(name, None)
        return False
    _state["active"] = True
    return True


def build(quiet: bool = True) -> Path:
    """Compile `MODULES` with mypyc into `_mypyc/<key>/` (replacing older builds); raises on failure."""
    from mypyc.build import mypycify  # a dev dependency: only needed to build
    from setuptools import Distribution
    from setuptools.command.build_ext import build_ext

    destination = target()
    if (destination / "complete").exists():
        return destination
    root = HERE / "_mypyc"
    root.mkdir(exist_ok=True)
    (root / ".gitignore").write_text("*\n")
    sources = [str(HERE / f"{name}.py") for name in MODULES]
    with tempfile.TemporaryDirectory(prefix="sodsong-mypyc-") as work:
        cwd = os.getcwd()
        os.chdir(work)  # mypyc writes its C files under ./build; no project mypy config here
        try:
            extensions = mypycify(sources, opt_level="3", verbose=not quiet)
            distribution = Distribution({"ext_modules": extensions, "script_name": "setup.py"})
            command = build_ext(distribution)
            command.build_lib = str(Path(work) / "lib")
            command.build_temp = str(Path(work) / "temp")
            command.ensure_finalized()
            command.run()
        finally:
            os.chdir(cwd)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
        shutil.copytree(Path(work) / "lib", staging, dirs_exist_ok=True)
        (staging / "complete").write_text(key())
    for old in root.iterdir():
        if old.is_dir() and not old.name.startswith(".staging-"):
            shutil.rmtree(old, ignore_errors=True)
    try:
        staging.rename(destination)
    except OSError:  # another process finished the same build first
        shutil.rmtree(staging, ignore_errors=True)
        if not (destination / "complete").exists():
            raise
    return destination
