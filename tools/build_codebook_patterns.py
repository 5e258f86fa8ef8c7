"""Derive event patterns for every CAMEO code from the codebook itself.

Usage::

    python tools/build_codebook_patterns.py \
        ../shared/reference/cameo/cameo_codes.json \
        src/dyadwatch/data/patterns/codebook.json

The CAMEO codebook is built from a few *frames* crossed with a few *topics*: "Appeal
for | Express intent to | Demand | Reject | Refuse to | Threaten with" x "economic aid |
release of persons | de-escalation of military engagement | meeting, negotiation | ...",
plus direct acts ("Ease curfew", "Expel or withdraw peacekeepers", "Impose state of
emergency").  This tool reads every code's *name* (and its description and usage notes
for the words of direct acts), splits it into frame and topic, and writes patterns:

* a frame code -> the frame's verbs (``FRAMES``) with the topic's cue words (``TOPICS``:
  the words by which news text states that topic; "release of persons or property" ->
  release / free / hand over ...);
* a direct act -> the name's own verbs and their news synonyms (``VERBS``) with the
  name's object words as cues ("Ease curfew" -> lift / ease / relax ... + curfew);
* the manual's example sentences (``examples``) -> the example's main verb with its
  object as a cue, when the verb is not a reporting or light verb.

Every pattern carries cue constraints (no bare verb is added: a bare verb is the own
files' business), ``priority`` 0, and ``notes`` naming the code name it came from.  The
coder loads the file between the own and the converted PETRARCH files; a pattern wins
over a less specific own one only through its cue constraints (the matcher's ranking).
The output also lists the example sentences (``examples``) so that a test can check
that the manual's examples code without ../shared.

Needs the spaCy model for the examples (``--no-examples`` skips them).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

#: frame (start of a code name, lower case) -> the verbs news text uses for it
FRAMES: dict[str, list[str]] = {
    "appeal for": ["urge", "appeal", "ask", "request", "call", "plead", "press", "seek"],
    "appeal to": ["urge", "appeal", "ask", "request", "call", "plead", "press"],
    # ("agree" is the own files': reciprocal, and its topics are mutual)
    "express intent to": ["pledge", "promise", "vow", "offer", "commit"],
    "demand that target": ["demand", "insist"],
    "demand": ["demand", "insist"],
    "reject request or demand for": ["reject", "refuse", "rebuff", "spurn", "decline"],
    "reject request for": ["reject", "refuse", "rebuff", "spurn", "decline"],
    "reject proposal to": ["reject", "refuse", "rebuff", "spurn", "decline"],
    "reject": ["reject", "refuse", "rebuff", "spurn", "decline"],
    "refuse to": ["refuse", "reject", "decline"],
    "threaten with": ["threaten", "warn"],
    "threaten to": ["threaten", "warn"],
    "threaten": ["threaten", "warn"],
}

#: topic phrase found in a code name -> cue groups (each group: one of these words must
#: occur in the verb's complements).  Longest phrases are tried first.
TOPICS: dict[str, list[list[str]]] = {
    "easing of economic sanctions": [["lift", "ease", "easing", "lifting", "end", "relax"],
                                     ["sanction", "sanctions", "embargo", "boycott"]],
    "ease economic sanctions": [["lift", "ease", "easing", "lifting", "end", "relax"],
                                ["sanction", "sanctions", "embargo", "boycott"]],
    "easing of administrative sanctions": [["lift", "ease", "easing", "lifting", "relax"],
                                           ["ban", "restriction", "restrictions", "curfew",
                                            "emergency"]],
    "ease administrative sanctions": [["lift", "ease", "easing", "lifting", "relax"],
                                      ["ban", "restriction", "restrictions", "curfew",
                                       "emergency"]],
    "easing of political dissent": [["protest", "protests", "strike", "demonstration",
                                     "demonstrations", "rally", "rallies", "dissent"]],
    "ease popular dissent": [["protest", "protests", "strike", "demonstration",
                              "demonstrations", "rally", "rallies", "dissent"]],
    "release": [["release", "free", "freeing", "return", "exchange", "swap", "hand"]],
    "international involvement": [["inspector", "inspectors", "observer", "observers",
                                   "monitor", "monitors", "access", "peacekeeper",
                                   "peacekeepers"]],
    "de-escalat": [["ceasefire", "cease-fire", "truce", "withdrawal", "withdraw", "pullout",
                    "restraint", "de-escalation", "demobilization", "demobilize"]],
    "withdrawal": [["withdrawal", "withdraw", "pullout", "pull-out"]],
    "ceasefire": [["ceasefire", "cease-fire", "truce"]],
    "meet or negotiate": [["talk", "talks", "negotiation", "negotiations", "negotiate",
                           "meeting", "meet", "dialogue", "summit"]],
    "meeting, negotiation": [["talk", "talks", "negotiation", "negotiations", "negotiate",
                              "meeting", "meet", "dialogue", "summit"]],
    "proposal to meet": [["talk", "talks", "negotiation", "negotiations", "meeting",
                          "dialogue", "summit", "invitation"]],
    "settl": [["settle", "settlement", "resolve", "resolution"]],
    "mediat": [["mediation", "mediate", "mediator"]],
    "economic aid": [["loan", "loans", "money", "fund", "funds", "funding", "debt",
                      "financial", "economic", "grant"]],
    "economic assistance": [["loan", "loans", "money", "fund", "funds", "funding", "debt",
                             "financial", "economic"]],
    "military aid": [["arms", "weapon", "weapons", "military", "ammunition"],
                     ["aid", "assistance", "help", "supplies", "equipment", "arms", "weapons",
                      "ammunition"]],
    "military assistance": [["arms", "weapon", "weapons", "military", "ammunition"],
                            ["aid", "assistance", "help", "supplies", "equipment", "arms",
                             "weapons", "ammunition"]],
    "humanitarian aid": [["humanitarian", "food", "medicine", "medicines", "medical",
                          "shelter", "relief"]],
    "humanitarian assistance": [["humanitarian", "food", "medicine", "medical", "relief"]],
    "peacekeeping": [["peacekeeper", "peacekeepers", "peacekeeping", "protection"]],
    "material aid": [["aid", "assistance", "help", "relief"]],
    "aid": [["aid", "assistance", "help", "relief"]],
    "cooperate economically": [["trade", "economic", "investment", "economy"]],
    "economic cooperation": [["trade", "economic", "investment", "economy"]],
    "cooperate militarily": [["military", "defence", "defense", "security"],
                             ["cooperation", "cooperate", "ties", "exercise", "exercises",
                              "drill", "drills", "maneuvers"]],
    "military cooperation": [["military", "defence", "defense", "security"],
                             ["cooperation", "cooperate", "ties", "exercise", "exercises",
                              "drill", "drills", "maneuvers"]],
    "judicial": [["extradition", "extradite", "judicial", "legal", "court"]],
    "intelligence": [["intelligence", "information"]],
    "diplomatic cooperation": [["support", "backing", "recognition", "recognize"]],
    "change in leadership": [["resign", "resignation", "step", "election", "elections",
                              "ouster", "removal", "power"]],
    "change leadership": [["resign", "resignation", "step", "election", "elections",
                           "power"]],
    "policy change": [["policy", "policies"]],
    "change policy": [["policy", "policies"]],
    "rights": [["rights", "freedom", "freedoms"]],
    "institutions": [["constitution", "constitutional", "regime", "independence",
                      "autonomy", "institution", "institutions", "referendum"]],
    "political reform": [["reform", "reforms", "democracy", "democratic"]],
    "material cooperation": [["cooperation", "cooperate"]],
    "plan, agreement": [["plan", "proposal", "agreement", "deal", "accord"]],
    "reduce or stop aid": [["aid", "assistance"]],
    "sanctions, boycott, embargo": [["sanction", "sanctions", "embargo", "boycott"]],
    "boycott, embargo, or sanction": [["sanction", "sanctions", "embargo", "boycott"]],
    "reduce or break relations": [["relations", "ties"]],
    "restrictions on political freedoms": [["restriction", "restrictions", "ban",
                                            "censorship"]],
    "ban political parties": [["ban", "outlaw"]],
    "impose curfew": [["curfew"]],
    "state of emergency": [["emergency", "martial"]],
    "political dissent, protest": [["protest", "protests", "strike", "demonstration",
                                    "demonstrations", "boycott"]],
    "halt negotiations": [["talks", "negotiation", "negotiations", "dialogue"],
                          ["halt", "end", "suspend", "quit", "break"]],
    "halt mediation": [["mediation"], ["halt", "end", "suspend", "quit"]],
    "halt international involvement": [["inspector", "inspectors", "observer", "observers",
                                        "peacekeeper", "peacekeepers"],
                                       ["withdraw", "pull", "halt", "end", "expel"]],
    "repression": [["crackdown", "repression", "crush"]],
    "blockade": [["blockade", "blockades"]],
    "occupation": [["occupy", "occupation"]],
    "unconventional violence": [["bomb", "bombing", "bombings", "suicide"]],
    "conventional attack": [["attack", "invade", "invasion", "strike", "strikes"]],
    "attack with wmd": [["nuclear", "chemical", "biological"]],
    "military force": [["force", "attack", "war", "military", "strike", "strikes"]],
}

#: a direct act's verb in a code name -> the verbs news text uses for it
VERBS: dict[str, list[str]] = {
    "ease": ["ease", "lift", "relax", "loosen", "shorten", "scrap", "cancel", "end"],
    "impose": ["impose", "reimpose", "declare", "introduce", "slap"],
    "expel": ["expel", "evict", "oust"],
    "withdraw": ["withdraw", "pull"],
    "reduce": ["reduce", "cut", "scale"],
    "stop": ["stop", "halt", "suspend", "freeze", "end"],
    "grant": ["grant", "give", "offer"],
    "receive": ["receive", "accept", "admit", "welcome", "allow"],
    "declare": ["declare", "announce", "call"],
    "demobilize": ["demobilize", "disarm", "disband"],
    "return": ["return", "hand"],
    "release": ["release", "free", "hand"],
    "allow": ["allow", "permit", "grant", "open"],
    "ban": ["ban", "outlaw", "prohibit"],
    "confiscate": ["confiscate", "seize"],
    "destroy": ["destroy", "demolish", "raze", "burn", "bulldoze"],
    "share": ["share", "exchange", "provide"],
    "provide": ["provide", "send", "give", "deliver", "supply", "donate"],
    "increase": ["raise", "heighten", "increase", "step"],
    "mobilize": ["mobilize", "deploy", "mass", "send", "reinforce", "strengthen"],
    "halt": ["halt", "suspend", "end", "break", "abandon"],
    "conduct": ["stage", "hold", "begin", "go"],
}

#: objects named in direct acts -> the words news text uses for them
OBJECTS: dict[str, list[str]] = {
    "curfew": ["curfew"],
    "state of emergency": ["emergency", "martial"],
    "ban on political parties": ["ban"],
    "restrictions on political freedoms": ["restriction", "restrictions"],
    "peacekeepers": ["peacekeeper", "peacekeepers", "peacekeeping"],
    "inspectors": ["inspector", "inspectors", "observer", "observers", "monitors"],
    "aid agencies": ["agency", "agencies", "aid", "worker", "workers"],
    "person": ["prisoner", "prisoners", "hostage", "hostages", "detainee", "detainees",
               "captive", "captives"],
    "property": ["property", "land", "assets", "ship", "aircraft"],
    "asylum": ["asylum", "refuge"],
    "humanitarian access": ["access"],
    "police alert": ["alert"],
    "military alert": ["alert"],
    "police power": ["police", "policemen"],
    "armed forces": ["troops", "forces", "soldiers", "reservists", "reinforcements"],
    "hunger strike": ["hunger"],
    # (with "stage / hold / begin / go on", not "launch": "launched strikes" is force)
    "strike or boycott": ["strike", "boycott", "walkout"],
    "blockade": ["blockade"],
    "intelligence or information": ["intelligence", "information"],
    "negotiations": ["talks", "negotiation", "negotiations"],
    "mediation": ["mediation"],
}

#: pattern keys by CAMEO root: a show of force is aimed at whom it is massed against
#: ("mobilized troops *along* the border with X")
ROOT_KEYS: dict[str, dict] = {
    "15": {"target_preps": ["to", "along", "near", "toward", "towards", "against", "on", "at",
                          "in", "inside", "into"]},
}

#: verbs whose example sentence says nothing of its own code (the reported content does)
_REPORTING = frozenset("""say tell state report announce add quote claim declare note
be have do make take give get go come begin start conduct stage hold launch continue
contact""".split())


def _norm(name: str) -> str:
    name = name.lower().replace("threate n", "threaten").replace("withdrawa l", "withdrawal")
    name = re.sub(r"\(such as [^)]*\)", "", name)
    name = re.sub(r",?\s*not specified below", "", name)
    return re.sub(r"\s+", " ", name).strip(" ,")


def _topic(rest: str) -> tuple[str, list[list[str]]] | None:
    for key in sorted(TOPICS, key=len, reverse=True):
        if key in rest:
            return key, TOPICS[key]
    return None


def _object_cues(rest: str) -> list[str]:
    out: list[str] = []
    for key in sorted(OBJECTS, key=len, reverse=True):
        if key in rest:
            out.extend(OBJECTS[key])
            rest = rest.replace(key, " ")
    return out


def frame_patterns(code: str, name: str) -> list[dict]:
    """Patterns of a frame code ("Appeal for economic aid")."""
    n = _norm(name)
    for frame in sorted(FRAMES, key=len, reverse=True):
        if n.startswith(frame + " ") or n == frame:
            rest = n[len(frame):].strip()
            found = _topic(rest)
            if found is None:
                return []
            key, cues = found
            verbs = FRAMES[frame]
            pat = {"id": f"cb.{code}.{frame.replace(' ', '_')}", "pos": "verb",
                   "lemmas": verbs, "code": code, "cues": cues,
                   "notes": f"codebook {code} '{name}': frame '{frame}', topic '{key}'"}
            if frame.startswith("appeal") and "call" in verbs:
                # "called for X" / "called on Y to": call needs its preposition
                call = dict(pat, id=pat["id"] + ".call", lemmas=["call"], prep=["for", "on", "upon"])
                pat = dict(pat, lemmas=[v for v in verbs if v != "call"])
                return [pat, call]
            return [pat]
    return []


def direct_patterns(code: str, name: str) -> list[dict]:
    """Patterns of a direct act ("Ease curfew", "Expel or withdraw peacekeepers")."""
    n = _norm(name)
    words = re.split(r"[ ,]+", n)
    verbs: list[str] = []
    i = 0
    while i < len(words) and (words[i] in VERBS or words[i] == "or"):
        if words[i] != "or":
            verbs.extend(VERBS[words[i]])
        i += 1
    if not verbs:
        return []
    rest = " ".join(words[i:])
    cues = _object_cues(rest)
    if not cues:
        found = _topic(rest)
        if found is None:
            return []
        cue_groups = found[1]
        return [{"id": f"cb.{code}.act", "pos": "verb", "lemmas": sorted(set(verbs)),
                 "code": code, "cues": cue_groups,
                 "notes": f"codebook {code} '{name}': direct act"}]
    # the act's own object ("lifted *the curfew*", "mobilized *troops* along X") is the
    # thing acted on, not the target (the pattern key ``object``)
    return [{"id": f"cb.{code}.act", "pos": "verb", "lemmas": sorted(set(verbs)), "code": code,
             "object": sorted(set(cues)), "cues": [],
             "notes": f"codebook {code} '{name}': direct act on its object"}]


def _stems(*texts: str) -> set[str]:
    return {w[:5] for t in texts for w in re.findall(r"[a-z]{4,}", t.lower())}


#: verbs too general to carry a code even with their object (the reported content, or
#: the object alone, says what happened)
_GENERAL = frozenset("""say tell state report announce add quote claim declare note
be have do get go come begin start continue contact see use include""".split())
#: light verbs: their object names the act ("held talks", "gave a warm welcome"), so an
#: example may give one only together with its object
_LIGHT = frozenset("give make take hold launch conduct stage carry issue".split())
#: roots whose events are acts done to something (meetings, diplomatic and material
#: cooperation, aid, yielding, protest, force, reduced relations, coercion, violence):
#: an example's verb + thing is that act.  In the verbal roots (statements, appeals,
#: intents, investigations, demands, criticism, rejections, threats) the act is the
#: speaking, and an example's other verb is only what is spoken of ("demanded that
#: China *drop barriers*")
_ACT_ROOTS = frozenset("04 05 06 07 08 14 15 16 17 18 19 20".split())
#: objects that only count or measure the real thing ("a third of", "part of", "tons of")
_PARTITIVE = frozenset("part third half quarter ton number dozen rest majority event".split())


def _example_verb(sent):
    verb = sent.root
    for _ in range(2):  # "X said (that) Y did Z": the reported clause
        comp = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")
                     and c.pos_ in ("VERB", "AUX")), None)
        if verb.lemma_.lower() in _REPORTING and comp is not None:
            verb = comp
    return verb


def _example_object(verb, actor_tokens: set[int]):
    """The thing the example's verb acts on: its direct object (a passive verb's subject)
    or, failing that, the noun of its first prepositional phrase -- a common noun that
    names no actor (an actor is the event's target, not a word of the act)."""
    deps = ("dobj", "nsubjpass") if any(c.dep_ == "auxpass" for c in verb.children) \
        else ("dobj",)
    cands = [c for c in verb.children if c.dep_ in deps]
    cands += [p for c in verb.children if c.dep_ == "prep" for p in c.children
              if p.dep_ == "pobj"]
    for c in cands:
        if c.pos_ == "NOUN" and c.i not in actor_tokens and c.lemma_.isalpha():
            return c, c.dep_ != "pobj"
    return None, False


def example_patterns(code: str, entry: dict, examples: list[str], nlp,
                     cue_words: set[str], tag=None) -> list[dict]:
    """The main verb of each example with the thing it acts on.

    * When both the verb and the object are words of the code's own definition (its
      name, description, usage notes or derived words), the object is a *cue* ("lifted
      the curfew" for "Ease curfew"): the example shows how news words that act.
    * Otherwise (``tag`` given: the actor tagger, to tell things from actors) a verb with
      a direct object that names no actor becomes a verb + ``object`` pattern: the
      example is the codebook's own statement that this verb done to this kind of thing
      is the code's act ("granted asylum", "opened its borders", "upgraded ties",
      "gave a warm welcome").  Reporting and very general verbs are left out; a light
      verb only ever comes with its object."""
    own = _stems(entry.get("name", ""), entry.get("description", ""),
                 entry.get("usage_notes") or "", " ".join(cue_words))
    out = []
    for k, text in enumerate(examples):
        if len(text) < 30 or text.startswith(("CAMEO", "Note")):
            continue
        doc = nlp(text)
        sent = next(iter(doc.sents))
        verb = _example_verb(sent)
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma in _REPORTING and lemma not in _LIGHT \
                or not lemma.isalpha():
            continue
        actor_tokens = tag(doc) if tag is not None else set()
        obj, direct = _example_object(verb, actor_tokens)
        if obj is None:
            continue
        olemma = obj.lemma_.lower()
        if lemma[:5] in own and olemma[:5] in own and lemma not in _LIGHT:
            out.append({"id": f"cb.{code}.ex{k}", "pos": "verb", "lemmas": [lemma],
                        "code": code, "cues": [[olemma]],
                        "notes": f"codebook {code} example {k}: '{verb.text} ... {obj.text}'"})
        elif (tag is not None and direct and lemma not in _GENERAL and code[:2] in _ACT_ROOTS
              and olemma not in _PARTITIVE and not obj.like_num):
            prt = [c.lower_ for c in verb.children if c.dep_ == "prt"]
            out.append({"id": f"cb.{code}.ex{k}.obj", "pos": "verb", "lemmas": [lemma],
                        "code": code, "object": [olemma], "cues": [],
                        **({"particle": prt} if prt else {}),
                        "notes": f"codebook {code} example {k}: '{verb.text}' done to "
                                 f"'{obj.text}' (a thing, not an actor)"})
    return out


def actor_tagger():
    """token indices inside actor mentions, by the project's own actor tagger"""
    from dyadwatch.actors import ActorDictionary

    actors = ActorDictionary.default()

    def tag(doc) -> set[int]:
        return {i for m in actors.tag(doc) for i in range(m.start, m.end)}
    return tag


def project_labels() -> dict[str, str]:
    """The labels of dyadwatch's own codebook (``data/cameo/eventcodes.csv``, GDELT's
    CAMEO 1.1b3 lookup), which the coder, the gold sets and the stored events use.  Where
    the manual's transcription numbers a code differently (GDELT: 106 "Demand
    withdrawal", 107 "Demand ceasefire", 108 "Demand meeting, negotiation"), the label
    of our codebook wins and the manual's examples of that code are not used."""
    import csv

    path = (Path(__file__).resolve().parent.parent / "src" / "dyadwatch" / "data" / "cameo"
            / "eventcodes.csv")
    rows = csv.reader(line for line in path.read_text(encoding="utf-8").splitlines()
                      if not line.startswith("#"))
    return {r[0]: r[1] for r in rows if r and r[0][:1].isdigit()}


def _same_label(a: str, b: str) -> bool:
    return _norm(a)[:12] == _norm(b)[:12]


def build(codes: dict, nlp=None, labels: dict[str, str] | None = None, tag=None) -> dict:
    patterns: list[dict] = []
    examples: list[dict] = []
    seen: set[tuple] = set()
    labels = labels or {}
    for code in sorted(set(codes) | set(labels), key=lambda c: (c[:2], c)):
        entry = codes.get(code, {})
        if len(code) < 3:
            continue  # a root names only its family
        name = labels.get(code, entry.get("name", ""))
        agree = _same_label(name, entry.get("name", ""))
        found = frame_patterns(code, name) or direct_patterns(code, name)
        exs = [e for e in entry.get("examples", []) if isinstance(e, str)] if agree else []
        if nlp is not None:
            words = {w for p in found for group in p["cues"] for w in group}
            words |= {w for p in found for w in p.get("object", [])}
            words |= {w for p in found for w in p["lemmas"]}
            found += example_patterns(code, entry, exs, nlp, words, tag)
        for p in found:
            key = (tuple(p["lemmas"]), json.dumps([p["cues"], p.get("object")]),
                   tuple(p.get("prep", ())))
            if key in seen:
                continue  # the same constraints already code another (earlier) code
            seen.add(key)
            patterns.append({**p, **ROOT_KEYS.get(code[:2], {})})
        examples += [{"code": code, "text": e} for e in exs
                     if len(e) >= 30 and not e.startswith("CAMEO")]
    return {"version": 1,
            "about": ("Patterns derived from the CAMEO codebook's code names, usage notes "
                      "and examples by tools/build_codebook_patterns.py; regenerate, do not "
                      "edit. See coding/patterns.py for the keys."),
            "license": ("Derived from py-gdelt's cameo_codes.json (MIT, RBozydar/py-gdelt), "
                        "which transcribes the CAMEO 1.1b3 manual (Schrodt et al.)."),
            "patterns": patterns, "examples": examples}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("codes", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--no-examples", action="store_true")
    args = ap.parse_args(argv)
    codes = json.loads(args.codes.read_text(encoding="utf-8"))
    nlp = None
    if not args.no_examples:
        from dyadwatch.text import load_nlp

        nlp = load_nlp()
    data = build(codes, nlp, project_labels(), actor_tagger() if nlp is not None else None)
    text = json.dumps({k: v for k, v in data.items() if k != "patterns"}, indent=1)
    body = ",\n".join("  " + json.dumps(p, ensure_ascii=False) for p in data["patterns"])
    text = text[:-2] + ',\n "patterns": [\n' + body + "\n ]\n}\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(data['patterns'])} patterns, {len(data['examples'])} examples -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
