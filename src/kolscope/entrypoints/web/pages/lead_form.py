"""The public lead form of a tracking link (``/lead/{code}``): a campaign without a shop can
send people from a creator's link to this page, which asks for a name and a way to reach them
and for PDPA consent, in Thai or English.

The consent is asked with a box that must be ticked next to the consent's words, and what is
kept is those words as the person read them (in the language of the page they sent), with the
time. Without the tick nothing is kept. The click id the redirect added (``kc``) goes with the
lead, so attribution places it with the creator whose link it came through.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kolscope.entrypoints.web import i18n
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.said import say_with, wording
from kolscope.entrypoints.web.security import PUBLIC
from kolscope.tracking.facade import LeadForm, OrderError, said_orders

router = APIRouter(include_in_schema=False)
MAX_CLICK_ID = 40


def _form(workspace: WorkspaceDep, code: str) -> LeadForm:
    try:
        return workspace.orders.lead_form(code)
    except OrderError as error:
        raise HTTPException(404, say_with(error.message, wording())) from None


def _shown(
    request: Request, form: LeadForm, *, status: int = 200, click_id: str = "",
    error: OrderError | None = None, values: dict[str, str] | None = None, sent: str = "",
) -> HTMLResponse:  # fmt: skip
    words = wording()
    return page(
        request, "lead_form.html", status_code=status, form=form,
        consent=say_with(form.consent, words), click_id=click_id[:MAX_CLICK_ID],
        error=say_with(error.message, words) if error is not None else "",
        error_field=error.field if error is not None else None, values=values or {}, sent=sent,
    )  # fmt: skip


@router.get("/lead/{code}", response_class=HTMLResponse, dependencies=[PUBLIC])
def lead_form(
    request: Request, workspace: WorkspaceDep, code: str, kc: str = "", ref: str = "",
    sent: str = "",
) -> HTMLResponse:  # fmt: skip
    """The form (``kc``/``ref``: the click id the redirect added); ``sent`` thanks the person."""
    form = _form(workspace, code)
    if sent:
        brand = form.brand
        return _shown(request, form, sent=say_with(said_orders.LEAD_SAVED(brand=brand), wording()))
    return _shown(request, form, click_id=kc or ref)


@router.post("/lead/{code}", response_class=HTMLResponse, dependencies=[PUBLIC])
def send_lead(
    request: Request,
    workspace: WorkspaceDep,
    code: str,
    name: Annotated[str, Form(max_length=1000)] = "",
    contact: Annotated[str, Form(max_length=1000)] = "",
    consent: Annotated[str, Form(max_length=10)] = "",
    click_id: Annotated[str, Form(max_length=200)] = "",
    language: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """Keep the lead with the consent words as shown in the page's language, then thank."""
    form = _form(workspace, code)
    shown_in = language if language in i18n.LANGUAGES else i18n.current_language()
    words = say_with(form.consent, wording(language=shown_in))
    values: dict[str, Any] = {"name": name, "contact": contact}
    try:
        workspace.orders.submit_lead(
            code, name=name, contact=contact, consent=consent == "yes", consent_text=words,
            click_id=click_id.strip()[:MAX_CLICK_ID] or None,
        )  # fmt: skip
    except OrderError as error:
        status = 404 if error.status == 404 else 400
        return _shown(request, form, status=status, click_id=click_id, error=error,
                      values=values)  # fmt: skip
    return RedirectResponse(f"/lead/{form.code}?sent=1", 303)
