"""The one JSON error shape of the HTTP API, and the handlers that turn every failure into it.

Whatever goes wrong (a bad or unknown parameter, an unknown id or path, a method the path does not answer,
a store held by an ingest, a bug) the client gets the same body, so the page has one error path::

    {"error": {"status": 400, "code": "bad_parameter", "parameter": "since",
               "message": "since: not a date (YYYY-MM-DD): 'yesterday'"}}

Every response, errors included, carries the security headers of :data:`SECURITY_HEADERS` (the
:class:`Guard` middleware adds them, and answers an unexpected exception with an ``internal`` error).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

RETRY_AFTER_S = 2  # what a client is told to wait when an ingest holds the store
# Only our own origin: the page's script, styles and map data are served from /static (Leaflet sets inline
# styles on its map panes, hence 'unsafe-inline' for styles only; its tiles are drawn from data: URLs).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
_CODES = {400: "bad_parameter", 404: "not_found", 405: "method_not_allowed", 500: "internal", 503: "store_busy"}


class ErrorDetail(BaseModel):
    status: int = Field(description="The HTTP status, repeated.")
    code: str = Field(description="bad_parameter, unknown_parameter, not_found, method_not_allowed, store_busy, "
                                  "store_unavailable or internal.")
    message: str = Field(description="What went wrong and how to fix it, in one line.")
    parameter: str | None = Field(None, description="The query or path parameter at fault, if one is.")


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


def _described(text: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": text}


# Declared on every API route, so the OpenAPI schema tells clients what they may get back.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _described("A bad or unknown query parameter (bad_parameter, unknown_parameter)."),
    404: _described("No such id or path (not_found)."),
    500: _described("A bug (internal); the server log has the traceback."),
    503: _described("An ingest holds the store (store_busy, with Retry-After), or it cannot be opened "
                    "(store_unavailable)."),
}


class ApiError(Exception):
    """An expected failure of a request, answered in the one error shape.

    Example:
        >>> ApiError(404, "not_found", "no document 'x'", parameter="doc_id").body()["error"]["code"]
        'not_found'
    """

    def __init__(self, status: int, code: str, message: str, *, parameter: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.parameter = status, code, message, parameter
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        detail: dict[str, Any] = {"status": self.status, "code": self.code, "message": self.message}
        if self.parameter is not None:
            detail["parameter"] = self.parameter
        return {"error": detail}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


def bad_parameter(name: str, message: str) -> ApiError:
    """A 400 naming the parameter: ``bad_parameter("size", "at most 500")``."""
    return ApiError(400, "bad_parameter", f"{name}: {message}", parameter=name)


def _validation_error(request: Request, error: Exception) -> JSONResponse:
    """FastAPI's 422 (a value that does not parse or is out of range) as a 400 naming the parameter."""
    first = error.errors()[0] if isinstance(error, RequestValidationError) and error.errors() else {}
    location = [str(part) for part in first.get("loc", ())]
    name = location[1] if len(location) > 1 else "request"  # ("query", "modality", 0): the parameter
    if first.get("type") == "missing":
        return bad_parameter(name, "required").response()
    reason = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    reason = reason[:1].lower() + reason[1:]
    given = first.get("input")
    shown = f": {given!r}" if isinstance(given, str | int | float) and repr(given) not in reason else ""
    return bad_parameter(name, reason + shown).response()


def _http_error(request: Request, error: Exception) -> JSONResponse:
    """Routing's 404 and 405 (and any other HTTPException) in the one shape, keeping headers such as Allow."""
    assert isinstance(error, StarletteHTTPException)
    status = error.status_code
    headers = dict(error.headers or {})
    if status == 404:
        message = f"no such path: {request.url.path}; see /docs for the API"
    elif status == 405:
        allowed = headers.get("Allow") or headers.get("allow") or "GET"
        message = f"{request.method} is not allowed on {request.url.path}; use {allowed}"
    else:
        message = str(error.detail)
    code = _CODES.get(status, "bad_parameter" if status < 500 else "internal")
    return ApiError(status, code, message, headers=headers).response()


def _api_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return error.response()


def install(app: FastAPI) -> None:
    """Answer every error of ``app`` in the one shape, and add the security headers to every response."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_middleware(Guard)


class Guard:
    """ASGI middleware: security headers on every response, and a bug answered as a JSON ``internal`` error.

    It wraps the routes directly, so an unexpected exception is answered here (and logged with its
    traceback) in the error shape, instead of reaching Starlette's plain-text error page.
    """

    def __init__(self, app: ASGIApp, *, headers: dict[str, str] | None = None) -> None:
        self.app = app
        self.headers = [(k.encode(), v.encode()) for k, v in (headers or SECURITY_HEADERS).items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise  # the status line is gone; nothing better to send than a cut response
            failure = ApiError(500, "internal", "internal error; the server log has the details")
            await failure.response()(scope, receive, send_with_headers)
