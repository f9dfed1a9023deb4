export { ApprovalQueuePage } from './ApprovalQueuePage';
