"""The staff pages for letters: a complaint's letters as sent, and editing a template with a
preview on a real complaint."""

from __future__ import annotations

from putright.letters.models import Letter, LetterKind, LetterSettings, LetterTemplate
from tests.letters.conftest import default_body

TEMPLATE_URL = "/staff/letters/templates/{kind}/"


def _post_template(client, kind: str, **fields: str):
    data = {
        "subject": "Our response: {{ complaint.reference }}",
        "body": default_body(kind),
        "note": "",
        "complaint_reference": "",
        "action": "preview",
        **fields,
    }
    return client.post(TEMPLATE_URL.format(kind=kind), data)


def test_a_preview_shows_the_letter_for_a_real_complaint_with_its_reading_level(
    client, manager, log_complaint, lifecycle
):
    complaint = lifecycle.responded(log_complaint())
    client.force_login(manager)
    response = _post_template(
        client, LetterKind.STAGE1_RESPONSE, complaint_reference=complaint.reference
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dear Alex Morgan" in page
    assert "Reasons for point 1." in page
    assert "includes everything the Code requires" in page
    assert "Reading level of the text written for this complaint: grade" in page
    assert not LetterTemplate.objects.exists()


def test_a_preview_warns_of_what_an_edited_template_leaves_out(
    client, manager, log_complaint, lifecycle
):
    complaint = lifecycle.responded(log_complaint())
    client.force_login(manager)
    body = default_body(LetterKind.STAGE1_RESPONSE).replace("{{ stage.decision|paragraphs }}", "")
    response = _post_template(
        client, LetterKind.STAGE1_RESPONSE, body=body, complaint_reference=complaint.reference
    )
    assert "This letter would not be sent: it leaves out c) the decision" in (
        response.content.decode()
    )


def test_saving_a_template_that_drops_an_element_shows_the_error_and_keeps_what_was_typed(
    client, manager
):
    client.force_login(manager)
    body = default_body(LetterKind.EXTENSION).split("<h2>If you are unhappy")[0] + "<p>Typed</p>"
    response = _post_template(client, LetterKind.EXTENSION, body=body, action="save")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "leaves out the Ombudsman" in page and "contact details" in page
    assert "Complaint Handling Code 6.5" in page
    assert "&lt;p&gt;Typed&lt;/p&gt;" in page
    assert not LetterTemplate.objects.exists()


def test_a_complete_template_is_saved_as_a_new_version(client, manager):
    client.force_login(manager)
    response = _post_template(client, LetterKind.STAGE1_RESPONSE, action="save", note="Subject")
    assert response.status_code == 302
    saved = LetterTemplate.objects.get()
    assert (saved.kind, saved.version, saved.note) == (LetterKind.STAGE1_RESPONSE, 1, "Subject")
    listing = client.get("/staff/letters/templates/").content.decode()
    assert "Your version 1" in listing


def test_a_preview_needs_a_complaint_the_reader_can_see(client, manager):
    client.force_login(manager)
    response = _post_template(client, LetterKind.STAGE1_RESPONSE, complaint_reference="C1999-9")
    assert response.status_code == 200
    assert "Complaint C1999-9 could not be found." in response.content.decode()


def test_the_letter_settings_set_the_reading_level_and_refuse_a_bad_logo(client, manager):
    client.force_login(manager)
    response = client.post(
        "/staff/letters/settings/",
        {"sender_name": "Complaints team", "signature": "Jo Bloggs", "reading_grade_warning": "8"},
    )
    assert response.status_code == 302
    assert LetterSettings.objects.get().reading_grade_warning == 8
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/staff/letters/settings/",
        {
            "sender_name": "Complaints team",
            "signature": "",
            "reading_grade_warning": "8",
            "logo": SimpleUploadedFile("logo.exe", b"MZ", content_type="application/x-msdownload"),
        },
    )
    assert "The logo must be a PNG, JPEG or SVG image." in response.content.decode()


def test_a_caseworker_reads_a_letter_as_sent_and_downloads_its_pdf(
    client, officer, log_complaint, lifecycle
):
    complaint = lifecycle.responded(log_complaint())
    letter = Letter.objects.filter(complaint=complaint, kind=LetterKind.STAGE1_RESPONSE).get()
    client.force_login(officer)
    listing = client.get(f"/staff/complaints/{complaint.reference}/letters/").content.decode()
    assert "Stage 1 response" in listing and "Queued" in listing
    page = client.get(f"/staff/complaints/{complaint.reference}/letters/{letter.pk}/")
    assert letter.content_sha256 in page.content.decode()
    pdf = client.get(f"/staff/complaints/{complaint.reference}/letters/{letter.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_a_letter_of_another_complaint_is_not_found(client, officer, log_complaint, lifecycle):
    first = lifecycle.responded(log_complaint())
    second = log_complaint()
    letter = Letter.objects.filter(complaint=first).first()
    client.force_login(officer)
    response = client.get(f"/staff/complaints/{second.reference}/letters/{letter.pk}/")
    assert response.status_code == 404


def test_an_edited_template_can_start_again_from_putrights_default(client, manager):
    client.force_login(manager)
    body = "<p>Edited.</p>\n" + default_body(LetterKind.STAGE1_RESPONSE)
    _post_template(client, LetterKind.STAGE1_RESPONSE, body=body, action="save")
    page = _post_template(client, LetterKind.STAGE1_RESPONSE, action="default").content.decode()
    assert "&lt;p&gt;Edited.&lt;/p&gt;" not in page
    assert "&lt;p&gt;Dear {{ recipient.name }},&lt;/p&gt;" in page
    assert LetterTemplate.objects.count() == 1
