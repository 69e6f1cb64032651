// A minimal local stand-in of ConnectyCube's REST API, written for the capture only: it serves the
// SDK's browser bundle and a blank page, answers POST /session.json and POST /login.json the way the
// SDK needs to proceed (shape from https://developers.connectycube.com/server/auth), and records
// every request it receives. Listens on 127.0.0.1 only.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const bundle = path.join(here, 'node_modules/connectycube/dist/connectycube.min.js');

export function startStandIn({ appId, authKey, users, fixedTime }) {
  const records = [];
  const sessions = new Map(); // token -> session
  let nextSessionId = 5001;

  const json = (res, status, obj) => {
    const body = JSON.stringify(obj);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    return body;
  };
  const userJson = (u) => ({
    id: u.id, login: u.login, full_name: u.fullName, email: null, phone: null, website: null,
    created_at: fixedTime, updated_at: fixedTime, last_request_at: fixedTime,
    external_user_id: null, facebook_id: null, twitter_id: null, custom_data: null, avatar: null,
    user_tags: null, is_guest: null,
  });
  const newSession = (userId) => {
    const id = nextSessionId++;
    const token = `capture-token-${id}`;
    const s = {
      _id: `capture-session-${id}`, application_id: Number(appId), created_at: fixedTime, id, nonce: id,
      token, ts: Math.floor(Date.parse(fixedTime) / 1000), updated_at: fixedTime, user_id: userId ?? 0,
    };
    sessions.set(token, s);
    return s;
  };

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const rec = { method: req.method, url: req.url, headers: req.headers, body: raw };
      const url = new URL(req.url, 'http://127.0.0.1');
      if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/page.html')) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(fs.readFileSync(path.join(here, 'page.html')));
        return;
      }
      if (req.method === 'GET' && url.pathname === '/connectycube.min.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
        res.end(fs.readFileSync(bundle));
        return;
      }
      if (req.method === 'GET' && url.pathname === '/favicon.ico') { res.writeHead(204); res.end(); return; }
      records.push(rec);
      let params = {};
      try { params = raw ? JSON.parse(raw) : {}; } catch { rec.response = { status: 400, body: json(res, 400, { errors: ['malformed JSON'] }) }; return; }
      if (req.method === 'POST' && url.pathname === '/session.json') {
        if (String(params.application_id) !== String(appId) || params.auth_key !== authKey) {
          rec.response = { status: 422, body: json(res, 422, { errors: { base: ['Unexpected signature'] } }) };
          return;
        }
        let userId = 0;
        if (params.user) {
          const u = users.find((x) => x.login === params.user.login && x.password === params.user.password);
          if (!u) { rec.response = { status: 401, body: json(res, 401, { errors: ['Unauthorized'] }) }; return; }
          userId = u.id;
        }
        rec.response = { status: 201, body: json(res, 201, { session: newSession(userId) }) };
        return;
      }
      if (req.method === 'POST' && url.pathname === '/login.json') {
        const s = sessions.get(req.headers['cb-token']);
        if (!s) { rec.response = { status: 401, body: json(res, 401, { errors: { base: ['Required session does not exist'] } }) }; return; }
        const u = users.find((x) => x.login === params.login && x.password === params.password);
        if (!u) { rec.response = { status: 401, body: json(res, 401, { errors: ['Unauthorized'] }) }; return; }
        s.user_id = u.id;
        rec.response = { status: 202, body: json(res, 202, { user: userJson(u) }) };
        return;
      }
      rec.response = { status: 404, body: json(res, 404, { errors: ['Not found'] }) };
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, records, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
