import 'cdktf/lib/testing/adapters/jest';
import * as fc from 'fast-check';
import { DatabaseEngine, DatabaseEngineType, DatabaseRemovalPolicy, DatabaseStorageType, RemovalPolicy } from '../../src';
import { ENGINE_TRAITS, GIB, STORAGE_TYPES, defaultMaxConnections, instanceClassMemory, isInstanceClass, parameterGroupFamily } from '../../src/database/private/engines';
import { parseBackupWindow, parseMaintenanceWindow, windowsOverlap } from '../../src/database/private/windows';

describe('DatabaseEngine', () => {
  test('static factories set the Terraform engine, the version and the default port', () => {
    expect([DatabaseEngine.postgres('16.4'), DatabaseEngine.mysql('8.0.40'), DatabaseEngine.auroraPostgres('16.4'), DatabaseEngine.auroraMysql('8.0.mysql_aurora.3.08.0')]
      .map((e) => [e.engineType, e.version, e.defaultPort, e.isAurora])).toEqual([
      [DatabaseEngineType.POSTGRES, '16.4', 5432, false],
      [DatabaseEngineType.MYSQL, '8.0.40', 3306, false],
      [DatabaseEngineType.AURORA_POSTGRESQL, '16.4', 5432, true],
      [DatabaseEngineType.AURORA_MYSQL, '8.0.mysql_aurora.3.08.0', 3306, true],
    ]);
  });
});

describe('enum values', () => {
  test('every value is its member name, so plain JavaScript passes the name', () => {
    for (const e of [DatabaseEngineType, DatabaseStorageType, DatabaseRemovalPolicy, RemovalPolicy]) {
      expect(Object.entries(e).every(([name, value]) => name === value)).toBe(true);
    }
  });

  test('engines and storage types are mapped to Terraform\'s spelling explicitly', () => {
    expect(Object.values(DatabaseEngineType).map((t) => ENGINE_TRAITS[t].engine)).toEqual(['postgres', 'mysql', 'aurora-postgresql', 'aurora-mysql']);
    expect(Object.values(DatabaseStorageType).map((t) => STORAGE_TYPES[t])).toEqual(['gp3', 'io1', 'io2', 'aurora', 'aurora-iopt1']);
  });
});

describe('parameter group families', () => {
  test.each([
    [DatabaseEngineType.POSTGRES, '16.4', 'postgres16'],
    [DatabaseEngineType.POSTGRES, '17', 'postgres17'],
    [DatabaseEngineType.POSTGRES, '11.22', 'postgres11'],
    [DatabaseEngineType.MYSQL, '8.0.40', 'mysql8.0'],
    [DatabaseEngineType.MYSQL, '8.4', 'mysql8.4'],
    [DatabaseEngineType.MYSQL, '5.7.44', 'mysql5.7'],
    [DatabaseEngineType.AURORA_POSTGRESQL, '16.4', 'aurora-postgresql16'],
    [DatabaseEngineType.AURORA_MYSQL, '8.0.mysql_aurora.3.08.0', 'aurora-mysql8.0'],
    [DatabaseEngineType.AURORA_MYSQL, '5.7.mysql_aurora.2.12.3', 'aurora-mysql5.7'],
  ])('%s %s maps to %s', (type, version, family) => {
    expect(parameterGroupFamily(type, version)).toBe(family);
  });

  test.each([
    [DatabaseEngineType.POSTGRES, '10.21'],
    [DatabaseEngineType.POSTGRES, 'latest'],
    [DatabaseEngineType.POSTGRES, '16.4.1'],
    [DatabaseEngineType.MYSQL, '8'],
    [DatabaseEngineType.MYSQL, '9.1.0'],
    [DatabaseEngineType.AURORA_POSTGRESQL, '18.0'],
    [DatabaseEngineType.AURORA_MYSQL, '8.0.36'],
  ])('%s %s cannot be mapped', (type, version) => {
    expect(parameterGroupFamily(type, version)).toBeUndefined();
  });
});

describe('instance class memory and default max_connections', () => {
  test.each([
    ['db.t4g.micro', 1],
    ['db.t4g.medium', 4],
    ['db.t3.2xlarge', 32],
    ['db.m7g.large', 8],
    ['db.m6i.4xlarge', 64],
    ['db.r7g.large', 16],
    ['db.r6gd.16xlarge', 512],
    ['db.x2g.xlarge', 64],
  ])('%s has %d GiB', (instanceClass, gib) => {
    expect(instanceClassMemory(instanceClass)).toBe(gib * GIB);
  });

  test.each(['db.z1d.large', 'db.m5.metal', 'db.t4g.4xlarge', 'db.serverless', 'm7g.large'])('%s has no known memory', (instanceClass) => {
    expect(instanceClassMemory(instanceClass)).toBeUndefined();
  });

  test('instance class syntax', () => {
    expect(['db.m7g.large', 'db.r6gd.16xlarge', 'db.x2iedn.xlarge'].every(isInstanceClass)).toBe(true);
    expect(['m7g.large', 'db.m7g', 'DB.M7G.LARGE', 'db.serverless'].some(isInstanceClass)).toBe(false);
  });

  test('max_connections follows each engine\'s formula', () => {
    expect(defaultMaxConnections(DatabaseEngineType.POSTGRES, 8 * GIB)).toBe(901);
    expect(defaultMaxConnections(DatabaseEngineType.POSTGRES, 768 * GIB)).toBe(5000);
    expect(defaultMaxConnections(DatabaseEngineType.MYSQL, 8 * GIB)).toBe(682);
    expect(defaultMaxConnections(DatabaseEngineType.AURORA_MYSQL, 16 * GIB)).toBe(1000);
    expect(defaultMaxConnections(DatabaseEngineType.AURORA_MYSQL, 64 * GIB)).toBe(3000);
    expect(defaultMaxConnections(DatabaseEngineType.AURORA_MYSQL, 4 * GIB)).toBe(90);
  });

  test('property: more memory never means fewer connections', () => {
    const gib = fc.integer({ min: 1, max: 1024 });
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(DatabaseEngineType)), gib, gib, (t, x, y) => {
        const [small, large] = x <= y ? [x, y] : [y, x];
        expect(defaultMaxConnections(t, small * GIB)).toBeLessThanOrEqual(defaultMaxConnections(t, large * GIB));
      }),
    );
  });
});

describe('backup and maintenance windows', () => {
  test('parse, with lengths across midnight and the end of the week', () => {
    expect(parseBackupWindow('03:00-04:00')).toEqual({ start: 180, minutes: 60 });
    expect(parseBackupWindow('23:30-00:15')).toEqual({ start: 1410, minutes: 45 });
    expect(parseBackupWindow('24:00-01:00')).toBeUndefined();
    expect(parseMaintenanceWindow('mon:00:00-mon:00:30')).toEqual({ start: 0, minutes: 30 });
    expect(parseMaintenanceWindow('Sun:23:30-Mon:00:30')).toEqual({ start: 6 * 1440 + 1410, minutes: 60 });
    expect(parseMaintenanceWindow('sun:23:30')).toBeUndefined();
  });

  test('overlap', () => {
    const backup = parseBackupWindow('03:00-04:00')!;
    expect(windowsOverlap(backup, parseMaintenanceWindow('tue:03:59-tue:05:00')!)).toBe(true);
    expect(windowsOverlap(backup, parseMaintenanceWindow('tue:04:00-tue:05:00')!)).toBe(false);
    expect(windowsOverlap(backup, parseMaintenanceWindow('sat:02:00-sat:03:00')!)).toBe(false);
    expect(windowsOverlap(parseBackupWindow('23:30-00:30')!, parseMaintenanceWindow('sun:23:59-mon:00:29')!)).toBe(true);
  });
});
