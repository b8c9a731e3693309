"""``putright api_token``: make, list and revoke the API's bearer tokens.

    putright api_token create --user USERNAME --role ROLE --name NAME
    putright api_token list [--active]
    putright api_token revoke PREFIX

A token acts as one member of staff, narrowed to one role (it can never do more than that
person's own roles allow). ``create`` prints the token on standard output, alone on its line,
so a script can capture it; the note that it will not be shown again goes to standard error.
Only a SHA-256 digest is stored, so a lost token cannot be recovered: revoke it and make another.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from putright.accounts.models import User
from putright.accounts.roles import ROLES_BY_SLUG
from putright.api.models import ApiToken
from putright.api.tokens import api_token_create, api_token_revoke
from putright.core.actors import Actor
from putright.core.commands import PutrightCommand

ACTOR_LABEL = "putright api_token (command line)"
COLUMNS = ("PREFIX", "NAME", "USER", "ROLE", "CREATED", "LAST USED", "REVOKED")


class Command(PutrightCommand):
    help = "Make, list and revoke API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="Make a token; it is shown once, now.")
        create.add_argument("--user", required=True, metavar="USERNAME", help="Who it acts as.")
        create.add_argument(
            "--role",
            required=True,
            choices=list(ROLES_BY_SLUG),
            metavar="ROLE",
            help=f"What it may do: one of {', '.join(ROLES_BY_SLUG)}.",
        )
        create.add_argument(
            "--name", required=True, metavar="NAME", help="What uses it, e.g. 'Housing system'."
        )
        listing = actions.add_parser("list", help="Every token, newest first; never the secret.")
        listing.add_argument("--active", action="store_true", help="Leave out revoked tokens.")
        revoke = actions.add_parser("revoke", help="Stop a token working, at once.")
        revoke.add_argument("prefix", metavar="PREFIX", help="As shown by `list`.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self.create_token(username=options["user"], role=options["role"], name=options["name"])
        elif action == "list":
            self.list_tokens(active_only=options["active"])
        elif action == "revoke":
            self.revoke_token(prefix=options["prefix"])

    def create_token(self, *, username: str, role: str, name: str) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no member of staff with the username {username!r}.")
        issued = api_token_create(
            actor=Actor.system(user.landlord_id, label=ACTOR_LABEL),
            user=user,
            role=role,
            name=name,
        )
        self.stdout.write(issued.secret)
        self.stderr.write(
            f"API token {issued.token.prefix} for {issued.token.name!r}, acting as {username} "
            f"with the role {role}. Store it now: it will not be shown again.",
            style_func=lambda text: text,
        )

    def list_tokens(self, *, active_only: bool) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("-created_at", "-id")
        if active_only:
            tokens = tokens.filter(revoked_at__isnull=True)
        rows = [
            COLUMNS,
            *[
                (
                    token.prefix,
                    token.name,
                    token.user.get_username(),
                    token.role,
                    _when(token.created_at),
                    _when(token.last_used_at, never="never"),
                    _when(token.revoked_at),
                )
                for token in tokens
            ],
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
        for row in rows:
            self.stdout.write(
                "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
            )

    def revoke_token(self, *, prefix: str) -> None:
        token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
        landlord_id = token.user.landlord_id if token is not None else None
        # An unknown or already revoked prefix is refused by the service, in its own words.
        revoked = api_token_revoke(
            actor=Actor.system(landlord_id, label=ACTOR_LABEL), prefix=prefix
        )
        self.stdout.write(f"Revoked API token {revoked.prefix} ({revoked.name}).")


def _when(moment: Any, *, never: str = "-") -> str:
    if moment is None:
        return never
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
