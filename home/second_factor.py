"""A second factor for staff: TOTP (RFC 6238) codes from an authenticator app, through django-otp.

When `KUULU_STAFF_SECOND_FACTOR_REQUIRED` is true (production's default; off in dev and test),
`StaffSecondFactorMiddleware` lets a superuser or a Moderator who has signed in with a password
reach no admin page until this session is verified with a code: one without a confirmed device is
sent to `setup` (a QR code and the secret to type in, then a code to confirm the device), one
with a device to `verify`. Other staff may set a device up from the same page. django-otp's
`OTPMiddleware` (before this one) marks a verified session (`request.user.is_verified()`), and
its TOTP device slows repeated wrong codes down (`OTP_TOTP_THROTTLE_FACTOR`).
"""

import segno
from django import forms
from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from home import roles

# Admin pages a signed-in user who still owes a code may open. The icon sprite and the JavaScript
# catalogue are fetched by the admin's own scripts on every page, the second-factor page too: sent
# to that page instead, its HTML landed in the document as the "sprite" (the code field twice) and
# became the form's `next`.
ALLOWED_URL_NAMES = {
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "kuulu_second_factor_setup",
    "kuulu_second_factor_verify",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
}


def required_for(user):
    """True when the setting is on and `user` is a superuser or a Moderator."""
    if not getattr(settings, "KUULU_STAFF_SECOND_FACTOR_REQUIRED", False) or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(pk=roles.group("moderators").pk).exists()


def _confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


class StaffSecondFactorMiddleware:
    """Sends a superuser or Moderator whose session has no verified code from any admin page to
    the setup or verify page (after django_otp.middleware.OTPMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and request.path_info.startswith(settings.KUULU_ADMIN_PATH_PREFIXES)
            and required_for(user)
            and not user.is_verified()
            and self._url_name(request) not in ALLOWED_URL_NAMES
        ):
            name = "kuulu_second_factor_verify" if _confirmed_device(user) else "kuulu_second_factor_setup"
            return HttpResponseRedirect(f"{reverse(name)}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _url_name(request):
        try:
            return resolve(request.path_info).url_name
        except Resolver404:
            return None


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits your authenticator app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        allowed, _details = self.device.verify_is_allowed()
        if not allowed or not self.device.verify_token(code):
            raise forms.ValidationError(_("The code is wrong or too old. Type the code your app shows now."))
        return code


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def setup(request):
    """Set up an authenticator app: a QR code of the device's `otpauth://` address and its secret
    in base32, then a code to confirm it. The device stays unconfirmed (unusable) until then."""
    if _confirmed_device(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('kuulu_second_factor_verify')}?next={_next(request)}")
    device = TOTPDevice.objects.filter(
        user=request.user, confirmed=False
    ).first() or TOTPDevice.objects.create(
        user=request.user, name=str(_("Authenticator app")), confirmed=False
    )
    form = CodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()  # one app at a time
        device.confirmed = True
        device.save()
        otp_login(request, device)
        return redirect(_next(request))
    secret = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
    return TemplateResponse(
        request,
        "home/admin/second_factor.html",
        {
            "form": form,
            "next": _next(request),
            "setup": True,
            "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=5, title=str(_("QR code"))),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
    )


def verify(request):
    """Type the current code of the confirmed device; verifies this session."""
    device = _confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('kuulu_second_factor_setup')}?next={_next(request)}")
    form = CodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next(request))
    return TemplateResponse(
        request, "home/admin/second_factor.html", {"form": form, "next": _next(request), "setup": False}
    )
