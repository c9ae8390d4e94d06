/**
 * A label value escaped as Alertmanager's own `Matcher.String()` does (`openMetricsEscape` in pkg/labels/matcher.go):
 * only the backslash, the double quote and the newline. Both of its matcher parsers (the classic one and the UTF-8
 * one, which Alertmanager 0.27+ runs side by side) read that back to the same value. JSON escaping is not that: its
 * `\t` for a tab (or `\u0001` for another control character) is read literally by the classic parser, which wins when
 * the two disagree ("Matchers input has disagreement"), so the matcher would never match the real label.
 */
export function matcherEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}
