// The REST half of the stand-in, written to ConnectyCube's Server API documentation
// (https://developers.connectycube.com/server/auth and /server/users): sessions (plain, or signed with
// nonce + timestamp + HMAC-SHA1 over the sorted parameters), login/logout, users. Paths work with and
// without the ".json" suffix the JS SDK appends. The token travels in CB-Token; errors are
// {"errors": ...} with ConnectyCube's statuses. Also serves the demo page under /demo/.
// Never logs bodies, passwords, keys or tokens.
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBracketParams, flattenParams } from './util.mjs';
import { userJson } from './users.mjs';

const moduleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_DIR = path.join(moduleDir, 'demo');
const SDK_BUNDLE = path.join(moduleDir, 'node_modules', 'connectycube', 'dist', 'connectycube.min.js');
const MAX_BODY = 1 << 20;

// Error bodies. Those marked "seen" are what api.connectycube.com answered in public bug reports;
// the rest are the stand-in's own wording in the same shape.
export const ERR = {
  noSession: { errors: { base: ['Required session does not exist'] } },      // seen; the SDK keys on it (401)
  badSignature: { errors: ['Unexpected signature'] },                          // seen (422)
  invalidPassword: { errors: ['Invalid password'] },                           // seen (401)
  unauthorized: { errors: ['Unauthorized'] },                                  // 401
  passwordBlank: { errors: { password: ['cannot be blank'] } },                // seen (422)
  needUser: { errors: { base: ['Forbidden. Need user.'] } },                   // seen (403)
  notFound: { errors: { base: ['Entity you are looking for was not found.'] } }, // 404
};

const isoNow = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const expiryHeader = (ms) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
const safeEqual = (a, b) => {
  const x = Buffer.from(String(a ?? ''));
  const y = Buffer.from(String(b ?? ''));
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

/** The signed string of a session request: every parameter but `signature`, flattened, sorted, k=v joined by &. */
export function canonicalSessionString(params) {
  return flattenParams(params)
    .filter(([k]) => k !== 'signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export function signSession(params, secret) {
  return crypto.createHmac('sha1', secret).update(canonicalSessionString(params), 'utf8').digest('hex');
}

/**
 * @param {object} o
 * @param {{appId:string, authKey:string, authSecret:string}} o.app
 * @param {import('./users.mjs').UserStore} o.users
 * @param {number} [o.sessionTtlSeconds]  idle lifetime of a token (ConnectyCube: 2 hours, prolonged by each request)
 * @param {boolean} [o.createUsersOnSession] create unknown users on POST /session (ConnectyCube's default; off here)
 * @param {()=>object} [o.demoConfig] what /demo/config.json answers
 * @param {(line:string)=>void} [o.log]
 */
export function createApi({ app, users, sessionTtlSeconds = 7200, createUsersOnSession = false, demoConfig, log }) {
  const sessions = new Map(); // token -> session
  let nextSessionId = 1;
  const logLine = log ?? (() => {});

  const newSession = (user, params) => {
    const token = crypto.randomBytes(18).toString('hex').toUpperCase();
    const t = new Date().toISOString();
    const s = {
      id: nextSessionId++, application_id: Number(app.appId), token, user_id: user ? user.id : null,
      nonce: params.nonce != null ? Number(params.nonce) : null,
      ts: params.timestamp != null ? Number(params.timestamp) : Math.floor(Date.now() / 1000),
      created_at: t, updated_at: t, expiresAt: Date.now() + sessionTtlSeconds * 1000,
    };
    sessions.set(token, s);
    return s;
  };
  const sessionJson = (s) => {
    const out = {
      id: s.id, user_id: s.user_id, application_id: s.application_id, nonce: s.nonce, token: s.token, ts: s.ts,
      created_at: s.created_at, updated_at: s.updated_at,
    };
    const u = s.user_id != null ? users.byId(s.user_id) : null;
    if (u) out.user = userJson(u);
    return out;
  };
  /** The live session of the request's CB-Token (prolonged), or undefined. */
  const sessionOf = (req) => {
    const token = req.headers['cb-token'];
    const s = token ? sessions.get(String(token)) : undefined;
    if (!s) return undefined;
    if (s.expiresAt < Date.now()) { sessions.delete(s.token); return undefined; }
    s.expiresAt = Date.now() + sessionTtlSeconds * 1000;
    if (s.user_id != null) {
      const u = users.byId(s.user_id);
      if (u) users.touch(u); else s.user_id = null;
    }
    return s;
  };

  /** Finds the user named by login/email and checks the password: {user} or {status, body}. */
  const authenticate = (cred) => {
    const c = cred ?? {};
    if (c.password == null || c.password === '') return { status: 422, body: ERR.passwordBlank };
    if ((c.login == null || c.login === '') && (c.email == null || c.email === '')) {
      return { status: 422, body: { errors: { base: ['login or email required'] } } };
    }
    let u = c.login != null && c.login !== '' ? users.byLogin(c.login) : users.byEmail(c.email);
    if (!u && createUsersOnSession) {
      const made = users.create({ login: c.login, email: c.email, password: c.password });
      if (made.errors) return { status: 422, body: { errors: made.errors } };
      u = made.user;
    }
    if (!u) return { status: 401, body: ERR.unauthorized };
    if (!safeEqual(u.password, String(c.password))) return { status: 401, body: ERR.invalidPassword };
    users.touch(u);
    return { user: u };
  };

  // ---- handlers: (req, params, match) -> [status, body|null, headers?]
  const createSession = (req, p) => {
    const appOk = String(p.application_id ?? '') === String(app.appId) && safeEqual(p.auth_key, app.authKey);
    if (p.signature != null) {
      if (p.nonce == null || p.timestamp == null || !appOk
          || !safeEqual(String(p.signature).toLowerCase(), signSession(p, app.authSecret))) {
        return [422, ERR.badSignature];
      }
    } else if (!appOk) {
      return [422, { errors: { base: ['Unknown application or auth key'] } }];
    }
    let user = null;
    if (p.user && typeof p.user === 'object') {
      if (p.user.guest) {
        const made = users.create({ login: `guest_login_${crypto.randomBytes(16).toString('hex').toUpperCase()}`,
          password: crypto.randomBytes(16).toString('hex'), full_name: p.user.full_name, is_guest: true });
        user = made.user;
      } else {
        const r = authenticate(p.user);
        if (!r.user) return [r.status, r.body];
        user = r.user;
      }
    }
    const s = newSession(user, p);
    return [201, { session: sessionJson(s) }, { 'CB-Token-ExpirationDate': expiryHeader(s.expiresAt) }];
  };
  const withSession = (fn) => (req, p, m) => {
    const s = sessionOf(req);
    if (!s) return [401, ERR.noSession];
    return fn(req, p, m, s);
  };
  const withUser = (fn) => withSession((req, p, m, s) => (s.user_id == null ? [403, ERR.needUser] : fn(req, p, m, s)));
  const one = (u) => (u ? [200, { user: userJson(u) }] : [404, ERR.notFound]);
  const ownAccount = (fn) => withUser((req, p, m, s) => {
    if (Number(m[1]) !== s.user_id) return [403, { errors: { base: ['You can change only your own account'] } }];
    return fn(req, p, m, s);
  });

  const listV2 = (req, p) => {
    const fields = ['id', 'login', 'email', 'full_name', 'phone', 'external_id', 'user_tags'];
    let items = users.all();
    let primary = false;
    for (const f of fields) {
      const cond = p[f];
      if (cond === undefined) continue;
      const get = (u) => (f === 'id' ? String(u.id) : u[f] == null ? '' : String(u[f]));
      const inTags = (u, v) => f === 'user_tags' && get(u).split(',').includes(String(v));
      const eq = (u, v) => get(u) === String(v) || inTags(u, v);
      if (typeof cond !== 'object') { primary = true; items = items.filter((u) => eq(u, cond)); continue; }
      const list = (v) => (Array.isArray(v) ? v : String(v).split(','));
      if (cond.in !== undefined) { primary = true; items = items.filter((u) => list(cond.in).some((v) => eq(u, v))); }
      if (cond.start_with !== undefined) {
        primary = true;
        items = items.filter((u) => get(u).toLowerCase().startsWith(String(cond.start_with).toLowerCase()));
      }
      if (cond.nin !== undefined) items = items.filter((u) => !list(cond.nin).some((v) => eq(u, v)));
    }
    if (!primary) {
      return [422, { errors: { base: ['Query must contain at least one stand-alone field with a primary operator'] } }];
    }
    const sortBy = p.sort_desc ?? p.sort_asc;
    if (sortBy) {
      const dir = p.sort_desc ? -1 : 1;
      items.sort((a, b) => (a[sortBy] > b[sortBy] ? dir : a[sortBy] < b[sortBy] ? -dir : 0));
    }
    const skip = Math.max(0, Number(p.offset ?? 0) || 0);
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100) || 100));
    return [200, { limit, skip, total_entries: items.length, items: items.slice(skip, skip + limit).map(userJson) }];
  };
  const listV1 = (req, p) => {
    const page = Math.max(1, Number(p.page ?? 1) || 1);
    const perPage = Math.min(100, Math.max(1, Number(p.per_page ?? 10) || 10));
    const all = users.all();
    return [200, { current_page: page, per_page: perPage, total_entries: all.length,
      items: all.slice((page - 1) * perPage, page * perPage).map((u) => ({ user: userJson(u) })) }];
  };

  const routes = [
    ['POST', /^\/session$/, createSession],
    ['GET', /^\/session$/, withSession((req, p, m, s) => [200, { session: sessionJson(s) }])],
    ['DELETE', /^\/session$/, withSession((req, p, m, s) => { sessions.delete(s.token); return [200, null]; })],
    ['POST', /^\/login$/, withSession((req, p, m, s) => {
      const r = authenticate(p);
      if (!r.user) return [r.status, r.body];
      s.user_id = r.user.id;
      s.updated_at = new Date().toISOString();
      return [202, { user: userJson(r.user) }];
    })],
    ['DELETE', /^\/login$/, withSession((req, p, m, s) => { s.user_id = null; return [200, null]; })],
    ['POST', /^\/users$/, (req, p) => {
      // sign up: an application (or user) session, or the application's auth key in CB-AuthKey
      const keyed = req.headers['cb-authkey'] != null && safeEqual(req.headers['cb-authkey'], app.authKey);
      if (!keyed && !sessionOf(req)) return [401, ERR.noSession];
      const r = users.create(p.user && typeof p.user === 'object' ? { ...p.user, id: undefined, is_guest: undefined } : {});
      return r.errors ? [422, { errors: r.errors }] : [201, { user: userJson(r.user) }];
    }],
    ['GET', /^\/users\/v2$/, withSession(listV2)],
    ['GET', /^\/users$/, withSession(listV1)],
    ['GET', /^\/users\/by_login$/, withSession((req, p) => one(users.byLogin(p.login)))],
    ['GET', /^\/users\/by_email$/, withSession((req, p) => one(users.byEmail(p.email)))],
    ['GET', /^\/users\/external\/([^/]+)$/, withSession((req, p, m) =>
      one(users.all().find((u) => u.external_id != null && String(u.external_id) === decodeURIComponent(m[1]))))],
    ['GET', /^\/users\/(\d+)$/, withSession((req, p, m) => one(users.byId(m[1])))],
    ['PUT', /^\/users\/(\d+)$/, ownAccount((req, p, m) => {
      const r = users.update(m[1], p.user && typeof p.user === 'object' ? p.user : {});
      return r.errors ? [r.status ?? 422, { errors: r.errors }] : [200, { user: userJson(r.user) }];
    })],
    ['DELETE', /^\/users\/(\d+)$/, ownAccount((req, p, m) => {
      users.delete(m[1]);
      for (const [token, s] of sessions) if (s.user_id === Number(m[1])) sessions.delete(token);
      return [200, null];
    })],
  ];

  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': 'CB-Token, CB-SDK, CB-AuthKey, Content-Type',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'Access-Control-Expose-Headers': 'CB-Token-ExpirationDate, Date',
  };
  const send = (res, status, body, headers = {}) => {
    const text = body == null ? '' : JSON.stringify(body);
    res.writeHead(status, { ...cors, 'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache', ...headers });
    res.end(text);
  };
  const sendFile = (res, file, type) => {
    fs.readFile(file, (err, data) => {
      if (err) { send(res, 404, { errors: ['Not found'] }); return; }
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': data.length, 'Cache-Control': 'no-cache' });
      res.end(data);
    });
  };
  const STATIC = {
    '/demo/': [path.join(DEMO_DIR, 'index.html'), 'text/html; charset=utf-8'],
    '/demo/index.html': [path.join(DEMO_DIR, 'index.html'), 'text/html; charset=utf-8'],
    '/demo/demo.js': [path.join(DEMO_DIR, 'demo.js'), 'text/javascript; charset=utf-8'],
    '/demo/demo.css': [path.join(DEMO_DIR, 'demo.css'), 'text/css; charset=utf-8'],
    '/demo/connectycube.min.js': [SDK_BUNDLE, 'text/javascript; charset=utf-8'],
  };

  const handle = (req, res, raw) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const started = Date.now();
    const finish = (status) => logLine(`${req.method} ${url.pathname} ${status} ${Date.now() - started}ms`);
    if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); finish(204); return; }
    if (req.method === 'GET') {
      if (url.pathname === '/' || url.pathname === '/demo') {
        res.writeHead(302, { Location: '/demo/' }); res.end(); finish(302); return;
      }
      if (url.pathname === '/favicon.ico') { res.writeHead(204); res.end(); return; }
      if (url.pathname === '/demo/config.json') { send(res, 200, demoConfig ? demoConfig() : {}); finish(200); return; }
      if (STATIC[url.pathname]) { sendFile(res, ...STATIC[url.pathname]); finish(200); return; }
    }
    let params = parseBracketParams(url.search.slice(1));
    if (raw.length) {
      const ct = String(req.headers['content-type'] ?? '');
      const text = raw.toString('utf8');
      if (ct.includes('json') || /^\s*[{[]/.test(text)) {
        try {
          const body = JSON.parse(text);
          if (body && typeof body === 'object' && !Array.isArray(body)) params = { ...params, ...body };
        } catch {
          send(res, 400, { errors: ['Malformed JSON'] }); finish(400); return;
        }
      } else {
        params = { ...params, ...parseBracketParams(text) };
      }
    }
    const pathname = url.pathname.replace(/\/+$/, '').replace(/\.json$/, '') || '/';
    const sameMethod = routes.filter(([method]) => method === req.method);
    for (const [, re, fn] of sameMethod) {
      const m = pathname.match(re);
      if (!m) continue;
      let out;
      try {
        out = fn(req, params, m);
      } catch (e) {
        logLine(`error in ${req.method} ${pathname}: ${e.message}`);
        out = [500, { errors: ['Internal Server Error'] }];
      }
      const [status, body, headers] = out;
      send(res, status, body, headers);
      finish(status);
      return;
    }
    const known = routes.some(([, re]) => re.test(pathname));
    send(res, known ? 405 : 404, { errors: [known ? 'Method Not Allowed' : 'Not found'] });
    finish(known ? 405 : 404);
  };

  const server = http.createServer((req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) { send(res, 413, { errors: ['Request Entity Too Large'] }); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => { if (!res.headersSent) handle(req, res, Buffer.concat(chunks)); });
  });
  return { server, sessions };
}
