"""Translations follow their source: wagtail-localize's sync, run whenever a source is published.

wagtail-localize keeps, for every page or snippet translated from another language, a
`TranslationSource` (the source's content) and one `Translation` per target language. Its
*Sync translated pages* action re-reads the source and saves every translation again: the
synchronised fields (times, status, venue, areas, themes, slugs, dates, numbers…) are copied from
the source, and the translatable texts come from the translation memory, falling back to the
source text for a text nobody has translated yet. Kuulu runs that same sync by itself:

- a **page** in the language it was translated from: when it is published (Wagtail's
  `page_published` signal: the editor's *Publish*, a workflow's approval, scheduled publishing).
  Each translation is saved as a new revision and published again if it was live; a translation
  that was never published, or that waits in a workflow, keeps the update as a draft;
- a **snippet** (areas, themes, venues, formats, series, people, polls…) in the language it was
  translated from: when it is saved, once the transaction commits (snippets have no drafts, so
  their translations are saved at once);
- unpublishing a source page unpublishes its live translations (`page_unpublished`).

Translations a translator turned into a page of their own (wagtail-localize's *Stop sync*,
`Translation.enabled` false) are left alone.

Why sync and not read-through to the source: every listing, filter, feed and API query of a
language runs in the database on that language's own rows (`start`, `status`, area links…), so
those rows must hold the source's values; a read-through would have to be repeated in every
query. The sync is wagtail-localize's own code path, the one translators already use.

Texts are not machine-filled: a changed Finnish text reaches the translations as Finnish until a
translator translates it. `translations_behind(obj)` names those translations, and the editor of
the source page or snippet says which ones they are (`before_edit_page`/`before_edit_snippet`).

Deleting a translatable snippet (`before_delete_snippet`, also run by the listing's bulk
delete; post_delete): refused while any language's version of it is in use (Wagtail's reference
index, the *Usage* the admin shows); deleting the original version (the default-language one,
`original_version`) otherwise deletes every language's version, so no Swedish or English listing
keeps offering what the Finnish one no longer has. Deleting only a translation is refused with a
message naming the original: a language without its version would reject a filter value
(`?theme=`) the others accept.
"""

import functools
import logging

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.shortcuts import redirect
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Locale, Page, ReferenceIndex, TranslatableMixin
from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger(__name__)


def translation_source(obj):
    """The wagtail-localize `TranslationSource` whose source is `obj` (a page or snippet in the
    language it was translated from), or None when `obj` is not a source (never translated, or
    itself a translation). One query."""
    from wagtail_localize.models import TranslationSource

    model = obj.specific_class if isinstance(obj, Page) else type(obj)
    return TranslationSource.objects.filter(
        object_id=obj.translation_key,
        specific_content_type=ContentType.objects.get_for_model(model),
        locale_id=obj.locale_id,
    ).first()


def sync_translations(source, user=None):
    """Bring every enabled translation of `source` (a `TranslationSource`) up to date with the
    source object as it is in the database now.

    Pages: each translation gets a new revision, published when the translation was live and
    waits in no workflow (without checking `user`'s permission to publish it: `user` is the
    author of the source revision, and the source's publication was already allowed). Snippets: each translation is saved. Returns {language code: "published"
    | "draft" | "saved" | "invalid"}; "invalid" when the updated translation fails the model's
    validation (logged; the translation stays as it was and shows as behind in the editor).
    """
    from wagtail_localize.models import Translation

    source.update_from_db()
    results = {}
    translations = Translation.objects.filter(source=source, enabled=True).select_related("target_locale")
    for translation in translations:
        code = translation.target_locale.language_code
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            continue  # the translation was never created, or has been deleted
        _follow_references(source, target, translation.target_locale, user)
        is_page = isinstance(target, Page)
        republish = is_page and target.live and not target.workflow_in_progress
        try:
            with transaction.atomic():
                source.create_or_update_translation(
                    translation.target_locale, user=user, publish=not is_page, fallback=True
                )
                if is_page:
                    updated = Page.objects.get(pk=target.pk).specific
                    if republish:
                        # The source's publication was allowed (a publisher, or a workflow's
                        # approval): republishing its live translations follows from it, so
                        # `user`'s own permission is not asked again. `user` is the author of
                        # the source revision, often an editor who may not publish.
                        updated.get_latest_revision().publish(user=user, skip_permission_checks=True)
        except ValidationError:
            logger.warning("Translation %s of %s could not be synchronised", code, source, exc_info=True)
            results[code] = "invalid"
            continue
        results[code] = ("published" if republish else "draft") if is_page else "saved"
    return results


def _follow_references(source, target, locale, user):
    """Make the references of `target` follow the source's before the sync.

    wagtail-localize points a translation at the `locale` version of each snippet the source
    refers to (a venue, a format, a contact person, the areas of a child row) and, when that
    snippet has no such version, keeps what the translation had: a Swedish event would keep its
    old venue. So the missing versions are made first, wagtail-localize's way (as *Translate
    this page* does for related objects: the texts are the source's until translated). A
    reference the source has emptied is emptied in the translation too (wagtail-localize keeps
    the old one).
    """
    from wagtail_localize.fields import TranslatableField, get_translatable_fields
    from wagtail_localize.operations import TranslationCreator

    creator = TranslationCreator(user, [locale])
    for segment in source.relatedobjectsegment_set.select_related("object"):
        if not segment.object.has_translation(locale):
            related = segment.object.get_instance(source.locale)
            creator.create_translations(related, include_related_objects=False)
    instance = source.get_source_instance()
    emptied = {}
    for field in get_translatable_fields(type(instance)):
        model_field = field.get_field(type(instance))
        if (
            isinstance(field, TranslatableField)
            and getattr(model_field, "many_to_one", False)
            and not getattr(model_field, "one_to_many", False)
            and getattr(instance, model_field.attname, 0) is None
            and getattr(target, model_field.attname, None) is not None
        ):
            emptied[model_field.attname] = None
    if emptied:
        type(target).objects.filter(pk=target.pk).update(**emptied)


def _on_page_published(sender, instance, revision=None, alias=False, **kwargs):
    if alias:
        return  # Wagtail updates aliases itself
    source = translation_source(instance)
    if source is not None:
        sync_translations(source, user=getattr(revision, "user", None))


def _on_page_unpublished(sender, instance, **kwargs):
    """A source page taken offline takes its translations with it: none stays public alone."""
    source = translation_source(instance)
    if source is None:
        return
    for target in Page.objects.filter(translation_key=instance.translation_key, live=True).exclude(
        pk=instance.pk
    ):
        target.specific.unpublish()


def _on_snippet_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or created or type(instance) not in translatable_snippet_models():
        return
    if translation_source(instance) is None:
        return

    def run():
        obj = type(instance).objects.filter(pk=instance.pk).first()
        source = obj and translation_source(obj)
        if source is not None:
            sync_translations(source)

    # After the commit: a snippet with child rows (a person's areas) saves them after itself.
    transaction.on_commit(run)


@functools.cache
def translatable_snippet_models():
    """The registered snippet models that wagtail-localize translates."""
    from wagtail.snippets.models import get_snippet_models

    return {model for model in get_snippet_models() if issubclass(model, TranslatableMixin)}


def translations_behind(obj):
    """The translations of `obj` (a source page or snippet) that lack a translation of some of its
    current texts: [(target instance, translated text count, text count)], in language order.
    Empty when `obj` is not a source or every translation is complete."""
    from wagtail_localize.models import Translation

    source = translation_source(obj)
    if source is None:
        return []
    behind = []
    translations = Translation.objects.filter(source=source, enabled=True).select_related("target_locale")
    for translation in sorted(translations, key=lambda t: t.target_locale.language_code):
        total, done = translation.get_progress()
        if done < total:
            target = obj.get_translation_or_none(translation.target_locale)
            if target is not None:
                behind.append((target, done, total))
    return behind


def _warn_translations_behind(request, obj):
    behind = translations_behind(obj)
    if not behind:
        return
    finder = AdminURLFinder(request.user)
    items = format_html_join(
        ", ",
        '<a href="{}">{}</a> ({})',
        (
            (
                finder.get_edit_url(target) or "#",
                target.locale.get_display_name(),
                _("%(done)s of %(total)s texts translated") % {"done": done, "total": total},
            )
            for target, done, total in behind
        ),
    )
    messages.warning(
        request,
        format_html(
            "{} {}",
            _(
                "These translations are behind the text of this version; until they are translated they show its text:"
            ),
            items,
        ),
    )


def _on_edit_page(request, page):
    if request.method == "GET":
        _warn_translations_behind(request, page)


def _on_edit_snippet(request, instance):
    if request.method == "GET" and isinstance(instance, TranslatableMixin):
        _warn_translations_behind(request, instance)


def language_versions(obj):
    """Every language's version of the translatable `obj`, itself included."""
    return list(type(obj).objects.filter(translation_key=obj.translation_key))


def is_in_use(obj):
    """Whether any language's version of `obj` is referenced (Wagtail's reference index)."""
    return any(ReferenceIndex.get_references_to(version).exists() for version in language_versions(obj))


def original_version(obj):
    """The language version of the translatable `obj` that deleting deletes every language's
    version: the one in the default language (`LANGUAGE_CODE`, Finnish), else the one the
    others were translated from (a wagtail-localize source), else `obj` itself."""
    versions = language_versions(obj)
    default = Locale.get_default().pk
    for version in versions:
        if version.locale_id == default:
            return version
    for version in versions:
        if translation_source(version) is not None:
            return version
    return obj


def _before_delete_snippet(request, instances):
    """Refuse the deletion (a message and back to the snippet's editor) while any language's
    version of a snippet is in use, or when the snippet is a translation whose original still
    exists: deleting the original deletes every language's version at once, so no language
    loses a theme, area or venue that the others keep."""
    finder = AdminURLFinder(request.user)
    for obj in instances:
        if not isinstance(obj, TranslatableMixin):
            continue
        if is_in_use(obj):
            messages.error(
                request,
                _(
                    "“%(object)s” is in use in at least one language, so it cannot be deleted. "
                    "Remove it from the pages and snippets that use it first (see its usage in each language)."
                )
                % {"object": obj},
            )
            return redirect(finder.get_edit_url(obj) or "wagtailadmin_home")
        original = original_version(obj)
        if original.pk != obj.pk:
            messages.error(
                request,
                _(
                    "“%(object)s” is the %(language)s translation of “%(original)s” (%(original_language)s). "
                    "Delete “%(original)s” instead: that deletes it in every language."
                )
                % {
                    "object": obj,
                    "language": obj.locale.get_display_name(),
                    "original": original,
                    "original_language": original.locale.get_display_name(),
                },
            )
            return redirect(finder.get_edit_url(original) or "wagtailadmin_home")
    return None


def _on_snippet_deleted(sender, instance, **kwargs):
    """Deleting the original version of a translatable snippet (see `original_version`) deletes
    its other language versions; deleting a translation (possible outside the admin) does not."""
    if type(instance) not in translatable_snippet_models():
        return
    others = list(type(instance).objects.filter(translation_key=instance.translation_key))
    if not others:
        return
    default = Locale.get_default().pk
    was_original = instance.locale_id == default or (
        all(version.locale_id != default for version in others) and translation_source(instance) is not None
    )
    if was_original:
        for version in others:
            version.delete()


def connect():
    """Connect the signals and register the admin hooks (from `HomeConfig.ready`)."""
    page_published.connect(_on_page_published, dispatch_uid="kuulu_sync_translations_on_publish")
    page_unpublished.connect(_on_page_unpublished, dispatch_uid="kuulu_unpublish_translations")
    post_save.connect(_on_snippet_saved, dispatch_uid="kuulu_sync_snippet_translations")
    post_delete.connect(_on_snippet_deleted, dispatch_uid="kuulu_delete_snippet_translations")
    hooks.register("before_edit_page", _on_edit_page)
    hooks.register("before_edit_snippet", _on_edit_snippet)
    hooks.register("before_delete_snippet", _before_delete_snippet)
