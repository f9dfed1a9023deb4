import { writeGuestUser } from './testConfig.ts';
import { waitFor } from './stage.ts';

interface GuestIdentity {
  token: string;
  identity: { userEntityRef: string; ownershipEntityRefs: string[] };
}

async function guestSignIn(baseUrl: string): Promise<GuestIdentity> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    // The auth backend refuses a refresh that does not look like the app's own request.
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok)
    throw new Error(`guest sign-in: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { backstageIdentity: GuestIdentity })
    .backstageIdentity;
}

/**
 * Makes the guest sign-in become `user`, waits until the backend has reloaded its config and
 * resolves the user from the catalog (group refs among its ownership refs show the catalog
 * entity was found), and returns that user's Backstage token for API calls.
 */
export async function signInAs(
  baseUrl: string,
  userFile: string,
  user: string,
): Promise<string> {
  const ref = `user:default/${user}`;
  writeGuestUser(userFile, user);
  const signedIn = await waitFor(
    `the guest sign-in to resolve ${ref} from the catalog`,
    async () => {
      const { token, identity } = await guestSignIn(baseUrl);
      return identity.userEntityRef === ref &&
        identity.ownershipEntityRefs.some(r => r.startsWith('group:'))
        ? token
        : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 1000 },
  );
  return signedIn;
}
