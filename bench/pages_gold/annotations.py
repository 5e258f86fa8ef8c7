"""Hand annotation of events on real news pages (dates, places, factuality).

Each ``E(...)`` names an event by a unique snippet of its sentence (expanded to the
whole sentence of the extracted body by ``build.py``), the trigger word (``word@2``: its
second occurrence in the sentence), the actors (news_events_gold conventions), the gold
date (``date``: ISO at its precision; ``prec``: day|week|month|year|interval|none, with
``end`` for week/interval), the place country (ISO3 or None) and factuality.

Gold dates follow the text only: ``day`` when the text gives the day (an explicit date, a
weekday or "yesterday" resolved against publication, or a stated tie to a dated event such
as the same interview or debate, said in ``note``); ``none`` when the text gives no time
for the event (a system day there is a confident guess, and counted as wrong).
Single annotator (the dyadwatch dates/place/modality engineer), written before any tuning.
"""

from __future__ import annotations

from typing import Any

ANN: list[dict[str, Any]] = []

DOCS = {
    "putin": "foxnews.com-Russia.html",
    "c4": "channel4.com-Israel.html",
    "cnn": "huffingtonpost.co.uk-Netanyahu.html",
    "irl": "irishtimes.com-Israel.html",
    "npr": "npr.org-bombing.html",
    "lab": "Politics.co.uk-starmer.html",
    "humza": "scotsman.com-Humza.html",
    "snp": "thescottishsun.co.uk-SNP.html",
    "nyp": "nypost.com-GOP.html",
    "wt": "washingtontimes.com-GOP.html",
    "hawley": "fox2news.com-Hawley.html",
    "belv": "chicagotribune.com-Biden.html",
    "uaw": "lemonde.fr-Striking.html",
    "dup": "belfastlive.co.uk-DUP.html",
    "feds": "boston.com-Feds.html",
    "nbc": "nbcnews.com-GOP.html",
    "abc": "abcnews.com-Ramaswamy.html",
}


def E(doc: str, snippet: str, trigger: str, source: str, target: str | None, cameo: str,
      date: str | None, prec: str, end: str | None = None, country: str | None = None,
      factual: bool = True, note: str = "", src: str | None = None,
      tgt: str | None = None) -> None:
    ANN.append({"doc": DOCS[doc], "snippet": snippet, "trigger": trigger, "source": source,
                "target": target, "cameo": cameo, "date": date, "date_precision": prec,
                "date_end": end, "country": country, "factual": factual, "note": note,
                "source_text": src, "target_text": tgt})


# --- foxnews.com-Russia.html, published Thu 2023-11-02 ---------------------------------
E("putin", "Putin signed legislation Thursday", "signed", "RUSGOV", None, "160",
  "2023-11-02", "day", note="withdrawal from the CTBT (alt 057 for the law)", src="Vladimir Putin")
E("putin", "originally signed in 1996", "signed", "RUSGOV", None, "057", "1996", "year",
  note="background: the treaty's signature", src="Russia")
E("putin", "The U.S. signed the treaty alongside Russia", "signed", "USAGOV", None, "057",
  "1996", "year", note="same signature as 'originally signed in 1996' (chain)", src="U.S.")
E("putin", "The U.S. signed the treaty alongside Russia", "ratify", "USAGOV", None, "057",
  None, "none", factual=False, note="failed to ratify", src="U.S.")
E("putin", "Other countries failed to finalize", "finalize", "CHNGOV", None, "057", None, "none",
  factual=False, note="failed to", src="China")
E("putin", "Putin has signaled his intentions", "signaled", "RUSGOV", None, "030", "2022-02-24",
  "interval", end="2023-11-02", note="since the invasion began (2022-02-24 is world knowledge)",
  src="Putin")
E("putin", "Both the lower and upper houses", "approved", "RUSLEG", None, "160", "2023-10",
  "month", src="Russian Parliament")
E("putin", "Putin oversaw a military exercise last month", "oversaw", "RUSGOV", None, "150",
  "2023-10", "month", src="Putin")
E("putin", "Deputy Foreign Minister Sergei Ryabkov said last month", "said", "RUSGOV", None,
  "030", "2023-10", "month", src="Sergei Ryabkov")
E("putin", "Deputy Foreign Minister Sergei Ryabkov said last month", "resume", "RUSGOV", None,
  "150", None, "none", factual=False, note="conditional on Washington", src="Moscow")
E("putin", "Deputy Foreign Minister Sergei Ryabkov said last month", "does", "USAGOV", None,
  "150", None, "none", factual=False, note="protasis 'if Washington does so first'",
  src="Washington")
E("putin", "The Kremlin noted U.S. nuclear tests", "tests", "USAGOV", None, "150", "2023-10-21",
  "interval", end="2023-10-31", note="at the end of October", src="U.S.")

# --- channel4.com-Israel.html, published Wed 2023-11-01 ----------------------------------
E("c4", "The Jabalia refugee camp has been hit", "hit", "ISRMIL", "PSECVL", "195", "2023-10-31",
  "interval", end="2023-11-01", country="PSE", note="a second day in a row",
  tgt="The Jabalia refugee camp")
E("c4", "The exact toll from yesterday", "attack", "ISRMIL", "PSECVL", "195", "2023-10-31", "day",
  country="PSE", note="yesterday's attack; place from the previous sentence")
E("c4", "Israeli troops have continued to advance", "advance", "ISRMIL", "PSE", "192", None,
  "none", country="PSE", src="Israeli troops", tgt="Gaza city")
E("c4", "Israeli troops have continued to advance", "killed", "PSEREB", "ISRMIL", "190",
  "2023-10-30", "week", end="2023-11-05", country="PSE", note="this week; attacker implied",
  tgt="16 Israeli soldiers")
E("c4", "Over 1,400 people have died on the Israeli side", "attack", "PSEREB", "ISR", "190",
  None, "none", note="the initial attack (7 Oct) is not dated in the text", src="Hamas")

# --- huffingtonpost.co.uk-Netanyahu.html, published Thu 2023-11-02 ----------------------
E("cnn", "Kaitlan Collins on Wednesday repeatedly pushed", "pushed", "USAMED", "ISRGOV", "020",
  "2023-11-01", "day", note="interview; the camp is not where it happened",
  src="Kaitlan Collins", tgt="Mark Regev")
E("cnn", "saying they’d killed a Hamas commander", "killed", "ISRMIL", "PSEREB", "190", None,
  "none", country="PSE", note="'there' = the camp", src="Israeli forces",
  tgt="a Hamas commander")
E("cnn", "saying they’d killed a Hamas commander", "rampage", "PSEREB", "ISR", "190",
  "2023-10-07", "day", note="the October 7 rampage on Israel (nominal)")
E("cnn", "Mediaite counted six times", "asked", "USAMED", "ISRGOV", "020", "2023-11-01", "day",
  note="same interview as 'on Wednesday'", src="Collins", tgt="Regev")
E("cnn", "If we need to attack it again", "attack@2", "ISRMIL", "PSE", "190", None, "none",
  factual=False, note="consequent of a condition, future")
E("cnn", "Joe Biden on Wednesday called for", "called", "USAGOV", None, "020", "2023-11-01",
  "day", src="Joe Biden")
E("cnn", "Joe Biden on Wednesday called for", "calling", "USAGOV", None, "020", None, "none",
  factual=False, note="stopped short of calling for a cease-fire", src="Joe Biden")
E("cnn", "Regev told Collins that Israel warned", "warned", "ISRMIL", "PSECVL", "100", None,
  "none", country="PSE", note="'weeks ago': vague", src="Israel", tgt="the area")

# --- irishtimes.com-Israel.html, published Fri 2023-11-03 --------------------------------
E("irl", "Taoiseach Leo Varadkar has said that", "said", "IRLGOV", "ISR", "111", None, "none",
  note="place stated in the next sentence (Seoul)", src="Leo Varadkar", tgt="Israel’s")
E("irl", "Taoiseach Leo Varadkar has said that", "attack", "PSEREB", "ISR", "190", "2023-10-07",
  "day", note="the October 7th attack by Hamas (nominal)", src="Hamas")
E("irl", "Speaking to reporters in the South Korean capital", "said", "IRLGOV", "ISR", "111",
  None, "none", country="KOR", src="Mr Varadkar", tgt="Israel’s")
E("irl", "Mr Varadkar also declined to describe", "describe", "IRLGOV", "ISR", "051", None,
  "none", factual=False, note="declined to", src="Mr Varadkar", tgt="Israel")
E("irl", "Mr Varadkar declined to comment on reports", "declined", "IRLGOV", None, "014", None,
  "none", src="Mr Varadkar")
E("irl", "Mr Varadkar declined to comment on reports", "killed", "PSEREB", "ISRCVL", "190",
  "2023-10-07", "day", country="ISR", src="Hamas", tgt="1400 people")
E("irl", "He said he received a briefing", "received", "IRLGOV", "IRLGOV", "010", "2023-11-03",
  "day", note="on Friday morning", src="He", tgt="the Department of Foreign Affairs")
E("irl", "Meanwhile, Israel said it had surrounded", "surrounded", "ISRMIL", "PSE", "191", None,
  "none", country="PSE", src="it", tgt="the Gaza Strip’s biggest city")
E("irl", "Meanwhile, Israel said it had surrounded", "press", "USAGOV", "ISRGOV", "100", None,
  "none", factual=False, note="was set to: scheduled", src="the United States",
  tgt="Binyamin Netanyahu")
E("irl", "Antony Blinken was due to visit Israel", "visit", "USAGOV", "ISR", "042", None, "none",
  country="ISR", factual=False, note="was due to", src="Antony Blinken", tgt="Israel")
E("irl", "Antony Blinken was due to visit Israel", "battled", "ISRMIL", "PSEREB", "190", None,
  "none", src="Israel’s military", tgt="Hamas militants")
E("irl", "Antony Blinken was due to visit Israel", "fought", "PSEREB", "ISRMIL", "190", None,
  "none", src="Hamas militants")
E("irl", "Israel has dismissed those calls", "dismissed", "ISRGOV", None, "120", None, "none",
  src="Israel")
E("irl", "Israel has dismissed those calls", "accuses", "ISRGOV", "PSEREB", "112", None, "none",
  src="it", tgt="Hamas fighters")
E("irl", "The White House has also rejected calls", "rejected", "USAGOV", None, "120", None,
  "none", src="The White House")
E("irl", "since Israel launched its assault", "launched", "ISRMIL", "PSE", "190", None, "none",
  country="PSE", src="Israel", tgt="the enclave")
E("irl", "since Israel launched its assault", "attacks", "PSEREB", "ISR", "190", None, "none",
  country="ISR", src="Hamas militants", tgt="southern Israel")
E("irl", "We call on Israel and its allies", "call", "IGOUNO", "ISR", "020", None, "none",
  note="statement by UN special rapporteurs", tgt="Israel")
E("irl", "The Israeli mission to the UN in Geneva called", "called", "ISRGOV", "IGOUNO", "111",
  None, "none", country="CHE", src="The Israeli mission")
E("irl", "The Israeli mission to the UN in Geneva called", "blamed", "ISRGOV", "PSEREB", "112",
  None, "none", country="CHE", src="The Israeli mission", tgt="Hamas")
E("irl", "and took more than 240 hostages", "took", "PSEREB", "ISRCVL", "181", "2023-10-07",
  "day", src="Hamas", tgt="240 hostages")
E("irl", "The White House said on Thursday it was looking", "looking", "USAGOV", None, "014",
  "2023-11-02", "day", src="The White House")
E("irl", "Mr Blinken also was due to meet", "meet", "USAGOV", "JORGOV", "042", "2023-11-04",
  "day", country="JOR", factual=False, note="was due to ... on Saturday",
  src="Mr Blinken", tgt="Ayman Safadi")
E("irl", "In a statement, Safadi said Israel must end", "said", "JORGOV", "ISR", "100", None,
  "none", src="Safadi", tgt="Israel")
E("irl", "In a statement, Safadi said Israel must end", "committing", "JORGOV", "ISR", "112",
  None, "none", note="accusation of war crimes", src="he", tgt="it")
E("irl", "United Arab Emirates (UAE), warned on Friday", "warned", "AREGOV", None, "010",
  "2023-11-03", "day", src="United Arab Emirates")
E("irl", "Abu Ubaida, spokesperson for the armed wing of Hamas", "said", "PSEREB", "ISRMIL",
  "010", "2023-11-02", "day", src="Abu Ubaida")
E("irl", "Your soldiers will return in black bags", "said", "PSEREB", "ISRMIL", "130",
  "2023-11-02", "day", note="same televised speech as the previous sentence")
E("irl", "Israel has said it has lost 18 soldiers", "killed", "ISRMIL", "PSEREB", "190",
  "2023-10-27", "interval", end="2023-11-03", note="since ... on Friday", src="Israel",
  tgt="dozens of militants")
E("irl", "Israel has said it has lost 18 soldiers", "expanded", "ISRMIL", "PSE", "192",
  "2023-10-27", "day", note="'on Friday' inside a since-clause of a report published on a "
  "Friday: the previous Friday", src="ground operations")
E("irl", "Israel asked foreign countries to send", "asked", "ISRGOV", None, "020", None, "none",
  src="Israel")
E("irl", "Thailand said it is in touch with Iran", "touch", "THAGOV", "IRNGOV", "040", None,
  "none", src="Thailand", tgt="Iran")
E("irl", "Parnpree Bahiddha-Nukara said on Friday", "said", "THAGOV", None, "010", "2023-11-03",
  "day", src="Parnpree Bahiddha-Nukara")
E("irl", "Parnpree Bahiddha-Nukara said on Friday", "promised", "IRNGOV", "THAGOV", "030",
  None, "none", note="past perfect under 'said on Friday': the promise is earlier, undated",
  src="Iran")

# --- npr.org-bombing.html, published Thu 2023-11-09 --------------------------------------
E("npr", "On Oct. 7, Hamas-led militants stormed", "stormed", "PSEREB", "ISR", "190",
  "2023-10-07", "day", country="ISR", src="Hamas-led militants", tgt="Israel")
E("npr", "On Oct. 7, Hamas-led militants stormed", "took", "PSEREB", "ISRCVL", "181",
  "2023-10-07", "day", country="ISR", src="Hamas-led militants", tgt="240 hostages")
E("npr", "Israel's military has launched near-continuous airstrikes", "launched", "ISRMIL", "PSE",
  "195", None, "none", country="PSE", src="Israel's military", tgt="the Gaza Strip")
E("npr", "On Oct. 13, the Israeli military ordered", "ordered", "ISRMIL", "PSECVL", "100",
  "2023-10-13", "day", country="PSE", src="the Israeli military", tgt="all residents")
E("npr", "At the time, the United Nations said", "said", "IGOUNO", None, "010", "2023-10-13",
  "day", note="'at the time' = 13 October (previous sentence)", src="the United Nations")
E("npr", "where the Israeli military has surrounded Gaza City", "surrounded", "ISRMIL", "PSE",
  "191", None, "none", country="PSE", src="the Israeli military", tgt="Gaza City")
E("npr", "The Israeli military says it's fighting to destroy Hamas", "fighting", "ISRMIL",
  "PSEREB", "190", None, "none", src="it", tgt="Hamas")
E("npr", "The Israeli military says it's fighting to destroy Hamas", "attack", "PSEREB",
  "ISRCVL", "190", None, "none", factual=False, note="'so it can no longer attack': purpose, negated",
  src="it", tgt="Israelis")
E("npr", "On Oct. 31, an Israeli airstrike hit", "hit", "ISRMIL", "PSECVL", "195", "2023-10-31",
  "day", country="PSE", src="an Israeli airstrike", tgt="refugee camp")
E("npr", "The World Health Organization said on Oct. 29", "said", "IGOUNOWHO", None, "010",
  "2023-10-29", "day", src="The World Health Organization")
E("npr", "The Israeli military has denied targeting", "denied", "ISRMIL", None, "016", None,
  "none", src="The Israeli military")
E("npr", "The Israeli military has denied targeting", "targeting", "ISRMIL", "PSE", "190", None,
  "none", country="PSE", factual=False, note="denied", src="The Israeli military",
  tgt="Gaza's hospitals")
E("npr", "On Friday, Israel struck an ambulance convoy", "struck", "ISRMIL", "PSECVL", "190",
  "2023-11-03", "day", country="PSE", src="Israel", tgt="an ambulance convoy")
E("npr", "On Monday, two rockets landed near the gates", "landed", "PSEUAF", "PSECVL", "190",
  "2023-11-06", "day", country="PSE", note="unattributed", src="two rockets")
E("npr", "prior to Israel's ground invasion that began", "invasion", "ISRMIL", "PSE", "192",
  "2023-10-21", "interval", end="2023-10-31", country="PSE", note="at the end of last month",
  src="Israel's")
E("npr", "Late on Saturday, bombs fell on Al-Maghazi", "fell", "PSEUAF", "PSECVL", "195",
  "2023-11-04", "day", country="PSE", note="unattributed", tgt="Al-Maghazi refugee camp")
E("npr", "The Israeli military said Sunday that it was looking", "looking", "ISRMIL", None,
  "014", "2023-11-05", "day", src="The Israeli military")

# --- Politics.co.uk-starmer.html, published Fri 2023-11-03 -------------------------------
E("lab", "Two Labour councillors have called on Keir Starmer", "called", "GBROPP", "GBROPP",
  "1041", None, "none", src="Two Labour councillors", tgt="Keir Starmer")
E("lab", "Mahmood said Starmer had", "said", "GBROPP", "GBROPP", "111", None, "none",
  src="Mahmood", tgt="Starmer")
E("lab", "Anas Sarwar has reportedly said Starmer has lacked", "said", "GBROPP", "GBROPP", "111",
  "2023-10-16", "day", src="Anas Sarwar", tgt="Starmer")
E("lab", "Sarwar thanked the Muslim group", "thanked", "GBROPP", "GBRCVL", "051", "2023-10-16",
  "day", note="same private meeting on October 16", src="Sarwar", tgt="the Muslim group")
E("lab", "In a speech earlier this week, Keir Starmer warned", "warned", "GBROPP", None, "010",
  "2023-10-30", "interval", end="2023-11-02", note="earlier this week", src="Keir Starmer")

# --- scotsman.com-Humza.html, published Wed 2023-11-08 -----------------------------------
E("humza", "Douglas Ross said the First Minister", "said", "GBROPP", "GBRGOV", "100", None, "none",
  src="Douglas Ross", tgt="the First Minister")
E("humza", "Last week, Mr Yousaf told MSPs", "told", "GBRGOV", "GBRLEG", "010", "2023-10-30",
  "week", end="2023-11-05", src="Mr Yousaf", tgt="MSPs")
E("humza", "Last week, Mr Yousaf told MSPs", "asked", "GBRGOV", "GBRGOV", "020", "2023-09",
  "month", note="the inquiry", src="the inquiry")
E("humza", "He said the inquiry had asked for the details", "asked", "GBRGOV", "GBRGOV", "020",
  "2023-06", "month", src="the inquiry")
E("humza", "He said the inquiry had asked for the details", "request", "GBRGOV", "GBRGOV",
  "020", None, "none", factual=False, note="did not request", src="the inquiry")
E("humza", "However, a timeline published by the Scottish Government", "published", "GBRGOV",
  None, "010", "2023-11-08", "day", src="the Scottish Government")
E("humza", "Mr Ross said: “It's clear", "said", "GBROPP", "GBRGOV", "112", None, "none",
  src="Mr Ross", tgt="the First Minister")
E("humza", "Jackie Baillie said", "said", "GBROPP", "GBRGOV", "111", None, "none",
  src="Jackie Baillie")
E("humza", "after Ms Robison raised a point of order", "raised", "GBRGOV", "GBRLEG", "010",
  None, "none", country="GBR", src="Ms Robison", tgt="the Scottish Parliament")
E("humza", "The timeline says the inquiry requested", "requested", "GBRGOV", "GBRGOV", "020",
  "2023-02", "month", src="the inquiry")
E("humza", "In September, the inquiry asked for the messages", "asked", "GBRGOV", "GBRGOV",
  "020", "2023-09", "month", src="the inquiry")

# --- thescottishsun.co.uk-SNP.html, published Wed 2023-11-08 -----------------------------
E("snp", "Michael Matheson travelled to the North African nation", "travelled", "GBRGOV", "MAR",
  "042", "2023-01", "month", country="MAR", src="Michael Matheson")
E("snp", "The Parliament challenged the company", "challenged", "GBRLEG", "GBRBUS", "111", None,
  "none", src="The Parliament", tgt="the company")
E("snp", "Scottish Tory chairman Craig Hoy said", "said", "GBROPP", "GBRGOV", "111", None, "none",
  src="Craig Hoy")

# --- nypost.com-GOP.html, published Wed 2023-11-08 ---------------------------------------
E("nyp", "A visibly enraged Nikki Haley derided", "derided", "USAOPP", "USAOPP", "111",
  "2023-11-08", "day", src="Nikki Haley", tgt="Vivek Ramaswamy")
E("nyp", "Haley has previously mocked", "mocked", "USAOPP", "USAOPP", "111", None, "none",
  note="background ('has previously')", src="Haley")
E("nyp", "At the second debate Sept. 27", "told", "USAOPP", "USAOPP", "111", "2023-09-27", "day",
  src="Haley", tgt="the political newcomer")
E("nyp", "When asked Wednesday by conservative radio", "went", "USAOPP", "USAOPP", "111",
  "2023-11-08", "day", src="Ramaswamy", tgt="Haley")
E("nyp", "Haley shot back in a response", "shot", "USAOPP", "USAOPP", "100", "2023-11-08", "day",
  country="USA", note="same debate (Wednesday night)", src="Haley")
E("nyp", "Haley explained that she made the remark", "impose", "USAGOV", "PRKGOV", "163", None,
  "none", factual=False, note="purpose infinitive of the negotiations", tgt="North Korea")
E("nyp", "Haley explained that she made the remark", "negotiations", "USAGOV", "CHNGOV", "046",
  None, "none", note="background, when she was UN ambassador", tgt="China")

# --- washingtontimes.com-GOP.html, published Wed 2023-11-08 ------------------------------
E("wt", "turned on ascending candidate Nikki Haley on Wednesday", "turned", "USAOPP", "USAOPP",
  "111", "2023-11-08", "day", country="USA", src="Republican presidential candidates",
  tgt="Nikki Haley")
E("wt", "Ms. Haley hit back hard", "hit", "USAOPP", "USAOPP", "111", "2023-11-08", "day",
  note="same debate", src="Ms. Haley")
E("wt", "She called Mr. Ramaswamy “scum”", "called", "USAOPP", "USAOPP", "111", "2023-11-08",
  "day", note="same debate", src="She", tgt="Mr. Ramaswamy")
E("wt", "She called Mr. Ramaswamy “scum”", "criticized", "USAOPP", "USAOPP", "111", None, "none",
  note="an earlier debate, undated here", src="she", tgt="him")
E("wt", "Ms. Haley slammed Mr. DeSantis", "slammed", "USAOPP", "USAOPP", "111", "2023-11-08",
  "day", note="same debate", src="Ms. Haley", tgt="Mr. DeSantis")
E("wt", "Ms. Haley slammed Mr. DeSantis", "accused", "USAOPP", "USAOPP", "112", "2023-11-08",
  "day", note="same debate", src="he", tgt="her")
E("wt", "Ms. Haley slammed Mr. DeSantis", "calling", "USAGOV", "CHN", "051", None, "none",
  factual=False, note="what she is accused of", src="her", tgt="China")
E("wt", "He lashed out at Ms. Haley", "lashed", "USAOPP", "USAOPP", "111", "2023-11-08", "day",
  note="same debate", src="He", tgt="Ms. Haley")
E("wt", "Mr. Scott said the United States", "strike", "USA", "IRN", "190", None, "none",
  factual=False, note="must strike: a demand, not an act", src="the United States", tgt="Iran")
E("wt", "Mr. Scott said the United States", "funding", "IRNGOV", "PSEREB", "070", None, "none",
  src="Iran", tgt="Hamas")
E("wt", "He accused them of rigging", "accused", "USAOPP", "USAMED", "112", "2023-11-08", "day",
  note="same debate", src="He", tgt="them")
E("wt", "He accused them of rigging", "colluded", "USAOPP", "RUS", "040", None, "none",
  factual=False, note="'the false claim that'", src="Mr. Trump", tgt="the Russians")

# --- fox2news.com-Hawley.html, published Wed 2023-11-08 ----------------------------------
E("hawley", "Some Republican presidential candidates will face off", "face", "USAOPP", "USAOPP",
  "111", "2023-11-08", "day", country="USA", factual=False, note="future",
  src="Republican presidential candidates")
E("hawley", "who formally announced last year", "announced", "USAOPP", None, "030", "2022",
  "year", src="Donald Trump")
E("hawley", "said Hawley during a virtual chat", "said", "USALEG", None, "010", "2023-11-08",
  "day", src="Hawley")

# --- chicagotribune.com-Biden.html, published Wed 2023-11-08 -----------------------------
E("belv", "President Joe Biden is scheduled to visit Belvidere", "visit", "USAGOV", None, "042",
  "2023-11-09", "day", country="USA", factual=False, note="scheduled, Thursday ahead",
  src="Joe Biden")
E("belv", "Biden is scheduled to meet in Belvidere", "meet", "USAGOV", "USALAB", "040",
  "2023-11-09", "day", country="USA", factual=False, note="same scheduled visit",
  src="Biden", tgt="Shawn Fain")
E("belv", "An Oct. 28 contract agreement ended", "agreement", "USALAB", "EURBUS", "057",
  "2023-10-28", "day", note="nominal; Stellantis", src="contract agreement")
E("belv", "But LaBolt noted Biden", "called", "USAGOV", "EURBUS", "020", None, "none",
  src="Biden", tgt="the CEO of Stellantis")

# --- lemonde.fr-Striking.html, published Sun 2023-10-29 ----------------------------------
E("uaw", "have reached a preliminary agreement", "reached", "USALAB", "EURBUS", "057",
  "2023-10-28", "day", note="the sides said so on Saturday, October 28",
  src="United Auto Workers union", tgt="Stellantis")
E("uaw", "is similar to one struck earlier this week with Ford", "struck", "USALAB", "USABUS",
  "057", "2023-10-23", "interval", end="2023-10-28", note="earlier this week", tgt="Ford")
E("uaw", "any preliminary agreement with European auto giant Stellantis would need",
  "ratified", "USALAB", "EURBUS", "057", None, "none", factual=False,
  note="would need to be ratified", src="UAW members")
E("uaw", "President Joe Biden, who became the first sitting US president", "hailed", "USAGOV",
  "USALAB", "051", None, "none", src="Joe Biden", tgt="the agreement")
E("uaw", "President Joe Biden, who became the first sitting US president", "joined", "USAGOV",
  "USALAB", "042", "2023-09", "month", country="USA", note="last month (in Michigan)",
  src="he", tgt="UAW members")
E("uaw", "when the union launched the strike on September 15", "launched", "USALAB", "USABUS",
  "143", "2023-09-15", "day", src="the union")
E("uaw", "the 9% increase that Ford, for example, initially proposed", "proposed", "USABUS",
  "USALAB", "030", "2023-08", "month", src="Ford")
E("uaw", "Just as the UAW announced the Stellantis deal", "walking", "USALAB", "USABUS", "143",
  "2023-10-28", "day", country="USA", note="just as the deal was announced (Saturday)",
  src="workers", tgt="GM's")
E("uaw", "A strike was called at GM's factory in Arlington", "called", "USALAB", "USABUS", "143",
  "2023-10-23", "interval", end="2023-10-28", country="USA", note="earlier this week")

# --- belfastlive.co.uk-DUP.html, published Fri 2023-11-03 --------------------------------
E("dup", "She also accused political representatives", "accused", "GBRGOV", "GBRGOV", "112",
  None, "none", src="She", tgt="political representatives")

# --- boston.com-Feds.html, published Wed 2023-11-08 --------------------------------------
E("feds", "Federal prosecutors on Wednesday announced three arrests", "announced", "USAJUD",
  None, "010", "2023-11-08", "day", src="Federal prosecutors")
E("feds", "Prosecutors have charged three people", "charged", "USAJUD", "USACRM", "1121", None,
  "none", src="Prosecutors", tgt="three people")
E("feds", "The buyers are neither named nor charged", "charged", "USAJUD", "USACVL", "1121",
  None, "none", factual=False, note="neither ... nor", tgt="The buyers")

# --- nbcnews.com-GOP.html, published Thu 2023-11-09 --------------------------------------
E("nbc", "top two rivals for the Republican nomination criticized him", "criticized", "USAOPP",
  "USAOPP", "111", "2023-11-08", "day", country="USA", note="here Wednesday night (MIAMI dateline)",
  src="rivals", tgt="him")
E("nbc", "Haley called Ramaswamy", "called", "USAOPP", "USAOPP", "111", "2023-11-08", "day",
  note="same debate", src="Haley", tgt="Ramaswamy")
E("nbc", "McDaniel, whom Ramaswamy called on to resign", "called", "USAOPP", "USAOPP", "1041",
  "2023-11-08", "day", note="from the debate stage", src="Ramaswamy", tgt="McDaniel")

# --- abcnews.com-Ramaswamy.html, published Thu 2023-11-09 --------------------------------
E("abc", "Nikki Haley was almost exactly center stage", "trading", "USAOPP", "USAOPP", "111",
  "2023-11-08", "day", country="USA", src="Nikki Haley")
E("abc", "Ramaswamy tore into Haley", "tore", "USAOPP", "USAOPP", "111", "2023-11-08", "day",
  note="same debate", src="Ramaswamy", tgt="Haley")
E("abc", "Haley, Christie and Scott all appeared eager to send aid", "send", "USAOPP", "UKR",
  "070", None, "none", factual=False, note="eager to: intent, no aid sent", src="Haley",
  tgt="Kyiv")
E("abc", "Scott, who has been a consistent voice for Ukraine aid", "keep", "USA", "UKR", "070",
  None, "none", factual=False, note="should keep up", src="the U.S.")

DOCS.update({"fox": "foxnews.com-GOP.html", "huff": "huffpost.com-GOP.html",
             "miami": "miamitodaynews.com-Transitway.html",
             "nw": "newsweek.com-Republican-Debate.html", "kxan": "kxan.com-Voters.html"})

# --- foxnews.com-GOP.html, published Thu 2023-11-09 (debate on Wednesday 11-08) ----------
E("fox", "In his opening answer, Ramaswamy also attacked", "attacked", "USAOPP", "USAMED", "111",
  "2023-11-08", "day", note="same debate (Wednesday's debate earlier in the text)",
  src="Ramaswamy", tgt="the debate moderators")
E("fox", "He then demanded the resignation", "demanded", "USAOPP", "USAOPP", "1041",
  "2023-11-08", "day", note="same debate; 'Tuesday's' belongs to the elections",
  src="He", tgt="Ronna McDaniel")

# --- huffpost.com-GOP.html, published Thu 2023-11-09 -------------------------------------
E("huff", "issued nine press releases blasting Republicans on Wednesday", "issued", "USAGOV",
  "USAOPP", "111", "2023-11-08", "day", src="Biden’s reelection campaign", tgt="Republicans")
E("huff", "Earlier on Wednesday, the Biden campaign used", "announce", "USAGOV", None, "010",
  "2023-11-08", "day", src="the Biden campaign")
E("huff", "as he pilloried Ukrainian President", "pilloried", "USAOPP", "UKRGOV", "111",
  "2023-11-08", "day", note="at the debate ('reached new heights on Wednesday' just before); "
  "'months ago' belongs to 'supporting'", src="Ramaswamy", tgt="Volodymyr Zelenskyy")
E("huff", "DeSantis opened the night by swiping at Trump", "swiping", "USAOPP", "USAOPP", "111",
  "2023-11-08", "day", note="the debate night; 'on Tuesday night' belongs to the elections",
  src="DeSantis", tgt="Trump")
E("huff", "Scott and DeSantis both promised to deport", "perpetrated", "PSEREB", "ISRCVL", "190",
  "2023-10-07", "day", src="it", tgt="innocent civilians")
E("huff", "Scott and DeSantis both promised to deport", "promised", "USAOPP", None, "030",
  "2023-11-08", "day", note="at the debate", src="Scott")
E("huff", "Scott and DeSantis both promised to deport", "deport", "USAOPP", "USACVL", "174",
  None, "none", factual=False, note="promised: a future act", tgt="foreign student visa holders")

# --- miamitodaynews.com-Transitway.html, published Tue 2023-11-07 -----------------------
E("miami", "refused last week to hear long-sought answers", "refused", "USAGOV", "USAGOV",
  "120", "2023-10-30", "week", end="2023-11-05", src="The trust")
E("miami", "complained in July that the transportation department", "complained", "USAGOV",
  "USAGOV", "111", "2023-07", "month", src="The Citizens’ Independent Transportation Trust",
  tgt="the transportation department")
E("miami", "pledged to the trust in July", "pledged", "USAGOV", "USAGOV", "030", "2023-07",
  "month", src="Eulois Cleckley", tgt="the trust")

# --- newsweek.com-Republican-Debate.html, published Thu 2023-11-09 ----------------------
E("nw", "On Wednesday night, Haley said that the country must not", "said", "USAOPP", None,
  "010", "2023-11-08", "day", src="Haley")

# --- kxan.com-Voters.html, published Wed 2023-11-08 --------------------------------------
E("kxan", "the state legislature passing Senate Bill 10 in May", "passing", "USALEG", None,
  "057", "2023-05", "month", note="passed a bill (alt: no CAMEO code fits well)",
  src="the state legislature")
