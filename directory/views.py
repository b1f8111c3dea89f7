"""Public views of the directory (routed from DirectoryPage): the listing and the proposal form.

The listing runs a fixed number of queries whatever the number of organisations: the filter
choices (one query each), the count, one page of results with municipality and region joined,
and the page's fields of activity prefetched.
"""

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation

from directory import filters, proposals
from directory.forms import ProposalForm
from directory.models import OrganisationPage

PAGE_SIZE = 20


def base_organisations(directory):
    return OrganisationPage.objects.live().public().child_of(directory)


def filtered_organisations(directory, request):
    base = base_organisations(directory)
    form = filters.DirectoryFilterForm(request.GET, base)
    results = filters.search(form, base, form.filter(base))
    if isinstance(results, QuerySet):
        results = results.select_related("municipality__region").prefetch_related("fields_of_activity")
    return form, results


def listing(directory, request):
    form, results = filtered_organisations(directory, request)
    paginator = Paginator(results, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    organisations = list(page_obj.object_list)
    _attach_related(organisations)
    query = form.query_string()
    export_suffix = f"?{form.query_string(include_sort=False)}" if form.active else ""
    base_url = directory.get_url(request) or directory.url
    context = {
        "page": directory,
        "self": directory,
        "form": form,
        "page_obj": page_obj,
        "organisations": organisations,
        "organisations_total": paginator.count,
        "active_filters": form.descriptions(),
        "query_string": query,
        "csv_url": base_url + directory.reverse_subpage("export_csv") + export_suffix,
        "json_url": base_url + directory.reverse_subpage("export_json") + export_suffix,
        "propose_url": base_url + directory.reverse_subpage("propose"),
    }
    return TemplateResponse(request, "directory/directory_page.html", context)


def _attach_related(organisations):
    """Municipality, region and fields of activity for one page of results in two queries.

    Search results cannot be select_related, so this reloads the page's rows by id."""
    if not organisations:
        return
    if "fields_of_activity" in getattr(organisations[0], "_prefetched_objects_cache", {}):
        for organisation in organisations:
            organisation.listed_fields = list(organisation.fields_of_activity.all())
        return
    rows = (
        OrganisationPage.objects.filter(pk__in=[o.pk for o in organisations])
        .select_related("municipality__region")
        .prefetch_related("fields_of_activity")
    )
    by_id = {row.pk: row for row in rows}
    for organisation in organisations:
        row = by_id[organisation.pk]
        organisation.municipality = row.municipality
        organisation.listed_fields = list(row.fields_of_activity.all())


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
