import { App, Aspects, IAspect, IStackSynthesizer, ISynthesisSession, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { attachedIfAny } from '../../core/private/brand';

/*
 * How the resilience checks hook into a synthesis, in one place: which stacks have checks, how they are invoked
 * (an aspect per stack, so they see the tree after every other aspect), and the stack synthesizer that lets a
 * failing stack still write its cdk.tf.json and lets the checks of an App report every stack before failing.
 * A framework other than cdktf changes this file only.
 */

const STACK_CHECKS = 'ResilienceChecks';
const APP_CHECKS = 'ResilienceChecks.app';

/** What the registration needs from the checks of one stack. */
export interface StackChecksHooks extends IAspect {
  /** Called by the stack's synthesizer before the stack is synthesized (`app.synth()`, `cdktf synth`). */
  _beginSynthesis(deferErrors: boolean): void;
  /** Called after the stack's `cdk.tf.json` is written; returns the error messages the checks deferred. */
  _endSynthesis(session: ISynthesisSession): string[];
}

/** What the registration needs from the checks of an App. */
export interface AppChecksHooks {
  /** Declares checks on a stack of the app that has none yet. */
  _declareOn(stack: TerraformStack): void;
}

/** Whether a construct is a cdktf App (the root that holds the stacks). */
export function isApp(scope: IConstruct): scope is App {
  return App.isApp(scope);
}

/** The stacks of an app, in the order `app.synth()` synthesizes them. */
export function stacksOf(app: IConstruct): TerraformStack[] {
  return app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

/** The checks declared on a stack, if any. */
export function checksOn<T>(stack: TerraformStack): T | undefined {
  return attachedIfAny<T>(stack, STACK_CHECKS);
}

/** The checks declared on an app, if any. */
export function appChecksOn<T>(app: IConstruct): T | undefined {
  return attachedIfAny<T>(app, APP_CHECKS);
}

function attach(host: object, name: string, value: unknown): void {
  Object.defineProperty(host, Symbol.for(`cdktf-fault-tolerance.${name}`), { value, enumerable: false });
}

/**
 * Declares checks on an app: every stack it has now, and any added before it synthesizes. cdktf does not invoke an
 * App's aspects on its stacks, so `app.synth()` of this app instance first declares the checks on stacks that have
 * none (stacks added after the call, even when it came before the first stack).
 */
export function registerOnApp(app: App, checks: AppChecksHooks): void {
  attach(app, APP_CHECKS, checks);
  for (const stack of stacksOf(app)) {
    if (!checksOn(stack)) checks._declareOn(stack);
  }
  const synth = app.synth;
  Object.defineProperty(app, 'synth', {
    configurable: true,
    writable: true,
    value: function synthWithChecks(this: App, ...args: unknown[]): void {
      for (const stack of stacksOf(app)) {
        if (!checksOn(stack)) checks._declareOn(stack);
      }
      return (synth as (...a: unknown[]) => void).apply(this, args);
    },
  });
}

/** Declares checks on a stack: an aspect that runs them, and a synthesizer that reports them at the right time. */
export function registerOnStack(stack: TerraformStack, checks: StackChecksHooks, app?: IConstruct): void {
  attach(stack, STACK_CHECKS, checks);
  Aspects.of(stack).add(checks);
  stack.synthesizer = new ChecksSynthesizer(stack, stack.synthesizer, checks, app);
}

/**
 * Whether the stack's synthesizer continues past error annotations: `cdktf synth` sets
 * `CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS`, synthesizes every stack and prints every annotation itself.
 */
function continuesOnErrors(inner: IStackSynthesizer): boolean {
  const flag = (inner as { continueOnErrorAnnotations?: unknown }).continueOnErrorAnnotations;
  return typeof flag === 'boolean' ? flag : process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
}

/** The errors deferred by the checks of each stack of an app during one `app.synth()`. */
const DEFERRED = new WeakMap<ISynthesisSession, Map<string, string[]>>();

/**
 * Wraps a stack's synthesizer. Under `app.synth()` cdktf throws at the first stack with an error annotation,
 * before writing its cdk.tf.json and before synthesizing the stacks after it. The checks therefore add their error
 * annotations once the stack is written, and throw then (checks of one stack) or after the app's last stack
 * (checks of an App), listing every error of every stack. Under `cdktf synth` (which continues past errors and
 * fails after printing them all) nothing is deferred.
 */
class ChecksSynthesizer implements IStackSynthesizer {
  constructor(
    private readonly stack: TerraformStack,
    private readonly inner: IStackSynthesizer,
    private readonly checks: StackChecksHooks,
    private readonly app?: IConstruct,
  ) {}

  public synthesize(session: ISynthesisSession): void {
    const appChecks = this.app ? appChecksOn<AppChecksHooks>(this.app) : undefined;
    if (this.app && appChecks) {
      for (const stack of stacksOf(this.app)) {
        if (!checksOn(stack)) appChecks._declareOn(stack);
      }
    }
    const defer = !continuesOnErrors(this.inner);
    this.checks._beginSynthesis(defer);
    this.inner.synthesize(session);
    const errors = this.checks._endSynthesis(session);
    if (!defer) return;

    let deferred = DEFERRED.get(session);
    if (!deferred) {
      deferred = new Map();
      DEFERRED.set(session, deferred);
    }
    deferred.set(this.stack.node.path, errors);
    const stacks = this.app ? stacksOf(this.app) : [this.stack];
    if (stacks[stacks.length - 1] !== this.stack) return;
    const failed = [...deferred.values()].flat();
    if (failed.length === 0) return;
    const summary = stacks
      .map((s) => {
        const n = deferred!.get(s.node.path)?.length;
        return `  ${s.node.id}: ${n === undefined ? 'not checked' : n === 0 ? 'passed' : `${n} ${n === 1 ? 'error' : 'errors'}`}`;
      })
      .join('\n');
    throw new Error(
      `Encountered Annotations with level "ERROR":\n${failed.join('\n')}\n\n` +
        `Resilience checks failed (every stack was synthesized and its reports written):\n${summary}\n`,
    );
  }
}
