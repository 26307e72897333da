import type { FormInstance } from 'antd';
import type { Locale, Translate } from '../i18n';
import { errorText, isApiError, problemText } from './api';

type NamePath = (string | number)[];

/** `categories.0.validTo` → `['categories', 0, 'validTo']` (antd's name path for Form.List items). */
export function namePathOf(field: string): NamePath {
  return field
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows a failed submit on the form: each server problem (`error.problems[]`, else `error.field`) goes under
 * the form item with that name, in the current language. Whatever names no item of the form — or an error
 * without a field — is shown through `notify` (a message toast). `rename` maps a server field to a form name
 * where they differ (return null to leave it to the toast).
 */
export function showFormErrors(
  form: FormInstance,
  error: unknown,
  locale: Locale,
  t: Translate,
  notify: (text: string) => void,
  rename?: (field: string) => string | null,
): void {
  if (!isApiError(error)) {
    notify(errorText(error, locale, t));
    return;
  }
  const items =
    error.problems.length > 0
      ? error.problems.map((p) => ({ field: p.field, text: problemText(p, locale) }))
      : error.field
        ? [{ field: error.field, text: errorText(error, locale, t) }]
        : [];

  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const byName = new Map<string, { name: NamePath; errors: string[] }>();
  const leftovers: string[] = [];
  for (const item of items) {
    const mapped = rename ? rename(item.field) : item.field;
    const name = mapped ? namePathOf(mapped) : [];
    const key = JSON.stringify(name);
    if (name.length > 0 && registered.has(key)) {
      const entry = byName.get(key) ?? { name, errors: [] };
      if (!entry.errors.includes(item.text)) entry.errors.push(item.text);
      byName.set(key, entry);
    } else if (!leftovers.includes(item.text)) {
      leftovers.push(item.text);
    }
  }

  const fields = [...byName.values()];
  if (fields.length > 0) {
    form.setFields(fields);
    form.scrollToField(fields[0]!.name, { block: 'center' });
  }
  if (leftovers.length > 0) notify(leftovers.join(locale === 'en' ? '; ' : '；'));
  else if (fields.length === 0) notify(errorText(error, locale, t));
}
