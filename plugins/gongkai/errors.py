"""What the library raises when it cannot do what it was asked (never for content problems).

Problems with the content are collected as ``Problems`` and reported line by line; these
exceptions are for the project and its environment: a missing config or folder, a wrong
setting, an unreachable deploy target. Each carries one Chinese message for the clerk;
the command line maps every ``GongkaiError`` to exit status 2.
"""

from __future__ import annotations


class GongkaiError(Exception):
    """The project or its environment cannot be used as asked: one clear line says why."""


class ProjectError(GongkaiError):
    """The config file, the content folder or the output folder cannot be used."""


class DeployError(GongkaiError):
    """The deploy target cannot be reached, logged into or written."""
