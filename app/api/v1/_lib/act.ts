import type { Db } from '@/db/client';
import type { User } from '@/db/schema';
import { userActor } from '@/usecases/kernel/actor';
import { execute, type UseCase } from '@/usecases/kernel/use-case';

/** A route handler's one call into the procedure: the signed-in user performs a use case. */
export function act<I, R>(useCase: UseCase<I, R>, ctx: { db: Db; user: User }, input: I): Promise<R> {
  return execute(useCase, { db: ctx.db, actor: userActor(ctx.user.id) }, input);
}
