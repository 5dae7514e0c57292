import type { Actor } from './actor';
import { DomainError } from './problem';

/**
 * The contributor (ISO alpha-3) the actor's request is limited to, or `undefined` for every
 * contributor. Set by the auth guard for a contributor representative with no other role allowed on
 * the route. Use it to filter reads: `where contributor = $1` when defined.
 */
export const contributorScope = (actor: Actor): string | undefined => actor.contributor;

/**
 * Throws `CONTRIBUTOR_SCOPE` (403) when a contributor-limited actor asks about another contributor's
 * data. CONTRACT.md section 2 allows 403 or 404; this API answers 403 everywhere, so the answer never
 * depends on whether the other contributor's record exists: a read by id calls this before its
 * not-found check, with `undefined` for a record that does not exist.
 */
export const assertSameContributor = (actor: Actor, contributor: string | undefined): void => {
  const scope = contributorScope(actor);
  if (scope !== undefined && scope !== contributor) {
    throw new DomainError(
      'CONTRIBUTOR_SCOPE',
      `This token only gives access to the data of contributor ${scope}.`,
    );
  }
};
