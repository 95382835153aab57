"""The pdfminer peer of `make bench`: text extraction of every PDF given, in
one process, with Debian's python3-pdfminer (pdfminer.six).

    python3 pdfminer_peer.py FILE.pdf...

Prints one JSON line: {"ms": [total], "rows": characters extracted}. Timed
in-process (Python's start and the import are not counted).
"""
import json
import sys
import time

from pdfminer.high_level import extract_text


def main():
    t0 = time.perf_counter()
    chars = 0
    for path in sys.argv[1:]:
        chars += len(extract_text(path))
    ms = (time.perf_counter() - t0) * 1000
    print(json.dumps({'ms': [ms], 'rows': chars}))


if __name__ == '__main__':
    main()
