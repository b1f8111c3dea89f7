"""schema.org JSON-LD of the directory's pages: `Organization` on an organisation page and
`NewsArticle` on an article (home.structured_data writes them into the page). No e-mail
addresses: the directory never puts one in a page's source (`protected_email`)."""

from django.utils import timezone

from home.site_url import absolute_url
from home.structured_data import share_image_url


def _image(image, spec="fill-1200x675"):
    return absolute_url(image.get_rendition(spec).url) if image is not None else None


def organisation_data(page, request=None):
    """The schema.org Organization of an OrganisationPage (name, description, URL, logo,
    telephone, the website and social-media addresses as sameAs)."""
    same_as = [page.website] if page.website else []
    same_as += [link.url for link in page.social_links.all()]
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": page.title,
        "url": absolute_url(page.get_url(request)),
        "description": page.summary,
    }
    if same_as:
        data["sameAs"] = same_as
    if page.phone:
        data["telephone"] = page.phone
    if page.logo_id:
        data["logo"] = _image(page.logo, "max-600x600")
    if page.municipality_id:
        data["areaServed"] = {"@type": "AdministrativeArea", "name": str(page.municipality)}
    return data


def article_data(page, request=None, publisher_name=""):
    """The schema.org NewsArticle of an ArticlePage (headline, description, dates, author,
    image, language, publisher)."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.summary,
        "url": absolute_url(page.get_url(request)),
        "datePublished": page.date.isoformat(),
        "inLanguage": page.locale.language_code,
    }
    if page.last_published_at:
        data["dateModified"] = timezone.localtime(page.last_published_at).isoformat()
    if page.author:
        data["author"] = {"@type": "Person", "name": page.author}
    # An article needs an image to show as a news result: its own, else the site's share image.
    data["image"] = _image(page.image) if page.image_id else share_image_url()
    if publisher_name:
        data["publisher"] = {"@type": "Organization", "name": publisher_name}
    return data
