import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateOccupationInput, makeEditOccupations, makeListReference, UpdateOccupationInput } from '../../usecases/reference.ts';
import type { AppDeps } from '../app.ts';
import { ErrorBody } from '../errors.ts';
import { NoContent } from '../schemas.ts';

const Code = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), clause: z.string().nullable() });
const Occupation = z.object({ id: z.number().int(), code: z.string(), name: z.string(), active: z.boolean(), verified: z.boolean(), source: z.string().nullable() });

export function referenceRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const list = makeListReference(deps);
  const edit = makeEditOccupations(deps);
  const tags = ['reference'];
  return async (app) => {
    app.get(
      '/units',
      {
        schema: {
          tags,
          summary: 'The 14 reporting units: 13 county-level units and 运城经济技术开发区',
          response: {
            200: z.object({
              items: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), kind: z.string(), parentCode: z.string().nullable(), isDevelopmentZone: z.boolean() })),
            }),
          },
        },
      },
      async (req) => ({ items: await list.units(req.ctx) }),
    );
    app.get(
      '/codes',
      {
        schema: {
          tags,
          summary: 'Training types, person categories, fund sources, certificate types and skill levels, each with its clause',
          response: {
            200: z.object({
              trainingTypes: z.array(Code),
              personCategories: z.array(Code),
              fundSources: z.array(Code),
              certificateTypes: z.array(Code),
              skillLevels: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), rank: z.number().int() })),
            }),
          },
        },
      },
      (req) => list.codes(req.ctx),
    );
    app.get('/occupations', { schema: { tags, summary: 'The occupation list (职业分类大典 codes)', response: { 200: z.object({ items: z.array(Occupation) }) } } }, async (req) => ({
      items: await list.occupations(req.ctx),
    }));
    app.post(
      '/occupations',
      { schema: { tags, summary: 'Add an occupation (city office)', body: CreateOccupationInput, response: { 201: z.object({ id: z.number().int() }), 400: ErrorBody, 409: ErrorBody } } },
      async (req, reply) => reply.code(201).send(await edit.create(req.ctx, req.body)),
    );
    app.patch(
      '/occupations/:id',
      {
        schema: {
          tags,
          summary: 'Rename or (de)activate an occupation (city office)',
          params: z.strictObject({ id: z.coerce.number().int().positive() }),
          body: UpdateOccupationInput,
          response: { 204: NoContent, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req, reply) => {
        await edit.update(req.ctx, req.params.id, req.body);
        return reply.code(204).send(null);
      },
    );
  };
}
