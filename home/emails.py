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

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
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


@task()
def send_email_task(builder, args, attempt=1):
    message = import_string(builder)(*args)
    if message is None:
        return "nothing to send"
    try:
        message.send()
    except Exception:
        if attempt >= MAX_ATTEMPTS or not send_email_task.get_backend().supports_defer:
            logger.exception("Giving up on e-mail %s%r after %d attempts", builder, args, attempt)
            raise
        delay = retry_delay(attempt)
        logger.warning("E-mail %s%r failed (attempt %d); retrying in %s", builder, args, attempt, delay)
        send_email_task.using(run_after=timezone.now() + delay).enqueue(builder, list(args), attempt + 1)
        return f"retry queued after attempt {attempt}"
    return "sent"


def queue(builder, *args):
    """Queue an e-mail once the current transaction (if any) has committed."""
    transaction.on_commit(lambda: send_email_task.enqueue(builder, list(args)))
