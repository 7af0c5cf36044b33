// SPDX-License-Identifier: MIT
// The class pages (`tapegrad explain --format html`) in a real browser: Debian's Chromium, headless,
// driven by puppeteer-core. For each lesson: step through every backward step (buttons and arrow
// keys) and check each revealed number against the tape's (`--format json`), then answer the quiz
// wrong and right; a screenshot per page goes to the output folder. Then one lesson again under
// --lang ru and --lang zh: the same checks with that language's words, and no English word of the
// page's own left on it at any point.
//   node explain_pages.test.js TAPEGRAD_BINARY OUTPUT_DIR
// Exit status 77 (skipped) when Chromium or node_modules is missing.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { setUp, withBrowser, check, finish } = require("./browser.js");

const { tapegrad, outDir, puppeteer } = setUp("explain_pages.test.js");
const lessons = require("./lessons.js");

// The words the checks look for, per language (po/ru.po, po/zh.po: the page's words).
const languages = {
  en: { adjoint: "adjoint", notYet: /^Not yet: /, right: "You had it right.",
        score: (n) => `Quiz: ${n} of ${n} right (0 first time)`, next: "Next", graph: "The graph" },
  ru: { adjoint: "сопряжённое", notYet: /^Пока нет: /, right: "Вы ответили верно.",
        score: (n) => `Проверь себя: верно ${n} из ${n} (с первой попытки: 0)`, next: "Далее", graph: "Граф" },
  zh: { adjoint: "伴随值", notYet: /^还不对：/, right: "你答对了。",
        score: (n) => `测验：答对 ${n} / ${n}（一次答对 0）`, next: "下一步", graph: "计算图" },
};
// English words of the page's own (never of an expression or a rule formula): none may be left on
// a --lang ru|zh page.
const englishUi = ["Step", "step", "Next", "Back", "Reveal", "Check", "Quiz", "Show all", "Restart", "The graph",
  "Backward pass", "Forward pass", "Gradient", "gradient", "Expression", "adjoint", "value", "input", "node", "seed",
  "Not yet", "passes", "Keys", "the", "of", "is", "arrow", "rule", "Type", "right", "Revealed", "sum", "paths",
  "operation", "start", "first time", "loss"];

// A number as the page prints it ("−4", "2.5e−07", "NaN") back to a JS number.
function parseShown(text) {
  const t = text.trim().replace(/\u2212/g, "-").replace(/^\((.*)\)$/, "$1");
  if (t === "NaN") return NaN;
  if (t === "∞") return Infinity;
  if (t === "-∞") return -Infinity;
  return Number(t);
}
// The page prints 6 significant digits: equal to the tape's number to that precision.
function sameNumber(shown, tape) {
  if (tape === null) return Number.isNaN(shown) || !Number.isFinite(shown);
  return Math.abs(shown - tape) <= 5e-6 * Math.max(Math.abs(tape), 1e-300) + 1e-300;
}

// The page's visible words (text, the graph's SVG text, labels and tooltips), without its scripts.
async function visibleWords(page) {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true);
    body.querySelectorAll("script, noscript, style").forEach((e) => e.remove());
    const attrs = [...document.querySelectorAll("[aria-label], [title]")]
      .map((e) => (e.getAttribute("aria-label") || "") + " " + (e.getAttribute("title") || ""));
    return [document.title, body.textContent, ...attrs].join("\n");
  });
}
// Under --lang ru|zh: no English word of the page's own is left (`where`: the page's state).
async function noEnglish(page, lesson, words, where) {
  if (words === languages.en) return;
  const text = await visibleWords(page);
  const left = englishUi.filter((w) => new RegExp(`\\b${w}\\b`).test(text));
  check(left.length === 0, `${lesson.id} ${where}: English left on the page: ${left.join(", ")}`);
}

async function stepThrough(page, lesson, ex, words = languages.en) {
  await noEnglish(page, lesson, words, "at the start");
  const n = ex.backward.length;
  for (let k = 1; k <= n; ++k) {
    // Alternate the Next button and the → key: both must work.
    if (k % 2) await page.click("#next");
    else await page.keyboard.press("ArrowRight");
    const step = await page.$eval("#card", (c) => c.getAttribute("data-step"));
    check(step === String(k), `${lesson.id}: step ${k} shown (card says ${step})`);
    const s = ex.backward[k - 1];
    const shown = await page.$$eval("#card [data-what]", (els) =>
      els.map((e) => ({ what: e.getAttribute("data-what"), text: e.textContent, input: e.getAttribute("data-input") })));
    // The loss's own adjoint is the seed 1: a step fed by the loss says "1 · ∂f/∂t", never "∂f/∂f".
    const card = await page.$eval("#card", (c) => c.textContent);
    check(!/\u2202(\S+)\/\u2202\1 \u00b7/.test(card), `${lesson.id} step ${k}: the card writes the seed as ∂L/∂L: ${card}`);
    const adjoint = shown.find((x) => x.what === "adjoint" || x.what === "gradient");
    check(adjoint && sameNumber(parseShown(adjoint.text), s.adjoint),
          `${lesson.id} step ${k}: adjoint of ${s.name} shown as ${adjoint && adjoint.text}, tape ${s.adjoint}`);
    for (const p of s.partials) {
      if (p.vector_jacobian) continue;
      const partial = shown.filter((x) => x.what === "partial" && Number(x.input) === p.node);
      const product = shown.filter((x) => x.what === "product" && Number(x.input) === p.node);
      check(partial.length > 0 && partial.every((x) => sameNumber(parseShown(x.text), p.partial)),
            `${lesson.id} step ${k}: ∂${s.name}/∂${p.name} shown as ${partial.map((x) => x.text)}, tape ${p.partial}`);
      check(product.length > 0 && product.every((x) => sameNumber(parseShown(x.text), p.product)),
            `${lesson.id} step ${k}: product to ${p.name} shown as ${product.map((x) => x.text)}, tape ${p.product}`);
    }
    // The graph highlights this step's node and the arrows it passes its adjoint down.
    const nodeClass = await page.$eval(`#node-${s.node}`, (g) => g.getAttribute("class"));
    check(/\bnow\b/.test(nodeClass), `${lesson.id} step ${k}: node ${s.name} highlighted (class "${nodeClass}")`);
    for (const p of s.partials) {
      const edgeClasses = await page.$$eval(`g.edge[data-from="${p.node}"][data-to="${s.node}"]`,
                                            (gs) => gs.map((g) => g.getAttribute("class")));
      check(edgeClasses.length > 0 && edgeClasses.every((c) => /\bnow\b/.test(c)),
            `${lesson.id} step ${k}: arrow ${p.name} → ${s.name} highlighted (${edgeClasses})`);
    }
    const graphAdjoint = await page.$eval(`#node-${s.node} text:nth-of-type(3)`, (t) => t.textContent);
    check(sameNumber(parseShown(graphAdjoint.replace(words.adjoint + " ", "")), s.adjoint),
          `${lesson.id} step ${k}: graph shows "${graphAdjoint}" for ${s.name}, tape ${s.adjoint}`);
    const rows = await page.$$eval("#backward-table tbody tr", (r) => r.length);
    check(rows === k, `${lesson.id} step ${k}: ${rows} backward rows shown`);
    await noEnglish(page, lesson, words, `step ${k}`);
  }
  const done = await page.$eval("#next", (b) => b.disabled);
  check(done, `${lesson.id}: Next is disabled after the last step`);
  // The gradient table: ∂L/∂input for every input, as the tape has it.
  const grads = await page.$$eval("#gradient-table [data-what]", (els) =>
    els.map((e) => ({ node: Number(e.getAttribute("data-node")), text: e.textContent })));
  for (const g of ex.gradient) {
    const row = grads.find((x) => x.node === g.node);
    check(row && sameNumber(parseShown(row.text), g.gradient),
          `${lesson.id}: gradient ∂/∂${g.name} shown as ${row && row.text}, tape ${g.gradient}`);
  }
  // ← goes back one step and hides it again.
  await page.keyboard.press("ArrowLeft");
  const back = await page.$eval("#card", (c) => c.getAttribute("data-step"));
  check(back === String(n - 1), `${lesson.id}: ← goes back to step ${n - 1} (card says ${back})`);
  await page.click("#show-all");
}

// Rounds to 4 significant digits, as a student would type it (the page accepts 0.5 %).
function typed(x) {
  const s = Number(x.toPrecision(4)).toString();
  return s.replace("-", "\u2212");
}

async function quiz(page, lesson, ex, words = languages.en) {
  await page.click("#mode-quiz");
  const startStep = await page.$eval("#card", (c) => c.getAttribute("data-step"));
  check(startStep === "0", `${lesson.id}: quiz starts at step 0`);
  let asked = 0;
  for (let k = 1; k <= ex.backward.length; ++k) {
    await page.click("#next");
    const s = ex.backward[k - 1];
    for (let j = 0; j < s.partials.length; ++j) {
      const p = s.partials[j];
      if (p.vector_jacobian || p.partial === null) continue;
      const id = `${k - 1}-${j}`;
      // Before an answer the partial is hidden, on the card and in the graph.
      const hidden = await page.$$eval(`#card [data-what="partial"][data-input="${p.node}"]`, (e) => e.length);
      check(hidden === 0, `${lesson.id} quiz step ${k}: ∂${s.name}/∂${p.name} hidden before the answer`);
      const wrong = p.partial === 0 ? 1 : p.partial * 1.1 + 0.5;
      await page.click(`#answer-${id}`, { clickCount: 3 });
      await page.type(`#answer-${id}`, typed(wrong));
      await page.click(`#check-${id}`);
      const fb = await page.$eval(`#feedback-${id}`, (e) => ({ cls: e.className, text: e.textContent }));
      check(/wrong/.test(fb.cls) && words.notYet.test(fb.text),
            `${lesson.id} quiz step ${k}: ${typed(wrong)} for ∂${s.name}/∂${p.name} = ${p.partial} is called wrong (${fb.text})`);
      await noEnglish(page, lesson, words, `quiz step ${k}, a wrong answer`);
      if (asked === 1) await page.screenshot({ path: path.join(outDir, `${lesson.id}.quiz.png`), fullPage: false });
      await page.click(`#answer-${id}`, { clickCount: 3 });
      await page.keyboard.press("Backspace");
      await page.type(`#answer-${id}`, typed(p.partial));
      await page.keyboard.press("Enter");
      const after = await page.$$eval(`#card [data-what="partial"][data-input="${p.node}"]`,
                                      (els) => els.map((e) => e.textContent));
      check(after.length > 0 && after.every((t) => sameNumber(parseShown(t), p.partial)),
            `${lesson.id} quiz step ${k}: ${typed(p.partial)} accepted and ∂${s.name}/∂${p.name} revealed (${after})`);
      const right = await page.$$eval("#card .feedback.right", (e) => e.map((x) => x.textContent));
      check(right.length > 0 && right.every((t) => t === words.right), `${lesson.id} quiz step ${k}: told right (${right})`);
      asked++;
    }
  }
  const score = await page.$eval("#score", (e) => e.textContent);
  check(score === words.score(asked), `${lesson.id}: score "${score}" after ${asked} answers`);
  await noEnglish(page, lesson, words, "after the quiz");
}

// One class page: written by the command in `lang`, stepped through, then the quiz.
async function classPage(browser, lesson0, lang) {
  const words = languages[lang];
  const lesson = lang === "en" ? lesson0 : { ...lesson0, id: `${lesson0.id}.${lang}` };
  console.log(`${lesson.id}: ${lesson.args.join(" ")} --lang ${lang}`);
  const ex = JSON.parse(execFileSync(tapegrad, ["explain", ...lesson.args, "--format", "json"])).explanation;
  const html = execFileSync(tapegrad, ["explain", ...lesson.args, "--format", "html", "--lang", lang]);
  const file = path.join(outDir, `${lesson.id}.html`);
  fs.writeFileSync(file, html);
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  // Offline: the page must not ask for anything beyond itself.
  await page.setRequestInterception(true);
  page.on("request", (r) => {
    if (r.url().startsWith("file:")) r.continue();
    else { errors.push(`request to ${r.url()}`); r.abort(); }
  });
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(require("url").pathToFileURL(file).href);
  const title = await page.$eval("#expression", (e) => e.textContent);
  check(title === lesson.args[0], `${lesson.id}: the page shows the expression (${title})`);
  const htmlLang = await page.$eval("html", (e) => e.getAttribute("lang"));
  check(htmlLang === lang, `${lesson.id}: <html lang="${htmlLang}">`);
  const heading = await page.$eval("#graph-heading", (e) => e.textContent);
  check(heading === words.graph, `${lesson.id}: the graph's heading is "${heading}"`);
  const next = await page.$eval("#next", (e) => e.textContent);
  check(next.startsWith(words.next), `${lesson.id}: the Next button says "${next}"`);
  await stepThrough(page, lesson, ex, words);
  await page.screenshot({ path: path.join(outDir, `${lesson.id}.png`), fullPage: true });
  // A phone (the page reloads for a mobile viewport): two steps in.
  await page.setViewport({ width: 390, height: 844, isMobile: true });
  await page.click("#next");
  await page.click("#next");
  await page.screenshot({ path: path.join(outDir, `${lesson.id}.phone.png`), fullPage: false });
  await page.setViewport({ width: 1280, height: 900 });
  await quiz(page, lesson, ex, words);
  check(errors.length === 0, `${lesson.id}: no script errors or requests (${errors.join("; ")})`);
  await page.close();
}

async function main() {
  await withBrowser(puppeteer, async (browser) => {
    for (const lesson of lessons) await classPage(browser, lesson, "en");
    // One lesson in the other languages: the step-through and the quiz in the student's words.
    const lesson = lessons.find((l) => l.id === "explain_03_square_of_quadratic");
    for (const lang of ["ru", "zh"]) await classPage(browser, lesson, lang);
  });
  finish(`all pages passed; screenshots in ${outDir}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
