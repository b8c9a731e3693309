from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone

from putright.accounts.models import Team, User
from putright.accounts.roles import role_group
from putright.complaints.models import Channel, Complaint
from putright.complaints.services import ComplaintDetails, complaint_log
from putright.core.actors import Actor
from putright.landlords.services import landlord_create
from putright.residents.services import property_create, resident_create
from tests.support.smtp import smtp_server  # noqa: F401  (a fixture for every test)


@pytest.fixture
def landlord(db):
    return landlord_create(name="Riverside Homes", slug="riverside")


@pytest.fixture
def system_actor(landlord):
    return Actor.system(landlord.pk)


@pytest.fixture
def team(landlord):
    return Team.objects.create(landlord=landlord, name="Repairs complaints")


@pytest.fixture
def make_staff(landlord) -> Callable[..., User]:
    """A member of staff holding the given roles (slugs from putright.accounts.roles)."""
    counter = {"n": 0}

    def make(*roles: str, team: Team | None = None, username: str | None = None) -> User:
        counter["n"] += 1
        user = User.objects.create_user(
            username=username or f"staff{counter['n']}",
            password="correct horse battery staple",
            first_name="Staff",
            last_name=str(counter["n"]),
            landlord=landlord,
            team=team,
        )
        for role in roles:
            user.groups.add(role_group(role))
        return User.objects.get(pk=user.pk)  # fresh permission cache

    return make


@pytest.fixture
def officer(make_staff) -> User:
    return make_staff("complaints_officer", username="officer")


@pytest.fixture
def handler(make_staff, team) -> User:
    return make_staff("complaint_handler", team=team, username="handler")


@pytest.fixture
def second_handler(make_staff) -> User:
    return make_staff("complaint_handler", username="handler2")


@pytest.fixture
def manager(make_staff) -> User:
    return make_staff("senior_lead", username="manager")


@pytest.fixture
def as_actor() -> Callable[[User], Actor]:
    return Actor.for_user


@pytest.fixture
def resident(landlord, system_actor):
    home = property_create(
        actor=system_actor, landlord=landlord, address_line_1="12 Mill Lane", postcode="RV1 2AB"
    )
    return resident_create(
        actor=system_actor,
        landlord=landlord,
        name="Alex Morgan",
        email="alex@example.org",
        home=home,
    )


@pytest.fixture
def log_complaint(landlord, officer, resident) -> Callable[..., Complaint]:
    def log(received_at: datetime.datetime | None = None, **details) -> Complaint:
        details.setdefault("description", "The repair to my boiler was not done.")
        details.setdefault("channel", Channel.PHONE)
        details.setdefault("resident", resident)
        return complaint_log(
            actor=Actor.for_user(officer),
            landlord=landlord,
            details=ComplaintDetails(received_at=received_at or timezone.now(), **details),
        )

    return log


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, test against a database file rather than Django's shared in-memory one.

    Threads in the concurrency tests each open their own connection. In SQLite's shared-cache
    memory mode a connection that meets another's lock fails at once ("database table is
    locked", SQLITE_LOCKED), which no busy timeout waits out; a file in WAL mode with the
    settings' busy timeout serialises writers, as the production database does.
    """
    from django.conf import settings as django_settings

    database = django_settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("sqlite") / "putright-test.sqlite3"
        )


@pytest.fixture
def lifecycle(officer, handler, second_handler):
    """Takes a complaint to any point of its life through the services (see lifecycle.py)."""
    from tests.complaints.lifecycle import Lifecycle

    return Lifecycle(officer=officer, handler=handler, second_handler=second_handler)


@pytest.fixture
def other_landlord(db):
    return landlord_create(name="Hillside Housing", slug="hillside", complaint_reference_prefix="H")


@pytest.fixture
def other_landlord_officer(other_landlord) -> User:
    user = User.objects.create_user(
        username="hillside-officer",
        password="correct horse battery staple",
        landlord=other_landlord,
    )
    user.groups.add(role_group("complaints_officer"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def board_member(make_staff) -> User:
    """A Member Responsible for Complaints: reports only, no individual complaints."""
    return make_staff("governing_body", username="board")


@pytest.fixture
def teammate(make_staff, team) -> User:
    """A handler in the same team as ``handler``."""
    return make_staff("complaint_handler", team=team, username="teammate")
