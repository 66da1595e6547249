// The `files` table and the objects it describes. An object is uploaded before its row is written
// and deleted after its row is gone, so a row never names a missing object; when the row cannot
// be written, the object is deleted again.
import { and, eq } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { type FileKind, type FileVisibility, files } from '../../db/schema.ts';
import { newObjectKey, type ObjectStore } from './s3Service.ts';

export interface FileRecord {
  id: string;
  tenantId: string;
  kind: FileKind;
  key: string;
  contentType: string;
  size: number;
  visibility: FileVisibility;
  createdAt: Date;
}

const recordColumns = {
  id: files.id,
  tenantId: files.tenantId,
  kind: files.kind,
  key: files.key,
  contentType: files.contentType,
  size: files.size,
  visibility: files.visibility,
  createdAt: files.createdAt,
};

export interface NewObject {
  tenantId: string;
  kind: FileKind;
  visibility: FileVisibility;
  data: Buffer;
  contentType: string;
  extension: string;
  createdBy: string | null;
}

type Logger = { error(object: object, message: string): void };

/**
 * Uploads an object, then runs `record` in one tenant transaction with a function that inserts
 * its row. If the transaction fails, the object is deleted; the keys `record` returns as obsolete
 * (rows it removed, or this object itself when it decided not to keep it) are deleted after commit.
 */
export async function storeObject<T>(
  deps: { db: Database; store: ObjectStore; log: Logger },
  object: NewObject,
  record: (tx: Tx, insertRow: () => Promise<FileRecord>, key: string) => Promise<{ result: T; obsoleteKeys: string[] }>,
): Promise<T> {
  const key = newObjectKey({ tenantId: object.tenantId, kind: object.kind, extension: object.extension });
  await deps.store.put(key, object.data, object.contentType);
  let outcome: { result: T; obsoleteKeys: string[] };
  try {
    outcome = await deps.db.withTenant(object.tenantId, (tx) =>
      record(
        tx,
        async () => {
          const [row] = await tx
            .insert(files)
            .values({
              tenantId: object.tenantId,
              kind: object.kind,
              key,
              contentType: object.contentType,
              size: object.data.length,
              visibility: object.visibility,
              createdBy: object.createdBy,
            })
            .returning(recordColumns);
          if (!row) throw new Error('storeObject: insert returned no row');
          return row;
        },
        key,
      ),
    );
  } catch (error) {
    await deleteObjects(deps, [key]);
    throw error;
  }
  await deleteObjects(deps, outcome.obsoleteKeys);
  return outcome.result;
}

/**
 * A document that belongs to one row (a lead's estimate, an invoice), made on first need and kept:
 * `render` makes it, `current` reads the row's file id under a row lock, and `attach` points the
 * row at the new file. Two first requests at once render twice; the second's file is dropped.
 */
export async function storeOnce(
  deps: { db: Database; store: ObjectStore; log: Logger },
  options: {
    object: Omit<NewObject, 'data'>;
    current: (tx: Tx) => Promise<string | null>;
    render: () => Promise<Buffer>;
    attach: (tx: Tx, fileId: string) => Promise<unknown>;
  },
): Promise<FileRecord> {
  const { tenantId } = options.object;
  const known = await deps.db.withTenant(tenantId, async (tx) => {
    const fileId = await options.current(tx);
    return fileId ? findFile(tx, { tenantId, fileId }) : null;
  });
  if (known) return known;
  const data = await options.render();
  return storeObject(deps, { ...options.object, data }, async (tx, insertRow, key) => {
    const fileId = await options.current(tx);
    const existing = fileId ? await findFile(tx, { tenantId, fileId }) : null;
    if (existing) return { result: existing, obsoleteKeys: [key] };
    const inserted = await insertRow();
    await options.attach(tx, inserted.id);
    return { result: inserted, obsoleteKeys: [] };
  });
}

/** A stored object's body, read whole: small documents only (PDFs, images). */
export async function bytesOf(body: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Deletes objects whose rows are gone. A failure is logged, not thrown: the change it follows stands. */
export async function deleteObjects(deps: { store: ObjectStore; log: Logger }, keys: string[]): Promise<void> {
  for (const key of keys) {
    await deps.store.delete(key).catch((error: unknown) => {
      deps.log.error({ err: error, key }, 'could not delete a stored object; it is left behind');
    });
  }
}

/** Removes a file's row and returns its key, for `deleteObjects` once the transaction commits. */
export async function deleteFileRow(tx: Tx, options: { tenantId: string; fileId: string }): Promise<string | null> {
  const [removed] = await tx
    .delete(files)
    .where(and(eq(files.tenantId, options.tenantId), eq(files.id, options.fileId)))
    .returning({ key: files.key });
  return removed?.key ?? null;
}

export async function findFile(tx: Tx, options: { tenantId: string; fileId: string }): Promise<FileRecord | null> {
  const [file] = await tx
    .select(recordColumns)
    .from(files)
    .where(and(eq(files.tenantId, options.tenantId), eq(files.id, options.fileId)))
    .limit(1);
  return file ?? null;
}

/** A public file by its key; the tenant is part of the key, and is checked against the row. */
export async function findPublicFile(tx: Tx, options: { tenantId: string; key: string }): Promise<FileRecord | null> {
  const [file] = await tx
    .select(recordColumns)
    .from(files)
    .where(and(eq(files.tenantId, options.tenantId), eq(files.key, options.key), eq(files.visibility, 'public')))
    .limit(1);
  return file ?? null;
}
