import { pidKey } from './LaunchPlan.ts';

describe('pidKey', () => {
  it('names each process the way pids.json and connection.json do', () => {
    expect(pidKey('etcd')).toBe('etcd');
    expect(pidKey('kube-apiserver')).toBe('kubeApiserver');
    expect(pidKey('kube-controller-manager')).toBe('kubeControllerManager');
    expect(pidKey('karpenter')).toBe('karpenter');
  });
});
