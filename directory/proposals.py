"""Self-service: an association's proposal becomes a draft revision in the review workflow.

Nothing a visitor sends is public until a moderator approves it: a new entry is created as an
unpublished page, an update is saved as a new draft revision of the live page (the live
version stays as it was). When the page is published, the proposer gets an e-mail.
"""

from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Page

from directory.models import (
    ActivityLanguage,
    FieldOfActivity,
    OrganisationPage,
    OrganisationProposal,
    TargetGroup,
)
from home import emails
from home.inputs import parse_id

PLAIN_FIELDS = ("title", "register_number", "summary", *OrganisationPage.SELF_DESCRIBED_FIELDS)


def organisation_from_query(directory, page_id):
    page_id = parse_id(page_id)
    if page_id is None:
        return None
    return OrganisationPage.objects.live().child_of(directory).filter(pk=page_id).first()


def paragraphs(text):
    blocks = [b.strip() for b in (text or "").replace("\r\n", "\n").split("\n\n") if b.strip()]
    return "".join(f"<p>{escape(b)}</p>".replace("\n", "<br>") for b in blocks)


def _unique_slug(directory, title):
    base = slugify(title)[:70] or "yhdistys"
    existing = set(directory.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in existing:
        slug, n = f"{base}-{n}", n + 1
    return slug


def apply(page, data):
    for name in PLAIN_FIELDS:
        setattr(page, name, data[name])
    page.draft_title = page.title
    page.municipality = data["municipality"]
    page.description = paragraphs(data["description"])
    # A proposal names main fields; keep the subfields an editor chose under them.
    chosen_groups = list(FieldOfActivity.objects.filter(slug__in=data["fields_of_activity"]))
    kept = [f for f in page.fields_of_activity.all() if f.parent_id in {g.pk for g in chosen_groups}]
    page.fields_of_activity = chosen_groups + kept
    page.target_groups = list(TargetGroup.objects.filter(slug__in=data["target_groups"]))
    page.languages = list(ActivityLanguage.objects.filter(code__in=data["languages"]))


def submit(directory, form, *, language):
    data = form.cleaned_data
    if form.organisation is None:
        page = OrganisationPage(
            title=data["title"],
            slug=_unique_slug(directory, data["title"]),
            locale=directory.locale,
            live=False,
            has_unpublished_changes=True,
            summary=data["summary"],
            municipality=data["municipality"],
        )
        apply(page, data)
        # The importer writes children of the directory in bulk under the same lock (tree paths).
        list(Page.objects.select_for_update().filter(pk=directory.pk).values_list("pk"))
        directory.refresh_from_db(fields=["numchild"])
        directory.add_child(instance=page)
        kind = OrganisationProposal.Kind.NEW
    else:
        page = form.organisation.get_latest_revision_as_object()
        apply(page, data)
        kind = OrganisationProposal.Kind.UPDATE
    page.save_revision(log_action=True)
    proposal = OrganisationProposal.objects.create(
        page=page,
        kind=kind,
        submitter_name=data["submitter_name"],
        submitter_email=data["submitter_email"],
        message=data["message"],
        language=language,
    )
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        workflow.start(page, None)
    return proposal


def notify_published(page):
    """Queue the 'your entry is published' e-mail for every waiting proposal of this page."""
    waiting = list(OrganisationProposal.objects.filter(page=page, notified_at__isnull=True))
    for proposal in waiting:
        emails.queue("directory.emails.proposal_published_email", proposal.id)
    OrganisationProposal.objects.filter(pk__in=[p.pk for p in waiting]).update(notified_at=timezone.now())
    return len(waiting)


def page_published_handler(sender, instance, **kwargs):
    if isinstance(instance, OrganisationPage):
        notify_published(instance)
