"""Small generated trees for the files tests (hostile names from the BLNS corpus)."""

import json
import os
import random
from pathlib import Path

from .conftest import need

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> Path:
    return Path(os.environ.get("HANDOVER_CORPUS", ROOT.parent / "shared" / "data"))


def blns_names(limit: int = 200) -> list[str]:
    path = corpus() / "filetree" / "blns" / "blns.json"
    need(path.exists(), f"the corpus is not at {path}")
    names, seen = [], set()
    for text in json.loads(path.read_text(encoding="utf-8")):
        name = text.replace("/", "_").replace("\0", "")
        name = name.encode("utf-8")[:180].decode("utf-8", "ignore")
        if name in ("", ".", "..") or name.lower() in seen:
            continue
        seen.add(name.lower())
        names.append(name)
    return names[:limit]


def write(path: Path, data: bytes, mtime: float = 1_700_000_000) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (mtime, mtime))


def small_tree(root: Path, *, seed: int = 7, files: int = 40) -> Path:
    """Mixed compressible and compressed files in nested folders, deterministic."""
    rnd = random.Random(seed)
    for i in range(files):
        kind = i % 5
        if kind == 0:
            data = "\n".join(f"{j},{rnd.randint(0, 999)},città" for j in range(2000)).encode()
            name = f"Tabelle/dati-{i}.csv"
        elif kind == 1:
            data = rnd.randbytes(30_000 + i * 1000)
            name = f"Foto/{i:03d}_scatto.jpg"
        elif kind == 2:
            data = b"%PDF-1.4\n" + rnd.randbytes(20_000)
            name = f"Documenti/fattura-{i}.pdf"
        elif kind == 3:
            data = ("<p>Relazione " * 3000).encode()
            name = f"Documenti/Relazioni/relazione {i}.html"
        else:
            data = rnd.randbytes(10_000)
            name = f"Varie/blob-{i}.bin"
        write(root / name, data, 1_700_000_000 + i * 3600)
    return root


def audited(workspace, actor, root: Path):
    """A finished audit of `root` (a test folder, outside any folder open to the workspace)."""
    from handover.files.actions.audits import do_run_audit, do_start_audit

    return do_run_audit(do_start_audit(workspace, actor=actor, root=str(root), anywhere=True))


def corrupt_first_member(path: str) -> None:
    """Flip one byte in the data of the first member of a zip (a disk that lied)."""
    import struct
    import zipfile

    with zipfile.ZipFile(path) as archive:
        info = archive.infolist()[0]
    with open(path, "r+b") as handle:
        handle.seek(info.header_offset + 26)
        name_len, extra_len = struct.unpack("<HH", handle.read(4))
        where = info.header_offset + 30 + name_len + extra_len
        handle.seek(where)
        byte = handle.read(1)
        handle.seek(where)
        handle.write(bytes([byte[0] ^ 0xFF]))
