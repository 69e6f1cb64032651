// The demo page in headless Chromium (Debian `chromium`, driven by playwright-core): two people log in
// through the stand-in, Alice calls Bob, Bob sees the call and accepts, both see the call connected
// with remote audio (Chromium's fake microphone), Alice hangs up and Bob sees it end. All on
// 127.0.0.1: the page from the REST stand-in, chat over ws://localhost, media over loopback.
import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { startTestStandin, ALICE, BOB } from './helpers.mjs';

const CHROMIUM = process.env.STANDIN_CHROMIUM ?? '/usr/bin/chromium';
const skip = process.env.STANDIN_BROWSER_TEST === 'skip' ? 'STANDIN_BROWSER_TEST=skip' : false;

describe('demo page: two browsers call each other through the stand-in', { skip }, () => {
  let s;
  let browser;
  let contexts = [];
  afterEach(async () => { // each test's people log out (their pages close)
    for (const c of contexts) await c.close();
    contexts = [];
  });
  before(async () => {
    assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (or STANDIN_BROWSER_TEST=skip)`);
    s = await startTestStandin('browser');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: 30000,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
        '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'],
      // playwright gives the browser a fresh temporary profile of its own
    });
  });
  after(async () => {
    await browser?.close();
    await s?.stop();
  });

  async function openAs(user) {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(s.demoUrl);
    await page.waitForFunction(() => window.demo && window.demo.state === 'logged-out', null, { timeout: 15000 });
    await page.fill('#login', user.login);
    await page.fill('#password', user.password);
    await page.click('#login-btn');
    await waitState(page, 'online', errors);
    return { page, errors };
  }

  async function waitState(page, state, errors, timeout = 20000) {
    try {
      await page.waitForFunction((st) => window.demo.state === st, state, { timeout });
    } catch (e) {
      const seen = await page.evaluate(() => ({ state: window.demo.state, events: window.demo.events.map((x) => x.text) }));
      throw new Error(`waiting for state ${state}: ${e.message}\nstate ${seen.state}; events ${JSON.stringify(seen.events)}; page errors ${JSON.stringify(errors)}`);
    }
  }

  it('Alice calls Bob, Bob sees the call and accepts, audio flows, Alice hangs up', async () => {
    const alice = await openAs(ALICE);
    const bob = await openAs(BOB);
    const bobId = s.users.byLogin(BOB.login).id;
    const aliceId = s.users.byLogin(ALICE.login).id;

    await alice.page.fill('#callee', BOB.login);
    await alice.page.click('#call-btn');
    await waitState(alice.page, 'calling', alice.errors);
    await waitState(bob.page, 'incoming', bob.errors);
    assert.match(await bob.page.textContent('#state'), new RegExp(`from ${aliceId}`));

    await bob.page.click('#accept-btn');
    await waitState(alice.page, 'connected', alice.errors);
    await waitState(bob.page, 'connected', bob.errors);
    // Chromium's fake microphone beeps: both sides must hear something within a few seconds
    for (const [who, p] of [['Bob', bob.page], ['Alice', alice.page]]) {
      await p.waitForFunction(() => window.demo.maxRemoteLevel > 0, null, { timeout: 15000 })
        .catch(() => assert.fail(`${who} heard nothing (remote audio level stayed 0)`));
    }

    await alice.page.click('#hangup-btn');
    await waitState(bob.page, 'hung-up', bob.errors);
    assert.match(await bob.page.textContent('#state'), new RegExp(`by ${aliceId}`));
    assert.deepEqual([...alice.errors, ...bob.errors], []);
    assert.ok(bobId > 0);
  });

  it('Bob rejects a call from Alice and Alice is told', async () => {
    const alice = await openAs(ALICE);
    const bob = await openAs(BOB);
    await alice.page.fill('#callee', BOB.login);
    await alice.page.click('#call-btn');
    await waitState(bob.page, 'incoming', bob.errors);
    await bob.page.click('#reject-btn');
    await waitState(alice.page, 'rejected', alice.errors);
    assert.match(await alice.page.textContent('#state'), /declined/);
  });
});
