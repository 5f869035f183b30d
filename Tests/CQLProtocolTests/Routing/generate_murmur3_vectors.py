#!/usr/bin/env python3
"""Prints the (hex key, expected token) table in Murmur3PartitionerTests.swift.

Tokens come from the DataStax Python driver (`pip install cassandra-driver`), whose
`Murmur3Token.hash_fn` wraps its C extension `cassandra/cmurmur3.c` (Cassandra's variant
of MurmurHash3 x64/128: signed tail bytes, token Long.MIN_VALUE mapped to Long.MAX_VALUE).
Keys: every length 0..40 with a pattern that mixes bytes below and above 0x80, all-0xff
keys for the tail lengths 1..16 plus 31, 32, 33, ASCII text keys, and serialized int and
composite (routing-key) values.
"""
import struct

from cassandra.metadata import Murmur3Token


def keys():
    for length in range(0, 41):
        yield bytes((index * 37 + length * 11 + (0x80 if index % 2 else 0)) & 0xFF for index in range(length))
    for length in list(range(1, 17)) + [31, 32, 33]:
        yield b"\xff" * length
    yield b"hello"
    yield b"the quick brown fox jumps over the lazy dog"
    yield struct.pack(">i", 1)
    yield struct.pack(">i", -1)
    yield struct.pack(">q", 42)
    # Composite key (int 1, text 'a'): [short] length, bytes, 0x00 per component.
    yield b"\x00\x04" + struct.pack(">i", 1) + b"\x00" + b"\x00\x01a\x00"


def main():
    print("    static let vectors: [(key: String, token: Int64)] = [")
    for key in keys():
        print(f'        ("{key.hex()}", {Murmur3Token.hash_fn(key)}),')
    print("    ]")


if __name__ == "__main__":
    main()
