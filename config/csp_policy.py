"""The Content-Security-Policy header: django-csp's middleware, with the site-wide policy written once.

django-csp builds the header from CONTENT_SECURITY_POLICY on every response (and the report-only one too),
which was 3% of a question GET. Our pages use no nonce and no per-view policy, so every response gets the same
string: it is built once (again when the setting is replaced, as tests do) with django-csp's own
`build_policy`. A response that does carry a per-view policy (django-csp's decorators), a request that asked
for a nonce, and the debug pages django-csp leaves alone all go through django-csp's own code, unchanged.
"""

from __future__ import annotations

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# What django-csp's decorators leave on a response: a policy of its own, or an exemption.
PER_RESPONSE = tuple(
    f"_csp_{kind}{suffix}" for kind in ("config", "update", "replace", "exempt") for suffix in ("", "_ro")
)
# What django-csp leaves without a header while DEBUG is on (Django's technical pages).
DEBUG_EXEMPT = (404, 500)


class CSPMiddleware(DjangoCSPMiddleware):
    def __init__(self, get_response) -> None:
        super().__init__(get_response)
        self._settings: tuple | None = None
        self._headers: tuple[tuple[str, str], ...] = ()

    def _site_headers(self) -> tuple[tuple[str, str], ...] | None:
        """The (name, value) headers every plain response gets; None if URL prefixes are excluded (rare: let
        django-csp decide per path)."""
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        if self._settings is None or self._settings[0] is not policy or self._settings[1] is not report_only:
            self._settings = (policy, report_only)
            excluded = any((config or {}).get("EXCLUDE_URL_PREFIXES") for config in (policy, report_only))
            headers = ((HEADER, build_policy()), (HEADER_REPORT_ONLY, build_policy(report_only=True)))
            self._headers = None if excluded else tuple((name, value) for name, value in headers if value)
        return self._headers

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        headers = self._site_headers()
        if (
            headers is None
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in PER_RESPONSE)
            or (settings.DEBUG and response.status_code in DEBUG_EXEMPT)
        ):
            return super().process_response(request, response)
        for name, value in headers:
            if name not in response:
                response[name] = value
        # As django-csp does: a nonce asked for after the header is written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
