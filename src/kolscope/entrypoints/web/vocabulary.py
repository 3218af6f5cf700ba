"""Words that reach pages from data rather than templates (roles, statuses, kinds...), marked
here so the message extractor finds them and they get translated."""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    return message


WORDS = (
    # navigation
    N_("Creators"), N_("Audits"), N_("Campaigns"), N_("Brands"), N_("Imports"), N_("Settings"),
    # roles
    N_("owner"), N_("member"), N_("client"),
    # import and job statuses
    N_("queued"), N_("running"), N_("succeeded"), N_("failed"), N_("dry-run"),
    # what a file holds
    N_("creators"), N_("posts"), N_("comments"), N_("audience"), N_("followers"),
    # how a column was chosen
    N_("header"), N_("content"), N_("pair"), N_("--map"), N_("ignored"), N_("unknown"),
    # post types
    N_("image"), N_("carousel"), N_("video"), N_("reel"), N_("short"), N_("live"), N_("story"),
    N_("text"),
    # audience
    N_("gender"), N_("age"), N_("country"), N_("province"), N_("female"), N_("male"),
    N_("other"),
    # messages from services
    N_("Wrong email or password."),
    N_("A brand needs a name."), N_("You may not add brands."),
    N_("Another organisation on this server has a brand of that name."),
    # error pages: Starlette's own details and the permission guard's (security.py)
    N_("Not Found"), N_("Method Not Allowed"), N_("You do not have access to this page."),
    N_("The form expired or did not come from kolscope: reload the page and try again."),
    # the shipped tier schemes and their tiers (domain/tiers.py); a workspace's own keep theirs
    N_("standard"), N_("wide-micro"), N_("kol-th"),
    N_("consumer"), N_("nano"), N_("micro"), N_("mid"), N_("macro"), N_("mega"), N_("rising"),
    # the one platform label that is no proper name (domain/platforms.py)
    N_("Other"),
    # the demo's import source and the kind its import log records (catalogue/demo/build.py)
    N_("kolscope demo (synthetic)"), N_("demo"),
    # who made a campaign move from the command line (planning/service.py COMMAND_LINE)
    N_("command line"),
    # the password-reset mail (team/resets.py)
    N_("Reset your kolscope password"),
    N_("Open this link within 2 hours to choose a new password:"),
)  # fmt: skip
