"""Quotes: quote-mark pairing alone, then the stage on the seed gold, the demo reports and our own sentences.

The stage tests run only what quotes need (the parse and the entities stage), so they keep measuring this
stage while later stages of the pipeline change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom import entities, quotes
from sitroom.documents import to_document
from sitroom.evaluate import Item, load_gold, match
from sitroom.ids import fact_id
from sitroom.lexicons import load_json
from sitroom.model import Entity, Quote, QuoteKind
from sitroom.pipeline import StageInput
from sitroom.quote_marks import find_quotes, paragraphs
from sitroom.readers import RawDoc

GOLD = Path(__file__).parent / "data" / "gold" / "seeds.jsonl"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"
MARKS = '"“”‘’\'«»„'


def contents(text: str) -> list[str]:
    return [text[s:e] for s, e in (q.content for q in find_quotes(text))]


# --- quote marks (no model) ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ('"Not much," Kirby said.', ["Not much,"]),
    ("“Yes, the government has submitted a proposal. It allows talks,” the source said.",
     ["Yes, the government has submitted a proposal. It allows talks,"]),
    ('Kirby said: "Not much."\nUS officials said', ["Not much."]),
    ("“We are not leaving,” he said, “until the last soldier is gone.”",
     ["We are not leaving,", "until the last soldier is gone."]),
    ("said it was a “rotten deal”.", ["rotten deal"]),
    ("“He told us ‘leave now’ and we left,” she said.", ["He told us ‘leave now’ and we left,"]),
    ('"He said "no" to us," she said.', ['He said "no" to us,']),
    ("The minister called it 'a dark day', but weren’t they warned?", ["a dark day"]),
    ("the Afghans' homes and the officials’ cars", []),
    ("in the ’90s they said “”", []),
])
def test_marks_pair_into_quotes(text: str, expected: list[str]) -> None:
    assert contents(text) == expected


def test_an_unclosed_quote_runs_to_the_end_of_its_paragraph_only() -> None:
    text = '"People are dying every day.\n\n"We need access now," she said.\n\nThe army "denied'
    found = find_quotes(text)
    assert [text[s:e] for s, e in (q.content for q in found)] == [
        "People are dying every day.", "We need access now,", "denied"]
    assert [q.closed for q in found] == [False, True, False]


def test_curly_marks_typed_the_wrong_way_round_still_pair() -> None:
    assert contents("He said ”we will stay” and left.") == ["we will stay"]


def test_paragraphs_split_on_blank_lines_or_single_newlines_unless_hard_wrapped() -> None:
    assert paragraphs("One.\nTwo.\n\n\nThree.") == [(0, 4), (5, 9), (12, 18)]
    wrapped = "The army said\nthat it had\nretaken the\ntown.\n\nNext one."
    assert paragraphs(wrapped) == [(0, 43), (45, 54)]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(MARKS + "ab ,.\n:")), max_size=60))
def test_any_string_of_marks_pairs_without_raising(text: str) -> None:
    found = find_quotes(text)
    previous_end = -1
    for quote in found:
        (start, end), (low, high) = quote.content, quote.marks
        assert low < start <= end <= high <= len(text) and low >= previous_end
        assert text[low] in MARKS and (not quote.closed or text[high - 1] in MARKS)
        previous_end = high


def test_cue_lexicon_is_data_with_its_source() -> None:
    from sitroom.lexicons import read_text

    assert '"_source"' in read_text("quote_cues.json")
    data = load_json("quote_cues.json")
    assert {"say", "tell", "tweet", "warn", "deny"} <= set(data["verbs"])
    assert ["according", "to"] in data["prepositions"]


# --- the stage -------------------------------------------------------------------------------------------------


def run(nlp, text: str) -> tuple[tuple[Quote, ...], tuple[Entity, ...]]:
    document = to_document(RawDoc(text=text, origin="<test>"))
    parsed = nlp(text)
    found = {"entities": entities.stage(StageInput(document, parsed, {}))["entities"]}
    return quotes.stage(StageInput(document, parsed, found))["quotes"], found["entities"]


def by_content(found: tuple[Quote, ...], text: str) -> Quote:
    [quote] = [q for q in found if q.content.text == text]
    return quote


@pytest.fixture(scope="module")
def seed_quotes(nlp) -> list[tuple[object, tuple[Quote, ...], tuple[Entity, ...]]]:
    return [(gold, *run(nlp, gold.text)) for gold in load_gold(GOLD)]


def _scores(seed_quotes) -> dict[str, float]:
    counts = {"gold": 0, "predicted": 0, "strict": 0, "lenient": 0, "speaker": 0}
    for gold, found, _ in seed_quotes:
        gold_items = [Item(q.content.start, q.content.end, None, q) for q in gold.quotes]
        predicted = [Item(q.content.start, q.content.end, None, q) for q in found]
        lenient = match(gold_items, predicted, lenient=True)
        counts["gold"] += len(gold_items)
        counts["predicted"] += len(predicted)
        counts["strict"] += len(match(gold_items, predicted, lenient=False))
        counts["lenient"] += len(lenient)
        for g, p in lenient:
            a, b = g.value.speaker, p.value.speaker
            counts["speaker"] += (a is None and b is None) or (
                a is not None and b is not None and min(a.end, b.end) > max(a.start, b.start))

    def f1(matched: int) -> float:
        return 2 * matched / (counts["gold"] + counts["predicted"])

    return {"strict_f1": f1(counts["strict"]), "lenient_f1": f1(counts["lenient"]),
            "speaker_accuracy": counts["speaker"] / counts["lenient"]}


@pytest.mark.slow
def test_seed_gold_scores(seed_quotes) -> None:
    scores = _scores(seed_quotes)
    assert scores["strict_f1"] >= 0.95
    assert scores["lenient_f1"] >= 0.98
    assert scores["speaker_accuracy"] >= 0.95


@pytest.mark.slow
def test_sudan_gold_scores(nlp) -> None:
    """The second hand-made gold set (another conflict, written apart from this stage): same floors, a bit lower."""
    path = GOLD.parent / "sudan.jsonl"
    if not path.exists():
        pytest.skip("tests/data/gold/sudan.jsonl is not there")
    scores = _scores([(gold, *run(nlp, gold.text)) for gold in load_gold(path)])
    assert scores["strict_f1"] >= 0.85
    assert scores["lenient_f1"] >= 0.9
    assert scores["speaker_accuracy"] >= 0.9


@pytest.mark.slow
def test_seed_cues_and_kinds_agree_with_the_gold(seed_quotes) -> None:
    for gold, found, _ in seed_quotes:
        predicted = {(q.content.start, q.content.end): q for q in found}
        for quote in gold.quotes:
            mine = predicted.get((quote.content.start, quote.content.end))
            if mine is not None:
                assert (mine.kind, mine.cue) == (quote.kind, quote.cue), quote.content.text


@pytest.mark.slow
def test_seed_floating_quotes_inherit_the_previous_speaker(seed_quotes) -> None:
    (_, found_000, _), (_, found_004, _) = seed_quotes
    zia = by_content(found_000, "Several parts of the capital have fallen to the Taleban.")
    assert (zia.floating, zia.cue, zia.speaker.text) == (True, None, "Ziauddin Zia")
    state = next(q for q in found_004 if q.content.text.startswith("Although US troops will depart"))
    assert (state.floating, state.speaker.text) == (True, "the State Department")
    assert all(not q.floating for q in found_000 if q is not zia)


@pytest.mark.slow
def test_seed_speakers_link_to_their_entities(seed_quotes) -> None:
    (_, found, people), _ = seed_quotes
    names = {e.id: e.name for e in people}
    kirby = by_content(found, "Not much.")
    assert (kirby.kind, kirby.speaker.text, names[kirby.speaker_entity]) == (QuoteKind.DIRECT, "Kirby", "John Kirby")
    assert kirby.id == fact_id("quote", kirby.doc_id, kirby.content.start, kirby.content.end)
    residents = next(q for q in found if q.speaker and q.speaker.text.startswith("He and several"))
    assert names[residents.speaker_entity] == "Ghulam Rasool"  # the pronoun's antecedent


@pytest.mark.slow
def test_seed_mixed_quotation_gives_both_records(seed_quotes) -> None:
    (_, found, _), _ = seed_quotes
    deal = by_content(found, "rotten deal")
    clause = next(q for q in found if q.content.text.endswith('was a "rotten deal"'))
    assert (deal.kind, clause.kind) == (QuoteKind.DIRECT, QuoteKind.INDIRECT)
    assert deal.speaker == clause.speaker and deal.cue == clause.cue == "told"


@pytest.mark.slow
def test_seed_reports_and_according_to(seed_quotes) -> None:
    _, (_, found, _) = seed_quotes
    reports = next(q for q in found if q.cue == "reports")
    assert reports.speaker is None and reports.content.text.startswith("hundreds of troops")
    member = next(q for q in found if q.cue == "according to" and q.content.text.startswith("Kabul handed"))
    assert member.speaker.text == "a member of the government’s team in Doha"
    assert member.content.text.endswith("in return for an end to fighting")


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="the gold reads a trailing 'as ...' clause as the narrator's; the parse "
                   "puts it inside the reported clause")
def test_seed_narrator_as_clause_is_left_out(seed_quotes) -> None:
    _, (_, found, _) = seed_quotes
    sending = next(q for q in found if q.content.text.startswith("it was sending 3,000 troops"))
    assert sending.content.text.endswith("to evacuate US embassy staff")


SUDAN = """PORT SUDAN, April 20 (Reuters) - "We will not surrender," RSF commander Mohamed Hamdan Dagalo said.
The Sudanese army said in a statement that its forces had repelled an attack on El Fasher.
According to the United Nations, more than 10 million people have been displaced since April 2023.
At least 40 people were killed in the shelling, a medical source told AFP.
"The situation is catastrophic," said Clementine Nkweta-Salami, the UN humanitarian coordinator. "People are dying.
"We need access now."
Army spokesman Nabil Abdallah told Reuters: "The militia attacked the market at dawn."
The so-called "humanitarian truce" collapsed within hours.
Burhan, who vowed that the army would "fight to the end", visited Port Sudan.
The paramilitary force said its troops had taken the city, without giving details.
The ministry did not say whether the talks would resume.
"""


@pytest.fixture(scope="module")
def sudan(nlp) -> tuple[Quote, ...]:
    return run(nlp, SUDAN)[0]


@pytest.mark.slow
@pytest.mark.parametrize(("content", "kind", "speaker", "cue"), [
    ("We will not surrender,", QuoteKind.DIRECT, "Mohamed Hamdan Dagalo", "said"),
    ("its forces had repelled an attack on El Fasher", QuoteKind.INDIRECT, "The Sudanese army", "said"),
    ("more than 10 million people have been displaced since April 2023", QuoteKind.INDIRECT, "the United Nations",
     "According to"),
    ("At least 40 people were killed in the shelling", QuoteKind.INDIRECT, "a medical source", "told"),
    ("The situation is catastrophic,", QuoteKind.DIRECT, "Clementine Nkweta-Salami", "said"),
    ("The militia attacked the market at dawn.", QuoteKind.DIRECT, "Nabil Abdallah", "told"),
    ('the army would "fight to the end"', QuoteKind.INDIRECT, "Burhan", "vowed"),
    ("fight to the end", QuoteKind.DIRECT, "Burhan", "vowed"),
    ("its troops had taken the city", QuoteKind.INDIRECT, "The paramilitary force", "said"),
])
def test_sudan_sentences(sudan, content, kind, speaker, cue) -> None:
    quote = by_content(sudan, content)
    assert (quote.kind, quote.speaker.text, quote.cue, quote.floating) == (kind, speaker, cue, False)


@pytest.mark.slow
def test_sudan_multi_paragraph_quote_floats_and_scare_quotes_and_questions_are_not_quotes(sudan) -> None:
    for text in ("People are dying.", "We need access now."):
        quote = by_content(sudan, text)
        assert quote.floating and quote.speaker.text == "Clementine Nkweta-Salami" and quote.cue is None
    said = {q.content.text for q in sudan}
    assert "humanitarian truce" not in said
    assert not any("talks would resume" in text or "PORT SUDAN" in text for text in said)


@pytest.mark.slow
def test_pronoun_speaker_gives_way_to_its_antecedent(nlp) -> None:
    text = ('"We are short of blood," said Sayed Haroon Amini, the hospital director. '
            '"Many of our staff could not come," he said.\n\n'
            'A senior US official said the truce would be monitored.\n\n"We are not naive," he said.\n\n'
            'He and several other residents said the town had fallen.')
    found, people = run(nlp, text)
    amini, staff, _, naive, residents = found
    assert (staff.speaker.text, staff.speaker_entity, staff.cue) == ("Sayed Haroon Amini", amini.speaker_entity, "said")
    assert staff.speaker.start == amini.speaker.start  # the nearest earlier mention
    assert {e.id: e.name for e in people}[staff.speaker_entity] == "Sayed Haroon Amini"
    assert naive.speaker.text == "A senior US official"
    assert residents.speaker.text == "He and several other residents"


@pytest.mark.slow
@pytest.mark.parametrize(("text", "content", "speaker", "cue"), [
    ("The UN refugee agency UNHCR said 20,000 people had crossed into Chad.",
     "20,000 people had crossed into Chad", "UNHCR", "said"),
    ("Residents reached by phone said the market had been shelled.", "the market had been shelled", "Residents",
     "said"),
    ("The army said on Tuesday it had opened an investigation.", "it had opened an investigation", "The army",
     "said"),
    ("The agency said a convoy would cross into Darfur next week, the first delivery in more than a month.",
     "a convoy would cross into Darfur next week", "The agency", "said"),
    (("Army spokesman Nabil Abdallah told Reuters the army had repelled the attack, a claim that could not be "
     "independently verified."), "the army had repelled the attack", "Nabil Abdallah", "told"),
    ("According to WHO spokeswoman Leila Mansour, stocks of blood and fuel could run out within days.",
     "stocks of blood and fuel could run out within days", "Leila Mansour", "According to"),
    ("The RSF denied that its fighters had looted the town, though residents believe otherwise.",
     "its fighters had looted the town", "The RSF", "denied"),
    ("The State Department said in a statement that the embassy would stay open.",
     "the embassy would stay open", "The State Department", "said"),
])
def test_speaker_and_clause_edges(nlp, text: str, content: str, speaker: str, cue: str) -> None:
    quote = by_content(run(nlp, text)[0], content)
    assert (quote.speaker.text, quote.cue) == (speaker, cue)


@pytest.mark.slow
def test_demo_reports_give_quotes_with_speakers(nlp) -> None:
    text = (EXAMPLES / "2021-08-07_khyber-wire_sheberghan-falls.txt").read_text(encoding="utf-8")
    found, _ = run(nlp, text)
    assert len(found) >= 6 and all(q.speaker is not None for q in found)
    assert not any(q.content.text.startswith("MAZAR") for q in found)  # the dateline is not what officials said


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(['"', "“", "”", "'", "’", " said", " he", " told AFP", " We", " will", " fight",
                                 ",", ".", "\n", " the army", " that"]), max_size=14))
def test_any_text_of_quote_marks_goes_through_the_stage(nlp, pieces: list[str]) -> None:
    text = "".join(pieces)
    for quote in run(nlp, text)[0]:
        assert text[quote.content.start:quote.content.end] == quote.content.text
        assert quote.speaker is None or text[quote.speaker.start:quote.speaker.end] == quote.speaker.text
