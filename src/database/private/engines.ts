import { Fn, Token } from 'cdktf';
import { DatabaseEngineType } from '../engine';
import { DatabaseStorageType } from '../storage';

/** One database parameter, as rendered into a parameter group. */
export interface EngineParameter {
  readonly name: string;
  readonly value: string;
}

/** What this library knows about one engine. */
export interface EngineTraits {
  /** The engine as Terraform's `engine` argument spells it (`postgres`, `aurora-mysql`). */
  readonly engine: string;
  /** The engine's default port. */
  readonly port: number;
  /** Whether the engine is Aurora (a cluster with shared storage). */
  readonly aurora: boolean;
  /** Whether the engine speaks the PostgreSQL protocol. */
  readonly postgres: boolean;
  /** Log types exported to CloudWatch Logs. */
  readonly logExports: string[];
  /** The parameter that refuses connections without TLS. */
  readonly tls: EngineParameter;
  /** Parameters that make the exported logs useful (slow query log, audit log). */
  readonly logging: EngineParameter[];
  /** The parameter group family prefix (`postgres`, `aurora-mysql`). */
  readonly familyPrefix: string;
  /** Major versions whose parameter group family this library can derive. */
  readonly majors: string[];
  /** Version syntax, with the family's major version in group 1. */
  readonly versionPattern: RegExp;
  /** An example version for error messages. */
  readonly exampleVersion: string;
  /** A readable name for error messages. */
  readonly displayName: string;
}

/** Each storage type as Terraform's `storage_type` spells it. */
export const STORAGE_TYPES: Record<DatabaseStorageType, string> = {
  [DatabaseStorageType.GP3]: 'gp3',
  [DatabaseStorageType.IO1]: 'io1',
  [DatabaseStorageType.IO2]: 'io2',
  [DatabaseStorageType.AURORA_STANDARD]: 'aurora',
  [DatabaseStorageType.AURORA_IO_OPTIMIZED]: 'aurora-iopt1',
};

/** Bytes in a GiB. */
export const GIB = 1024 ** 3;

/** Schema changes and statements slower than 1 s go to the exported postgresql log (not every statement: logs hold no row data). */
const POSTGRES_LOGGING: EngineParameter[] = [
  { name: 'log_statement', value: 'ddl' },
  { name: 'log_min_duration_statement', value: '1000' },
];

const POSTGRES_MAJORS = ['11', '12', '13', '14', '15', '16', '17', '18'];

/** Traits of every engine. */
export const ENGINE_TRAITS: Record<DatabaseEngineType, EngineTraits> = {
  [DatabaseEngineType.POSTGRES]: {
    engine: 'postgres',
    port: 5432,
    aurora: false,
    postgres: true,
    logExports: ['postgresql', 'upgrade'],
    tls: { name: 'rds.force_ssl', value: '1' },
    logging: POSTGRES_LOGGING,
    familyPrefix: 'postgres',
    majors: POSTGRES_MAJORS,
    versionPattern: /^(\d+)(\.\d+)?$/,
    exampleVersion: '16.4',
    displayName: 'PostgreSQL',
  },
  [DatabaseEngineType.MYSQL]: {
    engine: 'mysql',
    port: 3306,
    aurora: false,
    postgres: false,
    logExports: ['error', 'slowquery'],
    // RDS for MySQL instance parameter groups take 0/1 for this boolean; Aurora cluster groups take ON/OFF.
    tls: { name: 'require_secure_transport', value: '1' },
    logging: [
      { name: 'slow_query_log', value: '1' },
      { name: 'log_output', value: 'FILE' },
    ],
    familyPrefix: 'mysql',
    majors: ['5.7', '8.0', '8.4'],
    versionPattern: /^(\d+\.\d+)(\.\d+)?$/,
    exampleVersion: '8.0.40',
    displayName: 'MySQL',
  },
  [DatabaseEngineType.AURORA_POSTGRESQL]: {
    engine: 'aurora-postgresql',
    port: 5432,
    aurora: true,
    postgres: true,
    logExports: ['postgresql'],
    tls: { name: 'rds.force_ssl', value: '1' },
    logging: POSTGRES_LOGGING,
    familyPrefix: 'aurora-postgresql',
    majors: POSTGRES_MAJORS.filter((m) => m !== '18'),
    versionPattern: /^(\d+)(\.\d+)?$/,
    exampleVersion: '16.4',
    displayName: 'Aurora PostgreSQL',
  },
  [DatabaseEngineType.AURORA_MYSQL]: {
    engine: 'aurora-mysql',
    port: 3306,
    aurora: true,
    postgres: false,
    logExports: ['audit', 'error', 'slowquery'],
    tls: { name: 'require_secure_transport', value: 'ON' },
    logging: [
      { name: 'server_audit_logging', value: '1' },
      { name: 'server_audit_events', value: 'CONNECT,QUERY_DCL,QUERY_DDL' },
      { name: 'slow_query_log', value: '1' },
      { name: 'log_output', value: 'FILE' },
    ],
    familyPrefix: 'aurora-mysql',
    majors: ['5.7', '8.0'],
    versionPattern: /^(\d+\.\d+)\.mysql_aurora\.\d+\.\d+(\.\d+)?$/,
    exampleVersion: '8.0.mysql_aurora.3.08.0',
    displayName: 'Aurora MySQL',
  },
};

/**
 * The parameter group family of an engine version (`postgres16`, `mysql8.0`, `aurora-mysql8.0`), or undefined
 * when the version cannot be mapped. A token version is mapped by Terraform at plan time.
 */
export function parameterGroupFamily(type: DatabaseEngineType, version: string): string | undefined {
  const traits = ENGINE_TRAITS[type];
  if (Token.isUnresolved(version)) {
    const parts = Fn.split('.', version);
    const major = traits.postgres ? Fn.element(parts, 0) : Fn.join('.', Fn.slice(parts, 0, 2));
    return Fn.join('', [traits.familyPrefix, major]);
  }
  const match = traits.versionPattern.exec(version);
  if (!match || !traits.majors.includes(match[1])) {
    return undefined;
  }
  return `${traits.familyPrefix}${match[1]}`;
}

/** The scheme a default `max_connections` follows, per engine. */
export function defaultMaxConnections(type: DatabaseEngineType, memoryBytes: number): number {
  const traits = ENGINE_TRAITS[type];
  if (traits.postgres) {
    // LEAST({DBInstanceClassMemory/9531392}, 5000)
    return Math.min(Math.floor(memoryBytes / 9_531_392), 5000);
  }
  if (!traits.aurora) {
    // {DBInstanceClassMemory/12582880}
    return Math.floor(memoryBytes / 12_582_880);
  }
  // Aurora MySQL's documented table: 1000 at 16 GiB and 1000 more per doubling; about 90 at 4 GiB.
  const gib = memoryBytes / GIB;
  return gib >= 16 ? Math.round(1000 * Math.log2(gib / 8)) : Math.max(1, Math.round(45 * Math.log((gib * 1024) / 768) + 15));
}


const T_CLASS_MEMORY_GIB: Record<string, number> = { 'micro': 1, 'small': 2, 'medium': 4, 'large': 8, 'xlarge': 16, '2xlarge': 32 };
const GIB_PER_VCPU: Record<string, number> = { m: 4, r: 8, x: 16 };
const INSTANCE_CLASS = /^db\.([a-z]+)(\d+)([a-z-]*)\.([0-9a-z]+)$/;

/** Whether `instanceClass` looks like an RDS instance class (`db.m7g.large`). */
export function isInstanceClass(instanceClass: string): boolean {
  return typeof instanceClass === 'string' && INSTANCE_CLASS.test(instanceClass);
}

/**
 * The memory of a DB instance class in bytes, for the families whose memory follows their size (t, m, r, x);
 * undefined for any other class.
 */
export function instanceClassMemory(instanceClass: string): number | undefined {
  const match = INSTANCE_CLASS.exec(instanceClass);
  if (!match) {
    return undefined;
  }
  const [, family, , , size] = match;
  if (family === 't') {
    const gib = T_CLASS_MEMORY_GIB[size];
    return gib === undefined ? undefined : gib * GIB;
  }
  const perVcpu = GIB_PER_VCPU[family];
  const vcpus = size === 'large' ? 2 : size === 'xlarge' ? 4 : /^\d+xlarge$/.test(size) ? 4 * Number(size.replace('xlarge', '')) : undefined;
  return perVcpu === undefined || vcpus === undefined ? undefined : perVcpu * vcpus * GIB;
}

/**
 * The minor versions each major can have on RDS: from the first minor RDS (or Aurora) offered, to the most the major
 * can ever get. A version outside the range can never exist there, so the database could never be created.
 *
 * Sources: "Amazon RDS for PostgreSQL updates" and "Aurora PostgreSQL release calendar" (AWS release notes: the first
 * minor of each major), "Amazon RDS for MySQL version numbers"; the upper bounds follow the projects' release policies:
 * a PostgreSQL major gets minor releases every three months for five years (postgresql.org/support/versioning; 11 and
 * 12 ended at .22, 13 at .23), MySQL 5.7 ended at 5.7.44, 8.0 is released quarterly until April 2026, 8.4 (LTS) until
 * 2032. Versions AWS has released since this library was built fall inside the bounds, so they are never refused.
 */
const MINOR_RANGES: Partial<Record<DatabaseEngineType, Record<string, [number, number]>>> = {
  [DatabaseEngineType.POSTGRES]: {
    11: [1, 22],
    12: [2, 22],
    13: [1, 23],
    14: [1, 25],
    15: [2, 25],
    16: [1, 25],
    17: [1, 25],
    18: [1, 25],
  },
  [DatabaseEngineType.AURORA_POSTGRESQL]: {
    11: [4, 22],
    12: [4, 22],
    13: [3, 23],
    14: [3, 25],
    15: [2, 25],
    16: [1, 25],
    17: [4, 25],
  },
  [DatabaseEngineType.MYSQL]: {
    '5.7': [16, 44],
    '8.0': [11, 50],
    '8.4': [3, 40],
  },
};

/**
 * Why `version` (with a minor version) cannot be a version of the engine on RDS, or undefined. A major version alone
 * (`'16'`, `'8.0'`) is always fine: RDS then picks its default minor.
 */
export function engineVersionProblem(type: DatabaseEngineType, version: string): string | undefined {
  const ranges = MINOR_RANGES[type];
  const traits = ENGINE_TRAITS[type];
  const match = traits.versionPattern.exec(version);
  if (ranges === undefined || !match || match[2] === undefined) {
    return undefined;
  }
  const major = match[1];
  const range = ranges[major];
  const minor = Number(match[2].slice(1));
  if (range === undefined || (minor >= range[0] && minor <= range[1])) {
    return undefined;
  }
  return minor < range[0]
    ? `${traits.displayName} ${major} starts at ${major}.${range[0]} on ${traits.aurora ? 'Aurora' : 'RDS'}`
    : `${traits.displayName} ${major} gets at most ${major}.${range[1]} (the project's release policy)`;
}
