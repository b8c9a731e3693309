"""Imported complaints are ordinary complaints: their case pages show them and their history,
and an open one carries on through the same services as a live one."""

from __future__ import annotations

from django.urls import reverse

from putright.complaints.models import Complaint
from putright.complaints.queues import complaint_search
from putright.complaints.services import stage_define, stage_respond
from putright.core.actors import Actor
from putright.imports.models import ImportedComplaint
from tests.complaints.lifecycle import findings_for, stage_of
from tests.imports.conftest import good_table


def test_every_imported_complaint_has_a_case_page_showing_its_import(client, officer, run_import):
    run_import(good_table())
    client.force_login(officer)
    for record in ImportedComplaint.objects.select_related("complaint"):
        complaint = record.complaint
        response = client.get(reverse("staff:complaint", kwargs={"reference": complaint.reference}))
        assert response.status_code == 200, record.legacy_reference
        assert (
            f"Imported from good.csv row {record.row_number} "
            f"(legacy reference {record.legacy_reference})"
        ) in response.content.decode()


def test_an_imported_complaint_is_found_by_its_reference_in_the_previous_system(
    run_import, officer
):
    run_import(good_table())
    complaint = ImportedComplaint.objects.get(legacy_reference="OLD-0002").complaint
    for query in ("OLD-0002", "old-0002", "  OLD-0002 "):
        rows = complaint_search(actor=Actor.for_user(officer), query=query)
        assert [row.reference for row in rows] == [complaint.reference], query
    # Only whole: a part of an old reference would find every complaint of that system.
    assert complaint.reference not in [
        row.reference for row in complaint_search(actor=Actor.for_user(officer), query="OLD-000")
    ]


def test_an_imported_open_complaint_is_answered_through_the_usual_services(
    run_import, officer, handler, lifecycle
):
    run_import(good_table())
    complaint = ImportedComplaint.objects.get(legacy_reference="OLD-0005").complaint
    stage_define(
        actor=Actor.for_user(officer),
        complaint=complaint,
        definition="The resident says the lift has been broken for weeks.",
        outcomes_sought="The lift repaired.",
        responsible_for="The lift.",
        points=["The lift is broken"],
    )
    complaint = lifecycle.declare(lifecycle.assign(lifecycle.fresh(complaint), handler), handler)
    stage_respond(
        actor=Actor.for_user(handler),
        complaint=complaint,
        outcome="upheld",
        decision="The lift is being repaired.",
        findings=findings_for(stage_of(complaint, 1)),
    )
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.STAGE1_RESPONDED
