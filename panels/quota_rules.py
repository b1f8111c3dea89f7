"""Quota rules: a panel's quotas per feature value (minimum and maximum members), quotas in
proportion to the population, and the checks that need only the numbers or a group of members.
Whether the applicants can meet them is `panels.draws.check_feasibility`."""

from django.db import transaction

from panels import features as F
from panels.draw_runner import total_problems
from panels.models import Quota


def quotas_for(panel):
    """{feature: {value: [min, max]}} for the features that have quotas, in the panel's feature order."""
    rows = {}
    for quota in Quota.objects.filter(panel=panel):
        rows.setdefault(quota.feature, {})[quota.value] = [quota.minimum, quota.maximum]
    return {feature: rows[feature] for feature in F.panel_features(panel) if feature in rows}


def save_quotas(panel, quotas):
    """Replace the panel's quotas with {feature: {value: (min, max)}}."""
    with transaction.atomic():
        Quota.objects.filter(panel=panel).delete()
        Quota.objects.bulk_create(
            Quota(panel=panel, feature=feature, value=value, minimum=lo, maximum=hi)
            for feature, values in quotas.items()
            for value, (lo, hi) in values.items()
        )


def proportional_quotas(panel, profile, slack=1):
    """Quotas from the city's population shares: the proportional number of members ± `slack`.

    Values with no population figure (e.g. "prefer not to say") get no limit.
    """
    size = panel.target_size
    quotas = {}
    for feature in F.panel_features(panel):
        shares = profile.shares(feature)
        if not shares:
            continue
        quotas[feature] = {}
        for value, _label in F.feature_values(feature):
            if value in shares:
                ideal = round(shares[value] * size)
                quotas[feature][value] = (max(0, ideal - slack), min(size, ideal + slack))
            else:
                quotas[feature][value] = (0, size)
    return quotas


def quota_form_problems(quotas, wanted):
    """Problems visible from the numbers alone (no applicants needed)."""
    problems = []
    for feature, values in quotas.items():
        for value, (lo, hi) in values.items():
            if lo > hi:
                problems.append(
                    {
                        "kind": "min_above_max",
                        "feature": feature,
                        "value": value,
                        "minimum": lo,
                        "maximum": hi,
                    }
                )
            elif hi > wanted:
                problems.append(
                    {
                        "kind": "max_above_size",
                        "feature": feature,
                        "value": value,
                        "maximum": hi,
                        "wanted": wanted,
                    }
                )
        problems.extend(total_problems(feature, values, wanted))
    return problems


def quota_violations(quotas, members):
    """[(feature, value, count, min, max)] for quotas the group of applications breaks."""
    broken = []
    for feature, values in quotas.items():
        for value, (lo, hi) in values.items():
            count = sum(1 for m in members if m.feature_value(feature) == value)
            if not lo <= count <= hi:
                broken.append((feature, value, count, lo, hi))
    return broken
