import { Text } from '@backstage/ui';
import type { RequestPreview } from '@nodepools/plugin-nodepools-common';

const money = (amount: number, currency: string) =>
  `${currency} ${Math.round(amount).toLocaleString('en-US')}`;

/** The monthly cost ceiling of a preview's limits, as a `dt`/`dd` pair of a description list. */
export function CostCeilingEntry({ cost }: Pick<RequestPreview, 'cost'>) {
  return (
    <>
      <dt>
        <Text weight="bold">Monthly cost ceiling</Text>
      </dt>
      <dd style={{ marginLeft: 0 }}>
        <Text>
          {cost
            ? `${money(cost.low, cost.currency)} – ${money(
                cost.high,
                cost.currency,
              )} per month if the pool is full`
            : 'None: the pool is removed'}
        </Text>
        {/* How it was computed: list prices and their source and age, or the fixed rates. */}
        {cost?.basis && (
          <Text
            as="p"
            color={
              cost.basis.method === 'instance-prices' && cost.basis.source.stale
                ? 'danger'
                : 'secondary'
            }
          >
            {cost.basis.summary}
          </Text>
        )}
      </dd>
    </>
  );
}

/** The monthly ceiling of the limits and what remains of the team's budget afterwards. */
export function CostSummary({ preview }: { preview: RequestPreview }) {
  const { cost, budgetAfter } = preview;
  return (
    <dl style={{ margin: 0 }}>
      <CostCeilingEntry cost={cost} />
      <dt>
        <Text weight="bold">Team budget left on the cluster afterwards</Text>
      </dt>
      <dd style={{ marginLeft: 0 }}>
        <Text>
          {`${budgetAfter.cpu} CPU, ${budgetAfter.memory} memory, ${budgetAfter.gpu} GPU`}
        </Text>
      </dd>
    </dl>
  );
}
