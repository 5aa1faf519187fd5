"""publish.py's commands, one module each (see cli.py for what a command module holds)."""

from ..errors import GongkaiError


class UsageError(GongkaiError):
    """The command line asks for something that cannot be done: a missing file, a wrong value."""
