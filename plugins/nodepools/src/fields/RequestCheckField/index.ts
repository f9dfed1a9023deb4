export { RequestCheckField } from './RequestCheckField';
export { validateRequestCheck } from './validateRequestCheck';
