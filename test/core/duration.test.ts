import { Lazy } from 'cdktf';
import * as fc from 'fast-check';
import { Duration, TimeUnit } from '../../src';

describe('Duration', () => {
  test.each([
    [Duration.millis(1500), 1500, 2, 1],
    [Duration.seconds(90), 90_000, 90, 2],
    [Duration.minutes(2), 120_000, 120, 2],
    [Duration.hours(1), 3_600_000, 3600, 60],
    [Duration.days(1), 86_400_000, 86_400, 1440],
  ])('%s converts to milliseconds, seconds and minutes', (d, ms, s, min) => {
    expect(d.toMilliseconds()).toBe(ms);
    expect(d.toSeconds()).toBe(s);
    expect(d.toMinutes()).toBe(min);
  });

  test('rounds up partial units so a timeout never gets shorter', () => {
    expect(Duration.millis(1001).toSeconds()).toBe(2);
    expect(Duration.seconds(61).toMinutes()).toBe(2);
    expect(Duration.hours(25).toDays()).toBe(2);
  });

  test('integral conversion refuses partial units', () => {
    expect(() => Duration.millis(1500).toSeconds({ integral: true })).toThrow(
      'Duration: 1s 500ms is not a whole number of seconds',
    );
    expect(Duration.minutes(3).toSeconds({ integral: true })).toBe(180);
  });

  test('plus adds in the smaller unit and times multiplies', () => {
    const sum = Duration.minutes(2).plus(Duration.seconds(5));
    expect(sum.unit).toBe(TimeUnit.SECONDS);
    expect(sum.toSeconds()).toBe(125);
    expect(Duration.seconds(10).times(3).toSeconds()).toBe(30);
    expect(Duration.seconds(0.1).plus(Duration.seconds(0.2)).toMilliseconds()).toBe(300);
  });

  test('compareTo orders durations across units', () => {
    expect(Duration.seconds(61).compareTo(Duration.minutes(1))).toBeGreaterThan(0);
    expect(Duration.seconds(60).compareTo(Duration.minutes(1))).toBe(0);
    expect(Duration.seconds(59).compareTo(Duration.minutes(1))).toBeLessThan(0);
  });

  test('human-readable form', () => {
    expect(Duration.seconds(90).toHumanString()).toBe('1min 30s');
    expect(Duration.days(1).plus(Duration.hours(1)).toString()).toBe('1d 1h');
    expect(Duration.seconds(0).toHumanString()).toBe('0s');
    expect(`${Duration.millis(250)}`).toBe('250ms');
  });

  test.each([
    [() => Duration.seconds(-1), 'Duration: the amount must not be negative, got -1 seconds'],
    [() => Duration.minutes(NaN), 'Duration: the amount must be a finite number of minutes, got NaN'],
    [() => Duration.hours(Infinity), 'Duration: the amount must be a finite number of hours, got Infinity'],
  ])('rejects invalid amounts (%#)', (make, message) => {
    expect(make).toThrow(message);
  });

  test('a token amount is kept and converts only to its own unit', () => {
    const token = Lazy.numberValue({ produce: () => 30 });
    const d = Duration.seconds(token);
    expect(d.isUnresolved).toBe(true);
    expect(d.toSeconds()).toBe(token);
    expect(() => d.toMinutes()).toThrow(
      'Duration: a duration given as a token in seconds cannot be converted to minutes; give it in minutes',
    );
  });

  test('isDuration recognises durations only', () => {
    expect(Duration.isDuration(Duration.seconds(1))).toBe(true);
    expect(Duration.isDuration({ amount: 1, unit: 'seconds' })).toBe(false);
    expect(Duration.isDuration(undefined)).toBe(false);
  });

  test('property: whole seconds round-trip through every unit conversion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (s) => {
        const d = Duration.seconds(s);
        expect(d.toSeconds({ integral: true })).toBe(s);
        expect(d.toMilliseconds()).toBe(s * 1000);
        expect(d.toMinutes()).toBe(Math.ceil(s / 60));
      }),
    );
  });
});
