from django.apps import AppConfig


class RemediesConfig(AppConfig):
    name = "putright.remedies"
    label = "remedies"
    verbose_name = "Remedies and outstanding actions"
