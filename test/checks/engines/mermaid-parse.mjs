// Parses Mermaid diagrams with Mermaid's own parser (the `mermaid` package, on a jsdom window for its sanitizer),
// as a renderer such as GitHub's would before drawing them. Input: a JSON array of diagram texts on stdin.
// Output: a JSON array of { ok, type, error } in the same order. Run by test/checks/report-formats.test.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';

globalThis.window = new JSDOM('').window;
const { default: mermaid } = await import('mermaid');
const diagrams = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const text of diagrams) {
  try {
    const parsed = await mermaid.parse(text, {});
    results.push({ ok: parsed !== false, type: parsed ? parsed.diagramType : undefined });
  } catch (e) {
    results.push({ ok: false, error: String(e && e.message ? e.message : e) });
  }
}
const version = createRequire(import.meta.url)('mermaid/package.json').version;
process.stdout.write(JSON.stringify({ version, results }));
