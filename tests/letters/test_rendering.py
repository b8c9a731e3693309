"""What residents and administrators type is printed, never run; the PDF renders; large print."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from django.utils import timezone
from pypdf import PdfReader

from putright.core.actors import Actor
from putright.core.errors import DomainError
from putright.letters.models import Letter, LetterKind
from putright.letters.rendering import letter_pdf, render_letter, sanitise
from putright.letters.services import letter_template_save
from putright.residents.models import ReasonableAdjustment
from putright.residents.services import adjustment_record
from tests.letters.conftest import default_body, only_letter

HOSTILE = (
    "<script>alert('x')</script> {{ 7*7 }} {% for i in range(3) %}loop{% endfor %} "
    '<img src="https://evil.example/pixel.png"> &amp; done'
)


def pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split()
    )


def test_hostile_complaint_text_is_printed_as_text_in_html_text_and_pdf(
    officer, log_complaint, lifecycle
):
    from putright.complaints.services import stage_acknowledge, stage_define

    complaint = log_complaint(description=HOSTILE)
    actor = Actor.for_user(officer)
    stage_define(
        actor=actor,
        complaint=complaint,
        definition=HOSTILE,
        outcomes_sought="{{ ombudsman }}",
        responsible_for="{% raw %}",
        points=["<b>bold</b> point"],
    )
    stage_acknowledge(actor=actor, complaint=complaint)
    letter = only_letter(complaint, LetterKind.STAGE1_ACKNOWLEDGEMENT)
    for html in (letter.body_html, letter.document_html):
        assert "<script" not in html
        assert "<img" not in html.replace('<img src="data:', "")
        assert "<b>" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html or (
            "&lt;script&gt;alert('x')&lt;/script&gt;" in html
        )
    # Template syntax in what was typed is not evaluated: no 49, no loop, no Ombudsman dict.
    assert "{{ 7*7 }}" in letter.body_text and "49" not in letter.body_text
    assert "{% for i in range(3) %}loop{% endfor %}" in letter.body_text
    assert "loop loop" not in letter.body_text
    assert "{{ ombudsman }}" in letter.body_text and "{% raw %}" in letter.body_text
    text = pdf_text(letter_pdf(letter=letter))
    assert "<script>alert('x')</script>" in text
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "&amp; done" in text


@pytest.mark.parametrize(
    "body",
    [
        "<p>{{ ''.__class__.__mro__[1].__subclasses__() }}</p>",
        "<p>{{ complaint.__class__ }}</p>",
        "{% set x = landlord.contact_ways.append('hacked') %}<p>{{ x }}</p>",
        "<p>{{ cycler.__init__.__globals__ }}</p>",
    ],
)
def test_a_template_cannot_reach_beyond_the_letters_facts(body):
    from putright.letters.context import sample_context

    with pytest.raises(DomainError):
        render_letter(subject="S", body=body, context=sample_context(LetterKind.EXTENSION))


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        '<p onclick="alert(1)">hi</p>',
        '<a href="https://evil.example">click</a>',
        '<img src="https://evil.example/p.png">',
        "<style>body{display:none}</style>",
    ],
)
def test_the_editor_refuses_a_template_with_anything_but_plain_tags(manager, markup):
    body = default_body(LetterKind.EXTENSION) + markup
    with pytest.raises(DomainError, match="only paragraphs, headings, lists and emphasis"):
        letter_template_save(
            actor=Actor.for_user(manager), kind=LetterKind.EXTENSION, subject="S", body=body
        )


def test_the_sanitiser_keeps_only_plain_tags_and_escaped_text():
    kept, refused = sanitise(
        '<p class="x">a &lt;b&gt; <em>c</em><script>d</script></p><iframe>e</iframe>'
        "<ul><li>f</li></ul><span>g</span>"
    )
    assert kept == "<p>a &lt;b&gt; <em>c</em></p><ul><li>f</li></ul>g"
    assert refused == {"p attributes", "script", "iframe", "span"}


def _non_white_fraction(pdf: bytes) -> float:
    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=0.5).to_pil().convert("L")
    counts = image.histogram()  # pixels at each grey level, 0 (black) to 255 (white)
    return sum(counts[:200]) / sum(counts)


def test_the_letter_pdf_renders_a_page_that_is_not_blank(log_complaint, lifecycle):
    complaint = lifecycle.responded(log_complaint())
    letter = only_letter(complaint, LetterKind.STAGE1_RESPONSE)
    pdf = letter_pdf(letter=letter)
    assert pdf.startswith(b"%PDF")
    assert _non_white_fraction(pdf) > 0.01
    text = pdf_text(pdf)
    assert complaint.reference in text
    assert "Riverside Homes" in text


def test_a_resident_with_a_large_print_adjustment_gets_large_print(
    log_complaint, lifecycle, resident, officer
):
    adjustment_record(
        actor=Actor.for_user(officer),
        resident=resident,
        kind=ReasonableAdjustment.Kind.LARGE_PRINT,
        agreed_on=timezone.localdate(),
    )
    large = only_letter(lifecycle.responded(log_complaint()), LetterKind.STAGE1_RESPONSE)
    resident.adjustments.update(ended_on="2000-01-01")
    standard = only_letter(lifecycle.responded(log_complaint()), LetterKind.STAGE1_RESPONSE)
    assert large.large_print and not standard.large_print
    assert "font-size: 16pt" in large.document_html
    assert "font-size: 11pt" in standard.document_html
    large_pages = len(PdfReader(io.BytesIO(letter_pdf(letter=large))).pages)
    standard_pages = len(PdfReader(io.BytesIO(letter_pdf(letter=standard))).pages)
    assert large_pages > standard_pages


def test_the_content_hash_is_of_what_was_stored_as_sent(log_complaint, lifecycle):
    import hashlib

    letter: Letter = only_letter(lifecycle.responded(log_complaint()), LetterKind.STAGE1_RESPONSE)
    digest = hashlib.sha256()
    for part in (letter.subject, letter.body_text, letter.body_html, letter.document_html):
        digest.update(part.encode() + b"\0")
    assert letter.content_sha256 == digest.hexdigest()
