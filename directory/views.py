"""Public views of the directory (routed from DirectoryPage): the listing and the proposal form.

The listing runs a fixed number of queries whatever the number of organisations: the filter
choices (one query each), the search (one query for the matching ids), the count, one page of
results with municipality and region joined, and the page's fields of activity prefetched.
"""

from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation

from directory import proposals
from directory.filters import OrganisationFilterSet
from directory.forms import ProposalForm
from directory.models import OrganisationPage
from home.images import LOGO_FILTER, with_card_images

PAGE_SIZE = 20


def base_organisations(directory):
    return OrganisationPage.objects.live().public().child_of(directory)


def filtered_organisations(directory, request):
    """(the filter set, the organisations it selects, sorted) for the listing and the exports."""
    filters = OrganisationFilterSet(request.GET, base_organisations(directory))
    return filters, filters.qs


def listing(directory, request):
    filters, results = filtered_organisations(directory, request)
    results = with_card_images(
        results.select_related("municipality__region").prefetch_related("fields_of_activity"),
        "logo",
        LOGO_FILTER,
    )
    paginator = Paginator(results, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    organisations = list(page_obj.object_list)
    _attach_related(organisations)
    export_query = filters.query_string(ordering=False)
    export_suffix = f"?{export_query}" if export_query else ""
    base_url = directory.get_url(request) or directory.url
    context = {
        "page": directory,
        "self": directory,
        "form": filters.form,
        "page_obj": page_obj,
        "organisations": organisations,
        "organisations_total": paginator.count,
        "active_filters": filters.descriptions(),
        "query_string": filters.query_string(),
        "csv_url": base_url + directory.reverse_subpage("export_csv") + export_suffix,
        "json_url": base_url + directory.reverse_subpage("export_json") + export_suffix,
        "propose_url": base_url + directory.reverse_subpage("propose"),
    }
    return TemplateResponse(request, "directory/directory_page.html", context)


def _attach_related(organisations):
    """The fields of activity each card lists (prefetched with the page of results)."""
    for organisation in organisations:
        organisation.listed_fields = list(organisation.fields_of_activity.all())


def propose(directory, request):
    language = translation.get_language() or "fi"
    existing = proposals.organisation_from_query(directory, request.GET.get("organisation"))
    form = ProposalForm(request.POST or None, directory=directory, organisation=existing)
    if request.method == "POST" and form.is_valid() and form.check_rate_limit(request):
        with transaction.atomic():
            proposals.submit(directory, form, language=language)
        return redirect(directory.url + directory.reverse_subpage("propose_thanks"))
    context = {"page": directory, "self": directory, "form": form, "organisation": existing}
    status = 400 if form.errors else 200
    return TemplateResponse(request, "directory/organisation_propose.html", context, status=status)


def propose_thanks(directory, request):
    return TemplateResponse(
        request, "directory/organisation_propose_thanks.html", {"page": directory, "self": directory}
    )
