import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CITY_CODE } from '../domain/auth/permissions.ts';
import { allowedCatalogActions, assertEditable, catalogTransition, checkProject, type CatalogStatus } from '../domain/catalog/catalog.ts';
import { AppError, notFound, problemsError } from '../domain/errors.ts';
import { assertLicensedFor, assertMayOpenClass } from '../domain/registry/organisation.ts';
import {
  copyCatalogItems,
  deleteCatalogInstitution,
  deleteCatalogProject,
  findCatalog,
  findCatalogProjectId,
  findPublishedCatalogId,
  insertCatalogDecision,
  insertCatalogInstitution,
  insertCatalogProject,
  insertDraftCatalog,
  listCatalogInstitutions,
  listCatalogs,
  listDecisions,
  listProjects,
  nextVersion,
  setCatalogStatus,
} from '../db/repositories/catalogs.ts';
import { findOrganisation, listLicences } from '../db/repositories/organisations.ts';
import { listOccupationCodes } from '../db/repositories/reference.ts';
import type { Clock, Db, RequestContext, Tx } from './context.ts';
import { requireCan } from './guards.ts';
import { writeWithAudit } from './tx.ts';

const CITY = { unitCode: CITY_CODE } as const;
type Deps = { db: Db; clock: Clock };

export const CreateCatalogInput = z.strictObject({
  kind: z.enum(['projects', 'institutions']),
  year: z.number().int().min(2019).max(2100),
  title: z.string().trim().min(2).max(100),
  basedOn: z.uuid().optional().describe('A published version to start from (its items are copied)'),
});

export const ProjectBody = z.strictObject({
  occupationCode: z.string(),
  levelCode: z.string(),
  trainingType: z.string(),
  standardHours: z.number().int(),
  teachingPlanRef: z.string().max(200),
  syllabusRef: z.string().max(200),
  subsidyFen: z.number().int().describe('Subsidy standard per person, in fen'),
});

export const CatalogInstitutionBody = z.strictObject({ orgId: z.uuid(), occupationCode: z.string(), levelCode: z.string() });
export const TransitionBody = z.strictObject({ action: z.enum(['submit', 'return', 'publish']), reason: z.string().trim().max(500).optional() });

async function editableCatalog(trx: Db | Tx, id: string, kind: 'projects' | 'institutions') {
  const c = await findCatalog(trx, id);
  if (!c || c.kind !== kind) throw notFound();
  assertEditable(c.status);
  return c;
}

function present(c: NonNullable<Awaited<ReturnType<typeof findCatalog>>>) {
  return {
    id: c.id,
    kind: c.kind,
    year: c.year,
    version: c.version,
    title: c.title,
    status: c.status,
    basedOn: c.based_on,
    createdAt: new Date(c.created_at).toISOString(),
    publishedAt: c.published_at ? new Date(c.published_at).toISOString() : null,
  };
}

/** The city office's catalog work (§12): versions, items, review and publication. */
export function makeCatalogs(deps: Deps) {
  const decide = (trx: Tx, catalogId: string, action: string, actorId: string | null, at: Date, reason: string | null = null) =>
    insertCatalogDecision(trx, { id: randomUUID(), catalogId, action, reason, actorId, at });

  return {
    async create(ctx: RequestContext, input: z.infer<typeof CreateCatalogInput>) {
      const actor = requireCan(ctx, 'catalog.manage', CITY);
      const base = input.basedOn ? await findCatalog(deps.db, input.basedOn) : undefined;
      if (input.basedOn && (!base || base.kind !== input.kind)) throw notFound();
      const id = randomUUID();
      await writeWithAudit(deps, ctx, async (trx, now) => {
        const version = await nextVersion(trx, input.kind, input.year);
        await insertDraftCatalog(trx, { id, kind: input.kind, year: input.year, version, title: input.title, basedOn: base?.id ?? null, createdBy: actor.id, at: now });
        if (base) await copyCatalogItems(trx, base.id, id);
        await decide(trx, id, 'create', actor.id, now);
        return { result: undefined, audit: { action: 'catalog.create', targetType: 'catalog', targetId: id, summary: { kind: input.kind, year: input.year, version, basedOn: base?.id ?? null } } };
      });
      return { id };
    },

    async addProject(ctx: RequestContext, catalogId: string, p: z.infer<typeof ProjectBody>) {
      requireCan(ctx, 'catalog.manage', CITY);
      await editableCatalog(deps.db, catalogId, 'projects');
      const known = await listOccupationCodes(deps.db, { activeOnly: true });
      const problems = checkProject(p, known);
      if (problems.length) throw problemsError(problems);
      if (await findCatalogProjectId(deps.db, catalogId, p)) throw new AppError('CATALOG_DUPLICATE_PROJECT', {}, 'occupationCode');
      const id = randomUUID();
      await writeWithAudit(deps, ctx, async (trx) => {
        await insertCatalogProject(trx, { ...p, id, catalogId, teachingPlanRef: p.teachingPlanRef.trim(), syllabusRef: p.syllabusRef.trim() });
        return { result: undefined, audit: { action: 'catalog.project_add', targetType: 'catalog', targetId: catalogId, summary: { after: p } } };
      });
      return { id };
    },

    async removeProject(ctx: RequestContext, catalogId: string, projectId: string) {
      requireCan(ctx, 'catalog.manage', CITY);
      await editableCatalog(deps.db, catalogId, 'projects');
      await writeWithAudit(deps, ctx, async (trx) => {
        if (!(await deleteCatalogProject(trx, catalogId, projectId))) throw notFound();
        return { result: undefined, audit: { action: 'catalog.project_remove', targetType: 'catalog', targetId: catalogId, summary: { projectId } } };
      });
    },

    /** An institution may be listed only while active and for what it is licensed for (§6, §17). */
    async addInstitution(ctx: RequestContext, catalogId: string, input: z.infer<typeof CatalogInstitutionBody>) {
      requireCan(ctx, 'catalog.manage', CITY);
      await editableCatalog(deps.db, catalogId, 'institutions');
      const org = await findOrganisation(deps.db, input.orgId);
      if (!org || org.kind !== 'institution') throw new AppError('CATALOG_INSTITUTION_NOT_ELIGIBLE', { name: input.orgId, reason: '不是培训机构 / not an institution' }, 'orgId');
      const licences = await listLicences(deps.db, org.id);
      const byCode = new Map<string, string[]>();
      for (const l of licences) byCode.set(l.occupation_code, [...(byCode.get(l.occupation_code) ?? []), l.level_code]);
      assertMayOpenClass({ name: org.name, status: org.status, statusReason: org.status_reason, statusSince: org.status_since });
      assertLicensedFor({ name: org.name, licensedOccupations: [...byCode].map(([occupationCode, levels]) => ({ occupationCode, levels })) }, input.occupationCode, input.levelCode);
      await writeWithAudit(deps, ctx, async (trx) => {
        await insertCatalogInstitution(trx, { catalogId, orgId: org.id, occupationCode: input.occupationCode, levelCode: input.levelCode });
        return { result: undefined, audit: { action: 'catalog.institution_add', targetType: 'catalog', targetId: catalogId, summary: { after: input } } };
      });
    },

    async removeInstitution(ctx: RequestContext, catalogId: string, input: z.infer<typeof CatalogInstitutionBody>) {
      requireCan(ctx, 'catalog.manage', CITY);
      await editableCatalog(deps.db, catalogId, 'institutions');
      await writeWithAudit(deps, ctx, async (trx) => {
        await deleteCatalogInstitution(trx, { catalogId, ...input });
        return { result: undefined, audit: { action: 'catalog.institution_remove', targetType: 'catalog', targetId: catalogId, summary: { before: input } } };
      });
    },

    /** submit / return / publish by the transition table; publishing supersedes the year's previous version. */
    async transition(ctx: RequestContext, catalogId: string, input: z.infer<typeof TransitionBody>) {
      const actor = requireCan(ctx, 'catalog.manage', CITY);
      const c = await findCatalog(deps.db, catalogId);
      if (!c) throw notFound();
      const t = catalogTransition(c.status, input.action, input.reason);
      await writeWithAudit(deps, ctx, async (trx, now) => {
        let superseded: string | null = null;
        if (t.to === 'published') {
          const prev = await findPublishedCatalogId(trx, c.kind, c.year);
          if (prev) {
            superseded = prev;
            await setCatalogStatus(trx, prev, 'superseded');
            await decide(trx, prev, 'supersede', actor.id, now);
          }
        }
        await setCatalogStatus(trx, catalogId, t.to, t.to === 'published' ? { at: now, by: actor.id } : undefined);
        await decide(trx, catalogId, t.action, actor.id, now, input.reason ?? null);
        return {
          result: undefined,
          audit: { action: `catalog.${t.action}`, targetType: 'catalog', targetId: catalogId, summary: { before: { status: c.status }, after: { status: t.to }, reason: input.reason ?? null, superseded, clause: t.clause } },
        };
      });
    },
  };
}

/** Reading catalogs: published (and superseded) versions are public without sign-in (§12 每年公布); drafts only for the city office. */
export function makeReadCatalogs(deps: { db: Db }) {
  const mayManage = (ctx: RequestContext | null) => {
    if (!ctx?.actor) return false;
    try {
      requireCan(ctx, 'catalog.manage', CITY);
      return true;
    } catch {
      return false;
    }
  };
  return {
    async list(ctx: RequestContext | null, f: { year?: number; kind?: 'projects' | 'institutions' }) {
      return (await listCatalogs(deps.db, { ...f, publicOnly: !mayManage(ctx) })).map(present);
    },
    async get(ctx: RequestContext | null, id: string) {
      const c = await findCatalog(deps.db, id);
      const isPublic = c && (c.status === 'published' || c.status === 'superseded');
      if (!c || (!isPublic && !mayManage(ctx))) throw notFound();
      const [projects, institutions, decisions] = await Promise.all([listProjects(deps.db, id), listCatalogInstitutions(deps.db, id), listDecisions(deps.db, id)]);
      return {
        catalog: { ...present(c), allowedActions: mayManage(ctx) ? allowedCatalogActions(c.status as CatalogStatus) : [] },
        projects: projects.map((p) => ({
          id: p.id,
          occupationCode: p.occupation_code,
          occupationName: p.occupation_name,
          levelCode: p.level_code,
          levelName: p.level_name,
          trainingType: p.training_type,
          trainingTypeName: p.training_type_name,
          standardHours: p.standard_hours,
          teachingPlanRef: p.teaching_plan_ref,
          syllabusRef: p.syllabus_ref,
          subsidyFen: p.subsidy_fen,
        })),
        institutions: institutions.map((i) => ({
          orgId: i.org_id,
          orgName: i.org_name,
          creditCode: i.credit_code,
          institutionKind: i.institution_kind,
          unitName: i.unit_name,
          occupationCode: i.occupation_code,
          occupationName: i.occupation_name,
          levelCode: i.level_code,
          levelName: i.level_name,
        })),
        decisions: decisions.map((d) => ({ action: d.action, reason: d.reason, at: new Date(d.at).toISOString(), actorName: d.actor_name })),
      };
    },
  };
}
