import type { Locale } from '../i18n';

const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'zh-CN');

/** `2024-03-05 14:07:09` style in zh-CN, `05/03/2024, 14:07:09` in English; always Beijing time. */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  }).format(date);
}

/** Full years between a `YYYY-MM-DD` birth date and today. */
export function ageFrom(birthDate: string, today: Date = new Date()): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return null;
  const [, y, m, d] = match;
  let age = today.getFullYear() - Number(y);
  const beforeBirthday =
    today.getMonth() + 1 < Number(m) || (today.getMonth() + 1 === Number(m) && today.getDate() < Number(d));
  if (beforeBirthday) age -= 1;
  return age;
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}
