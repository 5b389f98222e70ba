"""Removes personal data from the responses of consultations past their retention period. Run daily
(cron, systemd timer); see consultations/privacy.py and docs/consultations.md."""

from django.core.management.base import BaseCommand

from consultations.privacy import remove_expired_personal_data, report_lines


class Command(BaseCommand):
    help = (
        "Remove emails, about-you answers, answers marked as personal and full postcodes (the district stays) "
        "from the responses of consultations whose retention period is over."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be removed; change nothing.")
        parser.add_argument("--batch-size", type=int, default=500, help="Responses per transaction (500).")

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        reports = remove_expired_personal_data(dry_run=dry_run, batch_size=options["batch_size"])
        if options["verbosity"] > 0:
            for line in report_lines(reports, dry_run=dry_run):
                self.stdout.write(line)
