import { chmodSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  KarpenterModuleUnavailableError,
  karpenterCrdsUnavailable,
  locateKarpenterModule,
} from './karpenterModule.ts';

const VERSION = 'v0.0.1-test';

/** An empty module cache, a home without one, and a `go` that fakes the two calls made. */
function sandbox() {
  const root = mkdtempSync(join(tmpdir(), 'karpenter-module-'));
  const cache = join(root, 'modcache');
  const bin = join(root, 'bin');
  const log = join(root, 'go.log');
  mkdirSync(cache);
  mkdirSync(bin);
  writeFileSync(log, '');
  writeFileSync(
    join(bin, 'go'),
    [
      '#!/bin/sh',
      'echo "$*" >> "$FAKE_GO_LOG"',
      'if [ "$1" = env ]; then echo "$FAKE_GO_CACHE"; exit 0; fi',
      'if [ -n "$FAKE_GO_FAIL" ]; then echo \'{"Error": "unknown revision"}\'; exit 1; fi',
      'mkdir -p "$FAKE_GO_CACHE/$4/pkg/apis/crds"',
      'printf \'{"Dir": "%s"}\\n\' "$FAKE_GO_CACHE/$4"',
    ].join('\n'),
  );
  chmodSync(join(bin, 'go'), 0o755);
  const noGo: NodeJS.ProcessEnv = { PATH: '', HOME: join(root, 'home') };
  const withGo: NodeJS.ProcessEnv = {
    PATH: [bin, '/usr/bin', '/bin'].join(':'),
    HOME: join(root, 'home'),
    FAKE_GO_CACHE: cache,
    FAKE_GO_LOG: log,
  };
  const addToCache = (dir: string) =>
    mkdirSync(join(dir, 'pkg', 'apis', 'crds'), { recursive: true });
  const goCalls = () => readFileSync(log, 'utf8').trim().split('\n');
  return { root, cache, noGo, withGo, addToCache, goCalls };
}

describe('locateKarpenterModule', () => {
  it('finds a cached module without Go, in GOMODCACHE, GOPATH or ~/go', () => {
    const box = sandbox();
    const expectFound = (env: NodeJS.ProcessEnv, root: string) => {
      const dir = join(
        root,
        `github.com/aws/karpenter-provider-aws@${VERSION}`,
      );
      box.addToCache(dir);
      expect(locateKarpenterModule('aws', { env, version: VERSION })).toBe(dir);
    };
    expectFound({ ...box.noGo, GOMODCACHE: box.cache }, box.cache);
    const gopath = join(box.root, 'gopath');
    expectFound(
      { ...box.noGo, GOPATH: `${gopath}:/elsewhere` },
      join(gopath, 'pkg', 'mod'),
    );
    expectFound(box.noGo, join(box.root, 'home', 'go', 'pkg', 'mod'));
    // GOMODCACHE wins, as for Go: the copy under GOPATH is not looked at then.
    expect(() =>
      locateKarpenterModule('aws', {
        env: { ...box.noGo, GOMODCACHE: join(box.root, 'empty') },
        version: VERSION,
      }),
    ).toThrow(join(box.root, 'empty'));
  });

  it('spells upper-case letters the way the module cache does', () => {
    const box = sandbox();
    const dir = join(box.cache, 'sigs.k8s.io', 'karpenter@v1.0.0-!r!c.1');
    box.addToCache(dir);
    expect(
      locateKarpenterModule('core', {
        env: { ...box.noGo, GOMODCACHE: box.cache },
        version: 'v1.0.0-RC.1',
      }),
    ).toBe(dir);
  });

  it('without Go and without the module, says why and where it looked', () => {
    const box = sandbox();
    const env = { ...box.noGo, GOMODCACHE: box.cache };
    expect(() =>
      locateKarpenterModule('core', { env, version: VERSION }),
    ).toThrow(KarpenterModuleUnavailableError);
    const reason = karpenterCrdsUnavailable(['aws', 'core'], {
      env,
      version: VERSION,
    });
    expect(reason).toContain('go is not on PATH');
    expect(reason).toContain(
      `github.com/aws/karpenter-provider-aws@${VERSION} and sigs.k8s.io/karpenter@${VERSION} are not`,
    );
    expect(reason).toContain(box.cache);

    box.addToCache(join(box.cache, `sigs.k8s.io/karpenter@${VERSION}`));
    expect(
      karpenterCrdsUnavailable(['core'], { env, version: VERSION }),
    ).toBeUndefined();
    expect(
      karpenterCrdsUnavailable(['aws', 'core'], { env, version: VERSION }),
    ).toMatch(/karpenter-provider-aws@v0\.0\.1-test is not/);
  });

  it('with Go, fetches a missing module once and reports how long it took', () => {
    const box = sandbox();
    const progress: string[] = [];
    const options = {
      env: box.withGo,
      version: VERSION,
      onProgress: (message: string) => progress.push(message),
    };
    const dir = join(box.cache, `sigs.k8s.io/karpenter@${VERSION}`);

    expect(locateKarpenterModule('core', options)).toBe(dir);
    expect(progress).toEqual([
      `fetching Karpenter ${VERSION} CRDs from the Go module proxy (sigs.k8s.io/karpenter@${VERSION}) ...`,
      expect.stringMatching(
        new RegExp(`^fetching Karpenter .* took \\d+\\.\\ds: ${dir}$`),
      ),
    ]);
    expect(box.goCalls()).toEqual([
      'env GOMODCACHE',
      `mod download -json sigs.k8s.io/karpenter@${VERSION}`,
    ]);

    // Now cached: asked where the cache is, nothing downloaded, nothing printed.
    expect(locateKarpenterModule('core', options)).toBe(dir);
    expect(box.goCalls()).toHaveLength(3);
    expect(progress).toHaveLength(2);
    expect(karpenterCrdsUnavailable(['aws'], options)).toBeUndefined();
  });

  it('passes on what go mod download reported when it fails', () => {
    const box = sandbox();
    expect(() =>
      locateKarpenterModule('aws', {
        env: { ...box.withGo, FAKE_GO_FAIL: '1' },
        version: VERSION,
        onProgress: () => undefined,
      }),
    ).toThrow(
      `go mod download github.com/aws/karpenter-provider-aws@${VERSION} failed: unknown revision`,
    );
  });
});
