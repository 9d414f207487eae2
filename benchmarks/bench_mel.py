"""Benchmark: music_lib's torch mel front-end against librosa, on one CPU thread.

Run: `.venv/bin/python benchmarks/bench_mel.py [--seconds 60] [--repeats 11]`

For each preset in `music_lib.audio.PRESETS`, on a deterministic synthetic signal (tones with vibrato,
noise bursts, clicks, a -80 dBFS noise floor), prints the median over the repeats of:
librosa `melspectrogram` + `power_to_db` (+ the preset's clip), `MelFrontend` in float32 and float64,
their ratios (librosa / ours), and the largest absolute difference (dB) from librosa. The timings are
interleaved (librosa, ours, ours, ...) so that drifts in machine load hit all of them alike.
"""
import os
for _k in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'NUMEXPR_NUM_THREADS',
           'VECLIB_MAXIMUM_THREADS', 'NUMBA_NUM_THREADS'):
    os.environ[_k] = '1'                     # before numpy / torch / librosa are imported

import argparse, dataclasses, platform, sys, time, warnings
from pathlib import Path
import numpy as np
import torch
import librosa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the repository's music_lib, installed or not
from music_lib.audio import PRESETS, MelFrontend

torch.set_num_threads(1)
warnings.filterwarnings('ignore')


def synth(sr:int, seconds:float, seed:int=0) -> np.ndarray:
    "A deterministic test signal: tones with vibrato, noise bursts, clicks and a -80 dBFS noise floor."
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * sr)) / sr
    y = np.zeros_like(t)
    for f, a in [(110, 0.10), (220, 0.08), (440, 0.06), (1320, 0.04), (3520, 0.02)]:
        y += a * np.sin(2 * np.pi * f * t + 3 * np.sin(2 * np.pi * 0.3 * t))
    bursts = (np.sin(2 * np.pi * 0.25 * t) > 0.8).astype(float)
    y += 0.05 * bursts * rng.standard_normal(len(t))
    y[::sr // 2] += 0.5
    y += 1e-4 * rng.standard_normal(len(t))
    return (0.9 * y / np.abs(y).max()).astype(np.float32)


def librosa_db(y:np.ndarray, p) -> np.ndarray:
    "The librosa reference for preset p, (n_mels, time)."
    kw = dict(sr=p.sr, n_fft=p.n_fft, hop_length=p.hop_length, win_length=p.win_length, n_mels=p.n_mels,
              fmin=p.fmin, fmax=p.fmax, window=p.window, power=p.power, htk=False, norm='slaney')
    if p.padding == 'causal':
        S = librosa.feature.melspectrogram(y=np.pad(y, (p.n_fft - p.hop_length, 0)), center=False, **kw)
    else:
        S = librosa.feature.melspectrogram(y=y, center=True, pad_mode='constant', **kw)
    db = librosa.power_to_db(S, ref=np.max if p.ref == 'max' else p.ref, amin=p.amin, top_db=p.top_db)
    return np.clip(db, *p.clip) if p.clip is not None else db


def fft_floor(y:torch.Tensor, p, chunk:int=128):
    "Just the windowed real FFTs of all frames, in the chunks the front-end uses: the part no mel trick removes."
    fr = torch.nn.functional.pad(y, (p.n_fft - p.hop_length, 0) if p.padding == 'causal' else (p.n_fft // 2, p.n_fft // 2)).unfold(0, p.n_fft, p.hop_length)
    w = torch.hann_window(p.n_fft); buf = torch.empty(chunk, p.n_fft)
    for c0 in range(0, fr.shape[0], chunk):
        n = min(chunk, fr.shape[0] - c0)
        torch.fft.rfft(torch.mul(fr[c0:c0 + n], w, out=buf[:n]))


def median_times(fns:dict, repeats:int) -> dict:
    "Median wall time (ms) of each function, repeats interleaved, after one warm-up call each."
    for f in fns.values(): f()
    ts = {k: [] for k in fns}
    for _ in range(repeats):
        for k, f in fns.items():
            t0 = time.perf_counter(); f(); ts[k].append(time.perf_counter() - t0)
    return {k: 1e3 * float(np.median(v)) for k, v in ts.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seconds', type=float, default=60.0, help='length of the test signal (s)')
    ap.add_argument('--repeats', type=int, default=11, help='timed repeats (median reported; at least 7)')
    args = ap.parse_args()
    if args.repeats < 7: ap.error('--repeats must be at least 7')
    print(f"mel front-end vs librosa {librosa.__version__}: {args.seconds:g} s of audio, one thread "
          f"(torch {torch.__version__}, {torch.get_num_threads()} thread), median of {args.repeats}, {platform.processor() or platform.machine()}")
    head = f"{'preset':8s} {'librosa':>9s} {'ours f32':>9s} {'ratio':>6s} {'max|diff|':>10s} {'<100dB':>8s} {'ours f64':>9s} {'ratio':>6s} {'max|diff|':>10s} {'FFT only':>9s}"
    print(head); print('-' * len(head))
    for name, p in PRESETS.items():
        y = synth(p.sr, args.seconds); yt = torch.from_numpy(y)
        f32, f64 = MelFrontend(p), MelFrontend(p, dtype=torch.float64)
        ref = librosa_db(y, p).T
        with torch.no_grad():
            o32, o64 = f32(yt).numpy(), f64(yt).numpy()
            t = median_times({'librosa': lambda: librosa_db(y, p), 'f32': lambda: f32(yt), 'f64': lambda: f64(yt),
                              'fft': lambda: fft_floor(yt, p)}, args.repeats)
        raw = librosa_db(y, dataclasses.replace(p, ref=1.0, top_db=None, clip=None)).T
        resolvable = raw - raw.max(axis=1, keepdims=True) > -100
        d32, d64 = np.abs(o32 - ref), np.abs(o64 - ref)
        print(f"{name:8s} {t['librosa']:7.1f}ms {t['f32']:7.1f}ms {t['librosa'] / t['f32']:5.2f}x {d32.max():8.4f}dB {d32[resolvable].max():6.4f}dB "
              f"{t['f64']:7.1f}ms {t['librosa'] / t['f64']:5.2f}x {d64.max():8.6f}dB {t['fft']:7.1f}ms")
    print("ratio = librosa / ours; max|diff| over all frames and bands; <100dB: over bands within 100 dB of their frame's peak;\n"
          "FFT only = the windowed float32 rFFTs of all frames, which bounds our time from below.")


if __name__ == '__main__':
    main()
