// Shared by the tests: start a stand-in on free ports under target/test-work, and wait with deadlines.
import crypto from 'node:crypto';
import path from 'node:path';
import { startStandin } from '../src/standin.mjs';
import { freePorts } from '../src/util.mjs';

export const ALICE = { login: 'alice', password: 'alice-pw-1', full_name: 'Alice' };
export const BOB = { login: 'bob', password: 'bob-pw-2', full_name: 'Bob' };

export async function startTestStandin(name) {
  const [api, c2s, c2sTls, ws, wss] = await freePorts(5);
  const work = process.env.STANDIN_TEST_WORK ?? path.resolve('target', 'test-work');
  return startStandin({
    workDir: path.join(work, name),
    certDir: process.env.STANDIN_TEST_CERTS,
    chatDomain: process.env.STANDIN_TEST_DOMAIN ?? 'localhost',
    app: { appId: '385', authKey: crypto.randomBytes(9).toString('base64url'), authSecret: crypto.randomBytes(9).toString('base64url') },
    ports: { api, c2s, c2sTls, ws, wss },
    seedUsers: [ALICE, BOB],
    persistUsers: false,
  });
}

/** Polls fn until it returns a truthy value; fails after ms. */
export async function until(what, fn, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Settles p or fails after ms (for promises that could hang forever). */
export function within(what, p, ms = 15000) {
  let timer;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms); }),
  ]);
}
