"""Loaders for the data files shipped in ``dyadwatch/data`` (validated on load)."""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from .errors import ConfigError


def data_path(*parts: str) -> Any:
    """A Traversable for ``dyadwatch/data/<parts>``."""
    p = resources.files("dyadwatch").joinpath("data")
    for part in parts:
        p = p.joinpath(part)
    return p


def read_text(*parts: str) -> str:
    p = data_path(*parts)
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"missing data file dyadwatch/data/{'/'.join(parts)}; "
                          "the package install is incomplete") from exc


@lru_cache(maxsize=None)
def read_json(*parts: str) -> Any:
    try:
        return json.loads(read_text(*parts))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"data file dyadwatch/data/{'/'.join(parts)} is not valid JSON: {exc}") from exc


def read_csv(*parts: str, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    rows = list(csv.DictReader(
        line for line in read_text(*parts).splitlines() if not line.startswith("#")))
    if rows and required:
        missing = [c for c in required if c not in rows[0]]
        if missing:
            raise ConfigError(f"data file dyadwatch/data/{'/'.join(parts)} lacks columns "
                              f"{missing}; found {list(rows[0])}")
    return rows
