import { Alert, Button, Text } from '@backstage/ui';
import { describeLoadError } from './describeLoadError';

/** Props of {@link LoadErrorAlert}. */
export interface LoadErrorAlertProps {
  /** What could not be loaded, as it reads in "Could not load …". */
  subject: string;
  error: Error;
  /** Loads again; offered as a "Try again" button. */
  onRetry: () => void;
  /** True while the retry is under way: the alert stays until it succeeds. */
  retrying?: boolean;
}

/** A failed load: the backend's message, what to do next, and a way to try again. */
export function LoadErrorAlert({
  subject,
  error,
  onRetry,
  retrying = false,
}: LoadErrorAlertProps) {
  const { message, advice } = describeLoadError(error);
  return (
    <Alert
      role="alert"
      status="danger"
      icon
      title={`Could not load ${subject}`}
      description={
        <>
          <Text as="p">{message}</Text>
          <Text as="p">{advice}</Text>
        </>
      }
      customActions={
        <Button
          size="small"
          variant="secondary"
          onPress={onRetry}
          isPending={retrying}
        >
          Try again
        </Button>
      }
    />
  );
}
