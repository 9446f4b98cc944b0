#!/usr/bin/env python3
"""Write the example voxel images of meshes/ (Microstructure/Structure = image).

Phase labels (grey values) in every image: 0 pore, 1 oxide, 2 metal.

porous_oxide_metal_3d.raw   32 x 32 x 32 voxels, 8 bit, x fastest: an oxide
                            support with overlapping spherical pores
                            (radius 6 voxels) and exsolved metal particles
                            (radius 2.5 voxels) socketed in the pore walls,
                            i.e. centred on oxide voxels next to a pore.
porous_oxide_metal_2d.png   the same construction in 2D, 96 x 96 pixels,
                            8-bit grey PNG (disks of radius 9 and 3).
tpb_blocks_3d.raw           4 x 3 x 4 voxels, 8 bit: below z = 2 oxide for
                            x < 2 and metal for x >= 2, pore above; the
                            triple-phase boundary is the single line x = z = 2
                            (voxel units) along y.
tpb_blocks_3d_%d.png        the same image as a stack of four 16-bit PNG
                            slices (z = 0 .. 3), 4 x 3 pixels each.
tpb_blocks_2d.png           4 x 4 pixels, 8 bit: the x-z section of the
                            blocks (rows are y); one TPB point.

Pseudo-random centres come from a fixed linear congruential generator, so
the files are reproducible without numpy. Standard library only.
Usage: python3 meshes/make_voxel_images.py [output directory]
"""

import os
import struct
import sys
import zlib

PORE, OXIDE, METAL = 0, 1, 2


class Lcg:
    """Numerical Recipes' 32-bit LCG; uniform floats in [0, 1)."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (1664525 * self.state + 1013904223) % 2**32
        return self.state / 2**32


def porous_oxide_metal(shape, pore_radius, n_pores, metal_radius, n_metal, seed):
    """Labels in x-fastest order for a 2D (nx, ny) or 3D (nx, ny, nz) shape."""
    dim = len(shape)
    rng = Lcg(seed)
    # (i, j[, k]) tuples with i fastest: each pass prepends a faster axis
    voxels = [()]
    for n in reversed(shape):
        voxels = [(i,) + c for c in voxels for i in range(n)]
    pores = [[rng.next() * n for n in shape] for _ in range(n_pores)]

    def inside(v, centre, radius):
        return sum((v[d] + 0.5 - centre[d]) ** 2 for d in range(dim)) <= radius**2

    label = {v: PORE if any(inside(v, c, pore_radius) for c in pores) else OXIDE
             for v in voxels}

    def next_to_pore(v):
        for d in range(dim):
            for s in (-1, 1):
                w = list(v)
                w[d] += s
                w = tuple(w)
                if w in label and label[w] == PORE:
                    return True
        return False

    wall = [v for v in voxels if label[v] == OXIDE and next_to_pore(v)]
    for _ in range(n_metal):
        centre = wall[int(rng.next() * len(wall))]
        centre = [x + 0.5 for x in centre]
        for v in voxels:
            if inside(v, centre, metal_radius):
                label[v] = METAL
    return [label[v] for v in voxels]


def png_bytes(width, height, depth, values):
    """A grey-scale, non-interlaced PNG of 8 or 16 bit, rows top first."""
    raw = b""
    for r in range(height):
        row = values[r * width:(r + 1) * width]
        raw += b"\x00" + (bytes(row) if depth == 8
                          else b"".join(struct.pack(">H", v) for v in row))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(
            ">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, depth, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def tpb_blocks_3d():
    nx, ny, nz = 4, 3, 4
    return [PORE if k >= 2 else (OXIDE if i < 2 else METAL)
            for k in range(nz) for j in range(ny) for i in range(nx)]


def write(directory):
    def out(name, data):
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")

    out("porous_oxide_metal_3d.raw",
        bytes(porous_oxide_metal((32, 32, 32), 6.0, 28, 2.5, 30, seed=6)))
    out("porous_oxide_metal_2d.png",
        png_bytes(96, 96, 8,
                  porous_oxide_metal((96, 96), 9.0, 30, 3.0, 25, seed=2)))
    blocks = tpb_blocks_3d()
    out("tpb_blocks_3d.raw", bytes(blocks))
    for k in range(4):
        out(f"tpb_blocks_3d_{k}.png", png_bytes(4, 3, 16, blocks[12 * k:12 * (k + 1)]))
    # 2D: rows are y; y >= 2 is pore (the 3D image's z direction).
    out("tpb_blocks_2d.png",
        png_bytes(4, 4, 8, [PORE if j >= 2 else (OXIDE if i < 2 else METAL)
                            for j in range(4) for i in range(4)]))


if __name__ == "__main__":
    write(sys.argv[1] if len(sys.argv) > 1
          else os.path.dirname(os.path.abspath(__file__)))
