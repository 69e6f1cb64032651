// bench/bridge-load's scripted ConnectyCube app user: headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core from connectycube-standin/node_modules) opens the stand-in's demo page (for
// its SDK and configuration), injects answer-all.js, logs in, and from then on accepts every incoming
// call and keeps them all at once. Its fake microphone plays a continuous tone (a WAV written here).
//
//   node answerer.mjs --login alice --password alice-pw-1 --work DIR [--port 15090]
//        [--url http://127.0.0.1:15080/demo/] [--stats-ms 5000] [--shared-mic] [--candidate-delay-ms 0]
//        [--tone 1000]
//
// Prints one JSON line {"event":"ready",...} (or {"event":"failed",...} and exits 1), then serves, on
// 127.0.0.1:PORT:
//   GET /status                  {me, live, total, polls, pollMs, notes, pageErrors}
//   GET /sessions?since=MS       every call record whose `call` arrived at or after MS (epoch ms)
//   GET /profile?ms=5000         (diagnostics) V8 samples of the page's main thread: self ms per function
// --no-play (diagnostics) leaves remote audio unplayed: Chromium then decodes nothing (no audio level).
// SIGTERM / SIGINT close the browser and exit.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    login: { type: 'string', default: 'alice' },
    password: { type: 'string', default: 'alice-pw-1' },
    work: { type: 'string' },
    port: { type: 'string', default: '15090' },
    url: { type: 'string', default: 'http://127.0.0.1:15080/demo/' },
    'stats-ms': { type: 'string', default: '5000' },
    'shared-mic': { type: 'boolean', default: false },
    'candidate-delay-ms': { type: 'string', default: '0' },
    'no-play': { type: 'boolean', default: false },
    tone: { type: 'string', default: '1000' },
    chromium: { type: 'string', default: process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium' },
    playwright: { type: 'string', default: path.resolve(here, '../../connectycube-standin/node_modules/playwright-core') },
  },
});
const log = (text) => process.stderr.write(`${new Date().toISOString()} answerer: ${text}\n`);
const out = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);

/** 48 kHz mono 16-bit PCM WAV, a sine of hz at -6 dBFS, `seconds` long (Chromium loops it seamlessly). */
function toneWav(file, hz, seconds) {
  const rate = 48000;
  const n = rate * seconds;
  const b = Buffer.alloc(44 + 2 * n);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + 2 * n, 4);
  b.write('WAVEfmt ', 8, 'ascii');
  b.writeUInt32LE(16, 16);        // fmt chunk size
  b.writeUInt16LE(1, 20);         // PCM
  b.writeUInt16LE(1, 22);         // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);  // bytes per second
  b.writeUInt16LE(2, 32);         // block align
  b.writeUInt16LE(16, 34);        // bits per sample
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(2 * n, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(16383 * Math.sin((2 * Math.PI * hz * (i % rate)) / rate)), 44 + 2 * i);
  fs.writeFileSync(file, b);
}

let browser = null;
let page = null;
let server = null;
const pageErrors = [];
let closing = false;

async function start() {
  if (!opt.work) throw new Error('--work DIR is required');
  fs.mkdirSync(opt.work, { recursive: true });
  if (!fs.existsSync(opt.chromium)) throw new Error(`${opt.chromium} is missing (apt-get install -y chromium)`);
  const wav = path.join(opt.work, `tone-${Number(opt.tone)}.wav`);
  toneWav(wav, Number(opt.tone), 10);
  const entry = path.join(opt.playwright, 'index.mjs');
  if (!fs.existsSync(entry)) throw new Error(`playwright-core is missing at ${opt.playwright} (npm ci in connectycube-standin)`);
  const { chromium } = await import(pathToFileURL(entry).href);
  browser = await chromium.launch({
    executablePath: opt.chromium,
    timeout: 30000,
    // the switches of shared/FIELD-NOTES for a headless WebRTC peer on loopback, a fake microphone
    // playing the tone, and remote audio that plays without a user gesture
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required',
      `--use-file-for-fake-audio-capture=${wav}`],
  });
  browser.on('disconnected', () => { if (!closing) { log('Chromium went away'); process.exit(3); } });
  const context = await browser.newContext();
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push({ t: Date.now(), text: `page error: ${e.message}` }));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push({ t: Date.now(), text: `console: ${m.text()}` }); });
  page.on('crash', () => pageErrors.push({ t: Date.now(), text: 'page crashed' }));
  await page.goto(opt.url, { timeout: 20000 });
  // demo.js has initialised the SDK once its state is logged-out
  await page.waitForFunction(() => window.demo && window.demo.state === 'logged-out', null, { timeout: 20000, polling: 100 });
  await page.addScriptTag({ content: fs.readFileSync(path.join(here, 'answer-all.js'), 'utf8') });
  const me = await page.evaluate((o) => window.installBench(o), {
    login: opt.login, password: opt.password, statsMs: Number(opt['stats-ms']), sharedMic: opt['shared-mic'],
    candidateDelayMs: Number(opt['candidate-delay-ms']), noPlay: opt['no-play'],
  });

  server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const reply = (code, body) => {
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    let work;
    if (url.pathname === '/status') {
      work = page.evaluate(() => ({
        me: window.bench.me, live: window.bench.live.size, total: Object.keys(window.bench.sessions).length,
        players: window.bench.players.size, polls: window.bench.polls, pollMs: window.bench.pollMs,
        notes: window.bench.notes.slice(-50),
      })).then((s) => ({ ...s, pageErrors: pageErrors.slice(-50) }));
    } else if (url.pathname === '/sessions') {
      const since = Number(url.searchParams.get('since') ?? 0);
      work = page.evaluate((t) => Object.values(window.bench.sessions).filter((r) => r.t.call >= t), since);
    } else if (url.pathname === '/profile') {
      // the page's main thread, sampled by V8's profiler for ms milliseconds: self time per function
      const ms = Number(url.searchParams.get('ms') ?? 5000);
      work = (async () => {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
        await new Promise((r) => { setTimeout(r, ms); });
        const { profile } = await cdp.send('Profiler.stop');
        await cdp.detach();
        const dt = new Map();
        const self = new Map();
        profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
        for (const n of profile.nodes) {
          const f = n.callFrame;
          const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
          self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0));
        }
        return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, us]) => [k, Math.round(us / 1000)]);
      })();
    } else {
      reply(404, { error: 'unknown path' });
      return;
    }
    work.then((body) => reply(200, body), (e) => reply(500, { error: e.message }));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(opt.port), '127.0.0.1', resolve);
  });
  return { me, chromium: browser.version(), wav, port: Number(opt.port), sharedMic: opt['shared-mic'], candidateDelayMs: Number(opt['candidate-delay-ms']) };
}

async function shutdown(code) {
  if (closing) return;
  closing = true;
  if (server) server.close();
  if (browser) await Promise.race([browser.close(), new Promise((r) => { setTimeout(r, 10000).unref(); })]);
  process.exit(code);
}
process.on('SIGTERM', () => { shutdown(0); });
process.on('SIGINT', () => { shutdown(0); });

try {
  const ready = await start();
  log(`ready: ${JSON.stringify(ready)}`);
  out({ event: 'ready', ...ready });
} catch (e) {
  log(`start failed: ${e.stack ?? e.message}`);
  out({ event: 'failed', error: e.message, pageErrors });
  await shutdown(1);
}
