export { RequestDetailPage } from './RequestDetailPage';
