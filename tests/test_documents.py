"""Documents: publication date and its provenance, best source first, and content-hash ids (no model needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.documents import to_document
from sitroom.ids import document_id
from sitroom.model import DateProvenance
from sitroom.readers import RawDoc

FULL_DATELINE = "KABUL, Aug. 13, 2021 (AP) - The Taliban, ousted in 2001, took Herat."
DAY_ONLY_DATELINE = "KANDAHAR, Aug 13 (Reuters) - The accord of 2020 has failed, officials said in 2019 and 2020."


def raw(text: str, published: dt.date | None = None, published_from: str | None = None) -> RawDoc:
    return RawDoc(text=text, origin="test", published=published, published_from=published_from)


def test_given_date_beats_the_dateline() -> None:
    doc = to_document(raw(FULL_DATELINE, dt.date(2021, 8, 1), "given"))
    assert (doc.published, doc.published_provenance) == (dt.date(2021, 8, 1), DateProvenance.GIVEN)


def test_metadata_date_beats_the_dateline() -> None:
    doc = to_document(raw(FULL_DATELINE, dt.date(2021, 8, 2), "metadata"))
    assert (doc.published, doc.published_provenance) == (dt.date(2021, 8, 2), DateProvenance.METADATA)


def test_a_date_without_its_origin_counts_as_given() -> None:
    doc = to_document(raw(FULL_DATELINE, dt.date(2021, 8, 3)))
    assert doc.published_provenance is DateProvenance.GIVEN


def test_full_dateline_date_beats_inference() -> None:
    doc = to_document(raw(FULL_DATELINE))
    assert (doc.published, doc.published_provenance) == (dt.date(2021, 8, 13), DateProvenance.DATELINE)
    assert doc.dateline is not None and doc.dateline.places == ("KABUL",)


def test_dateline_day_takes_the_latest_year_the_text_names() -> None:
    doc = to_document(raw(DAY_ONLY_DATELINE))
    assert (doc.published, doc.published_provenance) == (dt.date(2020, 8, 13), DateProvenance.INFERRED)


def test_dateline_day_without_a_year_in_the_text_is_unknown() -> None:
    doc = to_document(raw("KANDAHAR, Aug 13 (Reuters) - The Taliban took the city."))
    assert (doc.published, doc.published_provenance) == (None, DateProvenance.UNKNOWN)


def test_a_year_without_a_dateline_is_unknown() -> None:
    doc = to_document(raw("The Taliban took Kunduz in August 2021."))
    assert (doc.published, doc.published_provenance) == (None, DateProvenance.UNKNOWN)
    assert doc.dateline is None


def test_an_impossible_inferred_day_is_unknown() -> None:
    doc = to_document(raw("KANDAHAR, Feb 30 (Reuters) - The accord of 2020 failed."))
    assert (doc.published, doc.published_provenance) == (None, DateProvenance.UNKNOWN)


@pytest.mark.parametrize("given", [
    raw(FULL_DATELINE, dt.date(2021, 8, 2), "metadata"),
    raw(FULL_DATELINE),
    raw(DAY_ONLY_DATELINE),
    raw("No dateline, no year."),
])
def test_published_override_wins_over_everything(given: RawDoc) -> None:
    doc = to_document(given, published=dt.date(2021, 8, 15))
    assert (doc.published, doc.published_provenance) == (dt.date(2021, 8, 15), DateProvenance.GIVEN)


def test_source_override_and_fields_carried() -> None:
    given = RawDoc(text="Kabul - The Taliban took Kunduz.", origin="a.txt", title="T", source="Wire",
                   url="https://example.org/1", external_id="r1")
    doc = to_document(given, source="Other")
    assert (doc.title, doc.source, doc.url, doc.origin, doc.external_id) == (
        "T", "Other", "https://example.org/1", "a.txt", "r1")
    assert to_document(given).source == "Wire"


def test_same_text_same_id() -> None:
    first = to_document(raw(FULL_DATELINE))
    second = to_document(RawDoc(text=FULL_DATELINE, origin="elsewhere", title="another title"))
    assert first.id == second.id == document_id(FULL_DATELINE)


def test_different_text_different_id() -> None:
    assert to_document(raw("The Taliban took Kunduz.")).id != to_document(raw("The Taliban took Herat.")).id


@pytest.mark.parametrize("variant", [
    "  Kabul -  the \u201cTaleban\u201d   say\nthey\u2019ve taken Kunduz.\n",
    "Kabul \u2014 the \"Taleban\" say they've taken Kunduz.",
    "Kabul\u00a0- the \"Taleban\"\tsay they\u2019ve taken Kunduz.",
    "Kabul \u2013 the \u201cTaleban\u201d say they've\r\ntaken Kunduz.",
])
def test_whitespace_quote_and_dash_variants_share_an_id(variant: str) -> None:
    plain = "Kabul - the \"Taleban\" say they've taken Kunduz."
    assert to_document(raw(variant)).id == to_document(raw(plain)).id


def test_case_and_word_changes_change_the_id() -> None:
    plain = "Kabul - the Taleban say they have taken Kunduz."
    assert document_id(plain) != document_id(plain.upper())
    assert document_id(plain) != document_id(plain.replace("taken", "seized"))
