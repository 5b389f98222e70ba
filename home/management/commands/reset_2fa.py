"""Remove a user's two-factor devices (a lost or replaced phone); they set up a new app at their next sign-in."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Remove a user's two-factor authentication devices, so they set up a new app at their next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No user called {username!r}.") from error
        deleted, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(
            f"Removed {deleted} two-factor device(s) of {username}; they set up a new app at next sign-in."
        )
