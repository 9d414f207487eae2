#!/usr/bin/env python
"""The default test suite: sync checks, then every notebook in nbs/ run as a test (like `nbdev_test`), counted.

Ends with one line `N passed, N failed` (nbdev_test itself only prints "Success.").
  --flags slow     also run cells flagged `#|slow`
  --path GLOB      only notebooks matching GLOB (relative to nbs/)
  --workers N      notebooks run in parallel (default: number of CPUs, at most 4)"""
import argparse, os, shutil, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

def _snapshot(pattern):
    return {p: p.read_bytes() for p in ROOT.glob(pattern) if '.ipynb_checkpoints' not in p.parts}

def check_unchanged(name, cmd, pattern):
    "Run `cmd`; the check passes if it changed no file matching `pattern`."
    before = _snapshot(pattern)
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    after = _snapshot(pattern)
    changed = sorted(str(p.relative_to(ROOT)) for p in set(before) | set(after) if before.get(p) != after.get(p))
    if r.returncode != 0: return False, f"{name}: `{' '.join(map(str, cmd))}` failed:\n{r.stderr[-2000:]}"
    if changed: return False, f"{name}: it changed {changed}; run `make export` and commit the result"
    return True, name

# numba writes its on-disk caches (librosa's kernels, ours) without locking: processes compiling the same function at once
# in a fresh environment can crash (SIGSEGV). So every notebook gets a private cache folder, a copy of one where the
# kernel most notebooks use (the mel front-end's) was compiled once.
WARM = """import numpy as np, tempfile
from pathlib import Path
from music_lib.audio import mel, save_audio
from music_lib.cache import Cache
from music_lib.test_utils import click_track
mel(np.zeros(16000, 'float32'), preset='rhythm')
from music_lib.rhythm.meter.features import extract     # librosa's onset, beat, chroma and tempogram kernels
with tempfile.TemporaryDirectory() as d:
    y, _ = click_track(bpm=120, bars=4, meter=(3, 4))
    save_audio(Path(d) / 'c.wav', y, 16000)
    extract(Path(d) / 'c.wav', cache=Cache(Path(d) / 'c.lmdb'))"""

def warm_numba(tmp):
    "Compile the numba kernels once into `tmp/numba` (concurrent processes compiling into one on-disk cache can crash); return that folder."
    d = Path(tmp) / 'numba'
    subprocess.run([sys.executable, '-c', WARM], cwd=ROOT, capture_output=True, env=os.environ | {'NUMBA_CACHE_DIR': str(d)})
    d.mkdir(exist_ok=True)
    return d

def run_nb(path, skip, force, numba_dir):
    "Run one notebook in a fresh Python process: a crash (a signal, running out of memory) fails this notebook only."
    t0 = time.time()
    own = Path(numba_dir).with_name(f'numba-{Path(path).stem}')
    shutil.copytree(numba_dir, own, dirs_exist_ok=True)
    cmd = [sys.executable, __file__, '--one', str(path), '--skip', ' '.join(skip), '--flags', ' '.join(force)]
    env = os.environ | {'MPLBACKEND': 'Agg', 'PYTHONFAULTHANDLER': '1', 'NUMBA_CACHE_DIR': str(own)}
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        why = f'killed by signal {-r.returncode}' if r.returncode < 0 else f'exit code {r.returncode}'
        tail = (r.stdout + r.stderr)[-3000:]
        print(f'--- {Path(path).relative_to(ROOT)}: {why}\n{tail}', file=sys.stderr, flush=True)
    return r.returncode == 0, time.time() - t0

def _one(path, skip, force):
    from nbdev.test import test_nb
    ok, _ = test_nb(Path(path), skip_flags=skip, force_flags=force, basepath=ROOT)
    sys.exit(0 if ok else 1)

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--flags', default=''); ap.add_argument('--path', default='**/*.ipynb')
    ap.add_argument('--workers', type=int, default=min(os.cpu_count() or 1, 4))
    ap.add_argument('--no-checks', action='store_true', help='skip the sync checks')
    ap.add_argument('--one', default=None, help=argparse.SUPPRESS); ap.add_argument('--skip', default='', help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one: _one(a.one, a.skip.split(), a.flags.split())
    from nbdev.config import get_config
    skip = get_config(path=ROOT).tst_flags.split(); force = a.flags.split()
    passed = failed = 0
    def report(ok, msg):
        nonlocal passed, failed
        passed += ok; failed += not ok
        print(('PASS ' if ok else 'FAIL ') + msg, flush=True)
    if not a.no_checks:
        for name, cmd, pat in [('library in sync with notebooks (nbdev_export)', [BIN/'nbdev_export'], 'music_lib/**/*.py'),
                               ('notebooks clean (nbdev_clean)', [BIN/'nbdev_clean'], 'nbs/**/*.ipynb'),
                               ('README in sync with nbs/index.ipynb', [sys.executable, 'tools/make_readme.py'], 'README.md')]:
            report(*check_unchanged(name, cmd, pat))
    pat = a.path[4:] if a.path.startswith('nbs/') else a.path   # 'nbs/X.ipynb' and 'X.ipynb' both work
    nbs = sorted(p for p in (ROOT/'nbs').glob(pat) if '.ipynb_checkpoints' not in p.parts and not p.name.startswith('_'))
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix='music-lib-tests-') as tmp, ThreadPoolExecutor(max(1, a.workers)) as ex:
        numba_dir = warm_numba(tmp)
        futs = {ex.submit(run_nb, str(p), skip, force, numba_dir): p for p in nbs}
        for f in as_completed(futs):
            ok, secs = f.result()
            report(ok, f'{futs[f].relative_to(ROOT)} ({secs:.1f} s)')
    print(f'notebooks took {time.time() - t0:.0f} s with {a.workers} worker(s); flags run: {force or "none"}')
    print(f'{passed} passed, {failed} failed')
    sys.exit(1 if failed else 0)

if __name__ == '__main__': main()
