import { teamSlug } from '@nodepools/plugin-nodepools-common';

/** The team's name in the cluster for the form's owner, or undefined before a group is chosen. */
export function teamOfForm(
  form: Record<string, unknown> | undefined,
): string | undefined {
  const owner = form?.owner;
  if (typeof owner !== 'string' || owner === '') return undefined;
  try {
    return teamSlug(owner);
  } catch {
    // Not a group reference (yet): the backend says why when the request is checked.
    return undefined;
  }
}
