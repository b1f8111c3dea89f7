"""Staff second factor (TOTP): with KUULU_STAFF_SECOND_FACTOR_REQUIRED, a Moderator or superuser
reaches no admin page without a code from an authenticator app; Editors are not asked."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from home import roles

pytestmark = pytest.mark.django_db

SETUP, VERIFY = "/admin/second-factor/setup/", "/admin/second-factor/"
REQUIRED = override_settings(KUULU_STAFF_SECOND_FACTOR_REQUIRED=True)


def _unthrottle(device):
    """Forget earlier wrong codes: django-otp makes the next try wait 1, 2, 4 … s after each."""
    device.refresh_from_db()
    device.throttle_reset()


def _code(device, shift=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=shift):06d}"


@pytest.fixture
def moderator(django_user_model, site_tree):
    user = django_user_model.objects.create_user("moderaattori", "mod@example.org", "correct-horse-battery")
    user.groups.add(roles.group("moderators"))
    return user


def _english(user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


@REQUIRED
def test_a_moderator_without_a_device_is_sent_to_set_one_up_and_gets_in_with_a_valid_code(client, moderator):
    _english(moderator)
    client.force_login(moderator)
    for url in ("/admin/", "/admin/pages/", reverse("wagtailusers_users:index")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{SETUP}?next={url}"

    page = client.get(f"{SETUP}?next=/admin/pages/").content.decode()
    assert "<svg" in page and "Set up a second factor" in page  # the QR code
    device = TOTPDevice.objects.get(user=moderator)
    assert not device.confirmed
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    assert f"secret={secret}" in device.config_url

    response = client.post(
        SETUP, {"code": "000000" if _code(device) != "000000" else "111111", "next": "/admin/"}
    )
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still out

    _unthrottle(device)
    response = client.post(SETUP, {"code": _code(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


@REQUIRED
def test_a_moderator_with_a_device_signs_in_with_the_current_code(client, moderator):
    device = TOTPDevice.objects.create(user=moderator, name="app", confirmed=True)
    client.force_login(moderator)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == f"{VERIFY}?next=/admin/"
    assert client.get(SETUP).status_code == 302  # no second device without the first one's code

    response = client.post(VERIFY, {"code": "12345x", "next": "/admin/"})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    _unthrottle(device)
    response = client.post(VERIFY, {"code": _code(device, shift=-40), "next": "/admin/"})  # 20 min old
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302

    _unthrottle(device)
    response = client.post(VERIFY, {"code": _code(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"  # no open redirect
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


@REQUIRED
def test_superusers_need_it_too_and_editors_are_not_asked(client, superuser, django_user_model, site_tree):
    client.force_login(superuser)
    assert client.get("/admin/")["Location"] == f"{SETUP}?next=/admin/"
    editor = django_user_model.objects.create_user("toimittaja", "ed@example.org", "correct-horse-battery")
    editor.groups.add(roles.group("editors"))
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_without_the_setting_moderators_get_in_with_the_password_alone(client, moderator):
    client.force_login(moderator)
    assert client.get("/admin/").status_code == 200


def test_production_requires_it_by_default_and_can_be_turned_off():
    from django.conf import settings

    from tests.test_production import production_settings

    assert settings.KUULU_STAFF_SECOND_FACTOR_REQUIRED is False  # dev and test
    assert production_settings().KUULU_STAFF_SECOND_FACTOR_REQUIRED is True
    assert (
        production_settings(KUULU_STAFF_SECOND_FACTOR_REQUIRED="false").KUULU_STAFF_SECOND_FACTOR_REQUIRED
        is False
    )
