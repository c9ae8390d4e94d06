import { IConstruct } from 'constructs';
import { isBranded } from '../../core/private/brand';
import { PropValidator } from '../../core/private/validation';
import { ReportFormat } from '../options';
import type { ResilienceChecksProps } from '../resilience-checks';

/** Every problem of the checks' props, thrown at once (one error naming the scope, each prop, value and fix). */
export function validateChecksProps(scope: IConstruct, props: unknown): void {
  const v = new PropValidator('ResilienceChecks', scope);
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    v.require('props', props, false, 'must be an object of ResilienceChecksProps', 'Pass e.g. { target: ResilienceTarget.survive({ zoneLoss: 1 }) }.');
    v.throwIfInvalid();
    return;
  }
  const p = props as ResilienceChecksProps;
  if (p.target !== undefined) {
    v.require('target', p.target, isBranded(p.target, 'ResilienceTarget'), 'must be a ResilienceTarget', 'Use ResilienceTarget.survive({ zoneLoss: 1 }).');
  }
  for (const key of ['warningsAsErrors', 'writeReports', 'printSummary'] as const) {
    const value = p[key];
    v.require(key, value, value === undefined || typeof value === 'boolean', 'must be true or false');
  }
  if (p.reportFormats !== undefined) {
    if (!Array.isArray(p.reportFormats)) {
      v.require('reportFormats', p.reportFormats, false, 'must be a list of ReportFormat', 'Pass e.g. [ReportFormat.JSON, ReportFormat.SARIF].');
    } else {
      p.reportFormats.forEach((format, i) => v.enumValue(`reportFormats[${i}]`, format ?? null, ReportFormat as unknown as Record<string, string>, 'ReportFormat'));
    }
  }
  v.throwIfInvalid();
}
