"""Benchmark: a warm read from `music_lib.cache` against recomputing the mel spectrogram of 60 s of audio.

Run: `.venv/bin/python benchmarks/bench_cache.py [--seconds 60] [--sr 16000] [--repeats 21]`

Writes a deterministic 60 s wav to a temporary folder. Recompute = `load_audio` (decode) + `audio.mel` (the 'rhythm'
preset). Warm read = calling the cached function once its entry exists (key from the file's content hash, with the
in-process (path, size, mtime_ns) memo, then an LMDB read and decode); also timed with the file-hash memo cleared
(the first read of a file in a fresh process). Each repeat times, in turn: a recompute, the warm read right
after it (CPU caches and allocator cold from the recompute), a second warm read back to back, and a warm read with
the file-hash memo cleared; prints the median of each over the repeats and the ratios to the recompute. Then shows invalidation: a module with a helper, a function that
declares it as a dependency and an unrelated function is cached, the helper's source is edited and the module
reloaded: only the dependent function's entries miss.
"""
import os
for _k in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS'): os.environ.setdefault(_k, '1')

import argparse, importlib, statistics, sys, tempfile, time
from pathlib import Path
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the repository's music_lib, installed or not
from music_lib import cache as mc
from music_lib.audio import load_audio, mel, save_audio

torch.set_num_threads(1)


def mel_of(path, *, preset:str='rhythm'):
    "dB mel spectrogram of an audio file: decode (resampled to 16 kHz) + mel."
    y, sr = load_audio(path, sr=16000)
    return mel(y, preset=preset)


def signal(seconds:float, sr:int, seed:int=0) -> np.ndarray:
    "Deterministic test audio: two tones with vibrato, clicks every half second and a little noise."
    t = np.arange(int(seconds * sr)) / sr
    y = 0.2 * np.sin(2 * np.pi * 220 * t + 3 * np.sin(2 * np.pi * 0.3 * t)) + 0.1 * np.sin(2 * np.pi * 1320 * t)
    y[::sr // 2] += 0.5
    y += 1e-3 * np.random.default_rng(seed).standard_normal(len(t))
    return (0.9 * y / np.abs(y).max()).astype(np.float32)


MOD = '''
from music_lib.cache import cached, Cache
CACHE = Cache({path!r})

def helper(m): return m * {k}

@cached('scaled', deps=[helper], cache=CACHE)
def scaled(m): return helper(m)

@cached('energy', cache=CACHE)
def energy(m): return float(abs(m).mean())
'''


def invalidation_demo(tmp:Path, m:np.ndarray):
    "Edit a dependency's source and show which entries still hit."
    mdir = tmp / 'mods'; mdir.mkdir()
    sys.path.insert(0, str(mdir)); sys.dont_write_bytecode = True
    src = mdir / 'bench_cache_mod.py'
    src.write_text(MOD.format(path=str(tmp / 'demo.lmdb'), k=2))
    mod = importlib.import_module('bench_cache_mod')
    inputs = [m[i::4] for i in range(4)]
    mc.warm(mod.scaled, inputs, progress=False); mc.warm(mod.energy, inputs, progress=False)
    before = (sum(mod.scaled.is_cached(x) for x in inputs), sum(mod.energy.is_cached(x) for x in inputs))
    src.write_text(MOD.format(path=str(tmp / 'demo.lmdb'), k=3))    # edit helper()
    mod = importlib.reload(mod)
    after = (sum(mod.scaled.is_cached(x) for x in inputs), sum(mod.energy.is_cached(x) for x in inputs))
    ok = after == (0, len(inputs)) and before == (len(inputs), len(inputs))
    print(f"\ninvalidation: {len(inputs)} inputs; cached before the edit: scaled {before[0]}, energy {before[1]}; "
          f"after editing helper() (a dependency of scaled only): scaled {after[0]}, energy {after[1]} "
          f"-> {'only the dependent entries were invalidated' if ok else 'UNEXPECTED'}")
    print(f"entries per namespace (scaled's are from the old code, never read again): {mod.CACHE.counts()}; "
          f"stale entries removed by prune(): {mod.CACHE.prune()}; left: {mod.CACHE.counts()}")
    mod.CACHE.close()
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seconds', type=float, default=60.0)
    ap.add_argument('--sr', type=int, default=16000, help='sample rate of the wav written (decode resamples to 16 kHz)')
    ap.add_argument('--repeats', type=int, default=21)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        wav = tmp / 'sixty.wav'
        save_audio(wav, signal(a.seconds, a.sr), a.sr)
        cache = mc.Cache(tmp / 'analysis.lmdb')
        f = cache.memo(mel_of, namespace='mel', deps=[load_audio, mel])
        ref = f(wav)                                       # fill (and warm up torch)
        f.uncached(wav)
        assert f.is_cached(wav)
        t_re, t_after, t_warm, t_cold = [], [], [], []
        def timed(call, out):
            "Time one call, check its result, drop it (as a loop over items would)."
            t0 = time.perf_counter(); m = call(wav); out.append(time.perf_counter() - t0)
            assert np.array_equal(m, ref)
        for _ in range(a.repeats):
            timed(f.uncached, t_re)
            timed(f, t_after)
            timed(f, t_warm)
            mc._FILE_MEMO.clear()
            timed(f, t_cold)
        re_, after, warm, cold = (statistics.median(t) for t in (t_re, t_after, t_warm, t_cold))
        st = cache.stats('mel')
        print(f"mel of {a.seconds:g} s of audio ({wav.stat().st_size / 1e6:.1f} MB wav at {a.sr} Hz), spectrogram {ref.shape} {ref.dtype}; "
              f"median of {a.repeats} repeats, torch threads: {torch.get_num_threads()}")
        print(f"{'recompute (decode + mel)':<52}{re_ * 1e3:9.3f} ms")
        print(f"{'warm read, back to back':<52}{warm * 1e3:9.3f} ms   ratio {re_ / warm:7.1f}x")
        print(f"{'warm read right after a recompute (cold CPU caches)':<52}{after * 1e3:9.3f} ms   ratio {re_ / after:7.1f}x")
        print(f"{'warm read, file rehashed (first read in a process)':<52}{cold * 1e3:9.3f} ms   ratio {re_ / cold:7.1f}x")
        print(f"cache stats (mel): entries {st['entries']}, hits {st['hits']}, misses {st['misses']}, hit rate {st['hit_rate']:.3f}, "
              f"{st['disk_bytes'] / 1e6:.2f} MB on disk")
        cache.close()
        ok = invalidation_demo(tmp, ref)
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
