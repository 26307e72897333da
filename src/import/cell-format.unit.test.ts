import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateKind, decodeOoxmlEscapes, excelScientific, formatExcelDate, formatNumber, zeroPadWidth } from './cell-format.ts';

describe('formatNumber', () => {
  it('renders integers below 1e15 in plain decimal, exactly', () => {
    expect(formatNumber(13812345678)).toBe('13812345678');
    expect(formatNumber(999_999_999_999_999)).toBe('999999999999999');
    expect(formatNumber(-42)).toBe('-42');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    fc.assert(
      fc.property(fc.integer({ min: -(1e15 - 1), max: 1e15 - 1 }), (n) => {
        const s = formatNumber(n);
        expect(s).not.toMatch(/e/i);
        expect(Number(s)).toBe(n);
      }),
    );
  });

  it('renders fractions to Excel’s 15 significant digits', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1234.5)).toBe('1234.5');
    expect(formatNumber(-0.125)).toBe('-0.125');
    expect(formatNumber(3.14159265358979)).toBe('3.14159265358979');
  });

  it('shows 16+ digit numbers (an ID already rounded by Excel) the way Excel’s General format does', () => {
    expect(formatNumber(140802198506151230)).toBe('1.40802E+17');
    expect(formatNumber(6228480402564890018)).toBe('6.22848E+18');
    expect(formatNumber(1e15)).toBe('1E+15');
    expect(formatNumber(1234567890123456)).toBe('1.23457E+15');
    expect(formatNumber(-2.5e20)).toBe('-2.5E+20');
    expect(excelScientific(1e-7)).toBe('1E-07');
    fc.assert(
      fc.property(fc.double({ min: 1e15, max: 1e300, noNaN: true }), (n) => {
        expect(formatNumber(n)).toMatch(/^\d(\.\d{1,5})?E\+\d{2,3}$/);
      }),
    );
  });
});

describe('dateKind', () => {
  it('knows the built-in date formats, including the Chinese locale ones', () => {
    expect(dateKind(14, undefined)).toBe('date');
    expect(dateKind(31, undefined)).toBe('date'); // yyyy"年"m"月"d"日"
    expect(dateKind(57, undefined)).toBe('date');
    expect(dateKind(22, undefined)).toBe('datetime');
    expect(dateKind(20, undefined)).toBe('time');
    expect(dateKind(0, undefined)).toBeUndefined();
    expect(dateKind(49, undefined)).toBeUndefined(); // @
    expect(dateKind(2, undefined)).toBeUndefined(); // 0.00
  });

  it('reads custom format codes', () => {
    expect(dateKind(176, 'yyyy"年"m"月"d"日"')).toBe('date');
    expect(dateKind(177, 'yyyy/m/d;@')).toBe('date');
    expect(dateKind(178, '[$-804]yyyy年m月d日')).toBe('date');
    expect(dateKind(179, 'yyyy-mm-dd hh:mm')).toBe('datetime');
    expect(dateKind(180, '[h]:mm:ss')).toBe('time');
    expect(dateKind(181, '#,##0.00"元"')).toBeUndefined();
    expect(dateKind(182, '0.00E+00')).toBeUndefined();
    expect(dateKind(183, '[Red]0.00;[Blue]-0.00')).toBeUndefined();
    expect(dateKind(184, 'General')).toBeUndefined();
    expect(dateKind(185, '@')).toBeUndefined();
    expect(dateKind(186, '000000')).toBeUndefined();
  });

  it('knows zero-padded code formats', () => {
    expect(zeroPadWidth('000000')).toBe(6);
    expect(zeroPadWidth('0')).toBeUndefined();
    expect(zeroPadWidth('0.00')).toBeUndefined();
  });
});

describe('formatExcelDate', () => {
  it('turns 1900-system serials into calendar days, time zone independent', () => {
    expect(formatExcelDate(45296, 'date')).toBe('2024-01-05');
    expect(formatExcelDate(31213, 'date')).toBe('1985-06-15');
    expect(formatExcelDate(1, 'date')).toBe('1900-01-01');
    expect(formatExcelDate(59, 'date')).toBe('1900-02-28');
    expect(formatExcelDate(60, 'date')).toBe('1900-02-29'); // Lotus's fictional day, as Excel shows it
    expect(formatExcelDate(61, 'date')).toBe('1900-03-01');
    expect(formatExcelDate(45296.99999999, 'date')).toBe('2024-01-06'); // float noise rounds to the second
  });

  it('handles the 1904 system, times and date-times', () => {
    expect(formatExcelDate(0, 'date', true)).toBe('1904-01-01');
    expect(formatExcelDate(43834, 'date', true)).toBe('2024-01-05');
    expect(formatExcelDate(45296.5, 'datetime')).toBe('2024-01-05 12:00:00');
    expect(formatExcelDate(45296, 'datetime')).toBe('2024-01-05');
    expect(formatExcelDate(45296.75, 'date')).toBe('2024-01-05');
    expect(formatExcelDate(0.75, 'time')).toBe('18:00:00');
  });
});

it('decodes OOXML _xHHHH_ escapes', () => {
  expect(decodeOoxmlEscapes('第一行_x000D_\n第二行')).toBe('第一行\r\n第二行');
  expect(decodeOoxmlEscapes('no_escape_here')).toBe('no_escape_here');
});
