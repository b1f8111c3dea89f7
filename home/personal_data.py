"""One place to find, export and erase a person's data across every app.

Each app that stores personal data registers a provider in its AppConfig.ready():

    personal_data.register(RegistrationPersonalData())

`manage.py personal_data export EMAIL` and `manage.py personal_data erase EMAIL` then cover
every registered store. A provider describes what it keeps and for how long, so the privacy
notice can be checked against the code.
"""

_providers = []


class PersonalDataProvider:
    #: Short name shown in exports, e.g. "event sign-ups".
    name = ""

    def export(self, email):
        """Return a list of JSON-serialisable dicts describing what is stored for `email`."""
        raise NotImplementedError

    def erase(self, email):
        """Delete or anonymise everything stored for `email`; return how many records changed."""
        raise NotImplementedError


def register(provider):
    if all(type(p) is not type(provider) for p in _providers):
        _providers.append(provider)


def providers():
    return list(_providers)


def normalise_email(email):
    return (email or "").strip().lower()
