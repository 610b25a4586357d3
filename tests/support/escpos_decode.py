"""An ESC/POS decoder written for the tests, sharing no code with the encoder.

It walks the byte stream command by command (refusing anything it does not
know, so stray bytes are caught), rebuilds the ``GS v 0`` raster into an image
and lists what else the printer was told: status queries, feeds, cuts, and a
printer's own text and QR (printer.native_codes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image, ImageChops


class DecodeError(ValueError):
    pass


@dataclass
class Decoded:
    commands: list[str] = field(default_factory=list)
    bands: list[Image.Image] = field(default_factory=list)

    def image(self, width: int | None = None) -> Image.Image:
        """The printed image, ``width`` wide (each band at its left margin, GS L)."""
        if not self.bands:
            raise DecodeError("no raster image in the stream")
        width = width or max(b.width for b in self.bands)
        out = Image.new("1", (width, sum(b.height for b in self.bands)), 1)
        y = 0
        for band in self.bands:
            out.paste(band, (0, y))
            y += band.height
        return out


def _raster(data: bytes, width_bytes: int, height: int) -> Image.Image:
    band = Image.new("1", (width_bytes * 8, height), 1)
    pixels = band.load()
    for row in range(height):
        for col in range(width_bytes):
            byte = data[row * width_bytes + col]
            for bit in range(8):
                if byte & (0x80 >> bit):
                    pixels[col * 8 + bit, row] = 0
    return band


def decode(stream: bytes) -> Decoded:
    out = Decoded()
    margin = 0  # GS L, in dots
    i = 0
    while i < len(stream):
        b = stream[i]
        if b == 0x1B and stream[i + 1 : i + 2] == b"@":
            out.commands.append("init")
            i += 2
        elif b == 0x1B and stream[i + 1 : i + 2] == b"d":
            out.commands.append(f"feed {stream[i + 2]}")
            i += 3
        elif b == 0x1B and stream[i + 1 : i + 2] == b"J":
            rows = stream[i + 2]
            out.commands.append(f"feed {rows} dots")
            out.bands.append(Image.new("1", (1, rows), 1))
            i += 3
        elif b == 0x1B and stream[i + 1 : i + 2] in (b"a", b"E"):
            name = "align" if stream[i + 1 : i + 2] == b"a" else "bold"
            out.commands.append(f"{name} {stream[i + 2]}")
            i += 3
        elif b == 0x1D and stream[i + 1 : i + 2] == b"!":
            size = stream[i + 2]
            out.commands.append(f"size {(size >> 4) + 1}x{(size & 15) + 1}")
            i += 3
        elif b == 0x1D and stream[i + 1 : i + 3] == b"(k":
            length = stream[i + 3] + stream[i + 4] * 256
            body = stream[i + 5 : i + 5 + length]
            if len(body) < length or body[:1] != b"\x31":
                raise DecodeError(f"bad QR command at {i}")
            function, data = body[1], body[2:]
            if function == 0x50:
                out.commands.append(f"qr store {data[1:].decode('utf-8')}")
            elif function == 0x51:
                out.commands.append("qr print")
            else:
                out.commands.append(f"qr set {function:#x} {data.hex()}")
            i += 5 + length
        elif 0x20 <= b < 0x7F:
            end = i
            while end < len(stream) and 0x20 <= stream[end] < 0x7F:
                end += 1
            out.commands.append(f"text {stream[i:end].decode('ascii')}")
            i = end
        elif b == 0x10 and stream[i + 1 : i + 2] == b"\x04":
            out.commands.append(f"status {stream[i + 2]}")
            i += 3
        elif b == 0x0A:
            out.commands.append("lf")
            i += 1
        elif b == 0x1D and stream[i + 1 : i + 2] == b"V":
            mode = stream[i + 2]
            if mode in (0, 1, 48, 49):
                out.commands.append("cut full" if mode in (0, 48) else "cut partial")
                i += 3
            elif mode in (65, 66):
                out.commands.append("cut full" if mode == 65 else "cut partial")
                i += 4
            else:
                raise DecodeError(f"unknown cut mode {mode} at {i}")
        elif b == 0x1D and stream[i + 1 : i + 2] == b"L":
            margin = stream[i + 2] + stream[i + 3] * 256
            out.commands.append(f"left margin {margin}")
            i += 4
        elif b == 0x1D and stream[i + 1 : i + 3] == b"v0":
            header = stream[i + 3 : i + 8]
            if len(header) < 5:
                raise DecodeError(f"truncated raster header at {i}")
            if header[0] > 3:
                raise DecodeError(f"unknown raster mode {header[0]} at {i}")
            wide, tall = 1 + (header[0] & 1), 1 + (header[0] >> 1 & 1)
            width_bytes = header[1] + header[2] * 256
            height = header[3] + header[4] * 256
            start, end = i + 8, i + 8 + width_bytes * height
            if end > len(stream):
                raise DecodeError(
                    f"truncated raster data at {i}: {len(stream) - start} of {end - start} bytes"
                )
            raster = _raster(stream[start:end], width_bytes, height)
            raster = raster.resize((raster.width * wide, raster.height * tall), Image.NEAREST)
            band = Image.new("1", (margin + raster.width, raster.height), 1)
            band.paste(raster, (margin, 0))
            out.bands.append(band)
            scale = f" ×{wide}" if wide == tall == 2 else "" if wide == tall else f" ×{wide}×{tall}"
            out.commands.append(f"raster {width_bytes * 8}x{height}{scale} at {margin}")
            i = end
        else:
            raise DecodeError(f"unknown byte 0x{b:02x} at {i}")
    return out


def same_pixels(a: Image.Image, b: Image.Image) -> bool:
    """Two images with the same size and the same black and white pixels."""
    return (
        a.size == b.size and ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is None
    )
