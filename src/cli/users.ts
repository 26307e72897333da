import { deleteUserSessions, findUserByUsername, updateUser } from '../db/repositories/users.ts';
import { generatePassword, hashPassword } from '../security/passwords.ts';
import { systemContext, type Clock, type Db } from '../usecases/context.ts';
import { writeWithAudit } from '../usecases/tx.ts';

/** Operator recovery from the command line: audited as the system, not as a user. */
export async function resetPasswordByUsername(deps: { db: Db; clock: Clock }, username: string): Promise<string | null> {
  const user = await findUserByUsername(deps.db, username);
  if (!user) return null;
  const password = generatePassword();
  const hash = await hashPassword(password);
  await writeWithAudit(deps, systemContext('cli'), async (trx, now) => {
    await updateUser(trx, user.id, { password_hash: hash, must_change_password: true }, now);
    const ended = await deleteUserSessions(trx, user.id);
    return { result: undefined, audit: { action: 'user.reset_password', targetType: 'user', targetId: user.id, summary: { via: 'cli', sessionsEnded: ended } } };
  });
  return password;
}
