// `./run`: starts the stand-in from environment settings, prints what Ponte and a browser need,
// and stops everything on Ctrl-C / SIGTERM. See README.md for the settings.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin, parseUserList } from './standin.mjs';

const moduleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const DEFAULT_USERS = 'alice:alice-pw-1:Alice,bob:bob-pw-2:Bob';

function port(name, dflt) {
  const v = env[name] ?? String(dflt);
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name}=${v} is not a port`);
  return n;
}

/** App credentials: from the environment, else generated once and kept in the work dir. */
function appCredentials(workDir) {
  const file = path.join(workDir, 'app.json');
  let saved = {};
  if (fs.existsSync(file)) saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  const app = {
    appId: env.STANDIN_APP_ID ?? saved.appId ?? '385',
    authKey: env.STANDIN_AUTH_KEY ?? saved.authKey ?? crypto.randomBytes(12).toString('base64url'),
    authSecret: env.STANDIN_AUTH_SECRET ?? saved.authSecret ?? crypto.randomBytes(12).toString('base64url'),
  };
  fs.writeFileSync(file, JSON.stringify(app, null, 2), { mode: 0o600 });
  return app;
}

function seedUsers() {
  if (env.STANDIN_USERS_FILE) {
    const list = JSON.parse(fs.readFileSync(env.STANDIN_USERS_FILE, 'utf8'));
    if (!Array.isArray(list)) throw new Error('STANDIN_USERS_FILE must hold a JSON array of {login, password, full_name?}');
    return list;
  }
  return parseUserList(env.STANDIN_USERS ?? DEFAULT_USERS);
}

async function main() {
  const workDir = path.resolve(env.STANDIN_WORK_DIR ?? path.join(moduleDir, '..', '.ponte', 'standin'));
  fs.mkdirSync(workDir, { recursive: true, mode: 0o700 });
  const ports = {
    api: port('STANDIN_API_PORT', 15080),
    c2s: port('STANDIN_C2S_PORT', 15222),
    c2sTls: port('STANDIN_C2S_TLS_PORT', 15223),
    ws: port('STANDIN_WS_PORT', 15280),
    wss: port('STANDIN_WSS_PORT', 15281),
  };
  const s = await startStandin({
    workDir,
    app: appCredentials(workDir),
    chatDomain: env.STANDIN_CHAT_DOMAIN ?? 'localhost',
    ports,
    seedUsers: seedUsers(),
    persistUsers: env.STANDIN_PERSIST_USERS !== '0',
    createUsersOnSession: env.STANDIN_CREATE_USERS_ON_SESSION === '1',
    echoLog: env.STANDIN_LOG_STDERR === '1',
  });

  const ponte = [
    ['CONNECTYCUBE_APP_ID', s.app.appId],
    ['CONNECTYCUBE_AUTH_KEY', s.app.authKey],
    ['CONNECTYCUBE_AUTH_SECRET', s.app.authSecret],
    ['CONNECTYCUBE_API_URL', s.apiUrl],
    ['CONNECTYCUBE_CHAT_HOST', s.chat.domain],
    ['CONNECTYCUBE_CHAT_PORT', String(s.chat.c2sTlsPort)],
    ['CONNECTYCUBE_CHAT_TLS', 'direct'],
    ['CONNECTYCUBE_CHAT_CA_FILE', s.certificate],
  ];
  const envFile = path.join(workDir, 'connectycube.env');
  fs.writeFileSync(envFile, `${ponte.map(([k, v]) => `${k}=${v}`).join('\n')}\n`, { mode: 0o600 });
  const sdk = {
    credentials: { appId: Number(s.app.appId), authKey: s.app.authKey },
    config: { endpoints: { api_url: s.apiUrl, chat: s.chat.domain, chat_url: s.chat.wsUrl }, videochat: { iceServers: [] } },
  };
  const users = s.users.all().map((u) => `${u.login ?? u.email} (id ${u.id}, chat ${s.jid(u.id)})`);
  process.stdout.write([
    'ConnectyCube stand-in is running (Ctrl-C stops it).',
    '',
    `Demo page:  ${s.demoUrl}   (open it in two browser windows, log in as two users, call)`,
    `REST API:   ${s.apiUrl}   (POST /session, /login, /users ...; .json paths too)`,
    `Chat:       XMPP domain ${s.chat.domain} on 127.0.0.1: STARTTLS ${s.chat.c2sPort}, direct TLS ${s.chat.c2sTlsPort},`,
    `            ${s.chat.wsUrl}, ${s.chat.wssUrl}`,
    `Users:      ${users.join(', ')}`,
    `            (passwords as set in STANDIN_USERS / STANDIN_USERS_FILE; the defaults are in README.md)`,
    '',
    `Ponte settings (also in ${envFile}):`,
    ...ponte.map(([k, v]) => `  ${k}=${v}`),
    '',
    'Browser SDK (connectycube 6.x):',
    `  ConnectyCube.init(${JSON.stringify(sdk.credentials)},`,
    `    ${JSON.stringify(sdk.config)});`,
    '',
    `Logs: ${s.logFile} and ${path.join(s.prosody.dir, 'prosody.log')}`,
    '',
  ].join('\n'));

  let stopping = false;
  const stop = async (why, code) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\nstopping (${why})...\n`);
    await s.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => stop('SIGINT', 0));
  process.on('SIGTERM', () => stop('SIGTERM', 0));
  s.prosody.exited.then(() => stop('prosody exited', 1));
}

main().catch((e) => {
  process.stderr.write(`connectycube stand-in: ${e.message}\n`);
  process.exit(1);
});
