#!/usr/bin/env python3
"""png-variety.py FILE MIN: fails unless the PNG (8-bit RGB or RGBA, not interlaced) has at least
MIN distinct colours and no single colour covers more than 99% of it: a blank or failed render is
one or two colours. Plain zlib, no imaging library to install."""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unsupported PNG {header}"
    size = 3 if colour == 2 else 4
    raw, stride, previous, rows = zlib.decompress(idat), width * size, bytearray(width * size), []
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - size] if x >= size else 0
            up, corner = previous[x], previous[x - size] if x >= size else 0
            if kind == 1: line[x] = (line[x] + left) & 255
            elif kind == 2: line[x] = (line[x] + up) & 255
            elif kind == 3: line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return [row[x:x + 3] for row in rows for x in range(0, stride, size * 4)]  # every 4th pixel


def main():
    path, minimum = sys.argv[1], int(sys.argv[2])
    sample = pixels(path)
    counts = {}
    for pixel in sample:
        counts[pixel] = counts.get(pixel, 0) + 1
    top = max(counts.values()) / len(sample)
    print(f"[report-render] screenshot: {len(counts)} distinct colours, the commonest covers {top:.1%}")
    if len(counts) < minimum or top > 0.99:
        sys.exit("[report-render] the screenshot looks blank")


main()
