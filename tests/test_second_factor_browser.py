"""Issue 14, in Chromium: a superuser signs in to the admin with a password and then the code of
an authenticator app (TOTP, RFC 6238), as production requires, and reaches the dashboard."""

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db


@override_settings(KUULU_STAFF_SECOND_FACTOR_REQUIRED=True)
def test_a_superuser_signs_in_with_password_and_code(site_server, browser_page, superuser, site_tree):
    device = TOTPDevice.objects.create(user=superuser, name="Puhelin", confirmed=True)
    page = browser_page
    page.goto(f"{site_server.url}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "correct-horse-battery")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{site_server.url}/admin/second-factor/?next=/admin/")
    code = page.get_by_label("Code from your authenticator app")
    expect(code).to_have_count(1)
    code.fill(f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
    code.press("Enter")
    expect(page).to_have_url(f"{site_server.url}/admin/")
