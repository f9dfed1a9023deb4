import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reportsModuleVersion } from './readModuleVersion.ts';

describe('reportsModuleVersion', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-version-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the module lines the Go linker embeds (as `go version -m` prints them)', () => {
    const binary = path.join(dir, 'kwok');
    fs.writeFileSync(
      binary,
      Buffer.concat([
        Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]),
        Buffer.from(
          'path\tsigs.k8s.io/karpenter/kwok\nmod\tnodepools.local/karpenter-kwok-build\t(devel)\t\n' +
            'dep\tsigs.k8s.io/karpenter\tv1.14.1\th1:GjqvOHLjl2+OXM0ti5VEZSQuvcitB0pETd8zdChXEtI=\n',
        ),
      ]),
    );
    expect(
      reportsModuleVersion(binary, 'sigs.k8s.io/karpenter', 'v1.14.1'),
    ).toBe(true);
    // Another version, a module that only shares a prefix, and a missing file are not it.
    expect(
      reportsModuleVersion(binary, 'sigs.k8s.io/karpenter', 'v1.14.0'),
    ).toBe(false);
    expect(reportsModuleVersion(binary, 'sigs.k8s.io/karp', 'v1.14.1')).toBe(
      false,
    );
    expect(
      reportsModuleVersion(
        path.join(dir, 'missing'),
        'sigs.k8s.io/karpenter',
        'v1.14.1',
      ),
    ).toBe(false);
  });
});
