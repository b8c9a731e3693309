from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "putright.staff"
    label = "staff"
    verbose_name = "Staff workspace"
