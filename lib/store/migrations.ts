/**
 * Schema versions of the stored records and the steps between them (pattern: read-frog's
 * `migration-scripts/v00N-to-v00M.ts`). A step is a pure function over the raw entries, so that
 * each version's frozen example (`test-support/store/v00N.ts`) can be run through every later step.
 *
 * To change a record's shape: bump `CURRENT_SCHEMA_VERSION`, add `migration-scripts/v00N-to-v00M.ts`,
 * register it below, and freeze an example of the new version in `test-support/store/` next to the older ones.
 */
export const CURRENT_SCHEMA_VERSION = 1;

/** What a step changes; keys that it does not name are kept as they are. */
export interface MigrationResult {
  put: Array<[string, unknown]>;
  remove: string[];
}

export interface Migration {
  from: number;
  to: number;
  migrate(entries: ReadonlyMap<string, unknown>): MigrationResult;
}

/** Version 1 is the first stored shape: no step leads to it. */
export const MIGRATIONS: readonly Migration[] = [];

/** The steps from `from` to `to`, in order; throws when one is missing rather than skip it. */
export function migrationPath(from: number, to: number, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  const path: Migration[] = [];
  for (let version = from; version < to; version += 1) {
    const step = migrations.find((migration) => migration.from === version && migration.to === version + 1);
    if (!step) throw new Error(`No migration from schema version ${version} to ${version + 1}.`);
    path.push(step);
  }
  return path;
}

/** Runs the steps over a copy of the entries: what a database at `from` holds once at `to`. */
export function applyMigrations(entries: ReadonlyMap<string, unknown>, path: readonly Migration[]): Map<string, unknown> {
  const current = new Map(entries);
  for (const step of path) {
    const { put, remove } = step.migrate(current);
    for (const key of remove) current.delete(key);
    for (const [key, value] of put) current.set(key, value);
  }
  return current;
}
