"""Issue 2: translators work in wagtail-localize — submit, edit via PO export/import, machine translation."""

import importlib
import os

import polib
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail_localize.models import Translation

from home import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(client):
    user = get_user_model().objects.create_user("translator", "t@example.invalid", "pw-translator-1")
    user.groups.add(roles.group("translators"))
    client.force_login(user)
    return user


def test_translator_can_open_the_submit_translation_view(client, translator, standard_page):
    response = client.get(f"/admin/localize/submit/page/{standard_page['fi'].id}/")
    assert response.status_code == 200


def test_translator_exports_and_imports_a_po_file(client, translator, standard_page):
    translation = Translation.objects.get(
        source__object_id=standard_page["fi"].translation_key, target_locale__language_code="sv"
    )
    response = client.get(f"/admin/localize/translate/{translation.id}/pofile/download/")
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    entry = next(e for e in po if e.msgid == "Tietoa palvelusta")
    assert entry.msgstr == "Om tjänsten"
    entry.msgstr = "Om vår tjänst"
    upload = SimpleUploadedFile("sv.po", str(po).encode(), content_type="text/x-gettext-translation")
    response = client.post(f"/admin/localize/translate/{translation.id}/pofile/upload/", {"file": upload})
    assert response.status_code == 302
    translation.save_target(publish=False)
    sv_page = type(standard_page["sv"]).objects.get(pk=standard_page["sv"].pk).get_latest_revision_as_object()
    assert sv_page.title == "Om vår tjänst"


def test_machine_translation_needs_a_real_backend_in_production_and_is_deepl_with_a_key(monkeypatch):
    """Production never offers the dummy translator (it reverses words); DeepL with a key."""
    import site_config.settings.base as base

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    try:
        monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
        importlib.reload(base)
        production = importlib.reload(importlib.import_module("site_config.settings.production"))
        assert production.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
        monkeypatch.setenv("DEEPL_AUTH_KEY", "abc:fx")
        importlib.reload(base)
        production = importlib.reload(production)
        assert production.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["CLASS"].endswith("DeepLTranslator")
        assert production.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["OPTIONS"] == {"AUTH_KEY": "abc:fx"}
    finally:
        os.environ.pop("DEEPL_AUTH_KEY", None)
        importlib.reload(base)


def test_snippets_are_translatable_in_the_admin(admin_client, locales):
    from taxonomy.models import Area

    area = Area.objects.create(name="Uusi alue", slug="uusi-alue", locale=locales["fi"])
    response = admin_client.get(f"/admin/localize/submit/snippet/taxonomy/area/{area.pk}/")
    assert response.status_code == 200
