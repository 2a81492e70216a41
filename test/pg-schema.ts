/**
 * Test isolation on a shared PostgreSQL database: each test file gets its own schema
 * (test files run in parallel). The helper is the benchmark's.
 */
export { freshSchema } from '../bench/pg.js';
