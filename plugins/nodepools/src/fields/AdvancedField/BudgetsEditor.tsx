import {
  Button,
  Checkbox,
  CheckboxGroup,
  Flex,
  Text,
  TextField,
} from '@backstage/ui';
import {
  DISRUPTION_REASONS,
  type DisruptionBudget,
} from '@nodepools/plugin-nodepools-common';

/** Drops a budget's empty optional parts, so an untouched window is not sent as "". */
function compact(budget: DisruptionBudget): DisruptionBudget {
  const out: DisruptionBudget = { nodes: budget.nodes };
  if (budget.schedule) out.schedule = budget.schedule;
  if (budget.duration) out.duration = budget.duration;
  if (budget.reasons?.length) out.reasons = budget.reasons;
  return out;
}

/**
 * The pool's disruption budgets: how many nodes Karpenter may disrupt at once, each optionally
 * only in a window (cron schedule and duration) and for some reasons.
 */
export function BudgetsEditor(props: {
  budgets: DisruptionBudget[] | undefined;
  onChange: (budgets: DisruptionBudget[] | undefined) => void;
  disabled?: boolean;
}) {
  const { budgets = [], onChange, disabled } = props;
  const update = (index: number, patch: Partial<DisruptionBudget>) =>
    onChange(
      budgets.map((b, i) => (i === index ? compact({ ...b, ...patch }) : b)),
    );
  return (
    <Flex direction="column" gap="3">
      <Text as="h4" variant="body-large" weight="bold">
        Disruption budgets
      </Text>
      <Text color="secondary">
        {budgets.length === 0
          ? "None: Karpenter's default, at most 10% of the nodes at once."
          : 'Karpenter disrupts no more nodes at once than the strictest budget that applies.'}
      </Text>
      {budgets.map((budget, index) => {
        const n = index + 1;
        return (
          <Flex
            key={index}
            direction="column"
            gap="2"
            aria-label={`Disruption budget ${n}`}
            role="group"
          >
            <Flex gap="3">
              <TextField
                label={`Budget ${n}: nodes`}
                description='A count ("5") or a percentage ("10%")'
                isDisabled={disabled}
                value={budget.nodes}
                onChange={nodes => update(index, { nodes })}
              />
              <TextField
                label={`Budget ${n}: schedule`}
                description='Cron, e.g. "0 9 * * mon-fri"; empty for always'
                isDisabled={disabled}
                value={budget.schedule ?? ''}
                onChange={schedule => update(index, { schedule })}
              />
              <TextField
                label={`Budget ${n}: duration`}
                description='How long from each start, e.g. "8h"'
                isDisabled={disabled}
                value={budget.duration ?? ''}
                onChange={duration => update(index, { duration })}
              />
            </Flex>
            <CheckboxGroup
              label={`Budget ${n}: reasons`}
              description="Only for these reasons; none for every reason"
              orientation="horizontal"
              isDisabled={disabled}
              value={budget.reasons ?? []}
              onChange={reasons =>
                update(index, {
                  reasons: reasons as DisruptionBudget['reasons'],
                })
              }
            >
              {DISRUPTION_REASONS.map(reason => (
                <Checkbox key={reason} value={reason}>
                  {reason}
                </Checkbox>
              ))}
            </CheckboxGroup>
            <div>
              <Button
                variant="tertiary"
                size="small"
                isDisabled={disabled}
                onPress={() => {
                  const rest = budgets.filter((_, i) => i !== index);
                  onChange(rest.length ? rest : undefined);
                }}
              >
                {`Remove budget ${n}`}
              </Button>
            </div>
          </Flex>
        );
      })}
      <div>
        <Button
          variant="secondary"
          size="small"
          isDisabled={disabled}
          onPress={() => onChange([...budgets, { nodes: '10%' }])}
        >
          Add a disruption budget
        </Button>
      </div>
    </Flex>
  );
}
