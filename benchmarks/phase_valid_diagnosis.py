"""Where the shipped bar-phase model loses downbeats, measured on the default recipe's validation songs (never on its test split).

Run: `.venv/bin/python benchmarks/phase_valid_diagnosis.py --out DIR [--model CKPT] [--workers 2] [--n-boot 200]`

Makes the recipe's MIDI under `DIR/midi` (`recipe_songs`: the same music21 pieces, synthetic songs and song-level split as
`music-lib phase train --recipe default`), renders its *validation* songs twice, with a training SoundFont
(`FluidR3Mono_GM.sf3`) and with the held-out one (`MuseScore_General_Lite.sf3`), and evaluates the model on both at a = 0:
the usual report, then where the downbeats are lost (`PhaseEval.losses`: by source, by the bar the model follows, by meter
changes, with F1 at +-70 and +-150 ms). Renders resume; a second run only evaluates.

It then tries a causal post-filter on the predicted phase, an alpha-beta tracker (phase and rate per frame, the wrapped
residual of each new prediction corrected by alpha and beta): the pair is chosen on the training-SoundFont render and
scored once on the held-out-SoundFont render, both of validation songs. The filter is not part of the library; this shows
how much such smoothing can add.
"""
import argparse, itertools, sys, time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the repository's music_lib, installed or not
from music_lib.render import soundfonts_by_name
from music_lib.rhythm.phase.data import PhaseDataConfig, render_and_chop
from music_lib.rhythm.phase.evaluate import evaluate_predictions, predict_chunks
from music_lib.rhythm.phase.infer import load_model
from music_lib.rhythm.phase.train import recipe_songs

SOUNDFONTS = {'training SoundFont': 'FluidR3Mono_GM.sf3', 'held-out SoundFont': 'MuseScore_General_Lite.sf3'}
GRID = list(itertools.product((0.5, 0.3, 0.2, 0.1), (0.02, 0.005, 0.001)))


def alpha_beta(phase:np.ndarray, alpha:float, beta:float, fps:float=50.0) -> np.ndarray:
    "Causal alpha-beta smoothing of a phase series (cycles): predict phase + rate, correct by the wrapped residual."
    u = np.unwrap(phase[:int(fps)] * 2 * np.pi) / (2 * np.pi)
    ph, rate, out = float(phase[0]), float(u[-1] - u[0]) / max(len(u) - 1, 1), np.empty_like(phase)
    for t, x in enumerate(phase):
        pred = ph + rate
        res = (x - pred + 0.5) % 1.0 - 0.5
        ph, rate = pred + alpha * res, rate + beta * res
        out[t] = ph % 1.0
    return out


def scores(ev) -> str:
    o = ev.overall(0.0)
    by = '  '.join(f"{r['key']} {r['f1']:.3f} / {r['median_err']:.4f}" for r in ev.table('source', 0.0))
    return f"F1 {o['f1']:.3f}  median error {o['median_err']:.4f} bar  | {by}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', required=True, help='working folder (MIDI and the two validation renders go here; resumable)')
    ap.add_argument('--model', default=None, help='bar-phase checkpoint; default: the shipped model')
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--n-boot', type=int, default=200)
    a = ap.parse_args()
    root, t0 = Path(a.out), time.time()
    valid = recipe_songs(root, workers=a.workers)['valid']
    print(f"{len(valid)} validation songs ({sum(s['source'] == 'music21' for s in valid)} music21) in {time.time() - t0:.0f} s", flush=True)
    sfs = soundfonts_by_name({k: (v,) for k, v in SOUNDFONTS.items()}, 'this diagnosis')
    model, preds = load_model(a.model), {}
    for name, sf in sfs.items():
        t1 = time.time()
        s = render_and_chop(root / f'valid_{sf[0].stem}', valid, soundfonts=sf, cfg=PhaseDataConfig(), workers=a.workers)
        man = root / f'valid_{sf[0].stem}' / 'manifest.jsonl'
        preds[name] = (man, predict_chunks(model, man, progress=False))
        ev = evaluate_predictions({0.0: preds[name][1]}, man, n_boot=a.n_boot)
        print(f"\n## Validation songs, {name} ({sf[0].name}): {s['chunks']} chunks, {s['hours']} h, rendered and scored in {time.time() - t1:.0f} s\n", flush=True)
        print(ev.report_table(), flush=True)
    print("\n## A causal alpha-beta smoother on the predicted phase (chosen on the training-SoundFont render)\n")
    man, ps = preds['training SoundFont']
    raw = evaluate_predictions({0.0: ps}, man, n_boot=0)
    print(f"{'none':<16} {scores(raw)}")
    best = None
    for al, be in GRID:
        ev = evaluate_predictions({0.0: [alpha_beta(p, al, be) for p in ps]}, man, n_boot=0)
        print(f"{f'a={al} b={be}':<16} {scores(ev)}", flush=True)
        if best is None or ev.overall(0.0)['f1'] > best[0]: best = (ev.overall(0.0)['f1'], al, be)
    man, ps = preds['held-out SoundFont']
    before = evaluate_predictions({0.0: ps}, man, n_boot=0)
    after = evaluate_predictions({0.0: [alpha_beta(p, best[1], best[2]) for p in ps]}, man, n_boot=0)
    print(f"\nchosen a={best[1]} b={best[2]}; held-out-SoundFont render of the validation songs:\n  without {scores(before)}\n  with    {scores(after)}")
    print(f"\ntotal {time.time() - t0:.0f} s")


if __name__ == '__main__':
    main()
