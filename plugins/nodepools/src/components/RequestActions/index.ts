export { RequestActions } from './RequestActions';
