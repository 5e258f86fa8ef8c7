"""Convert the CAMEO codebook and the CAMEO->PLOVER table into dyadwatch's data file.

Usage: python tools/build_codebook.py [SHARED_REFERENCE_DIR]
Writes src/dyadwatch/data/cameo/eventcodes.csv (code, label, root, quad_class,
goldstein, plover_type, plover_mode, plover_context).  Run once when the
reference material changes; the output is committed.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
OUT = HERE / "src" / "dyadwatch" / "data" / "cameo" / "eventcodes.csv"


def load_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    table: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        parts += [""] * (3 - len(parts))
        table[m.group(1)] = (parts[0], parts[1], parts[2])
    return table


def main() -> None:
    ref = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "shared" / "reference"
    plover = load_plover(ref / "plover" / "CAMEO2PLOVER-2021.txt")
    rows = list(csv.DictReader((ref / "cameo" / "derived" / "cameo_eventcodes.csv").open(encoding="utf-8")))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# CAMEO event codes (GDELT CAMEO 1.1b3 labels, Goldstein scale) with the\n"
                 "# PLOVER type/mode from CAMEO2PLOVER-2021 (PLOVER manual draft 0.8). See SOURCES.md.\n")
        w = csv.writer(fh)
        w.writerow(["code", "label", "root", "quad_class", "goldstein",
                    "plover_type", "plover_mode", "plover_context"])
        for r in rows:
            code = r["code"]
            # inherit the nearest mapped ancestor (4 -> 3 -> 2 digits)
            p = next((plover[c] for c in (code, code[:3], code[:2]) if c in plover), ("", "", ""))
            w.writerow([code, r["label"], r["root_code"], r["quad_class"], r["goldstein"],
                        p[0], p[1], p[2]])
    print(f"wrote {OUT} ({len(rows)} codes)")


if __name__ == "__main__":
    main()
