import { TextAreaField } from '@backstage/ui';
import { useState } from 'react';
import { DecisionDialog } from './DecisionDialog';

/** Props of {@link RejectDialog}. */
export interface RejectDialogProps {
  isOpen: boolean;
  onClose: () => void;
  /** Rejects with the reason; the dialog stays open while it runs. */
  onReject: (reason: string) => Promise<void>;
  pending: boolean;
}

// The backend's own rule (rejectBody in the backend): the requester has to learn why.
const MIN_REASON = 3;

/** Asks for the reason before rejecting; the Reject button stays disabled until there is one. */
export function RejectDialog({
  isOpen,
  onClose,
  onReject,
  pending,
}: RejectDialogProps) {
  const [reason, setReason] = useState('');
  const valid = reason.trim().length >= MIN_REASON;
  return (
    <DecisionDialog
      title="Reject this request"
      isOpen={isOpen}
      onClose={onClose}
      pending={pending}
      decideLabel="Reject"
      canDecide={valid}
      onDecide={() => onReject(reason.trim())}
    >
      <TextAreaField
        label="Reason"
        description="The requester sees this; say what would make the request acceptable."
        isRequired
        value={reason}
        onChange={setReason}
      />
    </DecisionDialog>
  );
}
