"""Demo newsletters: the association newsletter's archive with two issues in three languages,
subscribers in three languages, the digest preview in the admin and the privacy notice."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from newsletters.models import NewsletterArchivePage, NewsletterPage, Subscription

pytestmark = pytest.mark.django_db


def test_demo_has_the_association_newsletter_subscribers_and_a_digest_preview(demo, client, admin_client):
    archives = {page.locale.language_code: page for page in NewsletterArchivePage.objects.live()}
    assert set(archives) == {"fi", "sv", "en"}
    assert {page.list_slug for page in archives.values()} == {"associations"}
    sv = client.get(archives["sv"].url).text
    assert "Föreningsbrevet 1/2026" in sv and "Föreningsbrevet 2/2026" in sv
    assert NewsletterPage.objects.live().filter(locale__language_code="en").count() == 2
    issue = NewsletterPage.objects.live().get(locale__language_code="fi", slug="1-2026")
    assert "Kevään yhdistystreffit" in client.get(issue.url).text
    assert {s.language for s in Subscription.objects.filter(confirmed_at__isnull=False)} == {"fi", "sv", "en"}
    assert all(s.email.endswith("@example.invalid") for s in Subscription.objects.all())
    preview = admin_client.get(reverse("newsletters_admin:digest_preview"))
    assert preview.status_code == 200 and '<html lang="' in preview.text
    privacy = client.get(Page.objects.live().get(slug="privacy-notice").url).text
    assert "Newsletters and e-mail digests (consent)" in privacy
