import type { ClusterNodeClass } from '@nodepools/plugin-nodepools-common';
import { unpinnedAmiWarning } from '../../__fixtures__/records';
import { nodeClassChoice } from './nodeClassChoice';

// Worded as the backend's nodeClassWarnings words them.
const missing =
  'node class gpu does not exist on cluster staging: the pool cannot launch nodes until it is created';
const notReady =
  'node class gpu is not Ready (SubnetsNotFound): nodes of this pool may fail to launch';

const observed = (
  name: string,
  facts: Partial<ClusterNodeClass>,
): ClusterNodeClass => ({
  name,
  exists: true,
  ready: 'True',
  amiAliases: [],
  warnings: [],
  ...facts,
});

describe('nodeClassChoice', () => {
  it('cannot be chosen when the cluster reports the class missing or not Ready', () => {
    expect(
      nodeClassChoice(
        'staging',
        'gpu',
        observed('gpu', {
          exists: false,
          ready: undefined,
          warnings: [missing],
        }),
      ),
    ).toEqual({ name: 'gpu', unusable: missing, notes: [] });
    expect(
      nodeClassChoice(
        'staging',
        'gpu',
        observed('gpu', {
          ready: 'False',
          readyMessage: 'SubnetsNotFound',
          warnings: [notReady],
        }),
      ).unusable,
    ).toBe(notReady);
  });

  it('decides on the facts, not on how a warning is worded', () => {
    // A backend that words its warnings otherwise (or sends none) still gets the class refused.
    expect(
      nodeClassChoice(
        'staging',
        'gpu',
        observed('gpu', { exists: false, warnings: ['GPU class is gone'] }),
      ),
    ).toEqual({
      name: 'gpu',
      unusable: missing,
      notes: ['GPU class is gone'],
    });
    expect(
      nodeClassChoice(
        'staging',
        'gpu',
        observed('gpu', { ready: undefined, warnings: [] }),
      ).unusable,
    ).toMatch(/^node class gpu is not Ready \(no Ready condition yet\)/);
    // A Ready class whose warning merely mentions readiness stays usable.
    expect(
      nodeClassChoice(
        'staging',
        'gpu',
        observed('gpu', { warnings: [notReady] }),
      ),
    ).toEqual({ name: 'gpu', notes: [notReady] });
  });

  it('keeps other warnings as notes', () => {
    expect(
      nodeClassChoice(
        'local',
        'default',
        observed('default', {
          amiAliases: ['al2023@latest'],
          warnings: [unpinnedAmiWarning],
        }),
      ),
    ).toEqual({ name: 'default', notes: [unpinnedAmiWarning] });
  });

  it('has nothing against a class the reconciler has not observed', () => {
    expect(nodeClassChoice('local', 'default', undefined)).toEqual({
      name: 'default',
      notes: [],
    });
  });
});
