// Writes app-config.local.yaml (git-ignored, loaded automatically by `yarn start`) so that the
// demo's `local` cluster points at the control plane that `yarn cluster:start` just started.
// Config arrays replace rather than merge, so the whole nodepools section is copied from
// app-config.yaml with the local cluster's connection filled in.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

const [connectionFile, outFile] = process.argv.slice(2);
const connection = JSON.parse(readFileSync(connectionFile, 'utf8'));
const token = connection.tokens?.reconciler ?? connection.tokens?.admin;
if (!connection.server || !token) {
  console.error(
    `${connectionFile} has no server or token; is the control plane running?`,
  );
  process.exit(1);
}
const { nodepools } = parse(readFileSync('app-config.yaml', 'utf8'));
const local = nodepools.clusters.find(c => c.name === 'local');
Object.assign(local, {
  url: connection.server,
  caData: connection.caData,
  auth: { type: 'serviceAccount', token },
});
// The admission policy lets only the reconciler's identity set team labels on namespaces; locally
// that identity is the control plane's reconciler user, not the in-cluster ServiceAccount.
const reconcilerName = connection.users?.reconciler ?? 'nodepools-reconciler';
local.policy = { ...local.policy, reconcilerUsername: reconcilerName };
// NODEPOOLS_DELIVERY=git: approvals go to the demo's local forge (scripts/lib/local-forge.ts) as
// pull requests, with its token as the integrations.github entry for its host; its sync loop
// stands in for Argo CD.
const extra = {};
if (process.env.NODEPOOLS_DELIVERY === 'git') {
  const host = `127.0.0.1:${process.env.NODEPOOLS_FORGE_PORT ?? '7071'}`;
  local.delivery = {
    type: 'git',
    repository: `http://${host}/acme/clusters`,
    branch: 'main',
    mode: process.env.NODEPOOLS_DELIVERY_MODE ?? 'pull-request',
  };
  extra.integrations = {
    github: [
      { host, apiBaseUrl: `http://${host}/api/v3`, token: 'demo-token' },
    ],
  };
}
writeFileSync(
  outFile,
  `# Written by scripts/demo from ${connectionFile}; do not commit.\n${stringify(
    { nodepools, ...extra },
  )}`,
  { mode: 0o600 },
);
console.log(
  `Pointed the portal's local cluster at ${connection.server} (${outFile})`,
);
