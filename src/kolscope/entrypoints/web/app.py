"""The FastAPI application: pages, the JSON API and their static files, all served locally."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from kolscope import __version__
from kolscope.bootstrap import Workspace
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web import i18n
from kolscope.entrypoints.web.api import campaigns as api_campaigns
from kolscope.entrypoints.web.api import discovery as api_discovery
from kolscope.entrypoints.web.api import hooks as api_hooks
from kolscope.entrypoints.web.api import orders as api_orders
from kolscope.entrypoints.web.api import ratecards as api_ratecards
from kolscope.entrypoints.web.api import tracking as api_tracking
from kolscope.entrypoints.web.api import workspace as api_workspace
from kolscope.entrypoints.web.api.errors import validation_details
from kolscope.entrypoints.web.middleware import KnowTheVisitor, limit_threads
from kolscope.entrypoints.web.pages import (
    audits,
    auth,
    brands,
    campaign_board,
    campaign_content,
    campaigns,
    creators,
    discover,
    help_pages,
    imports,
    lead_form,
    order_import,
    organisations,
    ratecards,
    settings,
    shops,
    shortlists,
    tracking,
    tracking_exports,
)
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import PUBLIC, LoginRequiredError, need
from kolscope.entrypoints.web.static_files import CompressedStatic, compressed_file

STATIC = Path(__file__).with_name("static")


def create_app(workspace: Workspace) -> FastAPI:
    app = FastAPI(
        title="kolscope API",
        version=__version__,
        description="Creators, their accounts and follower history in a kolscope "
        "workspace. Authenticate with a session (the web app) or a personal API "
        "token: `Authorization: Bearer ks_…` (Settings → API tokens).",
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        lifespan=limit_threads(workspace.settings.web_threads),
    )
    app.state.workspace = workspace
    _mount_vendor(app)  # before /static, which would otherwise catch these paths
    app.mount("/static", CompressedStatic(directory=STATIC), name="static")
    routers = [
        api_discovery.router,  # before the workspace API: /api/creators/search is no account
        api_workspace.router,
        api_campaigns.router,
        api_ratecards.router,
        api_tracking.router,
        api_hooks.router,
        api_orders.router,
        lead_form.router,
        auth.router,
        creators.router,
        discover.router,
        shortlists.router,
        audits.router,
        imports.router,
        brands.router,
        campaigns.router,
        campaign_board.router,
        campaign_content.router,
        tracking.router,
        tracking_exports.router,
        shops.router,
        order_import.router,
        ratecards.router,
        settings.router,
        organisations.router,
        help_pages.router,
    ]
    for router in routers:
        app.include_router(router)
    _api_docs(app)

    app.add_middleware(KnowTheVisitor, workspace=workspace)

    @app.exception_handler(LoginRequiredError)
    async def login_required(request: Request, _error: LoginRequiredError) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse(
                {"detail": "Log in, or send a personal API token: Authorization: Bearer ks_…"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", 303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if error.status_code == 405:
            # Two routes may share a path (GET and POST): Allow names every method it takes.
            allowed = _allowed_methods([app.router, *routers], request)
            error.headers = {**(error.headers or {}), "Allow": allowed}
        if request.url.path.startswith("/api") or error.status_code < 400:
            return await http_exception_handler(request, error)
        return page(
            request,
            "error.html",
            status_code=error.status_code,
            status=error.status_code,
            message=i18n.gettext(str(error.detail)),  # catalogued messages read in Thai too
        )

    @app.exception_handler(Exception)
    async def broken(request: Request, _error: Exception) -> Response:
        """A bug: the person gets a page in their language (the traceback goes to the log)."""
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": "Internal Server Error"}, status_code=500)
        return page(
            request,
            "error.html",
            status_code=500,
            status=500,
            message=i18n.gettext("Something went wrong on our side. Please try again later."),
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": validation_details(error.errors())}, status_code=422)
        fields = ", ".join(str(e.get("loc", ["?"])[-1]) for e in error.errors())
        return page(
            request,
            "error.html",
            status_code=400,
            status=400,
            message=i18n.gettext("Some fields are missing or wrong:") + f" {fields}",
        )

    return app


def _allowed_methods(routers: Sequence[APIRouter], request: Request) -> str:
    """Every method some route takes at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for router in routers:
        for route in router.routes:
            if isinstance(route, APIRoute) and route.matches(request.scope)[0] != Match.NONE:
                methods |= route.methods or set()
    return ", ".join(sorted(methods))


def _mount_vendor(app: FastAPI) -> None:
    """Front-end libraries that ship inside PyPI packages, served from here (no CDN)."""
    import importlib.util

    import plotly

    # Swagger UI 5 (it reads OpenAPI 3.1, which FastAPI writes) from the swagger-ui-py package;
    # its static folder is found without importing the package's framework adapters.
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("swagger-ui-py is not installed: run make install")
    swagger = Path(next(iter(spec.submodule_search_locations))) / "static"
    app.mount("/static/swagger", CompressedStatic(directory=swagger), name="swagger")
    plotly_js = Path(plotly.__file__).with_name("package_data") / "plotly.min.js"

    @app.get("/static/vendor/plotly.min.js", include_in_schema=False, dependencies=[PUBLIC])
    def plotly_script(request: Request) -> Response:
        return compressed_file(plotly_js, request.scope, "text/javascript")


def _api_docs(app: FastAPI) -> None:
    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi(_user: Annotated[User, need(Permission.OWN_ACCOUNT)]) -> dict[str, Any]:
        return app.openapi()

    @app.get("/api/docs", include_in_schema=False)
    def api_docs(_user: Annotated[User, need(Permission.OWN_ACCOUNT)]) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="kolscope API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )
