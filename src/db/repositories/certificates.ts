import type { Insertable } from 'kysely';
import type { Scope } from '../../domain/auth/permissions.ts';
import type { Db, Tx } from '../../usecases/context.ts';
import type { CertificateRevocationTable, CertificateTable } from '../types.ts';
import { insertOnce } from './insertOnce.ts';
import { paged, type Page } from './paged.ts';

/** A certificate with its holder's masked ID number, class and revocation. */
export function certQuery(db: Db) {
  return db
    .selectFrom('certificates as c')
    .innerJoin('workers as w', 'w.id', 'c.worker_id')
    .leftJoin('training_classes as k', 'k.id', 'c.class_id')
    .leftJoin('certificate_revocations as r', 'r.certificate_id', 'c.id')
    .select([
      'c.id',
      'c.number',
      'c.type',
      'c.claims',
      'c.issued_on',
      'c.verify_token',
      'c.worker_id',
      'c.issuer_org_id',
      'c.class_id',
      'c.jws',
      'c.kid',
      'w.id_masked',
      'k.name as class_name',
      'k.unit_code',
      'k.org_id as runner_org_id',
      'r.reason as revoked_reason',
      'r.at as revoked_at',
    ]);
}
export type CertRow = Awaited<ReturnType<ReturnType<typeof certQuery>['executeTakeFirstOrThrow']>>;

/** The number's revocation, for the verification of a credential someone holds (looked up by its verified number). */
export async function revocationByNumber(db: Db, number: string) {
  return db
    .selectFrom('certificates as c')
    .innerJoin('certificate_revocations as r', 'r.certificate_id', 'c.id')
    .select(['r.reason', 'r.at'])
    .where('c.number', '=', number)
    .executeTakeFirst();
}

export async function findCertificate(db: Db, id: string): Promise<CertRow | undefined> {
  return certQuery(db).where('c.id', '=', id).executeTakeFirst();
}

/** By its number, as printed (callers normalise: trimmed, upper case). */
export async function findCertificateByNumber(db: Db, number: string): Promise<CertRow | undefined> {
  return certQuery(db).where('c.number', '=', number).executeTakeFirst();
}

/** By the token of its verification URL. */
export async function findCertificateByToken(db: Db, token: string): Promise<CertRow | undefined> {
  return certQuery(db).where('c.verify_token', '=', token).executeTakeFirst();
}

export type CertificateFilter = { q?: string; classId?: string; status?: 'valid' | 'revoked'; page: number; pageSize: number };

/**
 * Certificates visible in `scope` (city → all; a unit → its classes'; an organisation → those it issued or whose
 * class it ran; a worker → their own), newest first; `q` is an exact number or holder name.
 */
export async function listCertificates(db: Db, scope: Scope, f: CertificateFilter): Promise<Page<CertRow>> {
  let query = certQuery(db);
  switch (scope.kind) {
    case 'city':
      break;
    case 'unit':
      query = query.where('k.unit_code', '=', scope.unitCode);
      break;
    case 'organisation':
      query = query.where((eb) => eb.or([eb('c.issuer_org_id', '=', scope.orgId), eb('k.org_id', '=', scope.orgId)]));
      break;
    case 'worker':
      query = query.where('c.worker_id', '=', scope.workerId);
      break;
    default:
      return { items: [], total: 0 };
  }
  if (f.classId) query = query.where('c.class_id', '=', f.classId);
  if (f.status === 'revoked') query = query.where('r.certificate_id', 'is not', null);
  if (f.status === 'valid') query = query.where('r.certificate_id', 'is', null);
  if (f.q?.trim()) {
    const text = f.q.trim();
    query = query.where((eb) => eb.or([eb('c.number', '=', text.toUpperCase()), eb('w.name', '=', text)]));
  }
  return paged(query, (q) => q.orderBy('c.issued_at', 'desc').orderBy('c.number'), f);
}

export async function insertCertificate(trx: Tx, row: Insertable<CertificateTable>): Promise<void> {
  await trx.insertInto('certificates').values(row).execute();
}

/** Revokes a certificate; false when it was revoked already. */
export async function recordRevocation(trx: Tx, row: Insertable<CertificateRevocationTable>): Promise<boolean> {
  return insertOnce(trx, 'certificate_revocations', row);
}

/** The people a certificate is issued to, with the sealed ID number the credential's holder hash is made from. */
export async function listCertificateHolders(db: Db, workerIds: readonly string[]): Promise<{ id: string; name: string; id_cipher: Buffer; id_masked: string }[]> {
  if (workerIds.length === 0) return [];
  return db.selectFrom('workers').select(['id', 'name', 'id_cipher', 'id_masked']).where('id', 'in', workerIds).execute();
}
