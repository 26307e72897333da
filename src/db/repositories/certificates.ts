import type { Db } from '../../usecases/context.ts';

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
