"""The e-mail that sends a lead their form, as a draft to open in Outlook and send.

Built with the standard library's ``email`` package and written as an ``.eml`` file: nothing
is sent, and no mail server is needed. ``X-Unsent: 1`` makes Outlook open it as a new message
ready to send rather than as one received. It has no ``To``: the plan holds no addresses, so
the business manager picks each lead's from the address book as the draft opens.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from email import policy
from email.message import EmailMessage

from safeguarding_plan.reporting.contents import ActionRow, Report
from safeguarding_plan.reporting.sentences import document_title, form_letter, form_subject
from safeguarding_plan.text import clean


def draft(
    report: Report,
    *,
    lead: str,
    review: str,
    rows: Sequence[ActionRow],
    return_by: date,
    form: bytes,
    name: str,
    media_type: str,
    reminder: bool = False,
) -> bytes:
    """The draft e-mail to ``lead`` for ``review``, listing their ``rows``, with their ``form``
    attached as ``name``, as an ``.eml`` file's bytes (its lines ending in CRLF, as mail's do).
    Every text is the report's words, cleaned; a ``reminder`` says so in its subject and first
    line."""
    document = clean(document_title(report.plan_title, report.period, None))
    # The attachment and text are encoded as mail's lines of at most 76 characters (RFC 2045);
    # the headers are folded only past mail's hard limit, when written out below: Python folds
    # a subject with an en dash so that it reads back with two spaces.
    message = EmailMessage(policy=policy.SMTP.clone(max_line_length=76))
    message["Subject"] = form_subject(document, clean(review), clean(lead), reminder=reminder)
    message["X-Unsent"] = "1"
    message.set_content(
        form_letter(
            partnership=clean(report.partnership),
            document=document,
            review=clean(review),
            lead=clean(lead),
            return_by=return_by,
            actions=[(clean(row.id), clean(row.text), row.due_status) for row in rows],
            reminder=reminder,
        )
    )
    maintype, subtype = media_type.split("/", 1)
    message.add_attachment(form, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes(policy=policy.SMTP.clone(max_line_length=998))
