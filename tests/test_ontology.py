"""The event ontology data: ACLED and PLOVER types, the mapping, and the trigger lexicon agree."""

from __future__ import annotations

import json

import pytest

from sitroom import ontology
from sitroom.event_conditions import CONDITIONS
from sitroom.lexicons import read_text


def test_acled_has_six_types_and_twenty_five_sub_types():
    assert ontology.acled_types() == ("Battles", "Explosions/Remote violence", "Violence against civilians",
                                      "Protests", "Riots", "Strategic developments")
    assert len(ontology.acled_sub_types()) == 25
    assert ontology.acled_sub_types("Protests") == (
        "Peaceful protest", "Protest with intervention", "Excessive force against protesters")


def test_plover_has_sixteen_types_in_four_quads():
    types = ontology.plover_types()
    assert len(types) == 16
    assert {"AGREE", "CONSULT", "ASSAULT", "MOBILIZE", "RETREAT", "SANCTION", "REQUEST", "REJECT", "AID"} <= set(types)
    assert {ontology.plover_quad(t) for t in types} == {
        "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}
    assert "aerial" in ontology.plover_modes("ASSAULT")
    assert "withdraw" in ontology.plover_modes("SANCTION")


def test_every_sub_type_maps_to_plover():
    for sub in ontology.acled_sub_types():
        plover = ontology.plover_for(sub)
        assert plover is None or plover in ontology.plover_types(), sub
    assert ontology.plover_for("Non-state actor overtakes territory") == "ASSAULT"  # GUIDELINES.md: captures
    assert ontology.plover_for("Agreement") == "AGREE"
    assert ontology.plover_mode_for("Air/drone strike") == "aerial"
    assert ontology.event_type_for("Grenade") == "Explosions/Remote violence"
    assert ontology.disorder_type("Riots") == "Demonstrations"


def test_unknown_sub_type_is_a_key_error():
    with pytest.raises(KeyError, match="unknown ACLED sub-event type"):
        ontology.event_type_for("Skirmish")


def test_data_files_say_where_they_come_from():
    raw = json.loads(read_text("ontology.json"))
    assert "_source" in raw
    for section in ("acled", "plover", "acled_to_plover", "noun_classes"):
        assert "_source" in raw[section], section
    header = read_text("event_triggers.csv")
    assert header.startswith("#") and "Sources:" in header
    assert "_source" in json.loads(read_text("modality_cues.json"))


def test_trigger_lexicon_validates_and_codes_to_known_types():
    rules = ontology.trigger_rules()
    assert len(rules) > 150
    ontology.validate()
    for rule in rules:
        if rule.sub_event_type:
            assert ontology.event_type_for(rule.sub_event_type) == rule.event_type
    # the lexicon covers what the seeds and other conflicts need
    words = {(r.lemma, r.pos) for r in rules}
    for needed in [("capture", "VERB"), ("overrun", "VERB"), ("clash", "NOUN"), ("shell", "VERB"),
                   ("bomb", "NOUN"), ("kill", "VERB"), ("abduct", "VERB"), ("arrest", "VERB"),
                   ("protest", "NOUN"), ("talk", "NOUN"), ("offer", "VERB"), ("deploy", "VERB"),
                   ("withdraw", "VERB"), ("evacuate", "VERB"), ("urge", "VERB"), ("reject", "VERB"),
                   ("relocation", "NOUN")]:
        assert needed in words, needed


def test_rules_are_tried_specific_first():
    take = ontology.rules_by_word()[("take", "VERB")]
    assert all(rule.with_words for rule in take[:3])  # "take up" (positions), "take over" before plain "take"
    over = [rule for rule in take if rule.with_words == ("over",)]
    assert over[0].sub_event_type == "Government regains territory"  # the state-actor row before the general one
    bomb = ontology.rules_by_word()[("bomb", "NOUN")]
    assert bomb[0].with_words == ("suicide",) and bomb[0].sub_event_type == "Suicide bomb"


def test_conditions_named_in_the_lexicon_exist():
    names = {term.lstrip("!") for rule in ontology.trigger_rules() for alt in rule.condition.split("|")
             for term in alt.split("+") if term}
    assert names <= set(CONDITIONS)


def test_validate_rejects_a_row_with_a_wrong_sub_type():
    bad = ontology.TriggerRule("raid", "VERB", "ASSAULT", "Battles", "Air/drone strike")
    with pytest.raises(ontology.OntologyError, match="not a sub-type of 'Battles'"):
        ontology.validate((bad,))
    with pytest.raises(ontology.OntologyError, match="unknown PLOVER type"):
        ontology.validate((ontology.TriggerRule("raid", "VERB", "FIGHT", None, None),))
    with pytest.raises(ontology.OntologyError, match="unknown condition"):
        ontology.validate((ontology.TriggerRule("raid", "VERB", "ASSAULT", None, None, condition="sunny"),))


def test_lexicon_covers_common_conflict_verbs():
    """Wire verbs across conflicts (Sudan, Ukraine, Syria, Sahel): shelling, strikes, pushes, aid, truces."""
    words = set(ontology.rules_by_word())
    for needed in [("pound", "VERB"), ("target", "VERB"), ("repel", "VERB"), ("liberate", "VERB"),
                   ("push", "VERB"), ("patrol", "VERB"), ("ceasefire", "NOUN"), ("truce", "NOUN"),
                   ("halt", "VERB"), ("suspend", "VERB"), ("distribution", "NOUN"), ("reach", "VERB"),
                   ("open", "VERB"), ("assault", "NOUN"), ("lay", "VERB")]:
        assert needed in words, needed


def test_no_accusation_records():
    """GUIDELINES.md section 5: verbal criticism (accuse, blame) is not annotated."""
    assert not [rule for rule in ontology.trigger_rules() if rule.plover == "ACCUSE"]
