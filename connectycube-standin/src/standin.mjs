// Starts the whole stand-in: Prosody (chat) and the REST API (+ demo page), users seeded and mirrored
// into Prosody as {userId}-{appId}. Used by the `run` script (src/cli.mjs) and by the tests.
import fs from 'node:fs';
import path from 'node:path';
import { Prosody } from './prosody.mjs';
import { UserStore } from './users.mjs';
import { createApi } from './api.mjs';
import { canListen } from './util.mjs';

/**
 * Parses "alice:pw1,bob:pw2" (optionally "alice:pw1:Alice Smith") into seed users.
 * A password may not contain "," (use a JSON file for those).
 */
export function parseUserList(text) {
  return String(text ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
    const i = entry.indexOf(':');
    if (i <= 0 || i === entry.length - 1) throw new Error(`user entry "${entry.split(':')[0]}" is not login:password`);
    const login = entry.slice(0, i);
    const rest = entry.slice(i + 1);
    const j = rest.indexOf(':');
    return j < 0 ? { login, password: rest } : { login, password: rest.slice(0, j), full_name: rest.slice(j + 1) };
  });
}

/**
 * @param {object} o
 * @param {string} o.workDir           logs, Prosody's run directory, users.json
 * @param {{appId:string, authKey:string, authSecret:string}} o.app
 * @param {string} [o.chatDomain]      XMPP domain (default localhost). The SDK takes the XMPP domain from
 *                                     its chat_url's host name, so the WebSocket URLs are built with it
 * @param {{api:number, c2s:number, c2sTls:number, ws:number, wss:number}} o.ports
 * @param {Array<{login:string,password:string,full_name?:string,id?:number}>} [o.seedUsers]
 * @param {boolean} [o.persistUsers]   keep users in workDir/users.json across restarts (default true)
 * @param {string} [o.certDir]         where the self-signed certificate is kept (default workDir/certs)
 * @param {boolean} [o.createUsersOnSession]
 * @param {boolean} [o.echoLog]        also write log lines to stderr
 */
export async function startStandin(o) {
  const workDir = path.resolve(o.workDir);
  fs.mkdirSync(workDir, { recursive: true });
  const logFile = path.join(workDir, 'standin.log');
  const log = (line) => {
    const l = `${new Date().toISOString()} ${line}\n`;
    fs.appendFileSync(logFile, l);
    if (o.echoLog) process.stderr.write(l);
  };
  const domain = o.chatDomain ?? 'localhost';
  const app = { appId: String(o.app.appId), authKey: o.app.authKey, authSecret: o.app.authSecret };
  if (!/^\d+$/.test(app.appId)) throw new Error('the application id must be a number');
  const jidNode = (u) => `${u.id}-${app.appId}`;

  // a port already taken (say, by a stand-in still running) would look like a ready server
  const names = { api: 'STANDIN_API_PORT', c2s: 'STANDIN_C2S_PORT', c2sTls: 'STANDIN_C2S_TLS_PORT', ws: 'STANDIN_WS_PORT', wss: 'STANDIN_WSS_PORT' };
  for (const [k, p] of Object.entries(o.ports)) {
    if (!await canListen(p)) throw new Error(`port ${p} (${names[k] ?? k}) on 127.0.0.1 is in use: another stand-in running?`);
  }

  const prosody = new Prosody({
    dir: path.join(workDir, 'prosody'), domain, certDir: o.certDir ?? path.join(workDir, 'certs'), log,
    ports: { c2s: o.ports.c2s, c2sTls: o.ports.c2sTls, http: o.ports.ws, https: o.ports.wss },
  });
  prosody.prepare();
  const users = new UserStore({
    file: o.persistUsers === false ? undefined : path.join(workDir, 'users.json'),
    onChange: (event, u) => {
      if (event === 'delete') prosody.deleteAccount(jidNode(u)); else prosody.setAccount(jidNode(u), u.password);
      log(`user ${u.id} (${u.login ?? u.email}) ${event === 'delete' ? 'deleted' : 'saved'}; chat ${jidNode(u)}@${domain}`);
    },
  });
  for (const u of users.all()) prosody.setAccount(jidNode(u), u.password); // data dir starts empty
  for (const seed of o.seedUsers ?? []) {
    const r = users.upsert(seed);
    if (r.errors) throw new Error(`cannot seed user ${seed.login}: ${JSON.stringify(r.errors)}`);
  }

  const apiUrl = `http://127.0.0.1:${o.ports.api}`;
  const chat = {
    domain,
    wsUrl: `ws://${domain}:${o.ports.ws}/xmpp-websocket`,
    wssUrl: `wss://${domain}:${o.ports.wss}/xmpp-websocket`,
    c2sPort: o.ports.c2s,
    c2sTlsPort: o.ports.c2sTls,
  };
  const demoConfig = () => ({
    credentials: { appId: Number(app.appId), authKey: app.authKey },
    config: {
      endpoints: { api_url: apiUrl, chat: domain, chat_url: chat.wsUrl },
      videochat: { iceServers: [] },
    },
    wssUrl: chat.wssUrl,
    users: users.all().map((u) => ({ id: u.id, login: u.login, full_name: u.full_name ?? null })),
  });
  const { server } = createApi({ app, users, log, demoConfig, createUsersOnSession: o.createUsersOnSession });

  await prosody.start();
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.ports.api, '127.0.0.1', resolve);
    });
  } catch (e) {
    await prosody.stop();
    throw new Error(`REST stand-in cannot listen on 127.0.0.1:${o.ports.api}: ${e.message}`);
  }
  log(`REST stand-in on ${apiUrl}, application ${app.appId}, ${users.all().length} users`);

  let stopped = false;
  return {
    app, apiUrl, chat, users, prosody, workDir, logFile,
    certificate: prosody.certificatePath,
    demoUrl: `${apiUrl}/demo/`,
    jid: (userId) => `${userId}-${app.appId}@${domain}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections?.();
      await new Promise((r) => server.close(() => r()));
      await prosody.stop();
      log('stopped');
    },
  };
}
