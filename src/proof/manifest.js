// @ts-check
/**
 * `kubernetes_manifest` the way hashicorp/kubernetes 2.38 checks it, without a cluster.
 *
 * - validate (manifest/provider/validate.go): the manifest must be an object with `apiVersion`,
 *   `kind` and `metadata`, without `status`; `timeouts` must be Go durations; at most one waiter
 *   in `wait`; `wait_for` is deprecated (a warning).
 * - plan (manifest/provider/plan.go, resource.go, openapi/schema.go, morph/morph.go): the kind must
 *   be known to the cluster ("API did not recognize GroupVersionKind from manifest (CRD may not be
 *   installed)"); namespaced kinds need `metadata.namespace`, cluster-scoped ones must not have it;
 *   the object is converted ("morphed") to the type the kind's OpenAPI schema describes, and every
 *   value that does not convert, and every attribute the schema does not know, fails the plan
 *   ("Manifest configuration incompatible with resource schema").
 *
 * The "cluster" is what the proof is given: CustomResourceDefinition files (the ones a real cluster
 * would have installed) and a table of built-in kinds with their scope. Built-in kinds have no
 * OpenAPI schema offline: their kind, scope and `metadata` are checked, the rest is reported as
 * unverified. Beyond the provider's plan-time checks, CRD objects are also checked against the
 * schema's `required` and `enum` (the API server rejects those at apply), labelled as such.
 */
'use strict';

const fs = require('fs');
const path = require('path');

/** Built-in kinds (Kubernetes API reference, v1.30): `apiVersion/Kind` → namespaced. */
const BUILTIN_KINDS = {
  'v1/Pod': true,
  'v1/Service': true,
  'v1/ConfigMap': true,
  'v1/Secret': true,
  'v1/ServiceAccount': true,
  'v1/PersistentVolumeClaim': true,
  'v1/Endpoints': true,
  'v1/LimitRange': true,
  'v1/ResourceQuota': true,
  'v1/Namespace': false,
  'v1/PersistentVolume': false,
  'v1/Node': false,
  'apps/v1/Deployment': true,
  'apps/v1/StatefulSet': true,
  'apps/v1/DaemonSet': true,
  'apps/v1/ReplicaSet': true,
  'batch/v1/Job': true,
  'batch/v1/CronJob': true,
  'policy/v1/PodDisruptionBudget': true,
  'autoscaling/v1/HorizontalPodAutoscaler': true,
  'autoscaling/v2/HorizontalPodAutoscaler': true,
  'networking.k8s.io/v1/NetworkPolicy': true,
  'networking.k8s.io/v1/Ingress': true,
  'networking.k8s.io/v1/IngressClass': false,
  'rbac.authorization.k8s.io/v1/Role': true,
  'rbac.authorization.k8s.io/v1/RoleBinding': true,
  'rbac.authorization.k8s.io/v1/ClusterRole': false,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': false,
  'storage.k8s.io/v1/StorageClass': false,
  'scheduling.k8s.io/v1/PriorityClass': false,
  'coordination.k8s.io/v1/Lease': true,
  'apiextensions.k8s.io/v1/CustomResourceDefinition': false,
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': false,
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': false,
};

/**
 * io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta as the provider types it (Kubernetes API reference).
 * @type {any}
 */
const OBJECT_META = {
  type: 'object',
  properties: {
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    creationTimestamp: { type: 'string' },
    deletionGracePeriodSeconds: { type: 'integer' },
    deletionTimestamp: { type: 'string' },
    finalizers: { type: 'array', items: { type: 'string' } },
    generateName: { type: 'string' },
    generation: { type: 'integer' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    managedFields: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          apiVersion: { type: 'string' },
          fieldsType: { type: 'string' },
          fieldsV1: { type: 'object' },
          manager: { type: 'string' },
          operation: { type: 'string' },
          subresource: { type: 'string' },
          time: { type: 'string' },
        },
      },
    },
    name: { type: 'string' },
    namespace: { type: 'string' },
    ownerReferences: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          apiVersion: { type: 'string' },
          blockOwnerDeletion: { type: 'boolean' },
          controller: { type: 'boolean' },
          kind: { type: 'string' },
          name: { type: 'string' },
          uid: { type: 'string' },
        },
      },
    },
    resourceVersion: { type: 'string' },
    selfLink: { type: 'string' },
    uid: { type: 'string' },
  },
};

/**
 * @typedef {{ group: string, version: string, kind: string, namespaced: boolean, schema?: any, source: string }} KindInfo
 * @typedef {{ kinds: Map<string, KindInfo>, crdFiles: string[] }} Registry
 */

/** `group/version` of an apiVersion (`v1` → core group). @param {string} apiVersion */
function splitApiVersion(apiVersion) {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** @param {string} apiVersion @param {string} kind */
function gvkKey(apiVersion, kind) {
  return `${apiVersion}/${kind}`;
}

/** k8s `GroupVersionKind.String()`: `chaos-mesh.org/v1alpha1, Kind=PodChaos`. @param {KindInfo} k */
function gvkString(k) {
  return `${k.group ? `${k.group}/` : ''}${k.version}, Kind=${k.kind}`;
}

/** The CRD files of the given paths (files, or folders of `*.yaml` / `*.yml` / `*.json`). @param {string[]} paths */
function crdFilesOf(paths) {
  /** @type {string[]} */
  const out = [];
  for (const p of paths) {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const n of fs.readdirSync(p).sort()) if (/\.(ya?ml|json)$/.test(n)) out.push(path.join(p, n));
    } else {
      out.push(p);
    }
  }
  return out;
}

/** @type {Map<string, KindInfo[]>} */
const crdCache = new Map();

/** The kinds a CRD file serves (every served version with a schema). @param {string} file @returns {KindInfo[]} */
function kindsOfCrdFile(file) {
  const cached = crdCache.get(file);
  if (cached) return cached;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml');
  /** @type {KindInfo[]} */
  const kinds = [];
  const text = fs.readFileSync(file, 'utf8');
  const docs = /\.json$/.test(file) ? [JSON.parse(text)] : YAML.parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: -1 }));
  for (const doc of docs) {
    if (!doc || doc.kind !== 'CustomResourceDefinition' || !doc.spec) continue;
    const { group, names, scope, versions } = doc.spec;
    for (const v of versions ?? []) {
      if (v.served === false) continue;
      kinds.push({
        group,
        version: v.name,
        kind: names.kind,
        namespaced: scope !== 'Cluster',
        schema: v.schema?.openAPIV3Schema,
        source: path.basename(file),
      });
    }
  }
  crdCache.set(file, kinds);
  return kinds;
}

/** The kinds a cluster with these CRDs installed knows: built-in kinds plus the CRDs' kinds. @param {string[]} crdPaths @returns {Registry} */
function buildRegistry(crdPaths) {
  /** @type {Map<string, KindInfo>} */
  const kinds = new Map();
  for (const [key, namespaced] of Object.entries(BUILTIN_KINDS)) {
    const i = key.lastIndexOf('/');
    const { group, version } = splitApiVersion(key.slice(0, i));
    kinds.set(key, { group, version, kind: key.slice(i + 1), namespaced, source: 'built-in' });
  }
  const crdFiles = crdFilesOf(crdPaths);
  for (const file of crdFiles) {
    for (const k of kindsOfCrdFile(file)) kinds.set(gvkKey(`${k.group}/${k.version}`, k.kind), k);
  }
  return { kinds, crdFiles };
}

// --- validate ---------------------------------------------------------------------------------

/** Go's time.ParseDuration, for the messages the provider returns. @param {string} s @returns {string | undefined} */
function goDurationError(s) {
  if (s === '0' || /^[-+]?0$/.test(s)) return undefined;
  if (/^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(s)) return undefined;
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return `time: missing unit in duration ${JSON.stringify(s)}`;
  return `time: invalid duration ${JSON.stringify(s)}`;
}

/**
 * The type name tftypes prints for a cty JSON type of a dynamic value (`tftypes.String`, ...).
 * @param {any} ctyType
 */
function tftypesName(ctyType) {
  if (typeof ctyType === 'string') {
    return { string: 'tftypes.String', number: 'tftypes.Number', bool: 'tftypes.Bool', dynamic: 'tftypes.DynamicPseudoType' }[ctyType] ?? ctyType;
  }
  const kind = ctyType[0];
  return { object: 'tftypes.Object', map: 'tftypes.Map', list: 'tftypes.List', set: 'tftypes.Set', tuple: 'tftypes.Tuple' }[kind] ?? kind;
}

/**
 * Validate-time checks of one kubernetes_manifest configuration.
 * `manifest` is `{ type, value }` (the dynamic value's cty type and value) or undefined when unknown.
 * @param {{ manifest?: { type: any, value: any }, timeouts?: any, wait?: any, wait_for?: any }} config
 * @param {(v: any) => boolean} isUnknown
 */
function validateManifestConfig(config, isUnknown) {
  /** @type {any[]} */
  const diags = [];
  const at = (/** @type {string[]} */ ...names) => ({ steps: names.map((n) => ({ attribute_name: n })) });
  const m = config.manifest;
  if (m && !isUnknown(m.value) && m.value !== null) {
    const t = m.type;
    const isObject = Array.isArray(t) && (t[0] === 'object' || t[0] === 'map');
    if (!isObject) {
      diags.push({
        severity: 'ERROR',
        summary: 'Failed to extract "manifest" attribute value from resource configuration',
        detail: `can't unmarshal ${tftypesName(t)} into *map[string]tftypes.Value, expected map[string]tftypes.Value`,
        attribute: at('manifest'),
      });
    } else {
      for (const key of ['apiVersion', 'kind', 'metadata']) {
        if (!(key in m.value)) {
          diags.push({
            severity: 'ERROR',
            summary: 'Attribute key missing from "manifest" value',
            detail: `'${key}' attribute key is missing from manifest configuration`,
            attribute: at('manifest', key),
          });
        }
      }
      if ('status' in m.value) {
        diags.push({
          severity: 'ERROR',
          summary: 'Forbidden attribute key in "manifest" value',
          detail: "'status' attribute key is not allowed in manifest configuration",
          attribute: at('manifest', 'status'),
        });
      }
    }
  }
  const timeouts = Array.isArray(config.timeouts) ? config.timeouts[0] : config.timeouts;
  if (timeouts && typeof timeouts === 'object') {
    for (const [k, v] of Object.entries(timeouts)) {
      if (typeof v !== 'string' || isUnknown(v)) continue;
      const err = goDurationError(v);
      if (err) diags.push({ severity: 'ERROR', summary: `Error parsing timeout for ${JSON.stringify(k)}`, detail: err, attribute: at('timeouts', k) });
    }
  }
  const wait = Array.isArray(config.wait) ? config.wait[0] : undefined;
  if (wait && typeof wait === 'object') {
    const waiters = Object.entries(wait)
      .filter(([k, v]) => v !== null && v !== undefined && !(k === 'condition' && Array.isArray(v) && v.length === 0))
      .map(([k]) => k);
    if (waiters.length > 1) {
      diags.push({
        severity: 'ERROR',
        summary: 'Invalid wait configuration',
        detail: `You may only set one of "${waiters.join('", "')}".`,
        attribute: at('wait'),
      });
    }
  }
  if (config.wait_for !== null && config.wait_for !== undefined) {
    diags.push({
      severity: 'WARNING',
      summary: 'Deprecated Attribute',
      detail: 'The "wait_for" attribute has been deprecated. Please use the "wait" block instead.',
      attribute: at('wait_for'),
    });
  }
  return diags;
}

// --- plan -------------------------------------------------------------------------------------

/**
 * The provider's type of an OpenAPI schema (openapi/schema.go getTypeFromSchema), as a small
 * descriptor: { t: 'string'|'number'|'bool'|'dynamic' } | { t: 'object', attrs } | { t: 'map', elem } | { t: 'list', elem }.
 * @param {any} s @param {number} depth @returns {any}
 */
function typeOfSchema(s, depth = 50) {
  if (!s || depth <= 0) return { t: 'dynamic' };
  switch (s.type) {
    case 'string':
      return { t: 'string', s };
    case 'boolean':
      return { t: 'bool', s };
    case 'number':
    case 'integer':
      return { t: 'number', s };
    case 'array':
      return s.items ? { t: 'list', elem: typeOfSchema(s.items, depth - 1), s } : { t: 'dynamic' };
    case 'object':
      if (s.properties && !s.additionalProperties) {
        /** @type {any} */
        const attrs = {};
        for (const [k, v] of Object.entries(s.properties)) attrs[k] = typeOfSchema(v, depth - 1);
        return { t: 'object', attrs, s };
      }
      if (!s.properties && s.additionalProperties && typeof s.additionalProperties === 'object') {
        return { t: 'map', elem: typeOfSchema(s.additionalProperties, depth - 1), s };
      }
      return { t: 'dynamic' };
    default:
      // x-kubernetes-int-or-string is typed as a string by the provider; anything else is dynamic.
      if (s['x-kubernetes-int-or-string']) return { t: 'string', intOrString: true, s };
      return { t: 'dynamic' };
  }
}

/** The provider's object type of a kind: its schema without `status`, with apiVersion, kind and ObjectMeta. @param {KindInfo} k */
function kindType(k) {
  const base = k.schema ? typeOfSchema(k.schema) : { t: 'object', attrs: {}, open: true };
  if (base.t !== 'object') return base;
  const attrs = { ...base.attrs };
  delete attrs.status;
  attrs.apiVersion = attrs.apiVersion ?? { t: 'string' };
  attrs.kind = attrs.kind ?? { t: 'string' };
  attrs.metadata = typeOfSchema(OBJECT_META);
  return { ...base, attrs };
}

/** morph's attributePathSummary. @param {(string|number)[]} p */
function pathSummary(p) {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

const TYPE_NAMES = { string: 'String', number: 'Number', bool: 'Bool', object: 'Object', map: 'Map', list: 'List', dynamic: 'DynamicPseudoType' };

/**
 * The provider's morph.ValueToType on a decoded JSON-ish value, plus (labelled) the API server's
 * `required` and `enum` checks. Returns diagnostics; an empty list means the object converts.
 * @param {any} v @param {any} t @param {(string|number)[]} p @param {any[]} diags @param {(v: any) => boolean} isUnknown
 */
function morph(v, t, p, diags, isUnknown) {
  if (v === null || v === undefined || isUnknown(v) || t.t === 'dynamic') return;
  const err = (/** @type {string} */ summary, /** @type {string} */ detail) => diags.push({ severity: 'ERROR', summary, detail });
  const kindOf = Array.isArray(v) ? 'Tuple' : typeof v === 'object' ? 'Object' : typeof v === 'string' ? 'String' : typeof v === 'number' ? 'Number' : typeof v === 'boolean' ? 'Bool' : 'unknown';
  const want = TYPE_NAMES[/** @type {keyof typeof TYPE_NAMES} */ (t.t)];
  switch (kindOf) {
    case 'String':
      if (t.t === 'number') {
        if (!/^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(v) || /^\s|\s$/.test(v)) {
          err("String value doesn't parse as Number", `Error: strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax\n...at attribute:\n${pathSummary(p)}`);
        }
      } else if (t.t === 'bool') {
        if (!['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) {
          err("String value doesn't parse as Boolean", `Error: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax\n...at attribute:\n${pathSummary(p)}`);
        }
      } else if (t.t !== 'string') {
        err('Value incompatible with expected type', `Cannot transform String value into type ${want}\n ...at attribute\n${pathSummary(p)}`);
      }
      break;
    case 'Number':
      if (t.t !== 'number' && t.t !== 'string') err('Value incompatible with expected type', `Cannot convert Number values into type ${want}\n ...at attribute\n${pathSummary(p)}`);
      break;
    case 'Bool':
      if (t.t !== 'bool' && t.t !== 'string') err('Value incompatible with expected type', `Cannot convert Bool values into type ${want}\n ...at attribute\n${pathSummary(p)}`);
      break;
    case 'Tuple':
      if (t.t !== 'list') {
        err('Cannot transform Tuple value into unsupported type', `Required type ${want}, but got Tuple\n ...at attribute\n${pathSummary(p)}`);
        break;
      }
      v.forEach((el, i) => {
        const before = diags.length;
        morph(el, t.elem, [...p, i], diags, isUnknown);
        if (diags.length > before) {
          err('Failed to transform Tuple element into List element type', `Error (see above) at attribute:\n${pathSummary([...p, i])}`);
        }
      });
      break;
    case 'Object':
      if (t.t === 'object') {
        for (const [k, el] of Object.entries(v)) {
          const nt = t.attrs[k];
          if (!nt) {
            if (t.open) continue;
            diags.push({ severity: 'WARNING', summary: 'Attribute not found in schema', detail: `Unable to find schema type for attribute:\n${pathSummary([...p, k])}` });
            continue;
          }
          const before = diags.length;
          morph(el, nt, [...p, k], diags, isUnknown);
          if (diags.slice(before).some((d) => d.severity === 'ERROR')) {
            err('Failed to transform Object element into Object element type', `Error (see above) at attribute:\n${pathSummary([...p, k])}`);
          }
        }
      } else if (t.t === 'map') {
        for (const [k, el] of Object.entries(v)) {
          const before = diags.length;
          morph(el, t.elem, [...p, k], diags, isUnknown);
          if (diags.length > before) err('Failed to transform Object element into Map element type', `Error (see above) at attribute:\n${pathSummary([...p, k])}`);
        }
      } else {
        err('Failed to transform Object into unsupported type', `Required type ${want}, but got Object\n...at attribute:\n${pathSummary(p)}`);
      }
      break;
    default:
      break;
  }
}

/** The API server's `required` and `enum` checks (structural schema), run after a successful morph. @param {any} v @param {any} s @param {(string|number)[]} p @param {string[]} out @param {(v: any) => boolean} isUnknown */
function apiServerChecks(v, s, p, out, isUnknown) {
  if (!s || v === null || v === undefined || isUnknown(v)) return;
  if (Array.isArray(s.enum) && (typeof v === 'string' || typeof v === 'number') && !s.enum.includes(v)) {
    out.push(`${pathSummary(p)}: Unsupported value: ${JSON.stringify(v)}: supported values: ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  if (s.type === 'object' && typeof v === 'object' && !Array.isArray(v)) {
    for (const r of s.required ?? []) if (!(r in v)) out.push(`${pathSummary([...p, r])}: Required value`);
    for (const [k, el] of Object.entries(v)) if (s.properties?.[k]) apiServerChecks(el, s.properties[k], [...p, k], out, isUnknown);
  } else if (s.type === 'array' && Array.isArray(v) && s.items) {
    v.forEach((el, i) => apiServerChecks(el, s.items, [...p, i], out, isUnknown));
  }
}

/**
 * Plan-time checks of one manifest value against the registry.
 * @param {any} manifest a decoded object value
 * @param {Registry} registry
 * @param {(v: any) => boolean} isUnknown
 * @returns {{ diagnostics: any[], status: 'validated' | 'unverified' | 'failed' | 'unknown', kind?: string, why: string }}
 */
function planManifest(manifest, registry, isUnknown) {
  /** @type {any[]} */
  const diagnostics = [];
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest) || isUnknown(manifest)) {
    return { diagnostics, status: 'unknown', why: 'the manifest is not known before apply' };
  }
  const { apiVersion, kind } = manifest;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || isUnknown(apiVersion) || isUnknown(kind)) {
    return { diagnostics, status: 'unknown', why: 'apiVersion or kind is not known before apply' };
  }
  const label = `${apiVersion} ${kind}`;
  const info = registry.kinds.get(gvkKey(apiVersion, kind));
  if (!info) {
    diagnostics.push({
      severity: 'ERROR',
      summary: 'API did not recognize GroupVersionKind from manifest (CRD may not be installed)',
      detail: `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}\n\nterraform-offline knows the built-in kinds and the kinds of the CRDs it was given (${
        registry.crdFiles.map((f) => path.basename(f)).join(', ') || 'none'
      }).`,
    });
    return { diagnostics, status: 'failed', kind: label, why: 'kind unknown to the cluster' };
  }
  const meta = manifest.metadata;
  const ns = meta && typeof meta === 'object' ? meta.namespace : undefined;
  if (info.namespaced) {
    if (ns === undefined || (meta && typeof meta === 'object' && !('namespace' in meta))) {
      diagnostics.push({ severity: 'ERROR', summary: 'Namespace required', detail: `Resources of type '${gvkString(info)}' require a namespace` });
    } else if (ns === null) {
      diagnostics.push({ severity: 'ERROR', summary: 'Namespace required', detail: `Namespace for resource '${gvkString(info)}' cannot be nil` });
    } else if (ns === '') {
      diagnostics.push({ severity: 'ERROR', summary: 'Namespace required', detail: `Namespace for resource '${gvkString(info)}' cannot be empty` });
    }
  } else if (ns !== undefined && ns !== null) {
    diagnostics.push({ severity: 'ERROR', summary: 'Cluster level resource cannot take namespace', detail: `Resources of type '${gvkString(info)}' cannot have a namespace` });
  }
  if (diagnostics.length > 0) return { diagnostics, status: 'failed', kind: label, why: 'namespace scope' };

  /** @type {any[]} */
  const morphDiags = [];
  morph(manifest, kindType(info), ['object'], morphDiags, isUnknown);
  if (morphDiags.length > 0) {
    diagnostics.push({ severity: 'ERROR', summary: 'Manifest configuration incompatible with resource schema', detail: 'Detailed descriptions of errors will follow below.' });
    diagnostics.push(...morphDiags);
    return { diagnostics, status: 'failed', kind: label, why: 'does not match the schema' };
  }
  if (!info.schema) {
    return { diagnostics, status: 'unverified', kind: label, why: 'built-in kind: scope and metadata checked, no OpenAPI schema offline' };
  }
  /** @type {string[]} */
  const apiErrors = [];
  apiServerChecks(manifest, info.schema, [], apiErrors, isUnknown);
  if (apiErrors.length > 0) {
    diagnostics.push({
      severity: 'ERROR',
      summary: `${kind}.${info.group} ${JSON.stringify(meta?.name ?? '')} is invalid`,
      detail: `${apiErrors.join('\n')}\n\nThe Kubernetes API server rejects this object at apply (checked offline against ${info.source}).`,
    });
    return { diagnostics, status: 'failed', kind: label, why: 'rejected by the CRD schema' };
  }
  return { diagnostics, status: 'validated', kind: label, why: `checked against ${info.source}` };
}

/** The kubernetes_manifest checks modelled (validate: keys, status, timeouts, waiters, wait_for; plan: kind, scope, schema; apply: required + enum). */
const MANIFEST_CHECKS = 9;

module.exports = { MANIFEST_CHECKS, BUILTIN_KINDS, buildRegistry, validateManifestConfig, planManifest, goDurationError, crdFilesOf };
