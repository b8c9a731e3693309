"""The outbox: messages queued with the action that caused them, delivered by a worker."""

from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "putright.outbox"
    label = "outbox"
    verbose_name = "Outbox"
