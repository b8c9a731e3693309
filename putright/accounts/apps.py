from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "putright.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_migrate

        from putright.accounts.models import User
        from putright.accounts.roles import roles_sync_after_migrate
        from putright.accounts.signals import roles_changed

        post_migrate.connect(roles_sync_after_migrate, sender=self)
        m2m_changed.connect(
            roles_changed, sender=User.groups.through, dispatch_uid="putright.roles_changed"
        )
