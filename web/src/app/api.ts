import { format, type Locale, type MessageParams, type Translate } from '../i18n';

/** The localised message of an API error body. */
export type LocalizedText = Partial<Record<Locale, string>>;

type ErrorBody = {
  error?: {
    code?: string;
    message?: LocalizedText | string;
    params?: Record<string, unknown>;
    field?: string;
    problems?: { field?: string; code?: string; message?: LocalizedText | string }[];
    requestId?: string;
  };
};

/** One problem of an input that had several (`error.problems`), naming its field as a dotted path. */
export type FieldProblem = { field: string; code: string; messages: LocalizedText };

function localized(message: LocalizedText | string | undefined): LocalizedText | null {
  if (message === undefined) return null;
  return typeof message === 'string' ? { 'zh-CN': message, en: message } : message;
}

/** A failed API call: HTTP status plus the server's error body (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: LocalizedText | null;
  readonly field: string | undefined;
  readonly problems: FieldProblem[];
  readonly requestId: string | undefined;
  readonly params: Record<string, unknown>;

  constructor(status: number, body: ErrorBody | null) {
    const err = body?.error;
    super(err?.code ?? `HTTP_${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = err?.code ?? (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    this.messages = localized(err?.message);
    this.field = err?.field ?? undefined;
    this.problems = (err?.problems ?? []).map((p) => ({
      field: p.field ?? '',
      code: p.code ?? '',
      messages: localized(p.message) ?? {},
    }));
    this.requestId = err?.requestId ?? undefined;
    this.params = err?.params ?? {};
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/**
 * A page-level record fetch (GET /api/x/:id) that found nothing: 404, or a 400 VALIDATION_FAILED —
 * the only input of such a GET is the id, and a malformed id in the address bar names no record either.
 */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 404 || (error.status === 400 && error.code === 'VALIDATION_FAILED');
}

/** The text to show for any error: the server's message in the current language, else a catalogue fallback. */
export function errorText(error: unknown, locale: Locale, t: Translate): string {
  if (error instanceof ApiError) {
    const text = error.messages?.[locale] ?? error.messages?.['zh-CN'] ?? error.messages?.en;
    // The server normally fills `{param}` placeholders itself; fill any it left, from `params`.
    if (text) return format(text, scalarParams(error.params));
    return error.status === 0 ? t('error.network') : t('error.unknown');
  }
  return t('error.unknown');
}

function scalarParams(params: Record<string, unknown>): MessageParams {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  return out;
}

let onUnauthorized: (() => void) | null = null;

/** Registered by the auth provider: a 401 on any call (login excepted) signs the user out of the client. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Do not treat a 401 as "session expired" (login, the initial who-am-I probe). */
  ignoreUnauthorized?: boolean;
};

export type QueryValue = string | number | boolean | null | undefined;

/** `/api/x` + `?a=1&b=2`, skipping empty values. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal, ignoreUnauthorized = false } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, null);
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!response.ok) {
    if (response.status === 401 && !ignoreUnauthorized) onUnauthorized?.();
    throw new ApiError(response.status, (data as ErrorBody | null) ?? null);
  }
  return data as T;
}

/** A problem's text in the current language. */
export function problemText(problem: FieldProblem, locale: Locale): string {
  return problem.messages[locale] ?? problem.messages['zh-CN'] ?? problem.messages.en ?? problem.code;
}

export type UploadProgress = { loaded: number; total: number };

/**
 * POST multipart/form-data with upload progress (fetch cannot report it, so this uses XMLHttpRequest).
 * Errors are the same ApiError as every other call; a 401 signs the client out as usual.
 */
export function upload<T>(
  path: string,
  form: FormData,
  onProgress?: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as T);
        return;
      }
      if (xhr.status === 401) onUnauthorized?.();
      reject(new ApiError(xhr.status, (data as ErrorBody | null) ?? null));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

export const get = <T>(path: string, signal?: AbortSignal) => api<T>(path, { signal });
export const post = <T>(path: string, body?: unknown) => api<T>(path, { method: 'POST', body: body ?? {} });
export const patch = <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body });
export const put = <T>(path: string, body: unknown) => api<T>(path, { method: 'PUT', body });
export const del = <T>(path: string) => api<T>(path, { method: 'DELETE' });
