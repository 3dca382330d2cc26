"""The accessibility audit itself: it finds a serious violation when there is one."""

import pytest

pytestmark = pytest.mark.browser


def test_the_audit_reports_a_control_without_a_label(page, audit):
    page.set_content('<!doctype html><html lang="en"><title>t</title><main><input id="q"></main></html>')
    audit(page, "unlabelled input")
    with pytest.raises(AssertionError, match="critical label"):
        audit.assert_clean()


def test_the_audit_passes_a_labelled_control(page, audit):
    page.set_content(
        '<!doctype html><html lang="en"><title>t</title><main><label for="q">Q</label><input id="q"></main></html>'
    )
    audit(page, "labelled input")
    audit.assert_clean()


def test_the_audit_reports_a_refused_inline_script(page, audit, live_server):
    # A page of the app, so its content-security policy applies; then an inline script it must refuse.
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => { const s = document.createElement("script"); s.textContent = "1"; document.body.append(s); }"""
    )
    page.wait_for_timeout(200)
    audit(page, "home with an injected inline script")
    with pytest.raises(AssertionError, match="CSP"):
        audit.assert_clean()
