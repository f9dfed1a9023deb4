import { Flex, Link } from '@backstage/ui';
import { useNodePoolsLinks } from '../../routing';

/** Links between the plugin's views; plain links, so they work with the keyboard and open in new tabs. */
export function SectionNav() {
  const { overview, queue, myRequests } = useNodePoolsLinks();
  const links = [
    { label: 'Clusters', href: overview },
    { label: 'Approval queue', href: queue },
    { label: 'My requests', href: myRequests },
  ].filter((link): link is { label: string; href: string } => !!link.href);
  if (links.length === 0) return null;
  return (
    <nav aria-label="Node pools sections">
      <Flex gap="4">
        {links.map(link => (
          <Link key={link.label} href={link.href}>
            {link.label}
          </Link>
        ))}
      </Flex>
    </nav>
  );
}
