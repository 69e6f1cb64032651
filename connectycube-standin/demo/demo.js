// The demo page: log in as a stand-in user with the official connectycube SDK (global ConnectyCube,
// from dist/connectycube.min.js), connect to chat, and make or answer a one-to-one audio call.
// State is mirrored in window.demo so tests (and curious people) can read it: besides the current
// state, `history` keeps every state change with its time and `call` describes the current (or last)
// call, with the time each of its states was first reached (Date.now() milliseconds).
/* global ConnectyCube */
'use strict';

const $ = (id) => document.getElementById(id);
const demo = {
  me: null,             // {id, login}
  session: null,        // the current ConnectyCube call session
  peerId: null,         // the other user's id in that call
  state: 'loading',
  detail: '',
  remoteLevel: 0,       // inbound audio level (0..1) from getStats(), else from WebAudio
  maxRemoteLevel: 0,     // since the current (or last) call began
  events: [],           // {t, text}: what the page noted, oldest first
  history: [],          // {state, detail, t}: every state change, oldest first
  call: null,           // {sessionId, direction: 'outgoing'|'incoming', peerId, initiatorId, times: {state: t}, remoteStreamAt}
};
window.demo = demo;

let config;
let levelTimer = null;
let analyser = null;

function note(text) {
  demo.events.push({ t: Date.now(), text });
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  $('events').prepend(li);
}

function setState(state, text) {
  const t = Date.now();
  demo.state = state;
  demo.detail = text ?? '';
  demo.history.push({ state, detail: demo.detail, t });
  if (demo.call && !demo.call.over && !(state in demo.call.times)) demo.call.times[state] = t;
  $('state').textContent = text ? `${state}: ${text}` : state;
  const inCall = Boolean(demo.session);
  $('call-btn').disabled = !demo.me || inCall;
  $('accept-btn').disabled = state !== 'incoming';
  $('reject-btn').disabled = state !== 'incoming';
  $('hangup-btn').disabled = !inCall || state === 'incoming';
  $('login-btn').disabled = Boolean(demo.me);
  $('logout-btn').disabled = !demo.me;
}

const errorText = (e) => {
  if (!e) return 'unknown error';
  if (e.info && e.info.errors) return `${e.code ?? ''} ${JSON.stringify(e.info.errors)}`;
  return e.message ?? String(e);
};

async function init() {
  config = await (await fetch('config.json')).json();
  const params = new URLSearchParams(location.search);
  // ws://127.0.0.1 needs no certificate; ?wss uses the stand-in's self-signed wss:// endpoint instead
  if (params.has('wss')) config.config.endpoints.chat_url = config.wssUrl;
  ConnectyCube.init(config.credentials, { ...config.config, debug: { mode: 0 } });
  for (const u of config.users) {
    const o = document.createElement('option');
    o.value = u.login;
    o.label = `${u.login} (id ${u.id})`;
    $('known-users').append(o);
  }
  const vc = ConnectyCube.videochat;
  vc.onCallListener = onCall;
  vc.onAcceptCallListener = (session, userId) => { note(`accepted by ${userId}`); setState('accepted', `by ${userId}`); };
  vc.onRejectCallListener = (session, userId, info) => {
    note(`rejected by ${userId} ${JSON.stringify(info ?? {})}`);
    setState('rejected', `by ${userId}${info && info.reason ? ` (${info.reason})` : ''}`);
  };
  vc.onStopCallListener = (session, userId) => { note(`hung up by ${userId}`); setState('hung-up', `by ${userId}`); };
  vc.onUserNotAnswerListener = (session, userId) => { note(`${userId} did not answer`); setState('no-answer', `${userId}`); };
  vc.onRemoteStreamListener = (session, userId, stream) => {
    note(`remote audio from ${userId}`);
    if (demo.call && !demo.call.over) demo.call.remoteStreamAt = Date.now();
    $('remote-audio').srcObject = stream;
    startLevelMeter(session, userId, stream);
  };
  vc.onSessionConnectionStateChangedListener = (session, userId, state) => {
    const names = ConnectyCube.videochat.SessionConnectionState;
    const name = Object.keys(names).find((k) => names[k] === state) ?? String(state);
    note(`connection with ${userId}: ${name}`);
    if (name === 'CONNECTED' || name === 'COMPLETED') setState('connected', `with ${userId}`);
    if (name === 'FAILED') setState('failed', `with ${userId}`);
  };
  // The SDK closes a session before it calls the stop listener (and our own reject / hang-up close it
  // before they end the call): end the call after those had their say, unless it is over already or
  // the session is another one (a second call refused as busy).
  vc.onSessionCloseListener = (session) => {
    setTimeout(() => {
      if (!demo.session || session.ID !== demo.session.ID) return;
      note('call closed');
      endCall(demo.state === 'incoming' || demo.state === 'calling' ? 'ended' : demo.state);
    }, 0);
  };
  setState('logged-out');
}

async function logIn() {
  const login = $('login').value.trim();
  const password = $('password').value;
  try {
    setState('logging-in');
    const session = await ConnectyCube.createSession({ login, password });
    await ConnectyCube.chat.connect({ userId: session.user_id, password });
    demo.me = { id: session.user_id, login };
    $('me').textContent = `${login} (id ${session.user_id})`;
    note(`logged in as ${login}, chat connected`);
    setState('online');
  } catch (e) {
    note(`login failed: ${errorText(e)}`);
    setState('logged-out', `login failed: ${errorText(e)}`);
  }
}

async function logOut() {
  if (demo.session) hangUp();
  try { ConnectyCube.chat.disconnect(); } catch { /* already gone */ }
  try { await ConnectyCube.destroySession(); } catch { /* expired */ }
  demo.me = null;
  $('me').textContent = 'not logged in';
  setState('logged-out');
}

async function resolveCallee(text) {
  if (/^\d+$/.test(text)) return Number(text);
  const known = config.users.find((u) => u.login === text);
  if (known) return known.id;
  const r = await ConnectyCube.users.get({ login: text }); // GET /users/by_login
  return r.user.id;
}

async function call() {
  try {
    const calleeId = await resolveCallee($('callee').value.trim());
    const session = ConnectyCube.videochat.createNewSession([calleeId], ConnectyCube.videochat.CallType.AUDIO, {});
    demo.session = session;
    demo.peerId = calleeId;
    newCall(session, 'outgoing', calleeId, demo.me.id);
    await session.getUserMedia({ audio: true, video: false });
    session.call({ name: demo.me.login });
    note(`calling ${calleeId} (session ${session.ID})`);
    setState('calling', `${calleeId}`);
  } catch (e) {
    note(`call failed: ${errorText(e)}`);
    endCall('failed');
  }
}

function onCall(session, extension) {
  if (demo.session) { // one call at a time
    session.reject({ reason: 'busy' });
    note(`rejected a second call from ${session.initiatorID} (busy)`);
    return;
  }
  demo.session = session;
  demo.peerId = session.initiatorID;
  newCall(session, 'incoming', session.initiatorID, session.initiatorID);
  note(`incoming call from ${session.initiatorID} ${JSON.stringify(extension ?? {})}`);
  setState('incoming', `from ${session.initiatorID}`);
}

async function accept() {
  const session = demo.session;
  if (!session) return;
  try {
    await session.getUserMedia({ audio: true, video: false });
    session.accept({});
    note('accepted');
    setState('accepted', 'by me');
  } catch (e) {
    note(`accept failed: ${errorText(e)}`);
  }
}

function reject() {
  if (!demo.session) return;
  const reason = $('reject-reason').value.trim() || 'declined';
  demo.session.reject({ reason });
  note(`rejected (${reason})`);
  endCall('rejected');
}

function hangUp() {
  if (!demo.session) return;
  demo.session.stop({});
  note('hung up');
  endCall('hung-up');
}

function newCall(session, direction, peerId, initiatorId) {
  demo.call = { sessionId: session.ID, direction, peerId, initiatorId, times: {}, remoteStreamAt: null };
  demo.maxRemoteLevel = 0;
}

function endCall(state) {
  const record = demo.call;
  clearInterval(levelTimer);
  levelTimer = null;
  analyser = null;
  demo.session = null;
  demo.peerId = null;
  demo.remoteLevel = 0;
  $('level').value = 0;
  $('level-text').textContent = '0.000';
  $('remote-audio').srcObject = null;
  const detail = state === demo.state && demo.detail ? `${demo.detail}; call over` : 'call over';
  setState(state === 'calling' || state === 'incoming' ? 'ended' : state, detail);
  if (record) record.over = true; // the return to "online" below is not part of the call
  if (demo.me) setTimeout(() => { if (!demo.session) setState('online'); }, 3000);
}

// Remote audio level: the inbound RTP stream's audioLevel from getStats() (the SDK keeps the
// RTCPeerConnection as peerConnections[userId].original), else an AnalyserNode on the stream.
function startLevelMeter(session, userId, stream) {
  clearInterval(levelTimer);
  try {
    const ctx = new AudioContext();
    analyser = ctx.createAnalyser();
    ctx.createMediaStreamSource(stream).connect(analyser);
  } catch { analyser = null; }
  levelTimer = setInterval(async () => {
    let level = null;
    const pc = session.peerConnections && session.peerConnections[userId] && session.peerConnections[userId].original;
    if (pc && pc.getStats) {
      const stats = await pc.getStats();
      stats.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio' && typeof s.audioLevel === 'number') level = s.audioLevel;
      });
    }
    if (level === null && analyser) {
      const data = new Float32Array(analyser.fftSize);
      analyser.getFloatTimeDomainData(data);
      level = Math.sqrt(data.reduce((a, v) => a + v * v, 0) / data.length);
    }
    demo.remoteLevel = level ?? 0;
    demo.maxRemoteLevel = Math.max(demo.maxRemoteLevel, demo.remoteLevel);
    $('level').value = demo.remoteLevel;
    $('level-text').textContent = demo.remoteLevel.toFixed(3);
  }, 250);
}

$('login-btn').addEventListener('click', logIn);
$('logout-btn').addEventListener('click', logOut);
$('call-btn').addEventListener('click', call);
$('accept-btn').addEventListener('click', accept);
$('reject-btn').addEventListener('click', reject);
$('hangup-btn').addEventListener('click', hangUp);
$('password').addEventListener('keydown', (e) => { if (e.key === 'Enter') logIn(); });
init().catch((e) => { note(`init failed: ${errorText(e)}`); setState('broken', errorText(e)); });
