// SPDX-License-Identifier: MIT
// What every page test shares: its arguments (TAPEGRAD_BINARY OUTPUT_DIR), the skip (exit 77) when
// Debian's Chromium or puppeteer-core is missing, a headless Chromium with a throw-away profile,
// and the failure count that decides the exit status.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

const SKIP = 77;
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";

// [tapegrad, outDir] from the command line, and puppeteer-core; exits 2 on a usage mistake and 77
// (skipped) when Chromium or puppeteer-core is not there, saying how to get it.
function setUp(script) {
  const [tapegrad, outDir] = process.argv.slice(2).map((p) => p && path.resolve(p));
  if (!tapegrad || !outDir) {
    console.error(`usage: node ${script} TAPEGRAD_BINARY OUTPUT_DIR`);
    process.exit(2);
  }
  if (!fs.existsSync(chromium)) {
    console.log(`SKIP: no Chromium at ${chromium}: install it (Debian: apt-get install chromium) or set CHROMIUM`);
    process.exit(SKIP);
  }
  let puppeteer;
  try {
    puppeteer = require("puppeteer-core");
  } catch (e) {
    console.log(`SKIP: puppeteer-core is not installed: run \`npm ci\` in ${__dirname} (./dev.sh test does)`);
    process.exit(SKIP);
  }
  fs.mkdirSync(outDir, { recursive: true });
  return { tapegrad, outDir, puppeteer };
}

// Runs `body(browser)` in a headless Chromium with a fresh profile, removed afterwards.
async function withBrowser(puppeteer, body) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tapegrad-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: profile,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           `--user-data-dir=${profile}`],
  });
  try {
    await body(browser);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

let failures = 0;
function check(ok, what) {
  if (!ok) {
    failures++;
    console.log(`  FAIL: ${what}`);
  }
}
// Prints the verdict and exits 1 when any check failed.
function finish(passed) {
  console.log(failures ? `${failures} check(s) failed` : passed);
  process.exit(failures ? 1 : 0);
}

module.exports = { setUp, withBrowser, check, finish };
