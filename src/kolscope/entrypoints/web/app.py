"""The FastAPI application: pages, the JSON API and their static files, all served locally."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from kolscope import __version__
from kolscope.bootstrap import Workspace
from kolscope.entrypoints.web import api, pages

STATIC = Path(__file__).with_name("static")


def create_app(workspace: Workspace) -> FastAPI:
    app = FastAPI(
        title="kolscope API",
        version=__version__,
        description="Creators, their accounts and follower history in a kolscope workspace.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.workspace = workspace
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _mount_swagger(app)
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def errors(request: Request, error: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api") or error.status_code < 400:
            return await http_exception_handler(request, error)
        return pages.templates.TemplateResponse(
            request,
            "error.html",
            {"workspace": workspace.config, "status": error.status_code, "message": error.detail},
            status_code=error.status_code,
        )

    return app


def _mount_swagger(app: FastAPI) -> None:
    """API docs with Swagger UI from the swagger-ui-bundle package: no CDN."""
    import swagger_ui_bundle

    app.mount(
        "/api/docs/assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger"
    )

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="kolscope API",
            swagger_js_url="/api/docs/assets/swagger-ui-bundle.js",
            swagger_css_url="/api/docs/assets/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )


__all__ = ["HTTPException", "create_app"]
