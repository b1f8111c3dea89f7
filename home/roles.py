"""The editorial set-up every Kuulu site starts with: three groups and a review workflow.

Wagtail's own migrations create *Editors* and *Moderators*; this module gives them the
permissions Kuulu needs, adds *Translators*, and puts a "Review before publishing" workflow on
the whole page tree. It runs after every `migrate`, so new snippet models get their
permissions without anyone remembering to add them. Existing grants are never removed.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext_noop

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

WORKFLOW_NAME = gettext_noop("Review before publishing")
TASK_NAME = gettext_noop("Moderator approval")

PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page", "lock_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
    "Translators": ["add_page", "change_page"],
}


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
        if meta.app_label not in CONTENT_APPS or issubclass(model, Page):
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

    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    translators, _ = Group.objects.get_or_create(name="Translators")

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
    moderators.permissions.add(*_perms([SUBMIT_TRANSLATION]))

    root = Page.get_first_root_node()
    if root is None:
        return
    for group, codenames in (
        (editors, PAGE_PERMISSIONS["Editors"]),
        (moderators, PAGE_PERMISSIONS["Moderators"]),
        (translators, PAGE_PERMISSIONS["Translators"]),
    ):
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
        task.groups.add(moderators)
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
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


def post_migrate_handler(sender, **kwargs):
    # post_migrate is sent once per app; act after the last one, when every permission exists.
    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label == last.label:
        ensure_roles()
