// peers.mjs runs other tools' published quote anchoring on the cases of
// Spanmark's re-anchoring evaluation and counts them as Spanmark counts
// itself: right only when start and end are exactly where the words went,
// wrong when placed anywhere else (or at all, when the words are gone),
// orphan when not placed. README.md (Anchoring) says how to run it.
//
//   node tools/bench/peers/peers.mjs CASES_DIR
//
// The peers come from npm, installed in the working directory:
//   dom-anchor-text-quote 4 (Hypothesis's quote anchoring until 2020:
//     diff-match-patch's bitap on 32-character slices, from the position
//     hint), and
//   @apache-annotator/selector 0.2 (exact prefix, quote and suffix; of
//     several matches, the one nearest the position hint is taken).
// Their offsets are UTF-16 code units; they are mapped to code points.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(join(process.cwd(), "package.json"));
const quote = require("dom-anchor-text-quote");
const apache = await import(pathToFileURL(join(process.cwd(), "node_modules/@apache-annotator/selector/lib/index.js")));

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node tools/bench/peers/peers.mjs CASES_DIR");
  process.exit(2);
}

// units maps code point offsets to UTF-16 offsets and back.
function units(text) {
  const toUnit = [0];
  const toPoint = new Map([[0, 0]]);
  let u = 0, p = 0;
  for (const ch of text) {
    u += ch.length;
    p++;
    toUnit.push(u);
    toPoint.set(u, p);
  }
  return { toUnit, toPoint };
}

// One chunk holding the whole text, for Apache Annotator's matcher.
function chunker(text) {
  const chunk = { data: text };
  return { currentChunk: chunk, nextChunk: () => null, previousChunk: () => null, precedesCurrentChunk: () => false };
}

const peers = {
  "dom-anchor-text-quote 4.0.2": async (text, sel, hint) => {
    const r = quote.toTextPosition({ textContent: text }, { exact: sel.exact, prefix: sel.prefix, suffix: sel.suffix }, { hint });
    return r && [r.start, r.end];
  },
  "@apache-annotator/selector 0.2.0": async (text, sel, hint) => {
    const match = apache.textQuoteSelectorMatcher({ type: "TextQuoteSelector", exact: sel.exact, prefix: sel.prefix, suffix: sel.suffix });
    let best = null;
    for await (const r of match(chunker(text))) {
      if (best === null || Math.abs(r.startIndex - hint) < Math.abs(best[0] - hint)) best = [r.startIndex, r.endIndex];
    }
    return best;
  },
};

function score(c, got) {
  const n = { right: 0, wrong: 0, orphan: 0, edited: 0, editedRight: 0 };
  c.want.forEach((w, i) => {
    const g = got[i];
    if (c.edited[i]) n.edited++;
    if (g === null) { n.orphan++; return; }
    if (w !== null && g[0] === w[0] && g[1] === w[1]) {
      n.right++;
      if (c.edited[i]) n.editedRight++;
    } else n.wrong++;
  });
  return n;
}

const pct = (x, of) => (of === 0 ? "–" : (100 * x / of).toFixed(2) + "%");
console.log("| case (selectors; words gone) | tool | right, of those whose words remain | right, quote edited | wrong | orphan | ms per selector |");
console.log("|---|---|---|---|---|---|---|");
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const c = JSON.parse(readFileSync(join(dir, file), "utf8"));
  const { toUnit, toPoint } = units(c.text);
  const gone = c.want.filter((w) => w === null).length;
  const row = (tool, got, ms) => {
    const n = score(c, got);
    console.log(`| ${c.name} (${c.want.length}; ${gone}) | ${tool} | ${pct(n.right, c.want.length - gone)} | ${pct(n.editedRight, n.edited)} | ${pct(n.wrong, c.want.length)} | ${pct(n.orphan, c.want.length)} | ${(ms / c.want.length).toFixed(3)} |`);
  };
  row("Spanmark (Go, natively)", c.spanmark, c.spanmark_ms);
  for (const [name, place] of Object.entries(peers)) {
    const got = [];
    const t0 = performance.now();
    for (const sel of c.selectors) {
      const r = await place(c.text, sel, toUnit[Math.min(sel.start, toUnit.length - 1)]);
      if (r === null) { got.push(null); continue; }
      const s = toPoint.get(r[0]), e = toPoint.get(r[1]);
      got.push(s === undefined || e === undefined ? [-1, -1] : [s, e]);
    }
    row(name, got, performance.now() - t0);
  }
}
