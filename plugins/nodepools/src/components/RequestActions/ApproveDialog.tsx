import { Flex, Text, TextAreaField } from '@backstage/ui';
import { useState } from 'react';
import { DecisionDialog } from './DecisionDialog';

/** Props of {@link ApproveDialog}. */
export interface ApproveDialogProps {
  isOpen: boolean;
  onClose: () => void;
  /** Approves with the comment (undefined when none); the dialog stays open while it runs. */
  onApprove: (comment: string | undefined) => Promise<void>;
  pending: boolean;
  /** E.g. "the second of 2 approvals": what this approval does. */
  effect: string;
}

/**
 * Asks before approving, as Reject does: an approval applies a pool to a cluster. The comment is
 * optional and goes into the request's history next to the approval.
 */
export function ApproveDialog({
  isOpen,
  onClose,
  onApprove,
  pending,
  effect,
}: ApproveDialogProps) {
  const [comment, setComment] = useState('');
  const trimmed = comment.trim();
  return (
    <DecisionDialog
      title="Approve this request"
      isOpen={isOpen}
      onClose={onClose}
      pending={pending}
      decideLabel="Approve"
      onDecide={() => onApprove(trimmed === '' ? undefined : trimmed)}
    >
      <Flex direction="column" gap="3">
        <Text as="p">
          {`This is ${effect}. The preview on this page is what will be applied, and it stays on the request with your approval.`}
        </Text>
        <TextAreaField
          label="Comment (optional)"
          description="Kept in the request's history with your approval."
          value={comment}
          onChange={setComment}
        />
      </Flex>
    </DecisionDialog>
  );
}
