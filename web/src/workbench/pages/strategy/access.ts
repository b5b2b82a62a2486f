/** Who may change the strategy: the roles of ACCESS.strategy on the server; everyone else on staff reads. */
import { hasAnyRole, useSession } from '../../../shared/session.ts';
import { SCREEN_ROLES } from '../../../shared/access.ts';

export function useCanEditStrategy(): boolean {
  return hasAnyRole(useSession(), SCREEN_ROLES.strategy);
}
