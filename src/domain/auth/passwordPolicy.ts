import { AppError } from '../errors.ts';

export const PASSWORD_MIN_LENGTH = 10;

/** Throws PASSWORD_TOO_WEAK unless the password has the minimum length, a letter and a digit. */
export function assertPasswordStrong(password: string, field = 'newPassword'): void {
  const ok = password.length >= PASSWORD_MIN_LENGTH && /[A-Za-z]/.test(password) && /\d/.test(password);
  if (!ok) throw new AppError('PASSWORD_TOO_WEAK', { min: PASSWORD_MIN_LENGTH }, field);
}

/** Failed sign-ins allowed per username (or per client address) in the window before refusing. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MINUTES = 15;
