"""``putright satisfaction invite``: email satisfaction surveys about closed complaints.

    putright satisfaction invite --closed-since 2026-04-01 --site-url https://complaints.example.org
    putright satisfaction invite --closed-since 2026-04-01 --site-url ... --landlord riverside

Every complaint closed, or given its final response, on or after the date is asked once about
the last stage it reached. Complaints already asked, anonymous ones and residents without an
email address are skipped and counted. ``--site-url`` is the address residents reach this
service at: the survey link in the email starts with it.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from django.core import mail
from django.core.management.base import CommandError, CommandParser

from putright.core.actors import Actor
from putright.core.commands import PutrightCommand
from putright.landlords.models import Landlord
from putright.learning.selectors import satisfaction_complaints_to_invite
from putright.learning.services import SurveyNotSent, satisfaction_invite


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--closed-since must be a date like 2026-04-01, not {text!r}") from None


def _site_url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CommandError(
            f"--site-url must be a web address like https://complaints.example.org, not {text!r}"
        )
    return text.rstrip("/")


class Command(PutrightCommand):
    help = "Email satisfaction surveys to residents whose complaints have closed."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        invite = actions.add_parser(
            "invite", help="Send a survey about each complaint closed since a date."
        )
        invite.add_argument("--closed-since", required=True, metavar="DATE")
        invite.add_argument(
            "--site-url",
            required=True,
            metavar="URL",
            help="The address residents reach this service at, e.g. https://complaints.example.org",
        )
        invite.add_argument("--landlord", metavar="SLUG", help="Only this landlord's complaints.")

    def handle(self, *args: Any, **options: Any) -> None:
        since = _date(options["closed_since"])
        site_url = _site_url(options["site_url"])
        landlord_id = None
        if options["landlord"]:
            landlord = Landlord.objects.filter(slug=options["landlord"]).first()
            if landlord is None:
                raise CommandError(f"There is no landlord {options['landlord']!r}")
            landlord_id = landlord.pk
        sent = 0
        skipped: Counter[str] = Counter()
        complaints = satisfaction_complaints_to_invite(closed_since=since, landlord_id=landlord_id)
        # One connection to the mail server for the whole batch.
        with mail.get_connection() as connection:
            for complaint in complaints.iterator(chunk_size=500):
                try:
                    satisfaction_invite(
                        actor=Actor.system(
                            complaint.landlord_id, label="Satisfaction survey batch"
                        ),
                        complaint=complaint,
                        site_url=site_url,
                        connection=connection,
                    )
                except SurveyNotSent as refusal:
                    skipped[refusal.reason] += 1
                else:
                    sent += 1
        self.stdout.write(f"Surveys sent: {sent}.")
        for reason, count in sorted(skipped.items()):
            self.stdout.write(f"Skipped, {reason}: {count}.")
