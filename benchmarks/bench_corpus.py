"""Conversion throughput of the music21 corpus to MIDI: a seeded sample of pieces, converted by `convert_corpus`.

Usage: python benchmarks/bench_corpus.py [n_pieces] [workers] [out_dir]
Prints pieces/minute, the failures by reason and the per-format counts, and checks the beat grid of every converted
piece (`music_lib.midi.beat_grid`) against `pretty_midi.get_downbeats()`. Re-running with the same out_dir resumes
(and then measures nothing new): pass a fresh folder, or none for a temporary one.
"""
import sys, tempfile, time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import numpy as np
import pretty_midi
from music_lib.corpus import convert_corpus, list_pieces, read_index
from music_lib.midi import beat_grid


def grid_agreement(out, rows):
    """How many converted pieces have the same downbeats (within 1 ms) from beat_grid and from pretty_midi.

    Our grid holds the downbeats strictly before the end time; pretty_midi accumulates beat times in floating point and,
    when a piece ends exactly on a bar line, sometimes also reports that closing bar line (its last beat lands a hair
    under the end). Those closing bar lines are counted separately, not as disagreements."""
    bad, closing = [], 0
    for r in rows:
        pm = pretty_midi.PrettyMIDI(str(Path(out) / r['path']))
        ours, ref = beat_grid(pm).downbeats, pm.get_downbeats()
        end = pm.get_end_time()
        if len(ref) and abs(ref[-1] - end) < 1e-6: ref, closing = ref[:-1], closing + 1
        if len(ours) != len(ref) or np.abs(ours - ref).max(initial=0) > 1e-3: bad.append(r['id'])
    return len(rows) - len(bad), bad, closing


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
    ok, bad, closing = grid_agreement(out, rows)
    print(f"beat grids: {ok}/{len(rows)} converted pieces have the same downbeats as pretty_midi.get_downbeats() (1 ms; "
          f"{closing} where pretty_midi also lists the closing bar line at the end time){'; differ: ' + str(bad[:10]) if bad else ''}")
    print(f"output: {out}")


if __name__ == '__main__':
    a = sys.argv[1:]
    main(int(a[0]) if a else 100, int(a[1]) if len(a) > 1 else 2, a[2] if len(a) > 2 else None)
