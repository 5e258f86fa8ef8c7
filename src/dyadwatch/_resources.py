"""Loaders for the data files shipped in ``dyadwatch/data`` (validated on load)."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
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


@lru_cache(maxsize=None)
def country_codes() -> frozenset[str]:
    """Every valid country-level actor code: ISO 3166 alpha-3, CAMEO regions and
    historical states, and the international prefixes (IGO, NGO, ...)."""
    codes = set()
    for line in read_text("actors", "codes.tsv").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, code, *_ = line.split("\t")
        if kind in ("country", "intl"):
            codes.add(code)
    if not codes:
        raise ConfigError("data file dyadwatch/data/actors/codes.tsv lists no country codes")
    return frozenset(codes)


@dataclass(frozen=True)
class CodeInfo:
    """One CAMEO event code: label, root, QuadClass, Goldstein, PLOVER type/mode."""

    code: str
    label: str
    root: str
    quad_class: int | None  # None only for a user's custom code without one
    goldstein: float | None
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None = None  # PLOVER context of CAMEO2PLOVER, when it gives one


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CodeInfo]:
    """The CAMEO codebook, ``data/cameo/eventcodes.csv`` (built by
    ``tools/build_codebook.py`` from the CAMEO codebook and the CAMEO->PLOVER table).
    Read by the coder, the exports and the report alike."""
    rows = read_csv("cameo", "eventcodes.csv",
                    required=("code", "label", "root", "quad_class", "goldstein"))
    table = {}
    for r in rows:
        table[r["code"]] = CodeInfo(r["code"], r["label"], r["root"], int(r["quad_class"]),
                                    float(r["goldstein"]), r.get("plover_type") or None,
                                    r.get("plover_mode") or None,
                                    r.get("plover_context") or None)
    if len({c.root for c in table.values()}) != 20:
        raise ConfigError("data/cameo/eventcodes.csv must cover all 20 CAMEO roots")
    return table
