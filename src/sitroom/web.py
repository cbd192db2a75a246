"""The web app of ``sitroom serve``: the HTTP API of docs/api.md, its OpenAPI docs and the web page.

:func:`create_app` builds a FastAPI app over one store. Routes (:mod:`sitroom.web_routes`) call the same
library functions as the CLI. Every request opens its own short-lived read-only connection, so a
``sitroom ingest`` in another process can take the file between requests (DuckDB allows one writer and no
reader beside it); while it holds the file, requests wait a few seconds and then answer 503 ``store_busy``.

Two things are kept between requests because they are slow to make: the gazetteer (loaded once) and the
derived situation (:func:`sitroom.situation.load_situation`), recomputed only when the store file or its
write-ahead log has changed. The full-text index is a sidecar file (:mod:`sitroom.search`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from sitroom import __version__
from sitroom.model import Observation
from sitroom.search import SearchIndex, store_version
from sitroom.settings import Settings, load_settings
from sitroom.situation import Situation
from sitroom.store import Store, StoreBusy, StoreError
from sitroom.web_errors import RETRY_AFTER_S, ApiError, install

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
# How long a request waits for an ingest to let go of the store before answering 503 (at most; a smaller
# lock_wait setting wins): ingest holds the file only while it writes a batch, and the page retries.
STORE_WAIT_S = 5.0
# Swagger UI for /docs, copied from npm's swagger-ui-dist by `make assets` (never from a CDN: sitroom is offline).
SWAGGER_LOCAL = "vendor/swagger-ui"
DESCRIPTION = """The situation that conflict reports describe, read from a sitroom store: reports, entities,
events, incidents, quotes, contradictions, control of places over time, full-text search and exports.
Every fact comes with its report and the character offsets of the words that support it.
Errors all have one shape: `{"error": {"status", "code", "message", "parameter"}}`."""


@dataclass(frozen=True, slots=True)
class Derived:
    """The situation of one version of the store, with each event's observation by event id."""

    situation: Situation
    by_event: dict[str, Observation]
    version: tuple[int | None, ...]


class Service:
    """What the routes share: the store's path and settings, the gazetteer, the cached situation, the index.

    Args:
        db: the store file.
        settings: resolved settings (gazetteer and cache folder).
        store_wait: seconds a request waits for a busy store before answering 503 (default: ``lock_wait``,
            at most :data:`STORE_WAIT_S`).
        index: the full-text index file (default: beside the store, see :func:`sitroom.search.index_path`).
    """

    def __init__(self, db: str | Path, settings: Settings, *, store_wait: float | None = None,
                 index: str | Path | None = None) -> None:
        self.db = str(db)
        self.settings = settings
        self.store_wait = min(settings.lock_wait, STORE_WAIT_S) if store_wait is None else store_wait
        self.index = SearchIndex(self.db, path=index)
        self._gazetteer: Any = None
        self._derived: Derived | None = None
        self._lock = threading.Lock()

    def open_store(self) -> Store:
        """A read-only connection to the store; 503 when an ingest holds it or it cannot be opened."""
        retry = {"Retry-After": str(RETRY_AFTER_S)}
        try:
            return Store(self.db, read_only=True, wait=self.store_wait, memory_limit=self.settings.memory_limit)
        except StoreBusy as error:
            raise ApiError(503, "store_busy", str(error), headers=retry) from None
        except StoreError as error:
            raise ApiError(503, "store_unavailable", str(error), headers=retry) from None

    def gazetteer(self) -> Any:
        """The gazetteer of the settings, loaded on first use (it finds the province capitals)."""
        if self._gazetteer is None:
            from sitroom.places import load_gazetteer

            with self._lock:
                if self._gazetteer is None:
                    self._gazetteer = load_gazetteer(self.settings.cache_dir, self.settings.gazetteer)
        return self._gazetteer

    def derived(self) -> Derived:
        """The situation of the store as it is now: cached, recomputed only after the store has changed."""
        version = store_version(self.db)
        cached = self._derived
        if cached is not None and cached.version == version:
            return cached
        gazetteer = self.gazetteer()
        with self._lock:  # one recomputation at a time; the others then find it done
            cached = self._derived
            version = store_version(self.db)
            if cached is not None and cached.version == version:
                return cached
            from sitroom.situation import load_situation

            with self.open_store() as store:
                situation = load_situation(store, gazetteer=gazetteer)
            self._derived = Derived(situation, {o.event_id: o for o in situation.observations}, version)
            log.info("situation of %s derived: %d incidents", self.db, len(situation.incidents))
            return self._derived


def service(request: Request) -> Service:
    """The app's :class:`Service` (a route dependency)."""
    return request.app.state.service


def store(request: Request) -> Iterator[Store]:
    """A read-only store connection for one request, closed after it (a route dependency)."""
    opened = service(request).open_store()
    try:
        yield opened
    finally:
        opened.close()


def derived(request: Request) -> Derived:
    """The cached situation of the store (a route dependency)."""
    return service(request).derived()


def create_app(db: str | Path, *, settings: Settings | None = None, store_wait: float | None = None,
               index: str | Path | None = None) -> FastAPI:
    """The web app over the store at ``db``: the API under /api, OpenAPI docs at /docs, the page at /.

    The store is not opened here (only by requests), so the app starts while an ingest holds the file.

    Args:
        db: the store file.
        settings: resolved settings (default: from the environment and config file).
        store_wait: seconds a request waits for a busy store before answering 503 (default: the ``lock_wait``
            setting, at most :data:`STORE_WAIT_S`).
        index: the full-text index file (default ``<db>.search.sqlite``).

    Raises:
        StoreError: there is no store at ``db``.

    Example:
        >>> create_app("/no/such/store.duckdb")
        Traceback (most recent call last):
        ...
        sitroom.store.StoreError: no store at /no/such/store.duckdb; create one with `sitroom ingest` or `sitroom demo`
    """
    if not Path(db).is_file():
        raise StoreError(f"no store at {db}; create one with `sitroom ingest` or `sitroom demo`")
    from sitroom.web_routes import router

    settings = settings if settings is not None else load_settings()
    app = FastAPI(title="sitroom", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.service = Service(db, settings, store_wait=store_wait, index=index)
    install(app)
    app.include_router(router)
    _page_routes(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _page_routes(app: FastAPI) -> None:
    """The web page (/), its files (/static) and the API docs (/docs)."""

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        page = STATIC / "index.html"
        if page.is_file():
            return FileResponse(page, media_type="text/html")
        return PlainTextResponse("sitroom: the web page is not installed; the API is at /api (see /docs).")

    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        if not (STATIC / SWAGGER_LOCAL / "swagger-ui-bundle.js").is_file():
            return PlainTextResponse("sitroom: the API docs page needs the web assets: run `make assets`. "
                                     "The schema itself is at /openapi.json.")
        base = f"/static/{SWAGGER_LOCAL}"
        return HTMLResponse(
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sitroom API</title>'
            f'<link rel="stylesheet" href="{base}/swagger-ui.css"></head><body><div id="swagger-ui"></div>'
            f'<script src="{base}/swagger-ui-bundle.js"></script><script src="/docs/init.js"></script>'
            "</body></html>")

    @app.get("/docs/init.js", include_in_schema=False)
    def docs_script() -> Response:
        # A file, not an inline script, so that the page's Content-Security-Policy can forbid inline scripts.
        return Response('window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui"});',
                        media_type="text/javascript")


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI schema, without FastAPI's 422 answers: a bad parameter is a 400 in the one error shape."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            operation.get("responses", {}).pop("422", None)
    schemas = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    app.openapi_schema = schema
    return schema
