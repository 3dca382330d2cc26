"""The HTML checker itself: it passes good markup and names what is wrong with bad markup."""

import pytest

from tests.html import InvalidHTML, assert_valid_html

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>T</title></head>
<body><main><h1>Title</h1>{body}</main></body></html>"""


def page(body: str) -> str:
    return PAGE.format(body=body)


def test_a_well_formed_labelled_page_passes():
    assert_valid_html(page('<form><label for="q">Q</label><input id="q" name="q"><button>Go</button></form>'))


def test_a_stray_end_tag_is_a_parse_error():
    with pytest.raises(InvalidHTML, match="parse error"):
        assert_valid_html(page("<p>text</div>"))


def test_a_duplicate_id_is_reported():
    with pytest.raises(InvalidHTML, match="id 'x' used 2 times"):
        assert_valid_html(page('<p id="x">a</p><p id="x">b</p>'))


def test_an_input_without_a_label_is_reported():
    with pytest.raises(InvalidHTML, match="<input name='q'> has no label"):
        assert_valid_html(page('<form><input name="q"></form>'))


@pytest.mark.parametrize(
    "control",
    [
        '<label>Q <input name="q"></label>',
        '<input name="q" aria-label="Q">',
        '<span id="l">Q</span><input name="q" aria-labelledby="l">',
        '<input type="hidden" name="step" value="1">',
    ],
)
def test_a_control_labelled_any_accepted_way_passes(control):
    assert_valid_html(page(f"<form>{control}</form>"))


def test_a_button_without_a_name_is_reported():
    with pytest.raises(InvalidHTML, match="<button name=None> has no text"):
        assert_valid_html(page("<button></button>"))


def test_a_reference_to_a_missing_id_is_reported():
    with pytest.raises(InvalidHTML, match="aria-describedby='help' points at no element"):
        assert_valid_html(page('<p aria-describedby="help">x</p>'))


def test_a_page_without_lang_or_viewport_is_reported():
    bare = "<!doctype html><html><head><title>T</title></head><body><h1>x</h1></body></html>"
    with pytest.raises(InvalidHTML) as failure:
        assert_valid_html(bare)
    assert "no lang" in str(failure.value) and "viewport" in str(failure.value)


def test_a_fragment_is_checked_without_page_requirements():
    assert_valid_html('<div id="panel"><p>Updated</p></div>')


def test_a_broken_fragment_is_still_a_parse_error():
    with pytest.raises(InvalidHTML, match="parse error"):
        assert_valid_html("<ul><li>a</ul></li>")
