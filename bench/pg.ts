/**
 * A PostgreSQL schema of its own for a benchmark run or a test file, dropped and
 * recreated, and a URL whose connections use it (so runs never mix with other data).
 */
import pg from 'pg';

export async function freshSchema(url: string, schema: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
