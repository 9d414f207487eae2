"""Benchmark: MeterNet feature extraction cold (empty cache) against warm (every stage read from LMDB, no audio decoding).

Run: `.venv/bin/python benchmarks/bench_meter_cache.py [--songs 20] [--seconds 20 30] [--repeats 3]`

Renders `--songs` seeded synthetic songs (meters 2/4, 3/4, 4/4, 5/4, 6/8, 7/8; 70-150 bpm; 20-30 s each) to a temporary
folder, extracts one short file first so that librosa's numba kernels are compiled before timing, then times per file:
cold = `extract` into an empty temporary cache (decode, onsets, chroma, MFCCs, two beat trackers, five meter signals, the
audio and ssm groups; all stored); warm = `extract` again (the fast path: the decoder is replaced by one that raises, so
a warm call provably decodes nothing), the median of `--repeats` calls; warm, first read in a process = the same with
the file-content hash memo cleared (the file is hashed again, as in a fresh process). Prints the median per file of each,
their ratios, and the time of one warm `feature_matrix` over all files (what a re-evaluation after retraining pays for
features; the model's forward pass comes on top).
"""
import os
for _k in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS'): os.environ.setdefault(_k, '1')

import argparse, statistics, sys, tempfile, time
from pathlib import Path
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the repository's music_lib, installed or not
from music_lib import cache as mc
from music_lib.audio import save_audio
from music_lib.corpus import synth_song
from music_lib.render import render_midi
from music_lib.rhythm.meter import features as F

METERS = [(2, 4), (3, 4), (4, 4), (5, 4), (6, 8), (7, 8)]


def songs(folder:Path, n:int, lo:float, hi:float, seed:int=0) -> list:
    "Render `n` seeded songs of `lo`..`hi` seconds as 16 kHz wavs; return their paths."
    rng, out = np.random.default_rng(seed), []
    for i in range(n):
        num, den = METERS[i % len(METERS)]
        tempo = float(rng.uniform(70, 150))
        bar_s = num * 4 / den * 60 / tempo
        bars = max(2, int(rng.uniform(lo, hi - 1.5) / bar_s))      # render adds a 1 s tail
        y = render_midi(synth_song((num, den), bars, seed=i, tempo=tempo), sr=16000)
        out.append(save_audio(folder / f'song{i:02d}.wav', y, 16000))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--songs', type=int, default=20)
    ap.add_argument('--seconds', type=float, nargs=2, default=(20.0, 30.0))
    ap.add_argument('--repeats', type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        t0 = time.perf_counter(); paths = songs(tmp, a.songs, *a.seconds); t_render = time.perf_counter() - t0
        dur = [F.decode(p).size / F.SR for p in paths]
        cache = mc.Cache(tmp / 'features.lmdb')
        warmup = save_audio(tmp / 'warmup.wav', render_midi(synth_song((4, 4), 2, seed=99), sr=16000), 16000)
        F.extract(warmup, cache=mc.Cache(tmp / 'warmup.lmdb'))           # numba compilation, outside the timings
        cold, warm, first, ref = [], [], [], {}
        for p in paths:
            t0 = time.perf_counter(); ref[p] = F.extract(p, cache=cache); cold.append(time.perf_counter() - t0)
        decode = F.decode
        def no_decode(path): raise AssertionError(f"the warm path decoded {path}")
        F.decode = no_decode
        try:
            for p in paths:
                ts = []
                for _ in range(a.repeats):
                    t0 = time.perf_counter(); f = F.extract(p, cache=cache); ts.append(time.perf_counter() - t0)
                    assert all(np.array_equal(f[g], ref[p][g]) for g in F.GROUPS)
                warm.append(statistics.median(ts))
                mc._FILE_MEMO.clear()
                t0 = time.perf_counter(); F.extract(p, cache=cache); first.append(time.perf_counter() - t0)
            mc._FILE_MEMO.clear()
            t0 = time.perf_counter(); X, names = F.feature_matrix(paths, progress=False, cache=cache); t_matrix = time.perf_counter() - t0
        finally: F.decode = decode
        assert np.isfinite(X).all()
        st = cache.stats()
        c, w, f1 = (statistics.median(t) for t in (cold, warm, first))
        print(f"{a.songs} songs, {min(dur):.1f}-{max(dur):.1f} s (median {statistics.median(dur):.1f} s), rendered in {t_render:.1f} s; "
              f"{len(names)} features in groups {', '.join(f'{g} {len(F.feature_names([g]))}' for g in F.GROUPS)}")
        print(f"{'cold extract (empty cache: decode + all stages)':<56}{c * 1e3:10.1f} ms/file")
        print(f"{'warm extract (fast path, no decoding)':<56}{w * 1e3:10.2f} ms/file   ratio {c / w:7.0f}x")
        print(f"{'warm extract, file rehashed (first read in a process)':<56}{f1 * 1e3:10.2f} ms/file   ratio {c / f1:7.0f}x")
        print(f"warm feature_matrix over {a.songs} files (hashes cleared first): {t_matrix * 1e3:.0f} ms "
              f"({t_matrix / a.songs * 1e3:.1f} ms/file) vs {sum(cold):.1f} s cold in total: {sum(cold) / t_matrix:.0f}x")
        print(f"cache: {sum(st['entries'].values())} entries in {len(st['entries'])} namespaces, {st['disk_bytes'] / 1e6:.1f} MB on disk "
              f"({st['disk_bytes'] / a.songs / 1e3:.0f} kB/file), hits {st['hits']}, misses {st['misses']}")
        cache.close()


if __name__ == '__main__':
    main()
