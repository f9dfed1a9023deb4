import type { KubeObject } from './resourcePath.ts';

/**
 * The KWOKNodeClass `default` that Karpenter mode installs, so a pool whose policy says
 * `nodeClassRef: { group: karpenter.kwok.sh, kind: KWOKNodeClass }` and node class `default`
 * launches nodes at once. Its CRD defaults the status to Ready, so Karpenter accepts it without
 * a controller of its own.
 */
export const SAMPLE_KWOK_NODE_CLASS: KubeObject = {
  apiVersion: 'karpenter.kwok.sh/v1alpha1',
  kind: 'KWOKNodeClass',
  metadata: { name: 'default' },
  spec: {},
};
