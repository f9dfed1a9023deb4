export { MyRequestsPage } from './MyRequestsPage';
