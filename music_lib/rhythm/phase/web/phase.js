// Bar phase in the browser: runs phase.onnx (written by music_lib.rhythm.phase.export.export_web; the mel
// front-end is inside the graph) on 16 kHz mono audio, one block of 20 ms frames at a time.
// Blocks of one or two frames run through the one-frame graph phase.frame.onnx where phase.json names one (as PhaseStream
// does in Python): the blocks' histories live in a ring here, and the graph reads two frames of each and returns the new one.
// URL options: ?audio=FILE&mode=whole|live&block=FRAMES&a=SECONDS&frame=0|1 (mode runs at once, for tests; frame=0: block graph only).
// Results go to window.phaseResult = {mode, times, phase, anticipation, blockFrames, graph, blockMs, lagMs, totalMs, audioS};
// times[i] is the end of frame i (s); phase[i] is the bar phase predicted for times[i] + anticipation.
'use strict';
const $ = id => document.getElementById(id);
const opt = new URLSearchParams(location.search);
const sleep = ms => new Promise(r => setTimeout(r, ms));
let meta, session, frameSession = null, audio = null, live = null, shown = { phase: 0, flash: 0 };

async function loadModel() {
  meta = await (await fetch('phase.json')).json();
  ort.env.wasm.numThreads = 1;                              // one thread: no cross-origin isolation needed
  ort.env.wasm.wasmPaths = new URL('vendor/', location.href).href;
  session = await ort.InferenceSession.create('phase.onnx', { executionProviders: ['wasm'] });
  if (meta.frame && opt.get('frame') !== '0')
    frameSession = await ort.InferenceSession.create(meta.frame.file, { executionProviders: ['wasm'] });
}

function initState() {                                      // audio context + model state at the start of a stream
  const st = {};
  for (const s of meta.states) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const data = 'fill' in s ? new Float32Array(n).fill(s.fill)
      : new Float32Array(Uint8Array.from(atob(s.init_b64), c => c.charCodeAt(0)).buffer);
    st[s.name + '_in'] = new ort.Tensor('float32', data, s.shape);
  }
  return st;
}

class Tracker {                                             // one stream: whole hops in, one phase per frame out
  constructor() { this.state = initState(); this.graph = 'block'; }
  async step(samples, a) {                                  // samples: Float32Array, a multiple of meta.hop long; a: seconds
    const out = await session.run({ audio: new ort.Tensor('float32', samples, [1, samples.length]),
                                    anticipation: new ort.Tensor('float32', Float32Array.of(a), [1]), ...this.state });
    for (const s of meta.states) this.state[s.name + '_in'] = out[s.name + '_out'];
    return Array.from(out.phase.data);
  }
}

class FrameTracker {                                        // the same stream through the one-frame graph, frame by frame
  constructor() {
    const f = meta.frame, init = initState();
    this.k = f.kernel; this.K = f.width; this.d = f.dilations; this.L = this.d.map(d => (f.kernel - 1) * d);
    this.o = []; let rows = 0;
    for (const L of this.L) { this.o.push(rows); rows += L; }
    this.ring = new Float32Array(rows * this.K);            // frame s of block b in row o[b] + s mod L[b]
    meta.states.slice(1).forEach((s, b) => {                // the initial histories (1, K, L), oldest first, are frames -L .. -1
      const h = init[s.name + '_in'].data, L = this.L[b];
      for (let j = 0; j < L; j++) for (let c = 0; c < this.K; c++) this.ring[(this.o[b] + j) * this.K + c] = h[c * L + j];
    });
    this.ctx = init.audio_ctx_in; this.t = 0; this.graph = 'frame';
  }
  async step(samples, a) {
    const { k, K, d, L, o } = this, hop = meta.hop, out = [];
    for (let i = 0; i + hop <= samples.length; i += hop) {
      const feeds = { audio: new ort.Tensor('float32', samples.slice(i, i + hop), [1, hop]),
                      anticipation: new ort.Tensor('float32', Float32Array.of(a), [1]), audio_ctx_in: this.ctx };
      d.forEach((db, b) => {                                // frames t - (k-1)d .. t - d of block b's input
        const taps = new Float32Array((k - 1) * K);
        for (let j = 0; j < k - 1; j++) { const r = o[b] + (this.t + j * db) % L[b]; taps.set(this.ring.subarray(r * K, (r + 1) * K), j * K); }
        feeds['taps' + b] = new ort.Tensor('float32', taps, [1, (k - 1) * K]);
      });
      const r = await frameSession.run(feeds);
      d.forEach((db, b) => this.ring.set(r['frame' + b].data, (o[b] + this.t % L[b]) * K));
      this.ctx = r.audio_ctx_out; this.t++; out.push(r.phase.data[0]);
    }
    return out;
  }
}

const newTracker = frames => frameSession && frames <= 2 ? new FrameTracker() : new Tracker();

async function decode(bytes) {                              // any format the browser reads -> 16 kHz mono
  const ab = await new OfflineAudioContext(1, 1, meta.sr).decodeAudioData(bytes);
  const y = new Float32Array(ab.length);
  for (let c = 0; c < ab.numberOfChannels; c++) {
    const x = ab.getChannelData(c);
    for (let i = 0; i < y.length; i++) y[i] += x[i] / ab.numberOfChannels;
  }
  return y;
}

const settings = () => ({ frames: +$('block').value, a: +$('ant').value });
const status = s => { $('status').textContent = s; };

function show(p) {                                          // newest phases: remember the last, flash on a wrap (downbeat)
  for (const v of p) { if (v < shown.phase - 0.5) shown.flash = performance.now(); shown.phase = v; }
}

function result(mode, phase, blockMs, lagMs, totalMs, s) {
  const times = phase.map((_, i) => (i + 1) * meta.hop / meta.sr);
  const med = x => x.length ? [...x].sort((a, b) => a - b)[x.length >> 1] : null;
  window.phaseResult = { mode, times, phase, anticipation: s.a, blockFrames: s.frames, graph: s.graph, blockMs, lagMs, totalMs, audioS: audio.length / meta.sr };
  status(`${mode}: ${phase.length} frames, median ${med(blockMs).toFixed(2)} ms per ${s.frames * 20} ms block` +
         (lagMs.length ? `, median lag ${med(lagMs).toFixed(1)} ms` : `, ${(totalMs / 1000 / (audio.length / meta.sr)).toFixed(4)} × real time`));
}

async function processWhole() {                             // as fast as possible, block after block
  const s = settings(), tr = newTracker(s.frames), B = s.frames * meta.hop, phase = [], blockMs = [];
  s.graph = tr.graph;
  const t0 = performance.now();
  for (let i = 0; i + meta.hop <= audio.length; i += B) {
    const n = Math.min(B, Math.floor((audio.length - i) / meta.hop) * meta.hop), t = performance.now();
    const p = await tr.step(audio.slice(i, i + n), s.a);
    blockMs.push(performance.now() - t); phase.push(...p); show(p);
  }
  result('whole', phase, blockMs, [], performance.now() - t0, s);
}

async function play() {                                     // play the file; run each block as soon as it has been heard
  stop();
  const s = settings(), tr = newTracker(s.frames), B = s.frames * meta.hop, phase = [], blockMs = [], lagMs = [];
  s.graph = tr.graph;
  const ctx = new AudioContext({ sampleRate: meta.sr }), buf = ctx.createBuffer(1, audio.length, meta.sr);
  buf.copyToChannel(audio, 0);
  const src = ctx.createBufferSource(); src.buffer = buf; src.connect(ctx.destination);
  await ctx.resume();
  const t0 = ctx.currentTime + 0.1, w0 = performance.now(); src.start(t0);
  live = { ctx, src, stopped: false };
  const end = Math.floor(audio.length / meta.hop) * meta.hop;
  let done = 0;
  while (!live.stopped && done < end) {
    const heard = Math.min(end, Math.floor((ctx.currentTime - t0) * meta.sr));
    if (heard - done < Math.min(B, end - done)) { await sleep(2); continue; }
    const n = Math.min(B, end - done), t = performance.now();
    const p = await tr.step(audio.slice(done, done + n), +$('ant').value);   // the slider acts at once
    done += n; blockMs.push(performance.now() - t); phase.push(...p); show(p);
    status(`playing ${(done / meta.sr).toFixed(1)} s, phase ${shown.phase.toFixed(2)}`);
    lagMs.push((ctx.currentTime - t0 - done / meta.sr) * 1000);  // how long after its last sample was played the block is done
  }
  result('live', phase, blockMs, lagMs, performance.now() - w0, s);
  stop();
}

function stop() { if (live) { live.stopped = true; live.src.stop(); live.ctx.close(); live = null; } }

function draw() {                                           // the dial: hand at the phase, 0 at the top, flash on downbeats
  const c = $('dial'), g = c.getContext('2d'), r = c.width / 2 - 10, w = c.width / 2;
  const f = Math.max(0, 1 - (performance.now() - shown.flash) / 150);
  g.clearRect(0, 0, c.width, c.height);
  g.beginPath(); g.arc(w, w, r, 0, 2 * Math.PI); g.fillStyle = `rgba(255, 140, 0, ${0.8 * f})`; g.fill();
  g.lineWidth = 3; g.strokeStyle = '#333'; g.stroke();
  const ang = 2 * Math.PI * shown.phase - Math.PI / 2;
  g.beginPath(); g.moveTo(w, w); g.lineTo(w + r * Math.cos(ang), w + r * Math.sin(ang)); g.lineWidth = 6; g.stroke();
  requestAnimationFrame(draw);
}

async function load(bytes) {
  audio = await decode(bytes);
  for (const id of ['play', 'stop', 'whole']) $(id).disabled = false;
  status(`${(audio.length / meta.sr).toFixed(1)} s of audio`);
}

async function main() {
  try {
    await loadModel();
    status('model loaded; pick an audio file');
    $('ant').oninput = () => { $('antv').textContent = (+$('ant').value).toFixed(2); };
    $('file').onchange = async e => load(await e.target.files[0].arrayBuffer());
    $('play').onclick = play; $('stop').onclick = stop; $('whole').onclick = processWhole;
    requestAnimationFrame(draw);
    if (opt.has('block')) $('block').value = opt.get('block');
    if (opt.has('a')) { $('ant').value = opt.get('a'); $('ant').oninput(); }
    if (opt.has('audio')) {
      await load(await (await fetch(opt.get('audio'))).arrayBuffer());
      if (opt.get('mode') === 'whole') await processWhole();
      if (opt.get('mode') === 'live') await play();
    }
  } catch (e) { window.phaseError = String(e && e.stack || e); status('error: ' + e); }
}
main();
