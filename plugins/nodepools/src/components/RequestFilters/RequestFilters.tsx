import { Flex, Select, TextField } from '@backstage/ui';
import {
  REQUEST_STATES,
  type RequestState,
} from '@nodepools/plugin-nodepools-common';
import type { ClusterSummary } from '../../api/types';

/** What the request list is narrowed to; empty strings mean "any". */
export interface RequestFilterValues {
  state: RequestState | '';
  cluster: string;
  /** A team's name or group ref, as typed. */
  team: string;
}

/** Props of {@link RequestFilters}. */
export interface RequestFiltersProps {
  value: RequestFilterValues;
  onChange: (value: RequestFilterValues) => void;
  clusters: ClusterSummary[];
}

const ANY = 'any';

/** State, cluster and team filters of a request list. */
export function RequestFilters({
  value,
  onChange,
  clusters,
}: RequestFiltersProps) {
  return (
    <Flex gap="4" align="end" role="group" aria-label="Filters">
      <Select
        label="State"
        options={[
          { id: ANY, label: 'Any state' },
          ...REQUEST_STATES.map(state => ({ id: state, label: state })),
        ]}
        value={value.state || ANY}
        onChange={key =>
          onChange({
            ...value,
            state: key === ANY || !key ? '' : (String(key) as RequestState),
          })
        }
      />
      <Select
        label="Cluster"
        options={[
          { id: ANY, label: 'Any cluster' },
          ...clusters.map(c => ({ id: c.name, label: c.title ?? c.name })),
        ]}
        value={value.cluster || ANY}
        onChange={key =>
          onChange({
            ...value,
            cluster: key === ANY || !key ? '' : String(key),
          })
        }
      />
      <TextField
        label="Team"
        placeholder="payments or group:default/payments"
        value={value.team}
        onChange={team => onChange({ ...value, team })}
      />
    </Flex>
  );
}
