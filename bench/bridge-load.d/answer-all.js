// Page side of bench/bridge-load's scripted ConnectyCube app user. Injected into the stand-in's demo page
// (which has already initialised the official SDK, global ConnectyCube, from /demo/config.json), it
// replaces the demo's one-call-at-a-time handlers with ones that accept EVERY incoming call and keep all
// of them at once. The SDK keeps call sessions by ID (videochat.sessions), each with its own
// RTCPeerConnection, so one logged-in user can hold many concurrent calls.
//
// Per call it records (window.bench.sessions[sessionID]) when each step happened and what getStats()
// says about the audio: inbound (what the browser got from rtpengine: Opus transcoded from the phone's
// G.711) packets, bytes, loss, the highest audioLevel seen, totalAudioEnergy and concealment, and
// outbound (the fake microphone's tone, Opus) packets. Stats are polled every statsMs for live calls,
// and once more when the hang-up arrives, before the SDK closes the peer connection.
/* global ConnectyCube */
'use strict';

window.installBench = async function installBench(opts) {
  const vc = ConnectyCube.videochat;
  const bench = {
    me: null,
    opts,
    sessions: {},      // sessionID -> record (kept after the call ends)
    live: new Map(),   // sessionID -> SDK session, while the call lasts
    players: new Map(), // sessionID -> <audio> playing the remote stream
    notes: [],         // page-level problems: {t, text}
    polls: 0,
    pollMs: 0,         // time the last stats round took
  };
  window.bench = bench;
  const note = (text) => { bench.notes.push({ t: Date.now(), text }); if (bench.notes.length > 2000) bench.notes.shift(); };
  const errorText = (e) => (e && (e.message || (e.info && JSON.stringify(e.info)))) || String(e);

  // --- log in (REST session, then chat over WebSocket), as the demo page does ---
  const session = await ConnectyCube.createSession({ login: opts.login, password: opts.password });
  await ConnectyCube.chat.connect({ userId: session.user_id, password: opts.password });
  bench.me = { id: session.user_id, login: opts.login };
  ConnectyCube.chat.onDisconnectedListener = () => note('chat disconnected');
  ConnectyCube.chat.onReconnectListener = () => note('chat reconnected');

  let shared = null; // one microphone stream whose clones feed every call (opts.sharedMic)
  const microphone = async (s) => {
    if (!opts.sharedMic) {
      await s.getUserMedia({ audio: true, video: false });
      return;
    }
    if (!shared) shared = navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    s.localStream = (await shared).clone();
  };

  const record = (s) => bench.sessions[s.ID];
  const mark = (rec, step) => { if (rec && !(step in rec.t)) rec.t[step] = Date.now(); };

  async function readStats(s, rec) {
    const wrapped = s.peerConnections && s.peerConnections[s.initiatorID];
    const pc = wrapped && wrapped.original;
    if (!pc || pc.signalingState === 'closed' || !pc.getStats) return;
    const stats = await pc.getStats();
    stats.forEach((x) => {
      if (x.type === 'inbound-rtp' && x.kind === 'audio') {
        const i = rec.in;
        i.packets = x.packetsReceived ?? 0;
        i.bytes = x.bytesReceived ?? 0;
        i.lost = x.packetsLost ?? 0;
        i.jitter = x.jitter ?? null;
        i.energy = x.totalAudioEnergy ?? 0;
        i.samples = x.totalSamplesReceived ?? 0;
        i.concealed = x.concealedSamples ?? 0;
        if ((x.audioLevel ?? 0) > i.levelMax) i.levelMax = x.audioLevel;
        const c = x.codecId ? stats.get(x.codecId) : null;
        if (c) i.codec = c.mimeType;
      } else if (x.type === 'outbound-rtp' && x.kind === 'audio') {
        rec.out.packets = x.packetsSent ?? 0;
        rec.out.bytes = x.bytesSent ?? 0;
        const c = x.codecId ? stats.get(x.codecId) : null;
        if (c) rec.out.codec = c.mimeType;
      } else if (x.type === 'candidate-pair' && x.nominated && x.state === 'succeeded') {
        const remote = stats.get(x.remoteCandidateId);
        if (remote) rec.rtpenginePort = remote.port;
      }
    });
    rec.t.stats = Date.now();
  }

  async function accept(s, rec) {
    try {
      await microphone(s);
      mark(rec, 'media');
      s.accept({});
      mark(rec, 'accept');
      rec.state = 'accepted';
    } catch (e) {
      rec.state = 'accept-failed';
      rec.error = errorText(e);
      note(`accept ${s.ID}: ${rec.error}`);
    }
  }

  vc.onCallListener = (s, userInfo) => {
    if (bench.sessions[s.ID]) return;
    bench.sessions[s.ID] = {
      id: s.ID, from: s.initiatorID, userInfo: userInfo ?? {}, state: 'incoming', error: null, t: { call: Date.now() },
      in: { packets: 0, bytes: 0, lost: 0, jitter: null, energy: 0, samples: 0, concealed: 0, levelMax: 0, codec: null },
      out: { packets: 0, bytes: 0, codec: null }, rtpenginePort: null, hangUpBy: null,
    };
    bench.live.set(s.ID, s);
    accept(s, bench.sessions[s.ID]);
  };
  vc.onRemoteStreamListener = (s, userId, stream) => {
    const rec = record(s);
    mark(rec, 'remoteStream');
    // Chromium decodes a remote WebRTC audio track (and computes audioLevel) only while something
    // renders it: play every call's remote stream, as an app would.
    if (opts.noPlay) return;
    const el = new Audio();
    el.autoplay = true;
    el.srcObject = stream;
    el.play().catch((e) => note(`play ${s.ID}: ${errorText(e)}`));
    bench.players.set(s.ID, el);
  };
  vc.onSessionConnectionStateChangedListener = (s, userId, state) => {
    const rec = record(s);
    const names = vc.SessionConnectionState;
    const name = Object.keys(names).find((k) => names[k] === state) ?? String(state);
    if (name === 'CONNECTED' || name === 'COMPLETED') mark(rec, 'connected');
    else if (name === 'FAILED' || name === 'DISCONNECTED') { mark(rec, name.toLowerCase()); note(`${s.ID}: ${name}`); }
    if (rec && rec.state === 'accepted' && rec.t.connected) rec.state = 'connected';
  };
  vc.onStopCallListener = (s, userId) => {
    const rec = record(s);
    mark(rec, 'hangUp');
    if (rec) rec.hangUpBy = userId;
  };
  vc.onRejectCallListener = (s, userId) => note(`${s.ID}: rejected by ${userId}`);
  vc.onUserNotAnswerListener = (s, userId) => note(`${s.ID}: ${userId} did not answer`);
  vc.onInvalidEventsListener = (s, userId) => note(`invalid event from ${userId} for ${s ? s.ID : '?'}`);
  vc.onSessionCloseListener = (s) => {
    const rec = record(s);
    mark(rec, 'closed');
    if (rec && rec.state !== 'accept-failed') rec.state = 'closed';
    const el = bench.players.get(s.ID);
    if (el) { el.pause(); el.srcObject = null; bench.players.delete(s.ID); }
    bench.live.delete(s.ID);
    vc.clearSession(s.ID); // the SDK never forgets a session by itself
  };

  // The hang-up closes the peer connection before any listener hears of it: read the final counters
  // first, then let the SDK go on.
  const onStop = vc.onStopHandler.bind(vc);
  vc.onStopHandler = (userId, sessionId, extension) => {
    const s = bench.live.get(sessionId);
    const rec = bench.sessions[sessionId];
    if (!s || !rec) { onStop(userId, sessionId, extension); return; }
    readStats(s, rec).catch((e) => note(`final stats ${sessionId}: ${errorText(e)}`))
      .finally(() => onStop(userId, sessionId, extension));
  };

  // BENCH_CANDIDATE_DELAY_MS (opts.candidateDelayMs > 0): a workaround, not what the SDK does. The SDK
  // sends its `accept` and then trickles its ICE candidates at once. Ponte (at the time of writing) may
  // handle those iceCandidates before the accept (Smack's asynchronous stanza listeners do not keep
  // their order), and then hands rtpengine a candidate fragment without the app's ice-ufrag before the
  // app's answer: that call's audio never reaches the browser. Holding each session's candidates until
  // candidateDelayMs after its accept lets the benchmark measure capacity despite that bug. The
  // browser still connects at once (rtpengine answers its ICE checks), but rtpengine starts sending
  // audio to it only once it has the candidates: each call loses about that much of its first audio.
  if (opts.candidateDelayMs > 0) {
    const sp = vc.signalingProvider;
    const send = sp.sendMessage.bind(sp);
    const acceptedAt = new Map(); // sessionID -> when its accept left
    sp.sendMessage = (userId, extension, type) => {
      const id = extension && extension.sessionID;
      const rec = id && bench.sessions[id];
      if (!rec) return send(userId, extension, type);
      if (type === 'accept') acceptedAt.set(id, Date.now());
      if (type === 'iceCandidates') {
        const due = (acceptedAt.get(id) ?? Date.now()) + opts.candidateDelayMs;
        const wait = due - Date.now();
        if (wait > 0 || !acceptedAt.has(id)) {
          rec.delayedCandidates = (rec.delayedCandidates ?? 0) + 1;
          setTimeout(() => { if (bench.live.has(id)) send(userId, extension, type); },
            acceptedAt.has(id) ? wait : opts.candidateDelayMs);
          return undefined;
        }
      }
      return send(userId, extension, type);
    };
    vc.onSessionCloseListener = ((close) => (s) => { close(s); acceptedAt.delete(s.ID); })(vc.onSessionCloseListener);
  }

  let polling = false;
  setInterval(async () => {
    if (polling) return;
    polling = true;
    const t0 = performance.now();
    try {
      await Promise.all([...bench.live.entries()].map(([id, s]) =>
        readStats(s, bench.sessions[id]).catch((e) => note(`stats ${id}: ${errorText(e)}`))));
    } finally {
      bench.polls += 1;
      bench.pollMs = Math.round(performance.now() - t0);
      polling = false;
    }
  }, opts.statsMs);

  return bench.me;
};
