from datetime import timedelta

from wagtail import hooks

from home.admin import register_staff_area
from newsletters import admin_views, digest, offers, sending, views
from newsletters.personal_data import SubscriptionData, delete_expired_subscriptions

hooks.register("kuulu_personal_data", SubscriptionData)
hooks.register("kuulu_page_panels", views.subscribe_box)
hooks.register("after_create_page", offers.after_create_page)


@hooks.register("kuulu_periodic_jobs")
def periodic_jobs():
    return {
        "newsletters.send_digests": digest.build_digest,
        "newsletters.delete_expired_subscriptions": delete_expired_subscriptions,
    }


@hooks.register("kuulu_resumable_tasks")
def resumable_tasks():
    # A batch claims each message before sending it, so a second run sends only the rest.
    return {sending.send_batch_task: timedelta(hours=1)}


register_staff_area(admin_views.area)
