"""The application factory: one FastAPI app over one store, serving the JSON API and the pages.

    app = create_app(load_settings(db="armswatch.sqlite3"))      # then: uvicorn.run(app, host="127.0.0.1")

Everything the app holds lives on `app.state.web` (a `WebState`): no globals, so tests build as many
apps as they like, each over its own store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from armswatch import __version__
from armswatch.errors import StoreError
from armswatch.ingest import ClaimExtractor
from armswatch.settings import Settings, load_settings
from armswatch.store import Store, open_store
from armswatch.web import api, api_docs, pages
from armswatch.web.security import HostCheck, RequestGuard, SecurityHeaders, allowed_hosts
from armswatch.web.state import WebState, web_state

__all__ = ["create_app"]

HERE = Path(__file__).resolve().parent


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=True,  # every value is HTML-escaped unless a template says otherwise (none does)
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from armswatch.web import filters

    filters.install(env)
    return Jinja2Templates(env=env)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    extractor: ClaimExtractor | None = None,
    extractor_version: str | None = None,
    bound_host: str | None = None,
) -> FastAPI:
    """The app over `store` (default: the store named by the `db` setting, opened now, closed at
    shutdown). `extractor` serves POST /api/ingest (default: the spaCy extractor, loaded when first
    needed). `bound_host`, the address served on, is one of the Host names answered (see `allowed_hosts`)."""
    settings = settings or load_settings()
    own_store = store is None
    the_store = store if store is not None else open_store(settings=settings)
    state = WebState(settings=settings, store=the_store, templates=_templates(), extractor=extractor,
                     extractor_version=extractor_version)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if own_store:
            the_store.close()

    app = FastAPI(
        title="armswatch",
        version=__version__,
        summary="Claims of military transfers between states, extracted from the news, with their evidence.",
        description=(
            "Read-only by default. `POST /api/ingest` and `POST /api/decisions` need the server's API token "
            "(setting `api_token`) as `Authorization: Bearer TOKEN`. Filters are validated: a bad value is "
            "a 422 naming the parameter."
        ),
        lifespan=lifespan,
        openapi_url="/api/openapi.json",
        docs_url=None,  # FastAPI's page loads Swagger UI from a CDN: served from the package instead (api_docs)
        redoc_url=None,
    )
    app.state.web = state
    app.state.allowed_hosts = allowed_hosts(settings, bound_host)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    app.include_router(api.router)
    app.include_router(api_docs.router)
    app.include_router(pages.router)
    # outermost last: security headers on every answer, then the host check, then the body guard
    token_paths = [r.path for r in api.router.routes if isinstance(r, APIRoute) and "POST" in (r.methods or ())]
    app.add_middleware(RequestGuard, max_bytes=settings.max_request_bytes, token=settings.api_token,
                       token_paths=token_paths)
    app.add_middleware(HostCheck, hosts=app.state.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    _install_error_handlers(app)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _is_api(request):
            return await request_validation_exception_handler(request, exc)
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
                    + (f" (got {e['input']!r})" if isinstance(e.get("input"), str | int) else "")
                    for e in exc.errors()]
        return _error_page(request, 422, "Invalid request", problems)

    @app.exception_handler(HTTPException)
    @app.exception_handler(StarletteHTTPException)  # what the router raises for 404 and 405
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405:  # Starlette names the methods of the first route on the path only
            exc = HTTPException(405, exc.detail, headers={**(exc.headers or {}), "Allow": _allowed(request)})
        if _is_api(request) or exc.status_code < 400:
            return await http_exception_handler(request, exc)
        return _error_page(request, exc.status_code, _TITLES.get(exc.status_code, "Error"), [str(exc.detail)],
                           headers=getattr(exc, "headers", None))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": f"the store failed: {exc}"}, status_code=503)
        return _error_page(request, 503, "The store failed", [str(exc)])


def _allowed(request: Request) -> str:
    """Every method served on the request's path (GET and POST on /api/decisions), for a 405's Allow header."""
    methods: set[str] = set()
    for route in [*api.router.routes, *api_docs.router.routes, *pages.router.routes]:
        if isinstance(route, APIRoute) and route.matches(request.scope)[0] is not Match.NONE:
            methods |= route.methods or set()
    return ", ".join(sorted(methods))


_TITLES = {400: "Bad request", 401: "Token required", 403: "Forbidden", 404: "Not found", 409: "Conflict",
           413: "Too large", 422: "Invalid request", 503: "Unavailable"}


def _error_page(request: Request, status: int, title: str, problems: list[str],
                headers: dict[str, Any] | None = None) -> Response:
    state = web_state(request)
    return state.templates.TemplateResponse(
        request, "error.html", {"title": title, "status": status, "problems": problems,
                                "store_url": state.store.url, "writable": bool(state.settings.api_token)},
        status_code=status, headers=headers,
    )
