#!/usr/bin/env python3
"""The async frame ("context") sizes of a Swift binary, largest first.

An async function's context holds what lives across its suspensions, and also the locals of
the synchronous code inlined into it. A task allocates contexts from slabs of about 1,000
bytes and keeps its slabs until it ends, so a connection's task holds the slabs of its
deepest call chain for as long as it lives: for an open stream, minutes. This lists each
`async function pointer` symbol (mangled suffix `Tu`) with the context size stored in it,
so a change that widens a frame on the request path shows up before it shows in RSS.

    python3 Benchmarks/async_frames.py [BINARY] [--top N] [--grep TEXT]

Default binary: the release build of `sessions`. Uses nm, readelf and swift demangle.
"""
import argparse
import re
import struct
import subprocess
import sys


def sections(binary):
    """(address, file offset, size) of each allocated section."""
    out = subprocess.run(["readelf", "-S", "-W", binary], capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if m and m.group(2) != "NOBITS":
            found.append((int(m.group(3), 16), int(m.group(4), 16), int(m.group(5), 16)))
    return found


def contexts(binary):
    """(context size, mangled name) of each async function pointer."""
    data = open(binary, "rb").read()
    table = sections(binary)
    symbols = subprocess.run(["nm", binary], capture_output=True, text=True, check=True).stdout
    result = []
    for line in symbols.splitlines():
        parts = line.split()
        if len(parts) != 3 or not parts[2].endswith("Tu"):
            continue
        address = int(parts[0], 16)
        for start, offset, size in table:
            if start <= address < start + size:
                # An AsyncFunctionPointer is a 32-bit relative offset, then the context size.
                _, context = struct.unpack("<iI", data[offset + address - start:offset + address - start + 8])
                result.append((context, parts[2]))
                break
    return sorted(result, reverse=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", nargs="?", default=".build/release/sessions")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--grep", default="", help="only names that contain this")
    args = parser.parse_args()
    found = contexts(args.binary)
    names = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(n for _, n in found),
                           capture_output=True, text=True, check=True).stdout.splitlines()
    shown = 0
    for (size, _), name in zip(found, names):
        name = name.replace("async function pointer to ", "")
        if args.grep and args.grep not in name:
            continue
        print(f"{size:6d}  {name[:150]}")
        shown += 1
        if shown >= args.top:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
