"""Benchmark: `manifest.validate` on the stat-cache fast path (no hashing) against full hashing.

Run: `.venv/bin/python benchmarks/bench_manifest.py [--files 1000] [--kb 200] [--repeats 5] [--workers 2]`

Writes `--files` random files of `--kb` kB each into a temporary folder, builds their manifest, validates
once (which hashes everything and writes the `<manifest>.stat.json` cache), then times, interleaved over
`--repeats` rounds, `validate(m, root)` (unchanged files: stat only) and `validate(m, root, full=True)`
(every file re-hashed), plus full hashing in `--workers` processes. Prints medians and ratios.
"""
import argparse, os, platform, statistics, sys, tempfile, time
from pathlib import Path
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the repository's music_lib, installed or not
from music_lib.manifest import make_row, validate, write_manifest


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--files', type=int, default=1000)
    ap.add_argument('--kb', type=int, default=200)
    ap.add_argument('--repeats', type=int, default=5)
    ap.add_argument('--workers', type=int, default=2)
    a = ap.parse_args()
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / 'data'; root.mkdir()
        t0 = time.perf_counter()
        rows = []
        for i in range(a.files):
            f = root / f'{i // 100:02d}' / f'item{i:05d}.bin'; f.parent.mkdir(exist_ok=True)
            f.write_bytes(rng.bytes(a.kb * 1000))
            rows.append(make_row(f, root, group=f'g{i % 50}', license='CC0', source='bench'))
        m = write_manifest(Path(tmp) / 'bench.jsonl', rows)
        print(f"{a.files} files x {a.kb} kB ({a.files * a.kb / 1e6:.2f} GB) written and rows made in {time.perf_counter() - t0:.1f} s")
        first = validate(m, root)
        assert first.counts == dict(missing=0, changed=0, ok=a.files, hashed=a.files), first
        fast, full, par = [], [], []
        for _ in range(a.repeats):
            t = time.perf_counter(); r = validate(m, root); fast.append(time.perf_counter() - t)
            assert r.hashed == 0 and len(r.ok) == a.files, r
            t = time.perf_counter(); r = validate(m, root, full=True); full.append(time.perf_counter() - t)
            assert r.hashed == a.files and len(r.ok) == a.files, r
            if a.workers > 1:
                t = time.perf_counter(); r = validate(m, root, full=True, workers=a.workers); par.append(time.perf_counter() - t)
                assert r.hashed == a.files and len(r.ok) == a.files, r
    f, h = statistics.median(fast), statistics.median(full)
    print(f"python {platform.python_version()}, {os.cpu_count()} CPU(s); medians of {a.repeats} interleaved runs (files in the page cache)")
    print(f"validate, fast path (stat only, 0 files hashed): {f * 1000:8.1f} ms")
    print(f"validate, full=True ({a.files} files hashed):     {h * 1000:8.1f} ms   ({a.files * a.kb / 1e3 / h:.0f} MB/s)")
    print(f"ratio full / fast: {h / f:.1f}x")
    if par:
        p = statistics.median(par)
        print(f"validate, full=True, workers={a.workers}:            {p * 1000:8.1f} ms   (full / parallel {h / p:.2f}x)")


if __name__ == '__main__':
    main()
