// The stand-in speaks ConnectyCube's documented protocol, as the real `connectycube` npm SDK (6.1.2,
// its Node build) uses it: REST sessions, login, users; chat over wss:// with the SDK's @xmpp/client.
// Also: the older signed session form, ConnectyCube's error shapes, and the XMPP/TCP ports Ponte's
// Java connector uses (direct TLS and STARTTLS, PLAIN the only mechanism).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import ConnectyCube from 'connectycube';
import { startTestStandin, ALICE, BOB, until, within } from './helpers.mjs';

/** A fresh SDK instance (the default export is one; its class makes more, sharing one config). */
const sdkConfig = (s) => ({
  endpoints: { api_url: s.apiUrl, chat: s.chat.domain, chat_url: s.chat.wssUrl },
  chat: { reconnect: { enable: false } },
  debug: { mode: 0 },
});
function sdk(s) {
  const cc = new ConnectyCube.ConnectyCube();
  cc.init({ appId: Number(s.app.appId), authKey: s.app.authKey }, sdkConfig(s));
  return cc;
}

async function post(s, path, body, headers = {}) {
  const r = await fetch(`${s.apiUrl}${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
  return { status: r.status, body: await r.json(), headers: r.headers };
}

/** What an SDK call rejected with ({code, info} for HTTP errors). */
async function rejection(p) {
  try { await p; } catch (e) { return e; }
  assert.fail('expected the call to fail');
}

describe('stand-in driven by the connectycube SDK', () => {
  let s;
  const open = [];
  before(async () => { s = await startTestStandin('sdk'); });
  after(async () => {
    for (const cc of open) { try { cc.chat.disconnect(); } catch { /* not connected */ } }
    await s?.stop();
  });

  it('creates sessions in the signed form (nonce, timestamp, HMAC-SHA1 with the auth secret)', async () => {
    const params = { application_id: Number(s.app.appId), auth_key: s.app.authKey, nonce: 4242,
      timestamp: Math.floor(Date.now() / 1000), user: { login: ALICE.login, password: ALICE.password } };
    // written out independently of the stand-in's code: sorted k=v&..., nested as user[login]
    const signed = `application_id=${params.application_id}&auth_key=${params.auth_key}&nonce=4242`
      + `&timestamp=${params.timestamp}&user[login]=${ALICE.login}&user[password]=${ALICE.password}`;
    const signature = crypto.createHmac('sha1', s.app.authSecret).update(signed).digest('hex');
    const ok = await post(s, '/session', { ...params, signature });
    assert.equal(ok.status, 201);
    assert.match(ok.body.session.token, /^[0-9A-F]{36}$/);
    assert.equal(ok.body.session.user.login, ALICE.login);
    assert.equal(ok.body.session.nonce, 4242);
    assert.match(ok.headers.get('cb-token-expirationdate'), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);

    const wrongSecret = crypto.createHmac('sha1', 'not-the-secret').update(signed).digest('hex');
    const bad = await post(s, '/session.json', { ...params, signature: wrongSecret });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body, { errors: ['Unexpected signature'] });
  });

  it('creates sessions, logs users in, and refuses bad credentials in ConnectyCube\'s shape', async () => {
    const a = sdk(s);
    const appSession = await a.createSession();
    assert.equal(appSession.application_id, Number(s.app.appId));
    assert.equal(appSession.user_id, null);
    const alice = await a.login({ login: ALICE.login, password: ALICE.password });
    assert.equal(alice.login, ALICE.login);
    assert.equal(alice.full_name, 'Alice');
    assert.equal((await a.getSession()).user_id, alice.id);

    const b = sdk(s);
    const bobSession = await b.createSession({ login: BOB.login, password: BOB.password });
    assert.equal(bobSession.user.login, BOB.login);

    const wrongPassword = await rejection(sdk(s).createSession({ login: BOB.login, password: 'wrong' }));
    assert.equal(wrongPassword.code, 401);
    assert.deepEqual(wrongPassword.info, { errors: ['Invalid password'] });

    const unknownUser = await rejection(sdk(s).createSession({ login: 'nobody', password: 'whatever-1' }));
    assert.equal(unknownUser.code, 401);
    assert.ok(Array.isArray(unknownUser.info.errors));

    const c = sdk(s);
    await c.createSession();
    const badLogin = await rejection(c.login({ login: ALICE.login, password: 'wrong' }));
    assert.equal(badLogin.code, 401);
    assert.deepEqual(badLogin.info, { errors: ['Invalid password'] });

    // (init again with the whole config: init(creds, {}) would point the SDK back at the cloud)
    const wrongKey = sdk(s);
    wrongKey.init({ appId: Number(s.app.appId), authKey: 'not-the-key' }, sdkConfig(s));
    const badApp = await rejection(wrongKey.createSession());
    assert.equal(badApp.code, 422);
    assert.ok(badApp.info.errors);
    sdk(s); // the SDK's configuration is shared by all instances: back to the right key

    // the SDK recognises this exact body as "session expired" (Proxy.isExpiredSessionError)
    const r = await fetch(`${s.apiUrl}/users/${alice.id}.json`, { headers: { 'CB-Token': 'F00' } });
    assert.equal(r.status, 401);
    assert.deepEqual(await r.json(), { errors: { base: ['Required session does not exist'] } });

    await b.destroySession();
    const gone = await fetch(`${s.apiUrl}/session.json`, { headers: { 'CB-Token': bobSession.token } });
    assert.equal(gone.status, 401);
  });

  it('signs users up and finds them by id, by login and with the v2 query', async () => {
    const a = sdk(s);
    await a.createSession();
    const carol = await a.users.signup({ login: 'carol', password: 'carol-pw-3', full_name: 'Carol' });
    assert.equal(carol.user.login, 'carol');
    assert.equal(carol.user.password, undefined);
    const taken = await rejection(a.users.signup({ login: 'carol', password: 'x-pw-12345' }));
    assert.equal(taken.code, 422);
    assert.deepEqual(taken.info, { errors: { login: ['has already been taken'] } });

    assert.equal((await a.users.get(carol.user.id)).user.login, 'carol');
    assert.equal((await a.users.get({ login: 'bob' })).user.login, 'bob');
    const v2 = await a.users.getV2({ login: 'carol' });
    assert.equal(v2.total_entries, 1);
    assert.equal(v2.items[0].id, carol.user.id);
    const both = await a.users.getV2({ id: { in: [carol.user.id, s.users.byLogin('alice').id] } });
    assert.deepEqual(both.items.map((u) => u.login).sort(), ['alice', 'carol']);
    const missing = await rejection(a.users.get(999999));
    assert.equal(missing.code, 404);
    assert.ok(missing.info.errors);

    // updating or deleting needs a user session for that very user
    const put = async (id) => {
      const r = await fetch(`${s.apiUrl}/users/${id}.json`, { method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'CB-Token': (await a.getSession()).token },
        body: JSON.stringify({ user: { full_name: 'x' } }) });
      return { status: r.status, body: await r.json() };
    };
    assert.deepEqual(await put(carol.user.id), { status: 403, body: { errors: { base: ['Forbidden. Need user.'] } } });
    await a.login({ login: 'carol', password: 'carol-pw-3' });
    assert.equal((await put(s.users.byLogin('bob').id)).status, 403);
    assert.equal((await a.users.update({ full_name: 'Carol C.' })).user.full_name, 'Carol C.');
  });

  it('connects two users to chat over wss:// and delivers a message from one to the other', async () => {
    const a = sdk(s);
    const b = sdk(s);
    open.push(a, b);
    const aliceSession = await a.createSession({ login: ALICE.login, password: ALICE.password });
    const bobSession = await b.createSession({ login: BOB.login, password: BOB.password });
    await within('alice chat connect', a.chat.connect({ userId: aliceSession.user_id, password: ALICE.password }));
    await within('bob chat connect', b.chat.connect({ userId: bobSession.user_id, password: BOB.password }));

    // Bob's initial presence (sent by the SDK right after binding) must have reached the server before
    // a message to his bare JID can be routed to him: a ping round trip on his stream guarantees that.
    await within('bob ping', b.chat.ping());
    const received = [];
    b.chat.onMessageListener = (userId, message) => received.push({ userId, message });
    const text = `hello bob ${crypto.randomUUID()}`;
    a.chat.send(bobSession.user_id, { type: 'chat', body: text, extension: { save_to_history: 0 } });
    const got = await until('bob to receive alice\'s message', () => received.find((m) => m.message.body === text));
    assert.equal(got.userId, aliceSession.user_id);
  });

  it('lets a user signed up over REST log in to chat, and refuses a wrong chat password', async () => {
    const a = sdk(s);
    open.push(a);
    await a.createSession();
    const dave = (await a.users.signup({ login: 'dave', password: 'dave-pw-4' })).user;
    await within('dave chat connect', a.chat.connect({ userId: dave.id, password: 'dave-pw-4' }));
    a.chat.disconnect();

    const w = sdk(s);
    open.push(w);
    await w.createSession();
    await assert.rejects(within('chat connect with a wrong password', w.chat.connect({ userId: dave.id, password: 'wrong' })));
  });

  it('offers XMPP over TCP as ConnectyCube does: direct TLS and STARTTLS, PLAIN only, certificate for the chat host', async () => {
    const ca = fs.readFileSync(s.certificate);
    const header = `<?xml version='1.0'?><stream:stream to='${s.chat.domain}' xmlns='jabber:client' `
      + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
    const readUntil = (sock, re) => new Promise((resolve, reject) => {
      let buf = '';
      sock.on('data', (d) => { buf += d.toString(); if (re.test(buf)) resolve(buf); });
      sock.once('error', reject);
    });

    const direct = tls.connect({ host: '127.0.0.1', port: s.chat.c2sTlsPort, servername: s.chat.domain, ca });
    await within('direct TLS handshake', new Promise((resolve, reject) => { direct.once('secureConnect', resolve); direct.once('error', reject); }));
    assert.ok(direct.authorized, `certificate not trusted: ${direct.authorizationError}`);
    direct.write(header);
    const features = await within('direct TLS stream features', readUntil(direct, /<\/stream:features>/));
    direct.destroy();
    const mechanisms = [...features.matchAll(/<mechanism>([^<]+)<\/mechanism>/g)].map((m) => m[1]);
    assert.deepEqual(mechanisms, ['PLAIN']);

    const plain = net.connect({ host: '127.0.0.1', port: s.chat.c2sPort });
    await within('TCP connect', new Promise((resolve, reject) => { plain.once('connect', resolve); plain.once('error', reject); }));
    plain.write(header);
    const before = await within('STARTTLS stream features', readUntil(plain, /<\/stream:features>/));
    plain.destroy();
    assert.match(before, /<starttls[^>]*urn:ietf:params:xml:ns:xmpp-tls[^>]*>\s*<required\s*\/>/);
    assert.doesNotMatch(before, /<mechanism>/, 'no SASL before TLS');
  });
});
