from .content import *  # noqa: F403
from .people import *  # noqa: F403
