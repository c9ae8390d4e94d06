import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as path from 'path';
import { ResilienceChecks } from '../../src';

describe('RULES.md', () => {
  const rows = fs
    .readFileSync(path.join(__dirname, '..', '..', 'RULES.md'), 'utf8')
    .split('\n')
    .filter((l) => /^\| FT-/.test(l))
    .map((l) => l.split(' | ').map((c) => c.replace(/^\| /, '').replace(/ \|$/, '')));

  test('lists every rule once, in catalogue order, with its level, info and explanation', () => {
    expect(rows.map((r) => [r[0], r[1], r[2], r[4].replace(/\\\|/g, '|')])).toEqual(
      ResilienceChecks.rules().map((r) => [r.id, r.level, r.info, r.explanation]),
    );
  });
});
