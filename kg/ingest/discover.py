"""INPUT arguments (files, folders, globs, "-") to the files to read, walked once.

A bad item inside a folder or a glob (a broken symbolic link, a link loop, a sub-folder that cannot be
listed) is a :class:`Skip`, never a failure of the run; only an INPUT named on the command line that
does not exist fails. One file reached several ways (a symlink, a linked folder, a hard link, two
spellings) is read once. The run's own outputs and cache, when they sit inside an input folder, are
left out of the walk (see :func:`discover`'s ``exclude``).
"""
from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath

from kg.display import printable, quote
from kg.errors import InputError
from kg.ingest.items import InputFile, Inputs, Skip
from kg.marks import looks_like_cache, own_file_kind

STDIN = "-"
STDIN_NAME = "<stdin>"
ARTICLE_EXTENSIONS: tuple[str, ...] = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")
_EXTENSIONS_TEXT = ", ".join(ARTICLE_EXTENSIONS)
_SNIFF = 1 << 16

Identity = tuple[int, int]  # (st_dev, st_ino)


def display_name(path: str) -> str:
    """The stable name of a file, as the user would write it: relative to the cwd (posix), also above it
    ("../shared/a.txt") when it was given that way; absolute only when given absolute and outside the cwd.
    Characters that are not printable (a newline, undecodable bytes) are escaped.

    Outputs then never carry the machine's folder layout unless the user typed it.
    """
    absolute = os.path.abspath(path)  # normalises "./a" and "x/../a" without resolving symlinks
    try:
        relative = os.path.relpath(absolute, os.getcwd())
    except ValueError:  # another drive (Windows)
        return printable(Path(absolute).as_posix())
    if os.path.isabs(path) and (relative == os.pardir or relative.startswith(os.pardir + os.sep)):
        return printable(Path(absolute).as_posix())
    return printable(PurePath(relative).as_posix())


def is_article_file(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in ARTICLE_EXTENSIONS


def _link_problem(path: str, name: str, exc: OSError) -> Skip:
    if exc.errno == errno.ELOOP:
        return Skip(name, "symbolic link loop (it points back to itself); fix or remove the link", "link-loop")
    if exc.errno == errno.ENOENT:
        target = printable(os.readlink(path)) if os.path.islink(path) else "?"
        return Skip(name, f"broken symbolic link (to '{target}', which does not exist); fix or remove the link", "broken-link")
    return Skip(name, f"cannot be read ({exc.strerror or exc}); check it or leave it out", "unreadable")


class _Walk:
    """The state of one discover() call: files by identity, their best names, the skips met."""

    def __init__(self, exclude: Iterable[str | os.PathLike[str]]) -> None:
        self.files: dict[Identity, tuple[tuple[bool, bool, int, str], InputFile]] = {}
        self.skips: list[Skip] = []
        # A bad link or folder reached through a linked folder too is named once (by lstat identity).
        self.bad: dict[Identity, tuple[tuple[bool, bool, int, str], Skip]] = {}
        self.stdin = False
        self.exclude = _own_files(exclude)

    def add(self, path: str, info: os.stat_result, explicit: bool) -> None:
        identity = (info.st_dev, info.st_ino)
        own = self.exclude.get(identity)
        name = display_name(path)
        if own:
            # This run's output or cache: never an article. Met in a folder it is left out quietly; named
            # (a shell glob, `kg build news/* -o news/graph.html`, run twice) it is a named skip.
            if explicit:
                self.skips.append(Skip(name, f"{own}, not an article: kg never reads its own files", "kg-output"))
            return
        # One name per file however it is reached: relative, not through a symlink, shortest, then by name.
        rank = (os.path.isabs(name), os.path.realpath(path) != os.path.abspath(path), len(name), name)
        held = self.files.get(identity)
        if held is None or rank < held[0]:
            self.files[identity] = (rank, InputFile(path, name, explicit or (held is not None and held[1].explicit)))
        elif explicit and not held[1].explicit:
            self.files[identity] = (held[0], InputFile(held[1].path, held[1].name, True))

    def skip(self, path: str, skip: Skip) -> None:
        """A bad item met in a walk, named once however it is reached, under the name through no link."""
        try:
            info = os.lstat(path)  # the link itself: a broken link has no target to identify it by
        except OSError:
            self.skips.append(skip)
            return
        identity = (info.st_dev, info.st_ino)
        parent = os.path.dirname(os.path.abspath(path))
        rank = (os.path.isabs(skip.item), os.path.realpath(parent) != parent, len(skip.item), skip.item)
        held = self.bad.get(identity)
        if held is None or rank < held[0]:
            self.bad[identity] = (rank, skip)

    def folder(self, folder: str) -> int:
        """Article files under *folder*, skipping hidden names, following symlinks but never a loop."""
        found = 0
        visited: set[Identity] = set()
        stack = [folder]
        while stack:
            current = stack.pop()
            try:
                info = os.stat(current)
            except OSError as exc:
                self.skip(current, _link_problem(current, display_name(current), exc))
                continue
            if (info.st_dev, info.st_ino) in visited:
                continue  # a link back up the tree: its files are read once, where they are
            visited.add((info.st_dev, info.st_ino))
            try:
                with os.scandir(current) as entries:
                    children = sorted(entries, key=lambda entry: entry.name)
            except OSError as exc:
                if current == folder:
                    raise InputError(f"cannot list folder {quote(folder)} ({exc.strerror or 'I/O error'}); make it readable") from None
                self.skip(current, Skip(display_name(current), f"cannot list this folder ({exc.strerror or 'I/O error'}); "
                                        f"make it readable (chmod +rx) or leave it out", "unlistable"))
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
                    found += self.found(entry.path)
        return found

    def found(self, path: str) -> int:
        """A file met in a folder or a glob: added, or a Skip when it cannot even be looked at."""
        try:
            info = os.stat(path)
        except OSError as exc:
            self.skip(path, _link_problem(path, display_name(path), exc))
            return 1
        self.add(path, info, explicit=False)
        return 1

    def glob(self, pattern: str) -> None:
        matches = sorted(glob.glob(pattern, recursive=True))
        if not matches:
            raise InputError(f"no file matches {quote(pattern)}; check the pattern (and quote it so the shell passes it to kg)")
        suffix = PurePath(pattern).suffix
        wants_suffix = bool(suffix) and not glob.has_magic(suffix)  # "notes/*.log" asks for .log files
        count = 0
        for match in matches:
            if os.path.isdir(match):
                count += self.folder(match)
            elif wants_suffix or is_article_file(match):
                count += self.found(match)
        if not count:
            raise InputError(f"no article files ({_EXTENSIONS_TEXT}) match {quote(pattern)}; check the pattern")

    def argument(self, argument: str) -> None:
        if argument == STDIN:
            self.stdin = True
        elif os.path.isdir(argument):
            if not self.folder(argument):
                raise InputError(f"no article files ({_EXTENSIONS_TEXT}) in folder {quote(argument)}; "
                                 f"point kg at a folder of articles or name the files")
        elif os.path.exists(argument):
            self.add(argument, os.stat(argument), explicit=True)
        elif glob.has_magic(argument):
            self.glob(argument)
        elif os.path.islink(argument):
            try:
                os.stat(argument)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    raise InputError(f"input {quote(argument)} is a symbolic link loop; fix the link or leave it out") from None
            raise InputError(f"input {quote(argument)} is a broken symbolic link; fix the link or leave it out")
        else:
            raise InputError(f"input not found: {quote(argument)}; check the path (or - to read standard input)")

    def result(self) -> Inputs:
        files = sorted((held[1] for held in self.files.values()), key=lambda f: f.name)
        if self.stdin:
            files.append(InputFile(STDIN, STDIN_NAME))
            files.sort(key=lambda f: f.name)
        skips = sorted(set(self.skips) | {held[1] for held in self.bad.values()}, key=lambda s: s.item)
        return Inputs(tuple(files), tuple(skips), frozenset(self.files))


def _own_files(paths: Iterable[str | os.PathLike[str]]) -> dict[Identity, str]:
    """What each existing output and cache that kg wrote (a graph, an SQLite file) is, by identity, to leave out.

    A file at an output path that kg did not write (an article) is not left out: it stays an input,
    and the caller refuses to overwrite it (check_not_input).
    """
    own: dict[Identity, str] = {}
    for path in paths:
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode):
                continue  # a FIFO would block the open; kg writes regular files only
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            continue
        kind = own_file_kind(data)
        what = "this run's extraction cache" if looks_like_cache(data[:_SNIFF]) else kind and f"this run's output ({kind})"
        if what:
            own[(info.st_dev, info.st_ino)] = what
    return own


def discover(inputs: Sequence[str] | str, *, exclude: Iterable[str | os.PathLike[str]] = ()) -> Inputs:
    """Walk INPUT arguments once: the files to read, sorted by name, de-duplicated, and the bad items met.

    Files: any extension when named explicitly (an unknown one is read as text); folders: walked
    recursively for article extensions, hidden names skipped; globs: expanded like folders (an
    explicit extension in the pattern keeps its matches); "-": standard input.
    ``exclude``: this run's output and cache paths; where they hold a file kg wrote, a folder walk leaves it out.
    Raises InputError for a missing path, a glob that matches nothing, or a folder without articles.
    """
    if isinstance(inputs, str):
        inputs = [inputs]
    if not inputs:
        raise InputError("no input given; name article files, folders, glob patterns, or - for standard input")
    walk = _Walk(exclude)
    for argument in inputs:
        walk.argument(argument)
    return walk.result()


def check_not_input(inputs: Inputs, path: str | os.PathLike[str], what: str) -> None:
    """Refuse an output or cache ``path`` that is one of the inputs (the same file by any name or link)."""
    try:
        info = os.stat(path)
    except OSError:
        return  # nothing there yet: it cannot be an input
    identity = (info.st_dev, info.st_ino)
    if identity not in inputs.identities:
        return
    match = next((f.name for f in inputs.files if f.path != STDIN and _same(f.path, identity)), "")
    same = f" (the input {quote(match)})" if match and match != display_name(os.fspath(path)) else ""
    raise InputError(f"{what} {quote(os.fspath(path))} is also an input{same}: writing it would destroy the article; "
                     f"choose another {what} path")


def _same(path: str, identity: Identity) -> bool:
    try:
        info = os.stat(path)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == identity
