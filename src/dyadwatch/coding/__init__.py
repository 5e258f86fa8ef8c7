"""Event coding: dependency-parse patterns -> CAMEO events with Goldstein, QuadClass, PLOVER.

* ``Coder`` -- ``code(doc, mentions, document, sentences) -> [Event]``
* ``PatternSet`` -- the pattern data (``data/patterns/*.json`` plus user files)
* ``lookup`` -- CAMEO codebook lookups
"""

from __future__ import annotations

from .codebook import CodeInfo, all_codes, lookup
from .coder import Coder
from .patterns import Pattern, PatternSet

__all__ = ["Coder", "PatternSet", "Pattern", "lookup", "all_codes", "CodeInfo"]
