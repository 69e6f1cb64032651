// A scripted ConnectyCube app user for Ponte's Java integration tests (io.ponte.it.support.BrowserPeer):
// headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core from
// connectycube-standin/node_modules) opens the stand-in's demo page, logs in as one user and then does
// what the test asks over stdin/stdout, one JSON object per line. Its fake microphone plays a
// continuous sine of --tone Hz (a WAV made here, looped by Chromium), so a test can tell what the
// browser hears from the other side.
//
//   node peer.mjs --login alice --password alice-pw-1 --tone 440 [--url http://127.0.0.1:15080/demo/]
//                 [--work DIR] [--chromium /usr/bin/chromium] [--playwright DIR] [--wav-seconds 20]
//
// Protocol (stdout carries nothing else; diagnostics go to stderr):
//   out, once:  {"event":"ready","userId":1001,"login":"alice",...}    logged in, chat connected
//          or:  {"event":"failed","error":"...","diagnostics":{...}}  (then the process exits 1)
//   in:         {"id":7,"cmd":"call","callee":1002}
//   out:        {"id":7,"ok":true,"result":{...}}  or  {"id":7,"ok":false,"error":"...","diagnostics":{...}}
// Commands: call {callee}, accept, reject {reason}, hangUp, awaitState {state, timeoutMs}, state,
// audio {hz: [..], timeoutMs}, diagnostics, logout, close. Every wait has a deadline; when stdin closes
// (the test JVM is gone) the browser is closed and the process exits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    login: { type: 'string' },
    password: { type: 'string' },
    tone: { type: 'string', default: '440' },
    url: { type: 'string', default: 'http://127.0.0.1:15080/demo/' },
    work: { type: 'string' },
    chromium: { type: 'string', default: process.env.PONTE_CHROMIUM ?? '/usr/bin/chromium' },
    playwright: { type: 'string', default: path.resolve(here, '../../../../connectycube-standin/node_modules/playwright-core') },
    'wav-seconds': { type: 'string', default: '20' },
  },
});

const who = opt.login ?? '?';
const log = (text) => process.stderr.write(`${new Date().toISOString()} peer ${who}: ${text}\n`);
const send = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);

// Chromium's switches for a headless WebRTC peer on loopback (see shared FIELD-NOTES): no GPU, no QUIC,
// nothing phoning home, fake devices without a permission prompt, loopback ICE candidates, and audio
// that plays (into WebAudio) without a user gesture.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'];

/**
 * A 48 kHz mono 16-bit WAV of a continuous sine at hz, -6 dBFS. Chromium's fake capture loops the file
 * (unless the path ends in "%noloop"); a whole number of cycles per second and a whole number of
 * seconds make the loop seamless for any whole hz.
 */
function writeToneWav(file, hz, seconds) {
  const rate = 48000;
  const n = rate * seconds;
  const b = Buffer.alloc(44 + 2 * n);
  b.write('RIFF', 0, 'ascii'); b.writeUInt32LE(36 + 2 * n, 4); b.write('WAVE', 8, 'ascii');
  b.write('fmt ', 12, 'ascii'); b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24); b.writeUInt32LE(rate * 2, 28); b.writeUInt16LE(2, 32); b.writeUInt16LE(16, 34);
  b.write('data', 36, 'ascii'); b.writeUInt32LE(2 * n, 40);
  const period = [];
  for (let i = 0; i < rate; i++) period.push(Math.round(0.5 * 32767 * Math.sin((2 * Math.PI * hz * i) / rate)));
  for (let i = 0; i < n; i++) b.writeInt16LE(period[i % rate], 44 + 2 * i);
  fs.writeFileSync(file, b);
}

/** Milliseconds left before deadline (at least 1, so playwright never takes 0 as "no timeout"). */
const left = (deadline) => Math.max(1, deadline - Date.now());

class Peer {
  constructor() {
    this.browser = null;
    this.page = null;
    this.pageErrors = [];   // uncaught page errors and console errors, with times
    this.mark = 0;          // demo.history index at the last action: awaitState looks from here on
    this.me = null;
  }

  async start() {
    if (!opt.login || !opt.password) throw new Error('--login and --password are required');
    const hz = Number(opt.tone);
    if (!Number.isInteger(hz) || hz < 20 || hz > 20000) throw new Error(`--tone ${opt.tone} is not a frequency in Hz (20-20000)`);
    if (!fs.existsSync(opt.chromium)) throw new Error(`${opt.chromium} is missing (apt-get install -y chromium)`);
    const work = opt.work ?? fs.mkdtempSync(path.join(os.tmpdir(), `ponte-peer-${who}-`));
    fs.mkdirSync(work, { recursive: true });
    const wav = path.resolve(work, `tone-${hz}.wav`);
    if (wav.includes('%')) throw new Error(`the WAV path may not contain "%" (Chromium reads "%noloop" after it): ${wav}`);
    writeToneWav(wav, hz, Number(opt['wav-seconds']));
    this.wav = wav;

    const entry = path.join(opt.playwright, 'index.mjs');
    if (!fs.existsSync(entry)) throw new Error(`playwright-core not found at ${opt.playwright} (npm ci in connectycube-standin)`);
    const { chromium } = await import(pathToFileURL(entry).href);
    this.browser = await chromium.launch({
      executablePath: opt.chromium,
      timeout: 30000,
      args: [...CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${wav}`],
      // playwright gives the browser a fresh temporary profile (--user-data-dir) of its own
    });
    this.browser.on('disconnected', () => { if (!this.closing) { log('Chromium went away'); process.exit(3); } });
    const context = await this.browser.newContext();
    const page = await context.newPage();
    this.page = page;
    page.on('pageerror', (e) => this.pageErrors.push({ t: Date.now(), text: `page error: ${e.message}` }));
    page.on('console', (m) => { if (m.type() === 'error') this.pageErrors.push({ t: Date.now(), text: `console: ${m.text()}` }); });
    page.on('crash', () => this.pageErrors.push({ t: Date.now(), text: 'page crashed' }));

    await page.goto(opt.url, { timeout: 15000 });
    await this.waitFor(() => window.demo && window.demo.state === 'logged-out', null, Date.now() + 15000,
      'the demo page to load (state logged-out)');
    await page.evaluate(installTap);
    await page.fill('#login', opt.login);
    await page.fill('#password', opt.password);
    this.mark = 0;
    await page.click('#login-btn', { timeout: 5000 });
    await this.waitFor(() => window.demo.state === 'online' || window.demo.detail.startsWith('login failed'), null,
      Date.now() + 20000, `${opt.login} to log in (state online)`);
    const s = await this.snapshot();
    if (s.state !== 'online') throw new Error(`login as ${opt.login} failed: ${s.state} ${s.detail}`);
    this.me = s.me;
    return { userId: s.me.id, login: s.me.login, state: s.state, wav, chromium: this.browser.version(), url: opt.url };
  }

  /** page.waitForFunction with a deadline; on timeout, an error that says what the page went through. */
  async waitFor(fn, arg, deadline, what) {
    try {
      return await this.page.waitForFunction(fn, arg, { timeout: left(deadline), polling: 50 });
    } catch (e) {
      const d = await this.diagnostics().catch(() => null);
      const err = new Error(`${who}: timed out waiting for ${what}${d ? `; state is ${d.state}${d.detail ? ` (${d.detail})` : ''}` : ''}`
        + ` [${e.message.split('\n')[0]}]`);
      err.diagnostics = d;
      throw err;
    }
  }

  snapshot() {
    return this.page.evaluate(() => ({
      state: window.demo.state, detail: window.demo.detail, me: window.demo.me, call: window.demo.call,
      historyLength: window.demo.history.length, maxRemoteLevel: window.demo.maxRemoteLevel,
    }));
  }

  async diagnostics() {
    const d = await this.page.evaluate(() => ({
      state: window.demo.state, detail: window.demo.detail, me: window.demo.me, call: window.demo.call,
      events: window.demo.events, history: window.demo.history,
    }));
    return { ...d, pageErrors: this.pageErrors };
  }

  /** Clicks a demo button, failing at once (not after a timeout) if the page has it disabled. */
  async press(button, what) {
    const s = await this.snapshot();
    if (await this.page.isDisabled(button)) {
      const err = new Error(`${who}: cannot ${what} in state ${s.state}${s.detail ? ` (${s.detail})` : ''}`);
      err.diagnostics = await this.diagnostics();
      throw err;
    }
    this.mark = s.historyLength;
    await this.page.click(button, { timeout: 5000 });
  }

  async call({ callee }) {
    if (callee === undefined || callee === null || String(callee) === '') throw new Error('call needs a callee');
    await this.page.fill('#callee', String(callee));
    await this.press('#call-btn', `call ${callee}`);
    await this.waitFor((mark) => window.demo.history.slice(mark).some((h) => h.state !== 'online'), this.mark,
      Date.now() + 10000, `the call to ${callee} to start`);
    const s = await this.snapshot();
    if (s.state === 'failed') {
      const err = new Error(`${who}: the call to ${callee} failed: ${s.detail}`);
      err.diagnostics = await this.diagnostics();
      throw err;
    }
    return { state: s.state, call: s.call };
  }

  async accept() {
    await this.press('#accept-btn', 'accept');
    return this.snapshot();
  }

  async reject({ reason }) {
    await this.page.fill('#reject-reason', reason ?? 'declined');
    await this.press('#reject-btn', `reject (${reason})`);
    return this.snapshot();
  }

  async hangUp() {
    await this.press('#hangup-btn', 'hang up');
    return this.snapshot();
  }

  /** Until the state is `state` now, or was entered since the last action; returns that entry. */
  async awaitState({ state, timeoutMs }) {
    const deadline = Date.now() + (Number(timeoutMs) || 20000);
    const handle = await this.waitFor(({ st, mark }) => {
      const d = window.demo;
      const since = d.history.slice(mark).filter((h) => h.state === st);
      if (since.length) return since[0];
      if (d.state === st) return d.history[d.history.length - 1];
      return null;
    }, { st: state, mark: this.mark }, deadline, `state ${state}`);
    const entry = await handle.jsonValue();
    const s = await this.snapshot();
    return { ...entry, current: s.state, call: s.call };
  }

  /** What this browser receives from the remote side: RTP stats and the tone content of the remote audio. */
  async audio({ hz, timeoutMs }) {
    const deadline = Date.now() + (Number(timeoutMs) || 5000);
    // the tap (an AnalyserNode on the remote stream) needs one buffer's worth of audio after it was attached
    await this.waitFor(() => window.__peer.ready(), null, deadline, 'remote audio to analyse (a remote stream)');
    return this.page.evaluate(analyse, (hz ?? []).map(Number));
  }

  async logout() {
    const s = await this.snapshot();
    if (!s.me) return s;
    await this.press('#logout-btn', 'log out');
    await this.waitFor(() => window.demo.state === 'logged-out', null, Date.now() + 10000, 'log-out');
    return this.snapshot();
  }

  async close() {
    this.closing = true;
    if (this.page) {
      await Promise.race([this.logout().catch((e) => log(`log-out on close: ${e.message}`)),
        new Promise((r) => { setTimeout(r, 5000).unref(); })]);
    }
    if (this.browser) await Promise.race([this.browser.close(), new Promise((r) => { setTimeout(r, 10000).unref(); })]);
  }
}

// ---- page side (serialised into the page by playwright: no closures over this module) ----

/**
 * Installs window.__peer: keeps an AnalyserNode on the remote audio (the demo's <audio id=remote-audio>,
 * whose srcObject is the remote stream while a call has one) so that time-domain samples are ready
 * when a test asks. Chromium only feeds a remote WebRTC stream into WebAudio while a media element
 * plays it, which the demo's autoplaying <audio> does.
 */
function installTap() {
  const FFT = 32768; // 0.68 s at 48 kHz: bins of 1.5 Hz
  const peer = {
    tap: null,
    refresh() {
      const el = document.getElementById('remote-audio');
      const stream = el ? el.srcObject : null;
      if (!stream) {
        if (peer.tap) { peer.tap.ctx.close(); peer.tap = null; }
        return null;
      }
      if (peer.tap && peer.tap.stream === stream) return peer.tap;
      if (peer.tap) peer.tap.ctx.close();
      const ctx = new AudioContext();
      const analyser = ctx.createAnalyser();
      analyser.fftSize = FFT;
      analyser.smoothingTimeConstant = 0;
      ctx.createMediaStreamSource(stream).connect(analyser);
      if (ctx.state !== 'running') ctx.resume();
      peer.tap = { stream, ctx, analyser, since: null };
      return peer.tap;
    },
    /** True once the analyser has been running for a whole buffer (plus a little). */
    ready() {
      const tap = peer.refresh();
      if (!tap || tap.ctx.state !== 'running') return false;
      if (tap.since === null) tap.since = tap.ctx.currentTime;
      return tap.ctx.currentTime - tap.since > FFT / tap.ctx.sampleRate + 0.1;
    },
  };
  window.__peer = peer;
  setInterval(() => {
    const tap = peer.refresh();
    if (tap && tap.since === null && tap.ctx.state === 'running') tap.since = tap.ctx.currentTime;
  }, 100);
}

async function analyse(freqs) {
  const d = window.demo;
  const out = {
    state: d.state, sessionId: d.call ? d.call.sessionId : null, maxAudioLevel: d.maxRemoteLevel, t: Date.now(),
    packetsReceived: 0, bytesReceived: 0, packetsLost: 0, jitter: null, audioLevel: null, totalAudioEnergy: null,
    codec: null, clockRate: null, packetsSent: 0, outboundCodec: null,
    sampleRate: null, samples: 0, rms: 0, peakHz: null, power: {},
  };
  const pc = d.session && d.session.peerConnections && d.session.peerConnections[d.peerId]
    && d.session.peerConnections[d.peerId].original;
  if (pc && pc.getStats) {
    const stats = await pc.getStats();
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        out.packetsReceived = s.packetsReceived ?? 0;
        out.bytesReceived = s.bytesReceived ?? 0;
        out.packetsLost = s.packetsLost ?? 0;
        out.jitter = s.jitter ?? null;
        out.audioLevel = s.audioLevel ?? null;
        out.totalAudioEnergy = s.totalAudioEnergy ?? null;
        const c = s.codecId ? stats.get(s.codecId) : null;
        if (c) { out.codec = c.mimeType; out.clockRate = c.clockRate ?? null; }
      }
      if (s.type === 'outbound-rtp' && s.kind === 'audio') {
        out.packetsSent = s.packetsSent ?? 0;
        const c = s.codecId ? stats.get(s.codecId) : null;
        if (c) out.outboundCodec = c.mimeType;
      }
    });
  }
  const tap = window.__peer.tap;
  if (tap) {
    const x = new Float32Array(tap.analyser.fftSize);
    tap.analyser.getFloatTimeDomainData(x);
    const rate = tap.ctx.sampleRate;
    const n = x.length;
    out.sampleRate = rate;
    out.samples = n;
    let energy = 0;
    for (let i = 0; i < n; i++) energy += x[i] * x[i];
    out.rms = Math.sqrt(energy / n);
    // Hann-windowed Goertzel at each frequency, as the fraction of the window's power at that
    // frequency: about 1 for a pure tone at exactly hz, about 0 for a tone elsewhere or silence.
    const w = new Float32Array(n);
    let windowedEnergy = 0;
    for (let i = 0; i < n; i++) {
      w[i] = x[i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
      windowedEnergy += w[i] * w[i];
    }
    const goertzel = (hz) => {
      const coeff = 2 * Math.cos((2 * Math.PI * hz) / rate);
      let s1 = 0; let s2 = 0;
      for (let i = 0; i < n; i++) { const s = w[i] + coeff * s1 - s2; s2 = s1; s1 = s; }
      return s1 * s1 + s2 * s2 - coeff * s1 * s2; // |X(hz)|^2
    };
    // a sine's power shows at +hz and -hz, and Hann spreads each over 1.5 bins (its noise bandwidth)
    for (const hz of freqs) out.power[hz] = windowedEnergy > 0 ? Math.min(1, (3 * goertzel(hz)) / (n * windowedEnergy)) : 0;
    const bins = new Float32Array(tap.analyser.frequencyBinCount);
    tap.analyser.getFloatFrequencyData(bins);
    let best = 0;
    for (let i = 1; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
    out.peakHz = energy > 0 ? (best * rate) / n : null;
  }
  return out;
}

// ---- the control loop ----

const peer = new Peer();
let closing = false;

async function shutdown(code) {
  if (closing) return;
  closing = true;
  await peer.close().catch((e) => log(`close: ${e.message}`));
  process.exit(code);
}

async function handle(msg) {
  const cmds = {
    call: (m) => peer.call(m),
    accept: () => peer.accept(),
    reject: (m) => peer.reject(m),
    hangUp: () => peer.hangUp(),
    awaitState: (m) => peer.awaitState(m),
    state: () => peer.snapshot(),
    audio: (m) => peer.audio(m),
    diagnostics: () => peer.diagnostics(),
    logout: () => peer.logout(),
  };
  if (msg.cmd === 'close') {
    send({ id: msg.id, ok: true, result: {} });
    await shutdown(0);
    return;
  }
  const fn = cmds[msg.cmd];
  if (!fn) throw new Error(`unknown command ${msg.cmd} (known: ${Object.keys(cmds).join(', ')}, close)`);
  return fn(msg);
}

process.on('SIGTERM', () => { shutdown(143); });
process.on('SIGINT', () => { shutdown(130); });

try {
  const ready = await peer.start();
  log(`ready: user ${ready.userId}, tone ${opt.tone} Hz from ${ready.wav}, Chromium ${ready.chromium}`);
  send({ event: 'ready', ...ready });
} catch (e) {
  log(`start failed: ${e.stack ?? e.message}`);
  const diagnostics = e.diagnostics ?? (peer.page ? await peer.diagnostics().catch(() => null) : null);
  send({ event: 'failed', error: e.message, diagnostics });
  closing = true;
  await peer.close().catch(() => {});
  process.exit(1);
}

// one command at a time, in order: a test's actions on one user are sequential anyway
const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
let queue = Promise.resolve();
lines.on('line', (line) => {
  if (!line.trim()) return;
  queue = queue.then(async () => {
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      send({ ok: false, error: `not JSON: ${line.slice(0, 200)}` });
      return;
    }
    try {
      const result = await handle(msg);
      if (!closing) send({ id: msg.id, ok: true, result: result ?? {} });
    } catch (e) {
      log(`${msg.cmd} failed: ${e.message}`);
      const diagnostics = e.diagnostics ?? await peer.diagnostics().catch(() => null);
      send({ id: msg.id, ok: false, error: e.message, diagnostics });
    }
  });
});
lines.on('close', () => { queue.then(() => shutdown(0)); });
