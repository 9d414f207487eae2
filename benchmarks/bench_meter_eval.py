"""Benchmark: a meter evaluation cold (empty feature cache) against warm (as after retraining MeterNet: only the forward pass reruns).

Run: `.venv/bin/python benchmarks/bench_meter_eval.py [--songs 20] [--seconds 20 30] [--model shipped|untrained]`

Renders `--songs` seeded synthetic songs (meters 2/4, 3/4, 4/4, 5/4, 6/8, 7/8; 70-150 bpm; 20-30 s each) into a temporary
folder with a meter manifest, extracts one short file first so that librosa's numba kernels are compiled before timing, then
times `evaluate_meter` over the manifest twice, in this process (workers=1), without bootstrap intervals:
cold = every file decoded and analysed into an empty temporary cache, then the forward pass;
warm = a second MeterNet (another seed: a retrained model) on the same cache, with the file-content hash memo cleared (as in
a fresh process) and the decoder replaced by one that raises, so the warm run provably decodes nothing.
The model is the shipped MeterNet when the package has one (`--model shipped`, the default; an untrained one otherwise) or
a freshly initialised MeterNet over every feature group (`--model untrained`). Prints both times, their ratio (the issue
asks for >= 50x) and, for reference, the warm time with the default 1000 bootstrap resamples.
"""
import os
for _k in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS'): os.environ.setdefault(_k, '1')

import argparse, sys, tempfile, time, warnings
from pathlib import Path
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the repository's music_lib, installed or not
import torch
from music_lib import cache as mc
from music_lib.audio import save_audio
from music_lib.corpus import synth_song
from music_lib.manifest import make_row, write_manifest
from music_lib.render import render_midi
from music_lib.rhythm.meter import features as F
from music_lib.rhythm.meter.data import meter_class
from music_lib.rhythm.meter.evaluate import evaluate_meter
from music_lib.rhythm.meter.infer import DEFAULT_METER_MODEL
from music_lib.rhythm.meter.model import MeterNet

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_meter_cache import METERS, songs                    # the same seeded songs as the feature benchmark


def dataset(folder:Path, n:int, lo:float, hi:float, seed:int=0) -> Path:
    "The feature benchmark's `n` songs of `lo`..`hi` seconds with a meter manifest (split 'test'); return the manifest."
    rows = []
    for i, p in enumerate(songs(folder, n, lo, hi, seed)):
        num, den = METERS[i % len(METERS)]
        rows.append(make_row(p, folder, split='test', group=f'song{i:02d}', license='CC0', source='synthetic',
                             meta={'meter': f'{num}/{den}', 'class': meter_class((num, den)), 'song': f'song{i:02d}'}))
    return write_manifest(folder / 'manifest.jsonl', rows)


def untrained(seed:int) -> MeterNet:
    torch.manual_seed(seed)
    names = F.feature_names()
    return MeterNet(len(names), feature_names=names, groups=F.GROUPS).eval()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--songs', type=int, default=20)
    ap.add_argument('--seconds', type=float, nargs=2, default=(20.0, 30.0))
    ap.add_argument('--model', choices=['shipped', 'untrained'], default='shipped')
    a = ap.parse_args()
    shipped = a.model == 'shipped' and DEFAULT_METER_MODEL.is_file()
    m1, m2 = (DEFAULT_METER_MODEL, DEFAULT_METER_MODEL) if shipped else (untrained(0), untrained(1))
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        t0 = time.perf_counter(); man = dataset(tmp, a.songs, *a.seconds); t_render = time.perf_counter() - t0
        warmup = save_audio(tmp / 'warmup.wav', render_midi(synth_song((4, 4), 2, seed=99), sr=16000), 16000)
        F.extract(warmup, cache=mc.Cache(tmp / 'warmup.lmdb'))           # numba compilation, outside the timings
        cache = mc.Cache(tmp / 'features.lmdb')
        kw = dict(split='test', workers=1, cache=cache, progress=False, n_boot=0)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            t0 = time.perf_counter(); cold = evaluate_meter(man, model=m1, **kw); t_cold = time.perf_counter() - t0
            decode = F.decode
            def no_decode(path): raise AssertionError(f"the warm evaluation decoded {path}")
            F.decode = no_decode
            try:
                mc._FILE_MEMO.clear()
                t0 = time.perf_counter(); warm = evaluate_meter(man, model=m2, **kw); t_warm = time.perf_counter() - t0
                t0 = time.perf_counter(); evaluate_meter(man, model=m2, **(kw | dict(n_boot=1000))); t_boot = time.perf_counter() - t0
            finally: F.decode = decode
    assert cold.summary['errors'] == 0 and warm.summary['errors'] == 0, 'files failed'
    n = len(cold.results)
    what = 'shipped MeterNet' if shipped else 'untrained MeterNet (two seeds)'
    print(f"{n} rendered songs ({a.seconds[0]:g}-{a.seconds[1]:g} s) in {t_render:.1f} s; model: {what}; workers=1, no bootstrap")
    print(f"{'cold evaluation (empty cache: decode + analyse + forward)':<62}{t_cold:9.2f} s  ({t_cold / n * 1e3:.0f} ms/file)")
    print(f"{'warm evaluation (retrained model: cache reads + forward)':<62}{t_warm:9.3f} s  ({t_warm / n * 1e3:.1f} ms/file)"
          f"  forward pass {warm.settings['seconds_model'] * 1e3:.1f} ms")
    print(f"{'ratio cold / warm':<62}{t_cold / t_warm:9.1f} x  (target >= 50 x)")
    print(f"{'warm evaluation with 1000 song-bootstrap resamples':<62}{t_boot:9.3f} s")
    print(f"accuracy cold {cold.summary['accuracy']:.2f}, warm {warm.summary['accuracy']:.2f}")


if __name__ == '__main__': main()
