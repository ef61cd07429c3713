"""The one error family kg raises. The CLI prints ``Error: <message>`` and exits 1.

Messages say what failed, where, and how to fix it, on one line.
"""
from __future__ import annotations


class KgError(Exception):
    """Base class: anything kg reports to the user instead of a traceback."""


class InputError(KgError):
    """An input path or article cannot be read or understood."""


class OutputError(KgError):
    """An output path cannot be written, or its format is unknown."""


class WriteError(OutputError):
    """A file could not be written (a full disk, permissions). ``path`` and ``reason`` (the system's words) let
    a caller that wrote it under a temporary name say so under the name the user gave."""

    def __init__(self, message: str, path: str, reason: str) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason


class ConfigError(KgError):
    """A configuration file (aliases, ...) is malformed; the message names the line."""


class ModelError(KgError):
    """The spaCy pipeline cannot be loaded or lacks a needed component."""


class CacheError(KgError):
    """The extraction cache cannot be opened or is corrupt."""
