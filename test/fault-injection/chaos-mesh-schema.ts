import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { parse } from 'yaml';

const CRDS = path.join(__dirname, '..', '..', 'schemas', 'chaos-mesh');

/**
 * OpenAPI v3.0 schema objects as JSON Schema (draft 7), which ajv reads: a boolean `exclusiveMinimum` /
 * `exclusiveMaximum` bounds `minimum` / `maximum` exclusively, and `nullable` adds `null` to the type.
 */
function toJsonSchema(node: any): any {
  if (Array.isArray(node)) {
    return node.map(toJsonSchema);
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  const out: any = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === 'properties' || key === 'patternProperties' ? Object.fromEntries(Object.entries(value as any).map(([k, v]) => [k, toJsonSchema(v)])) : toJsonSchema(value);
  }
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag] && out[bound] !== undefined) {
        out[flag] = out[bound];
        delete out[bound];
      } else {
        delete out[flag];
      }
    }
  }
  if (out.nullable === true && typeof out.type === 'string') {
    out.type = [out.type, 'null'];
  }
  delete out.nullable;
  return out;
}

/**
 * Validators for Chaos Mesh objects, one per kind, compiled by ajv from the OpenAPI v3 schemas of the real CRDs in
 * schemas/chaos-mesh (what the API server validates against). Kubernetes' own extensions (`x-kubernetes-*`) are
 * declared as keywords; `metadata` is the API server's business and is not in the CRD schema.
 */
export function chaosMeshValidators(): Record<string, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  for (const keyword of ['x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string', 'x-kubernetes-list-type', 'x-kubernetes-map-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-validations']) {
    ajv.addKeyword(keyword);
  }
  const out: Record<string, ValidateFunction> = {};
  for (const file of fs.readdirSync(CRDS).filter((f) => f.endsWith('.yaml'))) {
    const crd = parse(fs.readFileSync(path.join(CRDS, file), 'utf8'));
    const version = crd.spec.versions.find((v: any) => v.storage) ?? crd.spec.versions[0];
    out[crd.spec.names.kind] = ajv.compile(toJsonSchema(version.schema.openAPIV3Schema));
  }
  return out;
}

/** Every schema error of an object, as `<path> <message>` lines; empty when the object is valid. */
export function schemaErrors(validators: Record<string, ValidateFunction>, object: any): string[] {
  const validate = validators[object.kind];
  if (!validate) {
    return [`no CRD for kind ${object.kind}`];
  }
  return validate(object) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}
