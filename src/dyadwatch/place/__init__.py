"""Event places: a GeoNames-based gazetteer and the rules that put each event somewhere.

``Gazetteer.default()`` loads the shipped tables once; ``assign_places`` sets
``Event.location`` and ``Event.evidence["place"]``.  See ``docs/eval/place.md``.
"""

from __future__ import annotations

from .assign import assign_places
from .gazetteer import Gazetteer, Place

__all__ = ["Gazetteer", "Place", "assign_places"]
