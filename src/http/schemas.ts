import { z } from 'zod';
import { ACTIONS, ROLES } from '../domain/auth/permissions.ts';

/** Response schemas shared by routes (and documented in OpenAPI at /docs). */
export const Me = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    unitCode: z.string().nullable(),
    unitName: z.string().nullable(),
    orgId: z.string().nullable(),
    orgName: z.string().nullable(),
    workerId: z.string().nullable(),
    actions: z.array(z.enum(ACTIONS)).describe('Named actions the user holds; the web builds its menu from them'),
    mustChangePassword: z.boolean(),
  })
  .describe('The signed-in user');

export const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const WorkerDto = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(['M', 'F']),
  birthDate: z.string(),
  idNumberMasked: z.string().describe('e.g. 140802********123X; the full number is never returned here'),
  phoneMasked: z.string().nullable().describe('e.g. 138****5678'),
  unitCode: z.string(),
  unitName: z.string(),
  unitNameEn: z.string(),
  townshipName: z.string().nullable(),
});

export const OrganisationDto = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  kind: z.enum(['institution', 'enterprise']),
  institutionKind: z.string().nullable(),
  admissionRoute: z.string().nullable(),
  industry: z.string().nullable(),
  highRisk: z.boolean(),
  unitCode: z.string(),
  unitName: z.string(),
  unitNameEn: z.string(),
  status: z.enum(['active', 'suspended', 'blacklisted']),
  statusReason: z.string().nullable(),
  statusSince: z.string().nullable(),
  statusDecisionRef: z.string().nullable(),
});

export const OrganisationDetailDto = OrganisationDto.extend({
  contacts: z.array(z.object({ name: z.string(), phoneMasked: z.string() })),
  employees: z.number().int().nullable(),
  capacity: z.number().int().nullable(),
  licences: z.array(z.object({ occupationCode: z.string(), occupationName: z.string(), levels: z.array(z.string()) })),
  statusHistory: z.array(
    z.object({ fromStatus: z.string(), toStatus: z.string(), reason: z.string(), decisionRef: z.string().nullable(), effectiveDate: z.string(), at: z.string(), actorName: z.string().nullable() }),
  ),
  educationFunds: z.array(
    z.object({
      year: z.number().int(),
      payrollFen: z.number().int(),
      educationFundFen: z.number().int(),
      frontLineFen: z.number().int(),
      warnings: z.array(z.object({ code: z.string(), message: z.object({ 'zh-CN': z.string(), en: z.string() }) })),
    }),
  ),
  allowedStatusChanges: z.array(z.object({ to: z.enum(['active', 'suspended', 'blacklisted']), description: z.string() })),
  canEdit: z.boolean(),
  canReportFunds: z.boolean(),
});

export const IdParam = z.strictObject({ id: z.uuid() });
export const NoContent = z.null().describe('No content');
