// `npm test`: makes the stand-in's certificate first, then runs the tests with Node's test runner,
// one file after the other, trusting that certificate (NODE_EXTRA_CA_CERTS is read only at start-up, so the
// SDK's wss:// connection in Node verifies it like any other certificate).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCertificate } from '../src/prosody.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const work = path.resolve(process.env.STANDIN_TEST_WORK ?? path.join(here, '..', 'target', 'test-work'));
fs.rmSync(work, { recursive: true, force: true });
const certDir = path.join(work, 'certs');
const domain = 'localhost';
const cert = ensureCertificate(certDir, domain);
// optional arguments: parts of test file names to run (default: all)
const only = process.argv.slice(2);
const files = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o))).sort().map((f) => path.join(here, f));
if (files.length === 0) throw new Error(`no test files match ${only.join(', ')}`);
let failed = 0;
for (const file of files) { // one file at a time: each starts its own Prosody (and Chromium)
  const r = spawnSync(process.execPath, ['--test', file], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: cert, STANDIN_TEST_WORK: work, STANDIN_TEST_CERTS: certDir,
      STANDIN_TEST_DOMAIN: domain },
  });
  if (r.status !== 0) failed++;
}
process.stdout.write(`\n${files.length - failed} of ${files.length} test files passed\n`);
process.exit(failed ? 1 : 0);
