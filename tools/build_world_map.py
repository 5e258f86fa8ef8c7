"""Convert Natural Earth 1:110m admin-0 countries into the report's map file.

Usage:
    pip download --no-deps geopandas==0.14.4 -d /tmp/ne   (build time only)
    python tools/build_world_map.py /tmp/ne/geopandas-0.14.4-py3-none-any.whl

The geopandas 0.14 wheel ships ``datasets/naturalearth_lowres``, Natural Earth's
``ne_110m_admin_0_countries`` (public domain) reduced to name, ISO3, continent,
population and GDP.  The argument may also be a folder holding
``naturalearth_lowres.shp``/``.dbf`` or any ``ne_110m_admin_0_countries.shp``.

Writes ``src/dyadwatch/data/maps/ne_110m_admin0.geojson``: one Feature per
country with ``iso3`` and ``name`` and its (Multi)Polygon rings rounded to
0.01 degree (about 1 km, far below the 1:110m line work's own accuracy).
The shapefile reader below handles what this file needs (polygons, dBASE
character/numeric fields) and nothing more.  Run once; the output is committed.
"""

from __future__ import annotations

import io
import json
import struct
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
OUT = HERE / "src" / "dyadwatch" / "data" / "maps" / "ne_110m_admin0.geojson"
DIGITS = 2


def read_dbf(data: bytes) -> list[dict[str, str]]:
    n_records, header_len, record_len = struct.unpack("<xxxxIHH", data[:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0", 1)[0].decode("ascii")
        kind = chr(data[pos + 11])
        length = data[pos + 16]
        fields.append((name, kind, length))
        pos += 32
    rows = []
    for i in range(n_records):
        rec = data[header_len + i * record_len: header_len + (i + 1) * record_len]
        off = 1  # deletion flag
        row = {}
        for name, _kind, length in fields:
            row[name.lower()] = rec[off:off + length].decode("utf-8", "replace").strip()
            off += length
        rows.append(row)
    return rows


def read_shp_polygons(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Each record's rings (lists of (lon, lat)); only null and polygon shapes."""
    out = []
    pos = 100
    while pos < len(data):
        _num, content_len = struct.unpack(">ii", data[pos:pos + 8])
        body = data[pos + 8: pos + 8 + content_len * 2]
        pos += 8 + content_len * 2
        shape_type = struct.unpack("<i", body[:4])[0]
        if shape_type == 0:
            out.append([])
            continue
        if shape_type not in (5, 15, 25):
            raise SystemExit(f"unsupported shape type {shape_type}")
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44:44 + 4 * n_parts]))
        pts_off = 44 + 4 * n_parts
        coords = struct.unpack(f"<{2 * n_points}d", body[pts_off:pts_off + 16 * n_points])
        points = list(zip(coords[0::2], coords[1::2]))
        bounds = parts + [n_points]
        out.append([points[bounds[k]:bounds[k + 1]] for k in range(n_parts)])
    return out


def signed_area(ring: list[tuple[float, float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / 2


def to_geometry(rings: list[list[tuple[float, float]]]) -> dict:
    """Shapefile rings (outer clockwise, holes counter-clockwise) -> GeoJSON (Multi)Polygon."""
    polygons: list[list[list[list[float]]]] = []
    for ring in rings:
        r = [[round(x, DIGITS), round(y, DIGITS)] for x, y in ring]
        if signed_area(ring) <= 0 or not polygons:  # clockwise: a new outer ring
            polygons.append([r[::-1]])  # GeoJSON outer rings are counter-clockwise
        else:
            polygons[-1].append(r[::-1])
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def load(source: Path) -> tuple[bytes, bytes]:
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as z:
            names = z.namelist()
            shp = next(n for n in names if n.endswith("naturalearth_lowres.shp"))
            return z.read(shp), z.read(shp[:-4] + ".dbf")
    if source.is_dir():
        shp_path = next(iter(sorted(source.rglob("naturalearth_lowres.shp")))
                        or sorted(source.rglob("ne_110m_admin_0_countries.shp")))
    else:
        shp_path = source
    return shp_path.read_bytes(), shp_path.with_suffix(".dbf").read_bytes()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    shp, dbf = load(Path(argv[1]))
    rows = read_dbf(dbf)
    shapes = read_shp_polygons(shp)
    if len(rows) != len(shapes):
        raise SystemExit(f"{len(rows)} attribute rows but {len(shapes)} shapes")
    features = []
    for row, rings in zip(rows, shapes):
        if not rings:
            continue
        iso3 = row.get("iso_a3") or row.get("adm0_a3")
        features.append({"type": "Feature",
                         "properties": {"iso3": iso3 if iso3 and iso3 != "-99" else None,
                                        "name": row["name"]},
                         "geometry": to_geometry(rings)})
    features.sort(key=lambda f: (f["properties"]["iso3"] or "~", f["properties"]["name"]))
    out = {"type": "FeatureCollection",
           "source": "Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (public domain), "
                     "via geopandas 0.14 naturalearth_lowres",
           "features": features}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    buf.write('{"type": "FeatureCollection",\n "source": ' + json.dumps(out["source"]) +
              ',\n "features": [\n')
    buf.write(",\n".join(json.dumps(f, separators=(",", ":"), ensure_ascii=False)
                         for f in features))
    buf.write("\n]}\n")
    OUT.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {len(features)} countries to {OUT} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
