// @ts-check
/**
 * Offline schema-serving Terraform provider (plugin protocol 6), one process per provider.
 *
 * Started by runner.ts (the offline Terraform proof) as a child process:
 *
 *   node server.js --schema <schema.json> --socket <abs unix socket path> --ready <marker file>
 *
 * Terraform reaches it through TF_REATTACH_PROVIDERS ("Test": true, so Terraform never
 * tries to manage or kill it). The server answers what `terraform validate` and
 * `terraform plan` need against an empty state:
 *
 * - GetProviderSchema: the schema reconstructed from the cdktf bindings (encoded once);
 * - Validate*Config: rejects values set on computed-only attributes, with the attribute path
 *   (Terraform core does not check this; real providers do);
 * - PlanResourceChange / ReadDataSource: the proposed value with every null computed
 *   attribute turned into an unknown value ("known after apply");
 * - ApplyResourceChange / UpgradeResourceState: only for planning against a prior state (the
 *   runner's `priorConfig`): an "apply" returns the planned value with every unknown replaced by a
 *   typed placeholder (as data sources get), so Terraform writes a state; the state is read back
 *   unchanged.
 *
 * go-plugin's own services (stdio, broker, controller, health) are not implemented: Terraform
 * treats UNIMPLEMENTED as fine for a reattached test provider.
 *
 * The process exits when its stdin closes (the parent died or let go), on SIGTERM/SIGINT,
 * or after --max-lifetime-ms (a safety net, default 2 hours).
 */
'use strict';

const fs = require('fs');
const path = require('path');

/**
 * Reports a fatal error on stderr and, before the server is ready, through the ready marker
 * (so the runner fails fast with the message instead of waiting for a timeout).
 * @param {unknown} err
 */
function fatal(err) {
  const message = err instanceof Error ? err.stack || err.message : String(err);
  process.stderr.write(`terraform-offline server: ${message}\n`);
  const readyIndex = process.argv.indexOf('--ready');
  const readyFile = readyIndex > 0 ? process.argv[readyIndex + 1] : undefined;
  if (readyFile && !fs.existsSync(readyFile)) {
    try {
      fs.writeFileSync(readyFile, `ERROR ${message}`);
    } catch {
      // nothing more to do
    }
  }
  process.exit(1);
}
process.on('uncaughtException', fatal);

const grpc = require('@grpc/grpc-js');
const { runChecks } = require('./provider-checks');
const { buildRegistry, planManifest, validateManifestConfig } = require('./manifest');
const protoLoader = require('@grpc/proto-loader');
const { Decoder, Encoder, ExtData } = require('@msgpack/msgpack');

/**
 * @typedef {string | any[]} CtyType
 * @typedef {{ name: string, type?: CtyType, nestedType?: NestedObject, required?: boolean, optional?: boolean, computed?: boolean, sensitive?: boolean, deprecated?: boolean, writeOnly?: boolean }} Attribute
 * @typedef {{ nesting: 'single'|'list'|'set'|'map', attributes: Attribute[] }} NestedObject
 * @typedef {{ attributes: Attribute[], blockTypes: NestedBlock[], deprecated?: boolean }} Block
 * @typedef {{ name: string, nesting: 'single'|'list'|'set'|'map'|'group', minItems: number, maxItems: number, block: Block }} NestedBlock
 * @typedef {{ address: string, provider: Block, resources: Record<string, Block>, dataSources: Record<string, Block>, resourceVersions?: Record<string, number> }} ProviderSchema
 * @typedef {{ attribute_name?: string, element_key_string?: string, element_key_int?: number }} PathStep
 * @typedef {{ severity: 'ERROR'|'WARNING', summary: string, detail: string, attribute?: { steps: PathStep[] } }} Diagnostic
 */

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) out[a.slice(2)] = argv[++i] ?? '';
  }
  return out;
}

const NESTING = { single: 'SINGLE', list: 'LIST', set: 'SET', map: 'MAP', group: 'GROUP' };

/** @param {Attribute} a @returns {any} */
function protoAttribute(a) {
  /** @type {any} */
  const out = {
    name: a.name,
    required: !!a.required,
    optional: !!a.optional,
    computed: !!a.computed,
    sensitive: !!a.sensitive,
    deprecated: !!a.deprecated,
    write_only: !!a.writeOnly,
  };
  if (a.nestedType) {
    out.nested_type = { attributes: a.nestedType.attributes.map(protoAttribute), nesting: NESTING[a.nestedType.nesting] };
  } else {
    out.type = Buffer.from(JSON.stringify(a.type ?? 'dynamic'));
  }
  return out;
}

/** @param {Block} b @returns {any} */
function protoBlock(b) {
  return {
    version: 0,
    deprecated: !!b.deprecated,
    attributes: b.attributes.map(protoAttribute),
    block_types: b.blockTypes.map((nb) => ({
      type_name: nb.name,
      block: protoBlock(nb.block),
      nesting: NESTING[nb.nesting],
      min_items: nb.minItems,
      max_items: nb.maxItems,
    })),
  };
}

/** @param {Record<string, Block>} blocks @param {Record<string, number>} [versions] */
function protoSchemas(blocks, versions) {
  /** @type {Record<string, any>} */
  const out = {};
  for (const [name, block] of Object.entries(blocks)) out[name] = { version: versions?.[name] ?? 0, block: protoBlock(block) };
  return out;
}

const decoder = new Decoder({ useBigInt64: true });
const encoder = new Encoder({ useBigInt64: true });
/** cty's msgpack encoding of an unknown value: extension type 0. */
const UNKNOWN = new ExtData(0, new Uint8Array([0]));

/** @param {unknown} v @returns {v is Record<string, any>} */
function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof ExtData) && !(v instanceof Uint8Array);
}

/** @param {any} dv */
function decodeDynamic(dv) {
  if (!dv) return null;
  if (dv.msgpack && dv.msgpack.length > 0) return decoder.decode(dv.msgpack);
  if (dv.json && dv.json.length > 0) return JSON.parse(Buffer.from(dv.json).toString('utf8'));
  return null;
}

/** @param {unknown} v */
function isUnknown(v) {
  return v instanceof ExtData;
}

/**
 * A value of a `dynamic` attribute as cty's msgpack carries it: `[type JSON, value]`.
 * @param {any} v
 * @returns {{ type: any, value: any } | undefined}
 */
function unwrapDynamic(v) {
  if (v === null || v === undefined || isUnknown(v)) return undefined;
  if (Array.isArray(v) && v.length === 2 && (v[0] instanceof Uint8Array || typeof v[0] === 'string')) {
    const text = typeof v[0] === 'string' ? v[0] : Buffer.from(v[0]).toString('utf8');
    try {
      return { type: JSON.parse(text), value: v[1] };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** @param {unknown} value */
function encodeDynamic(value) {
  return { msgpack: Buffer.from(encoder.encode(value)) };
}

// --- planning: fill null computed attributes ----------------------------------------------

/**
 * @callback Filler
 * @param {Attribute} attr
 * @returns {unknown}
 */

/**
 * Replaces every null computed attribute of a block value (recursively) by `fill(attr)`.
 * Managed resources get unknown values ("known after apply"); data sources, which Terraform
 * requires to be wholly known after a read, get typed placeholder values.
 *
 * @param {any} obj
 * @param {Block} block
 * @param {Filler} fill
 */
function fillBlock(obj, block, fill) {
  if (!isObject(obj)) return;
  for (const attr of block.attributes) {
    const v = obj[attr.name];
    if (attr.writeOnly) {
      // Terraform requires write-only values to be null in plans and state.
      obj[attr.name] = null;
    } else if (v === null || v === undefined) {
      obj[attr.name] = attr.computed ? fill(attr) : null;
    } else if (attr.nestedType) {
      const nestedBlock = { attributes: attr.nestedType.attributes, blockTypes: [] };
      forEachElement(v, attr.nestedType.nesting, (el) => fillBlock(el, nestedBlock, fill));
    }
  }
  for (const nb of block.blockTypes) {
    let v = obj[nb.name];
    if (v === undefined) {
      v = nb.nesting === 'single' || nb.nesting === 'group' ? null : nb.nesting === 'map' ? {} : [];
      obj[nb.name] = v;
    }
    forEachElement(v, nb.nesting, (el) => fillBlock(el, nb.block, fill));
  }
}

/**
 * Replaces every unknown value of a planned block value (recursively) by a typed placeholder: what an
 * offline "apply" reports as the created object.
 *
 * @param {any} obj
 * @param {Block} block
 */
function resolveUnknowns(obj, block) {
  if (!isObject(obj)) return;
  for (const attr of block.attributes) {
    const v = obj[attr.name];
    if (isUnknown(v)) {
      obj[attr.name] = placeholder(attributeType(attr), attr.name, -1, 0);
    } else if (attr.nestedType && v !== null && v !== undefined) {
      const nestedBlock = { attributes: attr.nestedType.attributes, blockTypes: [] };
      forEachElement(v, attr.nestedType.nesting, (el) => resolveUnknowns(el, nestedBlock));
    }
  }
  for (const nb of block.blockTypes) {
    forEachElement(obj[nb.name], nb.nesting, (el) => resolveUnknowns(el, nb.block));
  }
}

/** @param {Attribute} a @returns {CtyType} */
function attributeType(a) {
  if (a.type !== undefined) return a.type;
  const nested = /** @type {NestedObject} */ (a.nestedType);
  /** @type {Record<string, CtyType>} */
  const attrs = {};
  for (const inner of nested.attributes) attrs[inner.name] = attributeType(inner);
  const obj = ['object', attrs];
  return nested.nesting === 'single' ? obj : [nested.nesting, obj];
}

/**
 * A known placeholder value of a cty type, for data sources read during plan. Collections get
 * three distinct elements (so `names[0]`, `count = length(...)` and `for_each = toset(...)` work
 * as they would with a real read), maps stay empty; a few attribute names get values shaped for
 * the functions usually applied to them (cidrsubnet, jsondecode, ARN splitting); any other
 * string is non-empty valid base64 of UTF-8 text (base64decode of a CA certificate works).
 * `index` is the element position for primitives directly inside a list or set, else -1.
 *
 * @param {CtyType} type
 * @param {string} name
 * @param {number} index
 * @param {number} depth
 * @returns {unknown}
 */
function placeholder(type, name, index, depth) {
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return placeholderString(name, index);
      case 'number':
        return index < 0 ? 0 : index;
      case 'bool':
        return false;
      default:
        return null; // dynamic: null is a known value
    }
  }
  const [kind, inner] = type;
  if (kind === 'object') {
    /** @type {Record<string, unknown>} */
    const obj = {};
    for (const [k, t] of Object.entries(inner)) obj[k] = placeholder(t, k, -1, depth + 1);
    return obj;
  }
  if (kind === 'map') return {};
  if (kind === 'list' || kind === 'set') {
    const n = depth > 4 ? 0 : depth > 1 ? 1 : 3;
    return Array.from({ length: n }, (_, i) => placeholder(inner, name, i, depth + 1));
  }
  return null;
}

/** @param {string} name @param {number} index */
function placeholderString(name, index) {
  const i = index < 0 ? 0 : index;
  const suffix = index < 0 ? '' : `-${index}`;
  if (/cidr/.test(name)) return `10.${i}.0.0/16`;
  if (/(^|_)arns?$/.test(name)) return `arn:aws:offline:us-east-1:123456789012:placeholder${suffix}`;
  if (/(^|_)(json|policy|document)$/.test(name)) return '{}';
  if (/(^|_)account_id$/.test(name)) return '123456789012';
  if (/(^|_)region$/.test(name)) return 'us-east-1';
  return Buffer.from(`offline${suffix}`).toString('base64');
}

/**
 * @param {any} v
 * @param {string} nesting
 * @param {(el: any, key: PathStep | undefined) => void} fn
 */
function forEachElement(v, nesting, fn) {
  if (v === null || v === undefined || v instanceof ExtData) return;
  if (nesting === 'single' || nesting === 'group') {
    fn(v, undefined);
  } else if (nesting === 'map') {
    if (isObject(v)) for (const [k, el] of Object.entries(v)) fn(el, { element_key_string: k });
  } else if (Array.isArray(v)) {
    v.forEach((el, i) => fn(el, nesting === 'list' ? { element_key_int: i } : undefined));
  }
}

// --- validation: values set on computed-only attributes ------------------------------------

/**
 * @param {any} obj
 * @param {Block} block
 * @param {PathStep[]} steps
 * @param {Diagnostic[]} diags
 * @param {string} typeName
 */
function checkBlock(obj, block, steps, diags, typeName) {
  if (!isObject(obj)) return;
  for (const attr of block.attributes) {
    const v = obj[attr.name];
    const here = [...steps, { attribute_name: attr.name }];
    if (v === null || v === undefined) {
      // Terraform core only checks that a required argument is present; a null value reaches
      // the provider, which rejects it (as the AWS and Kubernetes providers do).
      if (attr.required) {
        diags.push({
          severity: 'ERROR',
          summary: 'Missing required argument',
          detail: `The argument "${attr.name}" is required, but no definition was found.`,
          attribute: { steps: here },
        });
      }
      continue;
    }
    if (attr.computed && !attr.optional && !attr.required) {
      diags.push({
        severity: 'ERROR',
        summary: 'Invalid Configuration for Read-Only Attribute',
        detail:
          `Cannot set value for this attribute as the provider has marked it as read-only. ` +
          `Remove the configuration line setting the value.\n\n` +
          `"${pathText(here)}" of ${typeName} is computed by the provider (terraform-offline schema).`,
        attribute: { steps: here },
      });
    } else if (attr.nestedType) {
      const nestedBlock = { attributes: attr.nestedType.attributes, blockTypes: [] };
      forEachElement(v, attr.nestedType.nesting, (el, key) =>
        checkBlock(el, nestedBlock, key ? [...here, key] : here, diags, typeName),
      );
    }
  }
  for (const nb of block.blockTypes) {
    const here = [...steps, { attribute_name: nb.name }];
    forEachElement(obj[nb.name], nb.nesting, (el, key) => checkBlock(el, nb.block, key ? [...here, key] : here, diags, typeName));
  }
}

/** @param {PathStep[]} steps */
function pathText(steps) {
  return steps
    .map((s, i) =>
      s.attribute_name !== undefined
        ? `${i === 0 ? '' : '.'}${s.attribute_name}`
        : s.element_key_string !== undefined
          ? `["${s.element_key_string}"]`
          : `[${s.element_key_int}]`,
    )
    .join('');
}

/** @param {string} summary @param {string} detail @returns {Diagnostic} */
function errorDiag(summary, detail) {
  return { severity: 'ERROR', summary, detail };
}

/** Levenshtein distance (for Terraform's own "Did you mean" suggestions). @param {string} a @param {string} b */
function distance(a, b) {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The schema subset served for one Terraform run: the types its configuration uses, plus,
 * for a type the provider lacks, the near names (and the same name of the other kind) that
 * Terraform needs to phrase its own suggestions. Serving ~10 types instead of ~2,200 makes
 * each Terraform command about 4x faster.
 *
 * @param {ProviderSchema} schema
 * @param {{ resources?: string[], dataSources?: string[] } | undefined} view
 */
function schemaView(schema, view) {
  if (!view) return schema;
  /** @type {Record<string, Block>} */
  const resources = {};
  /** @type {Record<string, Block>} */
  const dataSources = {};
  /**
   * @param {string[]} wanted
   * @param {Record<string, Block>} from
   * @param {Record<string, Block>} into
   * @param {Record<string, Block>} other
   * @param {Record<string, Block>} otherInto
   */
  const pick = (wanted, from, into, other, otherInto) => {
    for (const type of wanted) {
      if (from[type]) {
        into[type] = from[type];
        continue;
      }
      for (const candidate of Object.keys(from)) if (distance(type, candidate) < 3) into[candidate] = from[candidate];
      if (other[type]) otherInto[type] = other[type];
    }
  };
  pick(view.resources ?? [], schema.resources, resources, schema.dataSources, dataSources);
  pick(view.dataSources ?? [], schema.dataSources, dataSources, schema.resources, resources);
  return { ...schema, resources, dataSources };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  let lastActivity = Date.now();
  if (!args.schema || !args.socket) {
    process.stderr.write('usage: node server.js --schema <schema.json> --socket <path> [--ready <file>] [--view <file>] [--proto <file>]\n');
    process.exit(2);
  }
  /** @type {ProviderSchema} */
  const schema = JSON.parse(fs.readFileSync(args.schema, 'utf8'));
  const protoPath = args.proto || path.join(__dirname, 'tfplugin6.proto');
  const packageDefinition = protoLoader.loadSync(protoPath, {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: false,
    oneofs: true,
  });
  /** @type {any} */
  const loaded = grpc.loadPackageDefinition(packageDefinition);
  const service = loaded.tfplugin6.Provider.service;

  // Encode each schema response once and serve the bytes (keyed by the current view file).
  /** @type {{ key: string, bytes: Buffer } | undefined} */
  let encoded;
  const originalSerialize = service.GetProviderSchema.responseSerialize;
  const patchedService = {
    ...service,
    GetProviderSchema: {
      ...service.GetProviderSchema,
      /** @param {any} value */
      responseSerialize: (value) => (Buffer.isBuffer(value) ? value : originalSerialize(value)),
    },
  };
  const schemaResponse = () => {
    let key = '';
    if (args.view) {
      try {
        key = fs.readFileSync(args.view, 'utf8');
      } catch {
        key = '';
      }
    }
    if (!encoded || encoded.key !== key) {
      const served = schemaView(schema, key ? JSON.parse(key) : undefined);
      encoded = {
        key,
        bytes: originalSerialize({
          provider: { version: 0, block: protoBlock(served.provider) },
          resource_schemas: protoSchemas(served.resources, schema.resourceVersions),
          data_source_schemas: protoSchemas(served.dataSources),
          diagnostics: [],
          server_capabilities: { plan_destroy: false, get_provider_schema_optional: true },
        }),
      };
    }
    return encoded.bytes;
  };

  /**
   * @param {(req: any) => any} fn
   * @returns {(call: any, callback: (err: any, res?: any) => void) => void}
   */
  const unary = (fn) => (call, callback) => {
    lastActivity = Date.now();
    try {
      callback(null, fn(call.request));
    } catch (err) {
      const message = err instanceof Error ? err.stack || err.message : String(err);
      process.stderr.write(`terraform-offline server error: ${message}\n`);
      callback({ code: grpc.status.INTERNAL, details: message });
    }
  };

  /** @param {Record<string, Block>} blocks @param {string} kind */
  const validate = (blocks, kind) => (/** @type {any} */ req) => {
    const block = blocks[req.type_name];
    if (!block) {
      return { diagnostics: [errorDiag(`Unsupported ${kind} type`, `${schema.address} has no ${kind} type "${req.type_name}".`)] };
    }
    /** @type {Diagnostic[]} */
    const diags = [];
    const config = decodeDynamic(req.config);
    checkBlock(config, block, [], diags, req.type_name);
    if (kind === 'resource') {
      diags.push(...runChecks(req.type_name, config, isUnknown));
      if (req.type_name === 'kubernetes_manifest' && config && typeof config === 'object') {
        const manifest = isUnknown(config.manifest) ? undefined : unwrapDynamic(config.manifest);
        diags.push(...validateManifestConfig({ ...config, manifest }, isUnknown));
      }
    }
    return { diagnostics: diags };
  };

  // The "cluster" kubernetes_manifest resources are planned against: built-in kinds plus the
  // CRD files the current run names in its view file.
  /** @type {{ key: string, registry: import('./manifest').Registry } | undefined} */
  let registryCache;
  const registry = () => {
    let crds = [];
    try {
      crds = (args.view && JSON.parse(fs.readFileSync(args.view, 'utf8')).crds) || [];
    } catch {
      crds = [];
    }
    const key = JSON.stringify(crds);
    if (!registryCache || registryCache.key !== key) registryCache = { key, registry: buildRegistry(crds) };
    return registryCache.registry;
  };

  const server = new grpc.Server({
    'grpc.max_receive_message_length': 256 << 20,
    'grpc.max_send_message_length': 256 << 20,
  });
  server.addService(patchedService, {
    GetProviderSchema: unary(() => schemaResponse()),
    ValidateProviderConfig: unary((req) => {
      /** @type {Diagnostic[]} */
      const diags = [];
      checkBlock(decodeDynamic(req.config), schema.provider, [], diags, 'provider');
      return { diagnostics: diags };
    }),
    ValidateResourceConfig: unary(validate(schema.resources, 'resource')),
    ValidateDataResourceConfig: unary(validate(schema.dataSources, 'data source')),
    ConfigureProvider: unary(() => ({ diagnostics: [] })),
    ReadResource: unary((req) => ({ new_state: req.current_state, diagnostics: [], private: req.private })),
    PlanResourceChange: unary((req) => {
      const block = schema.resources[req.type_name];
      if (!block) {
        return { diagnostics: [errorDiag('Unsupported resource type', `${schema.address} has no resource type "${req.type_name}".`)] };
      }
      const proposed = decodeDynamic(req.proposed_new_state);
      if (proposed === null) return { planned_state: req.proposed_new_state, requires_replace: [], diagnostics: [] };
      if (req.type_name === 'kubernetes_manifest') {
        const manifest = unwrapDynamic(proposed.manifest);
        if (manifest) {
          const { diagnostics } = planManifest(manifest.value, registry(), isUnknown);
          if (diagnostics.some((d) => d.severity === 'ERROR')) return { diagnostics };
        }
      }
      fillBlock(proposed, block, () => UNKNOWN);
      return { planned_state: encodeDynamic(proposed), requires_replace: [], planned_private: Buffer.alloc(0), diagnostics: [] };
    }),
    ReadDataSource: unary((req) => {
      const block = schema.dataSources[req.type_name];
      if (!block) {
        return { diagnostics: [errorDiag('Unsupported data source type', `${schema.address} has no data source type "${req.type_name}".`)] };
      }
      const config = decodeDynamic(req.config);
      fillBlock(config, block, (attr) => placeholder(attributeType(attr), attr.name, -1, 0));
      return { state: encodeDynamic(config), diagnostics: [] };
    }),
    UpgradeResourceState: unary((req) => ({ upgraded_state: { json: req.raw_state ? req.raw_state.json : Buffer.from('null') }, diagnostics: [] })),
    ApplyResourceChange: unary((req) => {
      const block = schema.resources[req.type_name];
      if (!block) {
        return { diagnostics: [errorDiag('Unsupported resource type', `${schema.address} has no resource type "${req.type_name}".`)] };
      }
      const planned = decodeDynamic(req.planned_state);
      if (planned === null) return { new_state: req.planned_state, private: Buffer.alloc(0), diagnostics: [] };
      resolveUnknowns(planned, block);
      return { new_state: encodeDynamic(planned), private: Buffer.alloc(0), diagnostics: [] };
    }),
    GetFunctions: unary(() => ({ functions: {}, diagnostics: [] })),
    StopProvider: unary(() => ({})),
  });

  const shutdown = () => {
    server.forceShutdown();
    try {
      fs.unlinkSync(args.socket);
    } catch {
      // already gone
    }
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.stdin.on('end', shutdown);
  process.stdin.on('error', shutdown);
  process.stdin.resume();
  // Safety net against orphans: exit after --idle-exit-ms without any RPC or view update.
  const idleExit = Number(args['idle-exit-ms'] || 15 * 60 * 1000);
  const idleCheck = () => {
    let viewTouched = 0;
    try {
      if (args.view) viewTouched = fs.statSync(args.view).mtimeMs;
    } catch {
      viewTouched = 0;
    }
    if (Date.now() - Math.max(lastActivity, viewTouched) > idleExit) shutdown();
  };
  setInterval(idleCheck, Math.min(idleExit, 30_000)).unref();

  server.bindAsync(`unix:${args.socket}`, grpc.ServerCredentials.createInsecure(), (err) => {
    if (err) fatal(new Error(`cannot listen on ${args.socket}: ${err.message}`));
    if (args.ready) fs.writeFileSync(args.ready, String(process.pid));
  });
}

main();
