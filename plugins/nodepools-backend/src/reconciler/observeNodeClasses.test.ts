import { nodeClassApiVersion } from './observeNodeClasses';

describe('nodeClassApiVersion', () => {
  it('reads node classes of the kind the policy references, at its served version', () => {
    expect(nodeClassApiVersion({ group: 'karpenter.k8s.aws' })).toBe(
      'karpenter.k8s.aws/v1',
    );
    expect(nodeClassApiVersion({ group: 'karpenter.kwok.sh' })).toBe(
      'karpenter.kwok.sh/v1alpha1',
    );
    expect(nodeClassApiVersion({ group: 'example.com' })).toBe(
      'example.com/v1',
    );
  });
});
