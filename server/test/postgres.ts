import { randomBytes } from 'node:crypto';

// Where integration tests find PostgreSQL: TEST_DATABASE_URL names a server and a database to connect to for
// administration; every test file gets its own database created from a migrated template.
export function postgresTestConfig() {
  const raw = process.env.TEST_DATABASE_URL;
  if (!raw) return null;
  const adminUrl = new URL(raw);
  return {
    adminUrl: raw,
    // Unique per run, so that two runs on one server (a developer's and CI's, or parallel checkouts) never share one.
    templateName: `weft_template_${process.pid}`,
    /** A test file's own database: named after the run (the template's pid) so cleanup knows whose it is. */
    databaseName(template: string) {
      return `weft_t_${runPidOf(template)}_${randomBytes(6).toString('hex')}`;
    },
    urlFor(database: string) {
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      return url.toString();
    },
  };
}

/**
 * The pid of the test run that created a database named by postgresTestConfig (`weft_template_<pid>` or
 * `weft_t_<pid>_<hex>`), or null for any other name, such as the older `weft_t_<hex>` whose hex may start with digits.
 */
export function runPidOf(database: string): number | null {
  const match = /^weft_(?:template_(\d+)$|t_(\d+)_[0-9a-f]+$)/.exec(database);
  return match ? Number(match[1] ?? match[2]) : null;
}
