import { checkEngineVersion } from './private/arguments';
import { brand } from '../core/private/brand';

/**
 * The relational engines a {@link ReplicatedDatabase} runs.
 */
export enum DatabaseEngineType {
  /** Amazon RDS for PostgreSQL (Terraform's `postgres`). */
  POSTGRES = 'POSTGRES',
  /** Amazon RDS for MySQL (Terraform's `mysql`). */
  MYSQL = 'MYSQL',
  /** Amazon Aurora PostgreSQL-Compatible Edition (Terraform's `aurora-postgresql`). */
  AURORA_POSTGRESQL = 'AURORA_POSTGRESQL',
  /** Amazon Aurora MySQL-Compatible Edition (Terraform's `aurora-mysql`). */
  AURORA_MYSQL = 'AURORA_MYSQL',
}

/**
 * A database engine and its version.
 *
 * ```ts
 * DatabaseEngine.postgres('16.4');
 * DatabaseEngine.auroraMysql('8.0.mysql_aurora.3.08.0');
 * ```
 *
 * Automatic minor version upgrades are on. Give only the major version (`'16'`, `'8.0'`) to let them happen
 * without Terraform reporting drift; a full version (`'16.4'`) is the version the database is created with,
 * and after AWS upgrades the minor version you update the declared version to match.
 */
export class DatabaseEngine {
  /** Amazon RDS for PostgreSQL, e.g. `'16.4'` or `'16'` (versions 11 to 18). */
  public static postgres(version: string): DatabaseEngine {
    checkEngineVersion('DatabaseEngine.postgres', version, '16.4');
    return new DatabaseEngine(DatabaseEngineType.POSTGRES, version);
  }

  /** Amazon RDS for MySQL, e.g. `'8.0.40'` or `'8.4'` (versions 5.7, 8.0 and 8.4). */
  public static mysql(version: string): DatabaseEngine {
    checkEngineVersion('DatabaseEngine.mysql', version, '8.0.40');
    return new DatabaseEngine(DatabaseEngineType.MYSQL, version);
  }

  /** Aurora PostgreSQL, e.g. `'16.4'` (versions 11 to 17). */
  public static auroraPostgres(version: string): DatabaseEngine {
    checkEngineVersion('DatabaseEngine.auroraPostgres', version, '16.4');
    return new DatabaseEngine(DatabaseEngineType.AURORA_POSTGRESQL, version);
  }

  /** Aurora MySQL, e.g. `'8.0.mysql_aurora.3.08.0'` (Aurora MySQL 2 and 3). */
  public static auroraMysql(version: string): DatabaseEngine {
    checkEngineVersion('DatabaseEngine.auroraMysql', version, '8.0.mysql_aurora.3.08.0');
    return new DatabaseEngine(DatabaseEngineType.AURORA_MYSQL, version);
  }

  /** Which engine this is. */
  public readonly engineType: DatabaseEngineType;
  /** The engine version, as given. */
  public readonly version: string;

  private constructor(engineType: DatabaseEngineType, version: string) {
    this.engineType = engineType;
    this.version = version;
    brand(this, 'DatabaseEngine');
  }

  /** Whether this is an Aurora engine (a cluster of instances over one shared, six-way replicated volume). */
  public get isAurora(): boolean {
    return this.engineType === DatabaseEngineType.AURORA_POSTGRESQL || this.engineType === DatabaseEngineType.AURORA_MYSQL;
  }

  /** The port the engine listens on unless told otherwise: 5432 for PostgreSQL, 3306 for MySQL. */
  public get defaultPort(): number {
    return this.engineType === DatabaseEngineType.POSTGRES || this.engineType === DatabaseEngineType.AURORA_POSTGRESQL ? 5432 : 3306;
  }
}
