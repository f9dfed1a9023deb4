import {
  renderKubernetesGoMod,
  stagingModules,
} from './renderKubernetesGoMod.ts';

const upstream = `module k8s.io/kubernetes

go 1.25.0

godebug default=go1.24

require (
	k8s.io/api v0.0.0
	k8s.io/utils v0.0.0-20250604170112-4c0f3b243397
)

replace (
	k8s.io/api => ./staging/src/k8s.io/api
	k8s.io/apimachinery => ./staging/src/k8s.io/apimachinery
	k8s.io/sample-controller => ./staging/src/k8s.io/sample-controller
)
`;

describe('renderKubernetesGoMod', () => {
  it('replaces every ./staging module with its published v0.<minor>.<patch> twin', () => {
    const goMod = renderKubernetesGoMod(upstream, 'v1.34.12');
    expect(goMod).toContain('require k8s.io/kubernetes v1.34.12');
    expect(goMod).toContain('\tk8s.io/api => k8s.io/api v0.34.12');
    expect(goMod).toContain(
      '\tk8s.io/apimachinery => k8s.io/apimachinery v0.34.12',
    );
    expect(goMod).toContain(
      '\tk8s.io/sample-controller => k8s.io/sample-controller v0.34.12',
    );
    // Pseudo-versioned modules outside staging (k8s.io/utils) keep their own version.
    expect(goMod).not.toContain('k8s.io/utils =>');
  });

  it('keeps the go and godebug lines of the tag', () => {
    const goMod = renderKubernetesGoMod(upstream, 'v1.34.12');
    expect(goMod).toMatch(/^go 1\.25\.0$/m);
    expect(goMod).toMatch(/^godebug default=go1\.24$/m);
  });

  it('refuses a version that is not v1.x.y and a go.mod without staging', () => {
    expect(() => renderKubernetesGoMod(upstream, '1.34.12')).toThrow(
      /v1\.34\.12/,
    );
    expect(() => renderKubernetesGoMod('module x\n', 'v1.34.12')).toThrow(
      /no \.\/staging/,
    );
  });

  it('reads single-line replace directives too', () => {
    expect(
      stagingModules('replace k8s.io/kms => ./staging/src/k8s.io/kms\n'),
    ).toEqual(['k8s.io/kms']);
  });
});
