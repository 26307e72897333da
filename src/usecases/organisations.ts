import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { can } from '../domain/auth/permissions.ts';
import { AppError, errorMessages, notFound, problemsError } from '../domain/errors.ts';
import { maskPhone } from '../domain/identity/idNumber.ts';

import {
  allowedStatusChanges,
  checkStatusChange,
  educationFundChecks,
  EnterpriseInput,
  InstitutionInput,
  ORG_STATUSES,
  validateOrganisation,
  type NormalizedEnterprise,
  type NormalizedInstitution,
  type OrgStatus,
} from '../domain/registry/organisation.ts';
import {
  findOrganisation,
  findOrgByCreditCode,
  listContacts,
  listEducationFunds,
  listLicences,
  listStatusHistory,
  recordOrgStatusChange,
  saveEducationFund,
  saveOrganisation,
  type EncryptedContact,
} from '../db/repositories/organisations.ts';
import { listOccupationCodes } from '../db/repositories/reference.ts';
import type { PiiCipher } from '../security/pii.ts';
import type { Clock, Db, RequestContext } from './context.ts';
import { requireActor } from './guards.ts';
import { presentOrganisation } from './registry.ts';
import { writeWithAudit } from './tx.ts';

type Deps = { db: Db; clock: Clock; pii: PiiCipher };

/** Mobiles as 138****5678; landlines keep the area code and the last 4 digits: 0359-***4567. */
export function maskContactPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return maskPhone(phone);
  const m = /^(0\d{2,3})-(\d+)(.*)$/.exec(phone);
  return m ? `${m[1]}-${'*'.repeat(Math.max(0, m[2]!.length - 4))}${m[2]!.slice(-4)}` : '****';
}

const orgResource = (o: { id: string; unit_code: string }) => ({ unitCode: o.unit_code, orgId: o.id });

/** One institution or enterprise with its contacts, licences, status history and §13 figures. */
export function makeGetOrganisation(deps: { db: Db }) {
  return async function getOrganisation(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx, 'org.read');
    const o = await findOrganisation(deps.db, id);
    if (!o || !can(actor, 'org.read', orgResource(o))) throw notFound();
    const [contacts, licences, history, funds] = await Promise.all([
      listContacts(deps.db, id),
      listLicences(deps.db, id),
      listStatusHistory(deps.db, id),
      o.kind === 'enterprise' ? listEducationFunds(deps.db, id) : Promise.resolve([]),
    ]);
    const byOccupation = new Map<string, { occupationCode: string; occupationName: string; levels: string[] }>();
    for (const l of licences) {
      const entry = byOccupation.get(l.occupation_code) ?? { occupationCode: l.occupation_code, occupationName: l.occupation_name, levels: [] };
      entry.levels.push(l.level_code);
      byOccupation.set(l.occupation_code, entry);
    }
    const mayStatus = can(actor, 'org.status', orgResource(o));
    return {
      ...presentOrganisation(o),
      contacts: contacts.map((c) => ({ name: c.name, phoneMasked: c.phone_masked })),
      employees: o.employees,
      capacity: o.capacity,
      licences: [...byOccupation.values()],
      statusHistory: history.map((h) => ({
        fromStatus: h.from_status,
        toStatus: h.to_status,
        reason: h.reason,
        decisionRef: h.decision_ref,
        effectiveDate: h.effective_date,
        at: new Date(h.at).toISOString(),
        actorName: h.actor_name,
      })),
      educationFunds: funds.map((f) => {
        const checked = educationFundChecks({ payrollFen: f.payroll_fen, educationFundFen: f.education_fund_fen, frontLineFen: f.front_line_fen });
        return {
          year: f.year,
          payrollFen: f.payroll_fen,
          educationFundFen: f.education_fund_fen,
          frontLineFen: f.front_line_fen,
          warnings: checked.ok ? checked.warnings.map((w) => ({ code: w.code, message: errorMessages(w.code, w.params) })) : [],
        };
      }),
      allowedStatusChanges: mayStatus
        ? allowedStatusChanges(o.status, actor.role, { org: { kind: o.kind, unitCode: o.unit_code }, actorUnitCode: actor.unitCode }).map((t) => ({ to: t.to, description: t.description }))
        : [],
      canEdit: can(actor, 'org.write', orgResource(o)),
      canReportFunds: o.kind === 'enterprise' && (can(actor, 'enterprise.fund.report', orgResource(o)) || can(actor, 'org.write', orgResource(o))),
    };
  };
}

export const CreateOrganisationInput = z.discriminatedUnion('kind', [
  InstitutionInput.extend({ kind: z.literal('institution') }),
  EnterpriseInput.extend({ kind: z.literal('enterprise') }),
]);
export type CreateOrganisationInput = z.infer<typeof CreateOrganisationInput>;

function validated(input: CreateOrganisationInput): NormalizedInstitution | NormalizedEnterprise {
  const { kind, ...rest } = input;
  const r = kind === 'institution' ? validateOrganisation('institution', rest) : validateOrganisation('enterprise', rest);
  if (!r.ok) throw problemsError(r.problems);
  return r.value;
}

function encryptContacts(pii: PiiCipher, v: NormalizedInstitution | NormalizedEnterprise): EncryptedContact[] {
  return v.contacts.map((c) => ({ name: c.name, phoneCipher: pii.encrypt(c.phone), phoneMasked: maskContactPhone(c.phone) }));
}

async function assertOccupationsKnown(db: Db, v: NormalizedInstitution | NormalizedEnterprise) {
  if (v.kind !== 'institution' || v.licensedOccupations.length === 0) return;
  const codes = v.licensedOccupations.map((l) => l.occupationCode);
  const known = await listOccupationCodes(db, { among: codes });
  const missing = codes.findIndex((c) => !known.has(c));
  if (missing >= 0) throw new AppError('ORG_OCCUPATION_CODE_INVALID', { value: codes[missing]! }, `licensedOccupations.${missing}.occupationCode`);
}

/** Register an institution or enterprise (city office; a county office within its unit). */
export function makeCreateOrganisation(deps: Deps) {
  return async function createOrganisation(ctx: RequestContext, input: CreateOrganisationInput): Promise<{ id: string }> {
    const actor = requireActor(ctx, 'org.write');
    const v = validated(input);
    if (!can(actor, 'org.write', { unitCode: v.unitCode })) throw new AppError('WORKER_OUT_OF_SCOPE', { unit: actor.unitCode ?? '' }, 'unitCode');
    if (await findOrgByCreditCode(deps.db, v.creditCode)) throw new AppError('ORG_ALREADY_REGISTERED', {}, 'creditCode');
    await assertOccupationsKnown(deps.db, v);
    const id = randomUUID();
    await writeWithAudit(deps, ctx, async (trx, now) => {
      await saveOrganisation(trx, id, v, encryptContacts(deps.pii, v), now, 'insert');
      return { result: undefined, audit: { action: 'org.create', targetType: 'organisation', targetId: id, summary: { after: { kind: v.kind, name: v.name, creditCode: v.creditCode, unitCode: v.unitCode } } } };
    });
    return { id };
  };
}

/** Edit an organisation's details; its identity (credit code) and status change only through their own paths. */
export function makeUpdateOrganisation(deps: Deps) {
  return async function updateOrganisation(ctx: RequestContext, id: string, input: CreateOrganisationInput): Promise<void> {
    const actor = requireActor(ctx, 'org.write');
    const before = await findOrganisation(deps.db, id);
    if (!before || !can(actor, 'org.write', orgResource(before))) throw notFound();
    if (before.kind !== input.kind) throw new AppError('ORG_KIND_INVALID', { value: input.kind }, 'kind');
    const v = validated(input);
    if (v.creditCode !== before.credit_code) throw new AppError('ORG_CREDIT_CODE_FIXED', {}, 'creditCode');
    if (!can(actor, 'org.write', { unitCode: v.unitCode })) throw new AppError('WORKER_OUT_OF_SCOPE', { unit: actor.unitCode ?? '' }, 'unitCode');
    await assertOccupationsKnown(deps.db, v);
    await writeWithAudit(deps, ctx, async (trx, now) => {
      await saveOrganisation(trx, id, v, encryptContacts(deps.pii, v), now, 'update');
      return {
        result: undefined,
        audit: {
          action: 'org.update',
          targetType: 'organisation',
          targetId: id,
          summary: { before: { name: before.name, unitCode: before.unit_code, capacity: before.capacity, employees: before.employees }, after: { name: v.name, unitCode: v.unitCode } },
        },
      };
    });
  };
}

export const StatusChangeBody = z.strictObject({
  to: z.enum(ORG_STATUSES),
  reason: z.string().trim().max(500),
  decisionRef: z.string().trim().max(100).describe('决定文号, e.g. 运人社字〔2020〕12号'),
  effectiveDate: z.string().describe('YYYY-MM-DD'),
});

/**
 * Suspend, blacklist or reinstate (§17), by the transition table in the domain. The change is a row of
 * organisation_status_changes that is never updated; the organisation's current status follows it.
 */
export function makeChangeOrganisationStatus(deps: Deps) {
  return async function changeStatus(ctx: RequestContext, id: string, input: z.infer<typeof StatusChangeBody>): Promise<void> {
    const actor = requireActor(ctx, 'org.status');
    const o = await findOrganisation(deps.db, id);
    if (!o || !can(actor, 'org.read', orgResource(o))) throw notFound();
    const checked = checkStatusChange(o.status, input.to as OrgStatus, actor.role, {
      ...input,
      org: { kind: o.kind, unitCode: o.unit_code },
      actorUnitCode: actor.unitCode,
    });
    if (!checked.ok) throw problemsError(checked.problems);
    await writeWithAudit(deps, ctx, async (trx, now) => {
      await recordOrgStatusChange(trx, { id: randomUUID(), orgId: id, from: o.status, to: input.to, reason: input.reason, decisionRef: input.decisionRef, effectiveDate: input.effectiveDate, actorId: actor.id, at: now });
      return {
        result: undefined,
        audit: {
          action: `org.status.${input.to}`,
          targetType: 'organisation',
          targetId: id,
          summary: { before: { status: o.status }, after: { status: input.to }, reason: input.reason, decisionRef: input.decisionRef, effectiveDate: input.effectiveDate, clause: checked.transition.clause },
        },
      };
    });
  };
}

export const EducationFundBody = z.strictObject({
  payrollFen: z.number().int().min(0).describe('工资薪金总额, fen'),
  educationFundFen: z.number().int().min(0).describe('职工教育经费, fen'),
  frontLineFen: z.number().int().min(0).describe('其中用于一线职工, fen'),
});

/** §13: an enterprise reports its yearly figures (or an official for it); the ratios come back as warnings. */
export function makeReportEducationFund(deps: Deps) {
  return async function reportEducationFund(ctx: RequestContext, id: string, year: number, input: z.infer<typeof EducationFundBody>) {
    const actor = requireActor(ctx, 'org.read');
    const o = await findOrganisation(deps.db, id);
    if (!o || !can(actor, 'org.read', orgResource(o))) throw notFound();
    if (o.kind !== 'enterprise' || !(can(actor, 'enterprise.fund.report', orgResource(o)) || can(actor, 'org.write', orgResource(o)))) throw new AppError('FORBIDDEN');
    const checked = educationFundChecks(input);
    if (!checked.ok) throw problemsError(checked.problems);
    const before = (await listEducationFunds(deps.db, id)).find((f) => f.year === year);
    await writeWithAudit(deps, ctx, async (trx, now) => {
      await saveEducationFund(trx, id, year, input, now);
      return {
        result: undefined,
        audit: {
          action: 'enterprise.education_fund',
          targetType: 'organisation',
          targetId: id,
          summary: {
            year,
            before: before ? { payrollFen: before.payroll_fen, educationFundFen: before.education_fund_fen, frontLineFen: before.front_line_fen } : null,
            after: input,
            warnings: checked.warnings.map((w) => w.code),
          },
        },
      };
    });
    return { warnings: checked.warnings.map((w) => ({ code: w.code, message: errorMessages(w.code, w.params) })) };
  };
}

