import { writeGuestUser } from './portalConfig.ts';
import { PORTAL_URL } from './portalConfig.ts';
import { waitFor } from './progress.ts';

/** What the guest provider's refresh endpoint answers. */
interface GuestRefresh {
  backstageIdentity: {
    token: string;
    identity: { userEntityRef: string; ownershipEntityRefs: string[] };
  };
}

/** Signs in through the guest provider as whoever the config names now. */
export async function guestSignIn(): Promise<
  GuestRefresh['backstageIdentity']
> {
  const res = await fetch(`${PORTAL_URL}/api/auth/guest/refresh`, {
    // The auth backend refuses refreshes that do not look like they come from the app.
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new Error(`guest sign-in: ${res.status} ${await res.text()}`);
  }
  return ((await res.json()) as GuestRefresh).backstageIdentity;
}

/**
 * Makes the next guest sign-in become `user` and waits until the backend has reloaded its config
 * and resolves that user from the catalog (its groups in the ownership refs prove it was the
 * catalog user, not the fallback token the guest provider issues for unknown users). Returns
 * that user's Backstage token, for API calls the test makes as the user.
 */
export async function switchGuestUser(
  userFile: string,
  user: string,
): Promise<string> {
  const ref = `user:default/${user}`;
  writeGuestUser(userFile, user);
  const identity = await waitFor(
    `the backend to sign guests in as ${ref}`,
    async () => {
      const signedIn = await guestSignIn();
      const { userEntityRef, ownershipEntityRefs } = signedIn.identity;
      return userEntityRef === ref &&
        ownershipEntityRefs.some(r => r.startsWith('group:'))
        ? signedIn
        : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  return identity.token;
}
