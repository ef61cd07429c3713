"""INPUT arguments (files, folders, globs, "-") to a sorted list of article files."""
from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from pathlib import Path, PurePath

from kg.errors import InputError

STDIN = "-"
STDIN_NAME = "<stdin>"
ARTICLE_EXTENSIONS: tuple[str, ...] = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")
_EXTENSIONS_TEXT = ", ".join(ARTICLE_EXTENSIONS)


def display_name(path: str) -> str:
    """The stable name of a file, as the user would write it: relative to the cwd (posix), also above it
    ("../shared/a.txt") when it was given that way; absolute only when given absolute and outside the cwd.

    Outputs then never carry the machine's folder layout unless the user typed it.
    """
    absolute = os.path.abspath(path)  # normalises "./a" and "x/../a" without resolving symlinks
    try:
        relative = os.path.relpath(absolute, os.getcwd())
    except ValueError:  # another drive (Windows)
        return Path(absolute).as_posix()
    if os.path.isabs(path) and (relative == os.pardir or relative.startswith(os.pardir + os.sep)):
        return Path(absolute).as_posix()
    return PurePath(relative).as_posix()


def _add(names: dict[str, str], path: str) -> None:
    """One name per file however often and however it is given: the relative spelling wins, then the shortest."""
    name = display_name(path)
    key = os.path.abspath(path)
    if key not in names or (os.path.isabs(names[key]), len(names[key]), names[key]) > (os.path.isabs(name), len(name), name):
        names[key] = name


def is_article_file(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in ARTICLE_EXTENSIONS


def _walk(folder: str) -> list[str]:
    """Article files under *folder*, skipping hidden names, following symlinks but never a loop.

    A sub-folder that cannot be listed is returned as is, so that reading it reports a Skip.
    """
    found: list[str] = []
    visited: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            info = os.stat(current)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in visited:
            continue
        visited.add((info.st_dev, info.st_ino))
        try:
            with os.scandir(current) as entries:
                children = sorted(entries, key=lambda entry: entry.name)
        except OSError:
            if current == folder:
                raise InputError(f"cannot list folder '{folder}' (permission denied or I/O error); make it readable") from None
            found.append(current)
            continue
        for entry in children:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()  # follows symlinks; loops are cut by `visited`
            except OSError:
                is_dir = False
            if is_dir:
                stack.append(entry.path)
            elif is_article_file(entry.name):
                found.append(entry.path)
    return found


def _expand_folder(folder: str) -> list[str]:
    files = _walk(folder)
    if not files:
        raise InputError(
            f"no article files ({_EXTENSIONS_TEXT}) in folder '{folder}'; point kg at a folder of articles or name the files"
        )
    return files


def _expand_glob(pattern: str) -> list[str]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        raise InputError(f"no file matches '{pattern}'; check the pattern (and quote it so the shell passes it to kg)")
    suffix = PurePath(pattern).suffix
    wants_suffix = bool(suffix) and not glob.has_magic(suffix)  # "notes/*.log" asks for .log files
    files: list[str] = []
    for match in matches:
        if os.path.isdir(match):
            files.extend(_walk(match))
        elif wants_suffix or is_article_file(match):
            files.append(match)
    if not files:
        raise InputError(f"no article files ({_EXTENSIONS_TEXT}) match '{pattern}'; check the pattern")
    return files


def discover(inputs: Sequence[str]) -> list[str]:
    """Expand INPUT arguments to a sorted, de-duplicated list of article files (and "-").

    Files: any extension when named explicitly (an unknown one is read as text); folders: walked
    recursively for article extensions, hidden names skipped; globs: expanded like folders (an
    explicit extension in the pattern keeps its matches); "-": standard input.
    Raises InputError for a missing path, a glob that matches nothing, or a folder without articles.
    """
    if isinstance(inputs, str):
        inputs = [inputs]
    if not inputs:
        raise InputError("no input given; name article files, folders, glob patterns, or - for standard input")
    names: dict[str, str] = {}  # absolute path -> name
    for argument in inputs:
        if argument == STDIN:
            names[STDIN] = STDIN
        elif os.path.isdir(argument):
            for path in _expand_folder(argument):
                _add(names, path)
        elif os.path.exists(argument):
            _add(names, argument)
        elif glob.has_magic(argument):
            for path in _expand_glob(argument):
                _add(names, path)
        elif os.path.islink(argument):
            raise InputError(f"input '{argument}' is a broken symbolic link; fix the link or leave it out")
        else:
            raise InputError(f"input not found: '{argument}'; check the path (or - to read standard input)")
    return sorted(names.values())
