"""`putright demo_data`: load the demonstration landlord the first time, and say how to sign in."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from putright.core.commands import PutrightCommand
from putright.demo.services import DEMO_ACCOUNTS, demo_exists, demo_load


class Command(PutrightCommand):
    help = (
        "Load demonstration data on first run (never in production), then print the demo sign-ins."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise ValueError("Demonstration data is never loaded with production settings.")
        if demo_exists():
            self.stdout.write("Demonstration data is already loaded.")
        else:
            demo_load()
            self.stdout.write(
                self.style.SUCCESS(
                    "Loaded the demonstration landlord, its staff and its complaints."
                )
            )
        self.stdout.write("\nSign in at /staff/ as (demonstration accounts only):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(
                f"  {account.username:<9} {account.password:<24} {account.name}, {account.role}"
            )
        self.stdout.write("")
