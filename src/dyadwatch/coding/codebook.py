"""CAMEO codebook lookups: label, root, QuadClass, Goldstein, PLOVER type/mode.

The table is ``data/cameo/eventcodes.csv`` (built by ``tools/build_codebook.py``
from the CAMEO codebook and the CAMEO->PLOVER 2021 table).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .._resources import read_csv
from ..errors import ConfigError


@dataclass(frozen=True)
class CodeInfo:
    code: str
    label: str
    root: str
    quad_class: int | None  # None only for a user's custom code without one
    goldstein: float | None
    plover_type: str | None
    plover_mode: str | None


@lru_cache(maxsize=1)
def _table() -> dict[str, CodeInfo]:
    rows = read_csv("cameo", "eventcodes.csv",
                    required=("code", "label", "root", "quad_class", "goldstein"))
    table = {}
    for r in rows:
        table[r["code"]] = CodeInfo(r["code"], r["label"], r["root"], int(r["quad_class"]),
                                    float(r["goldstein"]), r.get("plover_type") or None,
                                    r.get("plover_mode") or None)
    if len({c.root for c in table.values()}) != 20:
        raise ConfigError("data/cameo/eventcodes.csv must cover all 20 CAMEO roots")
    return table


def lookup(code: str) -> CodeInfo:
    """Info for a CAMEO code; raises ``ConfigError`` for an unknown code."""
    try:
        return _table()[code]
    except KeyError:
        raise ConfigError(f"unknown CAMEO event code {code!r} (not in data/cameo/eventcodes.csv)") from None


def all_codes() -> list[str]:
    return sorted(_table())
