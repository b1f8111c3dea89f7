from wagtail import hooks

from home.retention import TaskResultData, prune_stored_data

hooks.register("kuulu_personal_data", TaskResultData)


@hooks.register("kuulu_periodic_jobs")
def periodic_jobs():
    return {"home.prune_stored_data": prune_stored_data}
