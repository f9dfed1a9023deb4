import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Text,
  TextAreaField,
} from '@backstage/ui';
import { useState } from 'react';

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
    <Dialog isOpen={isOpen} onOpenChange={open => !open && onClose()}>
      <DialogHeader>Approve this request</DialogHeader>
      <DialogBody>
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
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onClose}>
          Keep it pending
        </Button>
        <Button
          variant="primary"
          isPending={pending}
          onPress={() => onApprove(trimmed === '' ? undefined : trimmed)}
        >
          Approve
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
