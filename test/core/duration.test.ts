import { DefaultTokenResolver, Lazy, StringConcat, TerraformStack, TerraformVariable, Testing, Token, Tokenization } from 'cdktf';
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
    [() => Duration.seconds(-1), 'Duration.seconds: `amount` must be a finite number of seconds of at least 0, got -1. Pass e.g. `Duration.seconds(30)`.'],
    [() => Duration.minutes(NaN), 'Duration.minutes: `amount` must be a finite number of minutes of at least 0, got NaN.'],
    [() => Duration.hours(Infinity), 'Duration.hours: `amount` must be a finite number of hours of at least 0, got Infinity.'],
    [() => Duration.days('7' as any), 'Duration.days: `amount` must be a finite number of days of at least 0, got "7".'],
    [() => Duration.millis(undefined as any), 'Duration.millis: `amount` must be a finite number of milliseconds of at least 0, got nothing.'],
    [() => Duration.seconds({ amount: 1 } as any), 'Duration.seconds: `amount` must be a finite number of seconds of at least 0, got {"amount":1}.'],
    [() => Duration.seconds(10).times(-2), 'Duration.times: `factor` must be a finite number of at least 0, got -2.'],
    [() => Duration.seconds(10).times('2' as any), 'Duration.times: `factor` must be a finite number of at least 0, got "2".'],
    [() => Duration.seconds(10).plus(10 as any), 'Duration.plus: `other` must be a Duration, got 10.'],
    [() => Duration.seconds(10).compareTo(undefined as any), 'Duration.compareTo: `other` must be a Duration, got nothing.'],
  ])('a factory or method refuses a wrong argument with a clear error, never a TypeError (%#)', (make, message) => {
    expect(make).toThrow(message);
    try {
      make();
    } catch (e) {
      expect((e as Error).name).toBe('ValidationError');
    }
  });

  test('a token amount converts and computes as a Terraform expression, never as the encoded number', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const interval = new TerraformVariable(stack, 'interval', { type: 'number' }).numberValue;
    const d = Duration.seconds(interval);
    expect(d.isUnresolved).toBe(true);
    expect(d.toSeconds()).toBe(interval);
    const resolver = new DefaultTokenResolver(new StringConcat());
    const rendered = (n: number) => Tokenization.resolve(n, { scope: stack, preparing: false, resolver });
    expect(rendered(d.toMilliseconds())).toBe('${(var.interval * 1000)}');
    expect(rendered(d.toMinutes())).toBe('${ceil((var.interval / 60))}');
    // The failure detection of a health check: interval × threshold + timeout.
    const detection = d.times(2).plus(Duration.seconds(5));
    expect(detection.isUnresolved).toBe(true);
    expect(rendered(detection.toSeconds())).toBe('${((var.interval * 2) + 5)}');
    expect(rendered(Duration.minutes(1).plus(d).toSeconds())).toBe('${(60 + var.interval)}');
    expect(rendered(Duration.seconds(10).times(Token.asNumber(interval)).toSeconds())).toBe('${(10 * var.interval)}');
    expect(detection.toHumanString()).toBe('<token> seconds');
  });

  test('a token duration cannot be compared: its length is known only at deploy time', () => {
    const token = Lazy.numberValue({ produce: () => 30 });
    expect(() => Duration.seconds(token).compareTo(Duration.seconds(1))).toThrow(
      'Duration: <token> seconds cannot be compared with 1s: a duration given as a token is known only at deploy time',
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
