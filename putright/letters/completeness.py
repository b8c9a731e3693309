"""What each kind of letter must say, and the check that it does.

The check reads the letter as rendered, not the template: every required element's facts
(the definition as recorded, each point's reasons, each remedy and its date, the
Ombudsman's details …) must appear in the letter's text. So a template an administrator
edited to leave an element out is caught before anything is sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from putright.core.errors import DomainError
from putright.letters.context import Context
from putright.letters.models import LetterKind
from putright.letters.rendering import plain_text


@dataclass(frozen=True)
class Element:
    """One thing a letter must contain, the facts that show it does, and the Code's reason."""

    name: str
    provision: str | None
    facts: tuple[str, ...]


def _ombudsman(context: Context, name: str, provision: str) -> Element:
    ombudsman = context["ombudsman"]
    return Element(
        name,
        provision,
        (ombudsman["name"], ombudsman["website"], ombudsman["email"], ombudsman["phone"]),
    )


def _response(context: Context, provision: str) -> list[Element]:
    stage = context["stage"]
    remedies = context.get("remedies", [])
    actions = context.get("actions", [])
    remedy_facts: tuple[str, ...] = (
        tuple(f for r in remedies for f in (r["description"], r["due_on"], r["amount"]) if f)
        if remedies
        else (context["no_remedy"],)
    )
    action_facts: tuple[str, ...] = (
        tuple(f for a in actions for f in (a["description"], a["due_on"]))
        if actions
        else (context["no_actions"],)
    )
    if stage["number"] == 1:
        escalate = Element(
            "g) how to escalate the complaint to stage 2",
            provision,
            ("stage 2", *context["landlord"]["contact_ways"]),
        )
    else:
        escalate = _ombudsman(
            context, "g) how to escalate the complaint to the Ombudsman", provision
        )
    return [
        Element("a) the complaint stage", provision, (stage["name"],)),
        Element("b) the complaint definition", provision, (stage["definition"],)),
        Element(
            "c) the decision on the complaint", provision, (stage["outcome"], stage["decision"])
        ),
        Element(
            "d) the reasons for the decisions made",
            provision,
            tuple(p["reasons"] for p in stage["points"]),
        ),
        Element("e) the details of any remedy offered", provision, remedy_facts),
        Element("f) details of any outstanding actions", provision, action_facts),
        escalate,
    ]


def _acknowledgement(context: Context, provision: str) -> list[Element]:
    stage = context["stage"]
    elements = [
        Element("the complaint stage", provision, (stage["name"],)),
        Element("the complaint definition", "5.6", (stage["definition"],)),
        Element("the outcomes the resident is seeking", "5.6", (stage["outcomes_sought"],)),
        Element("what the landlord is responsible for", "5.7", (stage["responsible_for"],)),
        Element("when the response is due", provision, (stage["response_due"],)),
    ]
    if stage["not_responsible_for"]:
        elements.append(
            Element(
                "what the landlord is not responsible for", "5.7", (stage["not_responsible_for"],)
            )
        )
    return elements


def required_elements(kind: str, context: Context) -> list[Element]:
    """What a letter of ``kind`` must contain, with these facts, and why."""
    if kind == LetterKind.STAGE1_RESPONSE:
        return _response(context, "6.9")
    if kind == LetterKind.STAGE2_RESPONSE:
        return _response(context, "6.19")
    if kind == LetterKind.STAGE1_ACKNOWLEDGEMENT:
        return _acknowledgement(context, "6.2")
    if kind == LetterKind.STAGE2_ACKNOWLEDGEMENT:
        return _acknowledgement(context, "6.11")
    if kind == LetterKind.EXTENSION:
        stage_one = context["stage"]["number"] == 1
        extension = context["extension"]
        return [
            Element(
                "the reason for the extension",
                "6.4" if stage_one else "6.15",
                (extension["reason"],),
            ),
            Element(
                "the new response date", "6.4" if stage_one else "6.15", (extension["new_due"],)
            ),
            _ombudsman(context, "the Ombudsman's contact details", "6.5" if stage_one else "6.16"),
        ]
    if kind in (LetterKind.NOT_ACCEPTED, LetterKind.ESCALATION_REFUSED):
        refusal = context["refusal"]
        provision = "2.4" if kind == LetterKind.NOT_ACCEPTED else "5.11"
        reasons = tuple(f for f in (refusal["other_reason"], refusal["explanation"]) if f)
        return [
            Element("the reasons for the decision", provision, reasons),
            _ombudsman(context, "the right to take the decision to the Ombudsman", "2.4"),
        ]
    if kind == LetterKind.ACTION_UPDATE:
        return [
            Element("the outstanding action", "6.6", (context["action"]["description"],)),
            Element("the update", "6.6", (context["update"]["text"],)),
        ]
    if kind == LetterKind.REMEDY_OFFER:
        remedy = context["remedy"]
        return [
            Element(
                "what will happen",
                "7.3",
                tuple(f for f in (remedy["description"], remedy["amount"]) if f),
            ),
            Element("by when", "7.3", (remedy["due_on"],)),
        ]
    raise ValueError(f"Unknown kind of letter {kind!r}")


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def missing_elements(kind: str, context: Context, body_html: str) -> list[Element]:
    """The required elements whose facts do not all appear in the letter."""
    text = plain_text(body_html)
    return [
        element
        for element in required_elements(kind, context)
        if not all(_normal(fact) in text for fact in element.facts if fact.strip())
    ]


def letter_require_complete(kind: str, context: Context, body_html: str) -> None:
    """Refuse a letter that leaves out anything the Code requires it to say."""
    missing = missing_elements(kind, context, body_html)
    if missing:
        first = missing[0]
        others = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise DomainError(
            f"The {LetterKind(kind).label.lower()} letter does not include {first.name}{others}, "
            "so it cannot be sent. Check the letter template; nothing has been saved.",
            provision=first.provision,
            field="body",
        )
