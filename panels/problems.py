"""Why quotas or a draw fail, in words staff can act on: one translated sentence per problem
("Age group “15–24 years”: lower the minimum from 4 to 2"). Problems are the dicts made by
`panels.quota_rules`, `panels.draws` and `panels.draw_runner`."""

from django.utils.translation import gettext as _

from panels import features as F


def describe_problem(problem):
    """One translated sentence for a problem dict produced by draw_runner or check_feasibility."""
    kind = problem.get("kind")
    feature = str(F.feature_label(problem.get("feature", "")))
    value = (
        str(F.value_label(problem.get("feature", ""), problem.get("value", ""))) if "value" in problem else ""
    )
    params = {**problem, "feature": feature, "value": value}
    messages = {
        "minimums_too_high": _(
            "%(feature)s: the minimums add up to %(total)s, more than the %(wanted)s members to select. "
            "Lower some minimums."
        ),
        "maximums_too_low": _(
            "%(feature)s: the maximums add up to %(total)s, fewer than the %(wanted)s members to select. "
            "Raise some maximums."
        ),
        "too_few_applicants": _(
            "%(feature)s “%(value)s”: the minimum is %(minimum)s but only %(count)s applicants have this value."
        ),
        "lower_minimum": _(
            "%(feature)s “%(value)s”: the quotas cannot all be met with these applicants. "
            "Lower the minimum from %(old)s to %(new)s."
        ),
        "raise_maximum": _(
            "%(feature)s “%(value)s”: the quotas cannot all be met with these applicants. "
            "Raise the maximum from %(old)s to %(new)s."
        ),
        "min_above_max": _(
            "%(feature)s “%(value)s”: the minimum (%(minimum)s) is above the maximum (%(maximum)s)."
        ),
        "max_above_size": _(
            "%(feature)s “%(value)s”: the maximum (%(maximum)s) is more than the %(wanted)s members to select."
        ),
    }
    return messages.get(kind, _("Unknown problem: %(kind)s")) % params


def describe_failure(failure):
    """A list of translated sentences explaining why a draw (or the check) failed."""
    code = failure.get("code")
    if code == "quotas":
        return [describe_problem(p) for p in failure.get("problems", [])]
    if code == "pool_too_small":
        return [
            _("There are %(applicants)s applicants but %(wanted)s members to select.")
            % {"applicants": failure["applicants"], "wanted": failure["wanted"]}
        ]
    if code == "solver_missing":
        return [
            _(
                "The solver “%(backend)s” is not installed (Python package %(module)s). "
                "Install the project's dependencies again or choose another solver in the settings."
            )
            % failure
        ]
    if code == "gurobi_missing":
        return [_("Leximin needs the Gurobi solver, which is not installed here. Choose maximin.")]
    if code == "infeasible":
        return [
            _(
                "No panel meets these quotas, and no small change to them would help. Review the quotas as a whole."
            )
        ]
    if code == "timeout":
        return [_("The draw took longer than %(minutes)s minutes and was stopped.") % failure]
    if code == "selection_error":
        return [_("The selection library could not select a panel: %(message)s") % failure]
    return [_("The draw stopped unexpectedly. The technical log has the details.")]
