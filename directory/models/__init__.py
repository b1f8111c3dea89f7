"""The directory app's models, one module per area (re-exported here for `directory.models.X`)."""

from directory.models.content import *  # noqa: F403, E402
from directory.models.imports import OrganisationImport  # noqa: F401
from directory.models.organisations import (  # noqa: F401
    DirectoryPage,
    OrganisationArea,
    OrganisationContact,
    OrganisationPage,
    OrganisationPageTag,
    OrganisationProposal,
    OrganisationSocialLink,
    normalise_register_number,
)
from directory.models.people import Person, PersonArea  # noqa: F401
from directory.models.reference import (  # noqa: F401
    ActivityLanguage,
    FieldOfActivity,
    Municipality,
    Region,
    TargetGroup,
    WellbeingServicesCounty,
)
