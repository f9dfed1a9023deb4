import type { ControlPlaneVersions, KarpenterVersions } from '../versions.ts';
import type {
  ControlPlaneTokens,
  ControlPlaneUser,
} from './controlPlaneUsers.ts';
import type { ControlPlanePids } from './LaunchPlan.ts';

/** How long the phases of one start took, in milliseconds. */
export interface StartTimings {
  /** Ensuring the binaries (cache check, or a build). */
  binariesMs: number;
  /** From spawning the processes to `/readyz` answering ok. */
  readyMs: number;
  /** From spawning the processes to every CRD reporting Established. */
  crdsEstablishedMs: number;
  /** Karpenter mode: from spawning to Karpenter's `/readyz` ok and kube-controller-manager working. */
  karpenterReadyMs?: number;
  /** From spawning the processes to the sample objects applied and the files written. */
  totalFromSpawnMs: number;
}

/**
 * Contents of `connection.json`: everything another process needs to use a running control plane
 * (the backend's demo config, test suites, scripts). The kubeconfig holds the same credentials.
 */
export interface ControlPlaneConnection {
  server: string;
  /** Base64 of the PEM bundle (self-signed CA and serving cert) to trust. */
  caData: string;
  tokens: ControlPlaneTokens;
  /** The user name the API server sees for each token. */
  users: Record<ControlPlaneUser, string>;
  kubeconfigPath: string;
  /** Kubeconfig context of each user. */
  contexts: Record<ControlPlaneUser, string>;
  etcdUrl: string;
  versions: ControlPlaneVersions;
  pids: ControlPlanePids;
  stateDir: string;
  startedAt: string;
  timings: StartTimings;
  /** The CRDs installed and Established. */
  crds: string[];
  /** Present when started in Karpenter mode. */
  karpenter?: {
    versions: KarpenterVersions;
    /** The node class installed for pools to reference. */
    nodeClassRef: { group: string; kind: string; name: string };
    /** Karpenter's Prometheus metrics. */
    metricsUrl: string;
  };
}

/** The kubeconfig context name of each user. */
export const KUBECONFIG_CONTEXTS: Record<ControlPlaneUser, string> = {
  admin: 'nodepools-local-admin',
  reconciler: 'nodepools-local-reconciler',
  lowPrivilege: 'nodepools-local-low-privilege',
  noAccess: 'nodepools-local-no-access',
};
