"""Analysis reads stored events through the store's query layer only: no SQL, no DuckDB."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import dyadwatch.analysis

ANALYSIS = Path(dyadwatch.analysis.__file__).parent
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE)\b\s+\S+.*\b(FROM|INTO|SET|TABLE)\b")


def test_no_module_of_analysis_imports_duckdb_or_holds_sql():
    for f in sorted(ANALYSIS.glob("*.py")):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert not any(n.startswith("duckdb") for n in names), f"{f.name} imports duckdb"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not SQL.search(node.value), f"{f.name} holds SQL: {node.value[:60]!r}"
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("con", "_use", "_con"), \
                    f"{f.name} reaches into the store's connection"
