"""CAMEO codebook lookups: label, root, QuadClass, Goldstein, PLOVER type/mode.

The table is ``data/cameo/eventcodes.csv`` (built by ``tools/build_codebook.py``
from the CAMEO codebook and the CAMEO->PLOVER 2021 table).
"""

from __future__ import annotations

from .._resources import CodeInfo, cameo_table
from ..errors import ConfigError

__all__ = ["CodeInfo", "all_codes", "lookup"]

_table = cameo_table


def lookup(code: str) -> CodeInfo:
    """Info for a CAMEO code; raises ``ConfigError`` for an unknown code."""
    try:
        return _table()[code]
    except KeyError:
        raise ConfigError(f"unknown CAMEO event code {code!r} (not in data/cameo/eventcodes.csv)") from None


def all_codes() -> list[str]:
    return sorted(_table())
