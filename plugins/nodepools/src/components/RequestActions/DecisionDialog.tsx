import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
} from '@backstage/ui';
import type { ReactNode } from 'react';

/**
 * The frame of the approve and reject dialogs: what the decision does (`children`), and two
 * buttons, one that leaves the request pending and one that decides.
 */
export function DecisionDialog({
  title,
  isOpen,
  onClose,
  pending,
  decideLabel,
  canDecide = true,
  onDecide,
  children,
}: {
  title: string;
  isOpen: boolean;
  onClose: () => void;
  /** While the decision runs: the dialog stays open with its button busy. */
  pending: boolean;
  decideLabel: string;
  canDecide?: boolean;
  onDecide: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog isOpen={isOpen} onOpenChange={open => !open && onClose()}>
      <DialogHeader>{title}</DialogHeader>
      <DialogBody>{children}</DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onClose}>
          Keep it pending
        </Button>
        <Button
          variant="primary"
          isDisabled={!canDecide}
          isPending={pending}
          onPress={onDecide}
        >
          {decideLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
