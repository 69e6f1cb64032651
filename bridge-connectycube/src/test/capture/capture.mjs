// Drives the official connectycube SDK (browser bundle) in headless Chromium, two users in two
// pages, against the REST stand-in (standin.mjs) and a local Prosody (started by capture.sh), and
// writes what the SDK sent and received as golden files. Usage: see README in the golden folder.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startStandIn } from './standin.mjs';

const OUT = process.env.CAPTURE_OUT;
const DOMAIN = process.env.CHAT_DOMAIN;          // XMPP domain, mapped to 127.0.0.1 in Chromium
const HTTPS_PORT = process.env.CHAT_HTTPS_PORT;  // Prosody's mod_websocket port (TLS, self-signed)
const APP_ID = 385; // a number, as apps pass it (the SDK sends what it is given)
const AUTH_KEY = 'capture-auth-key';
const FIXED_TIME = '2026-11-26T12:00:00Z';
const ANA = { id: 1001, login: 'ana_cc', password: 'ana-secret-1', fullName: 'Ana' };
const BOB = { id: 1002, login: 'bob_cc', password: 'bob-secret-2', fullName: 'Bob' };

const deadline = (ms) => Date.now() + ms;
async function until(what, fn, ms = 20000) {
  const end = deadline(ms);
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const traffic = { ana: [], bob: [] };
const standIn = await startStandIn({ appId: APP_ID, authKey: AUTH_KEY, users: [ANA, BOB], fixedTime: FIXED_TIME });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    '--allow-loopback-in-peer-connection', `--host-resolver-rules=MAP ${DOMAIN} 127.0.0.1`, '--ignore-certificate-errors'],
});

async function openUser(who, user) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.error(`[${who} console]`, m.text()); });
  await page.exposeFunction('__traffic', (dir, body) => traffic[who].push({ t: Date.now(), dir, body }));
  await page.goto(`${standIn.url}/page.html`);
  await page.evaluate(({ appId, authKey, domain, chatUrl }) => {
    window.cc = ConnectyCube;
    window.events = [];
    cc.init({ appId, authKey }, {
      endpoints: { api_url: location.origin, chat: domain, chat_url: chatUrl },
      videochat: { iceServers: [], answerTimeInterval: 12, dialingTimeInterval: 5 },
      debug: { mode: 0 },
      on: {
        xmppDataWrite: (size, data) => window.__traffic('out', String(data && data.body)),
        xmppDataRead: (size, data) => window.__traffic('in', String(data && data.body)),
      },
    });
    const vc = cc.videochat;
    const note = (name) => (session, userId, info) =>
      window.events.push({ name, sessionID: session && session.ID, userId: typeof userId === 'object' ? null : userId,
        info: typeof userId === 'object' ? userId : info });
    vc.onCallListener = (session, userInfo) => { window.incoming = session; window.events.push({ name: 'call', sessionID: session.ID, info: userInfo }); };
    vc.onAcceptCallListener = note('accept');
    vc.onRejectCallListener = note('reject');
    vc.onStopCallListener = note('stop');
    vc.onUserNotAnswerListener = note('not-answer');
    vc.onSessionCloseListener = (session) => window.events.push({ name: 'close', sessionID: session.ID });
    vc.onSessionConnectionStateChangedListener = (session, userId, state) =>
      window.events.push({ name: 'connection-state', sessionID: session.ID, userId, state });
  }, { appId: APP_ID, authKey: AUTH_KEY, domain: DOMAIN, chatUrl: `wss://${DOMAIN}:${HTTPS_PORT}/xmpp-websocket` });
  return page;
}
const events = (page) => page.evaluate(() => window.events);
const hasEvent = async (page, name, sessionID) =>
  (await events(page)).find((e) => e.name === name && (!sessionID || e.sessionID === sessionID));
const mark = (label) => { for (const k of Object.keys(traffic)) traffic[k].push({ t: Date.now(), dir: 'mark', body: label }); };

for (const ev of ['unhandledRejection', 'uncaughtException']) process.on(ev, (e) => { dump(); console.error(e); process.exit(1); });
function dump() {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'rest.json'), JSON.stringify(standIn.records, null, 2));
  fs.writeFileSync(path.join(OUT, 'traffic.json'), JSON.stringify(traffic, null, 2));
}
const ana = await openUser('ana', ANA);
const bob = await openUser('bob', BOB);

// (a) REST: Ana makes an application session then logs in; Bob makes a session with his login.
mark('rest');
await ana.evaluate(async (u) => { await cc.createSession(); await cc.login({ login: u.login, password: u.password }); }, ANA);
await bob.evaluate(async (u) => { await cc.createSession({ login: u.login, password: u.password }); }, BOB);

// Chat: both connect with their ConnectyCube id and password.
mark('connect');
await ana.evaluate(async (u) => { await cc.chat.connect({ userId: u.id, password: u.password }); }, ANA);
await bob.evaluate(async (u) => { await cc.chat.connect({ userId: u.id, password: u.password }); }, BOB);
await ana.evaluate(() => cc.chat.ping());

// (b1) audio call: call -> accept -> ICE -> connected -> iceRestart -> hangUp
mark('scenario-accept');
const sid1 = await ana.evaluate(async (bobId) => {
  const s = cc.videochat.createNewSession([bobId], 2, {});
  window.outgoing = s;
  await s.getUserMedia({ audio: true, video: false });
  s.call({ name: 'Ana', ponteCase: 'accept' });
  return s.ID;
}, BOB.id);
await until('Bob to get the call', () => hasEvent(bob, 'call', sid1));
await bob.evaluate(async () => {
  await window.incoming.getUserMedia({ audio: true, video: false });
  window.incoming.accept({ answeredBy: 'Bob' });
});
await until('Ana to get accept', () => hasEvent(ana, 'accept', sid1));
await until('both connected', async () =>
  (await events(ana)).some((e) => e.name === 'connection-state' && e.state === 2) &&
  (await events(bob)).some((e) => e.name === 'connection-state' && e.state === 2));
mark('ice-restart');
await ana.evaluate((bobId) => window.outgoing.iceRestart(bobId), BOB.id);
await until('iceRestartAccept at Ana', () => traffic.ana.find((x) => x.dir === 'in' && x.body.includes('<signalType>iceRestartAccept</signalType>')));
await new Promise((r) => setTimeout(r, 1000)); // let the restarted ICE trickle (not a test: a capture)
mark('hangup');
await ana.evaluate(() => window.outgoing.stop({ reason: 'done' }));
await until('Bob to see the stop', () => hasEvent(bob, 'stop', sid1));

// (b2) video call rejected
mark('scenario-reject');
const sid2 = await ana.evaluate(async (bobId) => {
  const s = cc.videochat.createNewSession([bobId], 1, {});
  window.outgoing = s;
  await s.getUserMedia({ audio: true, video: true });
  s.call({});
  return s.ID;
}, BOB.id);
await until('Bob to get the second call', () => hasEvent(bob, 'call', sid2));
await bob.evaluate(() => window.incoming.reject({ reason: 'busy' }));
await until('Ana to see the reject', () => hasEvent(ana, 'reject', sid2));
await ana.evaluate(() => window.outgoing.stop({}));

// (b3) not answered: the SDK re-sends `call` every dialingTimeInterval until answerTimeInterval
mark('scenario-no-answer');
const sid3 = await bob.evaluate(async (anaId) => {
  const s = cc.videochat.createNewSession([anaId], 2, {});
  window.outgoing = s;
  await s.getUserMedia({ audio: true, video: false });
  s.call({});
  return s.ID;
}, ANA.id);
await until('Bob to give up', () => hasEvent(bob, 'not-answer', sid3), 30000);
await new Promise((r) => setTimeout(r, 1000));
mark('end');

const summary = { sessions: { accept: sid1, reject: sid2, noAnswer: sid3 },
  ana: await events(ana), bob: await events(bob) };
await browser.close();
await standIn.close();

dump();
fs.writeFileSync(path.join(OUT, 'events.json'), JSON.stringify(summary, null, 2));
console.log('captured', traffic.ana.length, traffic.bob.length, 'stanzas; sessions', JSON.stringify(summary.sessions));
