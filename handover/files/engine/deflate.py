"""Deflate engines: ISA-L, zlib-ng and the standard library's zlib, all raw deflate."""

from __future__ import annotations

import zlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Engine:
    name: str
    module: object
    level: int

    def compress(self, data) -> bytes:
        return self.module.compress(data, self.level, -15)

    def compressobj(self):
        return self.module.compressobj(self.level, zlib.DEFLATED, -15)

    def decompressobj(self):
        return self.module.decompressobj(-15)

    def crc32(self, data, value: int = 0) -> int:
        return self.module.crc32(data, value)

    @property
    def error(self) -> type[Exception]:
        """What the engine raises on a damaged deflate stream (not an OSError)."""
        return self.module.error


def engine(spec: str = "isal") -> Engine:
    """"isal", "isal:3", "zlib-ng:1", "zlib:6"."""
    name, _sep, level = spec.partition(":")
    if name == "isal":
        from isal import isal_zlib as module

        default = 2
    elif name == "zlib-ng":
        from zlib_ng import zlib_ng as module

        default = 1
    elif name == "zlib":
        module, default = zlib, 6
    else:
        raise ValueError(f"Unknown deflate engine {name!r}: use isal, zlib-ng or zlib.")
    return Engine(name, module, int(level) if level else default)
