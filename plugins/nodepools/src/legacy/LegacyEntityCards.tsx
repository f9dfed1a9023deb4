import { PoolStatusCard } from '../components/PoolStatusCard';
import { EntityTeamPoolsCard } from '../components/TeamPoolsCard';
import { LegacyNodePoolsLinks } from './LegacyNodePoolsLinks';

/** {@link PoolStatusCard} with links resolved by the legacy app's routes. */
export function LegacyPoolStatusCard() {
  return (
    <LegacyNodePoolsLinks>
      <PoolStatusCard />
    </LegacyNodePoolsLinks>
  );
}

/** {@link EntityTeamPoolsCard} with links resolved by the legacy app's routes. */
export function LegacyTeamPoolsCard() {
  return (
    <LegacyNodePoolsLinks>
      <EntityTeamPoolsCard />
    </LegacyNodePoolsLinks>
  );
}
