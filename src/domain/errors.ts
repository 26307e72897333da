/**
 * The one catalogue of error codes (ADR 0006). Domain and use-case code raise `AppError` with a code
 * and parameters; src/http/errors.ts maps the code to an HTTP status, and every message is rendered
 * from here in zh-CN and en. Placeholders are `{name}`.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { kind: 'invalid', 'zh-CN': '字段“{field}”不正确：{reason}', en: 'Field "{field}" is invalid: {reason}' },
  UNKNOWN_FIELD: { kind: 'invalid', 'zh-CN': '不认识的字段“{field}”', en: 'Unknown field "{field}"' },
  MALFORMED_JSON: { kind: 'invalid', 'zh-CN': '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  BODY_TOO_LARGE: { kind: 'too_large', 'zh-CN': '请求体过大（上限 {limit} 字节）', en: 'The request body is too large (limit {limit} bytes)' },
  UNSUPPORTED_MEDIA_TYPE: { kind: 'unsupported', 'zh-CN': '不支持的内容类型，请使用 application/json', en: 'Unsupported content type; use application/json' },
  CROSS_SITE_REQUEST: { kind: 'forbidden', 'zh-CN': '拒绝跨站请求', en: 'Cross-site request refused' },
  NOT_FOUND: { kind: 'not_found', 'zh-CN': '未找到该记录或页面', en: 'Not found' },
  AUTH_REQUIRED: { kind: 'unauthenticated', 'zh-CN': '请先登录', en: 'Please sign in' },
  AUTH_INVALID_CREDENTIALS: { kind: 'unauthenticated', 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_RATE_LIMITED: { kind: 'rate_limited', 'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试', en: 'Too many failed sign-ins; try again in {minutes} minutes' },
  AUTH_WRONG_CURRENT_PASSWORD: { kind: 'invalid', 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_TOO_WEAK: { kind: 'invalid', 'zh-CN': '新密码至少 {min} 位，且须同时包含字母和数字', en: 'The new password needs at least {min} characters with both letters and digits' },
  PASSWORD_REUSED: { kind: 'invalid', 'zh-CN': '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  FORBIDDEN: { kind: 'forbidden', 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
  USERNAME_TAKEN: { kind: 'conflict', 'zh-CN': '用户名“{username}”已被使用', en: 'Username "{username}" is already taken' },
  USER_SCOPE_INVALID: { kind: 'invalid', 'zh-CN': '角色“{role}”需要{scope}', en: 'Role "{role}" needs {scope}' },
  CANNOT_DISABLE_SELF: { kind: 'conflict', 'zh-CN': '不能停用自己的账号', en: 'You cannot disable your own account' },
  OCCUPATION_CODE_TAKEN: { kind: 'conflict', 'zh-CN': '职业编码“{code}”已存在', en: 'Occupation code "{code}" already exists' },
  NOT_READY: { kind: 'unavailable', 'zh-CN': '系统正在启动（{phase}）', en: 'The system is starting ({phase})' },
  IMPORT_UNSUPPORTED_FORMAT: { kind: 'unsupported', 'zh-CN': '不支持的文件格式“{name}”，请上传 .xlsx 或 .csv 文件', en: 'Unsupported file "{name}"; upload an .xlsx or .csv file' },
  IMPORT_BAD_FILE: { kind: 'invalid', 'zh-CN': '文件无法读取：{reason}', en: 'The file cannot be read: {reason}' },
  IMPORT_EMPTY_FILE: { kind: 'invalid', 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  IMPORT_MISSING_COLUMNS: { kind: 'invalid', 'zh-CN': '缺少必需的列：{columns}（请使用下载的模板）', en: 'Required columns are missing: {columns} (use the downloadable template)' },
  INTERNAL: { kind: 'internal', 'zh-CN': '系统内部错误，请联系管理员（请求号 {requestId}）', en: 'Internal error; contact the administrator (request {requestId})' },
} as const satisfies Record<string, { kind: ErrorKind; 'zh-CN': string; en: string }>;

export type ErrorKind =
  | 'invalid'
  | 'too_large'
  | 'unsupported'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export type Locale = 'zh-CN' | 'en';
export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    /** The field the error is about, as a dotted path (`username`, `rows.3.idNumber`). */
    readonly field?: string,
  ) {
    super(renderError(code, params, 'en'));
    this.name = 'AppError';
  }
  get kind(): ErrorKind {
    return ERROR_CATALOGUE[this.code].kind;
  }
}

export function renderError(code: ErrorCode, params: ErrorParams, locale: Locale): string {
  return ERROR_CATALOGUE[code][locale].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function errorMessages(code: ErrorCode, params: ErrorParams): Record<Locale, string> {
  return { 'zh-CN': renderError(code, params, 'zh-CN'), en: renderError(code, params, 'en') };
}

/** A missing record and a record outside the caller's scope read the same (ADR 0005). */
export function notFound(): AppError {
  return new AppError('NOT_FOUND');
}
