"""The ``sitroom serve`` command: the HTTP API, its docs and the web page over one store (:mod:`sitroom.web`).

Registered on the main app by :func:`register`. FastAPI and uvicorn are imported inside the command, so
``sitroom --help`` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from sitroom.cli import DbOption, _guard, _settings, err

HostOption = Annotated[str, typer.Option(
    "--host", help="Address to listen on; 127.0.0.1 answers this machine only. 0.0.0.0 opens the (read-only, "
                   "unauthenticated) API to the network.")]
PortOption = Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")]


def serve(db: DbOption = None, host: HostOption = "127.0.0.1", port: PortOption = 8000) -> None:
    """Serve the store over HTTP: the API (/api, OpenAPI docs at /docs) and the web page (/), read-only.

    Each request opens the store for a moment, so `sitroom ingest` can add reports while it serves.

    Example: sitroom serve --db demo.duckdb --port 8000
    """
    import uvicorn

    from sitroom.web import create_app

    settings = _settings(db=db)
    app = _guard(create_app, settings.db, settings=settings)
    _guard(app.state.service.gazetteer)  # a bad user gazetteer file is reported now, not on the first request
    err.print(f"sitroom: serving {settings.db} at http://{host}:{port}/ (API docs at /docs); Ctrl+C stops",
              markup=False, soft_wrap=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""
    app.command(name="serve")(serve)
