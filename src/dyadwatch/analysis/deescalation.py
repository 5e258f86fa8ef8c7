"""Which events mark a return to cooperation: ``data/analysis/deescalation.json``.

The file groups CAMEO codes by kind (restraint, contact, mediation,
reassurance, restoration, agreement).  A listed code covers the codes under
it ("087" covers "0871" to "0874").  It is validated when loaded: every code
must exist in the CAMEO codebook (``_resources.cameo_table``) with a
QuadClass the file allows (1 or 2), and no code may sit under two kinds, so
a broken edit fails loudly with the file and the code named.

Whether an event *is* a de-escalation depends on its context: a phone call
between two ministers is routine unless it follows conflict.  This module
only says what *kind* of cooperative move an event is (``DeescalationRules``);
``episodes.py`` decides which of them end an episode.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from .._resources import cameo_table, read_json
from ..errors import ConfigError

_FILE = "dyadwatch/data/analysis/deescalation.json"


@dataclass(frozen=True)
class DeescalationKind:
    name: str  # "contact"
    label: str  # "call, talks or visit"
    codes: tuple[str, ...]


@dataclass(frozen=True)
class DeescalationRules:
    """The validated contents of ``deescalation.json``."""

    version: str
    kinds: tuple[DeescalationKind, ...]
    quad_classes: tuple[int, ...]

    def kind_of(self, cameo: str | None, quad_class: int | None = None) -> DeescalationKind | None:
        """The kind of cooperative move ``cameo`` is, or None (the longest listed prefix wins)."""
        if not cameo or (quad_class is not None and quad_class not in self.quad_classes):
            return None
        best: tuple[int, DeescalationKind] | None = None
        for kind in self.kinds:
            for code in kind.codes:
                if cameo.startswith(code) and (best is None or len(code) > best[0]):
                    best = (len(code), kind)
        return best[1] if best else None

    def kinds_of(self, cameos: Any, quads: Any) -> np.ndarray:
        """``kind_of`` for arrays of codes and QuadClasses: kind names, "" for none."""
        cameos = np.asarray(cameos, dtype=object)
        quads = np.asarray(quads)
        out = np.full(len(cameos), "", dtype=object)
        if not len(cameos):
            return out
        names: dict[Any, str] = {}
        for c in set(cameos.tolist()):
            k = self.kind_of(c) if isinstance(c, str) else None
            names[c] = k.name if k else ""
        out[:] = [names[c] for c in cameos.tolist()]
        out[~np.isin(quads, self.quad_classes)] = ""
        return out

    def label(self, name: str) -> str:
        for kind in self.kinds:
            if kind.name == name:
                return kind.label
        raise KeyError(name)


def parse_rules(data: Any, where: str = _FILE) -> DeescalationRules:
    """Validate the JSON of a de-escalation file (``ConfigError`` names the problem)."""
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict) or not data["kinds"]:
        raise ConfigError(f"{where}: expected an object with a non-empty 'kinds' object")
    quads = data.get("quad_classes", [1, 2])
    if not isinstance(quads, list) or not quads or any(q not in (1, 2, 3, 4) for q in quads):
        raise ConfigError(f"{where}: 'quad_classes' must list QuadClasses 1-4, got {quads!r}")
    table = cameo_table()
    seen: dict[str, str] = {}
    kinds = []
    for name, spec in data["kinds"].items():
        if not isinstance(spec, dict) or not isinstance(spec.get("codes"), list) \
                or not spec["codes"] or not isinstance(spec.get("label"), str):
            raise ConfigError(f"{where}: kind {name!r} needs a 'label' and a non-empty 'codes' list")
        for code in spec["codes"]:
            info = table.get(str(code))
            if info is None:
                raise ConfigError(f"{where}: kind {name!r} lists {code!r}, which is not a CAMEO "
                                  "code in data/cameo/eventcodes.csv")
            if info.quad_class not in quads:
                raise ConfigError(f"{where}: kind {name!r} lists {code} ({info.label}), which is "
                                  f"QuadClass {info.quad_class}, not one of {quads}")
            for other, owner in seen.items():
                if owner != name and (code.startswith(other) or other.startswith(code)):
                    raise ConfigError(f"{where}: {code} (kind {name!r}) overlaps {other} "
                                      f"(kind {owner!r}); a code may belong to one kind only")
            seen[str(code)] = name
        kinds.append(DeescalationKind(name, spec["label"], tuple(str(c) for c in spec["codes"])))
    return DeescalationRules(str(data.get("version", "")), tuple(kinds),
                             tuple(int(q) for q in quads))


@lru_cache(maxsize=1)
def deescalation_rules() -> DeescalationRules:
    """The shipped rules (``data/analysis/deescalation.json``), validated once."""
    return parse_rules(read_json("analysis", "deescalation.json"))
