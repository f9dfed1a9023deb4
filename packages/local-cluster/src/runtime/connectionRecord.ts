import type { ControlPlaneBinaries } from '../goBuild/ensureBinaries.ts';
import { SAMPLE_KWOK_NODE_CLASS } from '../kube/sampleKwokNodeClass.ts';
import type { ControlPlaneVersions } from '../versions.ts';
import { KUBECONFIG_CONTEXTS } from './ControlPlaneConnection.ts';
import type {
  ControlPlaneConnection,
  StartTimings,
} from './ControlPlaneConnection.ts';
import { CONTROL_PLANE_USERS } from './controlPlaneUsers.ts';
import type { ControlPlaneTokens } from './controlPlaneUsers.ts';
import type { StartPorts } from './launchProcesses.ts';
import type { ControlPlanePids } from './LaunchPlan.ts';
import type { StateFiles } from './stateFiles.ts';

/** What a started control plane is made of, for {@link connectionRecord}. */
export interface StartedPlane {
  server: string;
  caData: string;
  tokens: ControlPlaneTokens;
  ports: StartPorts;
  versions: ControlPlaneVersions;
  binaries: ControlPlaneBinaries;
  pids: ControlPlanePids;
  crdNames: string[];
  timings: StartTimings;
}

/** The `connection.json` of a started control plane: how programs and tests reach it. */
export function connectionRecord(
  files: StateFiles,
  plane: StartedPlane,
): ControlPlaneConnection {
  const { binaries, ports } = plane;
  return {
    server: plane.server,
    caData: plane.caData,
    tokens: plane.tokens,
    users: {
      admin: CONTROL_PLANE_USERS.admin.name,
      reconciler: CONTROL_PLANE_USERS.reconciler.name,
      lowPrivilege: CONTROL_PLANE_USERS.lowPrivilege.name,
      noAccess: CONTROL_PLANE_USERS.noAccess.name,
    },
    kubeconfigPath: files.kubeconfig,
    contexts: KUBECONFIG_CONTEXTS,
    etcdUrl: `http://127.0.0.1:${ports.controlPlane.etcdClient}`,
    versions: plane.versions,
    pids: plane.pids,
    stateDir: files.stateDir,
    startedAt: new Date().toISOString(),
    crds: plane.crdNames,
    ...(binaries.karpenter
      ? {
          karpenter: {
            versions: binaries.karpenter.versions,
            nodeClassRef: {
              group: 'karpenter.kwok.sh',
              kind: 'KWOKNodeClass',
              name: SAMPLE_KWOK_NODE_CLASS.metadata.name,
            },
            metricsUrl: `http://127.0.0.1:${ports.karpenter.karpenterMetrics}/metrics`,
          },
        }
      : {}),
    timings: plane.timings,
  };
}
