// Runs Google Lighthouse (accessibility, best practices, SEO) on each address given as an
// argument, as a phone (Lighthouse's default) or, with LIGHTHOUSE_FORM_FACTOR=desktop, as a
// desktop browser, in one headless Chromium (CHROME_PATH, Debian's /usr/bin/chromium by default), and
// prints, as JSON, one object per address: {url, formFactor, scores: {category id: 0–100}, failing: [{id,
// category, title, items: [short description of each failing element]}]}. A failing audit is one
// with a weight in its category and a score below 1. Run by `make lighthouse` and
// tests/demo/test_lighthouse_demo.py.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const CATEGORIES = ["accessibility", "best-practices", "seo"];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
// Stopped (a test's timeout, Ctrl-C): take Chromium down too.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    chrome.kill();
    process.exit(1);
  });
}

function describe(item) {
  const node = item.node || item.source || item;
  const text = node.snippet || node.selector || node.url || item.url || item.description || "";
  const extra = item.explanation || node.explanation || "";
  return `${text} ${extra}`.trim().slice(0, 300);
}

// No performance category: no throttling, and shorter waits for a page that is already quiet (a
// server-rendered page without timers).
const CONFIG = {
  extends: "lighthouse:default",
  settings: {
    ...(process.env.LIGHTHOUSE_FORM_FACTOR === "desktop" ? desktopConfig.settings : {}),
    throttlingMethod: "provided",
    pauseAfterFcpMs: 0,
    pauseAfterLoadMs: 0,
    networkQuietThresholdMs: 0,
    cpuQuietThresholdMs: 0,
  },
};
const results = [];
try {
  for (const url of process.argv.slice(2)) {
    const runner = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
    }, CONFIG);
    const { lhr } = runner;
    const scores = {};
    const failing = [];
    for (const id of CATEGORIES) {
      const category = lhr.categories[id];
      scores[id] = Math.round(category.score * 100);
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          const items = (audit.details && audit.details.items) || [];
          failing.push({ id: ref.id, category: id, title: audit.title, items: items.slice(0, 5).map(describe) });
        }
      }
    }
    if (lhr.runtimeError) failing.push({ id: "runtime-error", category: "", title: lhr.runtimeError.message, items: [] });
    results.push({ url, formFactor: lhr.configSettings.formFactor, scores, failing });
    process.stderr.write(`${Object.values(scores).join(" ")} ${lhr.configSettings.formFactor} ${url}\n`);
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
