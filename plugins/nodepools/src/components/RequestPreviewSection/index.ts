export { RequestPreviewSection } from './RequestPreviewSection';
