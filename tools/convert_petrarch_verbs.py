"""Convert PETRARCH's CAMEO verb-pattern dictionary into dyadwatch pattern JSON.

Usage::

    python tools/convert_petrarch_verbs.py \
        ../shared/reference/petrarch2_dictionaries/CAMEO.verbpatterns.150430.txt \
        src/dyadwatch/data/patterns/petrarch_verbs.json

    # a dictionary that should *replace* dyadwatch's verbs (priority 1), e.g. the
    # PETRARCH validation suite's own PETR.Validate.verbs.txt (used by the bench):
    python tools/convert_petrarch_verbs.py --keep-own PETR.Validate.verbs.txt out.json

What is converted (the dictionary is MIT-licensed, (c) Open Event Data Alliance;
the notice is kept in the output's ``license`` field):

* every single-word verb of a ``--- NAME [code] ---`` block becomes a lemma of a
  pattern with the block's code (or the verb's own ``[code]``);
* ``- * WORD [code]`` / ``- * WORD WORD [code]`` lines (plain words right after the
  verb) become cue patterns ("the object side mentions WORD").

Verbs that dyadwatch's own pattern files already cover are skipped, so the
converted table only *widens* coverage; all matching is dyadwatch's own
dependency-parse logic.  Codes not in the CAMEO codebook and ``[---]`` (no event)
are dropped.  Converted patterns get ``priority: -1``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODEBOOK = ROOT / "src" / "dyadwatch" / "data" / "cameo" / "eventcodes.csv"
OWN = [ROOT / "src" / "dyadwatch" / "data" / "patterns" / f
       for f in ("own_verbs.json", "own_nouns.json")]

#: verbs too ambiguous in ordinary news English to carry a code on their own
#: ("Tehran *wanted* to influence ...", "analysts *expect* ...")
EXCLUDE = frozenset("""want need see saw expect count figure total score measure influence
sum view notice scatter spread copy mimic imitate gauge estimate calculate await anticipate
push press move go come get take make let keep hold put set run turn""".split())

#: function words are no evidence for a sub-code ("- * TO [042]")
STOPWORDS = frozenset("""to in on at of for from by with into onto over under the a an and or not
no as that this it its his her their he she they we you up down out off back about after before
was were is be been being has have had will would can could may might must shall should""".split())

_BLOCK = re.compile(r"^---\s*([A-Z0-9_\-]+)\s*\[([^\]]*)\]\s*---")
_VERB = re.compile(r"^([A-Z][A-Z\-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?\s*(?:#.*)?$")
_SIMPLE = re.compile(r"^-\s*\*\s+([A-Z][A-Z\- ]*?)\s*\[([^\]]*)\]")


def _codes() -> set[str]:
    with CODEBOOK.open(encoding="utf-8") as f:
        return {r["code"] for r in csv.DictReader(l for l in f if not l.startswith("#"))}


def _own_lemmas() -> set[str]:
    out: set[str] = set()
    for p in OWN:
        for pat in json.loads(p.read_text(encoding="utf-8"))["patterns"]:
            if pat["pos"] == "verb":
                out.update(pat["lemmas"])
    return out


def _code(raw: str | None, valid: set[str]) -> str | None:
    if not raw:
        return None
    c = raw.split(":")[0].strip()
    return c if c in valid else None


def convert(src: Path, keep_own: bool = False, priority: int = -1) -> dict:
    """Pattern-file dict for ``src``; ``keep_own`` also converts verbs dyadwatch covers."""
    valid, own = _codes(), (set() if keep_own else _own_lemmas())
    lines = src.read_text(encoding="utf-8", errors="replace").splitlines()
    header = [l[1:].strip() for l in lines[:80] if l.startswith("#")]
    start = next((i for i, h in enumerate(header) if h.startswith("The MIT License")), 0)
    end = next((i for i, h in enumerate(header) if "DEALINGS IN THE SOFTWARE" in h), start)
    license_text = " ".join(h for h in header[start:end + 1] if h)
    base: dict[str, set[str]] = {}
    cues: dict[tuple[str, str], set[str]] = {}
    block_code: str | None = None
    verbs: list[str] = []
    for line in lines:
        line = line.rstrip()
        m = _BLOCK.match(line)
        if m:
            block_code = _code(m.group(2), valid)
            verbs = []
            continue
        if not line or line.startswith("#") or line.startswith("&") or line.startswith("+"):
            continue
        if line.startswith("-"):
            s = _SIMPLE.match(line)
            if not s or not verbs:
                continue
            code = _code(s.group(2), valid)
            words = s.group(1).lower().split()
            words = [w for w in words if w not in STOPWORDS]
            if code and 1 <= len(words) <= 2 and all(w.isalpha() and len(w) > 2 for w in words):
                for v in verbs:
                    if v not in own and v not in EXCLUDE:
                        cues.setdefault((code, " ".join(words)), set()).add(v)
            continue
        vm = _VERB.match(line)
        if vm and "_" not in vm.group(1):
            lemma = vm.group(1).lower()
            verbs.append(lemma)
            code = _code(vm.group(2), valid) or block_code
            if code and lemma not in own and lemma not in EXCLUDE:
                base.setdefault(code, set()).add(lemma)
    patterns = []
    for code in sorted(base):
        patterns.append({"id": f"petr.{code}", "pos": "verb", "lemmas": sorted(base[code]),
                         "code": code, "priority": priority})
    for (code, words), lemmas in sorted(cues.items()):
        patterns.append({"id": f"petr.{code}.{words.replace(' ', '_')}", "pos": "verb",
                         "lemmas": sorted(lemmas), "code": code,
                         "cues": [[w] for w in words.split()], "priority": priority})
    return {"version": 1,
            "about": f"Converted from PETRARCH {src.name} by tools/convert_petrarch_verbs.py",
            "license": license_text, "patterns": patterns}


def main(argv: list[str]) -> int:
    keep_own = "--keep-own" in argv
    argv = [a for a in argv if a != "--keep-own"]
    if len(argv) != 3:
        print(__doc__)
        return 2
    out = convert(Path(argv[1]), keep_own=keep_own, priority=1 if keep_own else -1)
    pats = out.pop("patterns")
    head = json.dumps(out, indent=1)[:-2]
    body = ",\n".join("  " + json.dumps(p) for p in pats)
    Path(argv[2]).write_text(head + ',\n "patterns": [\n' + body + "\n ]\n}\n", encoding="utf-8")
    print(f"wrote {len(pats)} patterns to {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
