"""Satisfaction with complaint handling: a survey emailed once a complaint has its final
response or is closed, answered once through a signed link, without signing in."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.models import Event
from putright.learning.models import SatisfactionInvitation, SatisfactionResponse
from putright.learning.services import satisfaction_invite
from putright.residents.services import resident_create

SITE = "https://complaints.riverside.example"


def survey_link(mailbox) -> str:
    """The survey's address in the last email the real SMTP server accepted."""
    _, message = mailbox.messages[-1]
    text = next(
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    )
    return re.search(rf"{re.escape(SITE)}(\S+)", text).group(1)


def test_a_closed_complaint_gets_one_survey_by_email_with_a_signed_link(
    closed_complaint, officer, smtp_server
):
    invitation = satisfaction_invite(
        actor=Actor.for_user(officer), complaint=closed_complaint, site_url=SITE
    )
    assert invitation.stage_number == 1
    [(recipients, message)] = smtp_server.messages
    assert recipients == ["alex@example.org"]
    assert closed_complaint.reference in message["Subject"]
    assert survey_link(smtp_server).startswith("/resident/survey/")
    event = Event.objects.filter(action="complaint.satisfaction_invited").get()
    assert event.complaint_id == closed_complaint.pk
    with pytest.raises(DomainError, match="already been asked about stage 1"):
        satisfaction_invite(
            actor=Actor.for_user(officer), complaint=closed_complaint, site_url=SITE
        )
    assert len(smtp_server.messages) == 1


def test_no_survey_while_the_resident_may_still_escalate(
    log_complaint, lifecycle, officer, smtp_server
):
    complaint = lifecycle.responded(log_complaint())
    with pytest.raises(DomainError, match="no final response or closure"):
        satisfaction_invite(actor=Actor.for_user(officer), complaint=complaint, site_url=SITE)
    assert not smtp_server.messages
    assert not SatisfactionInvitation.objects.exists()


def test_a_stage_two_final_response_is_asked_about_stage_two(
    log_complaint, lifecycle, officer, smtp_server
):
    complaint = lifecycle.stage_two_responded(log_complaint())
    invitation = satisfaction_invite(
        actor=Actor.for_user(officer), complaint=complaint, site_url=SITE
    )
    assert invitation.stage_number == 2


def test_no_survey_without_an_email_address(log_complaint, lifecycle, officer, resident):
    resident.email = ""
    resident.save()
    complaint = lifecycle.close(lifecycle.responded(log_complaint()))
    with pytest.raises(DomainError, match="no email address"):
        satisfaction_invite(actor=Actor.for_user(officer), complaint=complaint, site_url=SITE)


def test_the_governing_body_does_not_send_surveys(closed_complaint, board_member):
    with pytest.raises(NotPermittedError):
        satisfaction_invite(
            actor=Actor.for_user(board_member), complaint=closed_complaint, site_url=SITE
        )


def test_when_the_mail_server_refuses_no_invitation_is_recorded(
    closed_complaint, officer, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens on the discard port
    settings.EMAIL_TIMEOUT = 2
    with pytest.raises(OSError):
        satisfaction_invite(
            actor=Actor.for_user(officer), complaint=closed_complaint, site_url=SITE
        )
    assert not SatisfactionInvitation.objects.exists()
    assert not Event.objects.filter(action="complaint.satisfaction_invited").exists()


def test_the_resident_answers_once_without_signing_in(
    closed_complaint, officer, smtp_server, client
):
    satisfaction_invite(actor=Actor.for_user(officer), complaint=closed_complaint, site_url=SITE)
    link = survey_link(smtp_server)

    page = client.get(link)
    assert page.status_code == 200
    assert "How satisfied are you with the way we handled your complaint?" in page.content.decode()

    # Nothing chosen: the error summary, and the comment typed is kept.
    page = client.post(link, {"comments": "Quicker replies please"})
    body = page.content.decode()
    assert "There is a problem" in body
    assert "Select how satisfied you are with the way your complaint was handled" in body
    assert "Quicker replies please" in body
    assert not SatisfactionResponse.objects.exists()

    done = client.post(link, {"handling": "4", "outcome": "2", "comments": "Quicker replies"})
    assert done.status_code == 302
    response = SatisfactionResponse.objects.get()
    assert (response.handling, response.outcome, response.comments) == (4, 2, "Quicker replies")
    assert response.is_satisfied
    assert "Your answers are recorded" in client.get(link).content.decode()

    # The link again: the thanks, and no second answer.
    again = client.post(link, {"handling": "1"})
    assert "Your answers are recorded" in again.content.decode()
    assert SatisfactionResponse.objects.get().handling == 4
    event = Event.objects.filter(action="complaint.satisfaction_answered").get()
    assert event.actor_label == "Resident"


def test_an_altered_or_expired_link_does_not_work(closed_complaint, officer, smtp_server, client):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC)):
        satisfaction_invite(
            actor=Actor.for_user(officer), complaint=closed_complaint, site_url=SITE
        )
        link = survey_link(smtp_server)
        altered = link.replace("/survey/", "/survey/x")
        assert client.get(altered).status_code == 404
        assert client.post(altered, {"handling": "5"}).status_code == 404
    with time_machine.travel(datetime.datetime(2026, 5, 2, 12, tzinfo=datetime.UTC)):
        expired = client.get(link)
    assert expired.status_code == 404
    assert "This survey link does not work" in expired.content.decode()
    assert not SatisfactionResponse.objects.exists()


def test_the_batch_command_sends_to_complaints_closed_since_a_date(
    log_complaint, lifecycle, landlord, system_actor, smtp_server, capsys
):
    no_email = resident_create(
        actor=system_actor, landlord=landlord, name="Sam Letters", phone="07700 900123"
    )
    first = lifecycle.close(lifecycle.responded(log_complaint()))
    lifecycle.close(lifecycle.responded(log_complaint(resident=no_email)))
    lifecycle.responded(log_complaint())  # still open to escalation: not asked
    call_command("satisfaction", "invite", "--closed-since", "2020-01-01", "--site-url", SITE + "/")
    out = capsys.readouterr().out
    assert "Surveys sent: 1." in out
    assert "Skipped, no email address: 1." in out
    assert [r for r, _ in smtp_server.messages] == [["alex@example.org"]]
    assert SatisfactionInvitation.objects.get().complaint == first

    call_command("satisfaction", "invite", "--closed-since", "2020-01-01", "--site-url", SITE)
    assert "Skipped, already asked: 1." in capsys.readouterr().out
    assert len(smtp_server.messages) == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--closed-since", "1 April", "--site-url", SITE], "must be a date like 2026-04-01"),
        (["--closed-since", "2026-04-01", "--site-url", "riverside"], "must be a web address"),
        (
            ["--closed-since", "2026-04-01", "--site-url", SITE, "--landlord", "nobody"],
            "There is no landlord 'nobody'",
        ),
    ],
)
def test_the_batch_command_refuses_bad_input_in_one_line(db, arguments, message):
    with pytest.raises(CommandError, match=message) as refused:
        call_command("satisfaction", "invite", *arguments)
    assert refused.value.returncode == 2
