export { EntityTeamPoolsCard } from './EntityTeamPoolsCard';
export { TeamPoolsCard } from './TeamPoolsCard';
