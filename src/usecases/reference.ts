import { z } from 'zod';
import { CITY_CODE } from '../domain/auth/permissions.ts';
import { AppError, notFound } from '../domain/errors.ts';
import {
  findOccupation,
  insertOccupation,
  listCodeTable,
  listOccupations,
  listReportingUnits,
  listSkillLevels,
  updateOccupation,
} from '../db/repositories/reference.ts';
import type { Clock, Db, RequestContext } from './context.ts';
import { requireActor, requireCan } from './guards.ts';
import { writeWithAudit } from './tx.ts';

/** The occupation list is city-level reference data: only the city office edits it (§7, §12). */
const CITY_RESOURCE = { unitCode: CITY_CODE } as const;

export function makeListReference(deps: { db: Db }) {
  return {
    async units(ctx: RequestContext) {
      requireActor(ctx, 'reference.read');
      const rows = await listReportingUnits(deps.db);
      return rows.map((u) => ({ code: u.code, name: u.name, nameEn: u.name_en, kind: u.kind, parentCode: u.parent_code, isDevelopmentZone: u.is_development_zone }));
    },
    async codes(ctx: RequestContext) {
      requireActor(ctx, 'reference.read');
      const present = (r: { code: string; name: string; name_en: string; clause: string | null }) => ({ code: r.code, name: r.name, nameEn: r.name_en, clause: r.clause });
      const [trainingTypes, personCategories, fundSources, certificateTypes, skillLevels] = await Promise.all([
        listCodeTable(deps.db, 'training_types'),
        listCodeTable(deps.db, 'person_categories'),
        listCodeTable(deps.db, 'fund_sources'),
        listCodeTable(deps.db, 'certificate_types'),
        listSkillLevels(deps.db),
      ]);
      return {
        trainingTypes: trainingTypes.map(present),
        personCategories: personCategories.map(present),
        fundSources: fundSources.map(present),
        certificateTypes: certificateTypes.map(present),
        skillLevels: skillLevels.map((l) => ({ code: l.code, name: l.name, nameEn: l.name_en, rank: l.rank })),
      };
    },
    async occupations(ctx: RequestContext) {
      requireActor(ctx, 'reference.read');
      return (await listOccupations(deps.db)).map(presentOccupation);
    },
  };
}

function presentOccupation(o: Awaited<ReturnType<typeof listOccupations>>[number]) {
  return { id: o.id, code: o.code, name: o.name, active: o.active, verified: o.verified, source: o.source };
}

export const CreateOccupationInput = z.strictObject({
  code: z.string().trim().regex(/^[1-8]-\d{2}-\d{2}-\d{2}$/, '职业分类大典编码，如 4-10-01-06 / a 职业分类大典 code such as 4-10-01-06'),
  name: z.string().trim().min(1).max(64),
});
export const UpdateOccupationInput = z
  .strictObject({ name: z.string().trim().min(1).max(64).optional(), active: z.boolean().optional() })
  .refine((v) => v.name !== undefined || v.active !== undefined, { message: 'name or active' });

export function makeEditOccupations(deps: { db: Db; clock: Clock }) {
  return {
    async create(ctx: RequestContext, input: z.infer<typeof CreateOccupationInput>) {
      requireCan(ctx, 'reference.edit', CITY_RESOURCE);
      if (await findOccupation(deps.db, { code: input.code })) throw new AppError('OCCUPATION_CODE_TAKEN', { code: input.code }, 'code');
      return writeWithAudit(deps, ctx, async (trx, now) => {
        const { id } = await insertOccupation(trx, input, now);
        return { result: { id }, audit: { action: 'occupation.create', targetType: 'occupation', targetId: String(id), summary: { after: input } } };
      });
    },
    async update(ctx: RequestContext, id: number, input: z.infer<typeof UpdateOccupationInput>) {
      requireCan(ctx, 'reference.edit', CITY_RESOURCE);
      const before = await findOccupation(deps.db, { id });
      if (!before) throw notFound();
      await writeWithAudit(deps, ctx, async (trx, now) => {
        await updateOccupation(trx, id, input, now);
        return {
          result: undefined,
          audit: { action: 'occupation.update', targetType: 'occupation', targetId: String(id), summary: { before: { name: before.name, active: before.active }, after: input } },
        };
      });
    },
  };
}
