import { Text } from '@backstage/ui';
import { describeLoadError } from '../components/LoadErrorAlert/describeLoadError';

/** What a field that follows the cluster's policy shows when the policy could not be loaded. */
export function PolicyLoadError(props: { error: Error }) {
  const { message, advice } = describeLoadError(props.error);
  return (
    <Text role="alert" color="danger">
      {`Could not load the cluster's policy: ${message}. ${advice}`}
    </Text>
  );
}
