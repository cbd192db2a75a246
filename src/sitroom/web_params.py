"""Query parameters of the HTTP API: their types, their checks, pagination and the response models.

Each parameter is declared once here, with its help text, and reused by every route that takes it, so the
OpenAPI schema and the checks agree. A value that does not parse is a 400 ``bad_parameter`` naming the
parameter; a parameter that the route does not declare is a 400 ``unknown_parameter`` (FastAPI would ignore
it, and a misspelt filter would silently return everything).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query, Request
from pydantic import BaseModel, BeforeValidator, Field, StringConstraints

from sitroom.fuse import rules
from sitroom.model import ControlPeriod, EntityType, Incident, Modality
from sitroom.web_errors import ApiError

MAX_SIZE = 500
DEFAULT_SIZE = 50


def _day(value: Any) -> Any:
    """A ``YYYY-MM-DD`` string as a date; anything else is refused with the words of the contract."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {str(value)!r}") from None


def _upper(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


# The merge families of incidents (data/fuse rules), and "strategic" for strategic developments.
IncidentKind = StrEnum("IncidentKind", {kind: kind for kind in (*rules()["families"], "strategic")})


class ExportFormatName(StrEnum):
    acled_csv = "acled-csv"
    plover_jsonl = "plover-jsonl"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


def _text(description: str, example: str | None = None) -> Any:
    return Annotated[str | None, Query(description=description, max_length=500,
                                       examples=[example] if example else None)]


Since = Annotated[dt.date | None, BeforeValidator(_day), Query(
    description="Only from this day on (YYYY-MM-DD, inclusive).", examples=["2021-08-06"])]
Until = Annotated[dt.date | None, BeforeValidator(_day), Query(
    description="Only up to this day (YYYY-MM-DD, inclusive).", examples=["2021-08-16"])]
At = Annotated[dt.date | None, BeforeValidator(_day), Query(
    description="The day (YYYY-MM-DD); default: the last day the reports cover (`last_date` of /api/meta).",
    examples=["2021-08-14"])]
Place = _text("A canonical place id (exact), else part of a place name or province, any case.", "Kunduz")
Actor = _text("Part of the actor's name or an alias, any case (or a canonical actor id for incidents).", "Taleban")
EventKind = _text("ACLED event or sub-event type, or PLOVER type (any part, any case).", "battles")
Source = _text("Part of the outlet's name, any case.", "Khyber")
Country = Annotated[Annotated[str, StringConstraints(pattern="^[A-Za-z]{2}$")] | None, BeforeValidator(_upper),
                    Query(description="ISO 3166-1 alpha-2 country code (any case).", examples=["AF"])]
Modalities = Annotated[list[Modality] | None, BeforeValidator(
    lambda v: [_lower(x) for x in v] if isinstance(v, list) else v), Query(
    description="Keep these modalities (repeat the parameter for several); default: all (timeline: asserted "
                "and claimed).")]
Kinds = Annotated[IncidentKind | None, BeforeValidator(_lower), Query(description="The kind of incident.")]
Types = Annotated[EntityType | None, BeforeValidator(_upper), Query(description="PERSON, ORG, GROUP or PLACE.")]
Page_ = Annotated[int, Query(ge=1, le=10**9, description="Page number, from 1.")]
Size = Annotated[int, Query(ge=1, le=MAX_SIZE, description=f"Items per page, 1..{MAX_SIZE}.")]


@dataclass(frozen=True, slots=True)
class Paging:
    """Which slice of a list to answer: ``offset`` and ``limit`` for SQL, or a slice for Python lists."""

    page: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def cut(self, rows: list[Any]) -> list[Any]:
        """The page of a list already read whole (the readers that take no limit and offset)."""
        return rows[self.offset:self.offset + self.size]

    def answer(self, items: list[Any], total: int) -> dict[str, Any]:
        """The list envelope of the contract: items, total, page, size."""
        return {"items": items, "total": total, "page": self.page, "size": self.size}


def paging(page: Page_ = 1, size: Size = DEFAULT_SIZE) -> Paging:
    """The ``page`` and ``size`` parameters of every list."""
    return Paging(page, size)


def _query_names(dependant: Any) -> Iterator[str]:
    """The query parameters of a route and of all its dependencies (FastAPI's ``Dependant`` tree)."""
    yield from (field.alias for field in dependant.query_params)
    for child in dependant.dependencies:
        yield from _query_names(child)


def reject_unknown(request: Request) -> None:
    """Refuse query parameters the route does not declare (a router-wide dependency)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    names = frozenset(_query_names(dependant))  # a dozen fields: cheaper to walk than to cache safely
    for name in request.query_params:
        if name not in names:
            allowed = ", ".join(sorted(names)) or "none"
            raise ApiError(400, "unknown_parameter", f"{name}: unknown parameter; this path takes {allowed}",
                           parameter=name)


# --- response models (for the OpenAPI schema; the routes answer plain JSON built with queries.to_json) ---

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of a list."""

    items: list[T]
    total: int = Field(description="Items matching the filters, on all pages.")
    page: int
    size: int


class Meta(BaseModel):
    documents: int
    events: int
    incidents: int
    first_date: dt.date | None = Field(description="The first day an incident is dated to, else the first report.")
    last_date: dt.date | None = Field(description="The last day an incident is dated to, else the last report: "
                                                  "the default `at` of /api/situation.")
    countries: list[str] = Field(description="ISO 3166-1 alpha-2 codes of the places the reports mention.")
    sources: list[str] = Field(description="The outlets of the reports.")


class EvidenceWords(BaseModel):
    doc_id: str
    start: int
    end: int
    text: str
    published: dt.date | None
    outlet: str | None


@dataclass(frozen=True, slots=True)
class IncidentItem(Incident):
    """An incident with the words of every report that tells it."""

    evidence: tuple[EvidenceWords, ...] = ()


class Capitals(BaseModel):
    total: int = Field(description="Province capitals of the countries shown.")
    by_holder: dict[str, int] = Field(description="Capitals by holder name, or `contested` / `disputed`.")


class SituationOut(BaseModel):
    at: dt.date
    places: list[ControlPeriod]
    capitals: Capitals
