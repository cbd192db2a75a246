"""Near-duplicates: MinHash signatures and the LSH index that links wire copies republished with small edits."""

from __future__ import annotations

import numpy as np

from sitroom.dedup import NUM_PERM, NearDuplicateIndex, jaccard, shingles, signature

HERAT_REPORT = (
    "HERAT, Afghanistan (AP) - Taliban fighters pushed into the western city of Herat on Thursday after "
    "weeks of siege, officials said. Heavy fighting was reported near the police headquarters and the "
    "governor's compound. A provincial council member said government forces had pulled back to the "
    "airport and the army corps base on the edge of the city. Residents described constant gunfire and "
    "explosions through the night and said many families had fled toward the Iranian border. The head of "
    "the regional hospital said dozens of wounded civilians had arrived since the weekend and that the "
    "wards were full. Veteran commander Ismail Khan, who had rallied his militia to defend the city, was "
    "reported to be among those holding out. The Taliban said on social media that they had seized the "
    "prison and freed hundreds of inmates. The fall of Herat would leave the insurgents in control of most "
    "of western Afghanistan, a senior official warned."
)
DROPPED = ("The head of the regional hospital said dozens of wounded civilians had arrived since the weekend and "
           "that the wards were full. ")
WIRE_COPY = (HERAT_REPORT.replace(DROPPED, "")
             .replace("Heavy fighting", "Fierce fighting")
             .replace("many families", "several families"))
OTHER_HERAT_REPORT = (
    "Herat - Aid agencies in Herat warned on Saturday that food prices in the city had doubled in a month "
    "as trade with Iran slowed and the main highway to Kandahar was closed. The World Food Programme said "
    "it was distributing flour and cooking oil to displaced families camped in parks and school yards. "
    "Shopkeepers in the old bazaar said customers could no longer afford rice, and that money changers "
    "had stopped trading the afghani against the dollar. A local teacher said schools for girls in the "
    "province remained open for now, but that parents were keeping their daughters at home. The governor "
    "of Herat appealed for calm and said the city's water and electricity supplies were secure."
)


def index_of(texts: dict[str, str], threshold: float = 0.7) -> NearDuplicateIndex:
    index = NearDuplicateIndex(threshold, text_of=texts.get)
    for doc_id, text in texts.items():
        index.add(doc_id, signature(shingles(text)))
    return index


def test_the_report_is_about_150_words_and_the_copy_differs() -> None:
    assert 140 <= len(HERAT_REPORT.split()) <= 170
    assert WIRE_COPY != HERAT_REPORT and DROPPED not in WIRE_COPY
    assert len(HERAT_REPORT.split()) - len(WIRE_COPY.split()) == len(DROPPED.split())


def test_identical_text_is_found_with_similarity_one() -> None:
    index = index_of({"herat": HERAT_REPORT})
    assert index.find(HERAT_REPORT) == ("herat", 1.0)
    assert jaccard(shingles(HERAT_REPORT), shingles(HERAT_REPORT)) == 1.0


def test_case_punctuation_and_spacing_do_not_matter() -> None:
    index = index_of({"herat": HERAT_REPORT})
    assert index.find("  " + HERAT_REPORT.upper().replace(",", "").replace(" ", "   ")) == ("herat", 1.0)


def test_wire_copy_with_small_edits_is_a_near_duplicate() -> None:
    index = index_of({"herat": HERAT_REPORT, "other": OTHER_HERAT_REPORT})
    found = index.find(WIRE_COPY)
    assert found is not None
    doc_id, similarity = found
    assert doc_id == "herat"
    assert 0.7 < similarity < 1.0
    assert similarity == round(jaccard(shingles(WIRE_COPY), shingles(HERAT_REPORT)), 4)


def test_two_reports_about_the_same_city_are_not_duplicates() -> None:
    assert jaccard(shingles(HERAT_REPORT), shingles(OTHER_HERAT_REPORT)) < 0.1
    assert index_of({"herat": HERAT_REPORT}).find(OTHER_HERAT_REPORT) is None
    assert index_of({"other": OTHER_HERAT_REPORT}).find(WIRE_COPY) is None


def test_threshold_is_respected() -> None:
    similarity = jaccard(shingles(WIRE_COPY), shingles(HERAT_REPORT))
    assert index_of({"herat": HERAT_REPORT}, threshold=min(1.0, similarity + 0.01)).find(WIRE_COPY) is None


def test_a_stored_text_that_is_gone_is_skipped() -> None:
    index = NearDuplicateIndex(0.7, text_of={}.get)
    index.add("herat", signature(shingles(HERAT_REPORT)))
    assert index.candidates(signature(shingles(HERAT_REPORT))) == ["herat"]
    assert index.find(HERAT_REPORT) is None


def test_signatures_are_deterministic() -> None:
    first = signature(shingles(HERAT_REPORT))
    second = signature(set(sorted(shingles(HERAT_REPORT), reverse=True)))
    assert first.dtype == np.uint32 and first.shape == (NUM_PERM,)
    assert np.array_equal(first, second)
    assert np.array_equal(first, signature(shingles(HERAT_REPORT)))
    assert not np.array_equal(first, signature(shingles(OTHER_HERAT_REPORT)))


def test_signature_survives_a_bytes_round_trip() -> None:
    sig = signature(shingles(HERAT_REPORT))
    assert np.array_equal(np.frombuffer(sig.tobytes(), dtype=np.uint32), sig)


def test_empty_text() -> None:
    assert shingles("") == set() == shingles("  \n ...  ")
    empty = signature(set())
    assert empty.shape == (NUM_PERM,) and empty.dtype == np.uint32
    assert np.array_equal(empty, signature(shingles("")))
    assert jaccard(set(), set()) == 1.0
    assert jaccard(set(), shingles(HERAT_REPORT)) == 0.0
    assert index_of({"herat": HERAT_REPORT}).find("") is None


def test_short_texts_make_one_shingle() -> None:
    assert shingles("Kabul fell") == {"kabul fell"}
    assert shingles("The Taliban took Kunduz") == {"the taliban took", "taliban took kunduz"}
