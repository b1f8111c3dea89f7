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
from directory.filters import SORT_NAME, OrganisationFilterSet
from directory.forms import ProposalForm
from directory.models import OrganisationPage
from home import page_cache
from home.images import LOGO_FILTER, with_card_images

PAGE_SIZE = 20


def base_organisations(directory):
    return OrganisationPage.objects.live().public().child_of(directory)


def filtered_organisations(directory, request):
    """(the filter set, the organisations it selects, sorted) for the listing and the exports."""
    filters = OrganisationFilterSet(
        request.GET, base_organisations(directory), directory=directory, request=request
    )
    return filters, filters.qs


def _listed_ids(directory, request, filters, results):
    """The ids of the organisations `results` holds, in order, when no filter but the sort is
    set (the directory as most readers open it): kept until content changes
    (`home.page_cache.remember`), so a page of 20 costs neither counting nor sorting 10,000 rows.
    None when a filter is set (each combination is counted and sorted in the database)."""
    if set(filters.active) - set(filters.ordering_parameters):
        return None
    key = ("directory.listing", directory.pk, filters.active.get("sort", SORT_NAME))
    return page_cache.remember(key, lambda: list(results.values_list("pk", flat=True)), request)


def listing(directory, request):
    filters, results = filtered_organisations(directory, request)
    listed = _listed_ids(directory, request, filters, results)
    results = with_card_images(
        results.select_related("municipality__region").prefetch_related("fields_of_activity"),
        "logo",
        LOGO_FILTER,
    )
    paginator = Paginator(results if listed is None else listed, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    if listed is None:
        organisations = list(page_obj.object_list)
    else:
        on_page = {o.pk: o for o in results.filter(pk__in=page_obj.object_list)}
        organisations = [on_page[pk] for pk in page_obj.object_list if pk in on_page]
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
