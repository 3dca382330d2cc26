"""What every view module shares: the request type htmx views read, the redirect after a POST, the refusal.

After a POST that worked, a plain form gets 303 See Other (the browser then GETs the page) and an htmx
request a client redirect (HX-Redirect), never a plain redirect htmx would follow into its target. A POST
that is refused (nothing written) gets the page's notice: the notice partial alone for htmx, the whole
page showing it otherwise. A 4xx fragment meant to be swapped in carries SWAP_IN_PLACE (`swap_in_place`), so
static/js/site.js keeps django-htmx's DEBUG error handler (which replaces the whole page with any 400, 403,
404 or 500 response) away from it; Django's own debug pages still reach that handler.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

# The response header that marks a deliberate 4xx fragment (read by static/js/site.js).
SWAP_IN_PLACE = "X-Swap-In-Place"


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware (as in django-htmx's docs, for type checkers)."""

    htmx: HtmxDetails


def see_other(request: HtmxHttpRequest, url: str) -> HttpResponse:
    """After a POST that worked: htmx follows a client redirect, a plain form a 303 See Other."""
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url, status=303)


def refuse(request: HtmxHttpRequest, template_name: str, context: dict, *, partial: str, status: int) -> HttpResponse:
    """A refused POST, nothing written: the template's `partial` for htmx, else the whole page, which shows that
    partial in place of its content when `refused` is set."""
    if request.htmx:
        return swap_in_place(render(request, f"{template_name}#{partial}", context, status=status))
    return render(request, template_name, {**context, "refused": True}, status=status)


def swap_in_place(response: HttpResponse) -> HttpResponse:
    """Mark a 4xx htmx fragment as the page's own answer to swap in place, with DEBUG on as with it off."""
    response[SWAP_IN_PLACE] = "true"
    return response
