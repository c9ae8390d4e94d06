import { Lazy, Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Duration } from '../../src';
import { ValidationError } from '../../src/core/private/errors';
import { PropValidator, formatValue, isUnresolved } from '../../src/core/private/validation';

const tokenString = () => Lazy.stringValue({ produce: () => 'resolved-later' });
const tokenNumber = () => Lazy.numberValue({ produce: () => 1 });

function scope(): Construct {
  const stack = new TerraformStack(Testing.app(), 'stack');
  return new Construct(stack, 'thing');
}

describe('PropValidator', () => {
  test('one problem: construct kind, path, prop, requirement, value and fix on one line', () => {
    const v = new PropValidator('MultiAzService', scope());
    v.require('replicas', 1, false, 'must be at least 2 to survive the loss of one instance', 'Set replicas to 2 or more.');
    expect(() => v.throwIfInvalid()).toThrow(
      new ValidationError('MultiAzService', 'stack/thing', [
        '`replicas` must be at least 2 to survive the loss of one instance, got 1. Set replicas to 2 or more.',
      ]),
    );
    expect(() => v.throwIfInvalid()).toThrow(
      'MultiAzService "stack/thing": `replicas` must be at least 2 to survive the loss of one instance, got 1. Set replicas to 2 or more.',
    );
  });

  test('several problems are reported together, one per line', () => {
    const v = new PropValidator('MultiAzNetwork', scope());
    v.integer('zones', 1, 2, 6);
    v.require('cidr', '10.0.0.0', false, 'must be an IPv4 CIDR block like "10.0.0.0/16"');
    v.fail('`a` and `b` conflict: pass only one.');
    let error: ValidationError | undefined;
    try {
      v.throwIfInvalid();
    } catch (e) {
      error = e as ValidationError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.message).toBe(
      [
        'MultiAzNetwork "stack/thing" has 3 invalid props:',
        '  - `zones` must be a whole number from 2 to 6, got 1.',
        '  - `cidr` must be an IPv4 CIDR block like "10.0.0.0/16", got "10.0.0.0".',
        '  - `a` and `b` conflict: pass only one.',
      ].join('\n'),
    );
    expect(error!.problems).toHaveLength(3);
    expect(error!.constructPath).toBe('stack/thing');
  });

  test('no problem, no error', () => {
    const v = new PropValidator('X', scope());
    v.integer('n', 3, 2, 6).require('s', 'ok', true, 'must be ok');
    expect(v.hasProblems).toBe(false);
    expect(() => v.throwIfInvalid()).not.toThrow();
  });

  test('unresolved tokens are never validated', () => {
    const v = new PropValidator('X', scope());
    v.integer('n', tokenNumber(), 2, 6);
    v.require('s', tokenString(), false, 'must be ok');
    v.require('l', ['a', tokenString()], false, 'must be ok');
    v.require('d', Duration.seconds(tokenNumber()), false, 'must be ok');
    expect(v.hasProblems).toBe(false);
  });

  test('integer() words its range and rejects fractions', () => {
    const v = new PropValidator('X', scope());
    v.integer('a', 1.5, 1).integer('b', 9, undefined, 8).integer('c', 0.5);
    expect(() => v.throwIfInvalid()).toThrow(
      [
        'X "stack/thing" has 3 invalid props:',
        '  - `a` must be a whole number of at least 1, got 1.5.',
        '  - `b` must be a whole number of at most 8, got 9.',
        '  - `c` must be a whole number, got 0.5.',
      ].join('\n'),
    );
  });
});

describe('formatValue', () => {
  test.each([
    [undefined, 'nothing'],
    [null, 'null'],
    ['x', '"x"'],
    [NaN, 'NaN'],
    [3, '3'],
    [['a', 1], '["a", 1]'],
    [{ a: Duration.seconds(5) }, '{"a":"5s"}'],
    [Duration.minutes(1), '1min'],
  ])('%p reads as %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });

  test('never renders [object Object]', () => {
    const cyclic: any = {};
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).not.toContain('[object Object]');
  });
});

test('isUnresolved looks inside lists', () => {
  expect(isUnresolved(['a', tokenString()])).toBe(true);
  expect(isUnresolved(['a', 'b'])).toBe(false);
  expect(isUnresolved(undefined)).toBe(false);
});
