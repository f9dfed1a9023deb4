import { Text } from '@backstage/ui';
import type { DeliveryTarget as Target } from '@nodepools/plugin-nodepools-common';

/**
 * Where approving sends the change on a cluster with git delivery: the pool's file in the
 * repository, as a pull request or a commit on the branch the cluster's GitOps controller syncs.
 * Nothing for a cluster the portal applies to itself.
 */
export function DeliveryTarget({
  delivery,
  removes = false,
}: {
  delivery?: Target;
  /** A decommission: approving removes the file. */
  removes?: boolean;
}) {
  if (!delivery) return null;
  const how =
    delivery.mode === 'push'
      ? `a commit on ${delivery.branch}`
      : `a pull request into ${delivery.branch}`;
  return (
    <Text as="p" role="note" aria-label="Delivery">
      Approving {removes ? 'removes' : 'writes'} <code>{delivery.path}</code> in{' '}
      {delivery.repository} as {how}; the cluster's GitOps controller applies it
      once merged.
    </Text>
  );
}
