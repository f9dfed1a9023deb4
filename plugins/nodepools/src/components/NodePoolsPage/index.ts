export { NodePoolsPage } from './NodePoolsPage';
