"""The analyst's dashboard and JSON API over the store (`armswatch serve`).

    from armswatch.web import create_app
    app = create_app(settings)          # FastAPI: /api/... (OpenAPI at /api/openapi.json) and the pages
"""

from armswatch.web.app import create_app

__all__ = ["create_app"]
