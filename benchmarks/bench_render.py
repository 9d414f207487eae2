"""Benchmark: music_lib's NumPy SoundFont synth against midirenderer (rustysynth), on one pinned CPU core.

Run: `.venv/bin/python benchmarks/bench_render.py [--seconds 30] [--repeats 7] [--sr 16000]`

Input: `music_lib.test_utils.four_part_song` (deterministic: chords, bass, melody, GM drums; humanised lengths and
velocities), once with piano chords and once with a five-layer string pad, rendered with the default SoundFont
(TimGM6mb) to mono at `--sr`. Prints medians over the repeats (timings interleaved, so drifts in machine load hit
both backends alike) of:
  - numpy backend, warm: a PrettyMIDI in, audio out, SoundFont parsed and its sample cache filled (a corpus render's steady state);
  - numpy backend, from .mid bytes: the same including pretty_midi's parsing of the file;
  - numpy backend, cold: a freshly parsed SoundFont, so the render also resamples (and filters) every sample it uses;
  - midirenderer: .mid bytes -> 48 kHz stereo WAV -> mono mean -> soxr HQ resample to `--sr`;
as seconds, x real time, and the ratio midirenderer / numpy. Also the one-time costs: parsing the SoundFont, and
resampling all of its samples to `--sr` (what a render would pay if it used every sample).
"""
import os
for _k in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'NUMEXPR_NUM_THREADS',
           'VECLIB_MAXIMUM_THREADS', 'NUMBA_NUM_THREADS', 'RAYON_NUM_THREADS'):
    os.environ[_k] = '1'                     # before numpy / scipy / soxr / midirenderer are imported
if hasattr(os, 'sched_setaffinity'): os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})   # one core

import argparse, io, platform, statistics, sys, time, warnings
from pathlib import Path
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the repository's music_lib, installed or not
from music_lib.render import SoundFont, default_soundfont, render_midi
from music_lib.test_utils import four_part_song

warnings.filterwarnings('ignore')


def timed(fn):
    t = time.perf_counter(); out = fn(); return time.perf_counter() - t, out


def bench(name, pm, sr, repeats):
    seconds = pm.get_end_time()
    buf = io.BytesIO(); pm.write(buf); mid = buf.getvalue()
    sfont = SoundFont(default_soundfont())
    t_cold, _ = timed(lambda: render_midi(pm, sr=sr, soundfont=sfont))                      # fills the sample cache
    colds = [t_cold] + [timed(lambda: render_midi(pm, sr=sr, soundfont=SoundFont(default_soundfont())))[0] for _ in range(2)]
    warm, mbytes, ref = [], [], []
    for _ in range(repeats):                                                                  # interleaved
        warm.append(timed(lambda: render_midi(pm, sr=sr, soundfont=sfont))[0])
        mbytes.append(timed(lambda: render_midi(mid, sr=sr, soundfont=sfont))[0])
        ref.append(timed(lambda: render_midi(mid, sr=sr, soundfont=sfont, backend='midirenderer'))[0])
    med = statistics.median
    rows = [('numpy, warm (PrettyMIDI in)', med(warm)), ('numpy, warm (.mid bytes in)', med(mbytes)),
            ('numpy, cold (fresh SoundFont)', med(colds)), ('midirenderer + resample + mono', med(ref))]
    print(f'\n{name}: {seconds:.1f} s of music, {sum(len(i.notes) for i in pm.instruments)} notes, sr {sr} Hz, median of {repeats}')
    print(f'  {"":34s} {"seconds":>9s} {"x real time":>12s}')
    for label, t in rows: print(f'  {label:34s} {t:9.3f} {seconds / t:12.0f}')
    print(f'  midirenderer / numpy: {med(ref) / med(warm):.1f}x (warm), {med(ref) / med(colds):.1f}x (cold)')
    return med(warm), med(ref)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seconds', type=float, default=30.0); ap.add_argument('--repeats', type=int, default=7)
    ap.add_argument('--sr', type=int, default=16000)
    a = ap.parse_args()
    print(f'{platform.processor() or platform.machine()}, Python {platform.python_version()}, numpy {np.__version__}, '
          f'pinned to core(s) {sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"}')
    t_parse = statistics.median(timed(lambda: SoundFont(default_soundfont()))[0] for _ in range(5))
    sfont = SoundFont(default_soundfont()); bank = sfont._bank(a.sr)
    t_all, _ = timed(lambda: [bank.array(i, None, None) for i, s in enumerate(sfont.samples) if s.rate > 0])
    print(f'one-time: parse TimGM6mb {t_parse * 1e3:.0f} ms; resample all {len(sfont.samples)} samples to {a.sr} Hz {t_all:.2f} s '
          f'(renders resample lazily: only the samples they use)')
    for name, prog in (('piano chords', 0), ('string-pad chords', 48)):
        bench(f'four_part_song({a.seconds:g}), {name}', four_part_song(a.seconds, chord_program=prog), a.sr, a.repeats)


if __name__ == '__main__': main()
