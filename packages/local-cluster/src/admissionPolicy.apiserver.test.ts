import { describeApiServer } from './jest/describeApiServer.ts';
import { KubeApiError } from './kube/KubeApiError.ts';
import type { KubeClient } from './kube/KubeClient.ts';
import type { KubeObject } from './kube/resourcePath.ts';

const TAINT_KEY = 'nodepools.example.com/dedicated';
const TEAM_LABEL = 'nodepools.example.com/team';

function pod(namespace: string, name: string, team: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: {
      containers: [{ name: 'app', image: 'registry.invalid/app:1' }],
      tolerations: [
        {
          key: TAINT_KEY,
          operator: 'Equal',
          value: team,
          effect: 'NoSchedule',
        },
      ],
    },
  };
}

/**
 * Policies are enforced once the API server's policy informer has seen them (about a second).
 * Polls with dry-run creates until the request is refused, and returns that refusal.
 */
async function firstRefusal(
  client: KubeClient,
  object: KubeObject,
  timeoutMs = 20_000,
): Promise<KubeApiError> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await client.create(object, { dryRun: true });
    } catch (error) {
      if (error instanceof KubeApiError) return error;
      throw error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Still admitted after ${timeoutMs}ms: the policy is not enforced`,
      );
    await new Promise(r => setTimeout(r, 250));
  }
}

describeApiServer(
  'ValidatingAdmissionPolicy on a real kube-apiserver',
  suite => {
    it('rejects a pod that tolerates another team’s dedicated taint, and admits the team’s own', async () => {
      const admin = suite.client();
      const policyName = suite.name('dedicated-pools');
      await admin.request('PATCH', `/api/v1/namespaces/${suite.namespace}`, {
        contentType: 'application/merge-patch+json',
        body: { metadata: { labels: { [TEAM_LABEL]: 'payments' } } },
      });
      await admin.apply(
        {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'ValidatingAdmissionPolicy',
          metadata: { name: policyName },
          spec: {
            failurePolicy: 'Fail',
            matchConstraints: {
              resourceRules: [
                {
                  apiGroups: [''],
                  apiVersions: ['v1'],
                  operations: ['CREATE', 'UPDATE'],
                  resources: ['pods'],
                },
              ],
            },
            validations: [
              {
                expression:
                  `!has(object.spec.tolerations) || object.spec.tolerations.all(t, !has(t.key) || t.key != '${TAINT_KEY}' || ` +
                  `(has(namespaceObject.metadata.labels) && '${TEAM_LABEL}' in namespaceObject.metadata.labels && ` +
                  `has(t.value) && namespaceObject.metadata.labels['${TEAM_LABEL}'] == t.value))`,
                messageExpression: `'namespace ' + namespaceObject.metadata.name + ' may not use nodes dedicated to another team'`,
                reason: 'Forbidden',
              },
            ],
          },
        },
        'nodepools-test',
      );
      await admin.apply(
        {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'ValidatingAdmissionPolicyBinding',
          metadata: { name: policyName },
          spec: {
            policyName,
            validationActions: ['Deny'],
            // Only this suite's namespace: other suites share the API server.
            matchResources: {
              namespaceSelector: { matchLabels: suite.labels },
            },
          },
        },
        'nodepools-test',
      );

      const refusal = await firstRefusal(
        admin,
        pod(suite.namespace, 'intruder', 'search'),
      );
      expect(refusal.statusCode).toBe(403);
      expect(refusal.status.message).toContain(
        `ValidatingAdmissionPolicy '${policyName}'`,
      );
      expect(refusal.status.message).toContain(
        `namespace ${suite.namespace} may not use nodes dedicated to another team`,
      );

      // The team's own pod is admitted and really stored.
      const created = await admin.create<KubeObject>(
        pod(suite.namespace, 'tenant', 'payments'),
      );
      expect(created.metadata.name).toBe('tenant');
    });
  },
);
