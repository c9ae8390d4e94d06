/*
 * What a synthesized configuration must never contain: garbage made of a token or a wrong runtime type.
 */

/** What a synthesized configuration must never contain. */
const GARBAGE: Array<[string, RegExp]> = [
  ['an encoded token number', /-?\d\.\d+e\+\d{2,3}/],
  ['an unresolved token', /TfToken|TOKEN\[/],
  ['an interpolation inside an interpolation', /\$\{[^}]*\$\{/],
  ['NaN', /\bNaN\b/],
  ['undefined', /\bundefined\b/],
  ['Infinity', /\bInfinity\b/],
  ['[object Object]', /\[object Object\]/],
];

/** The configuration text, with every base64 literal (user data) decoded into it, so garbage cannot hide there. */
function expanded(text: string): string {
  const decoded: string[] = [];
  for (const m of text.matchAll(/"user_data": "([^"]+)"/g)) {
    for (const b64 of m[1].match(/[A-Za-z0-9+/]{16,}={0,2}/g) ?? []) {
      decoded.push(Buffer.from(b64, 'base64').toString('utf8'));
    }
  }
  return [text, ...decoded].join('\n');
}

export function garbageIn(text: string): string[] {
  const all = expanded(text);
  return GARBAGE.filter(([, pattern]) => pattern.test(all)).map(([what, pattern]) => `${what}: ${all.match(pattern)![0]} in …${all.slice(Math.max(0, all.search(pattern) - 80), all.search(pattern) + 40)}…`);
}
