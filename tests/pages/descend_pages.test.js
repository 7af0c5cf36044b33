// SPDX-License-Identifier: MIT
// The descent pages (`tapegrad descend --format html`) in a real browser: Debian's Chromium,
// headless, driven by puppeteer-core. For each lesson's descent: the page shows the picture and a
// table whose parameter cells are the descent's own numbers (`--json`), each update worked out;
// nothing is fetched and no script runs; a screenshot on a projector-sized and a phone-sized screen.
//   node descend_pages.test.js TAPEGRAD_BINARY OUTPUT_DIR
// Exit status 77 (skipped) when Chromium or node_modules is missing.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { setUp, withBrowser, check, finish } = require("./browser.js");

const { tapegrad, outDir, puppeteer } = setUp("descend_pages.test.js");

// The lessons' descents, with the numbers they write down.
const descents = [
  { id: "descend_000_school_parabola", args: ["x^2 - 4*x + 3", "--at", "x=5", "--lr", "0.1", "--steps", "3"],
    lesson: [5, 4.4, 3.92, 3.536] },
  { id: "descend_001_w_minus_3", args: ["(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "3"],
    lesson: [0, 0.6, 1.08, 1.464] },
  { id: "descend_002_square", args: ["x^2", "--at", "x=-4", "--lr", "0.05", "--steps", "2"],
    lesson: [-4, -3.6, -3.24] },
  { id: "descend_000_icecream_two_parameters",
    args: ["(y - (w1*x + w0))^2", "--at", "w1=0,w0=0", "--data", path.join(__dirname, "../../data/icecream.csv"),
           "--lr", "0.001", "--steps", "2"],
    lesson: null },
];

const number = (text) => Number(text.trim().replace(/\u2212/g, "-"));
const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

async function main() {
  await withBrowser(puppeteer, async (browser) => {
    for (const d of descents) {
      console.log(`${d.id}: descend ${d.args.join(" ")}`);
      const json = JSON.parse(execFileSync(tapegrad, ["descend", ...d.args, "--json"]));
      const file = path.join(outDir, `${d.id}.html`);
      fs.writeFileSync(file, execFileSync(tapegrad, ["descend", ...d.args, "--format", "html"]));
      const page = await browser.newPage();
      const problems = [];
      page.on("pageerror", (e) => problems.push(e.message));
      await page.setRequestInterception(true);
      page.on("request", (r) => {
        if (r.url().startsWith("file:")) r.continue();
        else { problems.push(`request to ${r.url()}`); r.abort(); }
      });
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(require("url").pathToFileURL(file).href);

      const names = Object.keys(json.steps[0].params);
      const table = await page.$$eval("#steps-1 tr", (rows) =>
        rows.map((r) => Array.from(r.querySelectorAll("th, td")).map((c) => c.textContent)));
      const header = table[0];
      check(header[0] === "step", `${d.id}: the table starts with the step column (${header})`);
      // Each row's parameter cells are the descent's numbers, step by step.
      json.steps.forEach((s, k) => {
        const row = table[k + 1];
        check(row && number(row[0]) === s.step, `${d.id}: row ${k + 1} is step ${s.step} (${row})`);
        names.forEach((n) => {
          const col = header.indexOf(n);
          check(col > 0 && row && close(number(row[col]), s.params[n]),
                `${d.id}: step ${s.step}: ${n} shown as ${row && row[col]}, the descent says ${s.params[n]}`);
        });
      });
      if (d.lesson)  // the lesson's own numbers, as it writes them
        d.lesson.forEach((v, k) => check(close(number(table[k + 1][1]), v), `${d.id}: step ${k} is ${v} as in the lesson`));
      // The update worked out, `w_k − η·g_k = w_{k+1}`, in the last column of every row after the first.
      const last = table[2][table[2].length - 1];
      check(/ − [0-9.]+·\(?[−0-9.]+\)? = /.test(last), `${d.id}: the update is worked out (${last})`);
      const svg = await page.$("#picture svg");
      check(svg !== null, `${d.id}: the picture is in the page`);
      if (svg) {
        const box = await svg.boundingBox();
        check(box && box.width > 300 && box.height > 200, `${d.id}: the picture is drawn large enough (${JSON.stringify(box)})`);
      }
      const scripts = await page.$$eval("script", (s) => s.length);
      check(scripts === 0, `${d.id}: the page runs no script`);
      await page.screenshot({ path: path.join(outDir, `${d.id}.png`), fullPage: true });
      await page.setViewport({ width: 390, height: 844, isMobile: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(overflow <= 1, `${d.id}: on a phone the page fits the width (${overflow} px too wide)`);
      await page.screenshot({ path: path.join(outDir, `${d.id}.phone.png`), fullPage: true });
      check(problems.length === 0, `${d.id}: no script errors or requests (${problems.join("; ")})`);
      await page.close();
    }
  });
  finish(`all descent pages passed; screenshots in ${outDir}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
