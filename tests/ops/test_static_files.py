"""Static URLs in production (config/static_files.py): whitenoise's manifest storage, each URL worked out once,
the same URL it gives."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

from config.static_files import StaticFilesStorage

MANIFEST = {"paths": {"css/site.css": "css/site.0123456789ab.css"}, "version": "1.1", "hash": "x"}


@pytest.fixture
def collected(tmp_path):
    (tmp_path / "staticfiles.json").write_text(json.dumps(MANIFEST))
    return tmp_path


@override_settings(DEBUG=False)
def test_a_url_is_whitenoises_hashed_url_every_time(collected):
    ours = StaticFilesStorage(location=collected, base_url="/static/")
    theirs = CompressedManifestStaticFilesStorage(location=collected, base_url="/static/")
    assert ours.url("css/site.css") == theirs.url("css/site.css") == "/static/css/site.0123456789ab.css"
    assert ours.url("css/site.css") == "/static/css/site.0123456789ab.css"


@override_settings(DEBUG=False)
def test_a_file_missing_from_the_manifest_is_an_error_each_time(collected):
    storage = StaticFilesStorage(location=collected, base_url="/static/")
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")


def test_what_the_url_depends_on_is_part_of_what_is_kept(collected):
    storage = StaticFilesStorage(location=collected, base_url="/static/")
    with override_settings(DEBUG=False):
        assert storage.url("css/site.css") == "/static/css/site.0123456789ab.css"
    with override_settings(DEBUG=True):
        assert storage.url("css/site.css") == "/static/css/site.css"
    other = StaticFilesStorage(location=collected, base_url="/assets/")
    with override_settings(DEBUG=False):
        assert other.url("css/site.css") == "/assets/css/site.0123456789ab.css"
