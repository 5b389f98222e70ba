"""Admin sign-in protection over HTTP: lockout after repeated failures (django-axes) and two-factor
authentication with a TOTP code from an authenticator app (django-otp)."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct horse battery staple"  # noqa: S105 - a test account


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


def sign_in(client, password, username="editor", url="/admin/login/", **extra):
    return client.post(url, {"username": username, "password": password, "next": "/admin/"}, **extra)


def test_sixth_attempt_is_refused_even_with_the_right_password(client, editor):
    for _ in range(4):
        response = sign_in(client, "wrong password")
        assert response.status_code == 200  # the form again, with its error
    fifth = sign_in(client, "wrong password")
    assert fifth.status_code == 429  # the 5th failure locks
    locked = sign_in(client, PASSWORD)
    assert locked.status_code == 429
    assert "Signing in is paused" in locked.content.decode()
    assert "You can try again in 1 hour." in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still not signed in


def test_a_success_starts_the_count_again(client, editor):
    for _ in range(4):
        sign_in(client, "wrong password")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "wrong password")
    assert sign_in(client, PASSWORD).status_code == 302


def test_lockout_counts_one_username_across_addresses(client, editor):
    for n in range(5):
        sign_in(client, "wrong password", REMOTE_ADDR=f"192.0.2.{n + 1}")
    assert sign_in(client, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429


def test_other_accounts_can_still_sign_in_from_elsewhere(client, editor):
    get_user_model().objects.create_superuser("other", "other@example.org", PASSWORD)
    for _ in range(5):
        sign_in(client, "wrong password", REMOTE_ADDR="192.0.2.1")
    assert sign_in(client, PASSWORD, username="other", REMOTE_ADDR="198.51.100.7").status_code == 302


@override_settings(PKOFFER_TRUSTED_PROXIES=1)
def test_behind_a_proxy_the_forwarded_address_counts_not_a_forged_one(client, editor):
    """Behind one proxy, the address the proxy appended is the client's; one the client sent is not."""
    for n in range(5):
        sign_in(
            client,
            "wrong password",
            username=f"nobody{n}",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 192.0.2.9",
        )
    # Same real client (192.0.2.9), forging another first address: refused.
    refused = sign_in(client, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.99, 192.0.2.9")
    assert refused.status_code == 429
    # Another client behind the same proxy is not affected.
    ok = sign_in(client, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert ok.status_code == 302


def test_lockout_page_says_when_to_try_again(client, editor, settings):
    import datetime

    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
    for _ in range(5):
        sign_in(client, "wrong password")
    assert "You can try again in 30 minutes." in sign_in(client, PASSWORD).content.decode()


def test_private_page_sign_in_is_protected_too(client, editor):
    for _ in range(4):
        assert sign_in(client, "wrong password", url="/_util/login/").status_code == 200
    sign_in(client, "wrong password", url="/_util/login/")
    locked = sign_in(client, PASSWORD, url="/_util/login/")
    assert locked.status_code == 429
    assert "Signing in is paused" in locked.content.decode()


def test_lockout_page_is_translated(client, editor):
    for _ in range(5):
        sign_in(client, "wrong password", url="/pl/_util/login/")
    locked = sign_in(client, PASSWORD, url="/pl/_util/login/")
    assert locked.status_code == 429
    assert 'lang="pl"' in locked.content.decode()


def test_an_administrator_can_unlock_a_user(client, editor):
    for _ in range(5):
        sign_in(client, "wrong password")
    assert AccessAttempt.objects.exists()
    call_command("axes_reset_username", "editor")
    call_command("axes_reset_ip", "127.0.0.1")
    assert sign_in(client, PASSWORD).status_code == 302


# --- Two-factor authentication ---------------------------------------------------------------


def current_code(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


@pytest.fixture
def require_2fa(settings):
    settings.PKOFFER_REQUIRE_2FA = True


def test_first_sign_in_requires_setting_up_an_app(client, editor, require_2fa):
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    # Every admin page leads to the set-up page until it is done.
    for url in ("/admin/", "/admin/pages/", "/admin/users/"):
        redirected = client.get(url)
        assert redirected.status_code == 302
        assert redirected["Location"].startswith("/admin/two-factor/setup/")
    page = client.get("/admin/two-factor/setup/?next=/admin/pages/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html  # the QR code, drawn without JavaScript
    key = re.search(r'<code id="totp-key">([A-Z2-7 ]+)</code>', html).group(1)
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    assert key.replace(" ", "") in device.config_url

    wrong = client.post("/admin/two-factor/setup/", {"otp_token": "000000", "next": "/admin/pages/"})
    if current_code(device) != "000000":
        assert wrong.status_code == 200
        assert "This code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()

    done = client.post("/admin/two-factor/setup/", {"otp_token": current_code(device), "next": "/admin/pages/"})
    assert done.status_code == 302
    assert done["Location"] == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_each_new_sign_in_asks_for_the_code(client, editor, require_2fa):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    sign_in(client, PASSWORD)
    redirected = client.get("/admin/pages/")
    assert redirected["Location"].startswith("/admin/two-factor/verify/")
    assert client.get("/admin/two-factor/setup/")["Location"].startswith("/admin/two-factor/verify/")  # no second app

    wrong_code = "111111" if current_code(device) != "111111" else "222222"
    wrong = client.post("/admin/two-factor/verify/", {"otp_token": wrong_code, "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "This code is not right" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post("/admin/two-factor/verify/", {"otp_token": current_code(device), "next": "/admin/pages/"})
    assert ok["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200

    # A new session (another browser, or after signing out) asks again.
    client.post("/admin/logout/")
    sign_in(client, PASSWORD)
    assert client.get("/admin/").status_code == 302


def test_a_used_code_cannot_be_replayed(client, editor, require_2fa):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    code = current_code(device)
    sign_in(client, PASSWORD)
    assert client.post("/admin/two-factor/verify/", {"otp_token": code})["Location"] == "/admin/"
    client.post("/admin/logout/")
    sign_in(client, PASSWORD)
    replay = client.post("/admin/two-factor/verify/", {"otp_token": code})
    assert replay.status_code == 200


def test_verify_page_only_redirects_within_the_site(client, editor, require_2fa):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    sign_in(client, PASSWORD)
    response = client.post(
        "/admin/two-factor/verify/", {"otp_token": current_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_setup_and_verify_pages_need_a_password_sign_in_first(client, editor, require_2fa):
    for url in ("/admin/two-factor/setup/", "/admin/two-factor/verify/"):
        assert client.get(url)["Location"].startswith("/admin/login/")


def test_reset_2fa_lets_a_user_with_a_lost_phone_set_up_again(client, editor, require_2fa):
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    call_command("reset_2fa", "editor")
    assert not TOTPDevice.objects.filter(user=editor).exists()
    sign_in(client, PASSWORD)
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/setup/")


def test_two_factor_is_off_unless_required(client, editor, settings):
    settings.PKOFFER_REQUIRE_2FA = False
    sign_in(client, PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_public_pages_and_private_page_sign_in_never_ask_for_a_code(client, editor, require_2fa, home):
    sign_in(client, PASSWORD, url="/_util/login/")
    assert client.get("/").status_code == 200
