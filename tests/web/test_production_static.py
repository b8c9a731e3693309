"""Pages render under production's static storage (hashed names from a manifest)."""

from __future__ import annotations

from django.core.management import call_command
from django.test import override_settings


def test_pages_render_with_the_production_manifest_storage(client, landlord, tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    # The stylesheet by its hashed name; the GOV.UK assets folder by its plain one.
    assert 'href="/static/putright.' in html and "putright.css" not in html
    assert "/static/govuk/assets/" in html
