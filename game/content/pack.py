"""Sharing a mod as one file: `torchenstein pack MOD` lints the mod and writes
`<id>-<version>.zip` (the mod's folder inside, named after its id); the mods folder accepts
such a zip as it is, unpacking it safely into the user folder's `mods-unpacked/` (again only
when the zip changes). Lint accepts the zip too. Must not import pygame or torch.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import stat
import zipfile
from pathlib import Path, PurePosixPath

from game.content.diagnostics import ContentError, Diagnostic
from game.content.mod_models import MOD_MANIFEST
from game.content.puzzle_runs import RunnerHooks
from game.persistence.paths import user_home

MAX_FILES = 2000
MAX_BYTES = 64 * 1024 * 1024
_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed times: packing one folder twice gives the same zip
_SKIP = {"__pycache__", ".git", ".DS_Store"}


def _files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not p.is_symlink()
        and not any(part in _SKIP or part.startswith(".") for part in p.relative_to(folder).parts)
        and p.suffix != ".pyc"
    )


def write_zip(folder: Path, mod_id: str, target: Path) -> int:
    """Zip `folder` as `<mod_id>/...` into `target`; returns the number of files."""
    files = _files(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in files:
            info = zipfile.ZipInfo(f"{mod_id}/{path.relative_to(folder).as_posix()}", _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, path.read_bytes())
    return len(files)


def _problem(zip_path: Path, message: str) -> ContentError:
    return ContentError([Diagnostic(file=str(zip_path), line=1, code="bad-zip", message=message)])


def unpack(zip_path: Path) -> Path:
    """The mod folder inside `zip_path`, unpacked under the user folder (reused while the zip
    is unchanged). Raises ContentError (`bad-zip`) for anything unsafe or not a mod."""
    data = zip_path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:16]
    dest = user_home() / "mods-unpacked" / f"{zip_path.stem}-{digest}"
    try:
        with zipfile.ZipFile(zip_path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_FILES or sum(i.file_size for i in infos) > MAX_BYTES:
                raise _problem(zip_path, f"too big (more than {MAX_FILES} files or 64 MiB)")
            tops = set()
            for info in infos:
                name = PurePosixPath(info.filename)
                mode = info.external_attr >> 16
                if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
                    raise _problem(zip_path, f"unsafe path `{info.filename}` in the zip")
                if stat.S_ISLNK(mode):
                    raise _problem(zip_path, f"`{info.filename}` is a link; zips hold files only")
                tops.add(name.parts[0])
            if len(tops) != 1 or f"{next(iter(tops))}/{MOD_MANIFEST}" not in zf.namelist():
                raise _problem(zip_path, f"a mod zip holds one folder with `{MOD_MANIFEST}` in it")
            if not dest.is_dir():
                partial = dest.with_name(dest.name + ".partial")
                shutil.rmtree(partial, ignore_errors=True)
                for info in infos:
                    if not info.is_dir():
                        out = partial.joinpath(*PurePosixPath(info.filename).parts)
                        out.parent.mkdir(parents=True, exist_ok=True)
                        out.write_bytes(zf.read(info))
                partial.rename(dest)
    except zipfile.BadZipFile as exc:
        raise _problem(zip_path, f"not a readable zip: {exc}") from None
    return dest / next(iter(tops))


def cli_pack(args: argparse.Namespace, runner: RunnerHooks | None) -> int:
    """`torchenstein pack MOD [--out DIR]`: lint (puzzle code through `runner`), then write
    `<id>-<version>.zip`."""
    from game.content.lint import _lint_paths, _order
    from game.content.root_reader import read_root

    folder = Path(args.mod)
    if not (folder / MOD_MANIFEST).is_file():
        print(f"pack: `{folder}` is not a mod folder (no `{MOD_MANIFEST}`)")
        return 2
    diags = _order(_lint_paths([folder], runner is not None, runner))
    for d in diags:
        print(d.render())
    errors = sum(d.severity == "error" for d in diags)
    verdict = "clean" if not diags else f"{errors} error(s), {len(diags) - errors} warning(s)"
    print(f"lint: {verdict}")
    mod = read_root(folder).mod
    if errors or mod is None:
        print(f"pack: {errors} error(s); fix them first (nothing was written)")
        return 1
    target = Path(args.out) / f"{mod.id}-{mod.version}.zip"
    count = write_zip(folder, mod.id, target)
    print(f"Packed {target} ({count} files), mod `{mod.id}` version {mod.version}.")
    print("Players drop the zip into their mods folder as it is (see MODDING.md).")
    return 0
