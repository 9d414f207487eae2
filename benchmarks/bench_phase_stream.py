"""Benchmark: the streaming bar-phase step (ONNX, mel front-end inside) on one CPU thread, against torch eager.

Run: `.venv/bin/python benchmarks/bench_phase_stream.py [--model CKPT|untrained] [--arch tcn|gru] [--seconds 30] [--blocks 1,5,25]`

Exports the step (`export_phase`: the shipped default model, a checkpoint, or with `--model untrained` an untrained model of `--arch`), renders a
deterministic song, and streams it block by block through onnxruntime (`PhaseStream`, one intra-op thread: blocks of 1-2
frames through the one-frame graph where the export has one, longer blocks through the block graph), through the block
graph alone (`PhaseStream(..., frame_graph=False)`, what every block used before the one-frame graph) and through the torch step
(`PhaseStep`, `torch.set_num_threads(1)`), in whole passes that alternate between the engines (`--rounds`), so that each
runs with warm caches, as it would alone, and load drifts hit all of them.
Per block size it prints the median and 95th-percentile latency per block, the real-time factor (median latency / block
duration; the target is <= 0.01), the whole-file real-time factor, the block graph's median and its ratio to the stream's,
torch / onnx, and the largest circular difference.
"""
import os
for _k in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS'):
    os.environ[_k] = '1'                     # before numpy / torch are imported

import argparse, io, platform, sys, tempfile, time
from pathlib import Path
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the repository's music_lib, installed or not
from music_lib.render import render_midi
from music_lib.test_utils import four_part_song
from music_lib.rhythm.phase.model import PhaseTCN, PhaseGRU, load_phase_model
from music_lib.rhythm.phase.export import export_phase, PhaseStep, PhaseStream
from music_lib.rhythm.phase.infer import DEFAULT_MODEL

torch.set_num_threads(1)


def song(seconds:float) -> np.ndarray:
    "A deterministic rendered four-part song at 16 kHz."
    buf = io.BytesIO(); four_part_song(seconds, seed=7).write(buf)
    return render_midi(buf.getvalue(), sr=16000)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--model', default=None, help="a phase checkpoint; default: the shipped model (if the package has one); 'untrained': an untrained model of --arch")
    ap.add_argument('--arch', default='tcn', choices=['tcn', 'gru'])
    ap.add_argument('--seconds', type=float, default=30.0, help='length of the test song (s)')
    ap.add_argument('--blocks', default='1,5,25', help='block sizes in 20 ms frames, comma-separated')
    ap.add_argument('--anticipation', type=float, default=0.25)
    ap.add_argument('--rounds', type=int, default=3, help='passes over the song per engine (alternating)')
    args = ap.parse_args()
    torch.manual_seed(0)
    if args.model is None and DEFAULT_MODEL.is_file(): args.model = str(DEFAULT_MODEL)
    untrained = args.model in (None, 'untrained')
    model = (PhaseTCN() if args.arch == 'tcn' else PhaseGRU()) if untrained else load_phase_model(args.model)
    model.eval()
    y = song(args.seconds)
    with tempfile.TemporaryDirectory() as d:
        path = export_phase(model, Path(d) / 'phase.onnx')
        size = path.stat().st_size / 1e6
        stream = PhaseStream(path, anticipation=args.anticipation, threads=1)
        blocks = PhaseStream(path, anticipation=args.anticipation, threads=1, frame_graph=False)
        step = PhaseStep(model).eval()
        import onnxruntime
        print(f"streaming phase step ({'untrained ' if untrained else ''}{type(model).__name__} from {'--arch' if untrained else Path(args.model).name}, {sum(p.numel() for p in model.parameters()) / 1e3:.0f} k parameters, "
              f"{size:.1f} MB ONNX) on {args.seconds:g} s of audio, one thread; onnxruntime {onnxruntime.__version__}, "
              f"torch {torch.__version__}, {platform.processor() or platform.machine()}")
        print(f"one-frame graph: {'yes' if stream.fsess is not None else 'no (not a PhaseTCN)'}")
        print(f"{'block':>12} {'onnx median':>12} {'p95':>8} {'RTF':>7} {'file RTF':>9} | {'block graph':>11} {'ratio':>6} | {'torch median':>12} {'RTF':>7} | {'torch/onnx':>10} {'max diff':>9}")
        a = torch.tensor([args.anticipation])
        for frames in [int(b) for b in args.blocks.split(',')]:
            B = frames * 320
            to, tb, tt = [], [], []
            for r in range(args.rounds):                           # whole passes, engines alternating: each runs with warm caches
                for eng, acc in ((stream, to), (blocks, tb)):
                    eng.reset(); ts, po = [], []
                    for s in range(0, len(y) - B + 1, B):
                        t0 = time.perf_counter(); po.append(eng(y[s:s + B])); ts.append(time.perf_counter() - t0)
                    acc += ts[1:]                                  # the first call of a pass warms up
                    if eng is stream: p_stream = po
                st, ts, pt = step.init_state(1), [], []
                with torch.no_grad():
                    for s in range(0, len(y) - B + 1, B):
                        t0 = time.perf_counter(); ph, _, *st = step(torch.from_numpy(y[s:s + B])[None], a, *st); ts.append(time.perf_counter() - t0)
                        pt.append(ph[0].numpy())
                tt += ts[1:]
            to, tb, tt = np.array(to), np.array(tb), np.array(tt)
            dur = B / 16000
            d = np.abs(np.concatenate(p_stream) - np.concatenate(pt)) % 1; diff = float(np.minimum(d, 1 - d).max())
            print(f"{frames:>4} frames {1e3 * dur:>4.0f} ms {1e3 * np.median(to):>9.3f} ms {1e3 * np.percentile(to, 95):>6.2f} {np.median(to) / dur:>7.4f} "
                  f"{to.sum() / (len(to) * dur):>9.4f} | {1e3 * np.median(tb):>8.3f} ms {np.median(tb) / np.median(to):>5.2f}x | {1e3 * np.median(tt):>9.3f} ms {np.median(tt) / dur:>7.4f} | "
                  f"{np.median(tt) / np.median(to):>9.1f}x {diff:>9.1e}")


if __name__ == '__main__':
    main()
