import { Alert } from '@backstage/ui';
import type { ServerVerdicts as Verdicts } from '../../api/types';

/**
 * The target cluster's API server's own verdict on what the request would apply (a dry-run apply
 * judged by the cluster's installed Karpenter CRDs, whatever their version), per object: it
 * catches what the portal's checks cannot know. A refusal means the request can never apply;
 * no answer means only the portal's checks were made. Nothing when the backend asked nothing.
 */
export function ServerVerdicts({ server }: { server?: Verdicts }) {
  if (!server || server.verdicts.length === 0) return null;
  const { cluster, validator, verdicts } = server;
  const { status, title } = summaryOf(cluster, validator, verdicts);
  return (
    <Alert
      status={status}
      icon
      title={title}
      description={
        <ul aria-label="API server verdicts">
          {verdicts.map(v => (
            <li key={`${v.kind}/${v.name}`}>
              {v.kind} <code>{v.name}</code>: {label(v.verdict)}
              {v.verdict === 'accepted' ? '' : ` — ${v.message}`}
            </li>
          ))}
        </ul>
      }
    />
  );
}

function summaryOf(
  cluster: string,
  validator: string,
  verdicts: Verdicts['verdicts'],
): { status: 'danger' | 'success' | 'info'; title: string } {
  if (verdicts.some(v => v.verdict === 'refused'))
    return {
      status: 'danger',
      title: `Refused by ${cluster}'s API server (${validator}): it cannot be approved as it is`,
    };
  if (verdicts.every(v => v.verdict === 'accepted'))
    return {
      status: 'success',
      title: `Accepted by ${cluster}'s API server (${validator})`,
    };
  return {
    status: 'info',
    title: `Not checked by ${cluster}'s API server: only the portal's own checks apply`,
  };
}

function label(verdict: Verdicts['verdicts'][number]['verdict']): string {
  switch (verdict) {
    case 'accepted':
      return 'accepted';
    case 'refused':
      return 'refused';
    case 'unreachable':
      return 'cluster unreachable';
    case 'timeout':
      return 'no answer in time';
    default:
      return 'not asked';
  }
}
