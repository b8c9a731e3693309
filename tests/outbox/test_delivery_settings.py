"""Delivery settings: an administrator chooses how the landlord's messages are delivered."""

from __future__ import annotations

import pytest

from putright.core.errors import DomainError
from putright.core.models import Event
from putright.outbox.models import DeliverySettings
from putright.outbox.services import delivery_settings_check
from tests.support.notify import EMAIL_TEMPLATE_ID

ADD_URL = "/admin/outbox/deliverysettings/add/"


@pytest.fixture
def admin_client(client, make_staff):
    client.force_login(make_staff("administrator", username="admin"))
    return client


def _form(landlord, **values) -> dict[str, str]:
    return {
        "landlord": str(landlord.pk),
        "email_provider": "smtp",
        "post_provider": "print",
        "from_email": "",
        "reply_to_email": "",
        "notify_email_template_id": "",
        "notify_sms_template_id": "",
        "notify_email_reply_to_id": "",
    } | values


def test_an_administrator_chooses_notify_for_email_and_the_change_is_recorded(
    admin_client, landlord
):
    response = admin_client.post(
        ADD_URL,
        _form(landlord, email_provider="notify", notify_email_template_id=EMAIL_TEMPLATE_ID),
    )

    assert response.status_code == 302
    saved = DeliverySettings.objects.get(landlord=landlord)
    assert (saved.email_provider, saved.notify_email_template_id) == ("notify", EMAIL_TEMPLATE_ID)
    assert Event.objects.filter(action="settings.deliverysettings.added").exists()


def test_email_through_notify_without_its_template_is_refused(admin_client, landlord):
    response = admin_client.post(ADD_URL, _form(landlord, email_provider="notify"))

    assert response.status_code == 200
    assert "Email through GOV.UK Notify needs the Notify email template ID." in (
        response.content.decode()
    )
    assert not DeliverySettings.objects.exists()


def test_a_template_id_that_is_not_notifys_is_refused(landlord):
    settings = DeliverySettings(landlord=landlord, notify_sms_template_id="my template")

    with pytest.raises(DomainError, match="must be the ID Notify shows") as refused:
        delivery_settings_check(delivery_settings=settings)
    assert refused.value.field == "notify_sms_template_id"


def test_a_complaints_officer_cannot_change_delivery_settings(client, officer):
    client.force_login(officer)

    assert client.get(ADD_URL, follow=True).status_code == 403
