// Turns the raw capture (rest.json, traffic.json, events.json from capture.mjs) into golden files:
//   rest/<name>.request.json, rest/<name>.response.json   what the SDK sent and what let it proceed
//   xmpp/NN-<scenario>-<signalType>.sent.xml              a signaling stanza exactly as the SDK wrote it
//   xmpp/NN-<scenario>-<signalType>.received.xml          the same stanza as Prosody delivered it to the peer
//   xmpp/session-<user>.transcript.txt                    the rest of each user's XMPP exchange, in order
//   capture-summary.json                                  session ids and the SDK events each page saw
// Nothing is rewritten: ids, SDPs and candidates are as captured.
import fs from 'node:fs';
import path from 'node:path';

const [src, dst] = process.argv.slice(2);
const rest = JSON.parse(fs.readFileSync(path.join(src, 'rest.json'), 'utf8'));
const traffic = JSON.parse(fs.readFileSync(path.join(src, 'traffic.json'), 'utf8'));
const summary = JSON.parse(fs.readFileSync(path.join(src, 'events.json'), 'utf8'));

fs.rmSync(path.join(dst, 'rest'), { recursive: true, force: true });
fs.rmSync(path.join(dst, 'xmpp'), { recursive: true, force: true });
fs.mkdirSync(path.join(dst, 'rest'), { recursive: true });
fs.mkdirSync(path.join(dst, 'xmpp'), { recursive: true });

const keep = ['content-type', 'cb-token', 'cb-sdk', 'cb-authkey'];
const restNames = ['session-app', 'login', 'session-user'];
rest.forEach((r, i) => {
  const name = restNames[i] ?? `extra-${i}`;
  const headers = Object.fromEntries(Object.entries(r.headers).filter(([k]) => keep.includes(k)));
  const req = { method: r.method, path: r.url, headers, body: r.body ? JSON.parse(r.body) : null };
  fs.writeFileSync(path.join(dst, 'rest', `${name}.request.json`), JSON.stringify(req, null, 2) + '\n');
  const res = { status: r.response.status, body: JSON.parse(r.response.body) };
  fs.writeFileSync(path.join(dst, 'rest', `${name}.response.json`), JSON.stringify(res, null, 2) + '\n');
});

const idOf = (s) => (s.match(/^<message [^>]*\bid="([^"]*)"/) || [])[1];
const signalOf = (s) => (s.match(/<signalType>([^<]*)<\/signalType>/) || [])[1];

// Name every signaling stanza once, numbered in the order it was sent (both users' sends merged).
const sends = [];
for (const who of Object.keys(traffic)) {
  let scenario = 'none';
  traffic[who].forEach((x, i) => {
    if (x.dir === 'mark') scenario = x.body.replace(/^scenario-/, '');
    else if (x.dir === 'out' && signalOf(x.body)) sends.push({ who, i, t: x.t, scenario, x });
  });
}
sends.sort((a, b) => a.t - b.t || (a.who < b.who ? -1 : 1) || a.i - b.i);
const nameOf = new Map();
sends.forEach((s, k) => {
  const base = `${String(k + 1).padStart(2, '0')}-${s.scenario}-${signalOf(s.x.body)}`;
  nameOf.set(idOf(s.x.body), base);
  fs.writeFileSync(path.join(dst, 'xmpp', `${base}.sent.xml`), s.x.body);
  const peer = Object.keys(traffic).find((k2) => k2 !== s.who);
  const got = traffic[peer].find((y) => y.dir === 'in' && idOf(y.body) === idOf(s.x.body));
  if (got) fs.writeFileSync(path.join(dst, 'xmpp', `${base}.received.xml`), got.body);
});

// Each user's whole exchange, signaling replaced by a reference to its golden file.
for (const who of Object.keys(traffic)) {
  const lines = traffic[who].map((x) => {
    if (x.dir === 'mark') return `-- ${x.body}`;
    const signal = signalOf(x.body);
    if (signal) return `${x.dir}: [${nameOf.get(idOf(x.body))}.${x.dir === 'out' ? 'sent' : 'received'}.xml]`;
    return `${x.dir}: ${x.body}`;
  });
  fs.writeFileSync(path.join(dst, 'xmpp', `session-${who}.transcript.txt`), lines.join('\n') + '\n');
}
const n = sends.length;
fs.writeFileSync(path.join(dst, 'capture-summary.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(`wrote ${n} signaling stanzas and ${rest.length} REST exchanges to ${dst}`);
