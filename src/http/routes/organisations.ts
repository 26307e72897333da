import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateOrganisationInput,
  EducationFundBody,
  makeChangeOrganisationStatus,
  makeCreateOrganisation,
  makeGetOrganisation,
  makeReportEducationFund,
  makeUpdateOrganisation,
  StatusChangeBody,
} from '../../usecases/organisations.ts';
import type { AppDeps } from '../app.ts';
import { ErrorBody } from '../errors.ts';
import { IdParam, NoContent, OrganisationDetailDto } from '../schemas.ts';

const tags = ['registry'];

export function organisationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const get = makeGetOrganisation(deps);
  const create = makeCreateOrganisation(deps);
  const update = makeUpdateOrganisation(deps);
  const changeStatus = makeChangeOrganisationStatus(deps);
  const reportFund = makeReportEducationFund(deps);
  return async (app) => {
    app.get(
      '/:id',
      {
        schema: {
          tags,
          summary: 'One institution or enterprise with contacts, licences, status history and §13 figures (404 when missing or outside scope)',
          params: IdParam,
          response: { 200: z.object({ organisation: OrganisationDetailDto }), 404: ErrorBody },
        },
      },
      async (req) => ({ organisation: await get(req.ctx, req.params.id) }),
    );
    app.post(
      '/',
      {
        schema: {
          tags,
          summary: 'Register an institution or enterprise (credit code checked by GB 32100 and GB 11714)',
          body: CreateOrganisationInput,
          response: { 201: z.object({ id: z.string() }), 400: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => reply.code(201).send(await create(req.ctx, req.body)),
    );
    app.put(
      '/:id',
      { schema: { tags, summary: "Edit an organisation's details (not its credit code or status)", params: IdParam, body: CreateOrganisationInput, response: { 204: NoContent, 400: ErrorBody, 404: ErrorBody } } },
      async (req, reply) => {
        await update(req.ctx, req.params.id, req.body);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/:id/status',
      {
        schema: {
          tags,
          summary: 'Suspend, blacklist or reinstate (§17): reason, decision reference and effective date required',
          params: IdParam,
          body: StatusChangeBody,
          response: { 204: NoContent, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => {
        await changeStatus(req.ctx, req.params.id, req.body);
        return reply.code(204).send(null);
      },
    );
    app.put(
      '/:id/education-funds/:year',
      {
        schema: {
          tags,
          summary: "An enterprise's yearly payroll and staff education fund (§13); over 8% of payroll or under 60% front-line come back as warnings",
          params: z.strictObject({ id: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) }),
          body: EducationFundBody,
          response: { 200: z.object({ warnings: z.array(z.object({ code: z.string(), message: z.object({ 'zh-CN': z.string(), en: z.string() }) })) }), 400: ErrorBody, 404: ErrorBody },
        },
      },
      (req) => reportFund(req.ctx, req.params.id, req.params.year, req.body),
    );
  };
}
