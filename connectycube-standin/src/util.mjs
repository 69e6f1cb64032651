// Small helpers: waiting for ports with a deadline, picking free ports, and ConnectyCube's
// bracket-notation parameters (user[login]=x, id[in][]=1) in both directions.
import net from 'node:net';

/** Resolves when every port on 127.0.0.1 accepts a TCP connection; rejects after timeoutMs. */
export async function waitForPorts(ports, timeoutMs, check = () => {}) {
  const deadline = Date.now() + timeoutMs;
  const open = (port) => new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
  for (;;) {
    check();
    const states = await Promise.all(ports.map(open));
    if (states.every(Boolean)) return;
    if (Date.now() > deadline) {
      throw new Error(`ports ${ports.filter((p, i) => !states[i]).join(', ')} not open within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether a server could listen on 127.0.0.1:port now. */
export const canListen = (port) => new Promise((resolve) => {
  const srv = net.createServer();
  srv.once('error', () => resolve(false));
  srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
});

/**
 * `count` distinct ports that are free on 127.0.0.1 now, drawn from [min, max] (default 16000-29999:
 * below Ponte's 30000-59999 and the kernel's ephemeral range).
 */
export async function freePorts(count, min = 16000, max = 29999) {
  const chosen = new Set();
  for (let tries = 0; chosen.size < count; tries++) {
    if (tries > 500) throw new Error('no free ports found');
    const p = min + Math.floor(Math.random() * (max - min + 1));
    if (!chosen.has(p) && await canListen(p)) chosen.add(p);
  }
  return [...chosen];
}

/** Parses a query string or form body with bracket notation into nested objects and arrays. */
export function parseBracketParams(text) {
  const out = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const m = rawKey.match(/^([^[\]]+)((?:\[[^[\]]*\])*)$/);
    if (!m) { out[rawKey] = value; continue; }
    const keys = [m[1], ...[...m[2].matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1])];
    let node = out;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const last = i === keys.length - 1;
      const nextIsArray = !last && keys[i + 1] === '';
      if (k === '') {
        if (!Array.isArray(node)) break; // malformed (a[][b]): ignore
        if (last) node.push(value); else { const child = nextIsArray ? [] : {}; node.push(child); node = child; }
        continue;
      }
      if (last) {
        node[k] = value;
      } else {
        if (node[k] === undefined || typeof node[k] !== 'object') node[k] = nextIsArray ? [] : {};
        node = node[k];
      }
    }
  }
  return out;
}

/** Flattens nested parameters into bracket-notation pairs: {user:{login:'a'}} -> [['user[login]','a']]. */
export function flattenParams(obj, prefix = '') {
  const pairs = [];
  for (const [k, v] of Object.entries(obj ?? {})) {
    const key = prefix ? `${prefix}[${Array.isArray(obj) ? '' : k}]` : k;
    if (v !== null && typeof v === 'object') pairs.push(...flattenParams(v, key));
    else pairs.push([key, v === null || v === undefined ? '' : String(v)]);
  }
  return pairs;
}
