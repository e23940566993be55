"""The kpi package's imports form no cycle, every module imports alone, and the store has one contract."""

import ast
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

KPI = ROOT / "kpi"


def module_name(path: Path) -> str:
    """The dotted name of a module file under the project root: kpi/boardpack/__init__.py -> kpi.boardpack."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(KPI.rglob("*.py")) if p.name != "__main__.py"}  # __main__ runs the CLI


def _known(name: str) -> str | None:
    """The kpi module a dotted name lives in (`kpi.store.open_store` -> `kpi.store`); None outside kpi."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _top_level(tree: ast.Module) -> list[ast.stmt]:
    """The statements that run when the module is imported (also inside a top-level if/try), not function bodies."""
    found, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        found.append(node)
        if isinstance(node, ast.If | ast.Try):
            todo += [*node.body, *node.orelse, *getattr(node, "finalbody", []), *getattr(node, "handlers", [])]
        elif isinstance(node, ast.ExceptHandler):
            todo += node.body
    return found


def imports_of(name: str, deferred: bool = True) -> set[str]:
    """Every kpi module `name` imports: at the top, and with `deferred` inside functions too (a deferred import
    still closes a cycle: it only moves the failure to the first call)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str | None] = set()
    for node in ast.walk(tree) if deferred else _top_level(tree):
        if isinstance(node, ast.Import):
            found.update(_known(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else _known(base))
    return {m for m in found if m is not None and m != name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of two or more modules that import each other, directly or round about (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_cycle_finder_finds_a_cycle_round_about():
    """The check can fail: a -> b -> c -> a is one group, d (imported, importing nothing) is in none."""
    assert cycles({"a": {"b"}, "b": {"c", "d"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_imports_are_read_at_the_top_and_inside_functions():
    """The store facade imports the folder backend at the top and PostgreSQL inside `open_store`: both count,
    and only the first when deferred imports are left out."""
    assert {"kpi.store_folder", "kpi.store_pg", "kpi.store_base", "kpi.store_location"} <= imports_of("kpi.store")
    assert "kpi.store_folder" in imports_of("kpi.store", deferred=False)
    assert "kpi.store_pg" not in imports_of("kpi.store", deferred=False)


def test_the_kpi_package_has_no_import_cycle():
    """No kpi module imports itself round about when the modules are imported."""
    graph = {name: imports_of(name, deferred=False) for name in MODULES}
    assert cycles(graph) == []


UNTANGLED = ("kpi.store", "kpi.cli")  # the store and the CLI: once in cycles through deferred imports


def test_the_store_and_the_cli_have_no_cycle_even_through_deferred_imports():
    """Counting imports inside functions too, no cycle runs through a store or CLI module (store_folder <->
    store_location and store_pg <-> store_location, cli <-> cli_report were such cycles)."""
    graph = {name: imports_of(name) for name in MODULES}
    assert [group for group in cycles(graph) if any(m.startswith(UNTANGLED) for m in group)] == []


def test_every_kpi_module_imports_alone():
    """Each kpi module imports with no other kpi module loaded before it (none needs another first), and none loads
    streamlit."""
    # Every round executes each kpi module's code afresh in a new module; only the compiled code object of a source
    # file is reused between rounds (what a .pyc gives, without writing one: the tests may run with
    # PYTHONDONTWRITEBYTECODE), so the ~90 rounds do not compile ~50 modules each.
    script = (
        "import importlib, importlib.machinery, sys\n"
        "loader = importlib.machinery.SourceFileLoader\n"
        "compiled, compile_source = {}, loader.source_to_code\n"
        "def source_to_code(self, data, path, *args, **kwargs):\n"
        "    if (path, data) not in compiled:\n"
        "        compiled[path, data] = compile_source(self, data, path, *args, **kwargs)\n"
        "    return compiled[path, data]\n"
        "loader.source_to_code = source_to_code\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    for loaded in [m for m in sys.modules if m == 'kpi' or m.startswith('kpi.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as error:\n"
        "        failed.append(f'{name}: {type(error).__name__}: {error}')\n"
        "if 'streamlit' in sys.modules:\n"
        "    failed.append('streamlit was imported')\n"
        "print('\\n'.join(failed))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *MODULES], capture_output=True, text=True, cwd=ROOT, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_one_store_contract_with_one_class_per_backend():
    """`Store` is the one contract (abstract); the folder and PostgreSQL backends implement every primitive."""
    from kpi.store import FolderStore, Store
    from kpi.store_pg import PostgresStore

    assert inspect.isabstract(Store) and not inspect.isabstract(FolderStore) and not inspect.isabstract(PostgresStore)
    assert issubclass(FolderStore, Store) and issubclass(PostgresStore, Store)
    assert {"_commit", "_pointer_text", "file_bytes"} <= Store.__abstractmethods__
    store = importlib.import_module("kpi.store")
    assert not hasattr(store, "VersionStore") and not hasattr(store, "StoreBackend")
