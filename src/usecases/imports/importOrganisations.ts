import { randomUUID } from 'node:crypto';
import { scopeOf } from '../../domain/auth/permissions.ts';
import { ENTERPRISE_COLUMNS, INSTITUTION_COLUMNS, validateOrgRow } from '../../domain/registry/orgRow.ts';
import type { NormalizedEnterprise, NormalizedInstitution } from '../../domain/registry/organisation.ts';
import { stageProblems } from '../../db/repositories/importStaging.ts';
import { createOrgStaging, stagedOrgs, stageOrgs, type StagedOrg } from '../../db/repositories/orgImport.ts';
import { findOrgByCreditCode, saveOrganisation } from '../../db/repositories/organisations.ts';
import { listOccupationCodes } from '../../db/repositories/reference.ts';
import type { PiiCipher } from '../../security/pii.ts';
import type { Clock, Db, RequestContext } from '../context.ts';
import { maskContactPhone } from '../organisations.ts';
import { runImport, zh, type ImportInput, type ImportPlan, type ImportResult } from './runImport.ts';

type Contact = { name: string; phoneCipher: string; phoneMasked: string };
type Payload = (NormalizedInstitution | NormalizedEnterprise) & { encryptedContacts: Contact[] };

/**
 * Import the institution or enterprise roster (a few hundred rows at most): validated like the form,
 * contact phones encrypted before staging; settled row by row in file order — a credit code twice in
 * the file, registered under another name, or naming an unknown occupation is a problem for that row;
 * the same organisation already registered is unchanged.
 */
export function makeImportOrganisations(kind: 'institution' | 'enterprise', deps: { db: Db; clock: Clock; pii: PiiCipher; dataDir: string }) {
  const columns = kind === 'institution' ? INSTITUTION_COLUMNS : ENTERPRISE_COLUMNS;
  const nameColumn = kind === 'institution' ? '机构名称' : '企业名称';
  const plan: ImportPlan<StagedOrg> = {
    kind: kind === 'institution' ? 'institutions' : 'enterprises',
    columns: columns.map((c) => c.header),
    required: columns.filter((c) => c.required).map((c) => c.header),
    createStaging: createOrgStaging,
    check(row, { actor }) {
      const r = validateOrgRow(kind, row.values);
      if (!r.ok) return { problems: r.problems.map((p) => ({ field: p.field, reason: zh(p.code, p.params) })) };
      const scope = scopeOf(actor);
      if (scope.kind === 'unit' && r.value.unitCode !== scope.unitCode) return { problems: [{ field: '县区代码', reason: zh('WORKER_OUT_OF_SCOPE', { unit: actor.unitCode ?? '' }) }] };
      const { contacts, ...rest } = r.value;
      const payload: Omit<Payload, 'contacts'> & { contacts: [] } = {
        ...rest,
        contacts: [],
        encryptedContacts: contacts.map((c) => ({ name: c.name, phoneCipher: deps.pii.encrypt(c.phone).toString('base64'), phoneMasked: maskContactPhone(c.phone) })),
      };
      return { good: { rowNumber: row.rowNumber, creditCode: r.value.creditCode, name: r.value.name, payload: JSON.stringify(payload), values: row.values } };
    },
    stage: stageOrgs,
    async settle(trx, { now }) {
      const occupations = await listOccupationCodes(trx);
      const seen = new Map<string, number>();
      let stored = 0;
      let unchanged = 0;
      for await (const r of stagedOrgs(trx)) {
        const values = JSON.parse(r.cells) as Record<string, string>;
        const reject = (field: string, reason: string) => stageProblems(trx, [{ rowNumber: r.rowNumber, field, reason, values }]);
        const first = seen.get(r.creditCode);
        if (first !== undefined) {
          await reject('统一社会信用代码', zh('ORG_DUPLICATE_IN_FILE', { row: first }));
          continue;
        }
        seen.set(r.creditCode, r.rowNumber);
        const existing = await findOrgByCreditCode(trx, r.creditCode);
        if (existing) {
          if (existing.name === r.name && existing.kind === kind) unchanged++;
          else await reject(nameColumn, zh('ORG_CONFLICTS_STORED'));
          continue;
        }
        const v = JSON.parse(r.payload) as Payload;
        const unknown = v.kind === 'institution' ? v.licensedOccupations.find((l) => !occupations.has(l.occupationCode)) : undefined;
        if (unknown) {
          await reject('许可职业（工种）', zh('ORG_OCCUPATION_CODE_INVALID', { value: unknown.occupationCode }));
          continue;
        }
        const contacts = v.encryptedContacts.map((c) => ({ name: c.name, phoneCipher: Buffer.from(c.phoneCipher, 'base64'), phoneMasked: c.phoneMasked }));
        await saveOrganisation(trx, randomUUID(), v, contacts, now, 'insert');
        stored++;
      }
      return { stored, unchanged, categoriesAdded: 0 };
    },
  };
  return (ctx: RequestContext, input: ImportInput): Promise<ImportResult> => runImport(deps, ctx, input, plan);
}
