"""Publishers: one class per URL scheme of a deploy target (Lektor's publisher is the model).

A new kind of hosting is a new module here whose class is added to ``PUBLISHERS``.
"""

from __future__ import annotations

from ..errors import DeployError
from .base import Publisher, Report
from .file import FilePublisher
from .ftp import FTPPublisher
from .git import GitPublisher
from .s3 import S3Publisher
from .sftp import SFTPPublisher

PUBLISHERS: list[type[Publisher]] = [FilePublisher, SFTPPublisher, S3Publisher, FTPPublisher, GitPublisher]
SCHEMES = {scheme: publisher for publisher in PUBLISHERS for scheme in publisher.schemes}

__all__ = ["DeployError", "PUBLISHERS", "Publisher", "Report", "SCHEMES"]
