"""One place to find, export and erase a person's data across every app.

Each app that stores personal data registers its provider class in `wagtail_hooks.py`:

    hooks.register("kuulu_personal_data", RegistrationData)

`manage.py personal_data export EMAIL` and `manage.py personal_data erase EMAIL` then cover
every registered store. A provider describes what it keeps and for how long, so the privacy
notice can be checked against the code.
"""

from wagtail import hooks

HOOK = "kuulu_personal_data"


class PersonalDataProvider:
    #: Short name shown in exports, e.g. "event sign-ups".
    name = ""

    def export(self, email):
        """Return a list of JSON-serialisable dicts describing what is stored for `email`."""
        raise NotImplementedError

    def erase(self, email):
        """Delete or anonymise everything stored for `email`; return how many records changed."""
        raise NotImplementedError


def providers():
    """A `PersonalDataProvider` from every `kuulu_personal_data` hook, in hook order."""
    return [make_provider() for make_provider in hooks.get_hooks(HOOK)]


def normalise_email(email):
    return (email or "").strip().lower()
