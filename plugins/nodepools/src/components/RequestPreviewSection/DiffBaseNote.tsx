import { Text } from '@backstage/ui';
import type { DiffBase } from '@nodepools/plugin-nodepools-common';
import { DiffTable } from './DiffTable';

/**
 * What the diff compares against: the NodePool as the reconciler last saw it in the cluster, and
 * how old that is. Nothing from a backend too old to say.
 */
export function DiffBaseNote({ base }: { base?: DiffBase }) {
  if (!base || base.source === 'none') return null;
  return (
    <Text as="p" variant="body-small" color="secondary">
      {base.summary}
    </Text>
  );
}

/**
 * Where the live NodePool differs from the approved spec (an edit outside the portal, or an
 * approval not applied yet): what the approver would otherwise not see.
 */
export function LiveDrift({ base }: { base?: DiffBase }) {
  if (!base?.drift?.length) return null;
  return (
    <>
      <Text as="p">
        The NodePool running now differs from the approved spec:
      </Text>
      <DiffTable
        changes={base.drift}
        label="Live NodePool against the approved spec"
        before="Live"
        after="Approved"
      />
    </>
  );
}
