import { Text } from '@backstage/ui';
import type { RequestPreview } from '@nodepools/plugin-nodepools-common';
import { CostCeilingEntry } from '../../components/RequestPreviewSection/CostSummary';

const UNITS = { cpu: 'CPU', memory: 'memory', gpu: 'GPU' } as const;
const RESOURCES = ['cpu', 'memory', 'gpu'] as const;
type Amounts = Partial<Record<(typeof RESOURCES)[number], string>>;

const amounts = (values: Amounts, skipZero = false) =>
  RESOURCES.filter(r => values[r] !== undefined)
    .filter(r => !skipZero || values[r] !== '0')
    .map(r => `${values[r]} ${UNITS[r]}`)
    .join(', ');

/** The budget line: what is left, or how far over it goes (never a bare "0" when over). */
export function budgetText(preview: RequestPreview): string {
  const budget = preview.budget;
  // A backend older than the outlook sends only what is left.
  if (!budget) return amounts(preview.budgetAfter);
  const over = RESOURCES.filter(r => budget.over[r] !== undefined);
  if (over.length === 0) return amounts(budget.left);
  const left = Object.fromEntries(
    RESOURCES.filter(r => budget.over[r] === undefined).map(r => [
      r,
      budget.left[r],
    ]),
  );
  const rest = amounts(left);
  return `Over by ${amounts(budget.over)}${rest ? `; ${rest} left` : ''}`;
}

/** "16 CPU, 64Gi memory reserved by 2 pending requests", or undefined when none reserve any. */
export function reservedText(preview: RequestPreview): string | undefined {
  const reserved = preview.budget?.reserved;
  if (!reserved || reserved.requests === 0) return undefined;
  return `${amounts(reserved, true)} reserved by ${reserved.requests} pending ${
    reserved.requests === 1 ? 'request' : 'requests'
  }`;
}

/**
 * The monthly cost ceiling of the limits and the team's budget on the cluster afterwards, with
 * its pending requests counted as reserved: what a requester needs while choosing the limits.
 */
export function LimitsSummary({ preview }: { preview: RequestPreview }) {
  const budget = budgetText(preview);
  const reserved = reservedText(preview);
  return (
    <dl style={{ margin: 0 }}>
      <CostCeilingEntry cost={preview.cost} />
      <dt>
        <Text weight="bold">Team budget left on the cluster afterwards</Text>
      </dt>
      <dd style={{ marginLeft: 0 }}>
        <Text color={budget.startsWith('Over') ? 'danger' : undefined}>
          {budget}
        </Text>
        {reserved && (
          <Text as="p" color="secondary">
            {reserved}
          </Text>
        )}
      </dd>
    </dl>
  );
}
