// Runs once per test run: migrates a template database that every test file then copies, so
// migrations run once rather than per file. PGlite: a dump of a migrated database in a temp file.
// Postgres (DATABASE_URL set): a template database, copied by CREATE DATABASE … TEMPLATE.
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../src/db/pglite.ts';
import { connectPostgres } from '../../src/db/postgres.ts';
import { databaseUrlFor } from './database.ts';

export default async function setup(project: TestProject) {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const db = await openPglite();
    await db.migrate();
    const file = path.join(os.tmpdir(), `aimax-template-${process.pid}-${randomBytes(4).toString('hex')}.tar`);
    await writeFile(file, Buffer.from(await (await db.dump()).arrayBuffer()));
    await db.close();
    project.provide('databaseTemplate', { driver: 'pglite', file });
    return () => rm(file, { force: true });
  }

  const name = `aimax_template_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const db = connectPostgres({ url: databaseUrlFor(adminUrl, name), poolMax: 1 });
  await db.migrate();
  await db.close();
  project.provide('databaseTemplate', { driver: 'postgres', adminUrl, name });
  return async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
