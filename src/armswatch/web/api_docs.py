"""/api/docs: the API's own documentation, Swagger UI served from the package (static/vendor/swagger-ui-dist,
vendored from npm with the lockfile like the other libraries), so it works offline and under the app's
Content-Security-Policy: FastAPI's page loads Swagger UI from a CDN and starts it with an inline script,
both of which the policy refuses. Here static/api-docs.js starts it, reading the schema's URL from the page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from armswatch.web.state import WebState, web_state

__all__ = ["DOCS_PATH", "router"]

DOCS_PATH = "/api/docs"

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get(DOCS_PATH)
def api_docs(request: Request, state: Annotated[WebState, Depends(web_state)]) -> Response:
    return state.templates.TemplateResponse(request, "api_docs.html", {
        "title": "armswatch: API", "openapi_url": request.app.openapi_url, "store_url": state.store.url,
        "writable": bool(state.settings.api_token),
    })
