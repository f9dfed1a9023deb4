import { nodeClassWarnings } from './nodeClassWarnings';

describe('nodeClassWarnings', () => {
  it('says nothing before the node classes were observed, or for a pinned, Ready class', () => {
    expect(nodeClassWarnings('local', 'default', undefined)).toEqual([]);
    expect(
      nodeClassWarnings('local', 'default', [
        {
          name: 'default',
          exists: true,
          amiAliases: ['al2023@v20260415'],
          ready: 'True',
        },
      ]),
    ).toEqual([]);
  });

  it('flags an unpinned alias, a class that is not Ready (with its message) and a missing class', () => {
    expect(
      nodeClassWarnings('local', 'default', [
        {
          name: 'default',
          exists: true,
          amiAliases: ['al2023@latest'],
          ready: 'False',
          readyMessage: 'SubnetsNotFound',
        },
      ]),
    ).toEqual([
      'node class default uses an unpinned AMI alias (al2023@latest): every node is replaced when AWS publishes a new image',
      'node class default is not Ready (SubnetsNotFound): nodes of this pool may fail to launch',
    ]);
    expect(
      nodeClassWarnings('local', 'gpu', [
        { name: 'gpu', exists: false, amiAliases: [] },
      ]),
    ).toEqual([
      'node class gpu does not exist on cluster local: the pool cannot launch nodes until it is created',
    ]);
  });
});
