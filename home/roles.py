"""The editorial set-up every Kuulu site starts with: three groups and a review workflow.

Wagtail's own migrations create *Editors* and *Moderators*; this module gives them the
permissions Kuulu needs, adds *Translators*, and puts a "Review before publishing" workflow on
the whole page tree. It runs after every `migrate`, so new snippet models get their
permissions without anyone remembering to add them. Existing grants are never removed.

The names are stored in the site's default language (`LANGUAGE_CODE`, Finnish: *Toimittajat*,
*Moderaattorit*, *Kääntäjät*, *Tarkastus ennen julkaisua*), translated from the English msgids
below through the `home` catalogue. A group, workflow or task still under its English name (a
site migrated before the names were translated) is renamed in place, keeping its members and
permissions. Code finds a group with `group("editors")`, never by its name.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

# Apps whose models editors work with in the admin.
CONTENT_APPS = {"home", "taxonomy", "participation_pages", "directory", "registrations", "feedback", "panels"}
# Models holding residents' personal data (names, e-mail addresses, phone numbers): idea
# submitters, sign-ups, panel applications and members, directory proposers. Only Moderators get
# their permissions (least privilege, GDPR art. 5(1)(f) and 32); Editors and Translators do not,
# and grants they got from an earlier version are withdrawn on every migrate.
PERSONAL_DATA_MODELS = {
    ("feedback", "idea"),
    ("registrations", "registration"),
    ("panels", "application"),
    ("panels", "drawentry"),
    ("directory", "organisationproposal"),
}

# Models only superusers manage: who belongs to which unit decides whose contact details a
# moderator sees (home.units).
SUPERUSER_MODELS = {("home", "unit")}

MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
SUBMIT_TRANSLATION = ("wagtail_localize", "submit_translation")
# Sending newsletters reaches every subscriber and shows their counts: the communications staff
# who publish (Moderators) do it; the newsletters app's own models stay outside CONTENT_APPS, so
# Editors get nothing of it and nobody gets the subscribers' rows through the snippet views.
SEND_NEWSLETTERS = ("newsletters", "manage_newsletters")

WORKFLOW_NAME = gettext_noop("Review before publishing")
TASK_NAME = gettext_noop("Moderator approval")
WAGTAIL_DEFAULT_TASK = "Moderators approval"  # made by wagtailcore's migrations, not translated

ROLES = {
    "editors": gettext_noop("Editors"),
    "moderators": gettext_noop("Moderators"),
    "translators": gettext_noop("Translators"),
}

PAGE_PERMISSIONS = {
    "editors": ["add_page", "change_page", "lock_page"],
    "moderators": ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
    "translators": ["add_page", "change_page"],
}


def stored_name(msgid):
    """`msgid` (one of this module's English names) in the site's default language, as stored."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(msgid)


def group(role):
    """The `Group` of a role: "editors", "moderators" or "translators" (KeyError otherwise;
    `Group.DoesNotExist` before `migrate` has run)."""
    return Group.objects.get(name=stored_name(ROLES[role]))


def _named(model, msgid):
    """The row of `model` named `msgid` in the default language; one still under the English
    `msgid` is renamed; None when neither exists."""
    name = stored_name(msgid)
    row = model.objects.filter(name=name).first()
    if row is None and name != msgid:
        row = model.objects.filter(name=msgid).first()
        if row is not None:
            row.name = name
            row.save(update_fields=["name"])
    return row


def _group(role):
    return _named(Group, ROLES[role]) or Group.objects.create(name=stored_name(ROLES[role]))


def _perms(pairs):
    query = Q(pk__in=[])
    for app_label, codename in pairs:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(query)


def _content_model_perms(actions, personal_data=True):
    """Permissions on Kuulu's own non-page models (snippets, settings, submissions…); without
    those on `PERSONAL_DATA_MODELS` when `personal_data` is false."""
    from wagtail.models import Page

    query = Q(pk__in=[])
    for model in apps.get_models():
        meta = model._meta
        if (
            meta.app_label not in CONTENT_APPS
            or issubclass(model, Page)
            or (meta.app_label, meta.model_name) in SUPERUSER_MODELS
        ):
            continue
        if not personal_data and (meta.app_label, meta.model_name) in PERSONAL_DATA_MODELS:
            continue
        for action in actions:
            query |= Q(content_type__app_label=meta.app_label, codename=f"{action}_{meta.model_name}")
    return Permission.objects.filter(query)


def _custom_model_perms():
    """Permissions apps declare in Meta.permissions (run a panel draw, see sign-up contacts…)."""
    actions = ("add", "change", "delete", "view", "publish", "lock", "unlock")
    custom = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS).select_related(
        "content_type"
    )
    return [
        perm
        for perm in custom
        if perm.codename not in {f"{action}_{perm.content_type.model}" for action in actions}
    ]


def ensure_roles():
    from wagtail.models import (
        GroupApprovalTask,
        GroupPagePermission,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    editors = _group("editors")
    moderators = _group("moderators")
    translators = _group("translators")

    base = _perms([ADMIN_ACCESS, *MEDIA_PERMISSIONS])
    editors.permissions.add(
        *base, *_content_model_perms(["add", "change", "delete", "view"], personal_data=False)
    )
    moderators.permissions.add(
        *base,
        *_content_model_perms(["add", "change", "delete", "view", "publish", "lock", "unlock"]),
        *_custom_model_perms(),
    )
    translators.permissions.add(
        *_perms(
            [
                ADMIN_ACCESS,
                SUBMIT_TRANSLATION,
                ("wagtailimages", "choose_image"),
                ("wagtaildocs", "choose_document"),
            ]
        ),
        *_content_model_perms(["change", "view"], personal_data=False),
    )
    personal = Q(pk__in=[])
    for app_label, model_name in PERSONAL_DATA_MODELS:
        personal |= Q(content_type__app_label=app_label, content_type__model=model_name)
    for group in (editors, translators):
        group.permissions.remove(*Permission.objects.filter(personal))
    editors.permissions.add(*_perms([SUBMIT_TRANSLATION]))
    moderators.permissions.add(*_perms([SUBMIT_TRANSLATION, SEND_NEWSLETTERS]))

    root = Page.get_first_root_node()
    if root is None:
        return
    for role_group, codenames in (
        (editors, PAGE_PERMISSIONS["editors"]),
        (moderators, PAGE_PERMISSIONS["moderators"]),
        (translators, PAGE_PERMISSIONS["translators"]),
    ):
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(group=role_group, page=root, permission=permission)

    _named(GroupApprovalTask, TASK_NAME)
    workflow = _named(Workflow, WORKFLOW_NAME)
    if workflow is None:
        task = _named(GroupApprovalTask, TASK_NAME) or GroupApprovalTask.objects.create(
            name=stored_name(TASK_NAME)
        )
        task.groups.add(moderators)
        workflow = Workflow.objects.create(name=stored_name(WORKFLOW_NAME))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        # Replace the generic workflow Wagtail's migrations put on the root, once.
        current = WorkflowPage.objects.filter(page=root).first()
        if current is None:
            WorkflowPage.objects.create(workflow=workflow, page=root)
        else:
            replaced = current.workflow
            current.workflow = workflow
            current.save()
            if not replaced.workflow_pages.exists() and not replaced.workflow_content_types.exists():
                replaced.active = False
                replaced.save()
    # Wagtail's migrations also leave their English "Moderators approval" task; once no active
    # workflow uses it, it is retired so the admin's task list and chooser offer only Kuulu's.
    GroupApprovalTask.objects.filter(name=WAGTAIL_DEFAULT_TASK, active=True).exclude(
        workflow_tasks__workflow__active=True
    ).update(active=False)


def post_migrate_handler(sender, **kwargs):
    # post_migrate is sent once per app; act after the last one, when every permission exists.
    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label == last.label:
        ensure_roles()
