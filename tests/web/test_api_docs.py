"""/api/docs: Swagger UI served from the package (vendored from npm), started by a script file of the app's
own, under the unchanged Content-Security-Policy. The browser test (test_browser_dashboard.py) renders it."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from armswatch.web.security import SECURITY_HEADERS


def test_the_docs_page_loads_only_the_packages_own_files(client: TestClient) -> None:
    r = client.get("/api/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/vendor/swagger-ui-dist/swagger-ui-bundle.js">',
                       '<script src="/static/api-docs.js">']
    assert all(body.strip() == "" for body in re.findall(r"<script[^>]*>(.*?)</script>", html, re.S))  # no inline code
    assert 'data-openapi-url="/api/openapi.json"' in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing from another host (no CDN)
    for path in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client.get(path).status_code == 200, path


def test_the_content_security_policy_is_unchanged_on_the_docs_page(client: TestClient) -> None:
    r = client.get("/api/docs")
    assert r.headers["content-security-policy"] == SECURITY_HEADERS["content-security-policy"]
    assert "unsafe" not in r.headers["content-security-policy"]


def test_the_vendored_swagger_ui_is_served_with_its_licence(client: TestClient) -> None:
    bundle = client.get("/static/vendor/swagger-ui-dist/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.content) > 500_000 and b"SwaggerUIBundle" in bundle.content
    assert client.get("/static/vendor/swagger-ui-dist/swagger-ui.css").status_code == 200
    assert "Apache License" in client.get("/static/vendor/swagger-ui-dist/LICENSE.txt").text
    assert client.get("/static/vendor/swagger-ui-dist/NOTICE.txt").status_code == 200


def test_the_docs_page_is_not_an_operation_of_the_schema(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/docs" not in paths and "/api/stats" in paths
