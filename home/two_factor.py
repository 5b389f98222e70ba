"""Two-factor authentication for the admin, on django-otp's TOTP devices.

With PKOFFER_REQUIRE_2FA on (production), everyone who can use the Wagtail admin must, after their
password, either set up an authenticator app (first sign-in: a QR code, or the key to type in, then
one code to confirm) or enter the app's current 6-digit code (every new sign-in). Until then every
admin page redirects to one of those two pages. A lost phone: an administrator removes the user's
device with `manage.py reset_2fa USERNAME`; the user sets up a new one at their next sign-in.

Built on django-otp directly (no wagtail-2fa): its templates are the Wagtail 7.4 sign-in page's own
layout, they work with the admin's Content-Security-Policy and are translated with the site.
"""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

# Admin URL names a signed-in but not yet verified user may still open.
ALLOWED_URL_NAMES = {
    "two_factor_setup",
    "two_factor_verify",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


def can_use_admin(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


class RequireTwoFactorMiddleware:
    """After django-otp's OTPMiddleware: an admin user who has not passed the second factor in this
    session is sent to set up a device or to enter a code, whatever admin page they asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PKOFFER_REQUIRE_2FA
            and request.path_info.startswith("/admin/")
            and can_use_admin(request.user)
            and not request.user.is_verified()
            and not self._allowed(request)
        ):
            view = "two_factor_verify" if user_has_device(request.user, confirmed=True) else "two_factor_setup"
            return redirect(f"{reverse(view)}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _allowed(request):
        from django.urls import Resolver404, resolve

        try:
            return resolve(request.path_info).url_name in ALLOWED_URL_NAMES
        except Resolver404:
            return False


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, *args, devices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None

    def clean_otp_token(self):
        token = "".join(self.cleaned_data["otp_token"].split())
        for device in self.devices:
            if device.verify_is_allowed()[0] and device.verify_token(token):
                self.device = device
                return token
        raise forms.ValidationError(_("This code is not right. Enter the code your app shows now."))


def _next_url(request):
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def _authenticated(view):
    def wrapped(request):
        if not can_use_admin(request.user):
            return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({REDIRECT_FIELD_NAME: request.path})}")
        return view(request)

    return never_cache(sensitive_post_parameters("otp_token")(wrapped))


@_authenticated
def setup(request):
    """First sign-in: show a new key as a QR code and as text; one right code confirms it."""
    if user_has_device(request.user, confirmed=True):
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({REDIRECT_FIELD_NAME: _next_url(request)})}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=str(_("Authenticator app")), confirmed=False)
    form = TokenForm(request.POST or None, devices=[device])
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        otp_login(request, device)
        return redirect(_next_url(request))
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr_svg": mark_safe(qr.svg_inline(scale=4, light="#fff", title=str(_("QR code for your authenticator app")))),  # noqa: S308 - segno's own SVG
        "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        "next": _next_url(request),
    }
    return render(request, "two_factor/setup.html", context)


@_authenticated
def verify(request):
    """Every new sign-in: the current code from the app."""
    devices = list(TOTPDevice.objects.devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({REDIRECT_FIELD_NAME: _next_url(request)})}")
    form = TokenForm(request.POST or None, devices=devices)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_next_url(request))
    return render(request, "two_factor/verify.html", {"form": form, "next": _next_url(request)})


urlpatterns = [
    path("setup/", setup, name="two_factor_setup"),
    path("verify/", verify, name="two_factor_verify"),
]
