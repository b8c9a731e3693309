"""A base for Putright's management commands: every failure is one plain line and exit status 2.

Staff and scripts run these commands; a traceback or a usage screen tells them less than one
line naming the bad value. ``PutrightCommand`` gives every command the same behaviour:

* a usage error (unknown option, missing argument, bad subcommand), at any level of
  subcommands, prints ``putright <command>: <message>`` to standard error and exits with 2;
* a ``CommandError``, ``DomainError`` or ``ValueError`` raised by ``handle`` does the same.

Called in-process (``call_command``), the same failures raise ``CommandError`` with
``returncode`` 2 instead of exiting, as Django's own commands do. ``--traceback`` still
shows the traceback, for whoever is debugging.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser, SystemCheckError

from putright.core.errors import DomainError

USAGE_ERROR = 2


class PutrightCommand(BaseCommand):
    """Subclass this instead of ``BaseCommand``; write ``add_arguments`` and ``handle`` as usual."""

    #: The failures a user can cause and read a plain message about; anything else is a bug
    #: and keeps its traceback.
    user_errors: tuple[type[Exception], ...] = (CommandError, DomainError, ValueError)
    #: How messages name the command; create_parser sets it from the name it was run by.
    command_name = "putright"

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        self.command_name = f"putright {subcommand}"
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Subcommand parsers exist by now (add_arguments has run): give each the same error().
        for each in _parser_tree(parser):
            each.error = self._usage_error  # type: ignore[method-assign]
        return parser

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except self.user_errors as error:
            if isinstance(error, SystemCheckError) or options.get("traceback"):
                raise
            self._fail(_one_line(error))

    def _usage_error(self, message: str) -> NoReturn:
        self._fail(message)

    def _fail(self, message: str) -> NoReturn:
        if getattr(self, "_called_from_command_line", False):
            # Plain text: no colour codes, so scripts can match the line.
            self.stderr.write(f"{self.command_name}: {message}", style_func=lambda text: text)
            sys.exit(USAGE_ERROR)
        raise CommandError(message, returncode=USAGE_ERROR)


def _parser_tree(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    parsers = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subparser in action.choices.values():
                parsers.extend(_parser_tree(subparser))
    return parsers


def _one_line(error: Exception) -> str:
    message = " ".join(str(error).split())
    return message or type(error).__name__
