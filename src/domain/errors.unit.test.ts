import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CATALOGUE, errorMessages, renderError } from './errors.ts';

describe('error catalogue', () => {
  it('has a zh-CN and an en message for every code, with the same placeholders', () => {
    for (const [code, e] of Object.entries(ERROR_CATALOGUE)) {
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(e['zh-CN']), code).toEqual(ph(e.en));
      expect(e['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('renders parameters in both languages', () => {
    expect(errorMessages('UNKNOWN_FIELD', { field: 'colour' })).toEqual({ 'zh-CN': '不认识的字段“colour”', en: 'Unknown field "colour"' });
    expect(renderError('AUTH_RATE_LIMITED', { minutes: 15 }, 'zh-CN')).toBe('登录失败次数过多，请 15 分钟后再试');
    const e = new AppError('VALIDATION_FAILED', { field: 'name', reason: 'required' }, 'name');
    expect(e.kind).toBe('invalid');
    expect(e.field).toBe('name');
  });
});
