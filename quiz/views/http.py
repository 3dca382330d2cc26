"""What every view module shares: the request type htmx views read, the redirect after a POST, the refusal.

After a POST that worked, a plain form gets 303 See Other (the browser then GETs the page) and an htmx
request a client redirect (HX-Redirect), never a plain redirect htmx would follow into its target. A POST
that is refused (nothing written) gets the page's notice: the notice partial alone for htmx, the whole
page showing it otherwise.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails


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
        return render(request, f"{template_name}#{partial}", context, status=status)
    return render(request, template_name, {**context, "refused": True}, status=status)
