import { Flex, Text } from '@backstage/ui';
import type { RequestPreview } from '@nodepools/plugin-nodepools-common';
import { CostSummary } from './CostSummary';
import { DeliveryTarget } from './DeliveryTarget';
import { DiffBaseNote, LiveDrift } from './DiffBaseNote';
import { DiffTable } from './DiffTable';
import { ManifestYaml } from './ManifestYaml';
import { PolicyResults } from './PolicyResults';
import { PreviewWarnings } from './PreviewWarnings';
import { ServerVerdicts } from './ServerVerdicts';
import type {
  DeliveryTarget as Target,
  ServerVerdicts as Verdicts,
} from '../../api/types';

/**
 * What approving the request would do: warnings about the cluster first, then policy and the
 * target API server's verdict, drift
 * impact, the diff against what runs (and what runs against the approved spec, when they differ),
 * cost and the manifests.
 */
export function RequestPreviewSection({
  preview,
  warnings = [],
  server,
  delivery,
}: {
  preview: RequestPreview;
  warnings?: string[];
  server?: Verdicts;
  delivery?: Target;
}) {
  return (
    <Flex direction="column" gap="4">
      <PreviewWarnings warnings={warnings} />
      <PolicyResults policy={preview.policy} />
      <ServerVerdicts server={server} />
      <DeliveryTarget
        delivery={delivery}
        removes={preview.request.kind === 'decommission'}
      />
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-x-small">
          Impact on running nodes
        </Text>
        <Text as="p">{preview.impactSummary}</Text>
        <DiffBaseNote base={preview.diffBase} />
        {preview.diff.changes.length > 0 && (
          <DiffTable changes={preview.diff.changes} />
        )}
        <LiveDrift base={preview.diffBase} />
      </Flex>
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-x-small">
          Cost
        </Text>
        <CostSummary preview={preview} />
      </Flex>
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-x-small">
          Manifests
        </Text>
        <ManifestYaml yaml={preview.manifestsYaml} />
      </Flex>
    </Flex>
  );
}
