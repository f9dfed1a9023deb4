import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Text,
  TextAreaField,
  TextField,
} from '@backstage/ui';
import { isLifetime } from '@nodepools/plugin-nodepools-common';
import { useState } from 'react';

/** Props of {@link ExtendDialog}. */
export interface ExtendDialogProps {
  isOpen: boolean;
  onClose: () => void;
  /** Files the Extend; the dialog stays open while it runs. */
  onExtend: (lifetime: string, justification: string) => Promise<void>;
  pending: boolean;
  /** The lifetime offered first (the cluster's default). */
  initialLifetime: string;
  /** The cluster's maximum, when it has one. */
  max?: string;
}

/** Asks how long the grant should last from the Extend's approval, and why. */
export function ExtendDialog({
  isOpen,
  onClose,
  onExtend,
  pending,
  initialLifetime,
  max,
}: ExtendDialogProps) {
  const [lifetime, setLifetime] = useState(initialLifetime);
  const [justification, setJustification] = useState('');
  const valid = isLifetime(lifetime.trim());
  const why = justification.trim();
  return (
    <Dialog isOpen={isOpen} onOpenChange={open => !open && onClose()}>
      <DialogHeader>Extend the grant</DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Text as="p">
            An Extend is a change request with only a new lifetime: it is
            approved like any change, and the grant then runs for this long from
            the approval.
          </Text>
          <TextField
            label="Lifetime"
            description={`Days, hours or minutes, such as 30d${
              max ? `; at most ${max} on this cluster` : ''
            }.`}
            value={lifetime}
            isInvalid={!valid}
            onChange={setLifetime}
          />
          <TextAreaField
            label="Why does the team still need it?"
            description="The platform team reads this when deciding (10 characters or more)."
            value={justification}
            onChange={setJustification}
          />
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onClose}>
          Cancel
        </Button>
        <Button
          variant="primary"
          isPending={pending}
          isDisabled={!valid || why.length < 10}
          onPress={() => onExtend(lifetime.trim(), why)}
        >
          Request the extension
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
