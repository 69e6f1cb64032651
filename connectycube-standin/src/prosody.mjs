// Prosody (the Debian package) as the stand-in's chat service: writes its configuration from
// prosody/prosody.cfg.lua.in into a private run directory, makes (or keeps) a self-signed
// certificate, keeps one account per ConnectyCube user ({userId}-{appId}, same password) as a file
// of Prosody's internal storage, and runs the server as a child process on 127.0.0.1.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForPorts } from './util.mjs';

const moduleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = path.join(moduleDir, 'prosody', 'prosody.cfg.lua.in');

/** Prosody's file-name encoding of hosts and users (util.datamanager): every non-alphanumeric byte as %xx. */
export function encodeName(s) {
  return Array.from(Buffer.from(String(s), 'utf8'))
    .map((b) => ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
      ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`))
    .join('');
}

/** A Lua string literal holding exactly the UTF-8 bytes of s (anything but plain printable ASCII as \ddd). */
export function luaString(s) {
  let out = '"';
  for (const b of Buffer.from(String(s), 'utf8')) {
    out += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\${String(b).padStart(3, '0')}`;
  }
  return `${out}"`;
}

/**
 * Makes a self-signed certificate for `domain` (also naming localhost and 127.0.0.1) in certDir
 * unless a valid one for the same names is already there. Returns the certificate's path.
 */
export function ensureCertificate(certDir, domain) {
  fs.mkdirSync(certDir, { recursive: true });
  const crt = path.join(certDir, `${domain}.crt`);
  const key = path.join(certDir, `${domain}.key`);
  const names = path.join(certDir, `${domain}.names`);
  const wanted = [...new Set([`DNS:${domain}`, 'DNS:localhost', 'IP:127.0.0.1'])].join(',');
  if (fs.existsSync(crt) && fs.existsSync(key) && fs.existsSync(names) && fs.readFileSync(names, 'utf8') === wanted) {
    try {
      execFileSync('openssl', ['x509', '-checkend', '86400', '-noout', '-in', crt], { stdio: 'ignore' });
      return crt;
    } catch { /* expires within a day: make a new one */ }
  }
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', `/CN=${domain}`,
    '-addext', `subjectAltName=${wanted}`, '-keyout', key, '-out', crt], { stdio: 'ignore' });
  fs.chmodSync(key, 0o600);
  fs.writeFileSync(names, wanted);
  return crt;
}

export class Prosody {
  /**
   * @param {object} o
   * @param {string} o.dir      run directory (config, data, certificates, log)
   * @param {string} o.domain   XMPP domain (ConnectyCube's chat host)
   * @param {{c2s:number, c2sTls:number, http:number, https:number}} o.ports
   * @param {string} [o.certDir] where the certificate lives (default dir/certs)
   * @param {(line:string)=>void} [o.log]
   */
  constructor({ dir, domain, ports, certDir, log, logLevel }) {
    this.dir = path.resolve(dir);
    this.domain = domain;
    this.ports = ports;
    this.certDir = path.resolve(certDir ?? path.join(this.dir, 'certs'));
    this.log = log ?? (() => {});
    this.logLevel = logLevel ?? 'info';
    this.process = null;
    this.accountsDir = path.join(this.dir, 'data', encodeName(domain), 'accounts');
  }

  get configPath() { return path.join(this.dir, 'prosody.cfg.lua'); }

  get certificatePath() { return path.join(this.certDir, `${this.domain}.crt`); }

  /** Writes the configuration and certificate and starts from an empty data directory. */
  prepare() {
    fs.mkdirSync(this.dir, { recursive: true });
    fs.rmSync(path.join(this.dir, 'data'), { recursive: true, force: true });
    fs.mkdirSync(this.accountsDir, { recursive: true, mode: 0o700 });
    ensureCertificate(this.certDir, this.domain);
    // Prosody wants certificates under its `certificates` directory; the config points at certDir.
    const cfg = fs.readFileSync(TEMPLATE, 'utf8')
      .replaceAll('@DIR@/certs', this.certDir)
      .replaceAll('@DIR@', this.dir)
      .replaceAll('@DOMAIN@', this.domain)
      .replaceAll('@C2S@', String(this.ports.c2s))
      .replaceAll('@C2S_TLS@', String(this.ports.c2sTls))
      .replaceAll('@HTTPS@', String(this.ports.https))
      .replaceAll('@HTTP@', String(this.ports.http))
      .replaceAll('@LOGLEVEL@', this.logLevel);
    fs.writeFileSync(this.configPath, cfg);
  }

  /** Creates or replaces the account `node` with `password` (Prosody reads the file at each login). */
  setAccount(node, password) {
    const file = path.join(this.accountsDir, `${encodeName(node)}.dat`);
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, `return {\n\t["password"] = ${luaString(password)};\n};\n`, { mode: 0o600 });
    fs.renameSync(tmp, file);
  }

  deleteAccount(node) {
    fs.rmSync(path.join(this.accountsDir, `${encodeName(node)}.dat`), { force: true });
  }

  /** Starts Prosody and resolves once all four client ports accept connections (deadline: timeoutMs). */
  async start(timeoutMs = 20000) {
    if (this.process) throw new Error('prosody already started');
    const out = fs.openSync(path.join(this.dir, 'prosody.out'), 'a');
    const child = spawn('prosody', ['--config', this.configPath, '-F'], { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    this.process = child;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      this.process = null;
      this.log(`prosody exited (${signal ?? code})`);
      resolve();
    }));
    child.once('error', (e) => this.log(`prosody failed to start: ${e.message}`));
    const p = this.ports;
    await waitForPorts([p.c2s, p.c2sTls, p.http, p.https], timeoutMs, () => {
      if (!this.process) {
        const tail = (f) => { try { return fs.readFileSync(path.join(this.dir, f), 'utf8').slice(-2000); } catch { return ''; } };
        throw new Error(`prosody exited while starting:\n${tail('prosody.out')}\n${tail('prosody.log')}`);
      }
    });
    this.log(`prosody ${child.pid} up: c2s ${p.c2s} (STARTTLS), ${p.c2sTls} (direct TLS), ws ${p.http}, wss ${p.https}`);
  }

  /** SIGTERM, then SIGKILL after timeoutMs. */
  async stop(timeoutMs = 10000) {
    const child = this.process;
    if (!child) return;
    child.kill('SIGTERM');
    let timer;
    await Promise.race([this.exited, new Promise((r) => { timer = setTimeout(r, timeoutMs); })]);
    clearTimeout(timer);
    if (this.process) {
      this.process.kill('SIGKILL');
      await this.exited;
    }
  }
}
