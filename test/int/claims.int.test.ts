import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestApp, type TestApp } from '../support/app.ts';
import { insertWorker } from '../support/builders.ts';
import { testDbKind } from '../support/db.ts';
import { addCategory, classBody, insertInstitution, runClassToClosed } from '../support/training.ts';

type Method = 'GET' | 'POST' | 'PUT';
type Who = 'inst' | 'eval' | 'county' | 'otherCounty' | 'city' | 'finance';

describe(`claims, announcement, funds and the ledger on ${testDbKind()}`, () => {
  let t: TestApp;
  let inst: { id: string };
  let evaluator: { id: string };
  const logins = {} as Record<Who, { username: string; password: string }>;
  const cookies = {} as Record<Who, string>;
  const req = async (method: Method, url: string, cookie: string | null, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const count = async (table: 'ledger_transactions' | 'ledger_entries' | 'subsidy_claims' | 'claim_lines') =>
    Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.database.db)).rows[0]!.n);
  async function jump(to: string) {
    t.clock.advance(Date.parse(to) - t.clock.now().getTime());
    for (const k of Object.keys(logins) as Who[]) cookies[k] = await login(t, logins[k].username, logins[k].password);
  }

  beforeAll(async () => {
    t = await startTestApp();
    inst = await insertInstitution(t, { licences: [['6-31-01-03', '4'], ['6-31-01-03', '5']] });
    evaluator = await insertInstitution(t, { institutionKind: 'evaluation', licences: [] });
    logins.inst = await createUser(t, 'institution', { orgId: inst.id });
    logins.eval = await createUser(t, 'institution', { orgId: evaluator.id });
    logins.county = await createUser(t, 'county_office', { unitCode: '140802' });
    logins.otherCounty = await createUser(t, 'county_office', { unitCode: '140821' });
    logins.city = await createUser(t, 'city_office');
    logins.finance = await createUser(t, 'finance', { unitCode: '140800' });
    await jump(t.clock.now().toISOString());
  });
  afterAll(() => t.close());

  /** A published 2020 catalog with 电工 四级 at 1,000 CNY, so §14 has its standard. */
  async function catalog() {
    const id = (await req('POST', '/api/catalogs', cookies.city, { kind: 'projects', year: 2020, title: '2020 年培训项目目录' })).json().id as string;
    const project = (
      await req('POST', `/api/catalogs/${id}/projects`, cookies.city, {
        occupationCode: '6-31-01-03',
        levelCode: '4',
        trainingType: 'skill_upgrade',
        standardHours: 14,
        teachingPlanRef: '电工（四级）教学计划',
        syllabusRef: '电工国家职业技能标准',
        subsidyFen: 100_000,
      })
    ).json().id as string;
    await req('POST', `/api/catalogs/${id}/transition`, cookies.city, { action: 'submit' });
    await req('POST', `/api/catalogs/${id}/transition`, cookies.city, { action: 'publish' });
    return project;
  }

  it('prices a closed class, reviews it, announces it, pays it once from its funds, and explains every yuan', async () => {
    const projectId = await catalog();
    const people = [];
    for (let i = 0; i < 5; i++) {
      const w = await insertWorker(t, { name: `学员${'甲乙丙丁戊'[i]}` });
      await addCategory(t, w.id, i === 0 ? 'registered_poor' : 'rural_migrant');
      people.push(w);
    }
    const { id: classId } = await runClassToClosed({
      req,
      jump,
      cookies: () => cookies,
      evaluatorId: evaluator.id,
      body: classBody({ project: { catalogProjectId: projectId, occupationCode: '6-31-01-03', levelCode: '4', trainingType: 'skill_upgrade', standardHours: 14 } }),
      people,
      // The last person attends one session of four: no completion, no training subsidy.
      attend: (i, n) => (i === 4 ? [0] : Array.from({ length: n }, (_, k) => k)),
    });

    // Nobody types amounts: the claim is priced by the rules.
    const preview = (await req('GET', `/api/classes/${classId}/claim-preview`, cookies.inst)).json();
    expect(preview.totalFen).toBe(4 * 100_000 + 2 * 1_500);
    const submitted = await req('POST', `/api/classes/${classId}/claim`, cookies.inst);
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json()).toMatchObject({ totalFen: 403_000, lines: 5 });
    const claimId = submitted.json().id as string;
    expect((await req('POST', `/api/classes/${classId}/claim`, cookies.inst)).json().error.code).toBe('CLAIM_EXISTS');

    // The county of another unit sees nothing; the class's county sees each line with its clause and trace.
    expect((await req('GET', `/api/claims/${claimId}`, cookies.otherCounty)).statusCode).toBe(404);
    expect((await req('GET', '/api/claims', cookies.otherCounty)).json().total).toBe(0);
    expect((await req('POST', `/api/claims/${claimId}/actions`, cookies.otherCounty, { action: 'county_approve' })).statusCode).toBe(404);
    const detail = (await req('GET', `/api/claims/${claimId}`, cookies.county)).json();
    expect(detail.lines.map((l: { kind: string; amountFen: number; fund: string; payeeKind: string }) => [l.kind, l.amountFen, l.fund, l.payeeKind]).sort()).toEqual(
      [
        ['key_group_training', 100_000, 'employment_subsidy', 'organisation'],
        ['key_group_training', 100_000, 'employment_subsidy', 'organisation'],
        ['key_group_training', 100_000, 'employment_subsidy', 'organisation'],
        ['key_group_training', 100_000, 'employment_subsidy', 'organisation'],
        ['living_allowance', 3_000, 'employment_subsidy', 'worker'],
      ].sort(),
    );
    expect(detail.lines.every((l: { clause: string }) => l.clause.startsWith('运政办发〔2020〕14号'))).toBe(true);
    const dropout = detail.traces.find((x: { name: string }) => x.name === '学员戊');
    expect(dropout.totalFen).toBe(0);
    expect(dropout.trace.some((e: { outcome: string; clause: string }) => e.outcome === 'refused')).toBe(true);
    expect(detail.actions.map((a: { action: string }) => a.action)).toEqual(['county_approve', 'county_return']);

    // The county refuses one line with a reason, then approves: the claim is announced for 5 working days.
    const line = detail.lines.find((l: { workerName: string; kind: string }) => l.workerName === '学员丁' && l.kind === 'key_group_training');
    expect((await req('POST', `/api/claims/${claimId}/lines/${line.id}/refuse`, cookies.county, { reason: '实训记录缺失，核减' })).json()).toEqual({ totalFen: 303_000 });
    expect((await req('POST', `/api/claims/${claimId}/actions`, cookies.county, { action: 'county_approve' })).json()).toMatchObject({ status: 'announcing' });
    const announced = (await req('GET', `/api/claims/${claimId}`, cookies.county)).json().claim;
    expect(announced.windowEnd > announced.announcedOn).toBe(true);

    // The public announcement: the class, the masked roster and the amounts; an objection is recorded.
    const list = (await req('GET', '/api/public/announcements', null)).json();
    expect(list.items.map((a: { id: string }) => a.id)).toContain(claimId);
    const pub = (await req('GET', `/api/public/announcements/${claimId}`, null)).json();
    expect(pub.roster.map((r: { name: string }) => r.name).sort()).toEqual(['学*丙', '学*乙', '学*甲']);
    expect(JSON.stringify(pub)).not.toContain('学员甲');
    expect(pub.roster.find((r: { name: string }) => r.name === '学*甲').totalFen).toBe(103_000);
    const objection = await req('POST', `/api/public/announcements/${claimId}/objections`, null, { text: '学员乙当天不在培训现场', contact: '138****0000' });
    expect(objection.statusCode).toBe(201);

    // The city may not approve during the window, nor with an objection unanswered.
    const early = (await req('POST', `/api/claims/${claimId}/actions`, cookies.city, { action: 'city_approve' })).json().error;
    expect(early.problems.map((p: { code: string }) => p.code)).toEqual(['CLAIM_WINDOW_OPEN', 'CLAIM_OBJECTIONS_OPEN']);
    await jump(`${addDaysIso(announced.windowEnd, 1)}T02:00:00Z`);
    expect((await req('POST', `/api/public/announcements/${claimId}/objections`, null, { text: '迟到的异议' })).json().error.code).toBe('CLAIM_OBJECTION_WINDOW_CLOSED');
    expect((await req('POST', `/api/claims/${claimId}/actions`, cookies.city, { action: 'city_approve' })).json().error.code).toBe('CLAIM_OBJECTIONS_OPEN');
    expect((await req('POST', `/api/claims/${claimId}/objections/${objection.json().id}/answer`, cookies.county, { answer: '经核查签到与视频记录，学员乙在场', upheld: false })).statusCode).toBe(204);
    expect((await req('POST', `/api/claims/${claimId}/actions`, cookies.city, { action: 'city_approve' })).json()).toMatchObject({ status: 'approved' });

    // Finance pays from the funds; a payment that would overdraw the fund is refused and nothing is stored.
    const key = randomUUID();
    await req('POST', '/api/funds/budgets', cookies.finance, { fund: 'employment_subsidy', unitCode: '140802', year: 2020, amountFen: 200_000, idempotencyKey: 'budget-2020-yanhu-1' });
    const before = { txns: await count('ledger_transactions'), entries: await count('ledger_entries') };
    const overdraw = await req('POST', `/api/claims/${claimId}/actions`, cookies.finance, { action: 'pay', idempotencyKey: key });
    expect(overdraw.json().error.code).toBe('FUND_BUDGET_EXCEEDED');
    expect({ txns: await count('ledger_transactions'), entries: await count('ledger_entries') }).toEqual(before);
    const topUp = await req('POST', '/api/funds/budgets', cookies.finance, { fund: 'employment_subsidy', unitCode: '140802', year: 2020, amountFen: 800_000, idempotencyKey: 'budget-2020-yanhu-2' });
    expect(topUp.json()).toMatchObject({ replayed: false });
    expect((await req('POST', '/api/funds/budgets', cookies.finance, { fund: 'employment_subsidy', unitCode: '140802', year: 2020, amountFen: 800_000, idempotencyKey: 'budget-2020-yanhu-2' })).json()).toMatchObject({
      replayed: true,
      seq: topUp.json().seq,
    });

    // 100 concurrent identical payment requests pay once.
    const answers = await Promise.all(Array.from({ length: 100 }, () => req('POST', `/api/claims/${claimId}/actions`, cookies.finance, { action: 'pay', idempotencyKey: key })));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(100).fill(200));
    expect(answers.filter((a) => a.json().replayed === false)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.json().voucher)).size).toBe(1);
    const payments = await t.database.db.selectFrom('ledger_transactions').select('seq').where('kind', '=', 'payment').where('claim_id', '=', claimId).execute();
    expect(payments).toHaveLength(1);
    const balances = (await req('GET', '/api/funds/balances?year=2020', cookies.finance)).json().items;
    expect(balances).toEqual([expect.objectContaining({ fund: 'employment_subsidy', unitCode: '140802', granted: 1_000_000, paid: 303_000, available: 697_000 })]);
    expect((await req('GET', '/api/ledger/verify', cookies.city)).json()).toMatchObject({ ok: true, transactions: 3 });

    // The worker's archive shows the living allowance, paid.
    const archive = (await req('GET', `/api/workers/${people[0]!.id}/archive`, cookies.county)).json();
    expect(archive.subsidies).toEqual(
      expect.arrayContaining([expect.objectContaining({ item: '生活费补贴（§3）', amountYuan: '30.00', status: '已拨付', paidOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })]),
    );

    // What-if (§16): a higher living allowance changes the year's total by fund and unit; nothing is written.
    const txnsBefore = await count('ledger_transactions');
    const wi = (await req('POST', '/api/subsidy/whatif', cookies.city, { year: 2020, overrides: { 'living_allowance.perDayFen': 2_000 } })).json();
    expect(wi.total).toEqual({ baseFen: 403_000, whatIfFen: 404_000, diffFen: 1_000 });
    expect(wi.rows).toEqual([{ unitCode: '140802', fund: 'employment_subsidy', baseFen: 403_000, whatIfFen: 404_000, diffFen: 1_000 }]);
    expect((await req('POST', '/api/subsidy/whatif', cookies.county, { year: 2020, overrides: {} })).statusCode).toBe(404);
    expect((await req('POST', '/api/subsidy/whatif', cookies.city, { year: 2020, overrides: { 'nonsense.key': 1 } })).statusCode).toBe(400);
    expect(await count('ledger_transactions')).toBe(txnsBefore);

    // The disbursement ledger as .xlsx, in the officials' layout.
    const xlsx = await req('GET', '/api/ledger/export.xlsx?fund=employment_subsidy&from=2020-01-01&to=2020-12-31', cookies.finance);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('补贴资金发放台账（就业补助资金）');
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['凭证号', '公民身份号码', '金额（元）']));
    const dataRows = Array.from({ length: ws.rowCount - 3 }, (_, i) => ws.getRow(3 + i));
    expect(dataRows).toHaveLength(4);
    expect(dataRows.map((r) => String(r.getCell(7).value))).not.toContain(people[0]!.idNumber);
    expect(ws.getRow(ws.rowCount).getCell(10).value).toBe(3030);

    // A clawback is a reversing transaction; the fund gets the money back; a second reversal is refused.
    const reversal = await req('POST', `/api/ledger/${payments[0]!.seq}/reverse`, cookies.finance, { reason: '虚假培训，追回资金', idempotencyKey: 'reverse-key-1' });
    expect(reversal.statusCode, reversal.body).toBe(201);
    expect((await req('POST', `/api/ledger/${payments[0]!.seq}/reverse`, cookies.finance, { reason: '再次', idempotencyKey: 'reverse-key-2' })).json().error.code).toBe('LEDGER_ALREADY_REVERSED');
    expect((await req('GET', '/api/funds/balances?year=2020', cookies.finance)).json().items[0]).toMatchObject({ paid: 0, available: 1_000_000 });
    expect((await req('GET', '/api/ledger/verify', cookies.city)).json()).toMatchObject({ ok: true, transactions: 4 });

    // The ledger is append-only; an edit made behind the triggers' back is found by verify.
    await expect(sql`UPDATE ledger_entries SET debit_fen = debit_fen + 1 WHERE txn_seq = ${payments[0]!.seq}`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await sql`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`.execute(t.database.db);
    await sql`UPDATE ledger_entries SET memo = 'x' WHERE txn_seq = ${payments[0]!.seq} AND line_no = 1`.execute(t.database.db);
    await sql`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only`.execute(t.database.db);
    expect((await req('GET', '/api/ledger/verify', cookies.city)).json()).toMatchObject({ ok: false, problem: { seq: payments[0]!.seq, kind: 'hash' } });
  });

  it('returns a claim with reasons; the resubmission is priced again into a new round, §15 counted across claims', async () => {
    await jump('2020-10-01T02:00:00Z');
    const p = await insertWorker(t, { name: '多次参训者' });
    await addCategory(t, p.id, 'rural_migrant');
    const base = (level: string, day: string) =>
      classBody({ project: { catalogProjectId: null, occupationCode: '6-31-01-03', levelCode: level, trainingType: 'skill_upgrade', standardHours: 7 }, fundingRoute: 'certificate' }, [day]);
    // Level 5 (初级工) pays 300 on the certificate (§15); the same person again at level 5 would be refused.
    const first = await runClassToClosed({ req, jump, cookies: () => cookies, evaluatorId: evaluator.id, body: base('5', '2020-10-20'), people: [p] });
    const claim = (await req('POST', `/api/classes/${first.id}/claim`, cookies.inst)).json();
    expect(claim).toMatchObject({ totalFen: 30_000, lines: 1 });
    expect((await req('POST', `/api/claims/${claim.id}/actions`, cookies.county, { action: 'county_return' })).json().error.code).toBe('CLAIM_REASON_REQUIRED');
    expect((await req('POST', `/api/claims/${claim.id}/actions`, cookies.county, { action: 'county_return', reasons: '请补充考核记录' })).json()).toMatchObject({ status: 'returned' });
    expect((await req('POST', `/api/claims/${claim.id}/actions`, cookies.otherCounty, { action: 'resubmit' })).statusCode).toBe(404);
    expect((await req('POST', `/api/claims/${claim.id}/actions`, cookies.inst, { action: 'resubmit' })).json()).toMatchObject({ status: 'submitted' });
    const detail = (await req('GET', `/api/claims/${claim.id}`, cookies.inst)).json();
    expect(detail.claim).toMatchObject({ round: 2, totalFen: 30_000, status: 'submitted' });
    expect(detail.decisions.map((d: { action: string }) => d.action)).toEqual(['submit', 'county_return', 'resubmit']);
    expect(detail.actions.map((a: { action: string }) => a.action)).toEqual(['withdraw']);

    // A second class at the same occupation and level: priced at nothing for this person (§15), so nothing to claim.
    const again = await runClassToClosed({ req, jump, cookies: () => cookies, evaluatorId: evaluator.id, body: base('5', '2020-11-20'), people: [p] });
    const preview = (await req('GET', `/api/classes/${again.id}/claim-preview`, cookies.inst)).json();
    expect(preview.totalFen).toBe(0);
    expect(JSON.stringify(preview.enrolments[0].trace)).toContain('§15');
    expect((await req('POST', `/api/classes/${again.id}/claim`, cookies.inst)).json().error.code).toBe('CLAIM_NOTHING_TO_CLAIM');
  });
});
function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}