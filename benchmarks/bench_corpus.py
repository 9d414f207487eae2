"""Conversion throughput of the music21 corpus to MIDI: a seeded sample of pieces, converted by `convert_corpus`.

Usage: python benchmarks/bench_corpus.py [n_pieces] [workers] [out_dir]
Prints pieces/minute, the failures by reason and the per-format counts. Re-running with the same out_dir resumes
(and then measures nothing new): pass a fresh folder, or none for a temporary one.
"""
import sys, tempfile, time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import numpy as np
from music_lib.corpus import convert_corpus, list_pieces, read_index


def main(n=100, workers=2, out_dir=None):
    t = time.monotonic(); pieces = list_pieces(); t_list = time.monotonic() - t
    rng = np.random.default_rng(0)
    sample = [pieces[i] for i in sorted(rng.choice(len(pieces), n, replace=False))]
    out = Path(out_dir or tempfile.mkdtemp(prefix='bench_corpus_'))
    s = convert_corpus(out, sample, workers=workers, timeout_s=60, progress=False)
    rows = read_index(out)
    fmt = Counter(p.format for p in sample)
    print(f"list_pieces: {len(pieces)} pieces in {t_list:.1f} s (cached index after the first call)")
    print(f"sample: {n} pieces {dict(fmt)}; workers={workers}, timeout 60 s")
    print(f"converted {s['converted']}, failed {s['failed']} in {s['seconds']} s: {s['per_minute']} pieces/minute")
    print(f"audio minutes written: {sum(r['duration_s'] for r in rows) / 60:.1f}; tempo assigned in {sum(r['tempo_assigned'] for r in rows)}/{len(rows)};"
          f" meter changes in {sum(r['meter_changes'] for r in rows)}; irregular bars in {sum(r['irregular_bars'] > 0 for r in rows)};"
          f" pickups {sum(r['pickup_q'] > 0 for r in rows)}; repeats {dict(Counter(r['repeats'] for r in rows))}")
    print(f"output: {out}")


if __name__ == '__main__':
    a = sys.argv[1:]
    main(int(a[0]) if a else 100, int(a[1]) if len(a) > 1 else 2, a[2] if len(a) > 2 else None)
