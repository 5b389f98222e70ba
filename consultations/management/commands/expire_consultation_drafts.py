"""Deletes saved consultation drafts that can no longer be restored. Run daily (cron, systemd timer)."""

from django.core.management.base import BaseCommand

from consultations.resume import expired_drafts


class Command(BaseCommand):
    help = "Delete saved consultation drafts past their expiry date or whose consultation has closed."

    def handle(self, *args, **options):
        deleted, _by_model = expired_drafts().delete()
        if options["verbosity"] > 0:
            self.stdout.write(f"Deleted {deleted} expired saved draft(s).")
