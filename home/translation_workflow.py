"""Translations go through the same review workflow as source pages.

wagtail-localize lets anyone who may *edit* a translated page change what the public sees: its
translation editor offers people without the publish permission only *Convert to alias page*
(which replaces the translation with the Finnish page, live), and *Sync translated pages* offers
*Publish immediately* to everyone. Kuulu closes those paths here, with Wagtail's own hooks:

- *Translate this page* saves new translations as drafts (the setting
  `WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`, in `site_config.settings.base`);
- in the translation editor, a user who cannot publish the page gets *Submit for review* as the
  main button: it saves the translated strings as a new draft revision of the page and starts
  the page's workflow (*Review before publishing*), or resumes it when a moderator asked for
  changes (`submit_for_review`); only the workflow's approval publishes;
- *Convert to alias page* needs the publish permission (it changes the live page);
- *Sync translated pages* offers *Publish immediately* only to a user who can publish every
  translated page.

Moderators keep wagtail-localize's *Publish in …* button. Snippets have no draft state in Kuulu,
so their translations are saved live by whoever may change snippets, as any snippet edit is.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.views import convert, update_translations

# The translation editor's main button says this (plus the language) to users who cannot publish.
SUBMIT_LABEL = gettext_lazy("Submit for review: ")


def page_translation(page):
    """The enabled wagtail-localize `Translation` whose target is `page`, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def submit_for_review(page, translation, user):
    """Save `translation`'s current strings as a draft revision of `page` (its target) and put
    the page in its review workflow: start it, resume it after a moderator asked for changes,
    or, when it is already waiting for review, leave it waiting (the reviewer sees the newest
    revision, which is the one approval publishes).

    Returns the page's `WorkflowState`. Raises `ValidationError` when the translated page does
    not validate, and `PermissionDenied` when no workflow covers the page (nothing is saved then).
    """
    workflow = page.get_workflow()
    if workflow is None:
        raise PermissionDenied(_("No review workflow covers this page."))
    translation.save_target(user=user, publish=False)
    page = page.specific_class.objects.get(pk=page.pk)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return state
    return workflow.start(page, user)


@hooks.register("before_edit_page", order=-10)
def guard_translation_editor(request, page):
    """Runs before wagtail-localize's own hook: a user who cannot publish the translated page
    submits it for review instead of publishing it, and cannot convert it into an alias."""
    if page.permissions_for_user(request.user).can_publish():
        return None
    if request.method == "POST" and "localize-convert-to-alias" in request.POST:
        raise PermissionDenied
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = page_translation(page)
    if translation is None:
        return None
    language = translation.target_locale.get_display_name()
    try:
        submit_for_review(page.specific, translation, request.user)
    except ValidationError:
        messages.error(
            request,
            _("“%(title)s” in %(language)s could not be saved: fix the translation and try again.")
            % {"title": page.get_admin_display_title(), "language": language},
        )
    else:
        messages.success(
            request,
            _("“%(title)s” in %(language)s was submitted for review.")
            % {"title": page.get_admin_display_title(), "language": language},
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias(menu_items, request, context):
    """*Convert to alias page* only for users who may publish the page."""
    page = context.get("page")
    if page is not None and not page.permissions_for_user(request.user).can_publish():
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


def convert_to_alias(request, page_id):
    """wagtail-localize's *Convert to alias page*, for users who may publish the page: an alias
    shows the source page's live content at once."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """*Sync translated pages*: *Publish immediately* only for a user who can publish every
    translated page; others bring the translations' sources up to date and submit each
    translation for review from the translation editor."""

    def can_publish_targets(self):
        user = self.request.user
        for translation in self.object.translations.filter(enabled=True):
            target = translation.get_target_instance()
            if isinstance(target, Page) and not target.permissions_for_user(user).can_publish():
                return False
        return True

    def get_form(self):
        form = super().get_form()
        if not self.can_publish_targets():
            form.fields.pop("publish_translations")
        return form

    def form_valid(self, form):
        form.cleaned_data.setdefault("publish_translations", False)
        return super().form_valid(form)


@hooks.register("register_admin_urls", order=-10)
def translation_guard_urls():
    """Registered before wagtail-localize's URLs, so these paths answer first; the URL names
    wagtail-localize reverses still point at the same addresses."""
    return [
        path(
            "localize/page/<int:page_id>/convert_to_alias/", convert_to_alias, name="kuulu_convert_to_alias"
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsView.as_view(),
            name="kuulu_update_translations",
        ),
    ]
