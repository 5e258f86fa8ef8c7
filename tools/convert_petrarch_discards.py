"""Convert a PETRARCH discard dictionary into dyadwatch's discard-list JSON.

Usage::

    .venv/bin/python tools/convert_petrarch_discards.py IN.txt OUT.json [--curated]
        [--license FILE]

    # the shipped list:
    .venv/bin/python tools/convert_petrarch_discards.py \
        ../shared/reference/petrarch2_dictionaries/Phoenix.discards.txt \
        src/dyadwatch/data/discards/default.json --curated

Without ``--curated`` every phrase is converted (``+`` lines -> ``story``, the
rest -> ``sentence``; lower-cased, ``_`` read as a space, duplicates merged).

``--curated`` keeps only the phrases listed in ``KEEP`` below: sports and
entertainment-competition terms that have no reading in news about political
conflict.  Everything else is dropped, and the drop is counted under a reason:
bare years, "... ago"/"... later" time phrases, diseases/weather/accidents,
personal names, history and war references, phrases with a plausible reading in
conflict or election news (see ``AMBIGUOUS``), and other off-topic phrases.  A
phrase of the input that this script has never reviewed is dropped as well and
printed, so that a newer input file is not taken in unread.

The dictionaries of PETRARCH2 are MIT-licensed ((c) 2014 Open Event Data); the
license text is read from ``--license`` or from ``LICENSE.petrarch2``/``LICENSE``
next to the input file and stored in the output's ``license`` field.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:
    from dyadwatch.coding.discard import DiscardList
except ImportError:  # run without the package installed
    sys.path.insert(0, str(ROOT / "src"))
    from dyadwatch.coding.discard import DiscardList

#: reviewed phrases that are kept by --curated (sports and entertainment competition)
KEEP = frozenset("""
world golf championships|manchester united|atp hardcourt tournament|birdie hole|
celebrity big brother|chicago bears|confederation cup|defending champion|dropped catch|
euro qualifier|euro 2008 qualifier|euro 96|final whistle|game official|goalkeeper|
goalkeeping|grand champion|indianapolis colts|inning|major league|midfielder|nba franchise|
qualifying match|qualifying round|qualified for the round|round of 16|round of sixteen|
quarter finals|scored one goal|scored two goals|scored three goals|scored a goal|
season finale|series win|set win|topped box office|tour de france|wimbledon|
women grand master|womens doubles|women's doubles|world boxing association|
world boxing council|yachting race|espn2|
second seed|third seed|fourth seed|fifth seed|sixth seed|seventh seed|eighth seed|
ninth seed|tenth seed|bronze medal|silver medal|academy award|afl grand final|
amateur boxing tournament|aquatics|ashes defense|asian cup|asian football|
asian masters cup|asian tour order of merit|asian winter games|at stumps|azeroth|
badminton|ballclub|batsman|batsmen|batting condition|billiards|blasted runs|bowl out|
bowler|break record|camel race|cannes film festival|card second round|celebrity concert|
champion club|champion club cup|champions trophy|championship|chennai open|
clinching win|club beitar jerusalem|davis cup|day matches|desperate housewives|
die mannschaft|fast bowling|film academy|film festival|final match|fixing match|
flyweight boxing|goalless draw|golden globe|golden swan award|golf official|golfer|
grand sumo|half centuries|handball|hardcourt|hockey|home series|hopman cup|
indian ocean games|indonesia open golf tournament|indonesian chess association|
international swimming federation|israeli club beitar jerusalem|italian club roma|
juventus|king kong|ladies golf open|league match|leg spinner|malaysian open|
match series|match win|miss israel contest|multihulls|nba|nextel cup|oscar nominated|
outfield|ozeki|paceman|personal best|pga tour|play start|playoff|
qualifying competition|racehorses|racing commission|round match|rugby|run lead|
run victory|ryder cup|sea games|sekiwake|semi-final|senior pro|series-clinching|
sevens tournament|snooker|spinner|spot kick|sprinter|stroke lead|
successful test captain|sumo association|sumo wrestling|tennis|test captain|test debut|
test opener|test reckoning|top order batting|tour match|triathlon|unsportsman|warcraft|
weightlift|weightlifting|wicket|winning the toss|wooden trophies|wta budapest tournament|
wta hardcourt tournament|wta tournament|yokozuna|youth players|featherweight|
welterweight|flyweight|bantamweight|middleweight
""".replace("\n", "").split("|"))

DISASTER = frozenset("""
avian flu|avian influenza|bacteria epidemic|bird flu|blizzard|boat capsized|
bus fell into ravine|bus plunged|chickungunga|contracted cholera|diving accident|ebola|
equine influenza|h5n1|landslide|mine accident|mudslide|polio|rift valley fever|
road accident|traffic accident|tropical depression|tropical storm|tsunami|typhoon|
west nile fever|west nile virus|widespread flood|yellow dust|dengue fever|accident killed|
storm warning center|pollution|medical tests|routine medical check up|rabid animals|
raging elephant bull
""".replace("\n", "").split("|"))

PERSON = frozenset("""
amelia earhart|andre agassi|bobby fischer|serena williams|tiger woods|abdul karim qasim|
anita hill|brian kerr|carlos alberto parreira|catherine leroy|david beckham|
frankie minoza|gary glitter|henri michel|israel miller|jacky cheung|james elstub|
jane fonda|jemima khan|john rambo|karl kaechele|kate moss|leonardo dicaprio|
lucie blackman|manny pacquiao|mother teresa|oliver north|pablo picasso|pim verbeek|
rabah madjer|rick lazio|sachin tendulkar|salman rushdie|sonia rios risken|stephen keshi|
steve mcclaren|wasim jaffer|xuan zang|xuanzang|umm aziz
""".replace("\n", "").split("|"))

HISTORY = frozenset("""
angels of bataan|april 1942|attack on pearl harbor|british empire|napoleonic wars|
post world war ii|second world war|world trade center|world war one|world war i|
world war 1|world war two|world war ii|world war 2|decorated vietnam veteran|
kimjongilism|millennium
""".replace("\n", "").split("|"))

#: sports/entertainment phrases with a plausible reading in conflict (or election) news
AMBIGUOUS = {
    "third round": "a third round of talks",
    "first seed": "the first seed of distrust",
    "champion": "a champion of human rights",
    "champions": "champions of the revolution",
    "gold medal": "state decorations (Congressional Gold Medal)",
    "16 kilometre run": "a 16 kilometre run of fence or road",
    "australian open": "'Australian open-source ...', 'the Australian open skies ...'",
    "french open": "'the French open talks with ...'",
    "champions league": "2017 bombing of the Dortmund team bus; 2022 final moved from Russia",
    "commonwealth games": "security threats and boycotts (Delhi 2010)",
    "world cup": "2010 Kampala bombings of World Cup viewers; boycotts",
    "fifa": "bans and boycotts (Russia 2022) in sanctions stories",
    "uefa": "bans and boycotts (Russia 2022) in sanctions stories",
    "super bowl": "terror threats against the event",
    "asian games": "joint Korean teams (sports diplomacy)",
    "african nations cup": "2010 attack on the Togo team bus in Cabinda",
    "formula one": "2011-12 protests against the Bahrain Grand Prix",
    "grand prix": "2011-12 protests against the Bahrain Grand Prix",
    "golfing": "presidents golfing while issuing threats",
    "golf club": "statements made at a president's golf club (Bedminster 2017)",
    "wrestler": "2023 protests of Indian wrestlers, police detentions",
    "under par": "idiom ('performance was under par')",
    "upset loss": "elections",
    "runner up": "elections ('the runner-up rejected the result')",
    "runners up": "elections",
    "cricket": "2009 attack on the Sri Lankan cricket team in Lahore",
    "football": "bombings at football stadiums and matches",
    "soccer": "bombings at soccer matches",
    "baseball": "'gunmen in baseball caps'",
    "basketball": "basketball diplomacy (North Korea)",
    "boxing": "'Boxing Day'",
    "judo": "Putin's judo in political profiles",
    "bowling": "Bowling Green (place)",
    "tournament": "attacks on tournaments (Lakki Marwat 2010 volleyball match)",
    "national team": "attacks on team buses; 'national team of negotiators'",
    "nations final": "'United Nations final report'",
    "marathon": "'marathon talks'; the Boston Marathon bombing",
    "heavyweight": "'political heavyweight'",
    "lightweight": "'political lightweight', 'lightweight armour'",
    "hosting the games": "Olympic politics and boycotts",
    "chess federation": "sanctions on the head of the World Chess Federation (2015)",
    "grand master": "Grand Master of the Order of Malta",
    "car rally": "protest convoys",
    "playing to win": "political metaphor",
    "test challenge": "'the missile test challenges ...' (plural matches)",
    "test draw": "'the nuclear test draws condemnation'",
    "test series": "a series of missile tests",
    "test best": "'the test best shows ...'",
    "beauty pageant": "2002 Kaduna riots over the Miss World pageant",
    "beatles": "the ISIS cell nicknamed 'the Beatles'",
    "big brother": "surveillance state; 'big brother' neighbours",
    "blockbuster": "'blockbuster deal'",
    "hollywood movie": "2014 North Korean threats over 'The Interview'",
    "philharmonic": "New York Philharmonic in Pyongyang (2008)",
    "nobel prize": "Nobel Peace Prize",
    "popeye": "nickname of a Medellin cartel hitman",
    "pharaoh": "'the new pharaoh' (Egyptian politics)",
    "mummy": "archaeology, family",
    "avatar": "brief: ambiguous",
    "archaeology": "brief: ambiguous (heritage destruction)",
    "everest": "brief: ambiguous (Nepal/China border)",
    "reality television": "'former reality TV star' (political profiles)",
    "reality tv": "'former reality TV star' (political profiles)",
    "coaching": "military trainers coaching troops",
    "gymnasium": "shelters and schools hit in attacks",
    "group a": "'formed a group a week ago'",
    "group b": "'a group b...' (single letters)",
    "group c": "'group c...' (single letters)",
    "group d": "'group d...' (single letters)",
    "group e": "'group e...' (single letters)",
    "group f": "'group f...' (single letters)",
    "group g": "'group g...' (single letters)",
    "group h": "'group h...' (single letters)",
    "presidential debate": "election politics",
    "presidential vote recount": "election politics",
    "poll published": "election politics",
    "moon mission": "space rivalry",
}

OFF_TOPIC = frozenset("""
2014 competition|at kearney|avia reed|birds indigenous to|biscuit|canonization mass|
chengdu giant panda breeding base|china environmental monitoring center|
commercial consumption expenditures|dolly the sheep|elephant hospital|fj benjamin|
goethe cultural prize|golden sarcophagus|here is a list of|venomous pit vipers|
initial public offering|international brand|jetro|luxury shop|
made a joke about having a bomb|mentally deranged man|natore|nude photographs|
online gambling companies|orangutan|osaka district court|philexim|phuket bike week|
pioneer metals group of companies|pistachio nuts|pornographic videos|prince mahidol award|
prudhoe bay|queen's iconic anthem|sculptor|thai privilege spa|tour operator|
tourist bazaar|tune hotels|tutankhamun|vacationer|watson wyatt|freelance dog catchers
""".replace("\n", "").split("|"))

_YEAR = re.compile(r"\d{4}")
_TIME = re.compile(r".*\b(?:ago|later)")


def drop_reason(phrase: str) -> str | None:
    """Why --curated drops ``phrase`` (None: it is kept)."""
    if phrase in KEEP:
        return None
    if _YEAR.fullmatch(phrase):
        return "bare year"
    if _TIME.fullmatch(phrase):
        return "time phrase (ago/later)"
    if phrase in DISASTER:
        return "disease/weather/accident"
    if phrase in PERSON:
        return "personal name"
    if phrase in HISTORY:
        return "history/war reference"
    if phrase in AMBIGUOUS:
        return "ambiguous in conflict news"
    if phrase in OFF_TOPIC:
        return "off-topic (not a sports/entertainment term)"
    return "not reviewed"


def find_license(src: Path, given: Path | None) -> str:
    candidates = [given] if given else [src.parent / "LICENSE.petrarch2",
                                        src.parent / "LICENSE"]
    for p in candidates:
        if p is not None and p.is_file():
            return " ".join(p.read_text(encoding="utf-8").split())
    raise SystemExit(f"no license file found (looked for {[str(c) for c in candidates]}); "
                     "pass --license FILE")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path, help="PETRARCH discard dictionary (.txt)")
    ap.add_argument("out", type=Path, help="JSON file to write")
    ap.add_argument("--curated", action="store_true",
                    help="keep only reviewed sports/entertainment terms")
    ap.add_argument("--license", type=Path, default=None,
                    help="license file of the input (default: LICENSE.petrarch2 beside it)")
    args = ap.parse_args(argv)

    raw = DiscardList.from_petrarch_file(args.src)
    notice = find_license(args.src, args.license)
    license_text = (f"Phrases taken from PETRARCH2's {args.src.name} "
                    f"(github.com/openeventdata/petrarch2), under this license: {notice}")
    n_in = len(raw)
    if args.curated:
        reasons: Counter[str] = Counter()
        unreviewed: list[str] = []
        keep: dict[str, list[str]] = {"story": [], "sentence": []}
        for level in ("story", "sentence"):
            for phrase in getattr(raw, level):
                why = drop_reason(phrase)
                if why is None:
                    keep[level].append(phrase)
                else:
                    reasons[why] += 1
                    if why == "not reviewed":
                        unreviewed.append(phrase)
        stale = sorted(KEEP - set(raw.story) - set(raw.sentence))
        out = DiscardList(tuple(keep["story"]), tuple(keep["sentence"]),
                          about=f"Sports and entertainment-competition phrases selected from "
                                f"PETRARCH2's {args.src.name} by "
                                "tools/convert_petrarch_discards.py --curated",
                          license=license_text)
    else:
        reasons, unreviewed, stale = Counter(), [], []
        out = DiscardList(raw.story, raw.sentence,
                          about=f"Converted from PETRARCH2's {args.src.name} by "
                                "tools/convert_petrarch_discards.py",
                          license=license_text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(out.to_json(), encoding="utf-8")

    print(f"{args.src}: {n_in} distinct phrases ({len(raw.story)} story, "
          f"{len(raw.sentence)} sentence)")
    print(f"kept {len(out)} ({len(out.story)} story, {len(out.sentence)} sentence), "
          f"dropped {n_in - len(out)}")
    for why, n in reasons.most_common():
        print(f"  dropped {n:4d}  {why}")
    if unreviewed:
        print("not reviewed (dropped): " + ", ".join(unreviewed))
    if stale:
        print("KEEP entries not in the input: " + ", ".join(stale))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
