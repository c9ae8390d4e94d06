import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/*
 * The real CustomResourceDefinitions of CloudNativePG 1.30.0 and the Barman Cloud plugin 0.14.0 (schemas/), compiled
 * with a JSON-schema validator: an object the Kubernetes API server would reject for its structure (wrong types,
 * enums, required fields, and unknown fields, which strict field validation and the Terraform provider's conversion
 * to the CRD's type refuse) fails here too. CEL rules (`x-kubernetes-validations`) and formats are not evaluated, as
 * in the offline proof.
 */

const SCHEMA_DIRS = ['cloudnative-pg', 'barman-cloud'].map((d) => join(__dirname, '..', '..', 'schemas', d));

/** The problems JSON-schema validation found, one line each: `/spec/instances must be integer`. */
export type CrdProblems = string[];

let validators: Map<string, ValidateFunction> | undefined;

function load(): Map<string, ValidateFunction> {
  if (validators) {
    return validators;
  }
  // OpenAPI v3 schemas: `nullable` and the `x-kubernetes-*` extensions are known keywords, formats are not checked.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  validators = new Map();
  for (const dir of SCHEMA_DIRS) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const crd = parse(readFileSync(join(dir, file), 'utf8'));
      for (const version of crd.spec.versions) {
        const key = `${crd.spec.group}/${version.name} ${crd.spec.names.kind}`;
        validators.set(key, ajv.compile(closed(version.schema.openAPIV3Schema)));
      }
    }
  }
  return validators;
}

/**
 * The schema with `additionalProperties: false` on every object that lists its properties and does not preserve
 * unknown fields: a structural CRD schema knows every field, so an unknown one is a mistake.
 */
function closed(schema: any): any {
  if (Array.isArray(schema)) {
    return schema.map(closed);
  }
  if (typeof schema !== 'object' || schema === null) {
    return schema;
  }
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as any).map(([p, s]) => [p, closed(s)])) : closed(v);
  }
  if (out.properties && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

/** The kinds known: `postgresql.cnpg.io/v1 Cluster`, ... */
export function knownKinds(): string[] {
  return [...load().keys()];
}

/** Validates one object (`apiVersion`, `kind`, `metadata`, `spec`) against its CRD; throws for a kind without one. */
export function crdProblems(object: { apiVersion: string; kind: string }): CrdProblems {
  const validate = load().get(`${object.apiVersion} ${object.kind}`);
  if (!validate) {
    throw new Error(`no CRD for ${object.apiVersion} ${object.kind} (known: ${knownKinds().join(', ')})`);
  }
  return validate(object) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'allowedValues' in e.params ? ` (${(e.params as any).allowedValues.join(', ')})` : ''}`);
}

/** Every `kubernetes_manifest` object of a synthesized stack, by resource name. */
export function manifests(json: any): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [name, r] of Object.entries<any>(json.resource?.kubernetes_manifest ?? {})) {
    out[name] = r.manifest;
  }
  return out;
}
