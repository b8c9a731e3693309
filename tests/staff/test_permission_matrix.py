"""Each role against each staff page: a page a role may use opens (200); any other is 403.

The expectations are written out by hand from the roles' purposes (putright/accounts/roles.py),
not derived from the code under test, so a page that drifts from its role's purpose fails here.
"""

from __future__ import annotations

import pytest

from putright.complaints.services import stage_assign
from putright.core.actors import Actor

OFFICER, HANDLER, LEAD, BOARD, ADMIN = (
    "complaints_officer",
    "complaint_handler",
    "senior_lead",
    "governing_body",
    "administrator",
)
EVERYONE = {OFFICER, HANDLER, LEAD, BOARD, ADMIN}
CASEWORKERS = {OFFICER, HANDLER, LEAD}  # handle complaints, or see them all
TRIAGE = {OFFICER, LEAD}  # acknowledge, assign, refuse, close
SPECIAL_CATEGORY = {OFFICER, LEAD}  # disabilities and vulnerabilities
RESTRICTIONS = {LEAD}  # restrict a resident's contact, and review it

COMPLAINT_QUEUES = (
    "mine",
    "overdue",
    "due-soon",
    "extended",
    "unassigned",
    "acknowledge-stage-1",
    "acknowledge-stage-2",
)

PAGES: list[tuple[str, set[str]]] = [
    ("/staff/", EVERYONE),
    ("/staff/account/", EVERYONE),
    ("/staff/account/password/", EVERYONE),
    *[(f"/staff/queues/{slug}/", CASEWORKERS) for slug in COMPLAINT_QUEUES],
    ("/staff/queues/actions/", CASEWORKERS),
    ("/staff/queues/unpaid-remedies/", CASEWORKERS),
    ("/staff/queues/dissatisfied-service-requests/", CASEWORKERS),
    ("/staff/queues/adjustment-reviews/", SPECIAL_CATEGORY),
    ("/staff/queues/restriction-reviews/", RESTRICTIONS),
    ("/staff/search/?q=Morgan", CASEWORKERS),
    ("/staff/contacts/new/", CASEWORKERS),
    ("/staff/complaints/{ref}/", CASEWORKERS),
    ("/staff/complaints/{ref}/acknowledge/", TRIAGE),
    ("/staff/complaints/{ref}/define/", CASEWORKERS),
    ("/staff/complaints/{ref}/assign/", TRIAGE),
    ("/staff/complaints/{ref}/conflict-of-interest/", CASEWORKERS),
    ("/staff/complaints/{ref}/extend/", CASEWORKERS),
    ("/staff/complaints/{ref}/respond/", CASEWORKERS),
    ("/staff/complaints/{ref}/remedies/new/", CASEWORKERS),
    ("/staff/complaints/{ref}/actions/new/", CASEWORKERS),
    ("/staff/complaints/{ref}/escalate/", CASEWORKERS),
    ("/staff/complaints/{ref}/refuse/", TRIAGE),
    ("/staff/complaints/{ref}/withdraw/", CASEWORKERS),
    ("/staff/complaints/{ref}/close/", TRIAGE),
    ("/staff/complaints/{ref}/note/", CASEWORKERS),
    ("/staff/complaints/{ref}/message/", CASEWORKERS),
    ("/admin/", {ADMIN}),
    ("/staff/post-room/", TRIAGE),  # the post room and undelivered messages
    ("/staff/mail/", TRIAGE),  # mail coming in that matched no complaint
    ("/staff/mail/?view=all", TRIAGE),
    # Learning and the Ombudsman: read by those who manage them and by the governing body;
    # improvements changed by officers and the lead; Ombudsman records by the lead only.
    ("/staff/learning/", {OFFICER, LEAD, BOARD}),
    ("/staff/learning/improvements/", {OFFICER, LEAD, BOARD}),
    ("/staff/learning/improvements/you-said-we-did/", {OFFICER, LEAD, BOARD}),
    ("/staff/learning/improvements/new/", {OFFICER, LEAD}),
    ("/staff/learning/ombudsman/", {OFFICER, LEAD, BOARD}),
    ("/staff/learning/ombudsman/new/", {LEAD}),
    ("/staff/learning/publications/", {OFFICER, LEAD, BOARD}),
    ("/staff/learning/publications/new/", {LEAD}),
    ("/staff/learning/compliance/", {OFFICER, LEAD, BOARD}),
    ("/staff/learning/compliance/non-compliance/new/", {LEAD}),
    ("/staff/learning/compliance/exceptional-circumstances/new/", {LEAD}),
    ("/staff/complaints/{ref}/learning/", CASEWORKERS),
    # The governing body's documents: read by the lead and the governing body (Code 8.1, 9.7).
    ("/staff/self-assessment/", {LEAD, BOARD}),
    ("/staff/annual-reports/", {LEAD, BOARD}),
    # The complaints dashboard and its drill-down lists (references only).
    ("/staff/reports/", {LEAD, BOARD}),
    ("/staff/reports/figure/?period=year&year=2025&figure=received.stage1", {LEAD, BOARD}),
    # Letters: what was sent on a complaint; the templates and letter settings.
    ("/staff/complaints/{ref}/letters/", CASEWORKERS),
    ("/staff/letters/templates/", {LEAD, ADMIN}),
    ("/staff/letters/templates/stage1_response/", {LEAD, ADMIN}),
    ("/staff/letters/settings/", {LEAD, ADMIN}),
]


@pytest.fixture
def people(make_staff, team):
    return {role: make_staff(role, team=team, username=role) for role in EVERYONE}


@pytest.fixture
def complaint(log_complaint, people, officer):
    complaint = log_complaint()
    # Assigned to the handler so that the handler may see it, as they would their own work.
    stage_assign(actor=Actor.for_user(officer), complaint=complaint, handler=people[HANDLER])
    return complaint


@pytest.mark.parametrize(("page", "allowed"), PAGES, ids=[page for page, _ in PAGES])
@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_each_role_opens_the_pages_its_purpose_needs_and_no_others(
    client, people, complaint, role, page, allowed
):
    client.force_login(people[role])
    # The admin sends a non-administrator through its sign-in door first, to the same 403.
    response = client.get(page.format(ref=complaint.reference), follow=True)
    expected = 200 if role in allowed else 403
    assert response.status_code == expected, f"{role} on {page}"
    if expected == 403:
        assert "You cannot see this page" in response.content.decode()


@pytest.mark.parametrize("page", ["/staff/", "/staff/queues/mine/", "/staff/complaints/x/"])
def test_signed_out_visitors_are_sent_to_sign_in(client, page):
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/")
