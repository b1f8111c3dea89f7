"""E-mail that leaves Kuulu: rendered in the recipient's language, sent by a background task.

An app defines a *builder*: a function that takes plain arguments (ids, never personal data,
because task arguments are stored in the queue) and returns an EmailMessage, or None when
there is nothing to send any more (for instance the sign-up was cancelled meanwhile):

    def confirmation_email(registration_id):
        registration = Registration.objects.get(pk=registration_id)
        return render_email("registrations/emails/confirmation", {...},
                            to=[registration.email], language=registration.language)

and queues it after the surrounding transaction commits:

    emails.queue("registrations.emails.confirmation_email", registration.id)

If sending fails (SMTP down, backend raising), the task queues itself again later with a
growing delay, up to MAX_ATTEMPTS; the data that caused the e-mail is already saved.
"""

import atexit
import contextlib
import logging
import smtplib
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django_tasks import task

from home.text import strip_control_characters

logger = logging.getLogger("kuulu.emails")

MAX_ATTEMPTS = 8
RETRY_BASE_DELAY = timedelta(minutes=1)


def render_email(template_prefix, context, *, to, language, attachments=(), reply_to=None):
    """Render `<prefix>_subject.txt`, `<prefix>.txt` and `<prefix>.html` in `language`."""
    with translation.override(language):
        context = {"language": language, **context}
        # No control characters (home.text): a title pasted from Word must not reach a mail client.
        subject = " ".join(
            strip_control_characters(render_text(f"{template_prefix}_subject.txt", context)).split()
        )
        text = strip_control_characters(render_text(f"{template_prefix}.txt", context))
        html = strip_control_characters(render_to_string(f"{template_prefix}.html", context))
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=reply_to,
        headers={"Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def render_text(template_name, context):
    """Render a plain-text template without HTML escaping (the text part is not HTML)."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def retry_delay(attempt):
    return RETRY_BASE_DELAY * (2 ** (attempt - 1))


class EmailDeliveryError(Exception):
    """An e-mail could not be sent after MAX_ATTEMPTS. Its message names the builder and the SMTP
    reply code only: the task-results table and the worker log keep it, and they must not hold
    the recipient's address (erasure, GDPR art. 17)."""


def smtp_code(error):
    """The SMTP reply code of a sending error (RFC 5321 section 4.2), e.g. 550, or None.

    `SMTPRecipientsRefused` holds a code per recipient; the first is given."""
    code = getattr(error, "smtp_code", None)
    if code is None and isinstance(getattr(error, "recipients", None), dict):
        codes = [value[0] for value in error.recipients.values() if isinstance(value, tuple)]
        code = codes[0] if codes else None
    return code


#: A kept connection to the mail server idle longer than this (seconds) is closed and opened anew
#: instead of reused: servers drop idle clients (Postfix after 300 s), a burst's e-mails go out
#: well under a second apart.
MAIL_CONNECTION_IDLE_SECONDS = 30
_kept = {"key": None, "connection": None, "used": 0.0}


def mail_connection():
    """This process's open connection to the mail server (Django's `get_connection()`), kept
    between e-mail tasks: a burst of sign-ups' e-mails goes through one SMTP session instead of a
    TCP connection, greeting and QUIT each. Opened anew when `EMAIL_BACKEND`, `EMAIL_HOST` or
    `EMAIL_PORT` differ from the kept one's, or it has been idle `MAIL_CONNECTION_IDLE_SECONDS`.
    Raises what opening raises (`OSError`, `smtplib.SMTPException`); after any sending error call
    `drop_mail_connection`."""
    key = (
        settings.EMAIL_BACKEND,
        getattr(settings, "EMAIL_HOST", None),
        getattr(settings, "EMAIL_PORT", None),
    )
    now = time.monotonic()
    if _kept["connection"] is not None and (
        _kept["key"] != key
        or now - _kept["used"] > MAIL_CONNECTION_IDLE_SECONDS
        or not _still_open(_kept["connection"])
    ):
        drop_mail_connection()
    if _kept["connection"] is None:
        connection = get_connection()
        connection.open()
        _kept.update(key=key, connection=connection)
    _kept["used"] = now
    return _kept["connection"]


def _still_open(connection):
    """Whether a kept SMTP connection still answers (`NOOP`, RFC 5321 §4.1.1.9): a server may drop
    an idle client well before `MAIL_CONNECTION_IDLE_SECONDS` (Postfix under load after 10 s), and
    the e-mail would otherwise fail on it and wait for its retry. Connections of other backends
    (tests' locmem) have nothing to ask."""
    smtp = getattr(connection, "connection", None)
    if smtp is None or not hasattr(smtp, "noop"):
        return True
    try:
        return smtp.noop()[0] == 250
    except (OSError, smtplib.SMTPException):
        return False


@atexit.register
def drop_mail_connection():
    """Close the kept connection (`mail_connection`), if any: after a sending error its state is
    unknown, so the next e-mail opens a new one. Errors while closing are ignored."""
    connection, _kept["connection"] = _kept["connection"], None
    if connection is not None:
        with contextlib.suppress(Exception):  # a connection already broken: nothing to close
            connection.close()


@task(takes_context=True)
def send_email_task(context, builder, args, attempt=1):
    """Build and send one e-mail over the process's kept connection (`mail_connection`); on failure
    retry later, then give up with `EmailDeliveryError`.

    Logs name the task id, the builder, the attempt and the SMTP code, never the address or the
    exception text (an SMTP error repeats the recipient)."""
    message = import_string(builder)(*args)
    if message is None:
        return "nothing to send"
    try:
        message.connection = mail_connection()
        message.send()
    except Exception as error:  # noqa: BLE001 - any backend error: retry, then give up
        drop_mail_connection()
        task_id = context.task_result.id
        reason = f"{type(error).__name__}, SMTP code {smtp_code(error) or 'none'}"
        if attempt >= MAX_ATTEMPTS or not send_email_task.get_backend().supports_defer:
            logger.error(
                "Giving up on e-mail task %s (%s) after %d attempts: %s", task_id, builder, attempt, reason
            )
            raise EmailDeliveryError(f"{builder}: gave up after {attempt} attempts ({reason})") from None
        delay = retry_delay(attempt)
        logger.warning(
            "E-mail task %s (%s) failed (attempt %d: %s); retrying in %s",
            task_id,
            builder,
            attempt,
            reason,
            delay,
        )
        send_email_task.using(run_after=timezone.now() + delay).enqueue(builder, list(args), attempt + 1)
        return f"retry queued after attempt {attempt}"
    return "sent"


def queue(builder, *args):
    """Queue an e-mail once the current transaction (if any) has committed."""
    transaction.on_commit(lambda: send_email_task.enqueue(builder, list(args)))
