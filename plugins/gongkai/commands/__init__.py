"""One module per publish.py command; each has ``add_arguments(parser)`` and ``run(args) -> int``."""
