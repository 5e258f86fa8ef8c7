"""Round 3 actor coverage: 2004-era wire news and current affairs (own sentences).

Each case lists mentions that MUST be found (surface text, code) and codes that must
NOT appear.  Kinds covered: role-noun agents (separatists, kidnappers, people,
aid workers, contractors, peacekeepers, election workers, tribal elders, plural
ministries), places that only compose with an agent (Chechen, Kashmiri,
Basque), people with office dates, parties (GOV/OPP by date), armed groups,
religious/royal offices, regional collectives and international tribunals.
See docs/eval/actors.md, "Round 3".
"""

from __future__ import annotations

from datetime import date

import pytest

from actor_tables import check_table_case

D04 = date(2004, 9, 15)
D18 = date(2018, 8, 10)
D22 = date(2022, 6, 1)

CASES: list[tuple[str, date | None, list[tuple[str, str]], list[str]]] = [
    # --- role-noun agents, alone and with a country
    ("Separatist rebels ambushed an army convoy.", D04, [("Separatist rebels", "---SEP")], ["---REB"]),
    ("Kashmiri separatists called a general strike.", D04, [("Kashmiri separatists", "INDSEP")], []),
    ("Basque separatists were blamed for the car bomb.", D04, [("Basque separatists", "ESPSEP")], []),
    ("Chechen rebels seized a school in the south.", D04, [("Chechen rebels", "RUSREB")], []),
    ("Iraqi kidnappers released a new video of the hostage.", D04, [("Iraqi kidnappers", "IRQUAF")], ["IRQCRM"]),
    ("Police said kidnappers had set a 48-hour deadline.", D04, [("kidnappers", "---UAF")], ["---CRM"]),
    ("At least twenty people were killed in the blast.", D04, [("people", "---CVL")], ["---PPL"]),
    ("A bomb hit a car carrying an election worker.", D04, [("election worker", "---CVL")], ["---LAB"]),
    ("Afghan tribal elders met the governor.", D04, [("Afghan tribal elders", "AFGCVL")], []),
    ("Two British aid workers were freed.", D04, [("British aid workers", "GBRNGO")], ["GBRLAB"]),
    ("Two employees of a British charity were shot.", D04, [("British charity", "GBRNGO")], []),
    ("American contractors were ambushed near Fallujah.", D04, [("American contractors", "USABUS")], []),
    ("Nigerian peacekeepers arrived in Darfur.", D04, [("Nigerian peacekeepers", "NGAMIL")], []),
    ("The Russian and Syrian defence ministries issued a joint statement.", D18,
     [("Syrian defence ministries", "SYRGOV")], ["SYRGOVMIL"]),
    # "held hostage in Iraq": the hostages are not Iraqi civilians
    ("Two French reporters are still held hostage in Iraq.", D04, [("French reporters", "FRAMED")], ["IRQCVL"]),
    # --- places compose only with an agent; alone they are locations
    ("Fighting broke out in Chechnya.", D04, [], ["RUS"]),
    ("Gunmen attacked a checkpoint in Kashmir.", D04, [], ["IND"]),
    ("US troops battled militiamen in Sadr City.", D04, [("US troops", "USAMIL")], ["IRQREB", "IRQ"]),
    ("Northern Ireland police searched the house.", D04, [("Northern Ireland police", "GBRCOP")], []),
    # --- people with office dates
    ("Moqtada al-Sadr ordered his fighters to stop.", D04, [("Moqtada al-Sadr", "IRQREB")], []),
    ("Muqtada al-Sadr announced a new political bloc.", date(2021, 10, 1), [("Muqtada al-Sadr", "IRQELI")], []),
    ("Grand Ayatollah Ali al-Sistani returned to Najaf.", D04,
     [("Grand Ayatollah Ali al-Sistani", "IRQELI")], []),
    ("Abu Musab al-Zarqawi claimed the bombing.", D04, [("Abu Musab al-Zarqawi", "IRQINS")], ["IMGMUSISI"]),
    ("Ahmed Qurei met the Egyptian envoy.", D04, [("Ahmed Qurei", "PSEGOV")], []),
    ("Mohammad Khatami defended the nuclear programme.", D04, [("Mohammad Khatami", "IRNGOV")], []),
    ("Alvaro Uribe ordered an offensive.", D04, [("Alvaro Uribe", "COLGOV")], []),
    ("Alexander Lukashenko dismissed the criticism.", D04, [("Alexander Lukashenko", "BLRGOV")], []),
    ("Morgan Tsvangirai was acquitted of treason.", D04, [("Morgan Tsvangirai", "ZWEOPP")], []),
    ("Morgan Tsvangirai chaired the cabinet meeting.", date(2010, 3, 1), [("Morgan Tsvangirai", "ZWEGOV")], []),
    ("Javier Solana met Iranian negotiators.", D04, [("Javier Solana", "IGOEUREEC")], ["IGOWSTNAT"]),
    ("Donald Rumsfeld visited troops in Baghdad.", D04, [("Donald Rumsfeld", "USAGOV")], []),
    ("Jack Straw said Britain would send no troops.", D04, [("Jack Straw", "GBRGOV")], ["GBRGOVJUD"]),
    ("Boris Gryzlov said the Duma would hold an inquiry.", D04, [("Boris Gryzlov", "RUSLEG")], []),
    ("Carla Del Ponte criticised Belgrade.", D04, [("Carla Del Ponte", "IGOUNO")], []),
    ("Mark Esper accused Beijing of coercion.", date(2019, 11, 20), [("Mark Esper", "USAGOV")], []),
    ("Nelson Mandela urged the world to act.", None, [("Nelson Mandela", "ZAFELI")], []),
    ("Nelson Mandela opened parliament.", date(1996, 2, 9), [("Nelson Mandela", "ZAFGOV")], []),
    ("Prince Charles defended his views on education.", D04, [("Prince Charles", "GBRELI")], []),
    ("Eugene Terreblanche was arrested again.", D04, [("Eugene Terreblanche", "ZAFRAD")], []),
    # --- religious and royal offices, regional collectives
    ("Pope John Paul II urged dialogue.", D04, [("Pope John Paul II", "VATGOV")], []),
    ("The Vatican condemned the attack.", D04, [("Vatican", "VATGOV")], []),
    ("The Pope called for peace in the Holy Land.", D04, [("Pope", "VATGOV")], []),
    ("The Archbishop of Canterbury criticised the war.", D04, [("Archbishop of Canterbury", "GBRELI")], []),
    ("Iran rejected any European proposal to halt enrichment.", D04,
     [("Iran", "IRN"), ("European", "EUR")], []),
    ("The European Union and the European Parliament disagreed.", D04,
     [("European Union", "IGOEUREEC"), ("European Parliament", "IGOEUREEC")], ["EUR"]),
    # --- parties: ruling = GOV, opposition = OPP by date
    ("The Movement for Democratic Change boycotted the vote.", D04,
     [("Movement for Democratic Change", "ZWEOPP")], []),
    ("The People's Democratic Party won the governorship.", D04, [("People's Democratic Party", "NGAGOV")], []),
    ("The Peoples Democratic Party led a protest march.", D18, [("Peoples Democratic Party", "NGAOPP")], []),
    ("The Democratic Unionist Party rejected the deal.", D04, [("Democratic Unionist Party", "GBROPP")], []),
    ("The Iraqi Islamic Party quit the government.", D04, [("Iraqi Islamic Party", "IRQOPP")], ["AFGREB"]),
    ("The Congress of South African Trade Unions condemned the deportation.", D04,
     [("Congress of South African Trade Unions", "ZAFLAB")], ["ZAFLEG"]),
    ("The AWB held a rally.", D04, [("AWB", "ZAFRAD")], []),
    # --- armed groups (country whose territory the cause is about)
    ("ETA claimed the bombing.", D04, [("ETA", "ESPSEP")], ["ESPREB"]),
    ("The IRA said it had put its weapons beyond use.", D04, [("IRA", "GBRREB")], []),
    ("Tamil Tiger rebels accused the army.", D04, [("Tamil Tiger rebels", "LKAREB")], []),
    ("The LTTE pulled out of the talks.", D04, [("LTTE", "LKAREB")], []),
    ("The ELN freed two hostages.", D04, [("ELN", "COLREB")], []),
    ("The Al-Aqsa Martyrs Brigades claimed the attack.", D04, [("Al-Aqsa Martyrs Brigades", "PSEREB")], ["MEAREB"]),
    ("Two Qassam rockets hit Sderot.", D04, [("Qassam rockets", "PSEREB")], []),
    ("Tawhid and Jihad beheaded the hostage.", D04, [("Tawhid and Jihad", "IRQINS")], []),
    ("Abu Sayyaf gunmen kidnapped three tourists.", D04, [("Abu Sayyaf gunmen", "PHLINS")], []),
    ("Jemaah Islamiyah was blamed for the embassy bombing.", D04, [("Jemaah Islamiyah", "IDNINS")], []),
    ("Janjaweed militias burned the village.", D04, [("Janjaweed militias", "SDNUAF")], []),
    ("The Justice and Equality Movement rejected the offer.", D04,
     [("Justice and Equality Movement", "SDNREB")], []),
    # --- international tribunals and NGOs
    ("The UN war crimes tribunal indicted two generals.", D04, [("UN war crimes tribunal", "IGOUNO")], []),
    ("The ICTY sentenced him to 20 years.", D04, [("ICTY", "IGOUNO")], []),
    ("CARE International suspended its work in Iraq.", D04, [("CARE International", "NGODEV")], []),
    # generic words stay generic
    ("Health care workers went on strike.", D04, [], ["NGODEV"]),
]


@pytest.mark.parametrize("text,when,expected,absent", CASES, ids=[c[0][:40] for c in CASES])
def test_round3_phrase_table(nlp, actors, text, when, expected, absent) -> None:
    check_table_case(nlp, actors, text, when, expected, absent)


def test_round3_lookup_by_date(actors) -> None:
    # the same name, different roles by date (undated: current office, else latest)
    assert actors.lookup("Moqtada al-Sadr", D04) == "IRQREB"
    assert actors.lookup("Moqtada al-Sadr", date(2021, 10, 1)) == "IRQELI"
    assert actors.lookup("Movement for Democratic Change", date(2010, 1, 1)) == "ZWEGOV"
    assert actors.lookup("Movement for Democratic Change", None) == "ZWEOPP"
    assert actors.lookup("Peoples Democratic Party", D04) == "NGAGOV"
    assert actors.lookup("Nelson Mandela", None) == "ZAFELI"
    assert actors.lookup("Javier Solana", None) == "IGOEUREEC"
