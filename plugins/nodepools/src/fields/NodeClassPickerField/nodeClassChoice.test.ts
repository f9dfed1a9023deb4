import { unpinnedAmiWarning } from '../../__fixtures__/records';
import { nodeClassChoice } from './nodeClassChoice';

// Worded as the backend's nodeClassWarnings words them.
const missing =
  'node class gpu does not exist on cluster staging: the pool cannot launch nodes until it is created';
const notReady =
  'node class gpu is not Ready (SubnetsNotFound): nodes of this pool may fail to launch';

describe('nodeClassChoice', () => {
  it('cannot be chosen when the backend saw the class missing or not Ready', () => {
    expect(nodeClassChoice('gpu', [missing])).toEqual({
      name: 'gpu',
      unusable: missing,
      notes: [],
    });
    expect(nodeClassChoice('gpu', [notReady]).unusable).toBe(notReady);
  });

  it('keeps other warnings as notes, and ignores warnings about other classes', () => {
    expect(nodeClassChoice('default', [unpinnedAmiWarning, missing])).toEqual({
      name: 'default',
      notes: [unpinnedAmiWarning],
    });
    // "gpu" must not match a class whose name merely starts with it.
    expect(nodeClassChoice('gp', [missing])).toEqual({ name: 'gp', notes: [] });
  });

  it('has nothing against a class the backend knows nothing about', () => {
    expect(nodeClassChoice('default', undefined)).toEqual({
      name: 'default',
      notes: [],
    });
  });
});
